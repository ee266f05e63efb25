import { and, eq, gte, inArray, lte } from 'drizzle-orm';
import { keysetPage } from '@app/kit/db/shapes';
import { textMatch } from '@app/kit/db/text-search';
import type { Engine } from '@app/kit/db/engine';
import type { UsersStatements } from '../contract.ts';
import { usersTextIndex, type UsersTables } from '../tables.ts';

export function peopleStatements(engine: Engine<UsersTables>) {
  const { db } = engine;
  const { users } = engine.tables;
  return {
    usersByIds: async (ids) => db.select().from(users).where(inArray(users.id, [...ids])),

    usersByHandles: async (handles) => db.select().from(users).where(inArray(users.handle, [...handles])),

    creatorsPage: async (page) => {
      const { where, orderBy } = keysetPage(engine, [users.handle], 'asc', page, (key) => [String(key[0])]);
      return db
        .select()
        .from(users)
        .where(and(eq(users.isCreator, true), where))
        .orderBy(...orderBy)
        .limit(page.first + 1);
    },

    creatorDirectoryPage: async (filter, page) => {
      const { where, orderBy } = keysetPage(engine, [users.followerCount, users.id], 'desc', page, (key) => [Number(key[0]), String(key[1])]);
      return db
        .select()
        .from(users)
        .where(
          and(
            eq(users.isCreator, true),
            filter.topic ? eq(users.topic, filter.topic) : undefined,
            filter.minFollowers !== null ? gte(users.followerCount, filter.minFollowers) : undefined,
            filter.maxFollowers !== null ? lte(users.followerCount, filter.maxFollowers) : undefined,
            filter.country ? eq(users.country, filter.country) : undefined,
            filter.terms.length > 0 ? textMatch(engine.name, usersTextIndex, filter.terms) : undefined,
            where,
          ),
        )
        .orderBy(...orderBy)
        .limit(page.first + 1);
    },

    updateUser: async (id, changes) => (await db.update(users).set(changes).where(eq(users.id, id)).returning())[0],
  } satisfies Partial<UsersStatements>;
}

import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import type { Engine } from '@app/kit/db/engine';
import type { UsersStatements } from '../contract.ts';
import type { UsersTables } from '../tables.ts';

export function peopleStatements(engine: Engine<UsersTables>) {
  const { db } = engine;
  const { users } = engine.tables;
  return {
    usersByIds: async (ids) => db.select().from(users).where(inArray(users.id, [...ids])),

    usersByHandles: async (handles) => db.select().from(users).where(inArray(users.handle, [...handles])),

    creatorsPage: async (page) =>
      db
        .select()
        .from(users)
        .where(and(eq(users.isCreator, true), page.after ? gt(users.handle, String(page.after[0])) : undefined))
        .orderBy(asc(users.handle))
        .limit(page.first + 1),

    updateUser: async (id, changes) => (await db.update(users).set(changes).where(eq(users.id, id)).returning())[0],
  } satisfies Partial<UsersStatements>;
}

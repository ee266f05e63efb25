/**
 * The users store on Postgres: every statement of `../store.ts` again, in Postgres' dialect,
 * typed as the same `Queries<UsersStatements>`, so the compiler holds the two engines to one
 * set of statements with one signature each.
 */
import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Page } from '@app/kit/pagination';
import { insertChunks, isEmpty, openPgConnection, pgStore, type PgConnectionOptions, type PgDb } from '@app/kit/pg';
import { countsPerKeyPg } from '@app/kit/sql-pg';
import { PgNonceStore } from '@app/kit/nonces-pg';
import { migrationsFolderFor, type Queries } from '@app/kit/store';
import { usersSeed } from '../seed.ts';
import type { UsersStatements, UsersStore } from '../store.ts';
import { follows, users } from './schema.ts';

function statements(db: PgDb): Queries<UsersStatements> {
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

    followerCounts: (userIds) => countsPerKeyPg(db, follows, follows.followeeId, userIds),

    followingCounts: (userIds) => countsPerKeyPg(db, follows, follows.followerId, userIds),

    followPages: async (direction: 'followers' | 'following', ownerIds: readonly string[], page: Page) => {
      if (ownerIds.length === 0) return [];
      const owner = direction === 'followers' ? follows.followeeId : follows.followerId;
      const other = direction === 'followers' ? follows.followerId : follows.followeeId;
      const after = page.after ? sql`(${follows.createdAt}, ${other}) < (${new Date(Number(page.after[0])).toISOString()}::timestamp, ${String(page.after[1])})` : undefined;
      const ranked = db
        .select({
          ownerId: sql<string>`${owner}`.as('owner_id'),
          otherId: sql<string>`${other}`.as('other_id'),
          createdAt: follows.createdAt,
          position: sql<number>`row_number() over (partition by ${owner} order by ${follows.createdAt} desc, ${other} desc)`.as('position'),
        })
        .from(follows)
        .where(and(inArray(owner, [...ownerIds]), after))
        .as('ranked');
      const rows = await db
        .select({ ownerId: ranked.ownerId, otherId: ranked.otherId, createdAt: ranked.createdAt })
        .from(ranked)
        .where(sql`${ranked.position} <= ${page.first + 1}`)
        .orderBy(asc(ranked.ownerId), asc(ranked.position));
      // SQLite answers the time as epoch milliseconds; so does this.
      return rows.map((row) => ({ ownerId: row.ownerId, otherId: row.otherId, createdAt: row.createdAt.getTime() }));
    },

    addFollow: async (followerId, followeeId, now) => {
      await db.insert(follows).values({ followerId, followeeId, createdAt: now }).onConflictDoNothing();
    },

    removeFollow: async (followerId, followeeId) => {
      await db.delete(follows).where(and(eq(follows.followerId, followerId), eq(follows.followeeId, followeeId)));
    },

    updateUser: async (id, changes) => (await db.update(users).set(changes).where(eq(users.id, id)).returning())[0],
  };
}

export const pgMigrationsFolder = migrationsFolderFor(import.meta.url, 'drizzle-pg');

async function seed(db: PgDb): Promise<void> {
  if (!(await isEmpty(db, 'users'))) return;
  const rows = usersSeed();
  await db.transaction(async (tx) => {
    await tx.insert(users).values(rows.users);
    await insertChunks(rows.follows, 1_000, (chunk) => tx.insert(follows).values(chunk));
  });
}

/** Opens the users store on a Postgres database (migrating and seeding it as needed). */
export async function openUsersPgStore(url: string, options: Pick<PgConnectionOptions, 'onStatement'> = {}) {
  const connection = await openPgConnection({ url, migrationsFolder: pgMigrationsFolder, seed, ...options });
  const store: UsersStore = pgStore(connection, statements);
  return { ...store, nonces: new PgNonceStore(connection.db), isOpen: () => connection.isOpen, ping: () => connection.ping(), close: () => connection.close() };
}

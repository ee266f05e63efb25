/**
 * The users subgraph's store: every statement it runs, and nothing else runs SQL. Reads are
 * batch-shaped (one statement for many keys) for the loaders; writes are what the domain asks for.
 */
import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import { SqliteNonceStore } from '@app/kit/nonces';
import type { Page } from '@app/kit/pagination';
import { countsPerKey } from '@app/kit/sql';
import { migrationsFolderFor, openStore, sqliteStore, type Store, type StoreOptions } from '@app/kit/store';
import { follows, schema, users, type UserRow, type UsersDb } from './schema.ts';
import { usersSeed } from './seed.ts';

/** An edge of a follow list: `ownerId` is whose list it is, `otherId` the user shown. */
export interface FollowEdgeRow {
  ownerId: string;
  otherId: string;
  createdAt: number;
}

export type ProfileChanges = Partial<Pick<UserRow, 'displayName' | 'bio'>>;

function statements(db: UsersDb) {
  return {
    usersByIds: (ids: readonly string[]): UserRow[] => db.select().from(users).where(inArray(users.id, [...ids])).all(),

    usersByHandles: (handles: readonly string[]): UserRow[] => db.select().from(users).where(inArray(users.handle, [...handles])).all(),

    /** One page of creators ordered by handle, with one extra row to tell whether more follow. */
    creatorsPage: (page: Page): UserRow[] =>
      db
        .select()
        .from(users)
        .where(and(sql`${users.isCreator} = 1`, page.after ? gt(users.handle, String(page.after[0])) : undefined))
        .orderBy(asc(users.handle))
        .limit(page.first + 1)
        .all(),

    followerCounts: (userIds: readonly string[]) => countsPerKey(db, follows, follows.followeeId, userIds),

    followingCounts: (userIds: readonly string[]) => countsPerKey(db, follows, follows.followerId, userIds),

    /**
     * A page of followers (or followees) for each of many users in one statement: rows are
     * numbered per owner, newest first, and each owner keeps `first + 1` of them.
     */
    followPages: (direction: 'followers' | 'following', ownerIds: readonly string[], page: Page): FollowEdgeRow[] => {
      const owner = direction === 'followers' ? sql`followee_id` : sql`follower_id`;
      const other = direction === 'followers' ? sql`follower_id` : sql`followee_id`;
      const after = page.after ? sql`and (created_at, ${other}) < (${Number(page.after[0])}, ${String(page.after[1])})` : sql``;
      const ids = sql.join(
        ownerIds.map((id) => sql`${id}`),
        sql`, `,
      );
      return db.all<FollowEdgeRow>(sql`
        select owner_id as ownerId, other_id as otherId, created_at as createdAt from (
          select ${owner} as owner_id, ${other} as other_id, created_at,
                 row_number() over (partition by ${owner} order by created_at desc, ${other} desc) as position
          from follows
          where ${owner} in (${ids}) ${after}
        )
        where position <= ${page.first + 1}
        order by owner_id, position`);
    },

    /** Records that `followerId` follows `followeeId`; following twice changes nothing. */
    addFollow: (followerId: string, followeeId: string, now: Date): void => {
      db.insert(follows).values({ followerId, followeeId, createdAt: now }).onConflictDoNothing().run();
    },

    removeFollow: (followerId: string, followeeId: string): void => {
      db.delete(follows)
        .where(and(eq(follows.followerId, followerId), eq(follows.followeeId, followeeId)))
        .run();
    },

    updateUser: (id: string, changes: ProfileChanges): UserRow | undefined => db.update(users).set(changes).where(eq(users.id, id)).returning().get(),
  };
}

/** Every statement the users subgraph runs, as SQLite runs them; `pg/store.ts` has the same on Postgres. */
export type UsersStatements = ReturnType<typeof statements>;
export type UsersStore = Store<UsersStatements>;

function seedUsers(db: UsersDb): void {
  const seed = usersSeed();
  db.transaction((tx) => {
    tx.insert(users).values(seed.users).run();
    for (let i = 0; i < seed.follows.length; i += 200) tx.insert(follows).values(seed.follows.slice(i, i + 200)).run();
  });
}

export const migrationsFolder = migrationsFolderFor(import.meta.url);

/** Opens (creating and migrating as needed) the users store, seeding it when empty. */
export function openUsersStore(path: string, options: Pick<StoreOptions, 'onStatement'> = {}) {
  const opened = openStore(schema, { path, migrationsFolder, ...options });
  if (!opened.db.select({ id: users.id }).from(users).limit(1).get()) seedUsers(opened.db);
  const store: UsersStore = sqliteStore(opened.connection, statements(opened.db));
  return { ...store, nonces: new SqliteNonceStore(opened.connection), db: opened.db, isOpen: () => opened.sqlite.open, close: opened.close };
}

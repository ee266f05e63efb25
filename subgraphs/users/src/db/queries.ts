import { and, asc, count, eq, gt, inArray, sql } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { Page } from '@app/kit/pagination';
import { follows, users, type schema, type UserRow } from './schema.ts';

/** The users subgraph's SQL. Every read is batch-shaped: one statement for many keys. */
export type UsersDb = BetterSQLite3Database<typeof schema>;

export function usersByIds(db: UsersDb, ids: readonly string[]): UserRow[] {
  return db.select().from(users).where(inArray(users.id, [...ids])).all();
}

export function usersByHandles(db: UsersDb, handles: readonly string[]): UserRow[] {
  return db.select().from(users).where(inArray(users.handle, [...handles])).all();
}

/** One page of creators ordered by handle, with one extra row to tell whether more follow. */
export function creatorsPage(db: UsersDb, page: Page): UserRow[] {
  const after = page.after ? gt(users.handle, String(page.after[0])) : undefined;
  return db
    .select()
    .from(users)
    .where(and(sql`${users.isCreator} = 1`, after))
    .orderBy(asc(users.handle))
    .limit(page.first + 1)
    .all();
}

export interface FollowCount {
  userId: string;
  count: number;
}

export function followerCounts(db: UsersDb, userIds: readonly string[]): FollowCount[] {
  return db
    .select({ userId: follows.followeeId, count: count() })
    .from(follows)
    .where(inArray(follows.followeeId, [...userIds]))
    .groupBy(follows.followeeId)
    .all();
}

export function followingCounts(db: UsersDb, userIds: readonly string[]): FollowCount[] {
  return db
    .select({ userId: follows.followerId, count: count() })
    .from(follows)
    .where(inArray(follows.followerId, [...userIds]))
    .groupBy(follows.followerId)
    .all();
}

/** An edge of a follow list: `ownerId` is whose list it is, `otherId` the user shown. */
export interface FollowEdgeRow {
  ownerId: string;
  otherId: string;
  createdAt: number;
}

/**
 * A page of followers (or followees) for each of many users in one statement: rows are
 * numbered per owner, newest first, and each owner keeps `first + 1` of them.
 */
export function followPages(db: UsersDb, direction: 'followers' | 'following', ownerIds: readonly string[], page: Page): FollowEdgeRow[] {
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
}

/** Records that `followerId` follows `followeeId`; following twice changes nothing. */
export function addFollow(db: UsersDb, followerId: string, followeeId: string, now: Date): void {
  db.insert(follows).values({ followerId, followeeId, createdAt: now }).onConflictDoNothing().run();
}

export function removeFollow(db: UsersDb, followerId: string, followeeId: string): void {
  db.delete(follows)
    .where(and(eq(follows.followerId, followerId), eq(follows.followeeId, followeeId)))
    .run();
}

export function updateUser(db: UsersDb, id: string, changes: Partial<Pick<UserRow, 'displayName' | 'bio'>>): UserRow | undefined {
  return db.update(users).set(changes).where(eq(users.id, id)).returning().get();
}

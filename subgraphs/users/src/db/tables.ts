/**
 * The users store's tables, described once: `usersTables.sqlite` and `usersTables.postgres` are
 * built from this one description (see `@app/kit/db/tables`). drizzle-kit reads the SQLite set
 * from this file and the Postgres set from `tables-postgres.ts`.
 */
import { defineTables } from '@app/kit/db/tables';
import { kitTables } from '@app/kit/db/kit-tables';
import type { TextIndex } from '@app/kit/db/text-search';
import { CREATOR_TOPICS } from '../vocabulary.ts';

export const usersTables = defineTables((c) => {
  const users = c.table(
    'users',
    {
      id: c.text('id').primaryKey(),
      handle: c.text('handle').notNull().unique(),
      displayName: c.text('display_name').notNull(),
      bio: c.text('bio'),
      country: c.text('country').notNull(),
      verified: c.flag('verified').notNull().default(false),
      isCreator: c.flag('is_creator').notNull().default(false),
      joinedAt: c.time('joined_at').notNull(),
      /** Kept counts of `follows`, changed by the transaction that follows or unfollows. */
      followerCount: c.count('follower_count').notNull().default(0),
      followingCount: c.count('following_count').notNull().default(0),
      /** What a creator makes videos about (one of CREATOR_TOPICS), as they chose it; null until they do. */
      topic: c.text('topic', { enum: CREATOR_TOPICS }),
    },
    (table) => [
      c.index('users_creator_handle').on(table.isCreator, table.handle),
      // The creators directory, most followed first, over all creators or one topic's.
      c.index('users_creator_followers').on(table.isCreator, table.followerCount, table.id),
      c.index('users_creator_topic_followers').on(table.isCreator, table.topic, table.followerCount, table.id),
    ],
  );

  /** `followerId` follows `followeeId`, at most once. */
  const follows = c.table(
    'follows',
    {
      followerId: c
        .text('follower_id')
        .notNull()
        .references(() => users.id),
      followeeId: c
        .text('followee_id')
        .notNull()
        .references(() => users.id),
      createdAt: c.time('created_at').notNull(),
    },
    (table) => [
      c.primaryKey({ columns: [table.followerId, table.followeeId] }),
      // Each list ends with its tiebreak (the other user), so a page walks the index and stops at its
      // size even when many follows share a time (a bulk import of a creator's followers).
      c.index('follows_followee_created_follower').on(table.followeeId, table.createdAt, table.followerId),
      c.index('follows_follower_created_followee').on(table.followerId, table.createdAt, table.followeeId),
    ],
  );

  // Of the kit's tables, users keeps only the signature nonces it accepted (kept across restarts,
  // shared by replicas): it takes no idempotency keys and publishes no LIVE topics, and its
  // migrations have never had those tables.
  const { usedNonces } = kitTables(c);

  return { users, follows, usedNonces };
});

export type UsersTables = typeof usersTables.sqlite;

/** Creators found by words of their handle, name or bio: the directory's index, of creators only (migration 0006 on each engine). */
export const usersTextIndex: TextIndex = { name: 'users_search', table: 'users', columns: ['handle', 'display_name', 'bio'], only: 'is_creator' };

// The SQLite tables by name, for drizzle-kit and for tests that read what a write left behind.
export const { users, follows, usedNonces } = usersTables.sqlite;

export type UserRow = typeof users.$inferSelect;
export type FollowRow = typeof follows.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type NewFollow = typeof follows.$inferInsert;

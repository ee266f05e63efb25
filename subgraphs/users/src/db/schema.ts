import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { usedNonces } from '@app/kit/nonces';

// The kit's table lives in this store too, so drizzle-kit migrates it here: the signature nonces
// accepted, kept across restarts.
export { usedNonces };

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    handle: text('handle').notNull().unique(),
    displayName: text('display_name').notNull(),
    bio: text('bio'),
    country: text('country').notNull(),
    verified: integer('verified', { mode: 'boolean' }).notNull().default(false),
    isCreator: integer('is_creator', { mode: 'boolean' }).notNull().default(false),
    joinedAt: integer('joined_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [index('users_creator_handle').on(table.isCreator, table.handle)],
);

/** `followerId` follows `followeeId`. */
export const follows = sqliteTable(
  'follows',
  {
    followerId: text('follower_id')
      .notNull()
      .references(() => users.id),
    followeeId: text('followee_id')
      .notNull()
      .references(() => users.id),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.followerId, table.followeeId] }),
    index('follows_followee_created').on(table.followeeId, table.createdAt),
    index('follows_follower_created').on(table.followerId, table.createdAt),
  ],
);

export type UserRow = typeof users.$inferSelect;
export type FollowRow = typeof follows.$inferSelect;
export const schema = { users, follows, usedNonces };

/** The connection the seed writes through (the store's statements use it too). */
export type UsersDb = BetterSQLite3Database<typeof schema>;

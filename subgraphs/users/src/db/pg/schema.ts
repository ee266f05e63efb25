/** The users store's tables on Postgres: the same tables, columns and indexes as `../schema.ts`. */
import { boolean, index, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { usedNoncesPg } from '@app/kit/nonces-pg';

// Signature nonces live here too, shared by every replica of the subgraph.
export { usedNoncesPg };

export const users = pgTable(
  'users',
  {
    id: text('id').primaryKey(),
    handle: text('handle').notNull().unique(),
    displayName: text('display_name').notNull(),
    bio: text('bio'),
    country: text('country').notNull(),
    verified: boolean('verified').notNull().default(false),
    isCreator: boolean('is_creator').notNull().default(false),
    joinedAt: timestamp('joined_at', { mode: 'date', precision: 3 }).notNull(),
  },
  (table) => [index('users_creator_handle').on(table.isCreator, table.handle)],
);

export const follows = pgTable(
  'follows',
  {
    followerId: text('follower_id')
      .notNull()
      .references(() => users.id),
    followeeId: text('followee_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { mode: 'date', precision: 3 }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.followerId, table.followeeId] }),
    index('follows_followee_created').on(table.followeeId, table.createdAt),
    index('follows_follower_created').on(table.followerId, table.createdAt),
  ],
);

export const schema = { users, follows, usedNoncesPg };

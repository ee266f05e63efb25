import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { idempotencyKeys } from '@app/kit/idempotency';
import { liveEvents, liveEventTopics } from '@app/kit/live';
import { usedNonces } from '@app/kit/nonces';

// The kit's tables live in this store too, so drizzle-kit migrates them here: idempotency keys
// (scheduling a stream takes one), the outbox of stream status changes, and the signature nonces
// accepted, kept across restarts.
export { idempotencyKeys, liveEvents, liveEventTopics, usedNonces };

// `creator_id` and `user_id` name users owned by the users subgraph: no foreign key can reach them.

export const videos = sqliteTable(
  'videos',
  {
    id: text('id').primaryKey(),
    creatorId: text('creator_id').notNull(),
    caption: text('caption').notNull(),
    durationSeconds: integer('duration_seconds').notNull(),
    thumbnailUrl: text('thumbnail_url').notNull(),
    playbackUrl: text('playback_url').notNull(),
    viewCount: integer('view_count').notNull().default(0),
    hashtags: text('hashtags', { mode: 'json' }).$type<string[]>().notNull(),
    publishedAt: integer('published_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [
    index('videos_creator_published').on(table.creatorId, table.publishedAt),
    index('videos_published_id').on(table.publishedAt, table.id),
  ],
);

export const LIVE_STREAM_STATUSES = ['SCHEDULED', 'LIVE', 'ENDED'] as const;

export const liveStreams = sqliteTable(
  'live_streams',
  {
    id: text('id').primaryKey(),
    creatorId: text('creator_id').notNull(),
    title: text('title').notNull(),
    status: text('status', { enum: LIVE_STREAM_STATUSES }).notNull(),
    /** Viewers watching now: 0 unless the stream is live. */
    viewerCount: integer('viewer_count').notNull().default(0),
    scheduledFor: integer('scheduled_for', { mode: 'timestamp_ms' }),
    startedAt: integer('started_at', { mode: 'timestamp_ms' }),
    endedAt: integer('ended_at', { mode: 'timestamp_ms' }),
  },
  (table) => [
    index('live_streams_creator').on(table.creatorId),
    index('live_streams_status_viewers').on(table.status, table.viewerCount),
  ],
);

/** `userId` likes `videoId`, at most once. */
export const videoLikes = sqliteTable(
  'video_likes',
  {
    userId: text('user_id').notNull(),
    videoId: text('video_id')
      .notNull()
      .references(() => videos.id),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.videoId, table.userId] })],
);

export type VideoRow = typeof videos.$inferSelect;
export type LiveStreamRow = typeof liveStreams.$inferSelect;
export type VideoLikeRow = typeof videoLikes.$inferSelect;
/** A creator as content knows one: only the id; the users subgraph decides whether it exists. */
export interface CreatorRef {
  id: string;
}
export const schema = { videos, liveStreams, videoLikes, idempotencyKeys, liveEvents, liveEventTopics, usedNonces };

/** The connection the seed writes through (the store's statements use it too). */
export type ContentDb = BetterSQLite3Database<typeof schema>;

/** What a subscription to a stream's status changes hands its resolvers: one outbox event. */
export interface LiveStreamUpdateEvent {
  id: string;
  status: LiveStreamRow['status'];
  liveStreamId: string;
}

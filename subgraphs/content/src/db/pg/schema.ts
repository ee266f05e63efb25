/** The content store's tables on Postgres: the same tables, columns and indexes as `../schema.ts`. */
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { idempotencyKeysPg } from '@app/kit/idempotency-pg';
import { liveEventsPg, liveEventTopicsPg } from '@app/kit/live-pg';
import { usedNoncesPg } from '@app/kit/nonces-pg';
import { LIVE_STREAM_STATUSES } from '../schema.ts';

// The kit's tables: idempotency keys, the outbox, and the signature nonces every replica shares.
export { idempotencyKeysPg, liveEventsPg, liveEventTopicsPg, usedNoncesPg };

export const videos = pgTable(
  'videos',
  {
    id: text('id').primaryKey(),
    creatorId: text('creator_id').notNull(),
    caption: text('caption').notNull(),
    durationSeconds: integer('duration_seconds').notNull(),
    thumbnailUrl: text('thumbnail_url').notNull(),
    playbackUrl: text('playback_url').notNull(),
    viewCount: integer('view_count').notNull().default(0),
    hashtags: jsonb('hashtags').$type<string[]>().notNull(),
    publishedAt: timestamp('published_at', { mode: 'date', precision: 3 }).notNull(),
  },
  (table) => [
    index('videos_creator_published').on(table.creatorId, table.publishedAt),
    index('videos_published_id').on(table.publishedAt, table.id),
  ],
);

export const liveStreams = pgTable(
  'live_streams',
  {
    id: text('id').primaryKey(),
    creatorId: text('creator_id').notNull(),
    title: text('title').notNull(),
    status: text('status', { enum: LIVE_STREAM_STATUSES }).notNull(),
    viewerCount: integer('viewer_count').notNull().default(0),
    scheduledFor: timestamp('scheduled_for', { mode: 'date', precision: 3 }),
    startedAt: timestamp('started_at', { mode: 'date', precision: 3 }),
    endedAt: timestamp('ended_at', { mode: 'date', precision: 3 }),
  },
  (table) => [
    index('live_streams_creator').on(table.creatorId),
    index('live_streams_status_viewers').on(table.status, table.viewerCount),
  ],
);

export const videoLikes = pgTable(
  'video_likes',
  {
    userId: text('user_id').notNull(),
    videoId: text('video_id')
      .notNull()
      .references(() => videos.id),
    createdAt: timestamp('created_at', { mode: 'date', precision: 3 }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.videoId, table.userId] })],
);

export const schema = { videos, liveStreams, videoLikes, idempotencyKeysPg, liveEventsPg, liveEventTopicsPg, usedNoncesPg };

/**
 * The content store's tables, described once: `contentTables.sqlite` and `contentTables.postgres`
 * are built from this one description (see `@app/kit/db/tables`). drizzle-kit reads the SQLite
 * set from this file and the Postgres set from `tables-postgres.ts`.
 */
import { defineTables } from '@app/kit/db/tables';
import { kitTables } from '@app/kit/db/kit-tables';
import { LIVE_STREAM_STATUSES } from '../vocabulary.ts';

// `creator_id` and `user_id` name users owned by the users subgraph: no foreign key can reach them.
export const contentTables = defineTables((c) => {
  const videos = c.table(
    'videos',
    {
      id: c.text('id').primaryKey(),
      creatorId: c.text('creator_id').notNull(),
      caption: c.text('caption').notNull(),
      durationSeconds: c.int('duration_seconds').notNull(),
      thumbnailUrl: c.text('thumbnail_url').notNull(),
      playbackUrl: c.text('playback_url').notNull(),
      viewCount: c.count('view_count').notNull().default(0),
      /** Kept count of `video_likes`, changed by the transaction that likes or unlikes. */
      likeCount: c.count('like_count').notNull().default(0),
      hashtags: c.json('hashtags').$type<string[]>().notNull(),
      publishedAt: c.time('published_at').notNull(),
    },
    // Each list's index ends with its tiebreak (the id), so a page walks it and stops at the page's
    // size even when many videos share a time (a bulk import).
    (table) => [c.index('videos_creator_published_id').on(table.creatorId, table.publishedAt, table.id), c.index('videos_published_id').on(table.publishedAt, table.id)],
  );

  const liveStreams = c.table(
    'live_streams',
    {
      id: c.text('id').primaryKey(),
      creatorId: c.text('creator_id').notNull(),
      title: c.text('title').notNull(),
      status: c.text('status', { enum: LIVE_STREAM_STATUSES }).notNull(),
      /** Viewers watching now: 0 unless the stream is live. */
      viewerCount: c.count('viewer_count').notNull().default(0),
      scheduledFor: c.time('scheduled_for'),
      startedAt: c.time('started_at'),
      endedAt: c.time('ended_at'),
      /** Where the stream sorts in its creator's list (`streamSortTime`), kept by every write that moves it. */
      sortAt: c.time('sort_at').notNull(),
    },
    (table) => [
      // "Most viewers first, ties to the lower id" as one walk: many streams share a viewer count (0 at the start).
      c.index('live_streams_status_viewers_id').on(table.status, c.descending(table.viewerCount), table.id),
      c.index('live_streams_creator_sort').on(table.creatorId, table.sortAt, table.id),
    ],
  );

  /** `userId` likes `videoId`, at most once. */
  const videoLikes = c.table(
    'video_likes',
    {
      userId: c.text('user_id').notNull(),
      videoId: c
        .text('video_id')
        .notNull()
        .references(() => videos.id),
      createdAt: c.time('created_at').notNull(),
    },
    (table) => [c.primaryKey({ columns: [table.videoId, table.userId] })],
  );

  /**
   * Products a creator tagged in one of their videos, in the creator's order (`position` from 0).
   * `product_id` names a product commerce owns: commerce is asked whether it exists when the tag
   * is written, and no foreign key can reach it.
   */
  const videoProducts = c.table(
    'video_products',
    {
      videoId: c
        .text('video_id')
        .notNull()
        .references(() => videos.id),
      productId: c.text('product_id').notNull(),
      position: c.int('position').notNull(),
      taggedAt: c.time('tagged_at').notNull(),
    },
    (table) => [c.primaryKey({ columns: [table.videoId, table.productId] }), c.index('video_products_position').on(table.videoId, table.position)],
  );

  /** Kept counts per creator, changed by the transaction that publishes or deletes a video. */
  const creatorCounts = c.table('creator_counts', {
    creatorId: c.text('creator_id').primaryKey(),
    videoCount: c.count('video_count').notNull().default(0),
  });

  // The kit's tables: idempotency keys (scheduling a stream takes one), the outbox of stream
  // status changes, and the signature nonces accepted, kept across restarts.
  return { videos, liveStreams, videoLikes, videoProducts, creatorCounts, ...kitTables(c) };
});

export type ContentTables = typeof contentTables.sqlite;

// The SQLite tables by name, for drizzle-kit and for tests that read what a write left behind.
export const { videos, liveStreams, videoLikes, videoProducts, creatorCounts, idempotencyKeys, liveEvents, liveEventTopics, usedNonces } = contentTables.sqlite;

export type VideoRow = typeof videos.$inferSelect;
export type LiveStreamRow = typeof liveStreams.$inferSelect;
export type VideoLikeRow = typeof videoLikes.$inferSelect;
export type NewVideo = typeof videos.$inferInsert;
export type NewLiveStream = typeof liveStreams.$inferInsert;
export type NewVideoLike = typeof videoLikes.$inferInsert;
export type VideoProductRow = typeof videoProducts.$inferSelect;
export type NewCreatorCount = typeof creatorCounts.$inferInsert;
export type NewLiveEvent = typeof liveEvents.$inferInsert;

import { and, asc, count, desc, eq, getTableColumns, gt, inArray, lt, lte, or, sql } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { CursorKey, Page } from '@app/kit/pagination';
import { liveStreams, videoLikes, videos, type LiveStreamRow, type schema, type VideoRow } from './schema.ts';

/** The content subgraph's SQL. Every read is batch-shaped: one statement for many keys. */
export type ContentDb = BetterSQLite3Database<typeof schema>;

/** Videos sort newest first; `[publishedAt, id]` is both the order and the cursor. */
export function videoSortKey(video: VideoRow): CursorKey {
  return [video.publishedAt.getTime(), video.id];
}

/** Keyset condition for "after this cursor" in newest-first video order. */
function videosAfter(after: CursorKey | null) {
  return after ? sql`(${videos.publishedAt}, ${videos.id}) < (${Number(after[0])}, ${String(after[1])})` : undefined;
}

/**
 * A stream sorts by when it started, or by when it is scheduled to start if it has not.
 * Every seeded or created stream has one of the two; 0 keeps the order total if neither is set.
 */
const streamTime = sql<number>`coalesce(${liveStreams.startedAt}, ${liveStreams.scheduledFor}, 0)`;

export function liveStreamSortKey(stream: LiveStreamRow): CursorKey {
  return [(stream.startedAt ?? stream.scheduledFor)?.getTime() ?? 0, stream.id];
}

export function videosByIds(db: ContentDb, ids: readonly string[]): VideoRow[] {
  return db.select().from(videos).where(inArray(videos.id, [...ids])).all();
}

export function liveStreamsByIds(db: ContentDb, ids: readonly string[]): LiveStreamRow[] {
  return db.select().from(liveStreams).where(inArray(liveStreams.id, [...ids])).all();
}

/** One page of the feed, newest first, with one extra row to tell whether more follow. */
export function feedPage(db: ContentDb, page: Page): VideoRow[] {
  return db
    .select()
    .from(videos)
    .where(videosAfter(page.after))
    .orderBy(desc(videos.publishedAt), desc(videos.id))
    .limit(page.first + 1)
    .all();
}

/** Streams live now, most viewers first; ties go to the lower id so the order is total. */
export function liveNowPage(db: ContentDb, page: Page): LiveStreamRow[] {
  const after = page.after
    ? or(
        lt(liveStreams.viewerCount, Number(page.after[0])),
        and(eq(liveStreams.viewerCount, Number(page.after[0])), gt(liveStreams.id, String(page.after[1]))),
      )
    : undefined;
  return db
    .select()
    .from(liveStreams)
    .where(and(eq(liveStreams.status, 'LIVE'), after))
    .orderBy(desc(liveStreams.viewerCount), asc(liveStreams.id))
    .limit(page.first + 1)
    .all();
}

/**
 * A page of videos for each of many creators in one statement: rows are numbered per
 * creator, newest first, and each creator keeps `first + 1` of them.
 */
export function creatorVideoPages(db: ContentDb, creatorIds: readonly string[], page: Page): VideoRow[] {
  const ranked = db
    .select({
      ...getTableColumns(videos),
      position: sql<number>`row_number() over (partition by ${videos.creatorId} order by ${videos.publishedAt} desc, ${videos.id} desc)`.as('position'),
    })
    .from(videos)
    .where(and(inArray(videos.creatorId, [...creatorIds]), videosAfter(page.after)))
    .as('ranked');
  return db
    .select()
    .from(ranked)
    .where(lte(ranked.position, page.first + 1))
    .orderBy(asc(ranked.creatorId), asc(ranked.position))
    .all();
}

/** As `creatorVideoPages`, for live streams, newest first by start (or schedule) time. */
export function creatorLiveStreamPages(db: ContentDb, creatorIds: readonly string[], page: Page): LiveStreamRow[] {
  const after = page.after ? sql`(${streamTime}, ${liveStreams.id}) < (${Number(page.after[0])}, ${String(page.after[1])})` : undefined;
  const ranked = db
    .select({
      ...getTableColumns(liveStreams),
      position: sql<number>`row_number() over (partition by ${liveStreams.creatorId} order by ${streamTime} desc, ${liveStreams.id} desc)`.as('position'),
    })
    .from(liveStreams)
    .where(and(inArray(liveStreams.creatorId, [...creatorIds]), after))
    .as('ranked');
  return db
    .select()
    .from(ranked)
    .where(lte(ranked.position, page.first + 1))
    .orderBy(asc(ranked.creatorId), asc(ranked.position))
    .all();
}

export interface KeyCount {
  key: string;
  count: number;
}

export function videoCounts(db: ContentDb, creatorIds: readonly string[]): KeyCount[] {
  return db
    .select({ key: videos.creatorId, count: count() })
    .from(videos)
    .where(inArray(videos.creatorId, [...creatorIds]))
    .groupBy(videos.creatorId)
    .all();
}

export function likeCounts(db: ContentDb, videoIds: readonly string[]): KeyCount[] {
  return db
    .select({ key: videoLikes.videoId, count: count() })
    .from(videoLikes)
    .where(inArray(videoLikes.videoId, [...videoIds]))
    .groupBy(videoLikes.videoId)
    .all();
}

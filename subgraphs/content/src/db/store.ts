/**
 * The content subgraph's store: every statement it runs, and nothing else runs SQL. Reads are
 * batch-shaped (one statement for many keys) for the loaders; the orders they sort in are the
 * ones `videos.ts` and `liveStreams.ts` build their cursors from.
 */
import { and, asc, desc, eq, gt, inArray, lt, or, sql } from 'drizzle-orm';
import type { CursorKey, Page } from '@app/kit/pagination';
import { before, countsPerKey, pagesPerOwner, perOwnerOf } from '@app/kit/sql';
import { idempotencyStatements } from '@app/kit/idempotency';
import { LiveEventBus, liveEventStatements } from '@app/kit/live';
import { SqliteNonceStore } from '@app/kit/nonces';
import { migrationsFolderFor, openStore, sqliteStore, type Queries, type SqliteConnection, type Store, type StoreOptions } from '@app/kit/store';
import { liveEvents, liveEventTopics, liveStreams, schema, videoLikes, videos, type ContentDb, type LiveStreamRow, type VideoRow } from './schema.ts';
import { contentSeed } from './seed.ts';

/** A `[time, id]` cursor as SQL values: a number and a string, whatever the client put in it. */
const timeAndId = (after: CursorKey | null): CursorKey | null => (after ? [Number(after[0]), String(after[1])] : null);

/** When a stream sorts: its start, or its schedule if it has not started (0 if neither, to keep the order total). */
const streamTime = sql<number>`coalesce(${liveStreams.startedAt}, ${liveStreams.scheduledFor}, 0)`;

function streamsBefore(after: CursorKey | null) {
  const key = timeAndId(after);
  return key ? sql`(${streamTime}, ${liveStreams.id}) < (${key[0]}, ${key[1]})` : undefined;
}

export type LiveStreamStatus = LiveStreamRow['status'];

/** What a status change sets besides the status. */
export type StatusChange = Partial<Pick<LiveStreamRow, 'startedAt' | 'endedAt' | 'viewerCount'>>;

function statements(db: ContentDb, connection: SqliteConnection<Record<string, unknown>>, bus: LiveEventBus) {
  return {
    ...idempotencyStatements(db),
    ...liveEventStatements(connection, bus),

    insertLiveStream: (row: typeof liveStreams.$inferInsert): LiveStreamRow => db.insert(liveStreams).values(row).returning().get(),

    /** Moves a stream to `to` only if it is still in one of `from`: undefined (and no change) when it is not. */
    changeStreamStatus: (id: string, from: readonly LiveStreamStatus[], to: LiveStreamStatus, change: StatusChange): LiveStreamRow | undefined =>
      db
        .update(liveStreams)
        .set({ status: to, ...change })
        .where(and(eq(liveStreams.id, id), inArray(liveStreams.status, [...from])))
        .returning()
        .get(),

    videosByIds: (ids: readonly string[]): VideoRow[] => db.select().from(videos).where(inArray(videos.id, [...ids])).all(),

    liveStreamsByIds: (ids: readonly string[]): LiveStreamRow[] => db.select().from(liveStreams).where(inArray(liveStreams.id, [...ids])).all(),

    /** One page of all videos by `[publishedAt, id]` descending, with one extra row to tell whether more follow. */
    videosNewestFirst: (page: Page): VideoRow[] =>
      db
        .select()
        .from(videos)
        .where(before([videos.publishedAt, videos.id], timeAndId(page.after)))
        .orderBy(desc(videos.publishedAt), desc(videos.id))
        .limit(page.first + 1)
        .all(),

    /** One page of the streams in `status` by `[viewerCount desc, id asc]`, with one extra row. */
    streamsByViewers: (status: LiveStreamRow['status'], page: Page): LiveStreamRow[] => {
      const after = page.after
        ? or(
            lt(liveStreams.viewerCount, Number(page.after[0])),
            and(eq(liveStreams.viewerCount, Number(page.after[0])), gt(liveStreams.id, String(page.after[1]))),
          )
        : undefined;
      return db
        .select()
        .from(liveStreams)
        .where(and(eq(liveStreams.status, status), after))
        .orderBy(desc(liveStreams.viewerCount), asc(liveStreams.id))
        .limit(page.first + 1)
        .all();
    },

    /** A page of videos for each of many creators in one statement, by `[publishedAt, id]` descending. */
    creatorVideoPages: (creatorIds: readonly string[], page: Page) =>
      pagesPerOwner(db, {
        from: videos,
        owner: videos.creatorId,
        ownerIds: creatorIds,
        orderBy: [desc(videos.publishedAt), desc(videos.id)],
        where: before([videos.publishedAt, videos.id], timeAndId(page.after)),
        node: { table: videos, id: videos.id, ref: videos.id },
        perOwner: perOwnerOf(page),
      }),

    /** A page of live streams for each of many creators in one statement, by `[stream time, id]` descending. */
    creatorLiveStreamPages: (creatorIds: readonly string[], page: Page) =>
      pagesPerOwner(db, {
        from: liveStreams,
        owner: liveStreams.creatorId,
        ownerIds: creatorIds,
        orderBy: [desc(streamTime), desc(liveStreams.id)],
        where: streamsBefore(page.after),
        node: { table: liveStreams, id: liveStreams.id, ref: liveStreams.id },
        perOwner: perOwnerOf(page),
      }),

    videoCounts: (creatorIds: readonly string[]) => countsPerKey(db, videos, videos.creatorId, creatorIds),

    likeCounts: (videoIds: readonly string[]) => countsPerKey(db, videoLikes, videoLikes.videoId, videoIds),
  };
}

/** Every statement the content subgraph runs, as SQLite runs them; `pg/store.ts` has the same on Postgres. */
export type ContentStatements = ReturnType<typeof statements>;

/** The statements as a transaction's body sees them. */
export type ContentTx = Queries<ContentStatements>;

export type ContentStore = Store<ContentStatements> & {
  /** Who waits for which stream's next status change, in this process. */
  liveEvents: LiveEventBus;
};

export const migrationsFolder = migrationsFolderFor(import.meta.url);

function seedContent(db: ContentDb): void {
  const seed = contentSeed();
  db.transaction((tx) => {
    for (let i = 0; i < seed.videos.length; i += 200) tx.insert(videos).values(seed.videos.slice(i, i + 200)).run();
    tx.insert(liveStreams).values(seed.liveStreams).run();
    for (let i = 0; i < seed.videoLikes.length; i += 200) tx.insert(videoLikes).values(seed.videoLikes.slice(i, i + 200)).run();
    tx.insert(liveEvents).values(seed.liveEvents).run();
    tx.insert(liveEventTopics).values(seed.liveEventTopics).run();
  });
}

/** Opens (creating and migrating as needed) the content store, seeding it when empty. */
export function openContentStore(path: string, options: Pick<StoreOptions, 'onStatement'> = {}) {
  const opened = openStore(schema, { path, migrationsFolder, ...options });
  if (!opened.db.select({ id: videos.id }).from(videos).limit(1).get()) seedContent(opened.db);
  const bus = new LiveEventBus();
  const store: ContentStore = { ...sqliteStore(opened.connection, statements(opened.db, opened.connection, bus)), liveEvents: bus };
  return { ...store, nonces: new SqliteNonceStore(opened.connection), db: opened.db, isOpen: () => opened.sqlite.open, close: opened.close };
}

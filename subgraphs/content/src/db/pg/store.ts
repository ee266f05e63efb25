/**
 * The content store on Postgres: every statement of `../store.ts` again, in Postgres' dialect,
 * typed as the same `Queries<ContentStatements>`.
 */
import { and, asc, desc, eq, gt, inArray, lt, or, sql } from 'drizzle-orm';
import { idempotencyPgStatements } from '@app/kit/idempotency-pg';
import { LiveEventBus } from '@app/kit/live';
import { listenForLiveEvents, liveEventPgStatements } from '@app/kit/live-pg';
import type { CursorKey } from '@app/kit/pagination';
import { insertChunks, isEmpty, openPgConnection, pgStore, type PgConnectionOptions, type PgDb } from '@app/kit/pg';
import { beforePg, countsPerKeyPg, pagesPerOwnerPg } from '@app/kit/sql-pg';
import { perOwnerOf } from '@app/kit/sql';
import { migrationsFolderFor, type Queries } from '@app/kit/store';
import { PgNonceStore } from '@app/kit/nonces-pg';
import { contentSeed } from '../seed.ts';
import type { ContentStatements, ContentStore } from '../store.ts';
import { liveEventsPg, liveEventTopicsPg, liveStreams, videoLikes, videos } from './schema.ts';

/** When a stream sorts: its start, or its schedule if it has not started (the epoch if neither), as `../store.ts` has it. */
const streamTime = sql`coalesce(${liveStreams.startedAt}, ${liveStreams.scheduledFor}, 'epoch'::timestamp)`;

const asTimestamp = (part: string | number) => sql`${new Date(Number(part)).toISOString()}::timestamp`;

function streamsBefore(after: CursorKey | null) {
  return after ? sql`(${streamTime}, ${liveStreams.id}) < (${asTimestamp(after[0] ?? 0)}, ${String(after[1])})` : undefined;
}

const timeAndId = (after: CursorKey | null): CursorKey | null => (after ? [Number(after[0]), String(after[1])] : null);

function statementsOn(outbox: ReturnType<typeof liveEventPgStatements>) {
  return (db: PgDb): Queries<ContentStatements> => ({
    ...idempotencyPgStatements(db),
    ...outbox(db),

    insertLiveStream: async (row) => (await db.insert(liveStreams).values(row).returning())[0]!,

    changeStreamStatus: async (id, from, to, change) =>
      (
        await db
          .update(liveStreams)
          .set({ status: to, ...change })
          .where(and(eq(liveStreams.id, id), inArray(liveStreams.status, [...from])))
          .returning()
      )[0],

    videosByIds: async (ids) => db.select().from(videos).where(inArray(videos.id, [...ids])),

    liveStreamsByIds: async (ids) => db.select().from(liveStreams).where(inArray(liveStreams.id, [...ids])),

    videosNewestFirst: async (page) =>
      db
        .select()
        .from(videos)
        .where(beforePg([videos.publishedAt, videos.id], timeAndId(page.after)))
        .orderBy(desc(videos.publishedAt), desc(videos.id))
        .limit(page.first + 1),

    streamsByViewers: async (status, page) => {
      const after = page.after
        ? or(lt(liveStreams.viewerCount, Number(page.after[0])), and(eq(liveStreams.viewerCount, Number(page.after[0])), gt(liveStreams.id, String(page.after[1]))))
        : undefined;
      return db
        .select()
        .from(liveStreams)
        .where(and(eq(liveStreams.status, status), after))
        .orderBy(desc(liveStreams.viewerCount), asc(liveStreams.id))
        .limit(page.first + 1);
    },

    creatorVideoPages: (creatorIds, page) =>
      pagesPerOwnerPg<typeof videos>(db, {
        from: videos,
        owner: videos.creatorId,
        ownerIds: creatorIds,
        orderBy: [desc(videos.publishedAt), desc(videos.id)],
        where: beforePg([videos.publishedAt, videos.id], timeAndId(page.after)),
        node: { table: videos, id: videos.id, ref: videos.id },
        perOwner: perOwnerOf(page),
      }),

    creatorLiveStreamPages: (creatorIds, page) =>
      pagesPerOwnerPg<typeof liveStreams>(db, {
        from: liveStreams,
        owner: liveStreams.creatorId,
        ownerIds: creatorIds,
        orderBy: [desc(streamTime), desc(liveStreams.id)],
        where: streamsBefore(page.after),
        node: { table: liveStreams, id: liveStreams.id, ref: liveStreams.id },
        perOwner: perOwnerOf(page),
      }),

    videoCounts: (creatorIds) => countsPerKeyPg(db, videos, videos.creatorId, creatorIds),

    likeCounts: (videoIds) => countsPerKeyPg(db, videoLikes, videoLikes.videoId, videoIds),
  });
}

export const pgMigrationsFolder = migrationsFolderFor(import.meta.url, 'drizzle-pg');

async function seed(db: PgDb): Promise<void> {
  if (!(await isEmpty(db, 'videos'))) return;
  const rows = contentSeed();
  await db.transaction(async (tx) => {
    await insertChunks(rows.videos, 500, (chunk) => tx.insert(videos).values(chunk));
    await tx.insert(liveStreams).values(rows.liveStreams);
    await insertChunks(rows.videoLikes, 1_000, (chunk) => tx.insert(videoLikes).values(chunk));
    await tx.insert(liveEventsPg).values(rows.liveEvents);
    await tx.insert(liveEventTopicsPg).values(rows.liveEventTopics);
  });
}

/**
 * Opens the content store on a Postgres database (migrating and seeding it as needed), with a
 * listening connection that wakes this process's subscribers when any replica commits a status change.
 */
export async function openContentPgStore(url: string, options: Pick<PgConnectionOptions, 'onStatement'> = {}) {
  const connection = await openPgConnection({ url, migrationsFolder: pgMigrationsFolder, seed, ...options });
  const bus = new LiveEventBus();
  const listener = listenForLiveEvents(url, bus);
  await listener.ready;
  const store: ContentStore = { ...pgStore(connection, statementsOn(liveEventPgStatements())), liveEvents: bus };
  return {
    ...store,
    nonces: new PgNonceStore(connection.db),
    isOpen: () => connection.isOpen,
    ping: () => connection.ping(),
    close: async () => {
      await listener.close();
      await connection.close();
    },
  };
}

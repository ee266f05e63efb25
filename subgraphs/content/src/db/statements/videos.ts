import { desc, inArray } from 'drizzle-orm';
import type { CursorKey } from '@app/kit/pagination';
import type { Engine } from '@app/kit/db/engine';
import { before, countsPerKey, pagesPerOwner, perOwnerOf } from '@app/kit/db/shapes';
import type { ContentStatements } from '../contract.ts';
import type { ContentTables } from '../tables.ts';

/** A `[time, id]` cursor as SQL values: a number and a string, whatever the client put in it. */
export const timeAndId = (after: CursorKey | null): CursorKey | null => (after ? [Number(after[0]), String(after[1])] : null);

export function videoStatements(engine: Engine<ContentTables>) {
  const { db } = engine;
  const { videos, videoLikes } = engine.tables;
  return {
    videosByIds: async (ids) => db.select().from(videos).where(inArray(videos.id, [...ids])),

    videosNewestFirst: async (page) =>
      db
        .select()
        .from(videos)
        .where(before(engine, [videos.publishedAt, videos.id], timeAndId(page.after)))
        .orderBy(desc(videos.publishedAt), desc(videos.id))
        .limit(page.first + 1),

    creatorVideoPages: (creatorIds, page) =>
      pagesPerOwner(engine, {
        from: videos,
        owner: videos.creatorId,
        ownerIds: creatorIds,
        orderBy: [desc(videos.publishedAt), desc(videos.id)],
        where: before(engine, [videos.publishedAt, videos.id], timeAndId(page.after)),
        node: { table: videos, id: videos.id, ref: videos.id },
        perOwner: perOwnerOf(page),
      }),

    videoCounts: (creatorIds) => countsPerKey(engine, videos, videos.creatorId, creatorIds),

    likeCounts: (videoIds) => countsPerKey(engine, videoLikes, videoLikes.videoId, videoIds),
  } satisfies Partial<ContentStatements>;
}

import { and, eq, inArray } from 'drizzle-orm';
import type { Engine } from '@app/kit/db/engine';
import { keysetPage, keysetWalks, pagesPerOwner, perOwnerOf } from '@app/kit/db/shapes';
import { streamSortTime } from '../../vocabulary.ts';
import { timeAndId } from './videos.ts';
import type { ContentStatements } from '../contract.ts';
import type { ContentTables } from '../tables.ts';

export function liveStreamStatements(engine: Engine<ContentTables>) {
  const { db } = engine;
  const { liveStreams } = engine.tables;


  return {
    insertLiveStream: async (row) => (await db.insert(liveStreams).values({ ...row, sortAt: streamSortTime(row) }).returning())[0]!,

    changeStreamStatus: async (id, from, to, change) =>
      (
        await db
          .update(liveStreams)
          .set({ status: to, ...change, ...(change.startedAt ? { sortAt: change.startedAt } : {}) })
          .where(and(eq(liveStreams.id, id), inArray(liveStreams.status, [...from])))
          .returning()
      )[0],

    liveStreamsByIds: async (ids) => db.select().from(liveStreams).where(inArray(liveStreams.id, [...ids])),

    streamsByViewers: (status, page) =>
      // Most viewers first, ties to the lower id: the two columns run opposite ways, so a page
      // after a cursor reads the rest of its tie, then the streams with fewer viewers.
      keysetWalks(engine, { columns: [liveStreams.viewerCount, liveStreams.id], order: ['desc', 'asc'], values: (key) => [Number(key[0]), String(key[1])], tiebreakOf: (row) => row.id }, page, ({ where, orderBy }, limit) =>
        db
          .select()
          .from(liveStreams)
          .where(and(eq(liveStreams.status, status), where))
          .orderBy(...orderBy)
          .limit(limit),
      ),

    creatorLiveStreamPages: (creatorIds, page) =>
      pagesPerOwner(engine, {
        from: liveStreams,
        owner: liveStreams.creatorId,
        ownerIds: creatorIds,
        ...keysetPage(engine, [liveStreams.sortAt, liveStreams.id], 'desc', page, timeAndId),
        node: { table: liveStreams, id: liveStreams.id, ref: liveStreams.id },
        perOwner: perOwnerOf(page),
      }),
  } satisfies Partial<ContentStatements>;
}

import { and, asc, desc, eq, gt, inArray, lt, or } from 'drizzle-orm';
import type { Engine } from '@app/kit/db/engine';
import { before, pagesPerOwner, perOwnerOf } from '@app/kit/db/shapes';
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

    creatorLiveStreamPages: (creatorIds, page) =>
      pagesPerOwner(engine, {
        from: liveStreams,
        owner: liveStreams.creatorId,
        ownerIds: creatorIds,
        orderBy: [desc(liveStreams.sortAt), desc(liveStreams.id)],
        where: before(engine, [liveStreams.sortAt, liveStreams.id], timeAndId(page.after)),
        node: { table: liveStreams, id: liveStreams.id, ref: liveStreams.id },
        perOwner: perOwnerOf(page),
      }),
  } satisfies Partial<ContentStatements>;
}

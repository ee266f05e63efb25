import type { Engine } from '@app/kit/db/engine';
import { insertRows } from '@app/kit/db/shapes';
import type { ContentStatements } from '../contract.ts';
import type { ContentTables } from '../tables.ts';

export function seedStatements(engine: Engine<ContentTables>) {
  const { db } = engine;
  const { videos, liveStreams, videoLikes, creatorCounts, liveEvents, liveEventTopics } = engine.tables;
  return {
    isEmpty: async () => (await db.select({ id: videos.id }).from(videos).limit(1)).length === 0,

    insertSeedRows: async (rows) => {
      await insertRows(engine, videos, rows.videos);
      await insertRows(engine, liveStreams, rows.liveStreams);
      await insertRows(engine, videoLikes, rows.videoLikes);
      await insertRows(engine, creatorCounts, rows.creatorCounts);
      await insertRows(engine, liveEvents, rows.liveEvents);
      await insertRows(engine, liveEventTopics, rows.liveEventTopics);
    },
  } satisfies Partial<ContentStatements>;
}

import type { Engine } from '@app/kit/db/engine';
import { insertBulk } from '@app/kit/db/shapes';
import type { ContentStatements } from '../contract.ts';
import type { ContentTables } from '../tables.ts';

export function seedStatements(engine: Engine<ContentTables>) {
  const { db } = engine;
  const { videos, liveStreams, videoLikes, creatorCounts, liveEvents, liveEventTopics } = engine.tables;
  return {
    isEmpty: async () => (await db.select({ id: videos.id }).from(videos).limit(1)).length === 0,

    insertSeedRows: async (rows) => {
      await insertBulk(engine, videos, rows.videos);
      await insertBulk(engine, liveStreams, rows.liveStreams);
      await insertBulk(engine, videoLikes, rows.videoLikes);
      await insertBulk(engine, creatorCounts, rows.creatorCounts);
      await insertBulk(engine, liveEvents, rows.liveEvents);
      await insertBulk(engine, liveEventTopics, rows.liveEventTopics);
    },
  } satisfies Partial<ContentStatements>;
}

/** The content store's Postgres tables by name, for drizzle-kit (`drizzle-pg.config.ts`): derived from `tables.ts`. */
import { contentTables } from './tables.ts';

export const { videos, liveStreams, videoLikes, videoProducts, creatorCounts, idempotencyKeys, liveEvents, liveEventTopics, usedNonces } = contentTables.postgres;

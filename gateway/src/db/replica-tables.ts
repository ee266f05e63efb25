/**
 * What gateway replicas share, and only Postgres keeps (a lone gateway keeps it in its memory):
 * rate-limit buckets and the entity cache. Postgres-only by nature (arrays, a GIN index, a
 * sequence), so described in Postgres' dialect alone.
 */
import { bigint, boolean, doublePrecision, index, pgSequence, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * One leaky bucket per caller (`rate-limit.ts`), shared by every gateway replica. Times are
 * epoch milliseconds as the gateway's clock gives them; `full_at` is when the bucket will have
 * refilled, after which the row carries nothing a fresh bucket would not.
 */
export const rateLimitBuckets = pgTable(
  'rate_limit_buckets',
  {
    id: text('id').primaryKey(),
    available: doublePrecision('available').notNull(),
    updatedAt: doublePrecision('updated_at').notNull(),
    fullAt: doublePrecision('full_at').notNull(),
    /** Whether the last take fitted: what the one statement that takes answers. */
    allowed: boolean('allowed').notNull(),
  },
  (table) => [index('rate_limit_buckets_full_at').on(table.fullAt)],
);

/**
 * The entity cache every replica reads (`entity-cache.ts`): a subgraph answer per key (the
 * SHA-256 of the cache key), the entities it shows, and when it expires by the database's clock.
 */
export const entityCacheEntries = pgTable(
  'entity_cache_entries',
  {
    key: text('key').primaryKey(),
    value: text('value').notNull(),
    tags: text('tags').array().notNull(),
    expiresAt: timestamp('expires_at', { mode: 'date', precision: 3 }).notNull(),
  },
  (table) => [index('entity_cache_entries_tags').using('gin', table.tags), index('entity_cache_entries_expires_at').on(table.expiresAt)],
);

/** Numbers invalidations, so a fetch that started before one can be refused when it stores. */
export const entityCacheInvalidationSeq = pgSequence('entity_cache_invalidation_seq');

/** Recent invalidations of each tag, kept a few minutes for the fetches still in flight. */
export const entityCacheInvalidations = pgTable(
  'entity_cache_invalidations',
  {
    tag: text('tag').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    at: timestamp('at', { mode: 'date', precision: 3 }).notNull(),
  },
  (table) => [index('entity_cache_invalidations_tag_seq').on(table.tag, table.seq), index('entity_cache_invalidations_at').on(table.at)],
);


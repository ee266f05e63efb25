/**
 * The kit's own tables, which live in every subgraph's store (so drizzle-kit migrates them there):
 * idempotency keys, the LIVE outbox and its per-topic counters, and the signature nonces accepted.
 * A subgraph spreads `kitTables(c)` into its own description.
 */
import type { Columns } from './tables.ts';

export function kitTables(c: Columns) {
  const idempotencyKeys = c.table(
    'idempotency_keys',
    {
      /** Whose key it is (a user or partner id): keys are scoped to the viewer. */
      scope: c.text('scope').notNull(),
      key: c.text('key').notNull(),
      operation: c.text('operation').notNull(),
      /** SHA-256 of the operation and its input, to tell a retry from a different request. */
      requestHash: c.text('request_hash').notNull(),
      /** The first result, returned again to every retry. */
      response: c.json('response').notNull(),
      createdAt: c.time('created_at').notNull(),
    },
    (table) => [c.primaryKey({ columns: [table.scope, table.key] })],
  );

  const liveEvents = c.table(
    'live_events',
    {
      topic: c.text('topic').notNull(),
      seq: c.int('seq').notNull(),
      kind: c.text('kind').notNull(),
      payload: c.json('payload').notNull(),
      createdAt: c.time('created_at').notNull(),
    },
    (table) => [c.primaryKey({ columns: [table.topic, table.seq] }), c.index('live_events_created').on(table.createdAt)],
  );

  /** One row per topic: the last number given out, and the last one pruned away. */
  const liveEventTopics = c.table('live_event_topics', {
    topic: c.text('topic').primaryKey(),
    lastSeq: c.int('last_seq').notNull(),
    prunedThrough: c.int('pruned_through').notNull().default(0),
  });

  const usedNonces = c.table(
    'used_nonces',
    {
      nonce: c.text('nonce').primaryKey(),
      expiresAt: c.time('expires_at').notNull(),
    },
    // The sweep finds expired rows through this index, so it never reads the live ones.
    (table) => [c.index('used_nonces_expires').on(table.expiresAt)],
  );

  return { idempotencyKeys, liveEvents, liveEventTopics, usedNonces };
}

export type KitTables = ReturnType<typeof kitTables>;

/**
 * The statements of the kit's tables (`kit-tables.ts`), written once for both engines: a
 * subgraph spreads them into its own store's statements.
 */
import { and, asc, eq, gt, inArray, lt, lte, max, sql } from 'drizzle-orm';
import type { IdempotencyRow } from '../idempotency.ts';
import { liveEventRetention, type LiveEvent, type LiveEventRetention } from '../live.ts';
import type { NonceStore } from '../viewer.ts';
import type { Engine } from './engine.ts';
import type { KitTables } from './kit-tables.ts';

export function idempotencyStatements({ db, tables: { idempotencyKeys } }: Engine<KitTables>) {
  return {
    idempotencyRecord: async (scope: string, key: string): Promise<IdempotencyRow | undefined> =>
      (
        await db
          .select()
          .from(idempotencyKeys)
          .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)))
      )[0] as IdempotencyRow | undefined,
    /**
     * Records a key; false when a racing request's record was committed first. Two requests with
     * one key racing on Postgres both find no record: at SERIALIZABLE the second to insert fails
     * with a serialization failure, at READ COMMITTED its insert waits for the first and does
     * nothing. On SQLite the write lock orders them, and the second finds the first's record.
     */
    recordIdempotency: async (row: IdempotencyRow): Promise<boolean> =>
      (await db.insert(idempotencyKeys).values(row).onConflictDoNothing().returning({ key: idempotencyKeys.key })).length === 1,
  };
}

/** Time-based pruning runs at most this often; count-based pruning runs with every append. */
const PRUNE_INTERVAL_MS = 5_000;

/**
 * The LIVE outbox's statements (see `live.ts`). `appendLiveEvent` belongs inside the transaction
 * of the change it reports; subscribers hear of it only once that commits.
 */
export function liveEventStatements(engine: Engine<KitTables>, retention: LiveEventRetention = liveEventRetention()) {
  const { db } = engine;
  const { liveEvents, liveEventTopics } = engine.tables;
  const lastTimePrune = engine.kept('live:lastTimePrune', () => ({ at: 0 }));

  const pruneOlderThan = async (cutoff: Date) => {
    const expired = await db
      .select({ topic: liveEvents.topic, through: max(liveEvents.seq) })
      .from(liveEvents)
      .where(lt(liveEvents.createdAt, cutoff))
      .groupBy(liveEvents.topic);
    for (const { topic, through } of expired) {
      if (through === null) continue;
      await db
        .update(liveEventTopics)
        .set({ prunedThrough: engine.greatest(liveEventTopics.prunedThrough, through) })
        .where(eq(liveEventTopics.topic, topic));
    }
    if (expired.length) await db.delete(liveEvents).where(lt(liveEvents.createdAt, cutoff));
  };

  const takeSeq = async (topic: string): Promise<number> => {
    const [counter] = await db
      .insert(liveEventTopics)
      .values({ topic, lastSeq: 1 })
      .onConflictDoUpdate({ target: liveEventTopics.topic, set: { lastSeq: sql`${liveEventTopics.lastSeq} + 1` } })
      .returning({ lastSeq: liveEventTopics.lastSeq });
    return (counter as { lastSeq: number }).lastSeq;
  };

  return {
    /**
     * Takes the next number of `topic`'s events, in commit order: the topic's counter row is
     * updated, so two writers of one topic serialize on it. For a change that records its event's
     * number in its own rows before the event is written (`appendLiveEvent` with that number).
     */
    nextLiveEventSeq: takeSeq,

    /**
     * Writes the next event of `topic`; its number is the topic's next, in commit order (the one
     * `nextLiveEventSeq` took in this transaction, when given: `taken`).
     */
    appendLiveEvent: async <P>(topic: string, kind: string, payload: P, now: Date, taken?: number): Promise<LiveEvent<P>> => {
      const seq = taken ?? (await takeSeq(topic));
      await db.insert(liveEvents).values({ topic, seq, kind, payload: payload as object, createdAt: now });
      const dropThrough = seq - retention.maxEvents;
      if (dropThrough > 0) {
        await db.delete(liveEvents).where(and(eq(liveEvents.topic, topic), lte(liveEvents.seq, dropThrough)));
        await db.update(liveEventTopics).set({ prunedThrough: dropThrough }).where(eq(liveEventTopics.topic, topic));
      }
      if (now.getTime() - lastTimePrune.at > PRUNE_INTERVAL_MS) {
        lastTimePrune.at = now.getTime();
        await pruneOlderThan(new Date(now.getTime() - retention.maxAgeMs));
      }
      await engine.announce(topic);
      return { topic, seq, kind, payload, createdAt: now };
    },

    /** Up to `limit` events of `topic` after number `after`, oldest first. */
    liveEventsAfter: async (topic: string, after: number, limit: number): Promise<LiveEvent[]> =>
      db
        .select()
        .from(liveEvents)
        .where(and(eq(liveEvents.topic, topic), gt(liveEvents.seq, after)))
        .orderBy(asc(liveEvents.seq))
        .limit(limit),

    /** Where a topic stands: its last number and the last one no longer kept (0, 0 for a topic with no events yet). */
    liveEventTopic: async (topic: string): Promise<{ lastSeq: number; prunedThrough: number }> =>
      (await db.select({ lastSeq: liveEventTopics.lastSeq, prunedThrough: liveEventTopics.prunedThrough }).from(liveEventTopics).where(eq(liveEventTopics.topic, topic)))[0] ?? {
        lastSeq: 0,
        prunedThrough: 0,
      },
  };
}

/** How often a process deletes expired nonces. */
const NONCE_SWEEP_INTERVAL_MS = 1_000;
/** The most rows one sweep deletes: a sweep's cost is capped, whatever piled up. */
export const NONCE_SWEEP_BATCH = 500;

/**
 * Signature nonces kept in the store, so a restarted process (and, on Postgres, every replica)
 * still refuses a request captured before: accepting one is one INSERT that does nothing when the
 * nonce is there already, so the primary key decides. Expired rows are swept a bounded batch at a time.
 * It needs only the nonces' table, so a store without the kit's other tables (users) takes it alone.
 */
export function nonceStatements(engine: Engine<Pick<KitTables, 'usedNonces'>>) {
  const { db } = engine;
  const { usedNonces } = engine.tables;
  const lastSweep = engine.kept('nonces:lastSweep', () => ({ at: 0 }));
  // Run for every signed subgraph request: prepared once, not built by the query builder each time
  // (asked for on first use, so an engine that only lists the statements need not prepare).
  let insertNonce: ((values: Record<string, unknown>) => Promise<{ nonce: string }[]>) | undefined;
  const inserter = () =>
    (insertNonce ??= engine.prepared<{ nonce: string }>('kit_accept_nonce', () =>
      db
        .insert(usedNonces)
        .values({ nonce: sql.placeholder('nonce'), expiresAt: sql.placeholder('expiresAt') })
        .onConflictDoNothing()
        .returning({ nonce: usedNonces.nonce }),
    ));
  return {
    /** True the first time a nonce is offered within its lifetime. */
    acceptNonce: async (nonce: string, expiresAt: number, now: number): Promise<boolean> => {
      if (now - lastSweep.at > NONCE_SWEEP_INTERVAL_MS) {
        const expired = db.select({ nonce: usedNonces.nonce }).from(usedNonces).where(lt(usedNonces.expiresAt, new Date(now))).limit(NONCE_SWEEP_BATCH);
        const deleted = await db.delete(usedNonces).where(inArray(usedNonces.nonce, expired)).returning({ nonce: usedNonces.nonce });
        // A full batch means more expired than one sweep takes: sweep again on the next accept.
        if (deleted.length < NONCE_SWEEP_BATCH) lastSweep.at = now;
      }
      const inserted = await inserter()({ nonce, expiresAt: new Date(expiresAt) });
      return inserted.length === 1;
    },
  };
}

/** The store's nonces as the subgraph server takes them. */
export function nonceStoreOf(store: NonceStatements): NonceStore {
  return { accept: (nonce, expiresAt, now) => store.acceptNonce(nonce, expiresAt, now) };
}

/** The kit's statements, for a subgraph's store to spread into its own. */
export function kitStatements(engine: Engine<KitTables>) {
  return { ...idempotencyStatements(engine), ...liveEventStatements(engine), ...nonceStatements(engine) };
}

/** The kit's statements in a store's contract: `interface XStatements extends KitStatements`. */
export type KitStatements = ReturnType<typeof kitStatements>;
/** The nonce statements alone, for a store that keeps no idempotency keys or outbox (users). */
export type NonceStatements = ReturnType<typeof nonceStatements>;

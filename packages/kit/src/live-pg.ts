/**
 * The LIVE outbox (`live.ts`) on Postgres: the same two tables and statements in Postgres'
 * dialect, and the wake-up that crosses processes. A write appends its event and, in the same
 * transaction, `pg_notify`s the topic: Postgres delivers a notification only when its
 * transaction commits (and never for one rolled back or retried), to every process listening on
 * that database. Each process keeps one listening connection that turns notifications into
 * `LiveEventBus.publish`, so a replica's subscribers hear of another replica's writes.
 */
import { and, asc, eq, gt, lt, lte, max, sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { liveEventRetention, type LiveEvent, type LiveEventBus, type LiveEventRetention } from './live.ts';
import type { PgDb } from './pg.ts';

export const liveEventsPg = pgTable(
  'live_events',
  {
    topic: text('topic').notNull(),
    seq: integer('seq').notNull(),
    kind: text('kind').notNull(),
    payload: jsonb('payload').notNull(),
    createdAt: timestamp('created_at', { mode: 'date', precision: 3 }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.topic, table.seq] }), index('live_events_created').on(table.createdAt)],
);

export const liveEventTopicsPg = pgTable('live_event_topics', {
  topic: text('topic').primaryKey(),
  lastSeq: integer('last_seq').notNull(),
  prunedThrough: integer('pruned_through').notNull().default(0),
});

/** The notification channel of a database's outbox; the payload is the topic. */
export const LIVE_EVENTS_CHANNEL = 'live_events';

const PRUNE_INTERVAL_MS = 5_000;

/**
 * The outbox's statements for a subgraph's Postgres store: call once per store, then the returned
 * function once per executor (the pool, or a transaction). The topic's counter row is updated
 * first, so two writers of one topic serialize on it (at SERIALIZABLE the later one is retried),
 * and numbers follow commit order.
 */
export function liveEventPgStatements(retention: LiveEventRetention = liveEventRetention()) {
  let lastTimePrune = 0;
  return (db: PgDb) => {
    const pruneOlderThan = async (cutoff: Date) => {
      const expired = await db
        .select({ topic: liveEventsPg.topic, through: max(liveEventsPg.seq) })
        .from(liveEventsPg)
        .where(lt(liveEventsPg.createdAt, cutoff))
        .groupBy(liveEventsPg.topic);
      for (const { topic, through } of expired) {
        if (through === null) continue;
        await db
          .update(liveEventTopicsPg)
          .set({ prunedThrough: sql`greatest(${liveEventTopicsPg.prunedThrough}, ${through})` })
          .where(eq(liveEventTopicsPg.topic, topic));
      }
      if (expired.length) await db.delete(liveEventsPg).where(lt(liveEventsPg.createdAt, cutoff));
    };

    return {
      appendLiveEvent: async <P>(topic: string, kind: string, payload: P, now: Date): Promise<LiveEvent<P>> => {
        const [counter] = await db
          .insert(liveEventTopicsPg)
          .values({ topic, lastSeq: 1 })
          .onConflictDoUpdate({ target: liveEventTopicsPg.topic, set: { lastSeq: sql`${liveEventTopicsPg.lastSeq} + 1` } })
          .returning({ lastSeq: liveEventTopicsPg.lastSeq });
        const seq = (counter as { lastSeq: number }).lastSeq;
        await db.insert(liveEventsPg).values({ topic, seq, kind, payload: payload as object, createdAt: now });
        const dropThrough = seq - retention.maxEvents;
        if (dropThrough > 0) {
          await db.delete(liveEventsPg).where(and(eq(liveEventsPg.topic, topic), lte(liveEventsPg.seq, dropThrough)));
          await db.update(liveEventTopicsPg).set({ prunedThrough: dropThrough }).where(eq(liveEventTopicsPg.topic, topic));
        }
        if (now.getTime() - lastTimePrune > PRUNE_INTERVAL_MS) {
          lastTimePrune = now.getTime();
          await pruneOlderThan(new Date(now.getTime() - retention.maxAgeMs));
        }
        // Delivered when (and only if) this transaction commits.
        await db.execute(sql`select pg_notify(${LIVE_EVENTS_CHANNEL}, ${topic})`);
        return { topic, seq, kind, payload, createdAt: now };
      },

      liveEventsAfter: async (topic: string, after: number, limit: number): Promise<LiveEvent[]> =>
        db
          .select()
          .from(liveEventsPg)
          .where(and(eq(liveEventsPg.topic, topic), gt(liveEventsPg.seq, after)))
          .orderBy(asc(liveEventsPg.seq))
          .limit(limit),

      liveEventTopic: async (topic: string): Promise<{ lastSeq: number; prunedThrough: number }> =>
        (await db.select({ lastSeq: liveEventTopicsPg.lastSeq, prunedThrough: liveEventTopicsPg.prunedThrough }).from(liveEventTopicsPg).where(eq(liveEventTopicsPg.topic, topic)))[0] ?? {
          lastSeq: 0,
          prunedThrough: 0,
        },
    };
  };
}

export interface LiveEventListener {
  /** Resolves once the connection is listening. */
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * One connection per process that LISTENs on the outbox channel and wakes the bus's subscribers
 * of each notified topic. If the connection drops it comes back (after 0.5 s, doubling to 10 s),
 * and every subscriber of this process is woken once, since a notification sent meanwhile is lost:
 * a subscriber reads the outbox after its last id, so a spare wake costs one read.
 */
export function listenForLiveEvents(url: string, bus: LiveEventBus, onError: (error: Error) => void = () => undefined): LiveEventListener {
  let client: pg.Client | null = null;
  let closed = false;
  let delay = 500;
  let timer: NodeJS.Timeout | undefined;
  let resolveReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));

  const connect = async () => {
    if (closed) return;
    const next = new pg.Client({ connectionString: url });
    next.on('notification', (message) => {
      if (message.channel === LIVE_EVENTS_CHANNEL && message.payload) bus.publish(message.payload);
    });
    next.on('error', (error) => {
      onError(error);
      next.end().catch(() => undefined);
      if (client === next) {
        client = null;
        retry();
      }
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${LIVE_EVENTS_CHANNEL}`);
    } catch (error) {
      onError(error as Error);
      await next.end().catch(() => undefined);
      retry();
      return;
    }
    if (closed) {
      await next.end().catch(() => undefined);
      return;
    }
    client = next;
    delay = 500;
    bus.publishAll();
    resolveReady();
  };
  const retry = () => {
    if (closed) return;
    timer = setTimeout(() => void connect(), delay);
    delay = Math.min(delay * 2, 10_000);
  };
  void connect();
  return {
    ready,
    close: async () => {
      closed = true;
      clearTimeout(timer);
      resolveReady();
      const current = client;
      client = null;
      await current?.end().catch(() => undefined);
    },
  };
}

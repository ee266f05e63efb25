/**
 * The LIVE outbox's wake-up across processes on Postgres. A write appends its event and, in the
 * same transaction, `pg_notify`s the topic (`announce` in `db/engine.ts`): Postgres delivers a notification only when its
 * transaction commits (and never for one rolled back or retried), to every process listening on
 * that database. Each process keeps one listening connection that turns notifications into
 * `LiveEventBus.publish`, so a replica's subscribers hear of another replica's writes.
 */
import pg from 'pg';
import type { LiveEventBus } from './live.ts';

/** The notification channel of a database's outbox; the payload is the topic. */
export const LIVE_EVENTS_CHANNEL = 'live_events';

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

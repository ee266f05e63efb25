/**
 * LIVE events: an outbox written in the same transaction as the change it reports, so an event
 * exists if and only if its write committed, published to subscribers after the commit.
 *
 * - Each subgraph keeps its own events, per topic (a live stream's id), numbered 1, 2, 3 … in
 *   commit order: the topic's counter row is updated inside the writing transaction, so two
 *   writers to one topic serialize on it and the numbers follow commit order on any engine.
 * - A subscriber reads the outbox, not an in-memory copy: it asks for everything after the last
 *   number it saw, so it can never skip one, and a client or gateway that comes back with
 *   `after` gets what it missed, in order, once.
 * - Events are kept for a retention window (the last N minutes or N events of a topic, whichever
 *   is less); asking for an older position is EVENTS_EXPIRED.
 *
 * The outbox's tables and statements are the kit's, in every store (`db/kit-tables.ts`,
 * `db/kit-statements.ts`); this module is what reads it for subscribers.
 */
import { badInput, refuse } from './errors.ts';
import { clearLoaders } from './loaders.ts';

export interface LiveEvent<P = unknown> {
  topic: string;
  seq: number;
  kind: string;
  payload: P;
  createdAt: Date;
}

export interface LiveEventRetention {
  /** Events older than this are pruned. */
  maxAgeMs: number;
  /** A topic keeps at most this many of its newest events. */
  maxEvents: number;
}

export const LIVE_EVENTS_EXPIRED = 'EVENTS_EXPIRED';

/** From `LIVE_EVENT_RETENTION_SECONDS` (600) and `LIVE_EVENT_RETENTION_EVENTS` (10,000). */
export function liveEventRetention(env: NodeJS.ProcessEnv = process.env): LiveEventRetention {
  const seconds = Number(env.LIVE_EVENT_RETENTION_SECONDS ?? 600);
  const events = Number(env.LIVE_EVENT_RETENTION_EVENTS ?? 10_000);
  if (!Number.isInteger(seconds) || seconds <= 0) throw new Error(`LIVE_EVENT_RETENTION_SECONDS must be a positive whole number, got ${env.LIVE_EVENT_RETENTION_SECONDS}`);
  if (!Number.isInteger(events) || events <= 0) throw new Error(`LIVE_EVENT_RETENTION_EVENTS must be a positive whole number, got ${env.LIVE_EVENT_RETENTION_EVENTS}`);
  return { maxAgeMs: seconds * 1000, maxEvents: events };
}

/**
 * Who is waiting for a topic's next events in this process. A publish only says "look again":
 * subscribers read what is new from the outbox themselves.
 */
export class LiveEventBus {
  private readonly waiting = new Map<string, Set<() => void>>();
  /** Listeners that are the service's own workers (the webhook worker), not subscribers: `size` leaves them out. */
  private readonly workers = new Set<() => void>();

  /**
   * Calls `wake` after every commit that wrote an event of `topic`, until the returned function is
   * called. A service's own `worker` (not a client's subscription) is not counted in `size`.
   */
  listen(topic: string, wake: () => void, as: 'subscriber' | 'worker' = 'subscriber'): () => void {
    let listeners = this.waiting.get(topic);
    if (!listeners) this.waiting.set(topic, (listeners = new Set()));
    listeners.add(wake);
    if (as === 'worker') this.workers.add(wake);
    return () => {
      listeners.delete(wake);
      this.workers.delete(wake);
      if (listeners.size === 0 && this.waiting.get(topic) === listeners) this.waiting.delete(topic);
    };
  }

  publish(topic: string): void {
    for (const wake of this.waiting.get(topic) ?? []) wake();
  }

  /** Wakes every subscriber of every topic: after a lost connection, when what was missed is unknown. */
  publishAll(): void {
    for (const listeners of this.waiting.values()) for (const wake of listeners) wake();
  }

  /** How many subscribers wait on how many topics (metrics, tests); the service's own workers are not counted. */
  get size(): { topics: number; listeners: number } {
    let listeners = 0;
    let topics = 0;
    for (const set of this.waiting.values()) {
      let subscribers = 0;
      for (const wake of set) if (!this.workers.has(wake)) subscribers += 1;
      listeners += subscribers;
      if (subscribers > 0) topics += 1;
    }
    return { topics, listeners };
  }
}

/** What `liveEventStream` needs of a store: the outbox reads, answering promises (any engine). */
export interface LiveEventReads {
  liveEventsAfter(topic: string, after: number, limit: number): Promise<LiveEvent[]>;
  liveEventTopic(topic: string): Promise<{ lastSeq: number; prunedThrough: number }>;
}

/**
 * Reads `after` as a client sent it: an event id this topic gave out, as a string.
 * @throws BAD_USER_INPUT for anything else.
 */
export function parseEventId(after: string | null | undefined): number | null {
  if (after === null || after === undefined) return null;
  if (!/^\d{1,15}$/.test(after)) throw badInput(`after must be an event id this subscription sent, got ${JSON.stringify(after)}.`, { argument: 'after' });
  return Number(after);
}

export interface LiveEventStreamOptions {
  store: LiveEventReads;
  bus: LiveEventBus;
  topic: string;
  /** The last event the subscriber saw; null starts with the next event written. */
  after: number | null;
  /**
   * Resolves when the topic will have no more events (the stream ended): what is in the outbox by
   * then is sent, then the stream completes. As a function it gets a signal that aborts when this
   * subscriber leaves, so a shared watch can stop once nobody needs it.
   */
  ended?: Promise<unknown> | ((gone: AbortSignal) => Promise<unknown>);
  /** An event after which nothing more can come (content's ENDED): sent, then the stream completes. */
  isLast?: (event: LiveEvent) => boolean;
  /** Before each event is handed on (a subscription clears its per-request caches here). */
  beforeEach?: (event: LiveEvent) => void;
  /** Once the subscriber's position is known: the number after which its events start. */
  onStart?: (position: number) => void;
}

const READ_BATCH = 100;

/**
 * A topic's events for one subscriber, in order, each once: first what it missed after `after`,
 * then each new one as its write commits. The position is checked before the stream is handed
 * out, so a subscription resolver refuses with a clear error rather than a broken stream.
 * @throws EVENTS_EXPIRED when `after` is older than the retention window keeps.
 * @throws BAD_USER_INPUT when `after` is beyond the topic's last event.
 */
export async function liveEventStream(options: LiveEventStreamOptions): Promise<AsyncGenerator<LiveEvent, void, undefined>> {
  const { store, bus, topic } = options;
  const control: StreamControl = { stopped: false, woken: false, ended: false, wake: null };
  const wake = () => control.wake?.();
  // Listen before reading, so an event committed between the read and the wait still wakes us.
  const stopListening = bus.listen(topic, () => {
    control.woken = true;
    wake();
  });
  let state: { lastSeq: number; prunedThrough: number };
  try {
    state = await store.liveEventTopic(topic);
    if (options.after !== null && options.after < state.prunedThrough) {
      throw refuse(
        LIVE_EVENTS_EXPIRED,
        `Events after ${options.after} are no longer kept (the window is the last few minutes or thousands of events); refetch the stream's state and subscribe again without \`after\`.`,
        { after: String(options.after), oldestKept: String(state.prunedThrough + 1) },
      );
    }
    if (options.after !== null && options.after > state.lastSeq) {
      throw badInput(`after ${options.after} is not an event this stream has sent (its last is ${state.lastSeq}).`, { argument: 'after' });
    }
  } catch (error) {
    stopListening();
    throw error;
  }
  const position = options.after ?? state.lastSeq;
  options.onStart?.(position);
  const gone = new AbortController();
  const ended = typeof options.ended === 'function' ? options.ended(gone.signal) : options.ended;
  ended?.then(
    () => {
      control.ended = true;
      wake();
    },
    () => undefined,
  );
  // An async generator asked to return while it awaits the next event would only return once
  // that event came: a subscriber who leaves must be let go at once, so `return` wakes it.
  const events = readLiveEvents(options, position, control, () => {
    stopListening();
    gone.abort();
  });
  const stop = events.return.bind(events);
  events.return = (value) => {
    control.stopped = true;
    wake();
    return stop(value);
  };
  return events;
}

interface StreamControl {
  stopped: boolean;
  woken: boolean;
  ended: boolean;
  wake: (() => void) | null;
}

async function* readLiveEvents(options: LiveEventStreamOptions, position: number, control: StreamControl, stopListening: () => void): AsyncGenerator<LiveEvent, void, undefined> {
  let cursor = position;
  try {
    while (!control.stopped) {
      control.woken = false;
      const endedBeforeRead = control.ended;
      const events = await options.store.liveEventsAfter(options.topic, cursor, READ_BATCH);
      for (const event of events) {
        cursor = event.seq;
        options.beforeEach?.(event);
        yield event;
        if (options.isLast?.(event)) return;
      }
      if (events.length === READ_BATCH || control.woken) continue;
      // Ended, and the outbox read after the end held nothing more: this is the last of it.
      if (endedBeforeRead) return;
      if (control.ended) continue;
      await new Promise<void>((resolve) => {
        control.wake = resolve;
        if (control.woken || control.ended || control.stopped) resolve();
      });
      control.wake = null;
    }
  } finally {
    stopListening();
  }
}

/** The outbox id of the event a subscription's context is executing now (see `subscriptionServer`). */
const eventIds = new WeakMap<object, string>();
/** Where each subscription started, for those waiting to hear it. */
const starts = new WeakMap<object, { position?: string; waiting: (() => void)[] }>();

export function currentEventId(context: object): string | undefined {
  return eventIds.get(context);
}

/**
 * Resolves with the event id a subscription starts after, once its source has read it (or
 * never, for a subscription not made by `liveSubscription`). A service subscribing to another
 * keeps it, so that if the connection drops before any event came it can still resume from
 * there and miss nothing.
 */
export function startPosition(context: object): Promise<string> {
  let start = starts.get(context);
  if (!start) starts.set(context, (start = { waiting: [] }));
  const known = start;
  if (known.position !== undefined) return Promise.resolve(known.position);
  return new Promise((resolve) => known.waiting.push(() => resolve(known.position as string)));
}

/**
 * A subscription resolver's source of events: `liveEventStream` bound to one subscriber's context.
 * Before each event is executed the context's loaders are emptied (a subscription's context
 * lives for all its events; each must read fresh totals) and the event's id is noted for
 * `extensions.eventId`.
 */
export function liveSubscription(context: { loaders: Record<string, unknown> }, options: Omit<LiveEventStreamOptions, 'beforeEach' | 'onStart'>): Promise<AsyncGenerator<LiveEvent, void, undefined>> {
  return liveEventStream({
    ...options,
    beforeEach: (event) => {
      clearLoaders(context.loaders);
      eventIds.set(context, String(event.seq));
    },
    onStart: (position) => {
      let start = starts.get(context);
      if (!start) starts.set(context, (start = { waiting: [] }));
      start.position = String(position);
      for (const wake of start.waiting.splice(0)) wake();
    },
  });
}

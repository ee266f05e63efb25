/**
 * A replica's near copy of the shared entity cache (`entity-cache.ts`): what this replica read
 * from Redis or stored there is kept in its own memory as well, so a hit costs no round trip.
 *
 * Read-your-writes across replicas still holds. A write's invalidation is in Redis, and in Redis's
 * invalidation log, before the write is answered (`entity-cache.ts`). A request may read the near
 * copy only once the copy has replayed that log up to a moment after the request arrived: its
 * first lookup waits for a sync sent after its arrival (one small script: the counter, and the
 * tags invalidated since this replica's cursor). Every request arriving in the same turn of the
 * event loop shares one sync, and a request's later lookups need none. So a client that was
 * answered its write, on any replica, never reads what the write changed from any replica's copy.
 *
 * What a fetch read before an invalidation it has not heard of yet cannot stay: the copy indexes
 * every entry by its tags (stored with the value in Redis) and keeps each replayed invalidation's
 * number per tag, so an entry read under an older ticket is refused, as the shared stores refuse it.
 * Whenever the copy cannot tell what it missed (a lookup without the request's arrival, Redis
 * restarted empty, the log trimmed past its cursor, a failed call) it empties itself and reads
 * Redis alone until its next sync.
 *
 * With the invalidation feed (`invalidation-feed.ts`) the copy holds a lease instead, renewed
 * every half second by a sync of its own: while it holds one, invalidations are pushed to it and
 * every write waits for it to acknowledge them, so a request reads the copy with no sync at all.
 * Without the lease (not yet renewed, the feed's subscription lost) it syncs per turn as above.
 *
 * It also remembers, for a while, the keys the gateway found absent and said it will not keep
 * (`forgo`): the private half of a lookup whose public half hit, a fetch whose answer may not be
 * kept (LIVE totals), a response with a private part. Each was a round trip to Redis on every
 * request asking for it, for a key no replica stores. A key remembered absent is a miss, never a
 * stale read; this replica storing it forgets the mark.
 */
import { LRUCache } from 'lru-cache';
import { MemoryEntityCacheStore, type CacheEntry, type CacheLookup, type CacheTicket, type EntityCacheStore, type Invalidation, type LookupOptions } from '../entity-cache/store.ts';
import type { RedisEntityCacheStore, Sync } from './entity-cache.ts';
import type { FeedListener, InvalidationFeed } from './invalidation-feed.ts';

interface NearTicket extends CacheTicket {
  readonly epoch: string | null;
  /** The copy's life when the lookup ran: a ticket of before it was last emptied keeps nothing in it. */
  readonly generation: number;
}

interface Flight {
  sentAt: number;
  /** Settles when the sync is answered (or failed: the requests waiting on it then read Redis alone). */
  done: Promise<void>;
}

/** The sync the requests of this turn share, and the keys they ask Redis for with it. */
interface Batch {
  keys: Map<string, number>;
  done: Promise<CacheLookup | null>;
}

export interface NearCacheOptions {
  /** Roughly how much memory the copy may take (the in-memory entity cache's bound). */
  maxBytes: number;
  /** The replicas' invalidation feed: with it the copy holds a lease and a request needs no sync (`invalidation-feed.ts`). */
  feed?: InvalidationFeed;
}

/**
 * A lease's length on Redis's clock, how often it is renewed, and how much before its end the
 * replica stops counting on it (what clocks may drift apart in that time, generously).
 */
export const LEASE_MS = 2_000;
const RENEW_EVERY_MS = 500;
const LEASE_MARGIN_MS = 100;

/** How long a key the gateway forwent is not asked for again (unless this replica stores it), and how many are remembered. */
export const FORGONE_FOR_MS = 30_000;
const FORGONE_KEYS = 100_000;

export class NearEntityCacheStore implements EntityCacheStore {
  private readonly near: MemoryEntityCacheStore;
  /** Keys found absent that this replica said it will not keep (`forgo`): not asked for again a while. */
  private readonly forgone = new LRUCache<string, true>({ max: FORGONE_KEYS, ttl: FORGONE_FOR_MS });
  private epoch: string | null = null;
  /** The number of the last invalidation replayed. */
  private cursor = 0;
  private generation = 0;
  /** When the newest sync that was answered had been sent: requests that arrived before it may read the copy. */
  private syncedAt = Number.NEGATIVE_INFINITY;
  private readonly flights = new Set<Flight>();
  private next: Batch | null = null;
  /** Until when (`performance.now()`) the lease lets a request read the copy without a sync. */
  private leaseUntil = Number.NEGATIVE_INFINITY;
  private readonly feed: InvalidationFeed | null;
  private renewing = false;
  private readonly renewals: NodeJS.Timeout | null = null;
  /** What the copy did, for tests and the bench. */
  readonly counts = { syncs: 0, hits: 0, misses: 0, absent: 0, resets: 0, renewals: 0, pushed: 0, unheard: 0 };

  constructor(
    private readonly shared: RedisEntityCacheStore,
    options: NearCacheOptions,
  ) {
    this.near = new MemoryEntityCacheStore({ maxBytes: options.maxBytes });
    this.feed = options.feed ?? null;
    if (this.feed) {
      this.feed.start(this.listener);
      this.renewals = setInterval(() => void this.renew(), RENEW_EVERY_MS);
      this.renewals.unref();
    }
  }

  /** Whether a request may read the copy now without a sync (`invalidation-feed.ts`). */
  get leased(): boolean {
    return performance.now() < this.leaseUntil;
  }

  private readonly listener: FeedListener = {
    invalidated: (seq, epoch, tags) => {
      if (epoch !== this.epoch) return null;
      if (seq > this.cursor) {
        this.near.dropAt(tags, seq);
        // One missed (the subscription was down): the next renewal replays the log and says so.
        if (seq !== this.cursor + 1) return null;
        this.cursor = seq;
        this.counts.pushed++;
      }
      return this.cursor;
    },
    lost: () => {
      this.leaseUntil = Number.NEGATIVE_INFINITY;
      this.shared.release().catch(() => undefined);
    },
    subscribed: () => void this.renew(),
  };

  /** Takes the lease again, by a sync: granted from when it was sent, if the feed stayed subscribed and the copy was not emptied meanwhile. */
  private async renew(): Promise<void> {
    const subscribedSince = this.feed?.subscribedSince ?? null;
    if (subscribedSince === null || this.renewing) return;
    this.renewing = true;
    const sentAt = performance.now();
    const from = this.cursor;
    const generation = this.generation;
    try {
      const sync = await this.shared.renew(LEASE_MS, this.epoch, from);
      this.counts.renewals++;
      const intact = this.generation === generation;
      this.replay(sync, from);
      this.syncedAt = Math.max(this.syncedAt, sentAt);
      if ((intact || sync.changes === 'reset') && this.feed?.subscribedSince === subscribedSince) {
        this.leaseUntil = Math.max(this.leaseUntil, sentAt + LEASE_MS - LEASE_MARGIN_MS);
        // Replayed now, so heard: a write waiting on an invalidation this replica missed on the feed may go on.
        this.feed.acknowledge(this.cursor);
      } else if (!this.leased) {
        // Redis has it holding a lease it does not take: writes would wait it out. (Local first, always.)
        this.leaseUntil = Number.NEGATIVE_INFINITY;
        this.shared.release().catch(() => undefined);
      }
    } catch {
      // Not renewed: the lease lapses, and requests sync meanwhile.
    } finally {
      this.renewing = false;
    }
  }

  async get(keys: readonly string[], options?: LookupOptions): Promise<CacheLookup> {
    const arrivedAt = options?.arrivedAt;
    if (arrivedAt === undefined || keys.length === 0) return this.shared.get(keys);
    let asked: CacheLookup | null = null;
    let askedFor: readonly string[] = [];
    if (this.syncedAt < arrivedAt && !this.leased) {
      // A replay only drops: a key the copy lacks now it lacks after, so Redis is asked for it in the sync's round trip.
      askedFor = keys.filter((key) => !this.near.has(key) && !this.forgone.has(key));
      asked = await this.caughtUpWith(arrivedAt, askedFor);
    }
    const generation = this.generation;
    const found = await this.near.get(keys);
    const values = [...found.values];
    const ages = [...(found.ages ?? keys.map(() => undefined))];
    let ticket: NearTicket | null = null;
    if (asked) {
      const at = new Map(askedFor.map((key, i) => [key, i]));
      ticket = { ...(asked.ticket as NearTicket), generation };
      this.fill(keys, values, ages, asked, (key) => at.get(key), ticket);
    }
    const answered = new Set(asked ? askedFor : []);
    const missing: number[] = [];
    let knownAbsent = 0;
    values.forEach((value, i) => {
      if (value !== undefined || answered.has(keys[i]!)) return;
      if (this.forgone.has(keys[i]!)) knownAbsent++;
      else missing.push(i);
    });
    const nearHits = found.values.filter((value) => value !== undefined).length;
    this.counts.hits += nearHits;
    this.counts.absent += knownAbsent;
    this.counts.misses += keys.length - nearHits - knownAbsent;
    if (missing.length > 0) {
      const far = await this.shared.get(missing.map((i) => keys[i]!));
      const at = new Map(missing.map((i, j) => [keys[i]!, j]));
      ticket = { ...(far.ticket as NearTicket), generation };
      this.fill(keys, values, ages, far, (key) => at.get(key), ticket);
    }
    ticket ??= { seq: this.cursor, takenAt: performance.now(), epoch: this.epoch, generation };
    return { values, ages, ticket };
  }

  /** Puts what Redis answered for some of `keys` in their places, and into the copy. */
  private fill(keys: readonly string[], values: (string | undefined)[], ages: (number | undefined)[], far: CacheLookup, indexOf: (key: string) => number | undefined, ticket: NearTicket): void {
    const entries: CacheEntry[] = [];
    keys.forEach((key, i) => {
      const j = indexOf(key);
      if (j === undefined || values[i] !== undefined) return;
      const value = far.values[j];
      const age = far.ages?.[j];
      const tags = far.tags?.[j];
      values[i] = value;
      ages[i] = age;
      if (value !== undefined && age !== undefined && tags) entries.push({ key, value, tags, maxAgeSeconds: age });
    });
    this.keepNear(entries, ticket);
  }

  async set(entries: readonly CacheEntry[], ticket: CacheTicket): Promise<void> {
    for (const entry of entries) this.forgone.delete(entry.key);
    // Near at once: Redis takes it with a later lookup (`FILL_DELAY_MS`), and both refuse it alike after an invalidation.
    this.keepNear(entries, ticket);
    await this.shared.set(entries, ticket);
  }

  forgo(keys: readonly string[], ticket: CacheTicket): void {
    // A lookup of the copy's earlier life may have found absent what the copy then dropped.
    if ((ticket as Partial<NearTicket>).generation !== this.generation) return;
    for (const key of keys) if (!this.near.has(key)) this.forgone.set(key, true);
  }

  async invalidate(tags: readonly string[]): Promise<Invalidation> {
    try {
      const made = await this.shared.invalidate(tags);
      if (made.seq !== undefined) {
        this.feed?.made(made.seq);
        // This replica's copy at once; the log replays it again, harmlessly.
        this.near.dropAt(tags, made.seq);
      } else this.empty();
      this.counts.unheard += made.unheard ?? 0;
      return made;
    } catch (error) {
      this.empty();
      throw error;
    }
  }

  async close(): Promise<void> {
    if (this.renewals) clearInterval(this.renewals);
    if (this.feed) {
      // The feed is its opener's to close; writes stop waiting on this replica now.
      this.leaseUntil = Number.NEGATIVE_INFINITY;
      await this.shared.release().catch(() => undefined);
    }
    await this.near.close();
    await this.shared.close();
  }

  /** Keeps what a lookup of this copy's life brought, unless an invalidation replayed since refuses it. */
  private keepNear(entries: readonly CacheEntry[], ticket: CacheTicket): void {
    if (entries.length === 0 || (ticket as Partial<NearTicket>).generation !== this.generation) return;
    void this.near.set(entries, ticket);
  }

  /**
   * Resolves once a sync sent after `arrivedAt` has been replayed, with `keys` read from Redis in
   * its step (null when a sync already in flight serves: the keys are then looked up after).
   * Requests of one turn share one sync and one round trip.
   */
  private async caughtUpWith(arrivedAt: number, keys: readonly string[]): Promise<CacheLookup | null> {
    for (const flight of this.flights) {
      if (flight.sentAt >= arrivedAt) {
        await flight.done;
        return null;
      }
    }
    if (!this.next) {
      const batch: Batch = { keys: new Map(), done: Promise.resolve(null) };
      batch.done = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        this.next = null;
        return this.syncNow([...batch.keys.keys()]);
      });
      this.next = batch;
    }
    const batch = this.next;
    for (const key of keys) if (!batch.keys.has(key)) batch.keys.set(key, batch.keys.size);
    const found = await batch.done;
    if (!found) return null;
    const values: (string | undefined)[] = [];
    const ages: (number | undefined)[] = [];
    const tags: (readonly string[] | undefined)[] = [];
    for (const key of keys) {
      const j = batch.keys.get(key)!;
      values.push(found.values[j]);
      ages.push(found.ages?.[j]);
      tags.push(found.tags?.[j]);
    }
    return { values, ages, tags, ticket: found.ticket };
  }

  private syncNow(keys: readonly string[]): Promise<CacheLookup | null> {
    const sentAt = performance.now();
    const from = this.cursor;
    const flight: Flight = { sentAt, done: Promise.resolve() };
    const done = this.shared.sync(this.epoch, from, keys).then(
      (sync) => {
        this.counts.syncs++;
        this.replay(sync, from);
        this.syncedAt = Math.max(this.syncedAt, sentAt);
        return sync.found;
      },
      (error: unknown) => {
        this.empty();
        throw error;
      },
    );
    flight.done = done.then(
      () => undefined,
      () => undefined,
    );
    this.flights.add(flight);
    void flight.done.finally(() => this.flights.delete(flight));
    return done;
  }

  /** Drops what each invalidation after `from` named; replies come in order, so one already replayed further is skipped. */
  private replay(sync: Sync, from: number): void {
    if (sync.changes === 'reset') {
      this.empty();
      this.epoch = sync.epoch;
      this.cursor = sync.seq;
      return;
    }
    if (sync.seq <= this.cursor) return;
    sync.changes.forEach((tags, k) => {
      const seq = from + 1 + k;
      if (seq > this.cursor) this.near.dropAt(tags, seq);
    });
    this.cursor = sync.seq;
  }

  /** Forgets everything: the copy cannot tell what it missed. */
  private empty(): void {
    void this.near.close();
    this.forgone.clear();
    this.generation++;
    this.epoch = null;
    this.syncedAt = Number.NEGATIVE_INFINITY;
    this.leaseUntil = Number.NEGATIVE_INFINITY;
    this.counts.resets++;
  }
}

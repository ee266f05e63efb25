/**
 * Where the entity cache keeps answers: this process's memory by default (bounded, least
 * recently used first out), or a store every gateway replica shares (`db/entity-cache.ts`).
 *
 * A read that misses fetches from the subgraph and stores what came back. A write that lands
 * while such a fetch is in flight may have been read before it committed, so the store must not
 * keep that answer: `get` hands out a ticket (the invalidations seen so far), and `set` refuses
 * an entry with a tag invalidated after its ticket.
 */
import { LRUCache } from 'lru-cache';

export interface CacheEntry {
  key: string;
  /** The answer, as JSON text (each reader parses its own copy). */
  value: string;
  /** The entities it shows (`tags.ts`): invalidating any of them drops it. */
  tags: readonly string[];
  maxAgeSeconds: number;
}

/** What was invalidated when a lookup ran; opaque to callers. */
export interface CacheTicket {
  readonly seq: number;
  /** `performance.now()` of the lookup: tickets older than `MAX_TICKET_AGE_MS` store nothing. */
  readonly takenAt: number;
}

export interface CacheLookup {
  /** The value of each key, undefined where there is none or it expired. */
  values: (string | undefined)[];
  /** The tags of each value found, where the store can tell (a replica's near cache indexes them). */
  tags?: (readonly string[] | undefined)[];
  /** How many seconds each value has left to live (a response made of it may live no longer). */
  ages?: (number | undefined)[];
  ticket: CacheTicket;
}

/**
 * Keys of whole responses (`../response-cache.ts`) start with this: they live in the same store
 * as the entity entries, so one invalidation drops both, and the store can count them apart.
 */
export const RESPONSE_KEY_PREFIX = 'response\n';

/** What an invalidation dropped, where the store can tell. */
export interface Invalidation {
  /** Whole responses dropped (keys under `RESPONSE_KEY_PREFIX`). */
  responses: number;
  /** The invalidation's number in the shared store's count, where it keeps one (Redis). */
  seq?: number;
  /** Replicas holding a lease on their near copy that did not say they heard it: the write waited their leases out. */
  unheard?: number;
}

/** What a lookup is for. */
export interface LookupOptions {
  /**
   * `performance.now()` when the request asking arrived: a store that keeps a near copy in the
   * replica's memory answers from it only once it has heard of every invalidation made before
   * then (`../redis/near-cache.ts`). Without it, only the shared store is read.
   */
  arrivedAt?: number | undefined;
}

export interface EntityCacheStore {
  get(keys: readonly string[], options?: LookupOptions): Promise<CacheLookup>;
  /** Keeps the entries a fetch started at `ticket` brought, except those showing an entity invalidated since. */
  set(entries: readonly CacheEntry[], ticket: CacheTicket): Promise<void>;
  /**
   * Says that a lookup under `ticket` found none of `keys` and this replica keeps none of them
   * (the other half of a public/private pair, an answer that may not be kept). A store with a near
   * copy then stops asking the shared store for them a while (`../redis/near-cache.ts`); the others
   * need not implement it. A hint: a right answer never depends on it.
   */
  forgo?(keys: readonly string[], ticket: CacheTicket): void;
  /** Drops every entry showing any of the tags, before it returns. */
  invalidate(tags: readonly string[]): Promise<Invalidation | void>;
  close(): Promise<void>;
}

/**
 * How long a store remembers an invalidation for the fetches in flight. A fetch slower than this
 * (subgraph timeouts are seconds) stores nothing, so nothing it read can outlive a write.
 */
export const MAX_TICKET_AGE_MS = 60_000;

interface Kept {
  value: string;
  tags: readonly string[];
  expiresAt: number;
}

export interface MemoryStoreOptions {
  /** Roughly how much memory the entries may take (UTF-16 text of keys, values and tags). */
  maxBytes: number;
  /** The clock, for tests: milliseconds, monotonic. */
  now?: () => number;
}

/** One process's cache: right for one gateway, never for replicas (each would keep its own copy after a write). */
export class MemoryEntityCacheStore implements EntityCacheStore {
  private readonly now: () => number;
  private readonly entries: LRUCache<string, Kept>;
  /** Keys of the entries showing each tag. */
  private readonly byTag = new Map<string, Set<string>>();
  /** The last invalidation of each tag recently invalidated: its number and time. */
  private readonly marks = new Map<string, { seq: number; at: number }>();
  private seq = 0;

  constructor(options: MemoryStoreOptions) {
    this.now = options.now ?? (() => performance.now());
    this.entries = new LRUCache<string, Kept>({
      maxSize: options.maxBytes,
      sizeCalculation: (kept, key) => 2 * (key.length + kept.value.length + kept.tags.reduce((sum, tag) => sum + tag.length + 16, 0)) + 64,
      dispose: (kept, key) => this.unindex(key, kept.tags),
    });
  }

  get size(): number {
    return this.entries.size;
  }

  /** Whether an entry is kept for the key (it may be past its max age). */
  has(key: string): boolean {
    return this.entries.has(key);
  }

  async get(keys: readonly string[]): Promise<CacheLookup> {
    const now = this.now();
    const ages: (number | undefined)[] = [];
    const values = keys.map((key) => {
      const kept = this.entries.get(key);
      if (kept && kept.expiresAt > now) {
        ages.push((kept.expiresAt - now) / 1000);
        return kept.value;
      }
      if (kept) this.entries.delete(key);
      ages.push(undefined);
      return undefined;
    });
    return { values, ages, ticket: { seq: this.seq, takenAt: now } };
  }

  async set(entries: readonly CacheEntry[], ticket: CacheTicket): Promise<void> {
    const now = this.now();
    if (now - ticket.takenAt > MAX_TICKET_AGE_MS) return;
    for (const entry of entries) {
      if (entry.tags.some((tag) => (this.marks.get(tag)?.seq ?? 0) > ticket.seq)) continue;
      this.entries.set(entry.key, { value: entry.value, tags: entry.tags, expiresAt: now + entry.maxAgeSeconds * 1000 });
      // Set after the replaced entry (if any) was disposed of and unindexed.
      if (!this.entries.has(entry.key)) continue;
      for (const tag of entry.tags) {
        let keys = this.byTag.get(tag);
        if (!keys) this.byTag.set(tag, (keys = new Set()));
        keys.add(entry.key);
      }
    }
  }

  async invalidate(tags: readonly string[]): Promise<Invalidation> {
    return { responses: this.dropAt(tags, this.seq + 1) };
  }

  /**
   * Drops every entry showing any of the tags as invalidation number `seq` of a count kept
   * elsewhere (a shared store's, when this is a replica's near copy of it): entries a lookup
   * before `seq` read are refused from now on. Returns the whole responses dropped.
   */
  dropAt(tags: readonly string[], seq: number): number {
    const now = this.now();
    this.seq = Math.max(this.seq, seq);
    let responses = 0;
    for (const tag of tags) {
      const mark = Math.max(seq, this.marks.get(tag)?.seq ?? 0);
      // Re-inserted, so the map stays in time order for forgetOldMarks.
      this.marks.delete(tag);
      this.marks.set(tag, { seq: mark, at: now });
      const keys = this.byTag.get(tag);
      if (!keys) continue;
      for (const key of [...keys]) {
        if (key.startsWith(RESPONSE_KEY_PREFIX)) responses++;
        this.entries.delete(key);
      }
    }
    this.forgetOldMarks(now);
    return responses;
  }

  async close(): Promise<void> {
    this.entries.clear();
  }

  private unindex(key: string, tags: readonly string[]): void {
    for (const tag of tags) {
      const keys = this.byTag.get(tag);
      if (!keys) continue;
      keys.delete(key);
      if (keys.size === 0) this.byTag.delete(tag);
    }
  }

  /** Marks older than any ticket that may still store are dropped; the map keeps insertion order. */
  private forgetOldMarks(now: number): void {
    for (const [tag, mark] of this.marks) {
      if (now - mark.at <= MAX_TICKET_AGE_MS) break;
      this.marks.delete(tag);
    }
  }
}

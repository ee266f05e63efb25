/**
 * The shared entity cache store (`../db/entity-cache.ts`) through an outage of the gateway's
 * Postgres: the cache is an optimisation, so while the store does not answer every lookup is a
 * miss and nothing is kept, and no request waits on it (the gate lets one call a second try).
 * Only an outage (`isUnreachable`) opens the gate: any other failure is thrown to the entity
 * cache, which counts it as a miss (or, for an invalidation, tells the write) as before.
 *
 * An invalidation that cannot be made is not forgotten: its tags are kept here and made before
 * this replica reads the store again, and retried every `retryMs` meanwhile, so an entry a write
 * changed during the outage is dropped as soon as the store answers. The write itself is still
 * told (ENTITY_CACHE_STALE, `../entity-cache.ts`): another replica may read the store in the
 * moment between its return and the retry.
 *
 * With `local` (the Redis store, `../redis/entity-cache.ts`), a replica keeps answering from a
 * cache in its own memory while the shared store is away, each entry for at most
 * `localMaxAgeSeconds`: this replica's writes drop its entries there as always, another replica's
 * may show up to that late (and were told ENTITY_CACHE_STALE). Once the shared store answers again
 * the local entries are dropped (they missed other replicas' invalidations) and only it is read.
 */
import type { OutageGate } from '@app/kit/outage';
import { isUnreachable } from '@app/kit/pg';
import type { CacheEntry, CacheLookup, CacheTicket, EntityCacheStore, Invalidation, LookupOptions, MemoryEntityCacheStore } from './store.ts';

/** The ticket of a lookup that did not reach the store: no store accepts an entry under it (it is older than any ticket may be). */
const UNREACHED: CacheTicket = { seq: Number.MAX_SAFE_INTEGER, takenAt: Number.NEGATIVE_INFINITY };

export class EntityCacheUnavailableError extends Error {
  override name = 'EntityCacheUnavailableError';
}

export interface OutageOptions {
  retryMs?: number;
  /** Which failures are the store not answering (Postgres's by default). */
  isOutage?: (error: unknown) => boolean;
  /** A cache in this replica's memory to answer from while the store is away (none: every lookup misses). */
  local?: MemoryEntityCacheStore;
  /** The longest an entry is kept in `local` (default 5 s). */
  localMaxAgeSeconds?: number;
}

export function tolerateOutages(store: EntityCacheStore, gate: OutageGate, options: OutageOptions = {}): EntityCacheStore & { pendingTags(): number } {
  const pending = new Set<string>();
  let retry: NodeJS.Timeout | null = null;
  const isOutage = options.isOutage ?? isUnreachable;
  const local = options.local;
  const localMaxAge = options.localMaxAgeSeconds ?? 5;
  /** Tickets of lookups answered by `local`: what their fetches bring is kept there. */
  const localTickets = new WeakSet<CacheTicket>();
  let localUsed = false;

  /** Makes the invalidations still owed; throws when the store does not take them. */
  async function flush(): Promise<Invalidation | void> {
    if (pending.size === 0) return;
    const tags = [...pending];
    const made = await store.invalidate(tags);
    for (const tag of tags) pending.delete(tag);
    return made;
  }

  function stopRetrying(): void {
    if (retry && pending.size === 0) {
      clearInterval(retry);
      retry = null;
    }
  }

  /** Runs `work` on the store; an outage opens the gate and answers `fallback`, anything else is thrown. */
  async function attempt<T>(work: () => Promise<T>, fallback: () => T | Promise<T>): Promise<T> {
    if (!gate.shouldTry()) return fallback();
    let result: T;
    try {
      result = await work();
    } catch (error) {
      if (!isOutage(error)) throw error;
      gate.failed(error);
      return fallback();
    }
    gate.succeeded();
    return result;
  }

  function retryLater(): void {
    if (retry || pending.size === 0) return;
    retry = setInterval(() => {
      if (pending.size === 0) return stopRetrying();
      attempt(flush, () => undefined).then(stopRetrying, () => undefined);
    }, options.retryMs ?? 1_000);
    retry.unref();
  }

  const unreachable = () => {
    throw new EntityCacheUnavailableError('The entity cache store does not answer; the invalidation is kept and retried.');
  };

  return {
    pendingTags: () => pending.size,

    get(keys: readonly string[], lookupOptions?: LookupOptions): Promise<CacheLookup> {
      return attempt(
        async () => {
          await flush();
          stopRetrying();
          const found = await store.get(keys, lookupOptions);
          if (localUsed) {
            // Back: what this replica kept alone missed other replicas' invalidations.
            localUsed = false;
            await local?.close();
          }
          return found;
        },
        (): CacheLookup | Promise<CacheLookup> => {
          if (!local) return { values: keys.map(() => undefined), ticket: UNREACHED };
          localUsed = true;
          return local.get(keys).then((lookup) => {
            localTickets.add(lookup.ticket);
            return lookup;
          });
        },
      );
    },

    async set(entries: readonly CacheEntry[], ticket: CacheTicket): Promise<void> {
      if (local && localTickets.has(ticket)) {
        // Only while the store is still away: once it answers, the local cache is not read.
        if (localUsed) await local.set(entries.map((entry) => ({ ...entry, maxAgeSeconds: Math.min(entry.maxAgeSeconds, localMaxAge) })), ticket);
        return;
      }
      // Nothing is kept while an invalidation is owed: what is stored might show what it drops.
      if (ticket === UNREACHED || pending.size > 0) return;
      await attempt(
        () => store.set(entries, ticket),
        () => undefined,
      );
    },

    forgo(keys: readonly string[], ticket: CacheTicket): void {
      // Only what the shared store itself said it lacks.
      if (ticket !== UNREACHED && !localTickets.has(ticket)) store.forgo?.(keys, ticket);
    },

    async invalidate(tags: readonly string[]): Promise<Invalidation | void> {
      // This replica's own memory first: its next read shows the write whatever the store does.
      if (localUsed) await local?.invalidate(tags);
      for (const tag of tags) pending.add(tag);
      try {
        const made = await attempt(flush, unreachable);
        stopRetrying();
        return made;
      } catch (error) {
        retryLater();
        throw error;
      }
    },

    async close(): Promise<void> {
      if (retry) clearInterval(retry);
      retry = null;
      await store.close();
    },
  };
}

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
 */
import type { OutageGate } from '@app/kit/outage';
import { isUnreachable } from '@app/kit/pg';
import type { CacheEntry, CacheLookup, CacheTicket, EntityCacheStore, Invalidation } from './store.ts';

/** The ticket of a lookup that did not reach the store: no store accepts an entry under it (it is older than any ticket may be). */
const UNREACHED: CacheTicket = { seq: Number.MAX_SAFE_INTEGER, takenAt: Number.NEGATIVE_INFINITY };

export class EntityCacheUnavailableError extends Error {
  override name = 'EntityCacheUnavailableError';
}

export function tolerateOutages(store: EntityCacheStore, gate: OutageGate, options: { retryMs?: number } = {}): EntityCacheStore & { pendingTags(): number } {
  const pending = new Set<string>();
  let retry: NodeJS.Timeout | null = null;

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
  async function attempt<T>(work: () => Promise<T>, fallback: () => T): Promise<T> {
    if (!gate.shouldTry()) return fallback();
    let result: T;
    try {
      result = await work();
    } catch (error) {
      if (!isUnreachable(error)) throw error;
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

    get(keys: readonly string[]): Promise<CacheLookup> {
      return attempt(
        async () => {
          await flush();
          stopRetrying();
          return store.get(keys);
        },
        () => ({ values: keys.map(() => undefined), ticket: UNREACHED }),
      );
    },

    async set(entries: readonly CacheEntry[], ticket: CacheTicket): Promise<void> {
      // Nothing is kept while an invalidation is owed: what is stored might show what it drops.
      if (ticket === UNREACHED || pending.size > 0) return;
      await attempt(
        () => store.set(entries, ticket),
        () => undefined,
      );
    },

    async invalidate(tags: readonly string[]): Promise<Invalidation | void> {
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

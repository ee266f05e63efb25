import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { registerNearCacheMetrics } from './metrics.ts';

describe("the near copy's counts on /metrics", () => {
  it('are read from the copy at each scrape', async () => {
    const registry = new Registry();
    const counts = { syncs: 3, hits: 10, misses: 4, absent: 2, resets: 0, renewals: 8, pushed: 5, unheard: 0 };
    registerNearCacheMetrics(registry, counts);
    const scrape = async () => {
      const text = await registry.metrics();
      const value = (line: string) => Number(new RegExp(`^${line.replace(/[{}"]/g, (c) => `\\${c}`)} (\\S+)$`, 'm').exec(text)?.[1]);
      return {
        hits: value('entity_cache_near_lookups_total{outcome="hit"}'),
        misses: value('entity_cache_near_lookups_total{outcome="miss"}'),
        absent: value('entity_cache_near_lookups_total{outcome="absent"}'),
        syncs: value('entity_cache_near_syncs_total'),
        resets: value('entity_cache_near_resets_total'),
        renewals: value('entity_cache_near_lease_renewals_total'),
        pushed: value('entity_cache_near_pushed_total'),
        unheard: value('entity_cache_near_unheard_total'),
      };
    };
    expect(await scrape()).toEqual({ hits: 10, misses: 4, absent: 2, syncs: 3, resets: 0, renewals: 8, pushed: 5, unheard: 0 });
    Object.assign(counts, { syncs: 5, hits: 25, misses: 6, absent: 7, resets: 1, renewals: 9, pushed: 6, unheard: 1 });
    expect(await scrape()).toEqual({ hits: 25, misses: 6, absent: 7, syncs: 5, resets: 1, renewals: 9, pushed: 6, unheard: 1 });
  });
});

/**
 * What every entity-cache store replicas share must do (Postgres, Redis), as one suite each
 * store's test file runs against two replicas of it: one cache for all, ages and dropped
 * responses counted, max age by the server's clock, and no read kept that an invalidation
 * overtook.
 */
import { expect, it } from 'vitest';
import { RESPONSE_KEY_PREFIX, type CacheEntry, type EntityCacheStore } from './store.ts';

export const cacheEntry = (key: string, tags: string[], maxAgeSeconds = 30): CacheEntry => ({ key, value: JSON.stringify({ key }), tags, maxAgeSeconds });

export function sharedEntityCacheContract(replicas: () => Promise<readonly [EntityCacheStore, EntityCacheStore, ...unknown[]]>): void {
  const entry = cacheEntry;

  it('is one cache for every replica: what one keeps the other reads, what one drops is gone for both', async () => {
    const [a, b] = await replicas();
    const { ticket } = await a.get(['video', 'product']);
    await a.set([entry('video', ['Video:1', 'Product:1']), entry('product', ['Product:2']), entry('list', ['Product:3', 'Product[]'])], ticket);
    expect((await b.get(['video', 'product', 'list', 'none'])).values).toEqual(['{"key":"video"}', '{"key":"product"}', '{"key":"list"}', undefined]);
    await b.invalidate(['Product:1', 'Product[]']);
    expect((await a.get(['video', 'product', 'list'])).values).toEqual([undefined, '{"key":"product"}', undefined]);
  });

  it('says how long each value has left, and counts the whole responses an invalidation drops', async () => {
    const [a, b] = await replicas();
    const { ticket } = await a.get([]);
    const response = `${RESPONSE_KEY_PREFIX}one`;
    await a.set([entry(response, ['Product:1'], 30), entry('product', ['Product:1'], 10), entry(`${RESPONSE_KEY_PREFIX}two`, ['Product:2'])], ticket);
    const { ages } = await b.get([response, 'none', 'product']);
    expect(ages?.[0]).toBeGreaterThan(28);
    expect(ages?.[0]).toBeLessThanOrEqual(30);
    expect(ages?.[1]).toBeUndefined();
    expect(ages?.[2]).toBeGreaterThan(8);
    expect(ages?.[2]).toBeLessThanOrEqual(10);
    expect(await b.invalidate(['Product:1'])).toMatchObject({ responses: 1 });
    expect((await a.get([response, 'product', `${RESPONSE_KEY_PREFIX}two`])).values.map(Boolean)).toEqual([false, false, true]);
  });

  it('answers nothing past its max age, by the server clock', async () => {
    const [a] = await replicas();
    const { ticket } = await a.get([]);
    await a.set([entry('short', ['Product:1'], 1)], ticket);
    expect((await a.get(['short'])).values[0]).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await a.get(['short'])).values[0]).toBeUndefined();
  });

  it("refuses what a replica's fetch read before another replica dropped it, and keeps what it read after", async () => {
    const [a, b] = await replicas();
    const before = await a.get(['stale', 'fine']);
    await b.invalidate(['Product:1']);
    await a.set([entry('stale', ['Video:1', 'Product:1']), entry('fine', ['Product:2'])], before.ticket);
    expect((await b.get(['stale', 'fine'])).values.map(Boolean)).toEqual([false, true]);
    const after = await a.get(['stale']);
    await a.set([entry('stale', ['Video:1', 'Product:1'])], after.ticket);
    expect((await b.get(['stale'])).values.map(Boolean)).toEqual([true]);
  });

  it('never ends up keeping an entry whose fetch began before an invalidation racing its store', async () => {
    const [a, b] = await replicas();
    for (let round = 0; round < 25; round++) {
      const key = `race-${round}`;
      const { ticket } = await a.get([key]);
      await Promise.all([a.set([entry(key, ['Product:9'])], ticket), b.invalidate(['Product:9'])]);
      expect((await a.get([key])).values[0]).toBeUndefined();
    }
  });
}

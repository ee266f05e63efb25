import { describe, expect, it } from 'vitest';
import { MAX_TICKET_AGE_MS, MemoryEntityCacheStore, RESPONSE_KEY_PREFIX, type CacheEntry } from './store.ts';

function clock() {
  let now = 1_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const entry = (key: string, tags: string[], maxAgeSeconds = 30, value = `{"v":"${key}"}`): CacheEntry => ({ key, value, tags, maxAgeSeconds });

describe('the in-memory entity cache store', () => {
  it('answers what it keeps until its max age, then nothing', async () => {
    const time = clock();
    const store = new MemoryEntityCacheStore({ maxBytes: 1_000_000, now: time.now });
    const { ticket } = await store.get(['a']);
    await store.set([entry('a', ['Product:1'], 2)], ticket);
    expect((await store.get(['a', 'b'])).values).toEqual(['{"v":"a"}', undefined]);
    time.advance(1_999);
    expect((await store.get(['a'])).values).toEqual(['{"v":"a"}']);
    time.advance(1);
    expect((await store.get(['a'])).values).toEqual([undefined]);
  });

  it('says how long each value it answers has left to live', async () => {
    const time = clock();
    const store = new MemoryEntityCacheStore({ maxBytes: 1_000_000, now: time.now });
    const { ticket } = await store.get([]);
    await store.set([entry('a', ['Product:1'], 30), entry('b', ['Product:2'], 10)], ticket);
    time.advance(4_000);
    expect((await store.get(['a', 'none', 'b'])).ages).toEqual([26, undefined, 6]);
  });

  it('counts the whole responses an invalidation drops apart from the entity entries', async () => {
    const store = new MemoryEntityCacheStore({ maxBytes: 1_000_000 });
    const { ticket } = await store.get([]);
    await store.set([entry(`${RESPONSE_KEY_PREFIX}one`, ['Product:1', 'Product[]']), entry(`${RESPONSE_KEY_PREFIX}two`, ['Product:2']), entry('product', ['Product:1'])], ticket);
    expect(await store.invalidate(['Product:1', 'Product[]'])).toEqual({ responses: 1 });
    expect((await store.get([`${RESPONSE_KEY_PREFIX}one`, `${RESPONSE_KEY_PREFIX}two`, 'product'])).values.map(Boolean)).toEqual([false, true, false]);
  });

  it('drops every entry showing an invalidated tag, and nothing else', async () => {
    const store = new MemoryEntityCacheStore({ maxBytes: 1_000_000 });
    const { ticket } = await store.get([]);
    await store.set([entry('video', ['Video:1', 'Product:1', 'Product:2']), entry('product', ['Product:1']), entry('other', ['Product:3']), entry('list', ['Product[]'])], ticket);
    await store.invalidate(['Product:1']);
    expect((await store.get(['video', 'product', 'other', 'list'])).values.map(Boolean)).toEqual([false, false, true, true]);
    await store.invalidate(['Product[]']);
    expect((await store.get(['other', 'list'])).values.map(Boolean)).toEqual([true, false]);
    expect(store.size).toBe(1);
  });

  it('refuses to keep what a fetch in flight read before a write invalidated it, and keeps the rest of that fetch', async () => {
    const store = new MemoryEntityCacheStore({ maxBytes: 1_000_000 });
    const before = await store.get(['stale', 'fine']);
    // The write lands and is invalidated while the fetch that started at `before` is in flight.
    await store.invalidate(['Product:1']);
    await store.set([entry('stale', ['Video:1', 'Product:1']), entry('fine', ['Product:2'])], before.ticket);
    expect((await store.get(['stale', 'fine'])).values.map(Boolean)).toEqual([false, true]);
    // A fetch that started after the invalidation keeps its answer.
    const after = await store.get(['stale']);
    await store.set([entry('stale', ['Video:1', 'Product:1'])], after.ticket);
    expect((await store.get(['stale'])).values.map(Boolean)).toEqual([true]);
  });

  it('keeps nothing from a fetch older than it remembers invalidations for', async () => {
    const time = clock();
    const store = new MemoryEntityCacheStore({ maxBytes: 1_000_000, now: time.now });
    const { ticket } = await store.get(['slow']);
    time.advance(MAX_TICKET_AGE_MS + 1);
    await store.set([entry('slow', ['Product:1'])], ticket);
    expect((await store.get(['slow'])).values).toEqual([undefined]);
  });

  it('stays within its size, dropping the least recently used first, and keeps its tag index in step', async () => {
    const store = new MemoryEntityCacheStore({ maxBytes: 2_000 });
    const { ticket } = await store.get([]);
    const value = 'x'.repeat(200);
    for (let i = 0; i < 20; i++) await store.set([entry(`k${i}`, [`Product:${i}`, 'Brand:1'], 30, value)], ticket);
    expect(store.size).toBeLessThan(20);
    expect((await store.get(['k19'])).values[0]).toBe(value);
    expect((await store.get(['k0'])).values[0]).toBeUndefined();
    await store.invalidate(['Brand:1']);
    expect(store.size).toBe(0);
  });

  it('replaces an entry kept again under its new tags only', async () => {
    const store = new MemoryEntityCacheStore({ maxBytes: 1_000_000 });
    const { ticket } = await store.get([]);
    await store.set([entry('p', ['Product:1', 'Brand:1'])], ticket);
    await store.set([entry('p', ['Product:1', 'Brand:2'], 30, '"moved"')], ticket);
    await store.invalidate(['Brand:1']);
    expect((await store.get(['p'])).values).toEqual(['"moved"']);
    await store.invalidate(['Brand:2']);
    expect((await store.get(['p'])).values).toEqual([undefined]);
  });
});

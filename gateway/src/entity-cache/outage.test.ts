import { describe, expect, it } from 'vitest';
import { OutageGate } from '@app/kit/outage';
import { tolerateOutages } from './outage.ts';
import { MemoryEntityCacheStore, type CacheEntry, type EntityCacheStore } from './store.ts';

const entry = (key: string, tags: string[]): CacheEntry => ({ key, value: `{"v":"${key}"}`, tags, maxAgeSeconds: 60 });
const terminated = new Error('Connection terminated unexpectedly');

/** The in-memory store behind a switch: while `down`, every call throws as the Postgres store's would. */
function switchable() {
  const inner = new MemoryEntityCacheStore({ maxBytes: 1_000_000 });
  const state = { down: false };
  const guard =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      if (state.down) throw terminated;
      return call(...args);
    };
  const store: EntityCacheStore = {
    get: guard((keys) => inner.get(keys)),
    set: guard((entries, ticket) => inner.set(entries, ticket)),
    invalidate: guard((tags) => inner.invalidate(tags)),
    close: () => inner.close(),
  };
  return { store, inner, state };
}

describe('the shared entity cache through an outage', () => {
  it('misses and keeps nothing while the store is down, without an error, and serves again when it answers', async () => {
    let clock = 0;
    const gate = new OutageGate({ now: () => clock });
    const { store, inner, state } = switchable();
    const cache = tolerateOutages(store, gate);
    const first = await cache.get(['a']);
    await cache.set([entry('a', ['Product:1'])], first.ticket);

    state.down = true;
    const during = await cache.get(['a', 'b']);
    expect(during.values).toEqual([undefined, undefined]);
    await expect(cache.set([entry('b', ['Product:2'])], during.ticket)).resolves.toBeUndefined();
    expect(gate.isDown).toBe(true);

    state.down = false;
    clock += 1_000;
    expect((await cache.get(['a', 'b'])).values).toEqual(['{"v":"a"}', undefined]);
    // Nothing was kept under the ticket of a lookup that never reached the store.
    await cache.set([entry('b', ['Product:2'])], during.ticket);
    expect((await inner.get(['b'])).values).toEqual([undefined]);
  });

  it('owes an invalidation it could not make, and makes it before this replica reads the store again', async () => {
    let clock = 0;
    const gate = new OutageGate({ now: () => clock });
    const { store, inner, state } = switchable();
    const cache = tolerateOutages(store, gate, { retryMs: 60_000 });
    const { ticket } = await cache.get(['product']);
    await cache.set([entry('product', ['Product:1']), entry('other', ['Product:2'])], ticket);

    state.down = true;
    await expect(cache.invalidate(['Product:1'])).rejects.toThrow(/invalidation is kept/);
    expect(cache.pendingTags()).toBe(1);

    state.down = false;
    clock += 1_000;
    expect((await cache.get(['product', 'other'])).values).toEqual([undefined, '{"v":"other"}']);
    expect(cache.pendingTags()).toBe(0);
    expect((await inner.get(['product'])).values).toEqual([undefined]);
    await cache.close();
  });

  it('retries an owed invalidation on its own, without waiting for a read', async () => {
    const gate = new OutageGate({ retryAfterMs: 10 });
    const { store, inner, state } = switchable();
    const cache = tolerateOutages(store, gate, { retryMs: 20 });
    const { ticket } = await cache.get([]);
    await cache.set([entry('product', ['Product:1'])], ticket);
    state.down = true;
    await expect(cache.invalidate(['Product:1'])).rejects.toThrow();
    state.down = false;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(cache.pendingTags()).toBe(0);
    expect((await inner.get(['product'])).values).toEqual([undefined]);
    expect(gate.isDown).toBe(false);
    await cache.close();
  });

  it('throws a failure that is not an outage to the entity cache (a miss there), without opening the gate', async () => {
    const gate = new OutageGate();
    const bug = new Error('ON CONFLICT DO UPDATE command cannot affect row a second time');
    const inner = new MemoryEntityCacheStore({ maxBytes: 1_000_000 });
    const cache = tolerateOutages({ ...inner, get: (keys) => inner.get(keys), set: () => Promise.reject(bug), invalidate: (tags) => inner.invalidate(tags), close: () => inner.close() }, gate);
    const { ticket } = await cache.get(['a']);
    await expect(cache.set([entry('a', ['Product:1'])], ticket)).rejects.toBe(bug);
    expect(gate.isDown).toBe(false);
    expect((await cache.get(['a'])).values).toEqual([undefined]);
  });

  it("with a local cache, answers from this replica's memory while the store is away, and only from the store once it answers", async () => {
    let clock = 0;
    const gate = new OutageGate({ now: () => clock });
    const { store, inner, state } = switchable();
    const local = new MemoryEntityCacheStore({ maxBytes: 1_000_000 });
    const cache = tolerateOutages(store, gate, { local, localMaxAgeSeconds: 5, retryMs: 60_000 });
    const first = await cache.get(['shared']);
    await cache.set([entry('shared', ['Product:1'])], first.ticket);

    state.down = true;
    const during = await cache.get(['shared', 'product']);
    expect(during.values).toEqual([undefined, undefined]);
    await cache.set([entry('product', ['Product:2']), entry('other', ['Product:3'])], during.ticket);
    const again = await cache.get(['product', 'other']);
    expect(again.values).toEqual(['{"v":"product"}', '{"v":"other"}']);
    // Kept for the local cap, not the entry's own 60 s.
    expect(again.ages?.[0]).toBeLessThanOrEqual(5);
    // A write through this replica drops its own copy at once (and owes the store the invalidation).
    await expect(cache.invalidate(['Product:2'])).rejects.toThrow(/invalidation is kept/);
    expect((await cache.get(['product', 'other'])).values).toEqual([undefined, '{"v":"other"}']);
    // Nothing a local lookup's fetch brought reaches the shared store.
    expect((await inner.get(['product', 'other'])).values).toEqual([undefined, undefined]);

    state.down = false;
    clock += 1_000;
    // Back: the owed invalidation is made, the store answers, and the local copies are gone.
    expect((await cache.get(['shared', 'other'])).values).toEqual(['{"v":"shared"}', undefined]);
    expect(local.size).toBe(0);
    expect(cache.pendingTags()).toBe(0);
    await cache.close();
  });
});

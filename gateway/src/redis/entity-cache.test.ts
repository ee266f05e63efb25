import { describe, expect, it } from 'vitest';
import { hasRedisServer } from '@app/kit/redis-server';
import { scriptsRun } from '@app/kit/redis';
import { useThrowawayRedis } from '@app/kit/redis-testing';
import { cacheEntry as entry, sharedEntityCacheContract } from '../entity-cache/shared-store-contract.ts';
import { RedisEntityCacheStore } from './entity-cache.ts';

/** A real server for this file: two "replicas" are two stores on two connections, one prefix per test. */
const throwawayRedis = useThrowawayRedis();
let prefixes = 0;

async function replicas() {
  const prefix = `test${++prefixes}:`;
  const [first, second] = await Promise.all([throwawayRedis.connect(), throwawayRedis.connect()]);
  return [new RedisEntityCacheStore(first, { prefix }), new RedisEntityCacheStore(second, { prefix }), first] as const;
}

describe.skipIf(!hasRedisServer)('the entity cache on Redis', () => {
  sharedEntityCacheContract(replicas);

  it("sends a fill with the replica's next lookup, one round trip for both, and every replica reads it then", async () => {
    const [a, b, redis] = await replicas();
    const { ticket } = await a.get([]);
    const before = await scriptsRun(redis);
    const stored = a.set([entry('carried', ['Product:1'])], ticket);
    expect((await a.get(['carried'])).values[0]).toBe('{"key":"carried"}');
    await stored;
    expect(await scriptsRun(redis)).toBe(before + 1);
    expect((await b.get(['carried'])).values[0]).toBe('{"key":"carried"}');
  });

  it('answers the lookups asked in one turn with one script, each its own keys in its own order', async () => {
    const [a, , redis] = await replicas();
    const { ticket } = await a.get([]);
    await a.set([entry('one', ['Product:1']), entry('two', ['Product:2'])], ticket);
    const before = await scriptsRun(redis);
    const [first, second, none] = await Promise.all([a.get(['one', 'absent']), a.get(['two', 'one']), a.get([])]);
    expect(await scriptsRun(redis)).toBe(before + 1);
    expect(first.values).toEqual(['{"key":"one"}', undefined]);
    expect(second.values).toEqual(['{"key":"two"}', '{"key":"one"}']);
    expect(second.tags).toEqual([['Product:2'], ['Product:1']]);
    expect(none.values).toEqual([]);
    expect(none.ticket.seq).toBe(first.ticket.seq);
  });

  it('splits a turn asking for very many keys over several scripts, so no one script holds the server long', async () => {
    const [a, , redis] = await replicas();
    await a.get([]);
    const before = await scriptsRun(redis);
    const keysOf = (n: number) => Array.from({ length: 600 }, (_, i) => `many-${n}-${i}`);
    const found = await Promise.all([a.get(keysOf(1)), a.get(keysOf(2)), a.get(keysOf(3))]);
    expect(await scriptsRun(redis)).toBe(before + 3);
    expect(found.map((lookup) => lookup.values.length)).toEqual([600, 600, 600]);
  });

  it('sends a thousand waiting fills at once, rather than in the next lookup', async () => {
    const [a, b, redis] = await replicas();
    const { ticket } = await a.get([]);
    const before = await scriptsRun(redis);
    const stored = a.set(Array.from({ length: 1_000 }, (_, i) => entry(`bulk-${i}`, ['Product:1'])), ticket);
    await a.get(['bulk-0']);
    await stored;
    expect(await scriptsRun(redis)).toBe(before + 2);
    expect((await b.get(['bulk-999'])).values[0]).toBe('{"key":"bulk-999"}');
  });

  it('refuses a waiting fill that an invalidation overtook before a lookup carried it', async () => {
    const [a, b] = await replicas();
    const { ticket } = await a.get(['late']);
    const stored = a.set([entry('late', ['Product:1']), entry('other', ['Product:2'])], ticket);
    await b.invalidate(['Product:1']);
    await a.get([]);
    await stored;
    expect((await b.get(['late', 'other'])).values.map(Boolean)).toEqual([false, true]);
  });

  it('leaves no tag set behind its entries once they are past their max age', async () => {
    const [a, , redis] = await replicas();
    const { ticket } = await a.get([]);
    await a.set([entry('short', ['Product:1'], 1)], ticket);
    expect(await redis.exists(`test${prefixes}:t:Product:1`)).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await a.get(['short'])).values[0]).toBeUndefined();
    expect(await redis.exists(`test${prefixes}:t:Product:1`)).toBe(0);
  });

  it('keeps nothing a fetch read before the server restarted empty (its invalidation numbers begin again)', async () => {
    const [a, b, redis] = await replicas();
    for (let i = 0; i < 3; i++) await b.invalidate(['Product:5']);
    const before = await a.get(['old']);
    // The server loses everything (a restart without persistence), and a write invalidates once.
    await redis.flushall();
    await b.get([]);
    await b.invalidate(['Product:5']);
    await a.set([entry('old', ['Product:5'])], before.ticket);
    expect((await b.get(['old'])).values[0]).toBeUndefined();
  });

  it('keeps a tag set to its live entries only, however many came and went', async () => {
    const [a, , redis] = await replicas();
    for (let i = 0; i < 5; i++) {
      const { ticket } = await a.get([]);
      await a.set([entry(`gone-${i}`, ['Product[]'], 0.05)], ticket);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    const { ticket } = await a.get([]);
    await a.set([entry('live', ['Product[]'])], ticket);
    expect(await redis.zcard(`test${prefixes}:t:Product[]`)).toBe(1);
  });
});

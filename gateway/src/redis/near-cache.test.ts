import { afterEach, describe, expect, it, vi } from 'vitest';
import { hasRedisServer } from '@app/kit/redis-server';
import { useThrowawayRedis } from '@app/kit/redis-testing';
import { cacheEntry as entry, sharedEntityCacheContract } from '../entity-cache/shared-store-contract.ts';
import type { EntityCacheStore } from '../entity-cache/store.ts';
import { RedisEntityCacheStore } from './entity-cache.ts';
import { InvalidationFeed } from './invalidation-feed.ts';
import { LEASE_MS, NearEntityCacheStore } from './near-cache.ts';

/** Two replicas, each with its near copy over its own connection, one prefix per test. */
const throwawayRedis = useThrowawayRedis();
let prefixes = 0;

async function nearReplicas() {
  const prefix = `near${++prefixes}:`;
  const [first, second] = await Promise.all([throwawayRedis.connect(), throwawayRedis.connect()]);
  const a = new NearEntityCacheStore(new RedisEntityCacheStore(first, { prefix }), { maxBytes: 1024 * 1024 });
  const b = new NearEntityCacheStore(new RedisEntityCacheStore(second, { prefix }), { maxBytes: 1024 * 1024 });
  return { a, b, redis: first, prefix };
}

/** A store whose every lookup is a request that has just arrived, as the gateway's are. */
function asRequests(store: NearEntityCacheStore): EntityCacheStore {
  return {
    get: (keys) => store.get(keys, { arrivedAt: performance.now() }),
    set: (entries, ticket) => store.set(entries, ticket),
    invalidate: (tags) => store.invalidate(tags),
    close: () => store.close(),
  };
}

describe.skipIf(!hasRedisServer)("the entity cache on Redis with each replica's near copy", () => {
  sharedEntityCacheContract(async () => {
    const { a, b } = await nearReplicas();
    return [asRequests(a), asRequests(b)] as const;
  });

  it('answers a hit from its own memory: Redis is not read for it', async () => {
    const { a, redis, prefix } = await nearReplicas();
    const { ticket } = await a.get(['video'], { arrivedAt: performance.now() });
    await a.set([entry('video', ['Video:1'])], ticket);
    // Gone from Redis behind the gateway's back (no invalidation): only the near copy still has it.
    const keys = await redis.keys(`${prefix}e:*`);
    expect(keys).toHaveLength(1);
    await redis.del(...keys);
    expect((await a.get(['video'], { arrivedAt: performance.now() })).values).toEqual(['{"key":"video"}']);
    expect(a.counts.hits).toBe(1);
  });

  it("asks Redis for what the copy lacks in the sync's own round trip", async () => {
    const { a, b } = await nearReplicas();
    const { ticket } = await b.get(['there'], { arrivedAt: performance.now() });
    await b.set([entry('there', ['Product:4'])], ticket);
    const shared = (a as unknown as { shared: RedisEntityCacheStore }).shared;
    const lookups = vi.spyOn(shared, 'get');
    const [first, second] = await Promise.all([a.get(['there', 'absent'], { arrivedAt: performance.now() }), a.get(['there'], { arrivedAt: performance.now() })]);
    expect(first.values).toEqual(['{"key":"there"}', undefined]);
    expect(second.values).toEqual(['{"key":"there"}']);
    expect(lookups).not.toHaveBeenCalled();
    expect(a.counts.syncs).toBe(1);
  });

  it('does not ask Redis again for a key the gateway forwent, until this replica stores it', async () => {
    const { a, b } = await nearReplicas();
    const shared = (a as unknown as { shared: RedisEntityCacheStore }).shared;
    const syncs = vi.spyOn(shared, 'sync');
    const lookups = vi.spyOn(shared, 'get');
    const first = await a.get(['public', 'private'], { arrivedAt: performance.now() });
    expect(first.values).toEqual([undefined, undefined]);
    await a.set([entry('public', ['Product:5'])], first.ticket);
    a.forgo(['private'], first.ticket);
    // The public half is near, the private half forgone: neither is asked for.
    const again = await a.get(['public', 'private'], { arrivedAt: performance.now() });
    expect(again.values).toEqual(['{"key":"public"}', undefined]);
    expect(syncs.mock.calls.at(-1)![2]).toEqual([]);
    expect(lookups).not.toHaveBeenCalled();
    expect(a.counts).toMatchObject({ hits: 1, absent: 1 });

    // A key merely found absent is asked for again: what another replica keeps, this one reads.
    const other = await b.get(['elsewhere'], { arrivedAt: performance.now() });
    await b.set([entry('elsewhere', ['Product:6'])], other.ticket);
    expect((await a.get(['elsewhere'], { arrivedAt: performance.now() })).values).toEqual(['{"key":"elsewhere"}']);
    // This replica storing a forgone key forgets the mark.
    const mine = await a.get(['private'], { arrivedAt: performance.now() });
    await a.set([entry('private', ['Product:5'])], mine.ticket);
    expect((await a.get(['private'], { arrivedAt: performance.now() })).values).toEqual(['{"key":"private"}']);
  });

  it('forgets what was forgone when it empties itself, and takes no mark from a lookup of its earlier life', async () => {
    const { a, redis, prefix } = await nearReplicas();
    const before = await a.get(['gone'], { arrivedAt: performance.now() });
    a.forgo(['gone'], before.ticket);
    await redis.del(`${prefix}log`);
    await redis.incr(`${prefix}seq`);
    await redis.incr(`${prefix}seq`);
    const resets = a.counts.resets;
    await a.get(['other'], { arrivedAt: performance.now() });
    expect(a.counts.resets).toBe(resets + 1);
    a.forgo(['late'], before.ticket);
    const shared = (a as unknown as { shared: RedisEntityCacheStore }).shared;
    const syncs = vi.spyOn(shared, 'sync');
    await a.get(['gone', 'late'], { arrivedAt: performance.now() });
    expect(syncs.mock.calls.at(-1)![2]).toEqual(['gone', 'late']);
  });

  it('sends one sync for the requests of one turn, and none for a request already caught up', async () => {
    const { a } = await nearReplicas();
    const arrivedAt = performance.now();
    await Promise.all(Array.from({ length: 10 }, (_, i) => a.get([`k${i}`], { arrivedAt: performance.now() })));
    expect(a.counts.syncs).toBe(1);
    await a.get(['k0', 'k1'], { arrivedAt });
    expect(a.counts.syncs).toBe(1);
    await a.get(['k0'], { arrivedAt: performance.now() });
    expect(a.counts.syncs).toBe(2);
  });

  it("drops what another replica's write changed before a request that arrived after the write reads it", async () => {
    const { a, b } = await nearReplicas();
    const { ticket } = await a.get(['product'], { arrivedAt: performance.now() });
    await a.set([entry('product', ['Product:1']), entry('other', ['Product:2'])], ticket);
    expect((await a.get(['product'], { arrivedAt: performance.now() })).values[0]).toBeDefined();
    await b.invalidate(['Product:1']);
    const after = await a.get(['product', 'other'], { arrivedAt: performance.now() });
    expect(after.values.map(Boolean)).toEqual([false, true]);
  });

  it("refuses into its copy what a fetch read before an invalidation it has since replayed", async () => {
    const { a, b } = await nearReplicas();
    const before = await a.get(['stale'], { arrivedAt: performance.now() });
    await b.invalidate(['Product:7']);
    // A later request on this replica replays the invalidation; then the slow fetch's answer comes back.
    await a.get(['unrelated'], { arrivedAt: performance.now() });
    await a.set([entry('stale', ['Product:7'])], before.ticket);
    expect((await a.get(['stale'], { arrivedAt: performance.now() })).values[0]).toBeUndefined();
  });

  it('empties itself when it cannot tell what it missed: Redis restarted empty, or the log no longer reaches back', async () => {
    const { a, b, redis, prefix } = await nearReplicas();
    const { ticket } = await a.get(['kept'], { arrivedAt: performance.now() });
    await a.set([entry('kept', ['Product:3'])], ticket);
    const resets = a.counts.resets;
    // The log lost: two invalidations this replica never replays.
    await b.invalidate(['Product:8']);
    await b.invalidate(['Product:9']);
    await redis.del(`${prefix}log`);
    await redis.del(...(await redis.keys(`${prefix}e:*`)));
    expect((await a.get(['kept'], { arrivedAt: performance.now() })).values[0]).toBeUndefined();
    expect(a.counts.resets).toBe(resets + 1);

    const again = await a.get(['kept'], { arrivedAt: performance.now() });
    await a.set([entry('kept', ['Product:3'])], again.ticket);
    await redis.flushall();
    await b.get([]);
    expect((await a.get(['kept'], { arrivedAt: performance.now() })).values[0]).toBeUndefined();
    expect(a.counts.resets).toBe(resets + 2);
  });

  it('reads Redis alone for a lookup that does not say when its request arrived', async () => {
    const { a, redis, prefix } = await nearReplicas();
    const { ticket } = await a.get(['video'], { arrivedAt: performance.now() });
    await a.set([entry('video', ['Video:1'])], ticket);
    await redis.del(...(await redis.keys(`${prefix}e:*`)));
    expect((await a.get(['video'])).values).toEqual([undefined]);
  });
});

/** Two replicas as `openRedisSharedState` makes them with leases on: each its near copy, its feed and its own connections. */
async function leasedReplicas() {
  const prefix = `leased${++prefixes}:`;
  const replica = async (name: string) => {
    const redis = await throwawayRedis.connect();
    const subscriber = redis.duplicate({ autoResubscribe: false });
    const store: RedisEntityCacheStore = new RedisEntityCacheStore(redis, { prefix, replica: name, heardBy: (seq, holders) => feed.heardBy(seq, holders) });
    const feed: InvalidationFeed = new InvalidationFeed(subscriber, redis, store.channels, name);
    const near = new NearEntityCacheStore(store, { maxBytes: 1024 * 1024, feed });
    return { near, feed, subscriber, redis };
  };
  const [a, b] = await Promise.all([replica('a'), replica('b')]);
  await until(() => a.near.leased && b.near.leased);
  return { a, b, prefix };
}

const until = (condition: () => boolean) => vi.waitUntil(condition, { timeout: 3_000, interval: 10 });

const opened: { near: NearEntityCacheStore; feed: InvalidationFeed }[] = [];
afterEach(async () => {
  for (const { near, feed } of opened.splice(0)) {
    await near.close();
    await feed.close();
  }
});

describe.skipIf(!hasRedisServer)("the near copy holding a lease on the replicas' invalidation feed", () => {
  sharedEntityCacheContract(async () => {
    const { a, b } = await leasedReplicas();
    opened.push(a, b);
    return [asRequests(a.near), asRequests(b.near)] as const;
  });

  it("reads its copy with no round trip, and hears another replica's write before that write is answered", async () => {
    const { a, b } = await leasedReplicas();
    opened.push(a, b);
    const { ticket } = await a.near.get(['product', 'other'], { arrivedAt: performance.now() });
    await a.near.set([entry('product', ['Product:1']), entry('other', ['Product:2'])], ticket);
    const syncs = a.near.counts.syncs;
    for (let round = 0; round < 20; round++) {
      expect((await a.near.get(['product'], { arrivedAt: performance.now() })).values[0]).toBeDefined();
    }
    expect(a.near.counts.syncs).toBe(syncs);

    const made = await b.near.invalidate(['Product:1']);
    expect(made.unheard).toBeUndefined();
    const after = await a.near.get(['product', 'other'], { arrivedAt: performance.now() });
    expect(after.values.map(Boolean)).toEqual([false, true]);
    expect(a.near.counts.syncs).toBe(syncs);
    expect(a.near.counts.pushed).toBeGreaterThanOrEqual(1);
  });

  it('never shows a replica a write another replica answered, over many writes racing reads', async () => {
    const { a, b } = await leasedReplicas();
    opened.push(a, b);
    for (let round = 0; round < 40; round++) {
      const key = `race-${round}`;
      const tag = `Product:r${round}`;
      const { ticket } = await a.near.get([key], { arrivedAt: performance.now() });
      await a.near.set([entry(key, [tag])], ticket);
      const reads = Array.from({ length: 5 }, () => a.near.get([key], { arrivedAt: performance.now() }));
      await b.near.invalidate([tag]);
      expect((await a.near.get([key], { arrivedAt: performance.now() })).values[0]).toBeUndefined();
      await Promise.all(reads);
    }
  });

  it('gives its lease up when it stops hearing the feed, and takes it again once subscribed', async () => {
    const { a, b } = await leasedReplicas();
    opened.push(a, b);
    const { ticket } = await a.near.get(['product'], { arrivedAt: performance.now() });
    await a.near.set([entry('product', ['Product:1'])], ticket);
    // The subscription drops; the invalidation published meanwhile never reaches the feed.
    a.subscriber.disconnect(true);
    await until(() => !a.near.leased);
    const started = performance.now();
    await b.near.invalidate(['Product:1']);
    expect(performance.now() - started).toBeLessThan(LEASE_MS);
    expect((await a.near.get(['product'], { arrivedAt: performance.now() })).values[0]).toBeUndefined();
    await until(() => a.near.leased);
  });

  it("waits out, at most, the lease of a replica that holds one and does not answer", async () => {
    const { a, b, prefix } = await leasedReplicas();
    opened.push(a, b);
    // A replica that stopped dead (its process frozen): its lease stays in Redis, nothing answers for it.
    await a.redis.zadd(`${prefix}leases`, Date.now() + 1_000, 'frozen');
    const started = performance.now();
    const made = await b.near.invalidate(['Product:1']);
    const waited = performance.now() - started;
    expect(made.unheard).toBe(1);
    expect(waited).toBeGreaterThan(500);
    expect(waited).toBeLessThan(LEASE_MS);
    expect(b.near.counts.unheard).toBe(1);
    // Meanwhile the live replica heard it and said so: only the frozen one was waited out.
    expect(a.near.counts.pushed).toBeGreaterThanOrEqual(1);
  });

  it('forgets what replicas said they heard when its subscription starts again (a restarted Redis counts from 0)', async () => {
    const { a, b, prefix } = await leasedReplicas();
    opened.push(a, b);
    // A replica frozen with a lease, which said it had heard far more in the server's earlier life.
    await a.redis.publish(`${prefix}acks`, 'frozen 1000000');
    await until(() => (b.feed as unknown as { heard: Map<string, number> }).heard.has('frozen'));
    await a.redis.zadd(`${prefix}leases`, Date.now() + 1_500, 'frozen');
    b.subscriber.disconnect(true);
    await until(() => !b.near.leased);
    await until(() => b.near.leased);
    const made = await b.near.invalidate(['Product:1']);
    expect(made.unheard).toBe(1);
  });

  it('is acknowledged only by the replica, once it has replayed: a renewal alone says nothing', async () => {
    const { a, b, prefix } = await leasedReplicas();
    opened.push(a, b);
    const listener = await throwawayRedis.connect();
    const acks: string[] = [];
    const subscriber = listener.duplicate();
    await subscriber.connect();
    subscriber.on('message', (_channel: string, message: string) => acks.push(message));
    await subscriber.subscribe(`${prefix}acks`);
    // A renewal made by the store itself, with no replica to replay its answer.
    const store = new RedisEntityCacheStore(listener, { prefix, replica: 'silent' });
    await store.renew(LEASE_MS, null, 0);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(acks.filter((ack) => ack.startsWith('silent '))).toEqual([]);
    await store.release();
    subscriber.disconnect();
  });

  it('no longer makes writes wait on it once closed', async () => {
    const { a, b } = await leasedReplicas();
    opened.push(b);
    await a.near.close();
    await a.feed.close();
    const made = await b.near.invalidate(['Product:1']);
    expect(made.unheard).toBeUndefined();
  });
});

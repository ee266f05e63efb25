/**
 * `npx tsx bench/lease-writes.ts`: what the near copies' leases cost a write
 * (`gateway/src/redis/invalidation-feed.ts`). One replica makes `LEASE_WRITES` (500) invalidations
 * one after another while 0, 1 or 3 other replicas hold leases and must hear each one before it
 * returns; prints p50 and p99 of each invalidation's wall time, and the load (`uptime`).
 *
 * The replicas are in this one process, each with its own two connections: their acknowledgements
 * wait on this event loop as well as on Redis, where separate processes would each have their own.
 */
import { execFileSync } from 'node:child_process';
import { RedisEntityCacheStore } from '../gateway/src/redis/entity-cache.ts';
import { InvalidationFeed } from '../gateway/src/redis/invalidation-feed.ts';
import { NearEntityCacheStore } from '../gateway/src/redis/near-cache.ts';
import { openRedis } from '../packages/kit/src/redis.ts';
import { startThrowawayRedis } from '../packages/kit/src/redis-server.ts';

const WRITES = Number(process.env.LEASE_WRITES ?? 500);
const server = await startThrowawayRedis();
const uptime = () => execFileSync('uptime').toString().trim();

async function replica(prefix: string, name: string) {
  const redis = await openRedis(server.url);
  const store: RedisEntityCacheStore = new RedisEntityCacheStore(redis, { prefix, replica: name, heardBy: (seq, holders) => feed.heardBy(seq, holders) });
  const feed: InvalidationFeed = new InvalidationFeed(redis.duplicate({ autoResubscribe: false }), redis, store.channels, name);
  const near = new NearEntityCacheStore(store, { maxBytes: 1024 * 1024, feed });
  return {
    near,
    async close() {
      await near.close();
      await feed.close();
      redis.disconnect();
    },
  };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

console.log(`load before: ${uptime()}`);
try {
  for (const others of [0, 1, 3]) {
    const prefix = `lw${others}:`;
    const replicas = await Promise.all(Array.from({ length: others + 1 }, (_, i) => replica(prefix, `r${i}`)));
    const deadline = performance.now() + 5_000;
    while (!replicas.every((r) => r.near.leased)) {
      if (performance.now() > deadline) throw new Error('the replicas did not take their leases');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const writer = replicas[0]!.near;
    const times: number[] = [];
    let unheard = 0;
    for (let i = 0; i < WRITES; i++) {
      const started = performance.now();
      const made = await writer.invalidate([`Product:${i % 50}`]);
      times.push(performance.now() - started);
      unheard += made.unheard ?? 0;
    }
    times.sort((a, b) => a - b);
    console.log(JSON.stringify({ otherLeaseHolders: others, writes: WRITES, p50Ms: Math.round(percentile(times, 0.5) * 1000) / 1000, p99Ms: Math.round(percentile(times, 0.99) * 1000) / 1000, unheard }));
    for (const r of replicas) await r.close();
  }
} finally {
  console.log(`load after: ${uptime()}`);
  server.stop();
}

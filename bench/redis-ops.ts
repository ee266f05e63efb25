/**
 * `npx tsx bench/redis-ops.ts`: what the gateway's Redis traffic costs this process, with the kit's
 * client writing each command on its own (`autoPipelining: false`) and with the commands of one
 * tick in one write (`autoPipelining: true`), same run, alternating for `REDIS_OPS_ROUNDS` (3) rounds.
 * `REDIS_OPS_CONCURRENCY` (32) callers each do, `REDIS_OPS_PER_CALLER` (300) times, what one
 * request does in Redis: a rate-limit take, an entity-cache lookup of 5 keys, a store of 2
 * entries, a refund. Prints CPU µs and wall µs per such request, and the load (`uptime`).
 */
import { execFileSync } from 'node:child_process';
import { RedisEntityCacheStore } from '../gateway/src/redis/entity-cache.ts';
import { RedisRateLimitStore } from '../gateway/src/redis/rate-limits.ts';
import { openRedis } from '../packages/kit/src/redis.ts';
import { startThrowawayRedis } from '../packages/kit/src/redis-server.ts';

const ROUNDS = Number(process.env.REDIS_OPS_ROUNDS ?? 3);
const CONCURRENCY = Number(process.env.REDIS_OPS_CONCURRENCY ?? 32);
const PER_CALLER = Number(process.env.REDIS_OPS_PER_CALLER ?? 300);
const tier = { max: 1_000_000, restoreRate: 1_000_000 };

const server = await startThrowawayRedis();
const uptime = () => execFileSync('uptime').toString().trim();
console.log(`load before: ${uptime()}`);
try {
  const results: Record<string, { cpuUs: number[]; wallUs: number[] }> = { 'one write per command': { cpuUs: [], wallUs: [] }, 'one write per tick': { cpuUs: [], wallUs: [] } };
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, autoPipelining] of [
      ['one write per command', false],
      ['one write per tick', true],
    ] as const) {
      const redis = await openRedis(server.url, { autoPipelining });
      const cache = new RedisEntityCacheStore(redis, { prefix: `b${round}${autoPipelining ? 'p' : 's'}:` });
      const limits = new RedisRateLimitStore(redis, `b${round}${autoPipelining ? 'p' : 's'}:`);
      const request = async (caller: number, i: number) => {
        await limits.take(`caller-${caller}`, 1, tier, Date.now());
        const keys = Array.from({ length: 5 }, (_, k) => `Product:${(i * 5 + k) % 400}`);
        const lookup = await cache.get(keys);
        await cache.set(
          [
            { key: keys[0]!, value: `{"id":"${keys[0]}","n":${i}}`, maxAgeSeconds: 30, tags: ['Product[]', keys[0]!] },
            { key: keys[1]!, value: `{"id":"${keys[1]}","n":${i}}`, maxAgeSeconds: 30, tags: ['Product[]', keys[1]!] },
          ],
          lookup.ticket,
        );
        await limits.refund(`caller-${caller}`, 1, tier, Date.now());
      };
      const cpu = process.cpuUsage();
      const started = performance.now();
      await Promise.all(Array.from({ length: CONCURRENCY }, async (_, caller) => {
        for (let i = 0; i < PER_CALLER; i++) await request(caller, i);
      }));
      const wall = performance.now() - started;
      const used = process.cpuUsage(cpu);
      const count = CONCURRENCY * PER_CALLER;
      results[name]!.cpuUs.push(Math.round(((used.user + used.system) / count) * 10) / 10);
      results[name]!.wallUs.push(Math.round(((wall * 1000) / count) * 10) / 10);
      console.log(JSON.stringify({ round: round + 1, name, requests: count, cpuUsPerRequest: results[name]!.cpuUs.at(-1), wallUsPerRequest: results[name]!.wallUs.at(-1) }));
      redis.disconnect();
    }
  }
  console.log(JSON.stringify({ summary: results }));
} finally {
  console.log(`load after: ${uptime()}`);
  server.stop();
}

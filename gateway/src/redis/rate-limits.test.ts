import { describe, expect, it } from 'vitest';
import { hasRedisServer } from '@app/kit/redis-server';
import { useThrowawayRedis } from '@app/kit/redis-testing';
import { MemoryRateLimitStore } from '../rate-limit.ts';
import { RedisRateLimitStore } from './rate-limits.ts';

const throwawayRedis = useThrowawayRedis();
let prefixes = 0;

async function replicas() {
  const prefix = `rl${++prefixes}:`;
  const [first, second] = await Promise.all([throwawayRedis.connect(), throwawayRedis.connect()]);
  return [new RedisRateLimitStore(first, prefix), new RedisRateLimitStore(second, prefix), first] as const;
}

const tier = { max: 100, restoreRate: 10 };

describe.skipIf(!hasRedisServer)('rate-limit buckets on Redis', () => {
  it('answers as the in-memory bucket does, take by take, refund by refund', async () => {
    const [redis] = await replicas();
    const memory = new MemoryRateLimitStore();
    const steps: [kind: 'take' | 'refund', points: number, at: number][] = [
      ['take', 30, 0],
      ['take', 60, 100],
      ['take', 20, 200],
      ['refund', 5, 300],
      ['take', 20, 1_500],
      ['take', 500, 1_600],
      ['take', 40, 9_000],
      ['refund', 1_000, 9_100],
      ['take', 100, 9_200],
    ];
    for (const [kind, points, at] of steps) {
      if (kind === 'refund') {
        await redis.refund('caller', points, tier, at);
        memory.refund('caller', points, tier, at);
      } else {
        expect(await redis.take('caller', points, tier, at), `${kind} ${points} at ${at}`).toEqual(memory.take('caller', points, tier, at));
      }
    }
  });

  it('is one bucket for every replica, and concurrent takes never spend the same points twice', async () => {
    const [a, b] = await replicas();
    const now = Date.now();
    const slow = { max: 50, restoreRate: 0.001 };
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? a : b).take('shared', 5, slow, now)));
    expect(results.filter((result) => result.allowed)).toHaveLength(10);
    const refused = results.find((result) => !result.allowed)!;
    expect(refused.available).toBe(0);
    expect(refused.retryAfterMs).toBeGreaterThan(0);
  });

  it('keeps a bucket that never refills, and answers from it', async () => {
    const [a] = await replicas();
    const never = { max: 10, restoreRate: 0 };
    expect((await a.take('never', 6, never, 0)).allowed).toBe(true);
    expect(await a.take('never', 6, never, 60_000)).toMatchObject({ allowed: false, available: 4 });
  });

  it('forgets a bucket once it would be full again', async () => {
    const [a, , redis] = await replicas();
    await a.take('brief', 1, { max: 10, restoreRate: 100 }, Date.now());
    const ttl = await redis.pttl(`rl${prefixes}:rl:brief`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(10);
  });
});

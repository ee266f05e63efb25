import { describe, expect, it } from 'vitest';
import { hasRedisServer } from '@app/kit/redis-server';
import { scriptsRun } from '@app/kit/redis';
import { useThrowawayRedis } from '@app/kit/redis-testing';
import { LeasedRateLimitStore } from './rate-limit-leases.ts';
import { RedisRateLimitStore } from './rate-limits.ts';

const throwawayRedis = useThrowawayRedis();
let prefixes = 0;

/** Two replicas leasing from one set of buckets, and the buckets read directly. */
async function replicas() {
  const prefix = `lease${++prefixes}:`;
  const [first, second] = await Promise.all([throwawayRedis.connect(), throwawayRedis.connect()]);
  const bucket = new RedisRateLimitStore(first, prefix);
  return { a: new LeasedRateLimitStore(bucket), b: new LeasedRateLimitStore(new RedisRateLimitStore(second, prefix)), bucket, redis: first };
}

/** Refills too slowly to matter within a test. */
const slow = (max: number) => ({ max, restoreRate: 0.001 });

describe.skipIf(!hasRedisServer)('rate-limit leases on Redis', () => {
  it("spends a caller's requests on one replica from one lease: one round trip for ten requests", async () => {
    const { a } = await replicas();
    const now = Date.now();
    for (let i = 0; i < 10; i++) expect((await a.take('ip:1', 10, slow(1_000), now)).allowed).toBe(true);
    expect(a.counts).toMatchObject({ leases: 1, local: 9 });
    // The caller is told what the bucket and the lease hold together, as without a lease.
    expect((await a.take('ip:1', 10, slow(1_000), now)).available).toBe(890);
  });

  it('asks one lease at a time for a caller: requests arriving together spend from it, none is refused while it holds enough', async () => {
    const { a } = await replicas();
    const now = Date.now();
    const answers = await Promise.all(Array.from({ length: 12 }, () => a.take('ip:9', 10, slow(1_000), now)));
    expect(answers.every((answer) => answer.allowed)).toBe(true);
    // 100 points a lease: ten requests from the first, two from a second.
    expect(a.counts.leases).toBe(2);
  });

  it('never lets a caller spend more than its bucket across replicas', async () => {
    const { a, b } = await replicas();
    const now = Date.now();
    let allowed = 0;
    for (let i = 0; i < 30; i++) if ((await (i % 2 ? a : b).take('user:1', 10, slow(100), now)).allowed) allowed++;
    expect(allowed).toBe(10);
  });

  it('refuses as the bucket would, saying when to retry', async () => {
    const { a } = await replicas();
    const tier = { max: 100, restoreRate: 10 };
    const now = Date.now();
    expect((await a.take('ip:2', 100, tier, now)).allowed).toBe(true);
    const refused = await a.take('ip:2', 10, tier, now);
    expect(refused).toMatchObject({ allowed: false, available: 0 });
    expect(refused.retryAfterMs).toBeGreaterThan(900);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(1_000);
  });

  it('keeps refunds in the lease, and gives back what it did not spend', async () => {
    const { a, bucket } = await replicas();
    const now = Date.now();
    await a.take('partner:1', 50, slow(1_000), now);
    await a.refund('partner:1', 30, slow(1_000), now);
    expect((await a.take('partner:1', 80, slow(1_000), now)).allowed).toBe(true);
    expect(a.counts.leases).toBe(1);
    // 100 leased, 50 + 80 spent, 30 refunded: the bucket has 900 and the lease nothing.
    await a.close();
    expect((await bucket.take('partner:1', 0, slow(1_000), now)).available).toBe(900);

    const { a: again, bucket: direct } = await replicas();
    await again.take('partner:2', 10, slow(1_000), now);
    await again.close();
    expect((await direct.take('partner:2', 0, slow(1_000), now)).available).toBe(990);
  });

  it('gives a lease back once it is older than its time, in the one round trip that leases again', async () => {
    const { a, bucket, redis } = await replicas();
    const now = Date.now();
    await a.take('ip:3', 10, slow(1_000), now);
    const before = await scriptsRun(redis);
    await a.take('ip:3', 10, slow(1_000), now + 1_500);
    expect(await scriptsRun(redis)).toBe(before + 1);
    expect(a.counts).toMatchObject({ leases: 2, givenBack: 1 });
    await a.close();
    expect((await bucket.take('ip:3', 0, slow(1_000), now + 1_500)).available).toBe(980);
  });
});

describe('a rate-limit lease granted while its caller was refused', () => {
  it('keeps the granted points and gives them back, even when the lease they joined was given back meanwhile', async () => {
    const refunds: number[] = [];
    let grant: (leased: { allowed: boolean; granted: number; available: number }) => void = () => undefined;
    const answers = [Promise.resolve({ allowed: true, granted: 15, available: 85 }), new Promise<{ allowed: boolean; granted: number; available: number }>((resolve) => (grant = resolve))];
    const bucket = {
      lease: async () => answers.shift()!,
      refund: async (_id: string, points: number) => void refunds.push(points),
    } as unknown as RedisRateLimitStore;
    const leases = new LeasedRateLimitStore(bucket);
    const now = Date.now();
    expect((await leases.take('ip:4', 10, slow(100), now)).allowed).toBe(true);
    // 5 points held; a request of 8 asks for 3 more, and the replica stops while it waits.
    const waiting = leases.take('ip:4', 8, slow(100), now);
    await leases.close();
    expect(refunds).toEqual([5]);
    grant({ allowed: true, granted: 3, available: 0 });
    expect((await waiting).allowed).toBe(false);
    await leases.close();
    expect(refunds).toEqual([5, 3]);
  });
});

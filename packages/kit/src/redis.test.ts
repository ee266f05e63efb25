import { describe, expect, it } from 'vitest';
import { OutageGate } from './outage.ts';
import { isRedisUnreachable, pingRedis, RedisNonceStore, type Redis } from './redis.ts';
import { hasRedisServer } from './redis-server.ts';
import { useThrowawayRedis } from './redis-testing.ts';
import { NonceGuard } from './viewer.ts';

const redisForTests = useThrowawayRedis();
const client = () => redisForTests.connect();
const server = { halt: () => redisForTests.server().halt(), resume: () => redisForTests.server().resume() };

describe.skipIf(!hasRedisServer)('used signature nonces in Redis', () => {
  it('accepts a nonce once across replicas, and forgets it when its signature has expired', async () => {
    const replicas = [new RedisNonceStore(await client(), new OutageGate(), new NonceGuard()), new RedisNonceStore(await client(), new OutageGate(), new NonceGuard())];
    const now = Date.now();
    const offers = await Promise.all(Array.from({ length: 6 }, (_, i) => replicas[i % 2]!.accept('nonce-a', now + 30_000, now)));
    expect(offers.filter(Boolean)).toHaveLength(1);
    expect(await replicas[1]!.accept('nonce-b', now + 200, now)).toBe(true);
    expect(await replicas[0]!.accept('nonce-b', now + 200, now)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await replicas[0]!.accept('nonce-b', now + 200, now)).toBe(true);
  });

  it("checks nonces against the store's table while Redis is away, says so once, and goes back to Redis by itself", async () => {
    const events: string[] = [];
    const gate = new OutageGate({ retryAfterMs: 50, onDown: () => events.push('down'), onUp: () => events.push('up') });
    const table = new NonceGuard();
    const redis = await client();
    const nonces = new RedisNonceStore(redis, gate, table);
    const now = () => Date.now();
    expect(await nonces.accept('before', now() + 30_000, now())).toBe(true);

    await server.halt();
    try {
      const started = performance.now();
      expect(await nonces.accept('during', now() + 30_000, now())).toBe(true);
      expect(await nonces.accept('during', now() + 30_000, now())).toBe(false);
      expect(await nonces.accept('during-2', now() + 30_000, now())).toBe(true);
      // Nobody waits on a server that does not answer.
      expect(performance.now() - started).toBeLessThan(2_500);
      expect(await pingRedis(redis)).toBe(false);
    } finally {
      await server.resume();
    }
    for (let i = 0; i < 50 && !(await pingRedis(redis)); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(await nonces.accept('after', now() + 30_000, now())).toBe(true);
    expect(await redis.exists('nonce:after')).toBe(1);
    expect(events).toEqual(['down', 'up']);
  });

  it('opens at once while the server is away, and connects by itself when it is back', async () => {
    await server.halt();
    let late: Redis;
    try {
      const started = performance.now();
      late = await client();
      expect(performance.now() - started).toBeLessThan(2_500);
      expect(await pingRedis(late)).toBe(false);
    } finally {
      await server.resume();
    }
    let answers = false;
    for (let i = 0; i < 50 && !answers; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      answers = await pingRedis(late);
    }
    expect(answers).toBe(true);
  });

  it('tells an outage from an answer that is an error', async () => {
    const redis = await client();
    const reply = await redis.call('NOSUCHCOMMAND').catch((error: unknown) => error);
    expect(isRedisUnreachable(reply)).toBe(false);
    expect(isRedisUnreachable(new Error("Stream isn't writeable and enableOfflineQueue options is false"))).toBe(true);
    expect(isRedisUnreachable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isRedisUnreachable('nope')).toBe(false);
  });
});

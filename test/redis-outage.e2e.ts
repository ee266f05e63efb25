/**
 * A Redis outage under a running graph (`REDIS_URL`: the gateway's entity cache and rate limits,
 * every subgraph's used nonces): the server is killed for a few seconds while the graph runs, then
 * started again, empty. Reads keep answering from each replica's memory, a write answers (and says
 * the shared cache may show the old data for a moment), signed-in requests still pass the nonce
 * check (the store's table holds them meanwhile), `/ready` says degraded without taking the
 * gateway out, the outage is logged once, and everything is back in Redis without a restart.
 * Runs on either engine: the stores are not what goes away here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creatorIds, productBrandId, userIds } from '@app/fixtures/world';
import { openRedis, type Redis } from '@app/kit/redis';
import { hasRedisServer, startThrowawayRedis, type ThrowawayRedis } from '@app/kit/redis-server';
import { startStack, type RunningStack } from './stack.ts';
import { eventually } from './eventually.ts';

const BRAND = 'query ($id: ID!) { brand(id: $id) { id name } }';
const CREATOR = 'query ($id: ID!) { creator(id: $id) { id handle followerCount } }';
const FOLLOW = 'mutation ($id: ID!) { follow(userId: $id) { viewerFollows } }';
const UNFOLLOW = 'mutation ($id: ID!) { unfollow(userId: $id) { viewerFollows } }';

let redis: ThrowawayRedis | null = null;
let client: Redis | null = null;
let stack: RunningStack | null = null;

type Answer = { status: number; body: { data?: any; errors?: { message: string; extensions?: { code?: string } }[] } };

async function ask(query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch((stack as RunningStack).url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

async function ready(): Promise<{ status: number; body: { status: string; redis?: string } }> {
  const response = await fetch(`http://127.0.0.1:${(stack as RunningStack).ports.gateway}/ready`, { signal: AbortSignal.timeout(5_000) });
  return { status: response.status, body: (await response.json()) as { status: string; redis?: string } };
}

const codes = (answer: Answer) => (answer.body.errors ?? []).map((error) => error.extensions?.code);
const keysInRedis = async () => (await (client as Redis).keys('gw:*')).length;

describe.skipIf(!hasRedisServer)('a Redis outage under the gateway and the subgraphs', () => {
  beforeAll(async () => {
    redis = await startThrowawayRedis();
    client = await openRedis(redis.url);
    stack = await startStack({ env: { REDIS_URL: redis.url, LOG_LEVEL: 'info' } });
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
    client?.disconnect();
    redis?.stop();
  }, 60_000);

  it('keeps reads and writes answering from memory, says degraded on /ready, and is back in Redis without a restart', async () => {
    const running = stack as RunningStack;
    const follower = { authorization: `Bearer ${await running.tokenFor(userIds[49] as string)}` };
    const creator = creatorIds[9] as string;
    const brand = { id: productBrandId(1) };

    // Before: the cache and the buckets are in Redis.
    expect((await ready()).body).toMatchObject({ status: 'ok', redis: 'up' });
    expect((await ask(UNFOLLOW, { id: creator }, follower)).body.errors).toBeUndefined();
    const before = await ask(CREATOR, { id: creator });
    expect(before.body.errors).toBeUndefined();
    const followers = before.body.data.creator.followerCount as number;
    expect((await ask(CREATOR, { id: creator })).body.data.creator.followerCount).toBe(followers);
    expect(await keysInRedis()).toBeGreaterThan(0);

    await (redis as ThrowawayRedis).halt();
    try {
      const started = performance.now();
      for (let i = 0; i < 5; i++) {
        const answer = await ask(BRAND, brand);
        expect(answer.status).toBe(200);
        expect(answer.body.errors).toBeUndefined();
        expect(answer.body.data.brand.id).toBe(brand.id);
      }
      // A signed-in read: its nonce is checked against the users store meanwhile.
      const signedIn = await ask(CREATOR, { id: creator }, follower);
      expect(signedIn.status).toBe(200);
      expect(signedIn.body.errors).toBeUndefined();
      // A write lands, says the shared cache may lag, and this replica's next read shows it.
      const followed = await ask(FOLLOW, { id: creator }, follower);
      expect(followed.status).toBe(200);
      expect(followed.body.data.follow.viewerFollows).toBe(true);
      expect(codes(followed)).not.toContain('INTERNAL_SERVER_ERROR');
      expect(codes(followed)).toEqual(['ENTITY_CACHE_STALE']);
      const after = await ask(CREATOR, { id: creator });
      expect(after.body.errors).toBeUndefined();
      expect(after.body.data.creator.followerCount).toBe(followers + 1);
      // Nothing waited on the server that does not answer.
      expect(performance.now() - started).toBeLessThan(5_000);
      await eventually(async () => (await ready()).body.redis === 'down', "the gateway's /ready to say Redis is down", 5_000);
      const degraded = await ready();
      expect(degraded.status).toBe(200);
      expect(degraded.body.status).toBe('degraded');
    } finally {
      await (redis as ThrowawayRedis).resume();
    }

    // Back, empty: the gateway finds it again by itself, and what it caches goes there again.
    await eventually(async () => (await ready()).body.status === 'ok', "the gateway's /ready to say ok again", 10_000);
    const back = await ask(CREATOR, { id: creator });
    expect(back.body.errors).toBeUndefined();
    expect(back.body.data.creator.followerCount).toBe(followers + 1);
    await eventually(async () => (await keysInRedis()) > 0, 'cache entries in Redis again', 5_000);
    expect((await ask(UNFOLLOW, { id: creator }, follower)).body.errors).toBeUndefined();
    expect((await ask(CREATOR, { id: creator })).body.data.creator.followerCount).toBe(followers);

    // Said once for the outage, not once per request.
    const log = running.output();
    expect(log.match(/Redis does not answer: the entity cache and rate limits/g)).toHaveLength(1);
    expect(log).toMatch(/Redis answers again: the entity cache and rate limits are shared again/);
  }, 90_000);
});

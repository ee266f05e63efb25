/**
 * The gateway's response cache, end to end: a repeated query is answered from kept bytes (no
 * subgraph fetch, no entity-cache lookup), a write through the gateway is visible in the very
 * next read of every response that showed what it changed, a private query is never kept, and on
 * Postgres two gateway replicas share what is kept and what a write drops.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creatorIds, userIds, videoIds } from '@app/fixtures/world';
import { DEFAULT_ENTITY_CACHE } from '@app/gateway/src/config.ts';
import { openPgGatewayStore } from '@app/gateway/src/db/open.ts';
import { createGateway } from '@app/gateway/src/gateway.ts';
import { createLogger } from '@app/kit/log';
import { listen, type RunningHttpServer } from '@app/kit/http';
import { startGraph, type RunningGraph } from './harness.ts';
import { testPostgresUrl } from './postgres.ts';

type Gateway = RunningGraph['gateway'];

interface Answer {
  status: number;
  /** The x-response-cache header: `hit`, `miss`, or null where the cache did not look. */
  from: string | null;
  body: { data?: any; errors?: any[]; extensions?: any };
}

/** One POST, its kept response (if any) stored before it returns, so the next request can hit it. */
async function ask(url: string, gateway: Gateway, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(`${url}graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }), signal: AbortSignal.timeout(10_000) });
  const body = (await response.json()) as Answer['body'];
  await gateway.responseCache?.settled();
  await gateway.entityCache?.settled();
  return { status: response.status, from: response.headers.get('x-response-cache'), body };
}

async function total(metric: { get(): Promise<{ values: { value: number; labels: Record<string, unknown> }[] }> }, labels: Record<string, string> = {}): Promise<number> {
  const { values } = await metric.get();
  return values.filter((value) => Object.entries(labels).every(([name, wanted]) => value.labels[name] === wanted)).reduce((sum, value) => sum + value.value, 0);
}

const PRODUCT = 'query Product($id: ID!) { product(id: $id) { id title price { amount } brand { id name } } }';
const VIDEO = 'query Video($id: ID!) { video(id: $id) { id caption creator { id handle } products { id title price { amount } } } }';
const CREATOR_FOLLOWERS = 'query ($id: ID!) { creator(id: $id) { id handle followerCount } }';
const ME = '{ me { id handle followingCount } }';
const UPDATE_PRICE = 'mutation ($id: ID!, $amount: Int!) { updateProduct(input: { id: $id, priceAmount: $amount }) { id price { amount } } }';

/** A video that tags a product, and that product. */
async function videoWithProduct(graph: RunningGraph): Promise<{ videoId: string; productId: string }> {
  for (const id of videoIds) {
    const products = (await graph.query('query ($id: ID!) { video(id: $id) { products { id } } }', { id })).body.data.video.products;
    if (products.length > 0) return { videoId: id, productId: products[0].id };
  }
  throw new Error('no video tags a product');
}

describe('the response cache through the gateway', () => {
  let graph: RunningGraph;
  const on = (query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => ask(graph.url, graph.gateway, query, variables, headers);
  beforeAll(async () => {
    graph = await startGraph();
  });
  afterAll(() => graph?.stop());

  it('answers a repeated query from kept bytes, without asking a subgraph or the entity cache', async () => {
    const { productId } = await videoWithProduct(graph);
    const first = await on(PRODUCT, { id: productId });
    expect(first.body.errors).toBeUndefined();
    expect(first.from).toBe('miss');
    const fetches = await total(graph.gateway.metrics.subgraphFetchDuration);
    const lookups = await total(graph.gateway.metrics.entityCacheLookups);
    const again = await on(PRODUCT, { id: productId });
    expect(again.from).toBe('hit');
    expect(again.body.data).toEqual(first.body.data);
    expect(again.body.extensions.cost).toMatchObject({ requested: first.body.extensions.cost.requested, actual: first.body.extensions.cost.actual });
    expect(await total(graph.gateway.metrics.subgraphFetchDuration)).toBe(fetches);
    expect(await total(graph.gateway.metrics.entityCacheLookups)).toBe(lookups);
    expect(await total(graph.gateway.metrics.responseCacheLookups, { outcome: 'hit' })).toBeGreaterThan(0);
    const metrics = await (await fetch(`${graph.url}metrics`)).text();
    expect(metrics).toMatch(/response_cache_lookups_total\{outcome="hit"\} [1-9]/);
  });

  it('shows a price change in the next read of the product and of a video that shows it, then keeps those again', async () => {
    const { videoId, productId } = await videoWithProduct(graph);
    const product = await on(PRODUCT, { id: productId });
    await on(VIDEO, { id: videoId });
    expect((await on(PRODUCT, { id: productId })).from).toBe('hit');
    expect((await on(VIDEO, { id: videoId })).from).toBe('hit');

    const partner = { 'x-api-key': (await graph.keys.create({ partnerId: product.body.data.product.brand.id, name: 'e2e response cache', scopes: ['catalog:write'] })).secret };
    const amount = product.body.data.product.price.amount + 100;
    const drops = await total(graph.gateway.metrics.responseCacheDrops);
    const written = await on(UPDATE_PRICE, { id: productId, amount }, partner);
    expect(written.body.errors).toBeUndefined();
    expect(written.from).toBe('miss');
    expect(await total(graph.gateway.metrics.responseCacheDrops)).toBeGreaterThanOrEqual(drops + 2);

    const read = await on(PRODUCT, { id: productId });
    expect(read.from).toBe('miss');
    expect(read.body.data.product.price.amount).toBe(amount);
    const video = await on(VIDEO, { id: videoId });
    expect(video.from).toBe('miss');
    expect(video.body.data.video.products.find((one: { id: string }) => one.id === productId).price.amount).toBe(amount);
    const again = await on(PRODUCT, { id: productId });
    expect(again.from).toBe('hit');
    expect(again.body.data.product.price.amount).toBe(amount);
    // A write is never kept: the same write again runs again.
    expect((await on(UPDATE_PRICE, { id: productId, amount }, partner)).from).toBe('miss');
  });

  it('never keeps a private query, and keeps a public one apart per kind of caller', async () => {
    const token = { authorization: `Bearer ${await graph.tokenFor(userIds[45] as string)}` };
    const notKept = await total(graph.gateway.metrics.responseCacheStores, { outcome: 'not_kept' });
    const mine = await on(ME, {}, token);
    expect(mine.body.data.me.id).toBe(userIds[45]);
    expect((await on(ME, {}, token)).from).toBe('miss');
    expect(await total(graph.gateway.metrics.responseCacheStores, { outcome: 'not_kept' })).toBe(notKept + 2);
    // A public query kept for the anonymous caller is kept apart for a signed-in one.
    const creator = { id: creatorIds[3] as string };
    await on(CREATOR_FOLLOWERS, creator);
    expect((await on(CREATOR_FOLLOWERS, creator)).from).toBe('hit');
    expect((await on(CREATOR_FOLLOWERS, creator, token)).from).toBe('miss');
    expect((await on(CREATOR_FOLLOWERS, creator, token)).from).toBe('hit');
    // Every part public: another signed-in user shares it, with their own cost report.
    const another = { authorization: `Bearer ${await graph.tokenFor(userIds[48] as string)}` };
    const shared = await on(CREATOR_FOLLOWERS, creator, another);
    expect(shared.from).toBe('hit');
    expect(shared.body.extensions.cost.throttle).toBeDefined();
    // Their private query is still never kept.
    expect((await on(ME, {}, another)).body.data.me.id).toBe(userIds[48]);
    expect((await on(ME, {}, another)).from).toBe('miss');
  });

  it('shows a follow in the next read of the followed creator', async () => {
    const follower = { authorization: `Bearer ${await graph.tokenFor(userIds[46] as string)}` };
    const creator = { id: creatorIds[4] as string };
    await on('mutation ($id: ID!) { unfollow(userId: $id) { viewerFollows } }', creator, follower);
    const before = (await on(CREATOR_FOLLOWERS, creator)).body.data.creator.followerCount as number;
    expect((await on(CREATOR_FOLLOWERS, creator)).from).toBe('hit');
    expect((await on('mutation ($id: ID!) { follow(userId: $id) { viewerFollows } }', creator, follower)).body.errors).toBeUndefined();
    expect((await on(CREATOR_FOLLOWERS, creator)).body.data.creator.followerCount).toBe(before + 1);
  });
});

describe.runIf(testPostgresUrl)('the response cache of two gateway replicas on one Postgres', () => {
  let graph: RunningGraph;
  let other: { gateway: Gateway; http: RunningHttpServer; close(): Promise<void> };
  beforeAll(async () => {
    graph = await startGraph();
    // A second gateway on the same gateway database: the replica a load balancer would send to.
    const opened = await openPgGatewayStore((graph.databaseUrls as Record<string, string>).gateway as string);
    const gateway = createGateway({
      // In Redis when the suite runs with it (REDIS_URL), as the first replica's.
      config: { ...graph.config, entityCache: { ...DEFAULT_ENTITY_CACHE, store: graph.sharedState ? 'redis' : 'postgres' } },
      keys: opened.keys,
      rateLimitStore: opened.rateLimits,
      entityCacheStore: opened.entityCache,
      ...(graph.sharedState ? { sharedState: graph.sharedState } : {}),
      subgraphUrls: graph.subgraphUrls,
      logger: createLogger('gateway-b', { level: 'silent' }),
    });
    await gateway.start();
    const http = await listen(gateway.handler, 0, '127.0.0.1');
    other = {
      gateway,
      http,
      async close() {
        await http.close();
        await gateway.stop();
        await opened.keys.close();
      },
    };
  });
  afterAll(async () => {
    await other?.close();
    await graph?.stop();
  });

  it('answers on one replica what the other kept, and drops it on both for a write made through either', async () => {
    const a = (query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => ask(graph.url, graph.gateway, query, variables, headers);
    const b = (query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => ask(other.http.url, other.gateway, query, variables, headers);
    const { productId } = await videoWithProduct(graph);
    const first = await a(PRODUCT, { id: productId });
    expect(first.from).toBe('miss');
    const shared = await b(PRODUCT, { id: productId });
    expect(shared.from).toBe('hit');
    expect(shared.body.data).toEqual(first.body.data);

    const partner = { 'x-api-key': (await graph.keys.create({ partnerId: first.body.data.product.brand.id, name: 'e2e replicas', scopes: ['catalog:write'] })).secret };
    const amount = first.body.data.product.price.amount + 7;
    expect((await b(UPDATE_PRICE, { id: productId, amount }, partner)).body.errors).toBeUndefined();
    const read = await a(PRODUCT, { id: productId });
    expect(read.from).toBe('miss');
    expect(read.body.data.product.price.amount).toBe(amount);
    expect((await b(PRODUCT, { id: productId })).body.data.product.price.amount).toBe(amount);
  });
});

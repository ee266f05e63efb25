import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap } from '@apollo/server';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '@app/kit/log';
import { anonymousViewer, type Viewer } from '@app/kit/viewer';
import type { GatewayContext } from './context.ts';
import { DEFAULT_COST_CONFIG } from './cost.ts';
import { MemoryEntityCacheStore } from './entity-cache/store.ts';
import { createGatewayMetrics } from './metrics.ts';
import { MemoryRateLimitStore } from './rate-limit.ts';
import { decodeKept, encodeKept, keepable, responseCacheVersion, useResponseCache, visibilityOf } from './response-cache.ts';
import type { ResponseParts } from './response-cache/parts.ts';

const logger = createLogger('test', { level: 'silent' });
const user = (id: string): Viewer => ({ userId: id, partnerId: null, keyId: null, scopes: [], country: 'US', requestId: `r-${id}` });
const JSON_TYPE = 'application/json; charset=utf-8';

/** What one run of the operation does: its fetches report to the parts, and it answers this body. */
type Run = (parts: ResponseParts | undefined) => Promise<{ status?: number; body: string }> | { status?: number; body: string };

const servers: http.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

/** A real HTTP server with the response cache in front of `run`, as the gateway's handler puts it. */
async function serve(options: { run: Run; tier?: { max: number; restoreRate: number }; version?: string; store?: MemoryEntityCacheStore }) {
  const store = options.store ?? new MemoryEntityCacheStore({ maxBytes: 1_000_000 });
  const metrics = createGatewayMetrics();
  const rateLimits = new MemoryRateLimitStore();
  const tier = options.tier ?? { max: 1_000, restoreRate: 1 };
  const contextOf = (req: http.IncomingMessage): GatewayContext => ({ viewer: typeof req.headers['x-user'] === 'string' ? user(req.headers['x-user']) : anonymousViewer(), clientIp: '127.0.0.1' });
  const cache = useResponseCache({ store, version: options.version ?? 'v1', maxAgeCapSeconds: 300, contextOf, cost: { ...DEFAULT_COST_CONFIG, tiers: { ...DEFAULT_COST_CONFIG.tiers, anonymous: tier, user: tier } }, rateLimits, metrics, logger });
  let runs = 0;
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    if (await cache.answer(req, res, text)) return;
    runs++;
    const { status = 200, body } = await options.run(cache.contextOf(req).responseParts);
    res.writeHead(status, { 'content-type': JSON_TYPE });
    res.end(body);
    cache.keep(req, { status, headers: new HeaderMap([['content-type', JSON_TYPE]]), body });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  return {
    store,
    metrics,
    rateLimits,
    runs: () => runs,
    async post(body: unknown, headers: Record<string, string> = {}) {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
      const text = await response.text();
      await cache.settled();
      return { status: response.status, from: response.headers.get('x-response-cache'), type: response.headers.get('content-type'), text, json: JSON.parse(text) as Record<string, any> };
    },
    async count(name: 'responseCacheLookups' | 'responseCacheStores', outcome: string) {
      return (await metrics[name].get()).values.find((value) => value.labels.outcome === outcome)?.value ?? 0;
    },
  };
}

const PRODUCT = { query: '{ product(id: "p1") { id title } }' };
const answer = (title: string, cost = { requested: 3, actual: 2 }) => JSON.stringify({ data: { product: { id: 'p1', title } }, extensions: { cost: { ...cost, throttle: { max: 1, available: 1, restoreRate: 1 } } } });
/** A run whose one fetch was kept for everyone, showing Product:p1. */
const publicRun =
  (title: () => string, maxAge = 30): Run =>
  (parts) => {
    parts?.tags.add('Product:p1');
    parts?.kept(maxAge);
    return { body: answer(title()) };
  };

describe('the response cache', () => {
  it('answers a repeated request with the kept bytes, charging the caller as a run would', async () => {
    const graph = await serve({ run: publicRun(() => 'Lamp') });
    const first = await graph.post(PRODUCT);
    expect(first.from).toBe('miss');
    const again = await graph.post(PRODUCT);
    expect(again.from).toBe('hit');
    expect(again.type).toBe(JSON_TYPE);
    expect(again.json.data).toEqual(first.json.data);
    // The cost report is the caller's own: 3 taken, 1 given back (it cost 2), twice.
    expect(again.json.extensions).toEqual({ cost: { requested: 3, actual: 2, throttle: { max: 1_000, available: 998, restoreRate: 1 } } });
    expect(graph.runs()).toBe(1);
    expect(await graph.count('responseCacheLookups', 'hit')).toBe(1);
    expect(await graph.count('responseCacheLookups', 'miss')).toBe(1);
    expect(await graph.count('responseCacheStores', 'kept')).toBe(1);
    expect((await graph.metrics.requests.get()).values[0]?.labels).toEqual({ operation: 'anonymous', outcome: 'ok' });
  });

  it('keeps a response apart per body, visibility and accepted type', async () => {
    const graph = await serve({ run: publicRun(() => 'Lamp') });
    await graph.post(PRODUCT);
    expect((await graph.post(PRODUCT, { 'x-user': 'u1' })).from).toBe('miss');
    expect((await graph.post(PRODUCT, { accept: 'application/graphql-response+json' })).from).toBe('miss');
    expect((await graph.post({ ...PRODUCT, variables: {} })).from).toBe('miss');
    expect((await graph.post(PRODUCT, { 'x-user': 'u1' })).from).toBe('hit');
    // Every part was public: another signed-in user of the same kind shares it.
    expect((await graph.post(PRODUCT, { 'x-user': 'u2' })).from).toBe('hit');
    expect(graph.runs()).toBe(4);
  });

  it('never answers what a gateway of another version kept in a shared store', async () => {
    const store = new MemoryEntityCacheStore({ maxBytes: 1_000_000 });
    const before = await serve({ run: publicRun(() => 'Lamp'), store, version: responseCacheVersion(['type Query { a: Int }', { maxDepth: 10 }]) });
    await before.post(PRODUCT);
    expect((await before.post(PRODUCT)).from).toBe('hit');
    const after = await serve({ run: publicRun(() => 'Lamp'), store, version: responseCacheVersion(['type Query { a: Int }', { maxDepth: 8 }]) });
    expect((await after.post(PRODUCT)).from).toBe('miss');
  });

  it('drops a kept response when an entity it shows is invalidated, and counts the drop', async () => {
    let title = 'Lamp';
    const graph = await serve({ run: publicRun(() => title) });
    await graph.post(PRODUCT);
    title = 'Desk lamp';
    expect(await graph.store.invalidate(['Product:p1'])).toEqual({ responses: 1 });
    const after = await graph.post(PRODUCT);
    expect(after.from).toBe('miss');
    expect(after.json.data.product.title).toBe('Desk lamp');
    expect((await graph.post(PRODUCT)).json.data.product.title).toBe('Desk lamp');
  });

  it('does not keep a response run across a write to what it shows', async () => {
    let title = 'Lamp';
    const graph: Awaited<ReturnType<typeof serve>> = await serve({
      run: async (parts) => {
        const body = answer(title);
        // The write lands (and is invalidated) after this run read the old title.
        title = 'Desk lamp';
        await graph.store.invalidate(['Product:p1']);
        parts?.tags.add('Product:p1');
        parts?.kept(30);
        return { body };
      },
    });
    await graph.post(PRODUCT);
    expect((await graph.post(PRODUCT)).from).toBe('miss');
  });

  it('keeps nothing with a part that could not be kept, an error, or a failed status', async () => {
    for (const run of [
      ((parts) => {
        parts?.kept(30);
        parts?.notKept();
        return { body: answer('Lamp') };
      }) satisfies Run,
      ((parts) => {
        parts?.kept(30);
        return { body: JSON.stringify({ data: { product: null }, errors: [{ message: 'gone' }], extensions: { cost: { requested: 3, actual: 0 } } }) };
      }) satisfies Run,
      ((parts) => {
        parts?.kept(30);
        return { status: 500, body: answer('Lamp') };
      }) satisfies Run,
      // Nothing was fetched: no subgraph said what may be kept.
      (() => ({ body: answer('Lamp') })) satisfies Run,
    ]) {
      const store = new MemoryEntityCacheStore({ maxBytes: 1_000_000 });
      const forgone: string[] = [];
      Object.assign(store, { forgo: (keys: readonly string[]) => forgone.push(...keys) });
      const graph = await serve({ run, store });
      await graph.post(PRODUCT);
      expect((await graph.post(PRODUCT)).from).toBe('miss');
      expect(await graph.count('responseCacheStores', 'not_kept')).toBe(2);
      // A replica's near copy of Redis stops asking for a response that is not kept.
      expect(forgone).toHaveLength(2);
      expect(forgone[0]).toContain(JSON.stringify(PRODUCT));
    }
  });

  it('lets the usual run refuse a hit the caller cannot afford', async () => {
    const graph = await serve({ run: publicRun(() => 'Lamp'), tier: { max: 7, restoreRate: 0.001 } });
    // The run here charges nothing; each hit takes 3 and gives 1 back: 7 → 5 → 3 → 1, and the next cannot take 3.
    expect((await graph.post(PRODUCT)).from).toBe('miss');
    for (let i = 0; i < 3; i++) expect((await graph.post(PRODUCT)).from).toBe('hit');
    // Not answered from the cache (no header): run the usual way, where the real gateway refuses it.
    expect((await graph.post(PRODUCT)).from).toBeNull();
    expect(graph.runs()).toBe(2);
  });
});

describe('who shares a kept response', () => {
  it('is callers of one kind: anonymous, signed-in users by country and scopes, a partner by its scopes', () => {
    const partner = (keyId: string, scopes: string[]): Viewer => ({ userId: null, partnerId: 'brand_1', keyId, scopes, country: null, requestId: 'r' });
    expect(visibilityOf(anonymousViewer())).toBe('anonymous');
    expect(visibilityOf(user('u1'))).toBe(visibilityOf(user('u2')));
    expect(visibilityOf(user('u1'))).not.toBe(visibilityOf({ ...user('u1'), country: 'FR' }));
    expect(visibilityOf(user('u1'))).not.toBe(visibilityOf(anonymousViewer()));
    expect(visibilityOf(partner('k1', ['catalog:read']))).toBe(visibilityOf(partner('k2', ['catalog:read'])));
    expect(visibilityOf(partner('k1', ['catalog:read']))).not.toBe(visibilityOf(partner('k1', ['catalog:read', 'catalog:write'])));
  });
});

describe('a kept response', () => {
  it('is read back as written, the data untouched', () => {
    const kept = { requested: 12, actual: 4, operationName: 'Feed', contentType: JSON_TYPE, data: '{"feed":{"a":"line\\nbreak"}}' };
    expect(decodeKept(encodeKept(kept))).toEqual(kept);
    expect(decodeKept('12\n4')).toBeNull();
  });

  it('is made only of data and a cost report', () => {
    expect(keepable(answer('Lamp'), JSON_TYPE, 'Q')).toEqual({ requested: 3, actual: 2, operationName: 'Q', contentType: JSON_TYPE, data: '{"product":{"id":"p1","title":"Lamp"}}' });
    expect(keepable(JSON.stringify({ data: { a: 1 }, extensions: { cost: { requested: 1, actual: 1 }, other: true } }), JSON_TYPE, 'Q')).toBeNull();
    expect(keepable(JSON.stringify({ data: { a: 1 } }), JSON_TYPE, 'Q')).toBeNull();
    expect(keepable(JSON.stringify([{ data: { a: 1 }, extensions: { cost: { requested: 1, actual: 1 } } }]), JSON_TYPE, 'Q')).toBeNull();
    expect(keepable('not json', JSON_TYPE, 'Q')).toBeNull();
  });
});

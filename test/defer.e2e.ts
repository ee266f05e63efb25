/**
 * `@defer` through the real gateway and the four subgraphs. A creator's profile with its videos
 * (content, then commerce for each video's products) and showcase (commerce) deferred arrives as
 * an initial payload and then one payload per deferred fragment, with paths and labels; Apollo
 * Client's HttpLink merges it into the same data the query answers without `@defer`; a client
 * that reads one JSON response gets that whole result; a deferred fragment whose subgraph fails
 * carries its errors while the others arrive; `@auth` holds inside a deferred fragment; the
 * operation is priced and charged once.
 *
 * A second gateway over the same subgraphs reaches commerce through a proxy the test makes slow
 * or failing, with its entity cache off so every request reaches it, and a small user bucket.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloClient, gql, HttpLink, InMemoryCache } from '@apollo/client';
import { Defer20220824Handler } from '@apollo/client/incremental';
import { meros } from 'meros/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creatorIds } from '@app/fixtures/world';
import { listen, type RunningHttpServer } from '@app/kit/http';
import { createLogger } from '@app/kit/log';
import { DEFAULT_ENTITY_CACHE } from '@app/gateway/src/config.ts';
import { openKeyStore } from '@app/gateway/src/db/keys.ts';
import { createGateway } from '@app/gateway/src/gateway.ts';
import { startGraph, type RunningGraph } from './harness.ts';

const MULTIPART = 'multipart/mixed;deferSpec=20220824,application/graphql-response+json,application/json;q=0.9';
const CREATOR = creatorIds[0] as string;

const PROFILE = `query Profile($id: ID!) {
  creator(id: $id) {
    id
    handle
    displayName
    ... @defer(label: "videos") {
      videos(first: 3) { edges { node { id caption products { id title } } } }
    }
    ... @defer(label: "shop") {
      showcase(first: 3) { edges { node { id title } } }
    }
  }
}`;
const WHOLE_PROFILE = PROFILE.replace(/\.\.\. @defer\(label: "\w+"\) \{([^]*?)\n {4}\}/g, '$1');

interface Payload {
  data?: any;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
  incremental?: { data: any; path: (string | number)[]; label?: string; errors?: Payload['errors'] }[];
  hasNext?: boolean;
  extensions?: Record<string, any>;
}

/** Posts a query asking for multipart, and reads each part as it arrives, with when it did. */
async function deferred(url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) {
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: MULTIPART, ...headers }, body: JSON.stringify({ query, variables }), signal: AbortSignal.timeout(15_000) });
  const parts = await meros<Payload>(response as unknown as Response);
  const payloads: (Payload & { atMs: number })[] = [];
  if (parts instanceof Response) return { status: response.status, contentType: response.headers.get('content-type'), payloads: [{ ...((await parts.json()) as Payload), atMs: performance.now() - started }] };
  for await (const part of parts) payloads.push({ ...(part.body as Payload), atMs: performance.now() - started });
  return { status: response.status, contentType: response.headers.get('content-type'), payloads };
}

const itemsOf = (payloads: Payload[]) => payloads.flatMap((payload) => payload.incremental ?? []);

let graph: RunningGraph;
let commerceMode: 'pass' | 'slow' | 'down' = 'pass';
const SLOW_MS = 400;
let proxy: http.Server;
let proxied: { url: string; server: RunningHttpServer; stop(): Promise<void> };

/** Commerce as the second gateway reaches it: passed through, late, or answering 503. */
async function commerceProxy(target: string): Promise<string> {
  proxy = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      if (commerceMode === 'down') {
        res.writeHead(503, { 'content-type': 'text/plain' }).end('down');
        return;
      }
      if (commerceMode === 'slow') await new Promise((resolve) => setTimeout(resolve, SLOW_MS));
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !['host', 'connection', 'content-length'].includes(name))) as Record<string, string>;
      const answer = await fetch(target, { method: req.method ?? 'POST', headers, body: Buffer.concat(chunks) });
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(Buffer.from(await answer.arrayBuffer()));
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/graphql`;
}

beforeAll(async () => {
  graph = await startGraph();
  const keys = openKeyStore(':memory:');
  const config = {
    ...graph.config,
    entityCache: { ...DEFAULT_ENTITY_CACHE, store: 'off' as const },
    cost: { ...graph.config.cost, tiers: { ...graph.config.cost.tiers, user: { max: 500, restoreRate: 0.01 } } },
  };
  const gateway = createGateway({ config, keys, logger: createLogger('gateway', { level: 'silent' }), subgraphUrls: { ...graph.subgraphUrls, commerce: await commerceProxy(graph.subgraphUrls.commerce) } });
  await gateway.start();
  const server = await listen(gateway.handler, 0, '127.0.0.1');
  proxied = {
    url: `${server.url}graphql`,
    server,
    async stop() {
      await server.close();
      await gateway.stop();
      keys.close();
    },
  };
});

afterAll(async () => {
  await proxied?.stop();
  proxy?.closeAllConnections();
  await new Promise((resolve) => proxy?.close(resolve));
  await graph?.stop();
});

describe('a deferred creator profile over multipart', () => {
  it('arrives as the primary part, then each deferred fragment at its path with its label, hasNext false last', async () => {
    const { status, contentType, payloads } = await deferred(`${graph.url}graphql`, PROFILE, { id: CREATOR });
    expect(status).toBe(200);
    expect(contentType).toMatch(/^multipart\/mixed; boundary="-"; deferSpec=20220824/);
    expect(payloads[0]).toMatchObject({ data: { creator: { id: CREATOR, handle: expect.any(String), displayName: expect.any(String) } }, hasNext: true });
    expect(payloads[0]!.data.creator).not.toHaveProperty('videos');
    expect(payloads.at(-1)?.hasNext).toBe(false);
    const items = itemsOf(payloads);
    expect(items.map((item) => [item.label, item.path]).sort()).toEqual([
      ['shop', ['creator']],
      ['videos', ['creator']],
    ]);
    const videos = items.find((item) => item.label === 'videos')!;
    expect(videos.data.videos.edges.length).toBeGreaterThan(0);
    expect(videos.data.videos.edges[0].node).toEqual({ id: expect.any(String), caption: expect.any(String), products: expect.any(Array) });
    expect(items.every((item) => item.errors === undefined)).toBe(true);
  });

  it('sends the initial payload as soon as the primary part answers, before a slow subgraph’s deferred part', async () => {
    commerceMode = 'slow';
    try {
      const { payloads } = await deferred(proxied.url, PROFILE, { id: CREATOR });
      const first = payloads[0]!.atMs;
      const last = payloads.at(-1)!.atMs;
      expect(payloads[0]!.data.creator.handle).toEqual(expect.any(String));
      // The showcase and each video's products wait on commerce; the initial payload does not.
      expect(last - first).toBeGreaterThan(SLOW_MS * 0.75);
      expect(first).toBeLessThan(last - SLOW_MS * 0.75);
      console.log(`deferred profile through a commerce ${SLOW_MS} ms late: first payload at ${first.toFixed(0)} ms, last at ${last.toFixed(0)} ms`);
    } finally {
      commerceMode = 'pass';
    }
  });

  it('goes on serving when a client leaves before the last part', async () => {
    commerceMode = 'slow';
    try {
      const leaving = new AbortController();
      const response = await fetch(proxied.url, { method: 'POST', headers: { 'content-type': 'application/json', accept: MULTIPART }, body: JSON.stringify({ query: PROFILE, variables: { id: CREATOR } }), signal: leaving.signal });
      expect(response.headers.get('x-accel-buffering')).toBe('no');
      await response.body!.getReader().read();
      leaving.abort();
      await new Promise((resolve) => setTimeout(resolve, SLOW_MS * 1.5));
    } finally {
      commerceMode = 'pass';
    }
    const { payloads } = await deferred(proxied.url, PROFILE, { id: CREATOR });
    expect(payloads.at(-1)?.hasNext).toBe(false);
    expect(itemsOf(payloads)).toHaveLength(2);
  });

  it('nests a fragment deferred inside another after it, at each list item’s path', async () => {
    const query = 'query ($id: ID!) { creator(id: $id) { handle ... @defer(label: "videos") { videos(first: 2) { edges { node { id ... @defer(label: "products") { products { title } } } } } } } }';
    const { payloads } = await deferred(`${graph.url}graphql`, query, { id: CREATOR });
    const items = itemsOf(payloads);
    expect(items[0]?.label).toBe('videos');
    const edges = items[0]!.data.videos.edges as unknown[];
    expect(items.slice(1).map((item) => item.path)).toEqual(edges.map((_edge, index) => ['creator', 'videos', 'edges', index, 'node']));
    expect(items.slice(1).every((item) => item.label === 'products' && Array.isArray(item.data.products))).toBe(true);
  });
});

describe('a deferred profile with Apollo Client', () => {
  it('emits the initial data first, then the whole profile: the same data the query answers without @defer', async () => {
    const client = new ApolloClient({ link: new HttpLink({ uri: `${graph.url}graphql` }), cache: new InMemoryCache(), incrementalHandler: new Defer20220824Handler() });
    const emitted: { dataState: string; data: any }[] = [];
    await new Promise<void>((resolve, reject) => {
      const subscription = client.watchQuery({ query: gql(PROFILE), variables: { id: CREATOR }, fetchPolicy: 'network-only' }).subscribe({
        next: (result) => {
          if (result.error) reject(result.error);
          if (result.loading && result.dataState === 'empty') return;
          emitted.push({ dataState: result.dataState, data: result.data });
          if (result.dataState === 'complete') {
            subscription.unsubscribe();
            resolve();
          }
        },
        error: reject,
      });
    });
    expect(emitted[0]?.dataState).toBe('streaming');
    expect(emitted[0]?.data.creator.handle).toEqual(expect.any(String));
    expect(emitted[0]?.data.creator.videos).toBeUndefined();
    const whole = await client.query({ query: gql(WHOLE_PROFILE), variables: { id: CREATOR }, fetchPolicy: 'network-only' });
    expect(emitted.at(-1)?.data).toEqual(whole.data);
    expect(emitted.at(-1)?.data.creator.videos.edges.length).toBeGreaterThan(0);
  });
});

describe('a client that reads one JSON response', () => {
  it('gets the whole result at once, as without @defer', async () => {
    const deferredAnswer = await graph.query(PROFILE, { id: CREATOR });
    const wholeAnswer = await graph.query(WHOLE_PROFILE, { id: CREATOR });
    expect(deferredAnswer.status).toBe(200);
    expect(deferredAnswer.body.errors).toBeUndefined();
    expect(deferredAnswer.body.data).toEqual(wholeAnswer.body.data);
    expect(deferredAnswer.body.data.creator.showcase.edges.length).toBeGreaterThan(0);
  });
});

describe('a deferred fragment whose subgraph fails', () => {
  it('arrives with its errors at its paths, and the other parts still come', async () => {
    commerceMode = 'down';
    try {
      const query = 'query ($id: ID!) { creator(id: $id) { handle ... @defer(label: "shop") { showcase(first: 2) { edges { node { title } } } } ... @defer(label: "videos") { videos(first: 2) { edges { node { id caption } } } } } }';
      const { payloads } = await deferred(proxied.url, query, { id: CREATOR });
      expect(payloads[0]!.errors).toBeUndefined();
      const items = itemsOf(payloads);
      const shop = items.find((item) => item.label === 'shop')!;
      expect(shop.data).toEqual({ showcase: null });
      expect(shop.errors).toEqual([{ message: expect.stringMatching(/commerce service is unavailable/), path: ['creator'], extensions: { code: 'SERVICE_UNAVAILABLE', service: 'commerce' } }]);
      const videos = items.find((item) => item.label === 'videos')!;
      expect(videos.errors).toBeUndefined();
      expect(videos.data.videos.edges.length).toBeGreaterThan(0);
      expect(payloads.at(-1)?.hasNext).toBe(false);
    } finally {
      commerceMode = 'pass';
    }
  });
});

describe('access inside a deferred fragment', () => {
  const EARNINGS = 'query ($id: ID!) { creator(id: $id) { handle ... @defer(label: "earnings") { giftEarnings { diamonds } } } }';

  it('is refused to a stranger in that fragment only, and given to the creator', async () => {
    const anonymous = await deferred(`${graph.url}graphql`, EARNINGS, { id: CREATOR });
    expect(anonymous.payloads[0]!.data.creator.handle).toEqual(expect.any(String));
    const refused = itemsOf(anonymous.payloads)[0]!;
    expect(refused.data).toEqual({ giftEarnings: null });
    expect(refused.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);

    const own = await deferred(`${graph.url}graphql`, EARNINGS, { id: CREATOR }, { authorization: `Bearer ${await graph.tokenFor(CREATOR)}` });
    const given = itemsOf(own.payloads)[0]!;
    expect(given.errors).toBeUndefined();
    expect(given.data.giftEarnings.diamonds).toEqual(expect.any(Number));
  });
});

describe('cost of a deferred query', () => {
  it('is priced on the whole operation, charged once, and reported in the last payload as without @defer', async () => {
    const token = await graph.tokenFor(creatorIds[1] as string);
    const { payloads } = await deferred(proxied.url, PROFILE, { id: CREATOR }, { authorization: `Bearer ${token}` });
    const cost = payloads.at(-1)!.extensions!.cost;
    const whole = await fetch(proxied.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${await graph.tokenFor(creatorIds[2] as string)}` }, body: JSON.stringify({ query: WHOLE_PROFILE, variables: { id: CREATOR } }) });
    const wholeCost = ((await whole.json()) as Payload).extensions!.cost;
    expect(cost.requested).toBe(wholeCost.requested);
    expect(cost.actual).toBe(wholeCost.actual);
    // The bucket (500 points, nearly no refill) lost what the whole operation used, once.
    expect(cost.throttle.available).toBe(500 - cost.actual);
    expect(payloads[0]!.extensions?.cost).toBeUndefined();
  });

  it('is refused before anything runs when its deferred fragments would cost too much', async () => {
    const query = 'query ($id: ID!) { creator(id: $id) { handle ... @defer { videos(first: 100) { edges { node { id products { id brand { name } } } } } } } }';
    const response = await fetch(`${graph.url}graphql`, { method: 'POST', headers: { 'content-type': 'application/json', accept: MULTIPART }, body: JSON.stringify({ query, variables: { id: CREATOR } }) });
    const body = (await response.json()) as Payload;
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.extensions?.code).toBe('COST_LIMIT_EXCEEDED');
  });
});

describe('@defer where it is not served', () => {
  it('is refused in a mutation with a clear validation error', async () => {
    const { body } = await graph.query('mutation ($id: ID!) { follow(userId: $id) { ... @defer { viewerFollows } } }', { id: CREATOR }, { authorization: `Bearer ${await graph.tokenFor(creatorIds[3] as string)}` });
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]).toMatchObject({ message: expect.stringMatching(/^@defer is served on queries only/), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
  });

  it('means nothing with if: false: one JSON response even to a multipart client', async () => {
    const { contentType, payloads } = await deferred(`${graph.url}graphql`, 'query ($id: ID!) { creator(id: $id) { handle ... @defer(if: false) { bio } } }', { id: CREATOR });
    expect(contentType).toMatch(/^application\/(graphql-response\+)?json/);
    expect(payloads).toHaveLength(1);
    expect(payloads[0]!.data.creator).toEqual({ handle: expect.any(String), bio: expect.any(String) });
  });
});

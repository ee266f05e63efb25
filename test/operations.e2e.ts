/**
 * A gateway you can put on the internet: operation limits, cost and rate limits, a subgraph
 * going down and coming back, health and readiness, metrics and request ids.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@app/kit/log';
import { creatorIds, userIds } from '@app/fixtures/world';
import { DEFAULT_COST_CONFIG } from '@app/gateway/src/cost.ts';
import { serve as serveContent } from '@app/subgraph-content/src/server.ts';
import { startGraph, TEST_INTERNAL_SECRET, type RunningGraph } from './harness.ts';

let graph: RunningGraph;
beforeAll(async () => {
  graph = await startGraph({
    gateway: {
      // A small bucket for users so throttling shows within a test; anonymous stays roomy.
      cost: {
        ...DEFAULT_COST_CONFIG,
        maxCost: 1_000,
        tiers: { ...DEFAULT_COST_CONFIG.tiers, anonymous: { max: 1_000_000, restoreRate: 100_000 }, user: { max: 300, restoreRate: 200 } },
      },
    },
  });
});
afterAll(() => graph?.stop());

const codeOf = (body: { errors?: any[] }) => body.errors?.[0]?.extensions?.code;

describe('operation limits', () => {
  it('pass a normal query', async () => {
    const { status, body } = await graph.query('{ feed(first: 5) { edges { node { id creator { handle } } } } }');
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
  });

  it('refuse each limit with its own code before anything runs', async () => {
    const deep = `{ creator(id: "${creatorIds[0]}") { followers(first: 1) { edges { node { followers(first: 1) { edges { node { followers(first: 1) { edges { node { followers(first: 1) { edges { node { handle } } } } } } } } } } } } } }`;
    const aliases = `{ feed(first: 1) { edges { ${Array.from({ length: 16 }, (_, i) => `c${i}: cursor`).join(' ')} } } }`;
    const rootFields = `{ ${Array.from({ length: 11 }, (_, i) => `f${i}: creators(first: 1) { edges { cursor } }`).join(' ')} }`;
    const directives = `{ feed(first: 1) { edges { cursor ${Array.from({ length: 21 }, () => '@include(if: true)').join(' ')} } } }`;
    const tokens = `{ feed(first: 1) { edges { ${Array.from({ length: 2_100 }, () => 'cursor').join(' ')} } } }`;
    for (const [query, code] of [
      [deep, 'MAX_DEPTH_EXCEEDED'],
      [aliases, 'MAX_ALIASES_EXCEEDED'],
      [rootFields, 'MAX_ROOT_FIELDS_EXCEEDED'],
      [directives, 'MAX_DIRECTIVES_EXCEEDED'],
      [tokens, 'MAX_TOKENS_EXCEEDED'],
    ] as const) {
      const { status, body } = await graph.query(query);
      expect(status, code).toBeLessThan(500);
      expect(body.data, code).toBeUndefined();
      expect(codeOf(body), code).toBe(code);
    }
  });

  it('refuse an oversized body and an oversized batch, and serve a small batch', async () => {
    const big = await fetch(`${graph.url}graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ __typename } # ${'x'.repeat(graph.config.limits.maxBodyBytes + 100_000)}` }),
    });
    expect(big.status).toBe(413);
    expect(codeOf((await big.json()) as any)).toBe('PAYLOAD_TOO_LARGE');

    const batch = (n: number) =>
      fetch(`${graph.url}graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(Array.from({ length: n }, () => ({ query: '{ creators(first: 1) { edges { cursor } } }' }))),
      });
    const tooMany = await batch(6);
    expect(tooMany.status).toBe(400);
    expect(codeOf((await tooMany.json()) as any)).toBe('BATCH_TOO_LARGE');
    const two = await batch(2);
    expect(two.status).toBe(200);
    const results = (await two.json()) as any[];
    expect(results).toHaveLength(2);
    expect(results.every((result) => result.data.creators.edges.length === 1)).toBe(true);
  });
});

describe('cost', () => {
  it('is reported as requested, actual and the caller\'s throttle', async () => {
    const { body } = await graph.query('{ feed(first: 10) { edges { node { id creator { handle } } } } }');
    const cost = (body as any).extensions.cost;
    expect(cost.requested).toBeGreaterThanOrEqual(cost.actual);
    expect(cost.actual).toBeGreaterThan(10);
    expect(cost.throttle).toEqual({ max: 1_000_000, available: expect.any(Number), restoreRate: 100_000 });
  });

  it('above the maximum is refused before any subgraph is called', async () => {
    const fetchesBefore = await subgraphFetchCount();
    const query = `{ a: feed(first: 100) { edges { node { products { brand { name } } creator { followers(first: 100) { edges { node { handle } } } } } } } }`;
    const { body } = await graph.query(query);
    expect(codeOf(body)).toBe('COST_LIMIT_EXCEEDED');
    expect(body.errors?.[0]?.extensions?.cost.requested).toBeGreaterThan(1_000);
    expect(await subgraphFetchCount()).toBe(fetchesBefore);
  });

  it('throttles a caller whose bucket is empty with THROTTLED and Retry-After, and recovers', async () => {
    const token = await graph.tokenFor(userIds[30] as string);
    const query = '{ feed(first: 40) { edges { node { id creator { handle } } } } }';
    const send = () =>
      fetch(`${graph.url}graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query }),
      });
    let throttled: Response | null = null;
    for (let i = 0; i < 10 && !throttled; i++) {
      const response = await send();
      if (response.status === 429) throttled = response;
    }
    expect(throttled).not.toBeNull();
    const body = (await throttled!.json()) as any;
    expect(codeOf(body)).toBe('THROTTLED');
    const retryAfter = Number(throttled!.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(body.errors[0].extensions.retryAfter).toBe(retryAfter);
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000 + 100));
    const again = await send();
    expect(again.status).toBe(200);
    expect(((await again.json()) as any).data.feed.edges).toHaveLength(40);
  });
});

async function metricsText(): Promise<string> {
  return (await fetch(`${graph.url}metrics`)).text();
}

async function subgraphFetchCount(): Promise<number> {
  const text = await metricsText();
  return [...text.matchAll(/^subgraph_fetch_duration_seconds_count\{[^}]*\} (\d+)/gm)].reduce((sum, match) => sum + Number(match[1]), 0);
}

describe('a subgraph that goes down and comes back', () => {
  it('costs only its own data meanwhile, shows in readiness and metrics, and needs no restart after', async () => {
    const profile = `query ($id: ID!) { creator(id: $id) { handle followerCount videos(first: 2) { edges { node { id } } } } }`;
    const ready = async () => {
      const response = await fetch(`${graph.url}ready`);
      return { status: response.status, body: (await response.json()) as any };
    };
    expect((await ready()).status).toBe(200);

    const port = graph.subgraphs.content.port;
    await graph.subgraphs.content.stop();

    const partial = await graph.query(profile, { id: creatorIds[0] });
    expect(partial.status).toBe(200);
    expect(partial.body.data.creator.handle).toEqual(expect.any(String));
    expect(partial.body.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', service: 'content' });
    expect(JSON.stringify(partial.body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);

    const untouched = await graph.query('{ creators(first: 3) { edges { node { handle } } } }');
    expect(untouched.body.errors).toBeUndefined();

    await new Promise((resolve) => setTimeout(resolve, 1_100)); // readiness is cached for a second
    const down = await ready();
    expect(down.status).toBe(503);
    expect(down.body.subgraphs).toMatchObject({ content: 'down', users: 'up', gifts: 'up', commerce: 'up' });
    expect(await metricsText()).toMatch(/subgraph_fetch_duration_seconds_count\{subgraph="content",outcome="unreachable"\} [1-9]/);
    expect(await metricsText()).toMatch(/graphql_errors_total\{code="SERVICE_UNAVAILABLE"\} [1-9]/);

    graph.subgraphs.content = await serveContent(graph.stores.content, {
      port,
      host: '127.0.0.1',
      logger: createLogger('content', { level: 'silent' }),
      internalSecret: TEST_INTERNAL_SECRET,
    });
    const whole = await graph.query(profile, { id: creatorIds[0] });
    expect(whole.body.errors).toBeUndefined();
    expect(whole.body.data.creator.videos.edges).toHaveLength(2);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await ready()).status).toBe(200);
  });
});

describe('health, metrics and request ids', () => {
  it('serve /health and /metrics with request counts by operation and outcome', async () => {
    expect((await fetch(`${graph.url}health`)).status).toBe(200);
    await graph.query('query FeedPage { feed(first: 1) { edges { cursor } } }');
    const text = await metricsText();
    expect(text).toMatch(/graphql_requests_total\{operation="FeedPage",outcome="ok"\} [1-9]/);
    expect(text).toMatch(/graphql_request_duration_seconds_bucket/);
    expect(text).toMatch(/rate_limit_refusals_total\{caller="user"\} [1-9]/);
    const subgraph = await (await fetch(graph.subgraphUrls.users.replace('/graphql', '/ready'))).json();
    expect(subgraph).toMatchObject({ status: 'ok', service: 'users' });
  });

  it('return the caller\'s x-request-id, or a new one', async () => {
    const given = await fetch(`${graph.url}graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'trace-abc.123' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(given.headers.get('x-request-id')).toBe('trace-abc.123');
    const made = await fetch(`${graph.url}graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('collapsing identical subgraph reads', () => {
  const contentFetches = async () => {
    const text = await metricsText();
    return [...text.matchAll(/^subgraph_fetch_duration_seconds_count\{subgraph="content",[^}]*\} (\d+)/gm)].reduce((sum, match) => sum + Number(match[1]), 0);
  };

  it('shares one subgraph fetch among identical concurrent reads, each caller getting the whole answer', async () => {
    const before = await contentFetches();
    const query = '{ feed(first: 7) { edges { node { id caption } } } }';
    const results = await Promise.all(Array.from({ length: 12 }, () => graph.query(query)));
    for (const { body } of results) {
      expect(body.errors).toBeUndefined();
      expect(body.data.feed.edges).toHaveLength(7);
    }
    expect(results.every(({ body }) => JSON.stringify(body.data) === JSON.stringify(results[0]!.body.data))).toBe(true);
    expect((await contentFetches()) - before).toBeLessThan(12);
  });

  it('never shares across viewers or for writes', async () => {
    const tokens = await Promise.all([userIds[50], userIds[51], userIds[52]].map((id) => graph.tokenFor(id as string)));
    const mine = await Promise.all(tokens.map((token) => graph.query('{ me { id } }', {}, { authorization: `Bearer ${token}` })));
    expect(mine.map(({ body }) => body.data.me.id)).toEqual([userIds[50], userIds[51], userIds[52]]);

    const target = creatorIds[5] as string;
    const count = async () => (await graph.query('query ($id: ID!) { creator(id: $id) { followerCount } }', { id: target })).body.data.creator.followerCount as number;
    await Promise.all(tokens.map((token) => graph.query('mutation ($id: ID!) { unfollow(userId: $id) { viewerFollows } }', { id: target }, { authorization: `Bearer ${token}` })));
    const base = await count();
    await Promise.all(tokens.map((token) => graph.query('mutation ($id: ID!) { follow(userId: $id) { viewerFollows } }', { id: target }, { authorization: `Bearer ${token}` })));
    expect(await count()).toBe(base + 3);
  });
});

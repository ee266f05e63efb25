/**
 * What clients and operators learn when something goes wrong: production suggests no names
 * (fields, arguments, types, enum values, literal or through variables); GraphQL over HTTP status
 * codes follow what the client accepts; a subgraph's 4xx is not "unavailable"; and every failed
 * subgraph fetch is logged, a few per subgraph per interval, with a count of the rest.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen } from '@app/kit/http';
import { createLogger } from '@app/kit/log';
import { creatorIds } from '@app/fixtures/world';
import { createGateway } from '@app/gateway/src/gateway.ts';
import { openKeyStore } from '@app/gateway/src/db/keys.ts';
import { startGraph, type RunningGraph } from './harness.ts';

let development: RunningGraph;
let production: RunningGraph;
const servers: http.Server[] = [];
beforeAll(async () => {
  development = await startGraph();
  production = await startGraph({ production: true });
});
afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await development?.stop();
  await production?.stop();
});

const FEED_MUTATION = 'mutation ($feed: ProductFeedInput!) { importProductFeed(brandId: "brd_x", feed: $feed) { created } }';
/** Operations whose errors graphql-js would decorate with a suggestion, each a different shape. */
const suggestive: [string, string, Record<string, unknown>][] = [
  ['a field', '{ fed(first: 1) { edges { cursor } } }', {}],
  ['an argument', '{ feed(frist: 1) { edges { cursor } } }', {}],
  ['a type', '{ feed(first: 1) { edges { node { ... on Vido { id } } } } }', {}],
  ['an enum literal', 'mutation { importProductFeed(brandId: "brd_x", feed: { mode: FUL, items: [] }) { created } }', {}],
  ['an enum through variables', FEED_MUTATION, { feed: { mode: 'FUL', items: [] } }],
];

describe('suggestions', () => {
  it('are made in development (so the cases below are ones that suggest)', async () => {
    for (const [what, query, variables] of suggestive) {
      const { body } = await development.query(query, variables);
      expect(body.errors?.[0]?.message, what).toMatch(/Did you mean/);
    }
  });

  it('are masked in production, enum values included, literal and through variables', async () => {
    for (const [what, query, variables] of suggestive) {
      const { body } = await production.query(query, variables);
      expect(body.errors?.length, what).toBeGreaterThan(0);
      for (const error of body.errors!) {
        expect(error.message, what).not.toMatch(/Did you mean|"FULL"|"feed"|"first"|"Video"/);
        expect(error.extensions.code, what).toMatch(/GRAPHQL_VALIDATION_FAILED|BAD_USER_INPUT/);
      }
    }
  });
});

describe('GraphQL over HTTP at the gateway', () => {
  const send = async (body: Record<string, unknown>, accept: string) => {
    const response = await fetch(`${development.url}graphql`, { method: 'POST', headers: { 'content-type': 'application/json', accept }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as any };
  };
  const failing: [string, Record<string, unknown>][] = [
    ['parse', { query: '{ feed(first: 1) { edges ' }],
    ['validation', { query: '{ fed }' }],
    ['variable coercion', { query: FEED_MUTATION, variables: { feed: { mode: 'SOMETIMES', items: [] } } }],
    ['a limit', { query: `{ ${Array.from({ length: 11 }, (_, i) => `f${i}: creators(first: 1) { edges { cursor } }`).join(' ')} }` }],
  ];

  it('answers a request that cannot run with 200 and its errors for application/json', async () => {
    for (const [what, body] of failing) {
      const answer = await send(body, 'application/json');
      expect(answer.status, what).toBe(200);
      expect(answer.body.data, what).toBeUndefined();
      expect(answer.body.errors?.length, what).toBeGreaterThan(0);
    }
  });

  it('keeps 4xx for application/graphql-response+json', async () => {
    for (const [what, body] of failing) expect((await send(body, 'application/graphql-response+json')).status, what).toBe(400);
  });
});

async function serveOnLoopback(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A gateway over the development graph's subgraphs, with some replaced, logging into `lines`. */
async function gatewayWith(subgraphUrls: Partial<RunningGraph['subgraphUrls']>, lines: Record<string, any>[] = []) {
  const keys = openKeyStore(':memory:');
  const logger = createLogger('gateway', { level: 'info', destination: { write: (line: string) => void lines.push(JSON.parse(line)) } });
  const gateway = createGateway({ config: development.config, keys, logger, subgraphUrls: { ...development.subgraphUrls, ...subgraphUrls } });
  await gateway.start();
  const server = await listen(gateway.handler, 0, '127.0.0.1');
  return {
    url: `${server.url}graphql`,
    async stop() {
      await server.close();
      await gateway.stop();
      keys.close();
    },
  };
}

const PROFILE = 'query ($id: ID!) { creator(id: $id) { handle topGifters(first: 1) { rank } } }';
const ask = async (url: string, requestId: string) => {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': requestId }, body: JSON.stringify({ query: PROFILE, variables: { id: creatorIds[0] } }) });
  return (await response.json()) as any;
};

describe('a subgraph that answers 4xx', () => {
  it('is not reported as unavailable: the client gets SUBREQUEST_HTTP_ERROR naming it, with the rest of the data', async () => {
    const notFound = await serveOnLoopback((_req, res) => res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found'));
    const gateway = await gatewayWith({ gifts: `${notFound}/graphql` });
    try {
      const body = await ask(gateway.url, 'four-oh-four');
      expect(body.data.creator.handle).toEqual(expect.any(String));
      expect(body.data.creator.topGifters).toBeNull();
      expect(body.errors).toHaveLength(1);
      expect(body.errors[0].extensions).toEqual({ code: 'SUBREQUEST_HTTP_ERROR', service: 'gifts', status: 404 });
      expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|Not Found/);
    } finally {
      await gateway.stop();
    }
  });
});

describe('failed subgraph fetches', () => {
  it('are logged with the request id, subgraph, outcome and duration, a few per interval, with a count of the rest', async () => {
    const lines: Record<string, any>[] = [];
    const downPort = await new Promise<number>((resolve) => {
      const probe = http.createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const gateway = await gatewayWith({ gifts: `http://127.0.0.1:${downPort}/graphql` }, lines);
    try {
      for (let i = 0; i < 12; i++) {
        const body = await ask(gateway.url, `outage-${i}`);
        expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', service: 'gifts' });
      }
    } finally {
      await gateway.stop();
    }
    const failed = lines.filter((line) => line.msg === 'subgraph fetch failed');
    expect(failed).toHaveLength(5);
    expect(failed.map((line) => line.requestId)).toEqual(['outage-0', 'outage-1', 'outage-2', 'outage-3', 'outage-4']);
    for (const line of failed) expect(line).toMatchObject({ level: 40, subgraph: 'gifts', outcome: 'unreachable', cause: 'ECONNREFUSED', durationMs: expect.any(Number) });
    expect(lines.find((line) => line.msg === 'subgraph fetch failures not logged one by one')).toMatchObject({ subgraph: 'gifts', suppressed: 7 });
  });
});

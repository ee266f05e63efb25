import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GraphQLError } from 'graphql';
import { Pool } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { NonceGuard, SIGNATURE_HEADER, verifyViewer, VIEWER_HEADER, type Viewer } from '@app/kit/viewer';
import type { GatewayContext } from './context.ts';
import { createGatewayMetrics } from './metrics.ts';
import { SubgraphDataSource, useSubgraphRequest } from './subgraph-fetch.ts';
import type { SubgraphFetchFailure } from './subgraph-failure-log.ts';

const secret = 'unit-secret-0123456789abcdef0123456789';
const servers: http.Server[] = [];
const pools: Pool[] = [];
afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await Promise.all(pools.map((pool) => pool.close()));
});

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A subgraph on loopback whose answer the test decides; it records what it received. */
async function subgraph(answer: (received: Received, res: http.ServerResponse) => void) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      answer(received.at(-1)!, res);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, received };
}

/** The URL of a loopback port nothing listens on: a subgraph that is down. */
async function downUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/graphql`;
}

const json = (status: number, body: unknown) => (_received: Received, res: http.ServerResponse) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

function poolFor(url: string) {
  const pool = new Pool(new URL(url).origin);
  pools.push(pool);
  return pool;
}

function dataSource(name: string, url: string, timeoutMs = 2_000) {
  const metrics = createGatewayMetrics();
  const failures: SubgraphFetchFailure[] = [];
  return { metrics, failures, source: new SubgraphDataSource({ name, url, secret, timeoutMs, pool: poolFor(url), metrics, onFailure: (failure) => failures.push(failure) }) };
}

const viewer: Viewer = { userId: 'usr_1', partnerId: null, keyId: null, scopes: [], country: 'US', requestId: 'req-1' };
/** One subgraph request as the gateway's plan executor makes it. */
const ask = (source: SubgraphDataSource, query = 'query Me__users__0 { me { id } }', who: Viewer = viewer) =>
  source.process({ kind: 'incoming operation', request: { query, variables: {} }, context: { viewer: who }, incomingRequestContext: {} } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>);
/** The error a subgraph request fails with. */
const failureOf = (source: SubgraphDataSource, query?: string) =>
  ask(source, query).then(
    () => {
      throw new Error('expected the subgraph request to fail');
    },
    (error: unknown) => error as GraphQLError,
  );

describe('a subgraph fetch', () => {
  it('carries the signed viewer and the request id, and is measured as ok', async () => {
    const users = await subgraph(json(200, { data: { me: { id: 'usr_1' } } }));
    const { source, metrics } = dataSource('users', users.url);
    const response = await ask(source);
    expect(response.data).toEqual({ me: { id: 'usr_1' } });
    const [{ headers, body }] = users.received as [Received];
    expect(headers['x-request-id']).toBe('req-1');
    const verified = await verifyViewer({ viewer: headers[VIEWER_HEADER] as string, signature: headers[SIGNATURE_HEADER] as string }, body, { secret, audience: 'users', nonces: new NonceGuard() });
    expect(verified).toMatchObject({ rejected: null, viewer: { userId: 'usr_1' } });
    expect(await metrics.registry.metrics()).toMatch(/subgraph_fetch_duration_seconds_count\{subgraph="users",outcome="ok"\} 1/);
  });

  it('for an anonymous caller goes unsigned, with the request id', async () => {
    const content = await subgraph(json(200, { data: { feed: [] } }));
    const { source } = dataSource('content', content.url);
    await ask(source, 'query Feed__content__0 { feed { id } }', { userId: null, partnerId: null, keyId: null, scopes: [], country: null, requestId: 'req-anon' });
    expect(content.received[0]!.headers).toMatchObject({ 'x-request-id': 'req-anon' });
    expect(content.received[0]!.headers[VIEWER_HEADER]).toBeUndefined();
    expect(content.received[0]!.headers[SIGNATURE_HEADER]).toBeUndefined();
  });

  it('to a subgraph that is down is SERVICE_UNAVAILABLE naming it, with no address or socket error', async () => {
    const { source, metrics } = dataSource('content', await downUrl());
    const error = await failureOf(source);
    expect(error.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', service: 'content' });
    expect(error.message).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|graphql/);
    expect(await metrics.registry.metrics()).toMatch(/subgraph_fetch_duration_seconds_count\{subgraph="content",outcome="unreachable"\} 1/);
  });

  it('to a subgraph that does not answer in time is cut off and says so', async () => {
    const hanging = await subgraph(() => undefined);
    const { source, metrics } = dataSource('gifts', hanging.url, 200);
    const error = await failureOf(source);
    expect(error.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', service: 'gifts' });
    expect(error.message).toMatch(/did not answer in time/);
    expect(await metrics.registry.metrics()).toMatch(/subgraph_fetch_duration_seconds_count\{subgraph="gifts",outcome="timeout"\} 1/);
  });

  it('to a failing subgraph is SERVICE_UNAVAILABLE, measured by its status', async () => {
    const failing = await subgraph(json(502, { message: 'bad gateway at 10.1.2.3' }));
    const { source, metrics } = dataSource('commerce', failing.url);
    const error = await failureOf(source);
    expect(error.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', service: 'commerce' });
    expect(error.message).not.toMatch(/10\.1\.2\.3/);
    expect(await metrics.registry.metrics()).toMatch(/subgraph_fetch_duration_seconds_count\{subgraph="commerce",outcome="http_502"\} 1/);
  });
});

describe('a subgraph that refuses a request (4xx)', () => {
  it('is never reported as down: 413 is PAYLOAD_TOO_LARGE, a coded GraphQL error passes on, anything else is SUBREQUEST_HTTP_ERROR', async () => {
    const cases: [number, unknown, Record<string, unknown>][] = [
      [413, { errors: [{ message: 'The request body is larger than 100 bytes.', extensions: { code: 'PAYLOAD_TOO_LARGE' } }] }, { code: 'PAYLOAD_TOO_LARGE', service: 'commerce' }],
      [400, { errors: [{ message: 'Variable "$at" got invalid value "soon".', extensions: { code: 'BAD_USER_INPUT' } }] }, { code: 'BAD_USER_INPUT', service: 'commerce' }],
      [404, 'no such path', { code: 'SUBREQUEST_HTTP_ERROR', service: 'commerce', status: 404 }],
      [429, { message: 'slow down' }, { code: 'SUBREQUEST_HTTP_ERROR', service: 'commerce', status: 429 }],
    ];
    for (const [status, body, extensions] of cases) {
      const commerce = await subgraph(typeof body === 'string' ? (_received, res) => res.writeHead(status, { 'content-type': 'text/plain' }).end(body) : json(status, body));
      const { source, failures } = dataSource('commerce', commerce.url);
      const error = await failureOf(source);
      expect(error.extensions, String(status)).toEqual(extensions);
      expect(failures, String(status)).toEqual([expect.objectContaining({ subgraph: 'commerce', outcome: `http_${status}`, requestId: 'req-1' })]);
    }
  });
});

describe('failed subgraph fetches', () => {
  it('are reported with the request id, the outcome, the duration and the socket\'s reason', async () => {
    const { source, failures } = dataSource('content', await downUrl());
    await failureOf(source);
    expect(failures).toEqual([{ subgraph: 'content', outcome: 'unreachable', durationMs: expect.any(Number), requestId: 'req-1', cause: 'ECONNREFUSED' }]);
    const users = await subgraph(json(200, { data: { me: { id: 'usr_1' } } }));
    const fine = dataSource('users', users.url);
    await ask(fine.source);
    expect(fine.failures).toEqual([]);
  });
});

describe('the subgraph request', () => {
  it('posts the body and headers as given to the subgraph\'s path and returns the status and text', async () => {
    const echo = await subgraph((received, res) => res.writeHead(201).end(received.body));
    const answer = await useSubgraphRequest({ name: 'users', url: echo.url, timeoutMs: 1_000, pool: poolFor(echo.url) })('hello', { 'x-test': 'yes' });
    expect(answer).toEqual({ status: 201, text: 'hello' });
    expect(echo.received[0]!.headers).toMatchObject({ 'x-test': 'yes', 'content-type': 'application/json' });
  });
});

describe('identical reads in flight', () => {
  it('are one subgraph request for one viewer, signed once, and every caller gets its own parsed copy', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const content = await subgraph((_received, res) => void gate.then(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"feed":[{"id":"v1"}]}}')));
    const { source } = dataSource('content', content.url);
    const reads = Array.from({ length: 4 }, (_, i) => ask(source, 'query Feed__content__0 { feed { id } }', { ...viewer, requestId: `req-${i}` }));
    const otherViewer = ask(source, 'query Feed__content__0 { feed { id } }', { ...viewer, userId: 'usr_2' });
    const writes = [ask(source, 'mutation Like__content__0 { like { id } }'), ask(source, 'mutation Like__content__0 { like { id } }')];
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    const answers = await Promise.all(reads);
    await Promise.all([otherViewer, ...writes]);
    // One shared read, one for the other viewer, one per write.
    expect(content.received).toHaveLength(4);
    expect(answers[0]).toEqual({ data: { feed: [{ id: 'v1' }] } });
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[1]).not.toBe(answers[0]);
  });
});

describe('a failed fetch completing entities', () => {
  it('is placed at the path of the entities it was to complete, up to the first list', async () => {
    const { source } = dataSource('gifts', await downUrl());
    const at = (pathInIncomingRequest: (string | number)[]) =>
      source
        .process({ kind: 'incoming operation', request: { query: 'query Q__gifts__1 { _entities { id } }', variables: {} }, context: { viewer }, incomingRequestContext: {}, pathInIncomingRequest } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>)
        .then(
          () => null,
          (error: GraphQLError) => error,
        );
    expect((await at(['liveStreamUpdates', 'stream']))?.path).toEqual(['liveStreamUpdates', 'stream']);
    expect((await at(['feed', 'edges', '@', 'node', 'creator']))?.path).toEqual(['feed', 'edges']);
    expect((await at(['feed', 'edges', '@', 'node', 'creator']))?.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', service: 'gifts' });
    expect((await at([]))?.path).toBeUndefined();
  });
});

describe('a subgraph answer that is not a GraphQL response', () => {
  it('is SERVICE_UNAVAILABLE naming the service, its body not passed on', async () => {
    const broken = await subgraph((_received, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>proxy at 10.0.0.1</html>'));
    const error = await failureOf(dataSource('users', broken.url).source);
    expect(error.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', service: 'users' });
    expect(error.message).not.toMatch(/10\.0\.0\.1/);
  });
});

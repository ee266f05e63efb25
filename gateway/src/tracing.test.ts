import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { Pool } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { inSpan, useTracerProvider, type Tracing } from '@app/kit/tracing';
import { useSubgraphRequest } from './subgraph-fetch.ts';

const servers: http.Server[] = [];
const pools: Pool[] = [];
let tracing: Tracing | undefined;
afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await Promise.all(pools.map((pool) => pool.close()));
  await tracing?.shutdown();
});

/** A subgraph on loopback answering `status` with a small body; it records the headers it received. */
async function subgraph(status: number) {
  const received: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received.push(req.headers);
      res.writeHead(status, { 'content-type': 'application/json' }).end('{"data":{"ok":true}}');
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  const pool = new Pool(new URL(url).origin);
  pools.push(pool);
  return { send: useSubgraphRequest({ name: 'users', url, timeoutMs: 2_000, pool }), received, port: (server.address() as AddressInfo).port };
}

const BODY = '{"query":"{ ok }"}';

describe("the gateway's subgraph requests in a trace", () => {
  it('sends no trace headers while tracing is off', async () => {
    const { send, received } = await subgraph(200);
    await send(BODY, {});
    expect(received[0]!.traceparent).toBeUndefined();
  });

  it('is a client span under the fetch that made it, whose context the subgraph receives, with its status and bytes', async () => {
    const exporter = new InMemorySpanExporter();
    tracing = useTracerProvider(new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
    const { send, received, port } = await subgraph(200);
    const answer = await inSpan('gateway.fetch', {}, () => send(BODY, { 'x-request-id': 'r1' }));
    expect(answer.status).toBe(200);
    const spans = exporter.getFinishedSpans();
    const fetchSpan = spans.find((span) => span.name === 'gateway.fetch')!;
    const request = spans.find((span) => span.name === 'subgraph users')!;
    expect(request.kind).toBe(SpanKind.CLIENT);
    expect(request.parentSpanContext?.spanId).toBe(fetchSpan.spanContext().spanId);
    expect(request.attributes).toEqual({
      'graphql.subgraph.name': 'users',
      'http.request.method': 'POST',
      'server.address': '127.0.0.1',
      'server.port': port,
      'url.path': '/graphql',
      'http.response.status_code': 200,
      'http.request.body.size': BODY.length,
      'http.response.body.size': '{"data":{"ok":true}}'.length,
      'subgraph.outcome': 'ok',
    });
    // The subgraph continues the trace from this very span.
    expect(received[0]!.traceparent).toBe(`00-${request.spanContext().traceId}-${request.spanContext().spanId}-01`);
    expect(received[0]!['x-request-id']).toBe('r1');
  });

  it('marks a subgraph that answered an error, and one that could not be reached', async () => {
    const exporter = new InMemorySpanExporter();
    await tracing?.shutdown();
    tracing = useTracerProvider(new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
    const failing = await subgraph(500);
    await failing.send(BODY, {});
    const [answered] = exporter.getFinishedSpans();
    expect(answered!.status.code).toBe(SpanStatusCode.ERROR);
    expect(answered!.attributes).toMatchObject({ 'http.response.status_code': 500, 'subgraph.outcome': 'http_500' });

    exporter.reset();
    const down = await subgraph(200);
    servers.pop()!.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(down.send(BODY, {})).rejects.toThrow('unreachable');
    const [unreached] = exporter.getFinishedSpans();
    expect(unreached!.status.code).toBe(SpanStatusCode.ERROR);
    expect(unreached!.attributes['subgraph.outcome']).toBe('unreachable');
  });
});

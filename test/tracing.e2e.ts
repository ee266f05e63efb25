/**
 * Traces across the graph: the five services run as processes with `OTEL_EXPORTER_OTLP_ENDPOINT`
 * pointing at a real OTLP/HTTP receiver here (a node:http server decoding the exporter's JSON), and
 * one request that carries a client's `traceparent` comes back as one trace: the gateway's
 * operation, its plan and fetches, each subgraph's operation, root fields and SQL, each span under
 * the one that caused it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveStreamCreatorId, liveStreamIds, userIds } from '@app/fixtures/world';
import { buyCoins, sendGift } from './live-api.ts';
import { subscribeOverSse } from './live-clients.ts';
import { testPostgresUrl } from './postgres.ts';
import { startProcesses, type RunningProcesses } from './processes.ts';

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
  doubleValue?: number;
  arrayValue?: { values?: OtlpValue[] };
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: { key: string; value: OtlpValue }[];
}
interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId: string | undefined;
  name: string;
  attributes: Record<string, unknown>;
}

const valueOf = (value: OtlpValue): unknown =>
  value.stringValue ?? (value.intValue !== undefined ? Number(value.intValue) : undefined) ?? value.boolValue ?? value.doubleValue ?? value.arrayValue?.values?.map(valueOf);

/** An OTLP/HTTP receiver for traces in JSON (what `@opentelemetry/exporter-trace-otlp-http` sends). */
async function startReceiver() {
  const spans: ReceivedSpan[] = [];
  const contentTypes = new Set<string>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/traces') {
        res.writeHead(404).end();
        return;
      }
      contentTypes.add(String(req.headers['content-type']));
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        resourceSpans: { resource: { attributes: { key: string; value: OtlpValue }[] }; scopeSpans: { spans: OtlpSpan[] }[] }[];
      };
      for (const { resource, scopeSpans } of body.resourceSpans) {
        const service = String(valueOf(resource.attributes.find((attribute) => attribute.key === 'service.name')!.value));
        for (const { spans: exported } of scopeSpans) {
          for (const span of exported) {
            spans.push({
              service,
              traceId: span.traceId,
              spanId: span.spanId,
              parentSpanId: span.parentSpanId || undefined,
              name: span.name,
              attributes: Object.fromEntries((span.attributes ?? []).map(({ key, value }) => [key, valueOf(value)])),
            });
          }
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans,
    contentTypes,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/** The spans of one trace, once `until` holds of them (exporters batch: they arrive within a second or so). */
async function traceOf(receiver: Receiver, traceId: string, until: (spans: ReceivedSpan[]) => boolean): Promise<ReceivedSpan[]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const spans = receiver.spans.filter((span) => span.traceId === traceId);
    if (until(spans)) return spans;
    if (Date.now() > deadline) throw new Error(`trace ${traceId} incomplete: ${JSON.stringify(spans.map((span) => `${span.service}: ${span.name}`))}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const randomHex = (bytes: number) => Buffer.from(crypto.getRandomValues(new Uint8Array(bytes))).toString('hex');

describe('traces across the gateway and the subgraphs (OTLP/HTTP)', () => {
  let receiver: Receiver;
  let graph: RunningProcesses;
  const saved: Record<string, string | undefined> = {};
  const env = { OTEL_EXPORTER_OTLP_ENDPOINT: '', OTEL_BSP_SCHEDULE_DELAY: '100', OTEL_SERVICE_NAME: undefined as string | undefined };

  beforeAll(async () => {
    receiver = await startReceiver();
    env.OTEL_EXPORTER_OTLP_ENDPOINT = receiver.url;
    // The processes inherit this environment; each names itself (no OTEL_SERVICE_NAME).
    for (const [name, value] of Object.entries(env)) {
      saved[name] = process.env[name];
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    graph = await startProcesses();
  });

  afterAll(async () => {
    await graph?.stop();
    await receiver?.close();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  const FEED = 'query TracedFeed($first: Int!) { feed(first: $first) { edges { node { id caption creator { handle } } } } }';

  it("joins a client's trace: gateway operation, plan and fetches, then each subgraph's operation, root fields and SQL, each under its cause", async () => {
    const traceId = randomHex(16);
    const clientSpan = randomHex(8);
    const { status, body } = await graph.query(FEED, { first: 2 }, { traceparent: `00-${traceId}-${clientSpan}-01` });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.feed.edges).toHaveLength(2);

    const spans = await traceOf(receiver, traceId, (got) => got.some((span) => span.service === 'users' && span.name.startsWith('sql ')) && got.some((span) => span.service === 'content' && span.name.startsWith('sql ')) && got.some((span) => span.name === 'query TracedFeed'));
    const byId = new Map(spans.map((span) => [span.spanId, span]));
    const parentOf = (span: ReceivedSpan) => (span.parentSpanId ? byId.get(span.parentSpanId) : undefined);
    const one = (service: string, name: string) => {
      const found = spans.filter((span) => span.service === service && span.name === name);
      expect(found, `${service}: ${name} in ${JSON.stringify(spans.map((span) => `${span.service}: ${span.name}`))}`).not.toHaveLength(0);
      return found[0]!;
    };

    // The gateway's operation continues the client's span.
    const operation = one('gateway', 'query TracedFeed');
    expect(operation.parentSpanId).toBe(clientSpan);
    expect(operation.attributes).toMatchObject({ 'graphql.operation.type': 'query', 'graphql.operation.name': 'TracedFeed', 'http.response.status_code': 200 });
    expect(operation.attributes['graphql.document.hash']).toMatch(/^[0-9a-f]{64}$/);
    // @apollo/gateway's own spans are in the same trace: the request, its plan and each fetch of it.
    const request = one('gateway', 'gateway.request');
    expect(parentOf(request)).toBe(operation);
    const plan = one('gateway', 'gateway.plan');
    expect(parentOf(plan)).toBe(request);

    // Each subgraph request is a client span under a fetch of the plan, and the subgraph's operation is under it.
    for (const subgraph of ['content', 'users']) {
      const fetch = one('gateway', `subgraph ${subgraph}`);
      expect(fetch.attributes).toMatchObject({ 'graphql.subgraph.name': subgraph, 'http.response.status_code': 200, 'subgraph.outcome': 'ok' });
      expect(fetch.attributes['http.request.body.size']).toBeGreaterThan(0);
      expect(fetch.attributes['http.response.body.size']).toBeGreaterThan(0);
      expect(parentOf(fetch)?.name).toBe('gateway.fetch');
      const served = spans.find((span) => span.service === subgraph && span.parentSpanId === fetch.spanId);
      expect(served, `${subgraph}'s operation under the gateway's fetch`).toBeDefined();
      expect(served!.name).toMatch(/^query/);
      expect(served!.attributes['graphql.document.hash']).toMatch(/^[0-9a-f]{64}$/);
      // Root fields only, under the operation; SQL under them, named by the store's contract.
      const fields = spans.filter((span) => span.service === subgraph && span.name.startsWith('resolve '));
      expect(fields.length).toBeGreaterThan(0);
      for (const field of fields) expect(['Query', 'Mutation']).toContain(field.attributes['graphql.field.parent']);
      const statements = spans.filter((span) => span.service === subgraph && span.name.startsWith('sql '));
      expect(statements.length).toBeGreaterThan(0);
      for (const statement of statements) {
        expect(statement.name).toMatch(/^sql [a-zA-Z]+$/);
        expect(statement.attributes['db.operation.name']).toBe(statement.name.slice(4));
        expect(statement.attributes['db.system.name']).toBe(testPostgresUrl ? 'postgresql' : 'sqlite');
        // Under a root field, which is under this subgraph's operation (loaders may batch a few levels down).
        let up = parentOf(statement);
        while (up && !up.name.startsWith('resolve ')) up = parentOf(up);
        expect(up, `${statement.name} under a root field`).toBeDefined();
        expect(up!.service).toBe(subgraph);
      }
    }
    const contentField = one('content', 'resolve Query.feed');
    expect(parentOf(contentField)?.service).toBe('content');
    const usersField = one('users', 'resolve Query._entities');
    expect(parentOf(usersField)?.service).toBe('users');

    // Nothing of what the client sent but the operation's name and shape: no variables, no SQL.
    const said = JSON.stringify(spans.map((span) => span.attributes));
    expect(said).not.toMatch(/select |insert |"first"/i);
    expect([...receiver.contentTypes]).toEqual(['application/json']);
  });

  it('shows the caches at work: a repeated operation is a response-cache hit, an entity-cache lookup says what it found', async () => {
    const first = randomHex(16);
    await graph.query(FEED, { first: 3 }, { traceparent: `00-${first}-${randomHex(8)}-01` });
    const looked = await traceOf(receiver, first, (got) => got.some((span) => span.name === 'response_cache.lookup') && got.some((span) => span.name === 'entity_cache.lookup'));
    expect(looked.find((span) => span.name === 'response_cache.lookup')!.attributes).toMatchObject({ 'cache.hit': false, 'cache.outcome': 'miss' });
    const lookup = looked.find((span) => span.name === 'entity_cache.lookup')!;
    expect(lookup.attributes).toMatchObject({ 'graphql.subgraph.name': expect.any(String), 'cache.kind': expect.stringMatching(/^(root|entity)$/) });
    expect(Number(lookup.attributes['cache.hits']) + Number(lookup.attributes['cache.misses'])).toBeGreaterThan(0);

    const again = randomHex(16);
    await graph.query(FEED, { first: 3 }, { traceparent: `00-${again}-${randomHex(8)}-01` });
    const hit = await traceOf(receiver, again, (got) => got.some((span) => span.name === 'response_cache.lookup') && got.some((span) => span.name.startsWith('query ')));
    expect(hit.find((span) => span.name === 'response_cache.lookup')!.attributes).toMatchObject({ 'cache.hit': true });
    // Answered from kept bytes: named all the same, and no subgraph was asked.
    expect(hit.find((span) => span.service === 'gateway' && span.name === 'query TracedFeed')).toBeDefined();
    expect(hit.filter((span) => span.service !== 'gateway')).toEqual([]);
  });

  it('gives each LIVE event delivered a trace of its own, with the fetches that completed it under it', async () => {
    const stream = liveStreamIds[0]!;
    const sender = userIds.find((id) => id !== liveStreamCreatorId(0))!;
    await buyCoins(graph, sender);
    const received = subscribeOverSse(graph.url, 'subscription TracedGifts($id: ID!) { liveGiftEvents(liveStreamId: $id) { id send { id sender { handle } } } }', { id: stream });
    try {
      // The subscription is listening once a send reaches it.
      for (let tries = 0; received.results.length === 0 && tries < 20; tries++) {
        await sendGift(graph, sender, stream, 'Rose');
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
      expect(received.results.length).toBeGreaterThan(0);
      const eventId = String(received.results[0].data.liveGiftEvents.id);
      let event: ReceivedSpan | undefined;
      const deadline = Date.now() + 15_000;
      while (!(event = receiver.spans.find((span) => span.name === 'live.event' && span.attributes['live.event.id'] === eventId)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(event, 'a live.event span for the first event').toBeDefined();
      expect(event!.service).toBe('gateway');
      expect(event!.parentSpanId).toBeUndefined();
      expect(event!.attributes).toMatchObject({ 'graphql.subgraph.name': 'gifts', 'graphql.subscription.field': 'liveGiftEvents', 'graphql.operation.name': 'TracedGifts', 'live.clients': 1 });
      // The sender's handle is completed from users, in the event's trace.
      const spans = await traceOf(receiver, event!.traceId, (got) => got.some((span) => span.service === 'users' && span.name.startsWith('resolve ')));
      const usersRequest = spans.find((span) => span.name === 'subgraph users')!;
      expect(spans.find((span) => span.service === 'users' && span.parentSpanId === usersRequest.spanId)).toBeDefined();
    } finally {
      received.stop();
    }
  });
});

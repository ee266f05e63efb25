import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-node';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteEngine } from './db/engine.ts';
import { nonceStatements } from './db/kit-statements.ts';
import { kitTables } from './db/kit-tables.ts';
import { defineTables } from './db/tables.ts';
import { graphQLHandler, listen, type RunningHttpServer } from './http.ts';
import { LiveEventBus } from './live.ts';
import { createLogger } from './log.ts';
import { SqliteConnection, sqliteStore } from './store.ts';
import { createSubgraphServer, subgraphSchema, type SubgraphContext } from './subgraph.ts';
import { changeRecorder } from './changes.ts';
import { anonymousViewer } from './viewer.ts';
import { injectTraceHeaders, inSpan, tracedStatements, tracedTransactions, traceRootFields, tracingOn, tracingWanted, useTracerProvider, type Tracing } from './tracing.ts';

const tables = defineTables(kitTables);

/** A store over a real SQLite database: the kit's nonce statements, made the way `openSqliteStore` makes them. */
function nonceStore() {
  const sqlite = new Database(':memory:');
  const db = drizzle(sqlite);
  db.run(sql`create table used_nonces (nonce text primary key not null, expires_at integer not null)`);
  const connection = new SqliteConnection(sqlite, db);
  const statements = tracedStatements(nonceStatements, 'sqlite')(sqliteEngine(connection, tables.sqlite, new LiveEventBus()));
  return { store: tracedTransactions(sqliteStore(connection, statements), 'sqlite'), sqlite };
}

describe('tracing off (no OTLP endpoint)', () => {
  it('is wanted only when an OTLP endpoint is set and the SDK is not disabled', () => {
    expect(tracingWanted({})).toBe(false);
    expect(tracingWanted({ OTEL_SERVICE_NAME: 'x' })).toBe(false);
    expect(tracingWanted({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' })).toBe(true);
    expect(tracingWanted({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://127.0.0.1:4318/v1/traces' })).toBe(true);
    expect(tracingWanted({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', OTEL_SDK_DISABLED: 'true' })).toBe(false);
    expect(tracingWanted({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', OTEL_TRACES_EXPORTER: 'none' })).toBe(false);
  });

  it('leaves statements, resolvers and headers as they are', async () => {
    expect(tracingOn()).toBe(false);
    expect(tracedStatements(nonceStatements, 'sqlite')).toBe(nonceStatements);
    const schema = subgraphSchema({ name: 'off', typeDefs: 'type Query { hello: String }', resolvers: { Query: { hello: () => 'hi' } } });
    const resolve = schema.getQueryType()!.getFields().hello!.resolve;
    expect(traceRootFields(schema).getQueryType()!.getFields().hello!.resolve).toBe(resolve);
    const headers: Record<string, string> = {};
    injectTraceHeaders(headers);
    expect(headers).toEqual({});
    expect(inSpan('x', {}, (span) => span)).toBeUndefined();
    const { store, sqlite } = nonceStore();
    expect(tracedTransactions(store, 'sqlite')).toBe(store);
    sqlite.close();
  });
});

describe('tracing on, with an in-memory exporter', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: Tracing;
  let http: RunningHttpServer;
  // Made after tracing is on, as a process does.
  let opened: ReturnType<typeof nonceStore>;

  beforeAll(async () => {
    tracing = useTracerProvider(new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
    opened = nonceStore();
    const definition = {
      name: 'traced',
      typeDefs: `
        extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
        type Query { offer(nonce: String!): Boolean! profile: Profile }
        type Profile { name: String! seen: Boolean! }
      `,
      resolvers: {
        Query: {
          offer: (_: unknown, { nonce }: { nonce: string }) => opened.store.acceptNonce(nonce, Date.now() + 60_000, Date.now()),
          profile: () => ({ name: 'maya' }),
        },
        Profile: { seen: () => opened.store.acceptNonce(`seen-${Math.random()}`, Date.now() + 60_000, Date.now()) },
      },
    };
    const logger = createLogger('traced');
    logger.level = 'silent';
    const schema = subgraphSchema<SubgraphContext>(definition);
    const server = createSubgraphServer<SubgraphContext>(definition, logger, undefined, schema);
    await server.start();
    http = await listen(graphQLHandler<SubgraphContext>({ server, context: () => ({ viewer: anonymousViewer(), changed: changeRecorder() }), logger }), 0, '127.0.0.1');
  });

  afterAll(async () => {
    await http?.close();
    opened?.sqlite.close();
    await tracing?.shutdown();
    expect(tracingOn()).toBe(false);
  });

  const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
  const CALLER_SPAN = '00f067aa0ba902b7';

  async function post(body: unknown, headers: Record<string, string> = {}) {
    exporter.reset();
    const response = await fetch(http.url + 'graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const json = (await response.json()) as { data?: unknown; errors?: unknown[] };
    return { json, spans: exporter.getFinishedSpans() };
  }
  const named = (spans: ReadableSpan[], name: string) => spans.filter((span) => span.name === name);
  const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

  it("continues the caller's trace: the operation's span, a span per root field under it, the SQL under the field", async () => {
    const { json, spans } = await post(
      { query: 'query Offer($nonce: String!) { offer(nonce: $nonce) }', variables: { nonce: 'secret-nonce-value' }, operationName: 'Offer' },
      { traceparent: `00-${TRACE_ID}-${CALLER_SPAN}-01`, authorization: 'Bearer very-secret-token' },
    );
    expect(json).toEqual({ data: { offer: true } });
    const [operation] = named(spans, 'query Offer');
    expect(operation).toBeDefined();
    expect(operation!.kind).toBe(SpanKind.SERVER);
    expect(operation!.spanContext().traceId).toBe(TRACE_ID);
    expect(parentOf(operation!)).toBe(CALLER_SPAN);
    expect(operation!.attributes).toMatchObject({ 'graphql.operation.type': 'query', 'graphql.operation.name': 'Offer', 'http.response.status_code': 200 });
    expect(operation!.attributes['graphql.document.hash']).toMatch(/^[0-9a-f]{64}$/);

    const [field] = named(spans, 'resolve Query.offer');
    expect(parentOf(field!)).toBe(operation!.spanContext().spanId);
    const [statement] = named(spans, 'sql acceptNonce');
    expect(statement).toBeDefined();
    expect(statement!.kind).toBe(SpanKind.CLIENT);
    expect(parentOf(statement!)).toBe(field!.spanContext().spanId);
    expect(statement!.attributes).toEqual({ 'db.system.name': 'sqlite', 'db.operation.name': 'acceptNonce' });
    for (const span of spans) expect(span.spanContext().traceId).toBe(TRACE_ID);
    // Never the variables, the token or the SQL.
    const said = JSON.stringify(spans.map((span) => [span.name, span.attributes, span.events]));
    expect(said).not.toContain('secret-nonce-value');
    expect(said).not.toContain('very-secret-token');
    expect(said.toLowerCase()).not.toContain('insert');
  });

  it('gives root fields a span and nested fields none; their statements sit under the root field', async () => {
    const { spans } = await post({ query: '{ profile { name seen } }' });
    const [operation] = named(spans, 'query');
    const [field] = named(spans, 'resolve Query.profile');
    expect(parentOf(field!)).toBe(operation!.spanContext().spanId);
    expect(spans.filter((span) => span.name.startsWith('resolve '))).toHaveLength(1);
    // A new trace when the caller sends none.
    expect(parentOf(operation!)).toBeUndefined();
    // `seen` runs after `profile` resolved: its statement is the request's, under the operation.
    const [statement] = named(spans, 'sql acceptNonce');
    expect(statement!.spanContext().traceId).toBe(operation!.spanContext().traceId);
  });

  it('marks a failed request and says its error codes', async () => {
    const { spans } = await post({ query: '{ nothing }' });
    const [operation] = spans.filter((span) => span.kind === SpanKind.SERVER);
    expect(operation!.attributes['graphql.errors.codes']).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('records nothing for a statement run outside traced work (the seed, a reconcile)', async () => {
    exporter.reset();
    expect(await opened.store.acceptNonce('outside', Date.now() + 60_000, Date.now())).toBe(true);
    expect(exporter.getFinishedSpans()).toEqual([]);
  });

  it("puts a transaction's statements under its span, with how many times its body ran", async () => {
    exporter.reset();
    await inSpan('request', {}, () => opened.store.transaction(async (tx) => tx.acceptNonce('in-a-transaction', Date.now() + 60_000, Date.now())));
    const spans = exporter.getFinishedSpans();
    const [request] = named(spans, 'request');
    const [transaction] = named(spans, 'sql transaction');
    const [statement] = named(spans, 'sql acceptNonce');
    expect(parentOf(transaction!)).toBe(request!.spanContext().spanId);
    expect(parentOf(statement!)).toBe(transaction!.spanContext().spanId);
    expect(transaction!.attributes).toEqual({ 'db.system.name': 'sqlite', 'db.operation.name': 'transaction', 'db.transaction.attempts': 1 });
  });

  it('passes the active trace on in the W3C header and marks a failed step', async () => {
    const headers: Record<string, string> = {};
    let traceId = '';
    await expect(
      inSpan('outer', {}, async (span) => {
        traceId = span!.spanContext().traceId;
        injectTraceHeaders(headers);
        throw new Error('it broke');
      }),
    ).rejects.toThrow('it broke');
    expect(headers.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    const [outer] = named(exporter.getFinishedSpans(), 'outer');
    expect(outer!.status.code).toBe(SpanStatusCode.ERROR);
  });

  it('does not trace health polls, nor event streams (each lasts as long as its subscription)', async () => {
    exporter.reset();
    await fetch(http.url + 'health');
    await fetch(http.url + 'graphql', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/event-stream' }, body: JSON.stringify({ query: '{ profile { name } }' }) });
    expect(exporter.getFinishedSpans()).toEqual([]);
  });
});

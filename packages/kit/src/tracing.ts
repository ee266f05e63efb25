/**
 * OpenTelemetry tracing, once for every service: off unless the standard OTEL_* variables ask for
 * an exporter, and then the SDK is loaded (dynamically: a process that does not trace never loads
 * it), registered globally with W3C trace-context propagation, and every hook below records.
 *
 * Off, each hook is one boolean test and runs what it wraps as it is: the API's no-op tracer is
 * not even asked for a span. `@apollo/gateway`'s own spans (`gateway.request`, `gateway.plan`,
 * `gateway.fetch`, ...) go through the same global API, so they join the same traces.
 */
import type http from 'node:http';
import { createRequire } from 'node:module';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { context, propagation, SpanKind, SpanStatusCode, trace, type Attributes, type Span, type SpanOptions } from '@opentelemetry/api';
import type * as SdkResources from '@opentelemetry/resources';
import { defaultFieldResolver, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import type { TransactionOptions } from './store.ts';

// Asked for again whenever a provider is registered (a stopped one's tracer records nowhere).
let tracer = trace.getTracer('@app/kit');
let on = false;

/** Whether spans are recorded in this process (set once at start, or by a test). */
export function tracingOn(): boolean {
  return on;
}

/**
 * Whether the environment asks for traces: an OTLP endpoint (`OTEL_EXPORTER_OTLP_ENDPOINT` or
 * its traces-only form), unless `OTEL_SDK_DISABLED=true` or `OTEL_TRACES_EXPORTER=none`.
 */
export function tracingWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return false;
  if (env.OTEL_TRACES_EXPORTER?.trim().toLowerCase() === 'none') return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim());
}

/** What a provider must offer to be used here: the SDK's `NodeTracerProvider` (or a test's). */
export interface TracerProviderLike {
  register(): void;
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

export interface Tracing {
  /** Exports what is still buffered and stops: call once, when the process stops. */
  shutdown(): Promise<void>;
}

/**
 * Registers a provider as the process's tracer provider, with the AsyncLocalStorage context
 * manager and the W3C `traceparent`/`tracestate` propagator (`NodeTracerProvider.register()`),
 * and turns every hook on. Tests pass a provider with an in-memory exporter.
 */
export function useTracerProvider(provider: TracerProviderLike): Tracing {
  provider.register();
  tracer = trace.getTracer('@app/kit');
  on = true;
  return {
    shutdown: async () => {
      on = false;
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

/**
 * Starts tracing for a service when the environment asks for it (`tracingWanted`), else does
 * nothing and loads nothing. The exporter is OTLP over HTTP (JSON) and reads the standard
 * variables itself (`OTEL_EXPORTER_OTLP_ENDPOINT`, `_HEADERS`, `_TIMEOUT`, their `TRACES_` forms);
 * the sampler is the SDK's from `OTEL_TRACES_SAMPLER`/`_ARG` (parent-based, always on, by
 * default); spans are batched (`OTEL_BSP_*`). The service is named `service` unless
 * `OTEL_SERVICE_NAME` or `OTEL_RESOURCE_ATTRIBUTES` says otherwise.
 */
export async function startTracing(service: string, env: NodeJS.ProcessEnv = process.env): Promise<Tracing | undefined> {
  if (!tracingWanted(env)) return undefined;
  const [{ NodeTracerProvider, BatchSpanProcessor }, { OTLPTraceExporter }] = await Promise.all([import('@opentelemetry/sdk-trace-node'), import('@opentelemetry/exporter-trace-otlp-http')]);
  // The resources module the SDK itself uses: @apollo/gateway keeps an older major at the top of
  // node_modules, where a bundled service would otherwise find it.
  const sdkRequire = createRequire(createRequire(import.meta.url).resolve('@opentelemetry/sdk-trace-node'));
  const { resourceFromAttributes, detectResources, envDetector } = sdkRequire('@opentelemetry/resources') as typeof SdkResources;
  // The environment's attributes win over the name the service gives itself.
  const resource = resourceFromAttributes({ 'service.name': service }).merge(detectResources({ detectors: [envDetector] }));
  const provider = new NodeTracerProvider({ resource, spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())] });
  return useTracerProvider(provider);
}

function ended<T>(span: Span, result: T): T {
  if (result && typeof (result as { then?: unknown }).then === 'function') {
    return (result as unknown as Promise<unknown>).then(
      (value) => {
        span.end();
        return value;
      },
      (error: unknown) => {
        failed(span, error);
        span.end();
        throw error;
      },
    ) as T;
  }
  span.end();
  return result;
}

function failed(span: Span, error: unknown): void {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : undefined });
}

/**
 * Runs `run` inside a new span (the active one while it runs, ended when it settles, marked as
 * failed when it throws or rejects); when tracing is off, just runs it.
 */
export function inSpan<T>(name: string, options: SpanOptions, run: (span?: Span) => T): T {
  if (!on) return run();
  return tracer.startActiveSpan(name, options, (span) => {
    try {
      return ended(span, run(span));
    } catch (error) {
      failed(span, error);
      span.end();
      throw error;
    }
  });
}

/** A span the caller ends (a step whose start and end are in different places); none when off. */
export function startSpan(name: string, attributes?: Attributes): Span | undefined {
  return on ? tracer.startSpan(name, { attributes }) : undefined;
}

/** Adds the active trace's `traceparent` (and `tracestate`) to an outgoing request's headers. */
export function injectTraceHeaders(headers: Record<string, string>): void {
  if (on) propagation.inject(context.active(), headers);
}

/**
 * Whether a request is one GraphQL operation to trace: on the paths `graphQLHandler` serves (not a
 * health or metrics poll), and not an event stream, which lasts as long as its subscription (each
 * LIVE event is traced on its own at the gateway).
 */
function isTracedRequest(req: http.IncomingMessage): boolean {
  if (req.method === 'OPTIONS' || (req.headers.accept ?? '').includes('text/event-stream')) return false;
  const path = (req.url ?? '/').split('?')[0];
  return path === '/' || path === '/graphql';
}

/**
 * Serves a GraphQL request inside a server span that continues the caller's trace (its
 * `traceparent`): the span is named by the operation once it is known (`tracingPlugin`).
 */
export function tracedRequests(handler: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>): http.RequestListener {
  return (req, res) => {
    if (!on || !isTracedRequest(req)) return handler(req, res);
    const parent = propagation.extract(context.active(), req.headers);
    const span = tracer.startSpan(
      'graphql',
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method ?? 'GET', 'url.path': (req.url ?? '/').split('?')[0] } },
      parent,
    );
    return context.with(trace.setSpan(parent, span), async () => {
      try {
        await handler(req, res);
      } catch (error) {
        failed(span, error);
        throw error;
      } finally {
        span.setAttribute('http.response.status_code', res.statusCode);
        if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      }
    });
  };
}

/**
 * Names the request's span by its operation (`query ProfilePage`) and says what it was: type,
 * name and the document's hash, never its variables or the caller's credentials; a response with
 * errors says how many and their codes. Without an active span (tracing off), it does nothing.
 */
export function tracingPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      const span = on ? trace.getActiveSpan() : undefined;
      if (!span) return;
      return {
        async didResolveOperation({ operation, operationName, queryHash }) {
          const type = operation?.operation ?? 'query';
          span.updateName(operationName ? `${type} ${operationName}` : type);
          span.setAttributes({ 'graphql.operation.type': type, 'graphql.document.hash': queryHash, ...(operationName ? { 'graphql.operation.name': operationName } : {}) });
        },
        async willSendResponse({ errors }) {
          if (!errors?.length) return;
          span.setAttributes({ 'graphql.errors.count': errors.length, 'graphql.errors.codes': [...new Set(errors.map((error) => String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR')))] });
        },
      };
    },
  };
}

/**
 * Gives every root field of queries and mutations (`Query._entities` included) a span around its
 * resolver, so what it runs (SQL, peers) is seen under it; other fields get none. Mutates and
 * returns the schema; off, returns it untouched.
 */
export function traceRootFields<TSchema extends GraphQLSchema>(schema: TSchema): TSchema {
  if (!on) return schema;
  for (const type of [schema.getQueryType(), schema.getMutationType()]) {
    if (!type || !isObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
      const name = `resolve ${type.name}.${field.name}`;
      const attributes = { 'graphql.field.parent': type.name, 'graphql.field.name': field.name };
      // Only within a traced request (not under an event stream's subscription, say).
      field.resolve = (source, args, ctx, info) => (trace.getActiveSpan() ? inSpan(name, { attributes }, () => resolve(source, args, ctx, info)) : resolve(source, args, ctx, info));
    }
  }
  return schema;
}

/**
 * A store's statements, each run in a span named after it in the store's contract (`sql
 * followersOf`), never its SQL or values. Off, the statements are returned as they are.
 */
export function tracedStatements<A extends unknown[], S extends object>(statements: (...args: A) => S, system: 'sqlite' | 'postgresql'): (...args: A) => S {
  if (!on) return statements;
  return (...args) => {
    const made = statements(...args) as Record<string, unknown>;
    const traced: Record<string, unknown> = {};
    for (const [name, statement] of Object.entries(made)) {
      if (typeof statement !== 'function') {
        traced[name] = statement;
        continue;
      }
      const call = statement as (...params: unknown[]) => unknown;
      const options: SpanOptions = { kind: SpanKind.CLIENT, attributes: { 'db.system.name': system, 'db.operation.name': name } };
      // A statement outside any traced work (the seed, a reconcile) records nothing.
      traced[name] = (...params: unknown[]) => (trace.getActiveSpan() ? inSpan(`sql ${name}`, options, () => call(...params)) : call(...params));
    }
    return traced as S;
  };
}

/**
 * A store whose `transaction` runs in a span (`sql transaction`) over its statements' spans, saying
 * how many times its body ran (`db.transaction.attempts`: Postgres runs it again after a
 * serialization failure). Off, or outside a traced request, the store's own.
 */
export function tracedTransactions<S extends { transaction: (body: never) => Promise<unknown> }>(store: S, system: 'sqlite' | 'postgresql'): S {
  if (!on) return store;
  const transaction = store.transaction as unknown as (body: (tx: unknown) => Promise<unknown>, isolation?: TransactionOptions) => Promise<unknown>;
  const options: SpanOptions = { kind: SpanKind.CLIENT, attributes: { 'db.system.name': system, 'db.operation.name': 'transaction' } };
  const traced = (body: (tx: unknown) => Promise<unknown>, isolation?: TransactionOptions) => {
    if (!trace.getActiveSpan()) return transaction(body, isolation);
    return inSpan('sql transaction', options, (span) => {
      let attempts = 0;
      return transaction((tx) => {
        span?.setAttribute('db.transaction.attempts', ++attempts);
        return body(tx);
      }, isolation);
    });
  };
  return { ...store, transaction: traced };
}

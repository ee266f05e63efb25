/**
 * The gateway's spans, besides those `@apollo/gateway` makes itself (`gateway.request`,
 * `gateway.validate`, `gateway.plan` when a plan is built, `gateway.execute`, `gateway.fetch` per
 * fetch of the plan, `gateway.postprocessing`): the request's own span and its naming come from
 * the kit (`@app/kit/tracing`); here are the names and attributes of what only the gateway does.
 * Every helper costs one test when tracing is off (`startSpan` answers undefined).
 */
import { SpanKind, SpanStatusCode, trace, type Span, type SpanOptions } from '@opentelemetry/api';
import { Kind } from 'graphql';
import { startSpan } from '@app/kit/tracing';
import type { SubscriptionPlan } from './subscriptions/plan.ts';

/** One request to a subgraph: `subgraph users`, a client span whose context the subgraph continues. */
export function subgraphFetchSpan(subgraph: string, url: string): { name: string; options: SpanOptions } {
  const { hostname, port, pathname } = new URL(url);
  return {
    name: `subgraph ${subgraph}`,
    options: {
      kind: SpanKind.CLIENT,
      attributes: { 'graphql.subgraph.name': subgraph, 'http.request.method': 'POST', 'server.address': hostname, ...(port ? { 'server.port': Number(port) } : {}), 'url.path': pathname },
    },
  };
}

/** What the subgraph answered: its status and how many bytes went each way. */
export function fetched(span: Span, status: number, body: string, text: string): void {
  span.setAttributes({ 'http.response.status_code': status, 'http.request.body.size': Buffer.byteLength(body), 'http.response.body.size': Buffer.byteLength(text) });
  if (status >= 400) span.setStatus({ code: SpanStatusCode.ERROR, message: `HTTP ${status}` });
}

/** A lookup in the entity cache before a subgraph fetch: how many of its keys were there. */
export function entityCacheLookupSpan(subgraph: string, kind: 'root' | 'entity', keys: number): Span | undefined {
  return startSpan('entity_cache.lookup', { 'graphql.subgraph.name': subgraph, 'cache.kind': kind, 'cache.keys': keys });
}

/** Ends an entity-cache lookup's span with its hits and misses (`cache.hit` when nothing is fetched). */
export function entityCacheLooked(span: Span | undefined, hits: number, misses: number): void {
  if (!span) return;
  span.setAttributes({ 'cache.hits': hits, 'cache.misses': misses, 'cache.hit': misses === 0 });
  span.end();
}

/** A lookup of a whole response, before anything is parsed or planned. */
export function responseCacheLookupSpan(): Span | undefined {
  return startSpan('response_cache.lookup');
}

/** Ends a response-cache lookup's span: a hit answers the request, a miss runs it. */
export function responseCacheLooked(span: Span | undefined, outcome: 'hit' | 'miss' | 'error', operationName?: string): void {
  if (!span) return;
  span.setAttributes({ 'cache.hit': outcome === 'hit', 'cache.outcome': outcome });
  span.end();
  // A hit is not run, so nothing else names the request's span after its operation.
  const request = trace.getActiveSpan();
  if (outcome === 'hit' && request) request.updateName(operationName ? `query ${operationName}` : 'query').setAttributes({ 'graphql.operation.type': 'query', ...(operationName ? { 'graphql.operation.name': operationName } : {}) });
}

/**
 * One LIVE event's completion (`live.event`), up to its queueing for its clients' hand-out: a
 * trace of its own (not a child of the request that opened the subscription, which may be hours
 * old), with where the event came from.
 */
export function liveEventSpan(plan: SubscriptionPlan, eventId: unknown, clients: number): SpanOptions {
  const field = plan.operation.selectionSet.selections.find((selection) => selection.kind === Kind.FIELD);
  return {
    root: true,
    kind: SpanKind.CONSUMER,
    attributes: {
      'graphql.subgraph.name': plan.primary.serviceName,
      ...(field ? { 'graphql.subscription.field': field.name.value } : {}),
      ...(plan.operation.name ? { 'graphql.operation.name': plan.operation.name.value } : {}),
      ...(eventId !== undefined ? { 'live.event.id': String(eventId) } : {}),
      'live.clients': clients,
    },
  };
}

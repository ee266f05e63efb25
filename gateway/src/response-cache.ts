/**
 * The gateway's response cache, in front of the entity cache: a whole response kept as bytes, so
 * a repeated query is answered without parsing, planning, executing or serializing anything.
 *
 * - Keyed by the request body exactly as received, the `accept` header (it chooses the content
 *   type) and the caller's visibility (`visibilityOf`: anonymous, a signed-in user, a partner's
 *   scopes): the earliest point a request can be known, before its JSON is parsed. A persisted
 *   query's id makes that body short.
 * - Kept only when every subgraph fetch of the operation could be kept for every caller (the
 *   entity cache reports each one to `ResponseParts`), the operation is a query and its response
 *   has no errors; for the shortest max age among its parts (capped like the entity cache's).
 * - Tagged with every entity it shows and every root list it read, in the entity cache's own
 *   store: a write's `changedEntities` drop it together with the entity entries, before the write
 *   is answered, in memory and in the replicas' shared store alike. A response run across a write
 *   is refused by the store's ticket, as the entity cache's fetches are.
 * - A hit is only cheaper, never a bypass: credentials were checked by the authentication route
 *   before, and the caller's bucket is charged the operation's cost as it would have been (a
 *   refused charge runs the request the usual way, which refuses it). The cost report in the
 *   answer is made per hit; the rest are the kept bytes.
 */
import { createHash } from 'node:crypto';
import type http from 'node:http';
import type { ApolloServerPlugin, HeaderMap } from '@apollo/server';
import type { Logger } from '@app/kit/log';
import type { Viewer } from '@app/kit/viewer';
import type { GatewayContext } from './context.ts';
import { bucketOf, type CostConfig } from './cost.ts';
import type { GatewayMetrics } from './metrics.ts';
import type { RateLimitStore } from './rate-limit.ts';
import { ResponseParts } from './response-cache/parts.ts';
import { RESPONSE_KEY_PREFIX, type CacheLookup, type EntityCacheStore } from './entity-cache/store.ts';
import { responseCacheLooked, responseCacheLookupSpan } from './tracing.ts';

export interface ResponseCacheOptions {
  /** The entity cache's store: one invalidation drops entities and responses together. */
  store: EntityCacheStore;
  /**
   * What a kept response was made under (`responseCacheVersion`): a replica deployed with another
   * supergraph, manifest or limits never answers with what the previous one kept in the shared store.
   */
  version: string;
  /** Keeps nothing longer than this (the entity cache's cap, ENTITY_CACHE_MAX_AGE). */
  maxAgeCapSeconds: number;
  /** The request's context, as the authentication route left it. */
  contextOf: (req: http.IncomingMessage) => GatewayContext;
  cost: CostConfig;
  rateLimits: RateLimitStore;
  metrics?: GatewayMetrics;
  logger: Logger;
}

/**
 * Who shares a kept response. Every part of it was public (the same for any caller, as the
 * entity cache shares it), so callers share it by kind: anonymous; signed-in users by scopes and
 * country; a partner by its scopes. A kind that may be refused or shaped differently never gets
 * another kind's response.
 */
export function visibilityOf(viewer: Viewer): string {
  if (viewer.keyId) return `partner ${viewer.partnerId ?? ''} ${viewer.scopes.join(',')}`;
  if (viewer.userId) return `user ${viewer.country ?? ''} ${viewer.scopes.join(',')}`;
  return 'anonymous';
}

/** The response's key: the gateway's version, visibility, accepted types and the body as received. */
export function responseKey(version: string, viewer: Viewer, accept: string | undefined, rawBody: string): string {
  return `${RESPONSE_KEY_PREFIX}${version}\n${visibilityOf(viewer)}\n${accept ?? ''}\n${rawBody}`;
}

/** A digest of what decides a response besides its request: the supergraph, and the gateway settings that refuse or shape one. */
export function responseCacheVersion(parts: unknown[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(typeof part === 'string' ? part : JSON.stringify(part)).update('\n');
  return hash.digest('base64url').slice(0, 16);
}

/** What is kept of a response: the numbers its cost report needs, its type, and its data as JSON text. */
export interface KeptResponse {
  requested: number;
  actual: number;
  operationName: string;
  contentType: string;
  data: string;
}

/** One line per field, the data last (it may hold anything): read without parsing the data. */
export function encodeKept(kept: KeptResponse): string {
  return `${kept.requested}\n${kept.actual}\n${kept.operationName}\n${kept.contentType}\n${kept.data}`;
}

export function decodeKept(value: string): KeptResponse | null {
  const at: number[] = [];
  let from = 0;
  for (let i = 0; i < 4; i++) {
    const next = value.indexOf('\n', from);
    if (next === -1) return null;
    at.push(next);
    from = next + 1;
  }
  return {
    requested: Number(value.slice(0, at[0])),
    actual: Number(value.slice(at[0]! + 1, at[1])),
    operationName: value.slice(at[1]! + 1, at[2]),
    contentType: value.slice(at[2]! + 1, at[3]),
    data: value.slice(at[3]! + 1),
  };
}

/** The cost report Apollo's run adds (`cost.ts`); nothing else may be in a kept response's extensions. */
interface CostReport {
  requested: number;
  actual: number;
}

/** A complete response GraphQL gave, as a kept response; null when it is not one to keep. */
export function keepable(body: string, contentType: string | undefined, operationName: string): KeptResponse | null {
  let result: { data?: unknown; errors?: unknown; extensions?: { cost?: CostReport } & Record<string, unknown> };
  try {
    result = JSON.parse(body) as typeof result;
  } catch {
    return null;
  }
  if (!result || typeof result !== 'object' || Array.isArray(result) || result.errors !== undefined || !result.data || !contentType) return null;
  if (Object.keys(result).some((key) => key !== 'data' && key !== 'extensions')) return null;
  const cost = result.extensions?.cost;
  if (!cost || Object.keys(result.extensions!).length !== 1 || typeof cost.requested !== 'number' || typeof cost.actual !== 'number') return null;
  return { requested: cost.requested, actual: cost.actual, operationName, contentType, data: JSON.stringify(result.data) };
}

/** Only a POST whose body is JSON, as the HTTP handler would parse it. */
function mayAnswer(req: http.IncomingMessage, rawBody: string): boolean {
  return req.method === 'POST' && rawBody.length > 0 && (req.headers['content-type'] ?? '').includes('json');
}

export type ResponseCache = ReturnType<typeof useResponseCache>;

export function useResponseCache(options: ResponseCacheOptions) {
  const { store, metrics, logger } = options;
  /** Requests that missed: what their run will be kept under, if it may be. */
  const pending = new WeakMap<http.IncomingMessage, { key: string; lookup: CacheLookup; parts: ResponseParts }>();
  const storing = new Set<Promise<void>>();
  let lastWarning = 0;

  function storeFailed(error: unknown, doing: string): void {
    const now = Date.now();
    if (now - lastWarning < 10_000) return;
    lastWarning = now;
    logger.warn({ err: error }, `response cache store failed while ${doing}; running requests meanwhile`);
  }

  /** Charges the caller as the run would have (`useCost`); the cost report of the answer, or null when refused. */
  async function charge(context: GatewayContext, kept: KeptResponse): Promise<string | null> {
    const bucket = bucketOf(context, options.cost);
    const taken = await options.rateLimits.take(bucket.id, kept.requested, bucket.tier, Date.now());
    if (!taken.allowed) return null;
    const refund = kept.requested - Math.min(kept.actual, kept.requested);
    if (refund > 0) await options.rateLimits.refund(bucket.id, refund, bucket.tier, Date.now());
    const throttle = { max: bucket.tier.max, available: Math.min(bucket.tier.max, taken.available + refund), restoreRate: bucket.tier.restoreRate };
    return JSON.stringify({ requested: kept.requested, actual: kept.actual, throttle });
  }

  return {
    /** Answers from kept bytes when it can (true); otherwise notes the request so its response may be kept. */
    async answer(req: http.IncomingMessage, res: http.ServerResponse, rawBody: string): Promise<boolean> {
      if (!mayAnswer(req, rawBody)) return false;
      const started = performance.now();
      const context = options.contextOf(req);
      const key = responseKey(options.version, context.viewer, req.headers.accept, rawBody);
      let lookup: CacheLookup;
      const span = responseCacheLookupSpan();
      try {
        lookup = await store.get([key], { arrivedAt: context.arrivedAt ?? started });
      } catch (error) {
        responseCacheLooked(span, 'error');
        storeFailed(error, 'reading');
        return false;
      }
      const value = lookup.values[0];
      const kept = value === undefined ? null : decodeKept(value);
      responseCacheLooked(span, kept ? 'hit' : 'miss', kept?.operationName);
      if (kept) {
        const cost = await charge(context, kept);
        // Refused: the usual run refuses it with THROTTLED and says when to retry.
        if (cost === null) return false;
        const body = `{"data":${kept.data},"extensions":{"cost":${cost}}}`;
        res.writeHead(200, { 'content-type': kept.contentType, 'content-length': Buffer.byteLength(body), 'x-response-cache': 'hit' });
        res.end(body);
        metrics?.responseCacheLookups.inc({ outcome: 'hit' });
        metrics?.requests.inc({ operation: kept.operationName, outcome: 'ok' });
        metrics?.requestDuration.observe({ operation: kept.operationName }, (performance.now() - started) / 1000);
        return true;
      }
      metrics?.responseCacheLookups.inc({ outcome: 'miss' });
      res.setHeader('x-response-cache', 'miss');
      pending.set(req, { key, lookup, parts: new ResponseParts() });
      return false;
    },

    /** The request's context, with the parts its fetches report to when its response may be kept. */
    contextOf(req: http.IncomingMessage): GatewayContext {
      const context = options.contextOf(req);
      const parts = pending.get(req)?.parts;
      return parts ? { ...context, responseParts: parts } : context;
    },

    /** Keeps a response that missed, when every part of it could be kept for everyone. */
    keep(req: http.IncomingMessage, response: { status: number; headers: HeaderMap; body: string }): void {
      const entry = pending.get(req);
      if (!entry) return;
      pending.delete(req);
      const verdict = response.status === 200 ? entry.parts.verdict(options.maxAgeCapSeconds) : null;
      const kept = verdict && keepable(response.body, response.headers.get('content-type'), entry.parts.operationName);
      if (!verdict || !kept) {
        metrics?.responseCacheStores.inc({ outcome: 'not_kept' });
        // Looked up and not kept: a replica's near copy stops asking Redis for it a while.
        store.forgo?.([entry.key], entry.lookup.ticket);
        return;
      }
      metrics?.responseCacheStores.inc({ outcome: 'kept' });
      // Not awaited: the lookup's ticket refuses it if a write it shows was answered meanwhile.
      const stored = store.set([{ key: entry.key, value: encodeKept(kept), tags: verdict.tags, maxAgeSeconds: verdict.maxAgeSeconds }], entry.lookup.ticket).catch((error: unknown) => storeFailed(error, 'storing'));
      storing.add(stored);
      void stored.finally(() => storing.delete(stored));
    },

    /** Tells the parts what the operation is: only a query's response is kept. */
    plugin: {
      async requestDidStart() {
        return {
          async willSendResponse({ contextValue, operation, operationName }) {
            const parts = contextValue.responseParts;
            if (!parts) return;
            if (operation?.operation !== 'query') parts.notKept();
            parts.operationName = operationName ?? 'anonymous';
          },
        };
      },
    } satisfies ApolloServerPlugin<GatewayContext>,

    /** Resolves once every response kept so far has been stored (tests). */
    async settled(): Promise<void> {
      while (storing.size > 0) await Promise.all([...storing]);
    },
  };
}

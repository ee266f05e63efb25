import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import type { Dispatcher } from 'undici';
import { injectTraceHeaders, inSpan } from '@app/kit/tracing';
import { anonymousViewer, type Viewer } from '@app/kit/viewer';
import { collapseKey, useCollapsedReads, viewerKey } from './collapse.ts';
import type { GatewayContext } from './context.ts';
import type { EntityCache, SubgraphCallAnswer } from './entity-cache.ts';
import type { GatewayMetrics } from './metrics.ts';
import { viewerHeaders } from './signing.ts';
import { subgraphFailureError } from './subgraph-errors.ts';
import type { SubgraphFetchFailure } from './subgraph-failure-log.ts';
import { fetched, subgraphFetchSpan } from './tracing.ts';

export interface SubgraphRequestOptions {
  name: string;
  url: string;
  /** How long to wait for the subgraph's answer to start, and for each part of it after that. */
  timeoutMs: number;
  /** The subgraph's keep-alive connection pool. */
  pool: Dispatcher;
  metrics?: GatewayMetrics;
  /** Told of every fetch that got no 2xx answer (the rate-limited failure log). */
  onFailure?: (failure: SubgraphFetchFailure) => void;
}

/** A subgraph's answer: its status, its body as text, and what it allows to be cached. */
export interface SubgraphAnswer {
  status: number;
  text: string;
  cacheControl?: string | undefined;
}

/** A subgraph fetch that got no answer: none in time, or none at all (`socketCode` says why, when the socket did). */
export class SubgraphFetchError extends Error {
  override name = 'SubgraphFetchError';

  constructor(
    readonly outcome: 'timeout' | 'unreachable',
    readonly socketCode?: string,
  ) {
    super(`subgraph fetch failed: ${outcome}${socketCode ? ` (${socketCode})` : ''}`);
  }
}

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * The one place a subgraph is called: a POST on its keep-alive pool through undici's own request
 * API (WHATWG fetch would build a Request, a Response and web streams for every call, and an
 * AbortSignal for the timeout), cut off by undici's own timers, measured by outcome (ok,
 * http_<status>, timeout, unreachable), and every failure reported.
 */
export function useSubgraphRequest(options: SubgraphRequestOptions): (body: string, headers: Record<string, string>) => Promise<SubgraphAnswer> {
  const { pathname, search } = new URL(options.url);
  const path = `${pathname}${search}`;
  const fetchSpan = subgraphFetchSpan(options.name, options.url);
  return (body, headers) => inSpan(fetchSpan.name, fetchSpan.options, async (span) => {
    const started = performance.now();
    let outcome = 'unreachable';
    let cause: string | undefined;
    try {
      const sent: Record<string, string> = { 'content-type': 'application/json', ...headers };
      // The subgraph continues this trace (`traceparent`), when tracing is on.
      injectTraceHeaders(sent);
      const response = await options.pool.request({
        path,
        method: 'POST',
        headers: sent,
        body,
        headersTimeout: options.timeoutMs,
        bodyTimeout: options.timeoutMs,
      });
      const text = await response.body.text();
      outcome = response.statusCode >= 200 && response.statusCode < 300 ? 'ok' : `http_${response.statusCode}`;
      if (span) fetched(span, response.statusCode, body, text);
      const cacheControl = response.headers['cache-control'];
      return { status: response.statusCode, text, cacheControl: Array.isArray(cacheControl) ? cacheControl.join(', ') : cacheControl };
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string' && TIMEOUT_CODES.has(code)) outcome = 'timeout';
      else cause = typeof code === 'string' ? code : undefined;
      throw new SubgraphFetchError(outcome as 'timeout' | 'unreachable', cause);
    } finally {
      const durationMs = performance.now() - started;
      options.metrics?.subgraphFetchDuration.observe({ subgraph: options.name, outcome }, durationMs / 1000);
      if (outcome !== 'ok') {
        const requestId = headers['x-request-id'];
        options.onFailure?.({ subgraph: options.name, outcome, durationMs, ...(requestId ? { requestId } : {}), ...(cause ? { cause } : {}) });
      }
      span?.setAttribute('subgraph.outcome', outcome);
    }
  });
}

export interface SubgraphFetchOptions extends SubgraphRequestOptions {
  /** The secret the viewer is signed with (INTERNAL_SECRET). */
  secret: string;
  /** Share identical in-flight reads (on unless turned off). */
  collapse?: boolean;
  /** The gateway's entity cache (`entity-cache.ts`); every call goes through it when given. */
  entityCache?: EntityCache;
}

type SubgraphResponse = Awaited<ReturnType<GraphQLDataSource<GatewayContext>['process']>>;

/**
 * A failed fetch's error names where in the response the missing data belonged: the path of the
 * entities it was to complete, up to the first list (whose every item it nulls).
 */
function placed(error: GraphQLError, options: GraphQLDataSourceProcessOptions<GatewayContext>): GraphQLError {
  const path = 'pathInIncomingRequest' in options && Array.isArray(options.pathInIncomingRequest) ? (options.pathInIncomingRequest as (string | number)[]) : [];
  const until = path.indexOf('@');
  const located = until === -1 ? path : path.slice(0, until);
  return located.length > 0 ? new GraphQLError(error.message, { path: located, extensions: error.extensions }) : error;
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * How the gateway reaches one subgraph: identical reads collapsed, the viewer signed, then one
 * request on the subgraph's pool. A failed fetch becomes one coded error at the paths that needed
 * the subgraph (see `subgraphFailureError`), and the rest of the response still comes back.
 * Implements the gateway's data-source interface itself rather than extending
 * `RemoteGraphQLDataSource`, which builds node-fetch Headers and a Request for every call.
 */
export class SubgraphDataSource implements GraphQLDataSource<GatewayContext> {
  private readonly send: ReturnType<typeof useSubgraphRequest>;
  private readonly share = useCollapsedReads<SubgraphAnswer>();

  constructor(private readonly options: SubgraphFetchOptions) {
    this.send = useSubgraphRequest(options);
  }

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<SubgraphResponse> {
    try {
      return await this.fetch(options);
    } catch (error) {
      throw error instanceof GraphQLError ? placed(error, options) : error;
    }
  }

  private async fetch({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<SubgraphResponse> {
    // Internal calls (health checks) have no incoming request and so no viewer.
    const viewer = context?.viewer ?? anonymousViewer();
    const query = request.query ?? '';
    const send = (variables: Record<string, unknown> | undefined, since?: number) => this.call(query, variables, request.operationName, viewer, since);
    const cache = this.options.entityCache;
    if (!cache) return (await send(request.variables)).result as SubgraphResponse;
    const bypass = !context || context.bypassEntityCache === true;
    return (await cache.fetch({ subgraph: this.options.name, query, variables: request.variables, viewer, bypass, parts: context?.responseParts, arrivedAt: context?.arrivedAt }, send)) as SubgraphResponse;
  }

  /** One request to the subgraph (shared with identical reads in flight), its answer parsed for this caller. */
  private async call(query: string, variables: Record<string, unknown> | undefined, operationName: string | undefined, viewer: Viewer, since?: number): Promise<SubgraphCallAnswer> {
    // The shape stock's data source sends: query, variables, operationName when there is one.
    const body = JSON.stringify({ query, variables, operationName });
    const key = this.options.collapse === false ? null : collapseKey(viewerKey(viewer), query, body, since);
    let answer: SubgraphAnswer;
    try {
      answer = await this.share(key, () => this.send(body, viewerHeaders(this.options.secret, this.options.name, viewer, body)));
    } catch (error) {
      // Never pass on a subgraph's URL or socket error: `subgraphFailureError` says what a client sees.
      throw subgraphFailureError(this.options.name, { kind: error instanceof SubgraphFetchError && error.outcome === 'timeout' ? 'timeout' : 'unreachable' });
    }
    // Each caller parses its own copy: the plan executor writes into what it is given.
    const result = parsed(answer.text);
    if (answer.status < 200 || answer.status >= 300) throw subgraphFailureError(this.options.name, { kind: 'http', status: answer.status, body: result ?? answer.text });
    // A 2xx that is not a GraphQL response is a subgraph that is not working.
    if (!result || typeof result !== 'object' || Array.isArray(result)) throw subgraphFailureError(this.options.name, { kind: 'unreachable' });
    return { result: result as SubgraphCallAnswer['result'], cacheControl: answer.cacheControl };
  }
}

import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Fetcher, FetcherResponse } from '@apollo/utils.fetcher';
import { GraphQLError } from 'graphql';

/** The same error, placed at a path in the response. */
class GraphQLErrorWithPath extends GraphQLError {
  constructor(error: GraphQLError, path: readonly (string | number)[]) {
    super(error.message, { path, extensions: error.extensions, originalError: error.originalError ?? undefined });
  }
}
import { type Agent, fetch as undiciFetch } from 'undici';
import { anonymousViewer, encodeViewer, VIEWER_HEADER } from '@app/kit/viewer';
import { useCollapsedReads } from './collapse.ts';
import type { GatewayContext } from './context.ts';
import type { GatewayMetrics } from './metrics.ts';
import { useViewerSigning } from './signing.ts';
import { subgraphFailureError } from './subgraph-errors.ts';
import type { SubgraphFetchFailure } from './subgraph-failure-log.ts';

export interface TimedFetchOptions {
  name: string;
  timeoutMs: number;
  /** One keep-alive connection pool per subgraph. */
  agent: Agent;
  metrics?: GatewayMetrics;
  /** Told of every fetch that got no 2xx answer (the rate-limited failure log). */
  onFailure?: (failure: SubgraphFetchFailure) => void;
}

/**
 * The one place a subgraph is called: on its keep-alive pool, cut off at the timeout, measured
 * by outcome (ok, http_<status>, timeout, unreachable), and every failure reported.
 */
export function useTimedFetch(options: TimedFetchOptions): Fetcher {
  return async (input, init) => {
    const started = performance.now();
    let outcome = 'error';
    let cause: string | undefined;
    try {
      const response = await undiciFetch(input, {
        method: init?.method ?? 'POST',
        headers: init?.headers as Record<string, string>,
        body: init?.body as string,
        dispatcher: options.agent,
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      outcome = response.ok ? 'ok' : `http_${response.status}`;
      return response as unknown as Awaited<ReturnType<Fetcher>>;
    } catch (error) {
      outcome = (error as Error).name === 'TimeoutError' ? 'timeout' : 'unreachable';
      cause = ((error as { cause?: { code?: unknown } }).cause?.code as string | undefined) ?? undefined;
      throw error;
    } finally {
      const durationMs = performance.now() - started;
      options.metrics?.subgraphFetchDuration.observe({ subgraph: options.name, outcome }, durationMs / 1000);
      if (outcome !== 'ok') {
        const requestId = (init?.headers as Record<string, string> | undefined)?.['x-request-id'];
        options.onFailure?.({ subgraph: options.name, outcome, durationMs, ...(requestId ? { requestId } : {}), ...(cause ? { cause } : {}) });
      }
    }
  };
}

export interface SubgraphFetchOptions extends TimedFetchOptions {
  url: string;
  /** The secret the viewer is signed with (INTERNAL_SECRET). */
  secret: string;
  /** Share identical in-flight reads (on unless turned off). */
  collapse?: boolean;
}

/**
 * How the gateway reaches one subgraph: identical reads collapsed, the viewer signed, then a
 * timed fetch. A failed fetch becomes one coded error at the paths that needed the subgraph
 * (see `subgraphFailureError`), and the rest of the response still comes back.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly subgraph: string;

  constructor(options: SubgraphFetchOptions) {
    const signed = useViewerSigning(options.secret, options.name, useTimedFetch(options));
    super({ url: options.url, fetcher: options.collapse === false ? signed : useCollapsedReads(signed) });
    this.subgraph = options.name;
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    // Internal calls (health checks) have no incoming request and so no viewer.
    const viewer = context?.viewer ?? anonymousViewer();
    request.http?.headers.set(VIEWER_HEADER, encodeViewer(viewer));
    request.http?.headers.set('x-request-id', viewer.requestId);
  }

  /**
   * A failed fetch's error names where in the response the missing data belonged: the path of
   * the entities it was to complete (up to the first list, whose every item it nulls).
   */
  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    try {
      return await super.process(options);
    } catch (error) {
      const path = 'pathInIncomingRequest' in options ? options.pathInIncomingRequest : undefined;
      if (path && error instanceof Error && (error as GraphQLError).extensions && !(error as GraphQLError).path) {
        const segments = Array.isArray(path) ? (path as (string | number)[]) : [];
        const until = segments.indexOf('@');
        const located = until === -1 ? segments : segments.slice(0, until);
        if (located.length > 0) {
          const failure = error as GraphQLError;
          throw new GraphQLErrorWithPath(failure, located);
        }
      }
      throw error;
    }
  }

  /** Never pass on a subgraph's URL, socket error or raw body: `subgraphFailureError` says what a client sees. */
  override didEncounterError(error: Error, _request: unknown, response?: FetcherResponse): void {
    if (response && !response.ok) {
      // `errorFromResponse` has read the body already; it keeps it on the error it made.
      const body = (error as GraphQLError).extensions?.response as { body?: unknown } | undefined;
      throw subgraphFailureError(this.subgraph, { kind: 'http', status: response.status, body: body?.body });
    }
    const timedOut = error.name === 'TimeoutError' || error.name === 'AbortError';
    throw subgraphFailureError(this.subgraph, { kind: timedOut ? 'timeout' : 'unreachable' });
  }
}

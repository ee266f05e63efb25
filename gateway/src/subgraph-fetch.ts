import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
import { GraphQLError } from 'graphql';
import { type Agent, fetch as undiciFetch } from 'undici';
import { ErrorCode } from '@app/kit/errors';
import { anonymousViewer, encodeViewer, VIEWER_HEADER } from '@app/kit/viewer';
import { useCollapsedReads } from './collapse.ts';
import type { GatewayContext } from './context.ts';
import type { GatewayMetrics } from './metrics.ts';
import { useViewerSigning } from './signing.ts';

export interface TimedFetchOptions {
  name: string;
  timeoutMs: number;
  /** One keep-alive connection pool per subgraph. */
  agent: Agent;
  metrics?: GatewayMetrics;
}

/**
 * The one place a subgraph is called: on its keep-alive pool, cut off at the timeout, and
 * measured by outcome (ok, http_<status>, timeout, unreachable).
 */
export function useTimedFetch(options: TimedFetchOptions): Fetcher {
  return async (input, init) => {
    const started = performance.now();
    let outcome = 'error';
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
      throw error;
    } finally {
      options.metrics?.subgraphFetchDuration.observe({ subgraph: options.name, outcome }, (performance.now() - started) / 1000);
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
 * timed fetch. A subgraph that is down, slow or failing becomes SERVICE_UNAVAILABLE at the paths
 * that needed it, and the rest of the response still comes back.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly subgraph: string;

  constructor(options: SubgraphFetchOptions) {
    const signed = useViewerSigning(options.secret, useTimedFetch(options));
    super({ url: options.url, fetcher: options.collapse === false ? signed : useCollapsedReads(signed) });
    this.subgraph = options.name;
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    // Internal calls (health checks) have no incoming request and so no viewer.
    const viewer = context?.viewer ?? anonymousViewer();
    request.http?.headers.set(VIEWER_HEADER, encodeViewer(viewer));
    request.http?.headers.set('x-request-id', viewer.requestId);
  }

  /** Never pass on a subgraph's URL, socket error or raw body: name the service, nothing more. */
  override didEncounterError(error: Error): void {
    const timedOut = error.name === 'TimeoutError' || error.name === 'AbortError';
    throw new GraphQLError(`The ${this.subgraph} service is unavailable${timedOut ? ' (it did not answer in time)' : ''}; data from it is missing.`, {
      extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, service: this.subgraph },
    });
  }
}

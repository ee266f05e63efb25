import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
import { GraphQLError } from 'graphql';
import { type Agent, fetch as undiciFetch } from 'undici';
import { ErrorCode } from '@app/kit/errors';
import { anonymousViewer, encodeViewer, SIGNATURE_HEADER, signatureFor, VIEWER_HEADER, type Viewer } from '@app/kit/viewer';
import type { GatewayMetrics } from './metrics.ts';

export interface GatewayContext {
  viewer: Viewer;
  /** The rate-limit tier of the partner key, when a key is used. */
  partnerTier?: string | null;
  /** The caller's address, the rate-limit bucket of anonymous callers. */
  clientIp?: string | null;
}

/** A subgraph answer held once for every request that asked the same thing at the same time. */
interface SharedAnswer {
  status: number;
  text: string;
}

/**
 * What makes two subgraph requests the same: the subgraph, the exact body, and who asks
 * (the viewer without its per-request id). Only reads are shared, never mutations, and never
 * across viewers: an anonymous feed is shared among anonymous callers, a user's among that user's.
 */
function collapseKey(url: string, encodedViewer: string | undefined, body: string): string | null {
  if (!/^\{"query":"(query|\{)/.test(body)) return null;
  let who = '';
  if (encodedViewer) {
    const { requestId: _requestId, ...viewer } = JSON.parse(Buffer.from(encodedViewer, 'base64url').toString('utf8')) as Viewer;
    who = JSON.stringify(viewer);
  }
  return `${url}\n${who}\n${body}`;
}

export interface SubgraphFetchOptions {
  name: string;
  url: string;
  secret: string;
  timeoutMs: number;
  /** One keep-alive connection pool per subgraph. */
  agent: Agent;
  metrics?: GatewayMetrics;
  /** Share identical in-flight reads (on unless turned off). */
  collapse?: boolean;
}

/**
 * Fetches from one subgraph on a keep-alive pool with a timeout, signing each request with the
 * viewer. The signature covers the exact body bytes, so it is made in the fetcher, where the
 * body is final; `willSendRequest` only puts the viewer and request id on the request for it.
 * A subgraph that is down, slow or failing becomes SERVICE_UNAVAILABLE at the paths that needed
 * it, and the rest of the response still comes back.
 */
export class ViewerSigningDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly subgraph: string;

  constructor(options: SubgraphFetchOptions) {
    const inFlight = new Map<string, Promise<SharedAnswer>>();
    const answer = (status: number, text: string) =>
      new Response(text, { status, headers: { 'content-type': 'application/json' } }) as unknown as Awaited<ReturnType<Fetcher>>;
    // Identical reads in flight at the same moment (many viewers opening the same feed) become one
    // subgraph request; each caller gets its own copy of the answer to parse.
    const collapsingFetch: Fetcher = async (input, init) => {
      const body = typeof init?.body === 'string' ? init.body : '';
      const key = options.collapse === false ? null : collapseKey(String(input), (init?.headers as Record<string, string>)?.[VIEWER_HEADER], body);
      if (!key) return signingFetch(input, init);
      let shared = inFlight.get(key);
      if (!shared) {
        shared = signingFetch(input, init)
          .then(async (response) => ({ status: response.status, text: await response.text() }))
          .finally(() => inFlight.delete(key));
        inFlight.set(key, shared);
      }
      const { status, text } = await shared;
      return answer(status, text);
    };
    const signingFetch: Fetcher = async (input, init) => {
      const headers = { ...(init?.headers as Record<string, string>) };
      const encoded = headers[VIEWER_HEADER];
      if (encoded) headers[SIGNATURE_HEADER] = signatureFor(encoded, typeof init?.body === 'string' ? init.body : '', options.secret);
      const started = performance.now();
      let outcome = 'error';
      try {
        const response = await undiciFetch(input, {
          method: init?.method ?? 'POST',
          headers,
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
    super({ url: options.url, fetcher: collapsingFetch });
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

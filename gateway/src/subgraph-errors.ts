import { GraphQLError } from 'graphql';
import { ErrorCode, isPublicCode } from '@app/kit/errors';

/** How a subgraph fetch failed: no answer at all, or an HTTP answer that was not 2xx. */
export type SubgraphFailure = { kind: 'unreachable' } | { kind: 'timeout' } | { kind: 'http'; status: number; body: unknown };

/** Codes a subgraph's 4xx becomes when its body does not say more. */
export const SUBGRAPH_ERROR_CODES = {
  /** The subgraph refused the request as too large (HTTP 413): the client sent too much at once. */
  tooLarge: 'PAYLOAD_TOO_LARGE',
  /** Any other 4xx without a GraphQL error in it (a wrong URL, a proxy's refusal): the gateway's request was refused. */
  refused: 'SUBREQUEST_HTTP_ERROR',
} as const;

/** The first error of a GraphQL response body, when it carries a code clients may see. */
function publicErrorIn(body: unknown): { message: string; extensions: Record<string, unknown> } | null {
  const first = (body as { errors?: unknown[] } | null)?.errors?.[0] as { message?: unknown; extensions?: Record<string, unknown> } | undefined;
  if (typeof first?.message !== 'string' || !isPublicCode(first.extensions?.code)) return null;
  return { message: first.message, extensions: first.extensions ?? {} };
}

/**
 * What a client sees when a subgraph fetch fails, at the paths that needed it while the rest of
 * the response comes back. It names the service and never carries its URL, socket error or raw
 * body. A subgraph that is down, slow or failing (5xx) is SERVICE_UNAVAILABLE: retrying later may
 * work. A 4xx is never reported as the service being down: a 413 is PAYLOAD_TOO_LARGE; another
 * 4xx passes on the subgraph's own coded GraphQL error when it sent one (a variable its scalar
 * refused is the client's BAD_USER_INPUT), and is SUBREQUEST_HTTP_ERROR with the status otherwise.
 */
export function subgraphFailureError(service: string, failure: SubgraphFailure): GraphQLError {
  if (failure.kind === 'http' && failure.status >= 400 && failure.status < 500) {
    if (failure.status === 413) {
      return new GraphQLError(`The request is too large for the ${service} service; send less in one request.`, {
        extensions: { code: SUBGRAPH_ERROR_CODES.tooLarge, service },
      });
    }
    const own = publicErrorIn(failure.body);
    if (own) return new GraphQLError(own.message, { extensions: { ...own.extensions, service } });
    return new GraphQLError(`The ${service} service refused the request (HTTP ${failure.status}); data from it is missing.`, {
      extensions: { code: SUBGRAPH_ERROR_CODES.refused, service, status: failure.status },
    });
  }
  return new GraphQLError(`The ${service} service is unavailable${failure.kind === 'timeout' ? ' (it did not answer in time)' : ''}; data from it is missing.`, {
    extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, service },
  });
}

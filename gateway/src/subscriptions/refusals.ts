/**
 * How a subscription refused before its stream starts is answered over HTTP (graphql-sse and
 * multipart alike): a JSON body of GraphQL errors, each keeping its code, with the HTTP status a
 * query refused for the same reason would get.
 */
import type http from 'node:http';
import type { GraphQLError } from 'graphql';
import { SUBSCRIPTION_CODES } from './admission.ts';

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** The HTTP status a refused subscription answers with, by its code: what a query's refusal would get. */
export function refusalStatus(code: unknown): number {
  switch (code) {
    case 'THROTTLED':
    case SUBSCRIPTION_CODES.subscriptionLimit:
    case SUBSCRIPTION_CODES.connectionLimit:
      return 429;
    case 'UNAUTHENTICATED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'SERVICE_UNAVAILABLE':
      return 503;
    default:
      return 400;
  }
}

export interface HttpRefusal {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A refusal as a JSON body of errors; `Retry-After` when the first error says when to come back. */
export function httpRefusal(errors: readonly GraphQLError[], contentType: string = JSON_CONTENT_TYPE): HttpRefusal {
  const body = { errors: errors.map((error) => error.toJSON()) };
  const code = body.errors[0]?.extensions?.code;
  const retryAfter = body.errors[0]?.extensions?.retryAfter;
  const headers: Record<string, string> = { 'content-type': contentType, ...(typeof retryAfter === 'number' ? { 'retry-after': String(retryAfter) } : {}) };
  return { status: refusalStatus(code), headers, body: JSON.stringify(body) };
}

/** A refusal made by the transport itself (shutting down, an address over its cap, a body too large). */
export function sendRefusal(res: http.ServerResponse, status: number, code: string, message: string, contentType: string = JSON_CONTENT_TYPE): void {
  const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) }).end(body);
}

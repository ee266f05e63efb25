import { GraphQLError } from 'graphql';

/**
 * The error codes clients may branch on. They are part of the API: never rename one.
 * Anything thrown without one of these codes is treated as unexpected and masked.
 */
export const ErrorCode = {
  NOT_FOUND: 'NOT_FOUND',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  CONFLICT: 'CONFLICT',
  /** A service this request depends on did not answer in time; retrying later may work. */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  /** The same idempotency key was sent with a different request. */
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Codes produced by GraphQL itself (parsing, validation, variable coercion); safe to pass on as-is. */
const GRAPHQL_OWN_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/**
 * A code is public when we or GraphQL set it on purpose: the codes above, GraphQL's own, and the
 * domain codes a subgraph raises with `refuse` (upper snake case). Apollo Server gives
 * everything else INTERNAL_SERVER_ERROR, which is masked.
 */
export function isPublicCode(code: unknown): boolean {
  return typeof code === 'string' && code !== ErrorCode.INTERNAL_SERVER_ERROR && (code in ErrorCode || GRAPHQL_OWN_CODES.has(code) || /^[A-Z][A-Z0-9_]{2,}$/.test(code));
}

type Extensions = Record<string, unknown>;

export function notFound(type: string, id: string): GraphQLError {
  return new GraphQLError(`${type} ${JSON.stringify(id)} was not found.`, {
    extensions: { code: ErrorCode.NOT_FOUND, type, id },
  });
}

export function badInput(message: string, extensions: Extensions = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, ...extensions } });
}

export function unauthenticated(message = 'You must be signed in to do this.'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED } });
}

export function forbidden(message: string, extensions: Extensions = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.FORBIDDEN, ...extensions } });
}

export function conflict(message: string, extensions: Extensions = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.CONFLICT, ...extensions } });
}

/**
 * A domain rule said no: `code` is the subgraph's own stable code for that rule
 * (e.g. SMALL_GESTURE_LIMIT_REACHED), so clients can branch on it.
 */
export function refuse(code: string, message: string, extensions: Extensions = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

export function serviceUnavailable(service: string): GraphQLError {
  return new GraphQLError(`The ${service} service is unavailable right now; nothing was changed. Try again shortly.`, {
    extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, service },
  });
}

/**
 * A store on another server did not answer (`isUnreachable` in `pg.ts`): what needed it is
 * refused with SERVICE_UNAVAILABLE, never as an internal error, and never with the statement or
 * the server's address. `http` is for errors thrown before GraphQL runs (Apollo Server takes the
 * status from it).
 */
export function storeUnavailable(service: string, options: { http?: boolean } = {}): GraphQLError {
  return new GraphQLError(`The ${service} service cannot reach its database right now; try again shortly (a write may be sent again with the same idempotency key).`, {
    extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, service, ...(options.http ? { http: { status: 503 } } : {}) },
  });
}

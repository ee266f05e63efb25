import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { DEFAULT_MAX_BODY_BYTES } from './config.ts';
import type { Logger } from './log.ts';
import { tracedRequests } from './tracing.ts';

/**
 * Codes of a request that was well formed over HTTP but is not a GraphQL request that can run:
 * it does not parse, does not validate, or its variables do not fit their types.
 */
export const GRAPHQL_REQUEST_ERROR_CODES = ['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'OPERATION_RESOLUTION_FAILURE'] as const;

export type Route = (req: http.IncomingMessage, res: http.ServerResponse) => boolean | Promise<boolean>;

export interface GraphQLHandlerOptions<TContext extends BaseContext> {
  server: ApolloServer<TContext>;
  /** Builds the request context; `rawBody` is the body exactly as received (signatures cover it). */
  context: (req: http.IncomingMessage, rawBody: string) => Promise<TContext> | TContext;
  /** Other routes (health, metrics) tried before GraphQL; a route returns true when it answered. */
  routes?: Route[];
  /** Requests larger than this are refused (413) before they are parsed; the kit's default otherwise. */
  maxBodyBytes?: number;
  /** Codes besides GraphQL's own that mean "this request could not run" (a server's own validation rules). */
  requestErrorCodes?: readonly string[];
  /** Operations one batched request may carry; 1 (the default) refuses batches. */
  maxBatch?: number;
  /**
   * Sees each operation of a request before GraphQL runs, as an object (a POST body, or a GET's
   * parameters with `variables` and `extensions` parsed), and may rewrite it in place (a persisted
   * document's id in place of its text) or refuse the request by throwing a `RequestRefusal`.
   */
  prepareOperation?: (operation: Record<string, unknown>, req: http.IncomingMessage) => void;
  /**
   * Whole responses kept as bytes (the gateway's response cache): `answer` sees a POST's body as
   * received, before it is parsed, and returns true when it answered; `keep` sees each complete
   * response GraphQL gave.
   */
  responses?: {
    answer(req: http.IncomingMessage, res: http.ServerResponse, rawBody: string): boolean | Promise<boolean>;
    keep(req: http.IncomingMessage, response: { status: number; headers: HeaderMap; body: string }): void;
  };
  logger: Logger;
}

/** A request refused before GraphQL runs: answered with `status` and one error under `code`. */
export class RequestRefusal extends Error {
  override name = 'RequestRefusal';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Runs `prepare` on a GET's GraphQL parameters and writes back what it changed. */
function prepareSearch(search: string, prepare: (operation: Record<string, unknown>) => void): string {
  const params = new URLSearchParams(search);
  const operation: Record<string, unknown> = {};
  for (const [name, value] of params) {
    if (name !== 'variables' && name !== 'extensions') operation[name] = value;
    else {
      try {
        operation[name] = JSON.parse(value);
      } catch {
        // Apollo Server answers a malformed parameter itself.
        operation[name] = value;
      }
    }
  }
  prepare(operation);
  const prepared = new URLSearchParams();
  for (const [name, value] of Object.entries(operation)) {
    if (value !== undefined) prepared.set(name, typeof value === 'string' ? value : JSON.stringify(value));
  }
  const text = prepared.toString();
  return text ? `?${text}` : '';
}

class PayloadTooLargeError extends Error {}

function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      if (size > limit * 10) req.destroy();
      // Past the limit the rest is read and dropped, so the client gets a 413 rather than a reset.
      if (!tooLarge) chunks.push(chunk);
    });
    req.on('end', () => (tooLarge ? reject(new PayloadTooLargeError()) : resolve(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, contentType = 'application/json; charset=utf-8'): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(payload) });
  res.end(payload);
}

/**
 * The media type of an errors-only answer: `application/graphql-response+json` when the client
 * accepts it, since a client that reads it (Apollo Client 4, the GraphQL-over-HTTP spec) takes the
 * errors and their codes from a 4xx or 5xx body, while under `application/json` it reports a bare
 * server error. Clients that accept only `application/json` keep it.
 */
export function errorsContentType(accept: string | undefined): string {
  return (accept ?? '').includes('application/graphql-response+json') ? 'application/graphql-response+json; charset=utf-8' : 'application/json; charset=utf-8';
}

/**
 * GraphQL over HTTP: a client that accepts only `application/json` gets status 200 for a request
 * that does not parse, validate or coerce its variables, with the errors in the body (a legacy
 * client cannot tell a GraphQL error from a broken server by a 4xx). `application/graphql-response+json`
 * keeps Apollo Server's 4xx. Batches and anything else keep their status.
 */
function statusFor(status: number, contentType: string | undefined, body: string, requestErrorCodes: ReadonlySet<string>): number {
  if (status !== 400 || !contentType?.startsWith('application/json')) return status;
  let result: { data?: unknown; errors?: { extensions?: { code?: unknown } }[] };
  try {
    result = JSON.parse(body) as typeof result;
  } catch {
    return status;
  }
  if (Array.isArray(result) || result.data !== undefined || !result.errors?.length) return status;
  return result.errors.every((error) => requestErrorCodes.has(String(error.extensions?.code))) ? 200 : status;
}

/** A refusal before GraphQL runs (credentials, limits, body size): errors only, in the media type the client reads. */
export function sendError(res: http.ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { errors: [{ message, extensions: { code } }] }, errorsContentType(res.req?.headers.accept));
}

/**
 * A lean node:http binding for Apollo Server: it answers GraphQL on `/` and `/graphql`
 * and leaves everything else to the given routes. Apollo Server 5 ships no framework
 * binding of its own besides the standalone one, which cannot serve a health route.
 */
export function graphQLHandler<TContext extends BaseContext>(options: GraphQLHandlerOptions<TContext>): http.RequestListener {
  const { server, context, routes = [], logger } = options;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const maxBatch = options.maxBatch ?? 1;
  const requestErrorCodes = new Set<string>([...GRAPHQL_REQUEST_ERROR_CODES, ...(options.requestErrorCodes ?? [])]);
  // A GraphQL request is served inside a span continuing the caller's trace, when tracing is on.
  return tracedRequests(async (req, res) => {
    try {
      for (const route of routes) {
        if (await route(req, res)) return;
      }
      const url = new URL(req.url ?? '/', 'http://localhost');
      let search = url.search;
      if (url.pathname !== '/' && url.pathname !== '/graphql') {
        sendError(res, 404, 'NOT_FOUND', `Nothing is served at ${url.pathname}; GraphQL is at /graphql.`);
        return;
      }
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      let body: unknown;
      let text = '';
      if (req.method === 'POST') {
        text = await readBody(req, maxBodyBytes);
        if (options.responses && (await options.responses.answer(req, res, text))) return;
        if (text.length > 0 && (headers.get('content-type') ?? '').includes('json')) {
          try {
            body = JSON.parse(text);
          } catch {
            sendError(res, 400, 'BAD_REQUEST', 'The request body is not valid JSON.');
            return;
          }
        } else {
          body = text;
        }
        if (Array.isArray(body) && body.length > maxBatch) {
          sendError(res, 400, 'BATCH_TOO_LARGE', maxBatch === 1 ? 'Batched requests are not accepted here.' : `A batch may hold at most ${maxBatch} operations; this one holds ${body.length}.`);
          return;
        }
        if (options.prepareOperation) {
          for (const operation of Array.isArray(body) ? body : [body]) {
            if (operation && typeof operation === 'object') options.prepareOperation(operation as Record<string, unknown>, req);
          }
        }
      } else if (options.prepareOperation && req.method === 'GET' && search) {
        search = prepareSearch(search, (operation) => options.prepareOperation!(operation, req));
      }
      const response = await server.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? 'GET', headers, search, body },
        context: () => Promise.resolve(context(req, text)),
      });
      for (const [key, value] of response.headers) res.setHeader(key, value);
      res.statusCode = response.status ?? 200;
      if (response.body.kind === 'complete') {
        res.statusCode = statusFor(res.statusCode, response.headers.get('content-type'), response.body.string, requestErrorCodes);
        res.end(response.body.string);
        options.responses?.keep(req, { status: res.statusCode, headers: response.headers, body: response.body.string });
      } else {
        for await (const chunk of response.body.asyncIterator) res.write(chunk);
        res.end();
      }
    } catch (error) {
      if (error instanceof RequestRefusal) {
        sendError(res, error.status, error.code, error.message);
        return;
      }
      if (error instanceof PayloadTooLargeError) {
        sendError(res, 413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${maxBodyBytes} bytes.`);
        return;
      }
      if ((error as { extensions?: { code?: string } }).extensions?.code === 'UNAUTHENTICATED') {
        sendError(res, 401, 'UNAUTHENTICATED', (error as Error).message);
        return;
      }
      // A store the route needed did not answer (a subgraph's nonces, on an event stream's request).
      if ((error as { extensions?: { code?: string } }).extensions?.code === 'SERVICE_UNAVAILABLE') {
        if (!res.headersSent) sendError(res, 503, 'SERVICE_UNAVAILABLE', (error as Error).message);
        else res.end();
        return;
      }
      logger.error({ err: error }, 'request failed');
      if (!res.headersSent) sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
      else res.end();
    }
  });
}

/** `GET /health` (the process is up) and `GET /ready` (it can serve: its store is open and answers). */
export function healthRoute(service: string, ready: () => boolean | Promise<boolean> = () => true): Route {
  return async (req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' || (path !== '/health' && path !== '/ready')) return false;
    const ok = path === '/health' || (await ready());
    sendJson(res, ok ? 200 : 503, { status: ok ? 'ok' : 'unavailable', service });
    return true;
  };
}

export interface RunningHttpServer {
  server: http.Server;
  port: number;
  url: string;
  close(): Promise<void>;
}

export class PortInUseError extends Error {
  override name = 'PortInUseError';
}

/** How long a closing server waits for requests in flight before it cuts every connection. */
export const CLOSE_GRACE_MS = 10_000;

/**
 * Listens and resolves once bound. Keep-alive outlasts the gateway's idle sockets so a reused
 * socket is never closed under a request in flight.
 */
export function listen(handler: http.RequestListener, port: number, host: string, { closeGraceMs = CLOSE_GRACE_MS }: { closeGraceMs?: number } = {}): Promise<RunningHttpServer> {
  const server = http.createServer({ keepAliveTimeout: 65_000 }, handler);
  server.headersTimeout = 66_000;
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(new PortInUseError(`Port ${port} on ${host} is already in use.`));
      else reject(error);
    });
    server.listen(port, host, () => {
      const bound = (server.address() as AddressInfo).port;
      resolve({
        server,
        port: bound,
        url: `http://${host.includes(':') ? `[${host}]` : host}:${bound}/`,
        close: () =>
          new Promise<void>((done) => {
            // A connection whose response ends after this (an event stream being ended, a request
            // that came in on a kept-alive socket) goes idle later: close those too as they do,
            // rather than wait out the keep-alive for a client that keeps its socket.
            const sweep = setInterval(() => server.closeIdleConnections(), 100);
            // A socket that connected and never sent a request is not idle to Node: it would hold
            // the close until the headers timeout (66 s). Past a grace period, nothing is waited for.
            const deadline = setTimeout(() => server.closeAllConnections(), closeGraceMs);
            server.close(() => {
              clearInterval(sweep);
              clearTimeout(deadline);
              done();
            });
            server.closeIdleConnections();
          }),
      });
    });
  });
}

/** Runs `stop` once on SIGINT or SIGTERM, then exits. */
export function stopOnSignals(stop: () => Promise<void>, logger: Logger): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}

/**
 * Subscriptions over multipart HTTP on the gateway's `/graphql` path, with Apollo's protocol
 * (multipart subscriptions, `subscriptionSpec=1.0`): what Apollo Client's `HttpLink` sends for a
 * subscription, and what Apollo Router answers. One POST, one response: each event is a part
 * `{"payload": <ExecutionResult>}`, an idle stream gets a heartbeat part `{}`, and the response
 * ends with the closing delimiter `--graphql--`. Credentials are the request's own headers, checked by the
 * gateway's auth route before this one runs. Each event keeps `extensions.eventId`, so a client
 * resubscribes with `after` and misses nothing.
 */
import type http from 'node:http';
import type { ExecutionResult, GraphQLError } from 'graphql';
import { pumpEventStream, readBodyWithin } from '@app/kit/sse';
import { errorsContentType, type Route } from '@app/kit/http';
import type { Logger } from '@app/kit/log';
import type { ClientAddressOf } from '../client-address.ts';
import type { GatewayContext } from '../context.ts';
import { SUBSCRIPTION_CODES, type OpenCounts, type SubscriptionCapsConfig, type subscriptionAdmission } from './admission.ts';
import type { SubscriptionHub } from './hub.ts';
import { httpRefusal, sendRefusal } from './refusals.ts';

type Admission = ReturnType<typeof subscriptionAdmission>;

export const MULTIPART_CONTENT_TYPE = 'multipart/mixed;boundary="graphql";subscriptionSpec="1.0"';
/** How long a stream may stay silent before a heartbeat: proxies and clients take a quiet connection for a dead one. */
export const HEARTBEAT_MS = 5_000;

// RFC 2046: the CRLF before a delimiter belongs to the delimiter. Apollo Client splits the body
// on "\r\n--graphql", so the body starts with one (the preamble before it is empty).
const DELIMITER = '\r\n--graphql';
const PART_HEADERS = '\r\ncontent-type: application/json; charset=utf-8\r\n\r\n';

/** Written first: the delimiter and headers of the first part, whose JSON comes with the first event. */
export const OPENING = `${DELIMITER}${PART_HEADERS}`;

/**
 * A part's JSON, followed by what comes after it: the next part's delimiter and headers, or the
 * closing delimiter. A client reads a part only once it sees the delimiter after it, so each
 * write carries that delimiter; otherwise an event would wait in the client for the next one.
 */
export function multipartPart(json: unknown, last = false): string {
  return `${JSON.stringify(json)}${DELIMITER}${last ? '--\r\n' : PART_HEADERS}`;
}

/** An event: the spec wraps each result in `payload`, so a transport error (below) can stand beside it. */
export const eventPart = (result: ExecutionResult): string => multipartPart({ payload: result });
/** Nothing happened: a client skips an empty object. */
export const HEARTBEAT_PART = multipartPart({});
/**
 * The stream was ended by the transport, not by the subscription (shutdown, a slow reader):
 * `payload: null` with errors at the top level, which Apollo Client raises as an error carrying
 * their codes, so the caller knows to resubscribe with `after`. The last part.
 */
export const transportErrorPart = (errors: readonly { message: string; extensions: { code: string } }[]): string => multipartPart({ payload: null, errors }, true);
/** The subscription completed: an empty last part (the part already opened needs a body) and the closing delimiter, without which a client reports a premature end. */
export const CLOSING = multipartPart({}, true);

/** Whether an Accept header asks for multipart subscriptions (Apollo Client: `multipart/mixed;boundary=graphql;subscriptionSpec=1.0`). */
export function acceptsMultipartSubscription(accept: string | undefined): boolean {
  return (accept ?? '').split(',').some((type) => /^\s*multipart\/mixed\s*;/i.test(type) && /;\s*subscriptionSpec\s*=\s*"?1\.0"?\s*(;|$)/i.test(type));
}


interface RequestBody {
  query: string;
  variables: Record<string, unknown> | null;
  operationName: string | null;
}

/** The POST body's operation, or null when it is not a GraphQL request at all. */
function readRequest(rawBody: string): RequestBody | null {
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    return null;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const { query, variables, operationName } = body as Record<string, unknown>;
  if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) return null;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return null;
  return { query: query as string, variables: (variables as Record<string, unknown> | null | undefined) ?? null, operationName: (operationName as string | null | undefined) ?? null };
}

/** The hub's results as parts; not an async generator, so the response closing ends the client stream at once. */
function parts(results: AsyncIterableIterator<ExecutionResult>, res: http.ServerResponse): AsyncIterableIterator<string> {
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      const step = await results.next();
      // Ended by the transport meanwhile (shutdown, a slow reader): nothing more may be written.
      if (step.done || res.writableEnded) return { done: true, value: undefined };
      return { done: false, value: eventPart(step.value) };
    },
    async return() {
      await results.return?.();
      return { done: true, value: undefined };
    },
  };
}

export interface MultipartTransportOptions {
  hub: SubscriptionHub;
  admission: Admission;
  /** The request's verified caller (set by the auth route). */
  contextOf: (req: http.IncomingMessage) => GatewayContext;
  clientAddressOf: ClientAddressOf;
  caps: SubscriptionCapsConfig;
  connections: OpenCounts;
  maxBodyBytes: number;
  logger: Logger;
  /** Tests shorten it. */
  heartbeatMs?: number;
}

export function multipartTransport(options: MultipartTransportOptions) {
  const heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
  /** Each open stream, with how to end it with a transport error. */
  const open = new Map<http.ServerResponse, (code: string, message: string) => void>();
  let closing = false;

  const route: Route = async (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if ((path !== '/graphql' && path !== '/') || req.method !== 'POST' || !acceptsMultipartSubscription(req.headers.accept)) return false;
    const contentType = errorsContentType(req.headers.accept);
    const refuse = (errors: readonly GraphQLError[]) => {
      const refusal = httpRefusal(errors, contentType);
      res.writeHead(refusal.status, { ...refusal.headers, 'content-length': Buffer.byteLength(refusal.body) }).end(refusal.body);
    };
    if (closing) {
      res.setHeader('retry-after', '1');
      sendRefusal(res, 503, 'SERVICE_UNAVAILABLE', 'The gateway is shutting down; subscribe again in a moment.', contentType);
      return true;
    }
    const releaseConnection = options.connections.take([{ key: `ip:${options.clientAddressOf(req) ?? 'unknown'}`, max: options.caps.connectionsPerIp }]);
    if (!releaseConnection) {
      sendRefusal(res, 429, SUBSCRIPTION_CODES.connectionLimit, `Too many open connections from this address (at most ${options.caps.connectionsPerIp}).`, contentType);
      return true;
    }
    try {
      const rawBody = await readBodyWithin(req, options.maxBodyBytes);
      if (rawBody === null) {
        sendRefusal(res, 413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${options.maxBodyBytes} bytes.`, contentType);
        return true;
      }
      const request = readRequest(rawBody);
      if (!request) {
        sendRefusal(res, 400, 'BAD_REQUEST', 'The body must be a JSON object with `query` and optionally `variables` (an object) and `operationName`.', contentType);
        return true;
      }
      const context = options.contextOf(req);
      const admitted = await options.admission.admit(request, context);
      if (!admitted.ok) {
        refuse(admitted.errors);
        return true;
      }
      if (closing || res.destroyed) {
        admitted.release();
        if (!res.destroyed) refuse(options.admission.refusal('The gateway is shutting down; subscribe again in a moment.', 'SERVICE_UNAVAILABLE'));
        return true;
      }

      let end: ((code: string, message: string) => void) | null = null;
      let results: AsyncIterableIterator<ExecutionResult>;
      try {
        results = options.hub.start(admitted, context, () => {
          options.logger.warn({ requestId: context.viewer.requestId }, 'disconnecting a multipart client that reads too slowly');
          end?.(SUBSCRIPTION_CODES.slowConsumer, `More than ${options.caps.maxBufferedEvents} events waited for this response; subscribe again with after: the last event id.`);
        });
      } catch (error) {
        options.logger.error({ err: error, requestId: context.viewer.requestId }, 'could not start a subscription');
        refuse(options.admission.refusal('The subscription could not be started; try again in a moment.', 'SERVICE_UNAVAILABLE'));
        return true;
      }

      res.writeHead(200, { 'content-type': MULTIPART_CONTENT_TYPE, 'cache-control': 'no-cache', 'x-accel-buffering': 'no' });
      res.write(OPENING);
      let heartbeat: NodeJS.Timeout | null = null;
      const beatLater = () => {
        if (heartbeat) clearTimeout(heartbeat);
        heartbeat = setTimeout(() => {
          // A reader whose buffer is full gains nothing from another part; the pump is waiting on it.
          if (!res.writableEnded && !res.writableNeedDrain) res.write(HEARTBEAT_PART);
          beatLater();
        }, heartbeatMs);
        heartbeat.unref();
      };
      end = (code, message) => {
        if (res.writableEnded) return;
        void results.return?.();
        res.end(transportErrorPart([{ message, extensions: { code } }]));
        // A reader that stopped reading never takes the end: let the socket go rather than hold it.
        const letGo = setTimeout(() => res.destroy(), heartbeatMs);
        letGo.unref();
        res.once('finish', () => clearTimeout(letGo));
      };
      // The client went away: its ClientStream ends, and with it the hub's hold on its slots.
      const stop = () => void results.return?.();
      res.on('close', stop);
      // A write racing the end (an event taken just as the stream was ended) must not crash the process.
      res.on('error', (error) => options.logger.debug({ err: error }, 'multipart response failed'));
      open.set(res, end);
      beatLater();
      try {
        await pumpEventStream(res, parts(results, res), (part) => {
          beatLater();
          return part;
        });
        // The subscription completed (the LIVE stream ended): a clean end, which Apollo Client completes on.
        if (!res.writableEnded && !res.destroyed) res.end(CLOSING);
      } catch (error) {
        if (!res.destroyed) options.logger.warn({ err: error }, 'multipart stream failed');
      } finally {
        if (heartbeat) clearTimeout(heartbeat);
        open.delete(res);
        res.off('close', stop);
        await results.return?.();
        if (!res.destroyed && !res.writableEnded) res.end();
      }
      return true;
    } finally {
      releaseConnection();
    }
  };

  return {
    route,
    /**
     * At shutdown: end each stream with a transport error (`SERVICE_UNAVAILABLE`) rather than a
     * clean end, so its client resubscribes (with `after`: the last event id) instead of taking
     * the subscription for finished.
     */
    close(): void {
      closing = true;
      for (const [, end] of open) end('SERVICE_UNAVAILABLE', 'The gateway is restarting; subscribe again with after: the last event id.');
      open.clear();
    },
  };
}

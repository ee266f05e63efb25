/**
 * Subscriptions over Server-Sent Events on the gateway's `/graphql` path, with graphql-sse
 * (distinct connections: `curl -N -H 'accept: text/event-stream' --json '{"query": …}'` works).
 * Credentials are the request's own headers, checked by the gateway's auth route before this
 * one runs. Each event carries `id: <event id>`, so a client that reconnects with
 * `Last-Event-ID` resumes after it and misses nothing.
 */
import type http from 'node:http';
import type { GraphQLError } from 'graphql';
import { createHandler, type ExecutionResult as SseExecutionResult } from 'graphql-sse';
import { EVENT_STREAM, pumpEventStream, readBodyWithin } from '@app/kit/sse';
import type { Route } from '@app/kit/http';
import type { Logger } from '@app/kit/log';
import type { ClientAddressOf } from '../client-address.ts';
import type { GatewayContext } from '../context.ts';
import { SUBSCRIPTION_CODES, type OpenCounts, type SubscriptionCapsConfig, type subscriptionAdmission } from './admission.ts';
import type { SubscriptionHub } from './hub.ts';
import { httpRefusal, sendRefusal } from './refusals.ts';

type Admission = ReturnType<typeof subscriptionAdmission>;

export interface EventStreamTransportOptions {
  hub: SubscriptionHub;
  admission: Admission;
  /** The request's verified caller (set by the auth route). */
  contextOf: (req: http.IncomingMessage) => GatewayContext;
  clientAddressOf: ClientAddressOf;
  caps: SubscriptionCapsConfig;
  connections: OpenCounts;
  maxBodyBytes: number;
  logger: Logger;
}

interface StreamState {
  context: GatewayContext;
  lastEventId: string | null;
  /** Event ids of the results on their way out, in order, for the `id:` lines. */
  ids: (string | null)[];
  res: http.ServerResponse;
  release: (() => void) | null;
}


/** A refusal as graphql-sse's own response (a JSON body of GraphQL errors), keeping each error's code. */
function refusal(errors: readonly GraphQLError[]): [string, { status: number; statusText: string; headers: Record<string, string> }] {
  const { status, headers, body } = httpRefusal(errors);
  return [body, { status, statusText: 'Refused', headers }];
}

export function eventStreamTransport(options: EventStreamTransportOptions) {
  const handler = createHandler<http.IncomingMessage, StreamState>({
    // The hub validates and plans; graphql-sse only speaks the protocol.
    onSubscribe: async (req, params) => {
      const state = req.context;
      const admitted = await options.admission.admit({ query: params.query, variables: params.variables ?? null, operationName: params.operationName ?? null }, state.context);
      // graphql-sse answers a returned response as it is: the refusal keeps its code and status.
      if (!admitted.ok) return refusal(admitted.errors);
      state.release = admitted.release;
      try {
        const slow = () => {
          options.logger.warn({ requestId: state.context.viewer.requestId }, 'disconnecting an event-stream client that reads too slowly');
          state.res.destroy(new Error(SUBSCRIPTION_CODES.slowConsumer));
        };
        // The browser's own resume (EventSource's Last-Event-ID) wins over the document's `after`.
        return options.hub.start(admitted, state.context, slow, state.lastEventId ?? admitted.position) as unknown as AsyncGenerator<SseExecutionResult>;
      } catch (error) {
        options.logger.error({ err: error, requestId: state.context.viewer.requestId }, 'could not start a subscription');
        return refusal(options.admission.refusal('The subscription could not be started; try again in a moment.', 'SERVICE_UNAVAILABLE'));
      }
    },
    onNext: (ctx, req, result) => {
      const eventId = (result as { extensions?: { eventId?: unknown } }).extensions?.eventId;
      req.context.ids.push(typeof eventId === 'string' ? eventId : null);
    },
  });

  const open = new Set<http.ServerResponse>();
  let closing = false;
  const route: Route = async (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if ((path !== '/graphql' && path !== '/') || !(req.headers.accept ?? '').includes(EVENT_STREAM) || req.method !== 'POST') return false;
    if (closing) {
      res.setHeader('retry-after', '1');
      sendRefusal(res, 503, 'SERVICE_UNAVAILABLE', 'The gateway is shutting down; subscribe again in a moment.');
      return true;
    }
    const releaseConnection = options.connections.take([{ key: `ip:${options.clientAddressOf(req) ?? 'unknown'}`, max: options.caps.connectionsPerIp }]);
    if (!releaseConnection) {
      sendRefusal(res, 429, SUBSCRIPTION_CODES.connectionLimit, `Too many open connections from this address (at most ${options.caps.connectionsPerIp}).`);
      return true;
    }
    try {
      const rawBody = await readBodyWithin(req, options.maxBodyBytes);
      if (rawBody === null) {
        sendRefusal(res, 413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${options.maxBodyBytes} bytes.`);
        return true;
      }
      const lastEventId = req.headers['last-event-id'];
      const state: StreamState = { context: options.contextOf(req), lastEventId: typeof lastEventId === 'string' && /^\d{1,15}$/.test(lastEventId) ? lastEventId : null, ids: [], res, release: null };
      const [body, init] = await handler({
        method: 'POST',
        url: req.url ?? '/graphql',
        headers: { get: (key) => (key.toLowerCase() === 'accept' ? EVENT_STREAM : ((req.headers[key.toLowerCase()] as string | undefined) ?? null)) },
        body: rawBody,
        raw: req,
        context: state,
      });
      res.writeHead(init.status, init.headers as http.OutgoingHttpHeaders);
      if (body === null || typeof body === 'string') {
        res.end(body ?? undefined);
        return true;
      }
      const stop = () => void body.return(undefined);
      res.on('close', stop);
      open.add(res);
      try {
        // Each event's id on its own line, so EventSource and `curl` clients can resume.
        await pumpEventStream(res, body, (chunk) => {
          const id = chunk.startsWith('event: next') ? state.ids.shift() : null;
          return id ? `id: ${id}\n${chunk}` : chunk;
        });
      } catch (error) {
        if (!res.destroyed) options.logger.warn({ err: error }, 'event stream failed');
      } finally {
        open.delete(res);
        res.off('close', stop);
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
     * At shutdown: end each stream without `complete`, telling the client to come back in a
     * second (`retry:`). An EventSource reconnects by itself with `Last-Event-ID` and misses
     * nothing; the graphql-sse client retries.
     */
    close(): void {
      closing = true;
      for (const res of open) {
        open.delete(res);
        if (!res.writableEnded) res.end('retry: 1000\n\n');
      }
    },
  };
}

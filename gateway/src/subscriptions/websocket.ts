/**
 * Subscriptions over WebSocket on the gateway's `/graphql` path, with graphql-ws (the
 * `graphql-transport-ws` protocol Apollo Sandbox, Apollo Client, urql and Relay speak).
 * The caller authenticates in `connection_init`: `{ "authorization": "Bearer …" }` or
 * `{ "x-api-key": "…" }`; a bad credential closes with the protocol's 4401 Unauthorized.
 */
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import type { GraphQLError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Logger } from '@app/kit/log';
import type { Viewer } from '@app/kit/viewer';
import { KeyStoreUnavailableError } from '../auth.ts';
import type { ClientAddressOf } from '../client-address.ts';
import type { GatewayContext } from '../context.ts';
import { SUBSCRIPTION_CODES, type OpenCounts, type SubscriptionCapsConfig, type subscriptionAdmission } from './admission.ts';
import type { SubscriptionHub } from './hub.ts';
import { coalesceWrites } from './coalesced-writes.ts';
import { serializeOnce } from './serialize-once.ts';

type Admission = ReturnType<typeof subscriptionAdmission>;

export interface WebSocketTransportOptions {
  hub: SubscriptionHub;
  admission: Admission;
  /** Verifies a credential given as headers, as for an HTTP request. @throws on a bad one. */
  authenticate: (headers: Record<string, string | undefined>, remoteAddress: string | null) => Promise<{ viewer: Viewer; partnerTier: string | null }>;
  caps: SubscriptionCapsConfig;
  connections: OpenCounts;
  clientAddressOf: ClientAddressOf;
  maxPayloadBytes: number;
  production: boolean;
  logger: Logger;
}

interface ConnectionState {
  context?: GatewayContext;
  socket: WebSocket;
  /** Subscribe messages this connection may still send now (refills each second). */
  subscribeBudget: { tokens: number; updatedAt: number };
}

/**
 * What one connection may ask per second: subscribe messages past this are refused THROTTLED
 * before they are read, so one socket cannot make the gateway parse for everyone else's time.
 */
export const SUBSCRIBE_MESSAGES_PER_SECOND = 20;
const SUBSCRIBE_BURST = 40;

function takeSubscribeBudget(state: ConnectionState, now: number): boolean {
  const budget = state.subscribeBudget;
  budget.tokens = Math.min(SUBSCRIBE_BURST, budget.tokens + ((now - budget.updatedAt) / 1000) * SUBSCRIBE_MESSAGES_PER_SECOND);
  budget.updatedAt = now;
  if (budget.tokens < 1) return false;
  budget.tokens -= 1;
  return true;
}

/** A connection-init payload's credential, whatever the case of its keys. */
function credentials(params: Record<string, unknown> | undefined): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(params ?? {})) {
    const name = key.toLowerCase();
    if ((name === 'authorization' || name === 'x-api-key') && typeof value === 'string') headers[name] = value;
  }
  return headers;
}

export function webSocketTransport(options: WebSocketTransportOptions) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayloadBytes });
  const states = new WeakMap<object, ConnectionState>();
  let closing = false;
  const { keepAliveMs } = options.caps;

  const payloads = serializeOnce();
  const server = useServer<Record<string, unknown>, { socket: WebSocket; request: http.IncomingMessage }>(
    {
      jsonMessageReplacer: payloads.replacer,
      onConnect: async (ctx) => {
        const { socket, request } = ctx.extra;
        coalesceWrites(socket, request.socket);
        payloads.wrap(socket);
        const state: ConnectionState = { socket, subscribeBudget: { tokens: SUBSCRIBE_BURST, updatedAt: Date.now() } };
        states.set(ctx, state);
        const clientIp = options.clientAddressOf(request);
        try {
          const { viewer, partnerTier } = await options.authenticate(credentials(ctx.connectionParams), clientIp);
          state.context = { viewer, partnerTier, clientIp };
          return true;
        } catch (error) {
          // 1013 "Try Again Later": the key may be good, the store to check it does not answer.
          if (error instanceof KeyStoreUnavailableError) {
            socket.close(1013, 'Try again later: API keys cannot be checked right now');
            return false;
          }
          options.logger.info({ reason: (error as Error).message }, 'refused a WebSocket credential');
          socket.close(4401, 'Unauthorized: the token or API key in connection_init is not valid');
          return false;
        }
      },
      onSubscribe: async (ctx, _id, payload) => {
        const state = states.get(ctx);
        if (!state?.context) return [];
        if (!takeSubscribeBudget(state, Date.now())) {
          return options.admission.refusal(`Too many subscribe messages on this connection: at most ${SUBSCRIBE_MESSAGES_PER_SECOND} a second. Retry in 1 s.`, 'THROTTLED');
        }
        const admitted = await options.admission.admit(payload, state.context);
        if (!admitted.ok) return admitted.errors as GraphQLError[];
        if (closing) {
          admitted.release();
          return options.admission.refusal('The gateway is shutting down; subscribe again in a moment.', 'SERVICE_UNAVAILABLE');
        }
        return {
          schema: options.hub.apiSchema,
          document: admitted.document,
          operationName: admitted.operationName,
          variableValues: admitted.variables,
          contextValue: { admitted, context: state.context, socket: state.socket },
        };
      },
      // Results come out of the hub already formatted for clients (plain objects, errors masked),
      // one object per event for all its clients: serialized once (`serialize-once.ts`).
      onNext: (_ctx, _id, _payload, _args, result) => payloads.remember(result as object) as never,
      subscribe: (args) => {
        const { admitted, context, socket } = args.contextValue as unknown as { admitted: Extract<Awaited<ReturnType<Admission['admit']>>, { ok: true }>; context: GatewayContext; socket: WebSocket };
        try {
          return options.hub.start(admitted, context, () => {
            options.logger.warn({ requestId: context.viewer.requestId }, 'disconnecting a WebSocket client that reads too slowly');
            socket.close(1008, `${SUBSCRIPTION_CODES.slowConsumer}: more than ${options.caps.maxBufferedEvents} events waited for this connection`);
          });
        } catch (error) {
          // The hub gave the caller's slots back; the client hears a coded error, not 4500.
          options.logger.error({ err: error, requestId: context.viewer.requestId }, 'could not start a subscription');
          return { errors: options.admission.refusal('The subscription could not be started; try again in a moment.', 'SERVICE_UNAVAILABLE') };
        }
      },
    },
    wss,
    // The keep-alive is ours (below), not graphql-ws's: it must tell a slow reader from a dead peer.
    0,
  );

  /**
   * Pings each connection every `keepAliveMs`; one that has not answered the last ping is closed
   * with 1008 SLOW_CONSUMER, as when its buffer fills: a client that stopped reading stops
   * answering pings long before a thousand events pile up, and must hear why once it reads again
   * (a peer that is simply gone never will; its socket is let go after the close handshake's wait).
   */
  wss.on('connection', (socket: WebSocket) => {
    let answered = true;
    socket.on('pong', () => (answered = true));
    const timer = setInterval(() => {
      if (socket.readyState !== socket.OPEN) return;
      if (answered) {
        answered = false;
        socket.ping();
        return;
      }
      clearInterval(timer);
      options.hub.countSlowConsumer();
      options.logger.warn({}, 'disconnecting a WebSocket client that stopped reading');
      socket.close(1008, `${SUBSCRIPTION_CODES.slowConsumer}: the connection stopped reading (no answer to a ping in ${Math.round(keepAliveMs / 1000)} s)`);
    }, keepAliveMs);
    timer.unref();
    socket.once('close', () => clearInterval(timer));
  });

  return {
    /** Takes over `upgrade` requests for the GraphQL path; refuses an address over its connection cap. */
    handleUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
      const path = (req.url ?? '/').split('?')[0];
      if (closing || (path !== '/graphql' && path !== '/')) {
        socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
        return;
      }
      const release = options.connections.take([{ key: `ip:${options.clientAddressOf(req) ?? 'unknown'}`, max: options.caps.connectionsPerIp }]);
      if (!release) {
        const body = JSON.stringify({ errors: [{ message: `Too many open connections from this address (at most ${options.caps.connectionsPerIp}).`, extensions: { code: SUBSCRIPTION_CODES.connectionLimit } }] });
        socket.end(`HTTP/1.1 429 Too Many Requests\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
        return;
      }
      // The socket's close, not the WebSocket's: a handshake the server refuses (no key, a bad
      // version) or the client drops half-way never becomes a WebSocket, and must not hold a slot.
      socket.once('close', release);
      wss.handleUpgrade(req, socket, head, (ws) => {
        ws.once('close', release);
        wss.emit('connection', ws, req);
      });
    },
    /**
     * At shutdown: close each socket with 1012 Service Restart and no `complete`, so clients
     * (graphql-ws, Apollo Client, urql) treat it as a dropped connection and subscribe again, to
     * this gateway once it is back or to another replica; resuming with `after` loses nothing.
     */
    async close(): Promise<void> {
      closing = true;
      for (const socket of wss.clients) socket.close(1012, 'Service restart: reconnect and subscribe again (with after: the last event id)');
      await server.dispose();
    },
  };
}

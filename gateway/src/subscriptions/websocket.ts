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
import type { GatewayContext } from '../context.ts';
import { SUBSCRIPTION_CODES, type OpenCounts, type SubscriptionCapsConfig, type subscriptionAdmission } from './admission.ts';
import type { SubscriptionHub } from './hub.ts';

type Admission = ReturnType<typeof subscriptionAdmission>;

export interface WebSocketTransportOptions {
  hub: SubscriptionHub;
  admission: Admission;
  /** Verifies a credential given as headers, as for an HTTP request. @throws on a bad one. */
  authenticate: (headers: Record<string, string | undefined>, remoteAddress: string | null) => Promise<{ viewer: Viewer; partnerTier: string | null }>;
  caps: SubscriptionCapsConfig;
  connections: OpenCounts;
  maxPayloadBytes: number;
  production: boolean;
  logger: Logger;
  /** How often idle connections are pinged (and dropped when they do not answer). */
  keepAliveMs?: number;
}

interface ConnectionState {
  context?: GatewayContext;
  socket: WebSocket;
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

  const server = useServer<Record<string, unknown>, { socket: WebSocket; request: http.IncomingMessage }>(
    {
      onConnect: async (ctx) => {
        const { socket, request } = ctx.extra;
        const state: ConnectionState = { socket };
        states.set(ctx, state);
        const clientIp = request.socket.remoteAddress ?? null;
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
      // Results come out of the hub already formatted for clients (plain objects, errors masked).
      onNext: (_ctx, _id, _payload, _args, result) => result as never,
      subscribe: (args) => {
        const { admitted, context, socket } = args.contextValue as unknown as { admitted: Extract<Awaited<ReturnType<Admission['admit']>>, { ok: true }>; context: GatewayContext; socket: WebSocket };
        return options.hub.subscribe({
          document: admitted.document,
          source: admitted.source,
          operationName: admitted.operationName,
          variables: admitted.variables,
          context,
          onClose: admitted.release,
          onSlow: () => {
            options.logger.warn({ requestId: context.viewer.requestId }, 'disconnecting a WebSocket client that reads too slowly');
            socket.close(1008, `${SUBSCRIPTION_CODES.slowConsumer}: more than ${options.caps.maxBufferedEvents} events waited for this connection`);
          },
        });
      },
    },
    wss,
    options.keepAliveMs ?? 12_000,
  );

  return {
    /** Takes over `upgrade` requests for the GraphQL path; refuses an address over its connection cap. */
    handleUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
      const path = (req.url ?? '/').split('?')[0];
      if (closing || (path !== '/graphql' && path !== '/')) {
        socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
        return;
      }
      const release = options.connections.take([{ key: `ip:${req.socket.remoteAddress ?? 'unknown'}`, max: options.caps.connectionsPerIp }]);
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

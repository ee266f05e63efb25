/**
 * Subscriptions through the gateway, wired: the planner, the hub that shares upstream
 * subscriptions and completions, the admission every subscription passes, and the three client
 * transports (WebSocket with graphql-ws, Server-Sent Events with graphql-sse, multipart HTTP with
 * Apollo's protocol).
 */
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import type { ServiceMap } from '@apollo/gateway';
import type { GraphQLFormattedError, ValidationRule } from 'graphql';
import type { Registry } from 'prom-client';
import type { Route } from '@app/kit/http';
import type { Logger } from '@app/kit/log';
import type { Viewer } from '@app/kit/viewer';
import type { ClientAddressOf } from '../client-address.ts';
import type { CostConfig } from '../cost.ts';
import type { RateLimitStore } from '../rate-limit.ts';
import type { GatewayContext } from '../context.ts';
import { OpenCounts, subscriptionAdmission, type SubscriptionCapsConfig } from './admission.ts';
import { eventStreamTransport } from './event-stream.ts';
import { SubscriptionHub } from './hub.ts';
import { multipartTransport } from './multipart.ts';
import { SubscriptionPlanner } from './plan.ts';
import { webSocketTransport } from './websocket.ts';

export interface SubscriptionsOptions {
  supergraphSdl: string;
  serviceMap: () => ServiceMap;
  subgraphUrl: (service: string) => string;
  secret: string;
  validationRules: readonly ValidationRule[];
  maxTokens: number;
  maxBodyBytes: number;
  cost: CostConfig;
  rateLimits: RateLimitStore;
  caps: SubscriptionCapsConfig;
  authenticate: (headers: Record<string, string | undefined>, remoteAddress: string | null) => Promise<{ viewer: Viewer; partnerTier: string | null }>;
  contextOf: (req: http.IncomingMessage) => GatewayContext;
  /** The client's address, as every per-address cap counts it (`client-address.ts`). */
  clientAddressOf: ClientAddressOf;
  production: boolean;
  registry: Registry;
  logger: Logger;
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
}

export function createSubscriptions(options: SubscriptionsOptions) {
  const planner = new SubscriptionPlanner(options.supergraphSdl);
  const hub = new SubscriptionHub({
    planner,
    serviceMap: options.serviceMap,
    subgraphUrl: options.subgraphUrl,
    secret: options.secret,
    logger: options.logger,
    registry: options.registry,
    maxBuffered: options.caps.maxBufferedEvents,
    formatError: options.formatError,
  });
  const admission = subscriptionAdmission({
    planner,
    validationRules: options.validationRules,
    maxTokens: options.maxTokens,
    cost: options.cost,
    rateLimits: options.rateLimits,
    caps: options.caps,
    formatError: options.formatError,
  });
  const connections = new OpenCounts();
  const webSocket = webSocketTransport({
    hub,
    admission,
    authenticate: options.authenticate,
    caps: options.caps,
    connections,
    clientAddressOf: options.clientAddressOf,
    maxPayloadBytes: options.maxBodyBytes,
    production: options.production,
    logger: options.logger,
  });
  // The two HTTP transports read the same request and keep the same rules.
  const overHttp = {
    hub,
    admission,
    contextOf: options.contextOf,
    clientAddressOf: options.clientAddressOf,
    caps: options.caps,
    connections,
    maxBodyBytes: options.maxBodyBytes,
    logger: options.logger,
  };
  const eventStream = eventStreamTransport(overHttp);
  const multipart = multipartTransport(overHttp);
  const route: Route = async (req, res) => (await eventStream.route(req, res)) || multipart.route(req, res);
  let closed: Promise<void> | null = null;
  return {
    hub,
    /** Open WebSocket connections, event streams and multipart responses, for tests and metrics. */
    openConnections: () => connections.total,
    /**
     * Subscriptions on POST /graphql: SSE with `Accept: text/event-stream`, multipart with
     * `Accept: multipart/mixed;subscriptionSpec=1.0`; put it after the auth route.
     */
    route,
    /** Give the HTTP server's `upgrade` events to this. */
    handleUpgrade: (req: http.IncomingMessage, socket: Duplex, head: Buffer) => webSocket.handleUpgrade(req, socket, head),
    /** Refuses new subscriptions and closes every open one so its client comes back (WebSocket 1012, SSE `retry:`, multipart `SERVICE_UNAVAILABLE`). */
    close(): Promise<void> {
      closed ??= (async () => {
        // Connections first (clients are told to come back), then the hub lets go of upstreams.
        eventStream.close();
        multipart.close();
        await webSocket.close();
        await hub.close();
      })();
      return closed;
    },
  };
}

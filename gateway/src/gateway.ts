// First: @apollo/gateway must not be loaded before its telemetry default is set.
import './telemetry.ts';
// Before any request runs: the plan executor's per-document conversion, remembered.
import './operation-cache.ts';
import type http from 'node:http';
import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { Pool } from 'undici';
import { subgraphUrl, SUBGRAPH_NAMES, type SubgraphName } from '@app/kit/config';
import { isPublicCode } from '@app/kit/errors';
import { graphQLHandler, type Route } from '@app/kit/http';
import type { Logger } from '@app/kit/log';
import { metricsRoute } from '@app/kit/metrics';
import { cachedProbe, OutageGate } from '@app/kit/outage';
import { errorLogging } from '@app/kit/subgraph';
import { tracingPlugin } from '@app/kit/tracing';
import { createAuthenticator } from './auth.ts';
import { useAuthentication } from './auth-route.ts';
import { clientAddressResolver } from './client-address.ts';
import { DEFAULT_ENTITY_CACHE, DEFAULT_TRUSTED_DOCUMENTS_PATH, type GatewayConfig } from './config.ts';
import type { GatewayContext } from './context.ts';
import { useCors } from './cors.ts';
import { useCost } from './cost.ts';
import { useDefer } from './defer/serve.ts';
import { useEntityCache } from './entity-cache.ts';
import { MemoryEntityCacheStore, type EntityCacheStore } from './entity-cache/store.ts';
import { useErrorFormatting } from './errors.ts';
import { explorerFor } from './explorer.ts';
import { subgraphReadiness, useHealth } from './health.ts';
import { useIntrospectionGate } from './introspection.ts';
import type { KeyStore } from './db/keys.ts';
import { useOperationLimits, VALIDATION_LIMIT_CODES } from './limits.ts';
import { createGatewayMetrics, registerNearCacheMetrics } from './metrics.ts';
import { errorCodeOf, useMetrics } from './observability.ts';
import { MemoryRateLimitStore, type RateLimitStore } from './rate-limit.ts';
import { withLocalFallback } from './rate-limit-fallback.ts';
import { tolerateOutages } from './entity-cache/outage.ts';
import type { SharedState } from './redis/open.ts';
import { SubgraphDataSource } from './subgraph-fetch.ts';
import { responseCacheVersion, useResponseCache } from './response-cache.ts';
import { readTrustedDocuments, useTrustedDocuments } from './trusted-documents.ts';
import { useVerifiedTokens } from './verified-tokens.ts';
import { useSubgraphFailureLog } from './subgraph-failure-log.ts';
import { useSubscriptionTransportRule } from './subscriptions/over-http.ts';
import { createSubscriptions } from './subscriptions/serve.ts';

export const defaultSupergraphPath = new URL('../../schema/supergraph.graphql', import.meta.url);

export interface GatewayOptions {
  config: GatewayConfig;
  keys: KeyStore;
  supergraphSdl?: string;
  /** Where each subgraph listens; defaults come from `<NAME>_URL` or loopback ports 4001–4004. */
  subgraphUrls?: Partial<Record<SubgraphName, string>>;
  /** Where rate-limit buckets live; in memory unless replicas need to share them. */
  rateLimitStore?: RateLimitStore;
  /** Where the entity cache keeps entries when `config.entityCache.store` is `postgres` (replicas share it). */
  entityCacheStore?: EntityCacheStore;
  /** The replicas' shared state in Redis (`REDIS_URL`, `redis/open.ts`): entity cache and rate limits there. */
  sharedState?: SharedState;
  /** Whether the gateway's store answers, when it is on another server (Postgres): `/ready` asks it. */
  storePing?: () => Promise<boolean>;
  /** The trusted documents (id → text); read from `config.trustedDocuments.path` when not given. */
  trustedDocuments?: Map<string, string>;
  logger: Logger;
}

/**
 * Builds the gateway and its Apollo Server without binding a port, so tests can serve it on
 * port 0 and `index.ts` on the configured one. Each concern lives in its own file; this wires them.
 */
export function createGateway(options: GatewayOptions) {
  const { config, logger } = options;
  const metrics = createGatewayMetrics();
  const urls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, options.subgraphUrls?.[name] ?? subgraphUrl(name)])) as Record<SubgraphName, string>;
  // Keep-alive sockets are closed by the gateway before the subgraphs' 65 s keep-alive ends, so
  // a reused socket is never one the subgraph is closing.
  const pools = new Map<string, Pool>();
  const failures = useSubgraphFailureLog({ logger });
  // Subscriptions complete their events through the same data sources queries use.
  const dataSources = new Map<string, SubgraphDataSource>();
  const supergraphSdl = options.supergraphSdl ?? readFileSync(defaultSupergraphPath, 'utf8');
  const documents = options.trustedDocuments ?? readTrustedDocuments(config.trustedDocuments?.path ?? DEFAULT_TRUSTED_DOCUMENTS_PATH);
  // One gate for the gateway's store: while it does not answer, rate limits fall back to this
  // replica's memory, the shared entity cache misses, API keys are refused as unavailable, and
  // `/ready` says 503; said once when it starts and once when it ends (docs/design-notes.md).
  const storeGate = new OutageGate({
    onDown: (error) =>
      logger.warn(
        { err: error },
        options.sharedState
          ? "the gateway's store does not answer: API keys get SERVICE_UNAVAILABLE until it does (the entity cache and rate limits are in Redis)"
          : "the gateway's store does not answer: rate limits use this replica's buckets, the entity cache is skipped, API keys get SERVICE_UNAVAILABLE until it does",
      ),
    onUp: () => logger.info("the gateway's store answers again: shared rate limits, entity cache and API keys are back"),
  });
  const storePing = options.storePing;
  // A probe that answers closes the gate at once (recovery does not wait for traffic); one that
  // does not only says 503: a slow `select 1` under load must not refuse API keys, and the
  // requests themselves open the gate on a real outage.
  const storeReady = storePing
    ? cachedProbe(async () => {
        const ok = await storePing();
        if (ok) storeGate.succeeded();
        return ok;
      })
    : undefined;
  // Redis (the replicas' shared state) has a gate of its own: while it does not answer, the entity
  // cache and rate limits use this replica's memory and `/ready` says degraded.
  const shared = options.sharedState;
  if (shared?.nearCache) registerNearCacheMetrics(metrics.registry, shared.nearCache.counts);
  const sharedGate = shared
    ? new OutageGate({
        onDown: (error) => logger.warn({ err: error }, "Redis does not answer: the entity cache and rate limits use this replica's memory until it does"),
        onUp: () => logger.info('Redis answers again: the entity cache and rate limits are shared again'),
      })
    : undefined;
  const sharedReady = shared
    ? cachedProbe(async () => {
        const ok = await shared.ping();
        if (ok) sharedGate!.succeeded();
        return ok;
      })
    : undefined;
  const cacheConfig = config.entityCache ?? DEFAULT_ENTITY_CACHE;
  if (cacheConfig.store === 'postgres' && !options.entityCacheStore) throw new Error('The entity cache is configured on Postgres, but no shared store was given.');
  if (cacheConfig.store === 'redis' && !shared) throw new Error('The entity cache is configured on Redis, but no shared state was given.');
  const cacheStore: EntityCacheStore | undefined =
    cacheConfig.store === 'off'
      ? undefined
      : cacheConfig.store === 'postgres'
        ? tolerateOutages(options.entityCacheStore!, storeGate)
        : cacheConfig.store === 'redis'
          ? tolerateOutages(shared!.entityCache, sharedGate!, { isOutage: shared!.isOutage, local: new MemoryEntityCacheStore({ maxBytes: cacheConfig.maxBytes }) })
          : new MemoryEntityCacheStore({ maxBytes: cacheConfig.maxBytes });
  const entityCache =
    cacheStore === undefined
      ? undefined
      : useEntityCache({
          store: cacheStore,
          supergraphSdl,
          maxAgeCapSeconds: cacheConfig.maxAgeCapSeconds,
          metrics,
          logger,
        });
  const gateway = new ApolloGateway({
    supergraphSdl,
    // The supergraph names each subgraph's default URL; the running deployment's config wins.
    buildService: ({ name, url }) => {
      const target = urls[name as SubgraphName] ?? url ?? '';
      const pool = new Pool(new URL(target).origin, { keepAliveTimeout: 30_000, keepAliveMaxTimeout: 60_000, connections: 128, connect: { timeout: config.subgraphTimeoutMs } });
      pools.set(name, pool);
      const dataSource = new SubgraphDataSource({ name, url: target, secret: config.internalSecret, timeoutMs: config.subgraphTimeoutMs, pool, metrics, onFailure: failures.report, ...(entityCache ? { entityCache } : {}) });
      dataSources.set(name, dataSource);
      return dataSource;
    },
    logger,
  });

  const limits = useOperationLimits(config.limits);
  const formatError = useErrorFormatting({ production: config.production });
  // Queries with @defer: planned and run part by part, answered as multipart to clients that read it.
  const defer = useDefer({
    supergraphSdl,
    serviceMap: () => Object.fromEntries(dataSources),
    formatError,
    onError: (error, context) => {
      metrics.errors.inc({ code: errorCodeOf(error) });
      if (!isPublicCode(error.extensions.code)) logger.error({ err: error.originalError ?? error, path: error.path, requestId: context.viewer.requestId }, 'unexpected error in a deferred part');
    },
    logger,
  });
  const explorer = explorerFor(config.production ? 'off' : (config.explorer ?? 'graphiql'), { imageOrigins: config.pageImageOrigins });
  const rateLimitStore = shared
    ? withLocalFallback(shared.rateLimits, sharedGate!, { isOutage: shared.isOutage, onError: (error) => logger.error({ err: error }, 'the shared rate-limit store (Redis) failed; the request was limited by this replica') })
    : options.rateLimitStore
    ? withLocalFallback(options.rateLimitStore, storeGate, { onError: (error) => logger.error({ err: error }, 'the shared rate-limit store failed; the request was limited by this replica') })
    : new MemoryRateLimitStore();
  const authenticate = useVerifiedTokens(createAuthenticator(config.jwt, options.keys, storeGate));
  const clientAddressOf = clientAddressResolver(config.trustedProxies ?? []);
  const authentication = useAuthentication({ authenticate, logger, clientAddressOf });
  // Whole responses, in the entity cache's store: its fetches say whether a response may be kept.
  const responseCache =
    cacheStore && config.responseCache !== false
      ? useResponseCache({
          store: cacheStore,
          version: responseCacheVersion([supergraphSdl, [...documents.keys()].sort(), config.trustedDocuments?.only ?? false, config.limits, config.cost.maxCost, config.production]),
          maxAgeCapSeconds: cacheConfig.maxAgeCapSeconds,
          contextOf: authentication.context,
          cost: config.cost,
          rateLimits: rateLimitStore,
          metrics,
          logger,
        })
      : undefined;
  const trustedDocuments = useTrustedDocuments({
    documents,
    only: config.trustedDocuments?.only ?? false,
    // Partners integrate with operations of their own; their keys are scoped and rate-limited.
    mayOperateFreely: (req) => authentication.context(req).viewer.keyId !== null,
  });
  const server = new ApolloServer<GatewayContext>({
    gateway: defer.gateway(gateway),
    // Introspection is on; in production the gate admits only `schema:read` callers.
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // Batches are capped by the HTTP handler before they get here.
    allowBatchedHttpRequests: config.limits.maxBatch > 1,
    validationRules: [...limits.validationRules, ...defer.validationRules],
    parseOptions: limits.parseOptions,
    persistedQueries: trustedDocuments.persistedQueries,
    formatError,
    logger,
    plugins: [
      ...limits.plugins,
      useSubscriptionTransportRule(),
      defer.plugin,
      useMetrics(metrics),
      tracingPlugin<GatewayContext>(),
      errorLogging<GatewayContext>(logger),
      useCost(config.cost, rateLimitStore, { onThrottled: (caller) => metrics.rateLimited.inc({ caller }) }),
      ...(responseCache ? [responseCache.plugin] : []),
      ...(config.production ? [ApolloServerPluginLandingPageDisabled(), useIntrospectionGate()] : [explorer.landingPage]),
    ],
  });

  let loaded = false;
  const subscriptions = createSubscriptions({
    supergraphSdl,
    serviceMap: () => Object.fromEntries(dataSources),
    subgraphUrl: (name) => urls[name as SubgraphName],
    secret: config.internalSecret,
    validationRules: limits.validationRules,
    maxTokens: config.limits.maxTokens,
    maxBodyBytes: config.limits.maxBodyBytes,
    cost: config.cost,
    rateLimits: rateLimitStore,
    caps: config.subscriptions,
    // A WebSocket's credential comes in connection_init; it is checked like a request's headers.
    authenticate: (headers, remoteAddress) => authenticate({ headers, socket: { remoteAddress } } as unknown as http.IncomingMessage),
    contextOf: (req) => ({ clientIp: clientAddressOf(req), ...authentication.context(req) }),
    clientAddressOf,
    production: config.production,
    registry: metrics.registry,
    logger,
    formatError,
  });
  const routes: Route[] = [
    // A frontend's dev server on this machine calls the gateway without configuring anything.
    useCors(config.corsOrigins, { localOrigins: !config.production }),
    useHealth({ loaded: () => loaded, subgraphs: subgraphReadiness(urls), ...(storeReady ? { store: storeReady } : {}), ...(sharedReady ? { shared: sharedReady } : {}) }),
    metricsRoute(metrics.registry),
    ...explorer.routes,
    authentication.route,
    // SSE and multipart subscriptions on the GraphQL path, once the caller is known.
    subscriptions.route,
  ];
  return {
    gateway,
    server,
    metrics,
    entityCache,
    responseCache,
    async start() {
      await server.start();
      loaded = true;
    },
    handler: graphQLHandler<GatewayContext>({
      server,
      context: responseCache ? responseCache.contextOf : authentication.context,
      routes,
      maxBodyBytes: config.limits.maxBodyBytes,
      // A refused limit is a validation failure under its own code: 200 for application/json too.
      requestErrorCodes: VALIDATION_LIMIT_CODES,
      maxBatch: config.limits.maxBatch,
      prepareOperation: trustedDocuments.prepareOperation,
      ...(responseCache ? { responses: responseCache } : {}),
      logger,
    }),
    /** WebSocket subscriptions: give the HTTP server's `upgrade` events to this. */
    handleUpgrade: subscriptions.handleUpgrade,
    subscriptions: subscriptions.hub,
    /** Open WebSocket connections and event streams (each holds a slot of its address's cap). */
    subscriptionConnections: subscriptions.openConnections,
    /** Completes every subscription (its clients are told) and refuses new ones: the first step of stopping. */
    stopSubscriptions: () => subscriptions.close(),
    async stop() {
      loaded = false;
      // Subscribers hear that their subscriptions are over before the server goes.
      await subscriptions.close();
      await server.stop();
      await Promise.all([...pools.values()].map((pool) => pool.close()));
      failures.flush();
    },
  };
}

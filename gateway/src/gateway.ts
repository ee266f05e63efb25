import type http from 'node:http';
import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLFormattedError } from 'graphql';
import { Agent } from 'undici';
import { subgraphUrl, SUBGRAPH_NAMES, type SubgraphName } from '@app/kit/config';
import { graphQLHandler, sendError, type Route } from '@app/kit/http';
import type { Logger } from '@app/kit/log';
import { metricsRoute } from '@app/kit/metrics';
import { errorLogging, maskErrors } from '@app/kit/subgraph';
import { anonymousViewer, type Viewer } from '@app/kit/viewer';
import { AuthenticationError, createAuthenticator } from './auth.ts';
import type { GatewayConfig } from './config.ts';
import { corsRoute } from './cors.ts';
import { costPlugin } from './cost.ts';
import { explorerFor } from './explorer.ts';
import { introspectionGate } from './introspection.ts';
import type { KeyStore } from './keys/store.ts';
import { limitCodeOf, operationLimits } from './limits.ts';
import { createGatewayMetrics } from './metrics.ts';
import { MemoryRateLimitStore, type RateLimitStore } from './rate-limit.ts';
import { subgraphReadiness } from './readiness.ts';
import { ViewerSigningDataSource, type GatewayContext } from './viewer-signing.ts';

export const defaultSupergraphPath = new URL('../../schema/supergraph.graphql', import.meta.url);

export interface GatewayOptions {
  config: GatewayConfig;
  keys: KeyStore;
  supergraphSdl?: string;
  /** Where each subgraph listens; defaults come from `<NAME>_URL` or loopback ports 4001–4004. */
  subgraphUrls?: Partial<Record<SubgraphName, string>>;
  /** Where rate-limit buckets live; in memory unless replicas need to share them. */
  rateLimitStore?: RateLimitStore;
  logger: Logger;
}

/** A client-supplied request id is kept only if it is short and plain. */
function requestIdFrom(req: http.IncomingMessage): string | undefined {
  const value = req.headers['x-request-id'];
  const id = Array.isArray(value) ? value[0] : value;
  return id && /^[\w.:-]{1,64}$/.test(id) ? id : undefined;
}

/**
 * Builds the gateway and its Apollo Server without binding a port, so tests can serve it on
 * port 0 and `index.ts` on the configured one.
 */
export function createGateway(options: GatewayOptions) {
  const { config, logger } = options;
  const metrics = createGatewayMetrics();
  const urls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, options.subgraphUrls?.[name] ?? subgraphUrl(name)])) as Record<SubgraphName, string>;
  // Keep-alive sockets are closed by the gateway before the subgraphs' 65 s keep-alive ends, so
  // a reused socket is never one the subgraph is closing.
  const agents = new Map<string, Agent>();
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl ?? readFileSync(defaultSupergraphPath, 'utf8'),
    // The supergraph names each subgraph's default URL; the running deployment's config wins.
    buildService: ({ name, url }) => {
      const agent = new Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 60_000, connections: 128 });
      agents.set(name, agent);
      return new ViewerSigningDataSource({ name, url: urls[name as SubgraphName] ?? url ?? '', secret: config.internalSecret, timeoutMs: config.subgraphTimeoutMs, agent, metrics });
    },
    logger,
  });

  const limits = operationLimits(config.limits, config.production);
  const explorer = explorerFor(config.production ? 'off' : (config.explorer ?? 'graphiql'));
  const observe: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart({ request }) {
      const started = performance.now();
      return {
        async willSendResponse({ response, errors, operationName }) {
          const operation = operationName ?? request.operationName ?? 'anonymous';
          const data = response.body.kind === 'single' ? response.body.singleResult.data : undefined;
          const outcome = !errors?.length ? 'ok' : data ? 'partial' : 'error';
          metrics.requests.inc({ operation, outcome });
          metrics.requestDuration.observe({ operation }, (performance.now() - started) / 1000);
          for (const error of errors ?? []) {
            const code = limitCodeOf(error.extensions, error.message) ?? limitCodeOf((error.originalError as { extensions?: Record<string, unknown> } | undefined)?.extensions) ?? error.extensions?.code;
            metrics.errors.inc({ code: String(code ?? 'INTERNAL_SERVER_ERROR') });
          }
        },
      };
    },
  };
  const server = new ApolloServer<GatewayContext>({
    gateway,
    // Introspection is on; in production the gate admits only `schema:read` callers.
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // Batches are capped by the HTTP handler before they get here.
    allowBatchedHttpRequests: config.limits.maxBatch > 1,
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    formatError: (formatted: GraphQLFormattedError, error: unknown) => {
      // Apollo Server rewraps validation errors; the limit's tag is on the error it wraps.
      const original = (error as { originalError?: { extensions?: Record<string, unknown> } }).originalError;
      const limitCode = limitCodeOf(formatted.extensions, formatted.message) ?? limitCodeOf(original?.extensions);
      if (limitCode) return { message: formatted.message.replace(/^Syntax Error: /, ''), extensions: { code: limitCode } };
      return maskErrors(formatted);
    },
    logger,
    plugins: [
      ...limits.plugins,
      observe,
      errorLogging<GatewayContext>(logger),
      costPlugin(config.cost, options.rateLimitStore ?? new MemoryRateLimitStore(), { onThrottled: (caller) => metrics.rateLimited.inc({ caller }) }),
      ...(config.production ? [ApolloServerPluginLandingPageDisabled(), introspectionGate()] : [explorer.landingPage]),
    ],
  });

  const authenticate = createAuthenticator(config.jwt, options.keys);
  const contexts = new WeakMap<http.IncomingMessage, GatewayContext>();
  // Credentials are checked before GraphQL runs: a bad or expired one is a 401, not anonymous.
  const authRoute: Route = async (req, res) => {
    const requestId = requestIdFrom(req);
    try {
      const { viewer, partnerTier } = await authenticate(req, requestId);
      res.setHeader('x-request-id', viewer.requestId);
      contexts.set(req, { viewer, partnerTier, clientIp: req.socket.remoteAddress ?? null });
      return false;
    } catch (error) {
      if (!(error instanceof AuthenticationError)) throw error;
      logger.info({ reason: error.message, requestId }, 'refused credentials');
      res.setHeader('www-authenticate', 'Bearer');
      sendError(res, 401, 'UNAUTHENTICATED', error.message);
      return true;
    }
  };

  let loaded = false;
  const readiness = subgraphReadiness(urls);
  const healthRoute: Route = async (req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' || (path !== '/health' && path !== '/ready')) return false;
    if (path === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok', service: 'gateway' }));
      return true;
    }
    const subgraphs = await readiness();
    const ready = loaded && Object.values(subgraphs).every((state) => state === 'up');
    res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ status: ready ? 'ok' : 'unavailable', supergraphLoaded: loaded, subgraphs }));
    return true;
  };

  const routes: Route[] = [corsRoute(config.corsOrigins), healthRoute, metricsRoute(metrics.registry), ...explorer.routes, authRoute];
  return {
    gateway,
    server,
    metrics,
    async start() {
      await server.start();
      loaded = true;
    },
    handler: graphQLHandler<GatewayContext>({
      server,
      context: (req) => contexts.get(req) ?? { viewer: anonymousViewer() as Viewer },
      routes,
      maxBodyBytes: config.limits.maxBodyBytes,
      maxBatch: config.limits.maxBatch,
      logger,
    }),
    async stop() {
      loaded = false;
      await server.stop();
      await Promise.all([...agents.values()].map((agent) => agent.close()));
    },
  };
}

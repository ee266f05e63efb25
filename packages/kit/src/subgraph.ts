import type http from 'node:http';
import path from 'node:path';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import gql from 'graphql-tag';
import { enforceAccess } from './access.ts';
import { dataDir, hostFrom, internalSecret, maxBodyBytes, portFor, type SubgraphName } from './config.ts';
import { ErrorCode, isPublicCode } from './errors.ts';
import { graphQLHandler, healthRoute, listen, stopOnSignals, type RunningHttpServer } from './http.ts';
import { subscriptionServer } from './sse.ts';
import { createLogger, type Logger } from './log.ts';
import { createSubgraphMetrics, metricsRoute, type SubgraphMetrics } from './metrics.ts';
import { createPeerClient, type PeerClient } from './peers.ts';
import { anonymousViewer, NonceGuard, SIGNATURE_HEADER, VIEWER_HEADER, verifyViewer, type Viewer } from './viewer.ts';

/**
 * Errors with a public code pass through as they are; anything else reaches the caller as a
 * bare INTERNAL_SERVER_ERROR with no SQL, path or stack (it is logged, with the request id,
 * by `errorLogging`).
 */
export function maskErrors(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (isPublicCode(formatted.extensions?.code)) {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  return {
    message: 'Internal server error',
    ...(formatted.path ? { path: formatted.path } : {}),
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}

/** Logs unexpected errors where their cause is known, with the request id to find them by. */
export function errorLogging<TContext extends { viewer: Viewer }>(logger: Logger): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            if (isPublicCode(error.extensions?.code)) continue;
            logger.error({ err: error.originalError ?? error, path: error.path, requestId: contextValue.viewer?.requestId }, 'unexpected error');
          }
        },
      };
    },
  };
}

export interface SubgraphDefinition {
  name: string;
  typeDefs: string;
  resolvers: GraphQLResolverMap<unknown>;
}

/** Every subgraph's context carries the verified viewer; `@auth`/`@scopes` read it. */
export interface SubgraphContext extends BaseContext {
  viewer: Viewer;
}

/** The subgraph's executable schema, `@auth`/`@scopes` enforced on every field they mark. */
export function subgraphSchema<TContext extends SubgraphContext>(definition: SubgraphDefinition): GraphQLSchema {
  return enforceAccess<TContext>(buildSubgraphSchema({ typeDefs: gql(definition.typeDefs), resolvers: definition.resolvers }), (context) => context.viewer);
}

export function createSubgraphServer<TContext extends SubgraphContext>(
  definition: SubgraphDefinition,
  logger: Logger = createLogger(definition.name),
  metrics?: SubgraphMetrics,
  schema: GraphQLSchema = subgraphSchema<TContext>(definition),
): ApolloServer<TContext> {
  const counting: ApolloServerPlugin<TContext> = {
    async requestDidStart() {
      return {
        async willSendResponse({ errors }) {
          metrics?.requests.inc({ outcome: errors?.length ? 'error' : 'ok' });
        },
      };
    },
  };
  return new ApolloServer<TContext>({
    schema,
    includeStacktraceInErrorResponses: false,
    formatError: maskErrors,
    // Subgraphs are called by the gateway, not browsed: Sandbox lives at the gateway. No Apollo
    // Studio reporting here, so federated traces would be work for nobody.
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled(), errorLogging<TContext>(logger), counting],
  });
}

/**
 * Reads the viewer of a request: anonymous without the gateway's headers, and anonymous (and
 * logged) when they are forged, stale or replayed. A bare `x-user-id` or the like grants nothing.
 */
export function viewerReader(secret: string, logger: Logger) {
  const guard = new NonceGuard();
  return (req: http.IncomingMessage, rawBody: string): Viewer => {
    const header = (name: string) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const given = { viewer: header(VIEWER_HEADER), signature: header(SIGNATURE_HEADER) };
    // The gateway sends anonymous callers unsigned (there is no one to vouch for): the request id
    // comes in its own header, kept only when short and plain.
    if (!given.viewer && !given.signature) {
      const requestId = header('x-request-id');
      return anonymousViewer(requestId && /^[\w.:-]{1,64}$/.test(requestId) ? requestId : undefined);
    }
    const { viewer, rejected } = verifyViewer(given, rawBody, secret, guard);
    if (rejected) logger.warn({ reason: rejected, remoteAddress: req.socket.remoteAddress }, 'refused a viewer header; treating the request as anonymous');
    return viewer;
  };
}

export interface ServeSubgraphOptions<TContext extends SubgraphContext> {
  name: string;
  server: ApolloServer<TContext>;
  /** The schema the server runs: when it has subscriptions, they are served over SSE on the same path. */
  schema?: GraphQLSchema;
  /** Builds the request context around the viewer verified from the gateway's signed header. */
  context: (viewer: Viewer) => TContext | Promise<TContext>;
  /** The secret shared with the gateway; INTERNAL_SECRET by default. */
  internalSecret?: string;
  port: number;
  host: string;
  logger: Logger;
  metrics?: SubgraphMetrics;
  /** Whether the subgraph can serve (its store is open); `/ready` says so. */
  ready?: () => boolean;
  /** Called after the HTTP server and Apollo Server have stopped: close the store here. */
  onStop?: () => void;
  /** The request body limit; MAX_BODY_BYTES, the gateway's own, by default. */
  maxBodyBytes?: number;
}

export interface RunningSubgraph extends RunningHttpServer {
  stop(): Promise<void>;
}

export async function serveSubgraph<TContext extends SubgraphContext>(options: ServeSubgraphOptions<TContext>): Promise<RunningSubgraph> {
  const { server, logger } = options;
  const readViewer = viewerReader(options.internalSecret ?? internalSecret().secret, logger);
  await server.start();
  let stopping = false;
  let http: RunningHttpServer;
  const subscriptions = options.schema?.getSubscriptionType()
    ? subscriptionServer({ schema: options.schema, readViewer, context: options.context, maxBodyBytes: options.maxBodyBytes ?? maxBodyBytes(), logger })
    : null;
  try {
    http = await listen(
      graphQLHandler({
        server,
        context: (req, rawBody) => options.context(readViewer(req, rawBody)),
        routes: [
          healthRoute(options.name, () => !stopping && (options.ready?.() ?? true)),
          ...(options.metrics ? [metricsRoute(options.metrics.registry)] : []),
          ...(subscriptions ? [subscriptions.route] : []),
        ],
        // One limit for the whole graph (MAX_BODY_BYTES), the gateway's own.
        maxBodyBytes: options.maxBodyBytes ?? maxBodyBytes(),
        logger,
      }),
      options.port,
      options.host,
    );
  } catch (error) {
    await server.stop();
    throw error;
  }
  // Stop taking requests, let those in flight finish, then close the store.
  const stop = async () => {
    stopping = true;
    // Event streams never finish on their own: end them so the server can close. Subscribers
    // (the gateway) come back with the last event id to a process that is up.
    await subscriptions?.close();
    await http.close();
    await server.stop();
    options.onStop?.();
  };
  return { ...http, stop };
}

export interface SubgraphServiceDefinition<TStore, TContext extends SubgraphContext> extends SubgraphDefinition {
  createContext: (store: TStore, viewer: Viewer, peers: PeerClient) => TContext;
}

export interface ServeOptions {
  port: number;
  host: string;
  logger: Logger;
  internalSecret?: string;
  /** How this subgraph reaches the others for facts they own; built from config by default. */
  peers?: PeerClient;
  metrics?: SubgraphMetrics;
  ready?: () => boolean;
  onStop?: () => void;
  maxBodyBytes?: number;
}

/**
 * What a subgraph's server.ts exports: `createServer` for in-process tests and `serve` for
 * HTTP. Nothing binds a port until `serve` is called.
 */
export function subgraphService<TStore, TContext extends SubgraphContext>(definition: SubgraphServiceDefinition<TStore, TContext>) {
  const createServer = (logger?: Logger, metrics?: SubgraphMetrics, schema?: GraphQLSchema) => createSubgraphServer<TContext>(definition, logger, metrics, schema);
  return {
    name: definition.name,
    typeDefs: definition.typeDefs,
    createServer,
    serve: (store: TStore, options: ServeOptions) => {
      const peers = options.peers ?? createPeerClient({ secret: options.internalSecret ?? internalSecret().secret, logger: options.logger });
      const schema = subgraphSchema<TContext>(definition);
      return serveSubgraph<TContext>({
        ...options,
        name: definition.name,
        schema,
        server: createServer(options.logger, options.metrics, schema),
        context: (viewer) => definition.createContext(store, viewer, peers),
      });
    },
  };
}

/** What a subgraph process needs of its opened store besides the statements it serves with. */
export interface StoreHandle {
  /** Whether the store can serve (`/ready`). */
  isOpen(): boolean;
  close(): void;
}

/**
 * A subgraph process (its `index.ts`): open the store under DATA_DIR (or `<NAME>_DB`), serve
 * on the configured port with metrics, stop cleanly on SIGTERM/SIGINT, exit 1 when it cannot start.
 */
export async function runSubgraphProcess<TStore extends StoreHandle>(
  name: SubgraphName,
  openStore: (path: string, options: { onStatement: (sql: string, durationMs: number) => void }) => TStore,
  serve: (store: TStore, options: ServeOptions) => Promise<RunningSubgraph>,
): Promise<void> {
  const logger = createLogger(name);
  try {
    const metrics = createSubgraphMetrics(name);
    const store = openStore(process.env[`${name.toUpperCase()}_DB`] ?? path.join(dataDir(), `${name}.db`), { onStatement: metrics.observeStatement });
    let running: RunningSubgraph;
    try {
      running = await serve(store, { port: portFor(name), host: hostFrom(), logger, metrics, ready: () => store.isOpen(), onStop: () => store.close() });
    } catch (error) {
      store.close();
      throw error;
    }
    logger.info({ url: running.url }, 'subgraph listening');
    stopOnSignals(running.stop, logger);
  } catch (error) {
    logger.fatal({ err: error }, (error as Error).message);
    process.exit(1);
  }
}

import type http from 'node:http';
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { GraphQLFormattedError } from 'graphql';
import gql from 'graphql-tag';
import { enforceAccess } from './access.ts';
import { internalSecret } from './config.ts';
import { ErrorCode, isPublicCode } from './errors.ts';
import { graphQLHandler, healthRoute, listen, stopOnSignals, type RunningHttpServer } from './http.ts';
import { createLogger, type Logger } from './log.ts';
import { createPeerClient, type PeerClient } from './peers.ts';
import { NonceGuard, SIGNATURE_HEADER, VIEWER_HEADER, verifyViewer, type Viewer } from './viewer.ts';

/**
 * Errors with a public code pass through as they are; anything else is logged here, where the
 * cause is known, and reaches the gateway as a bare INTERNAL_SERVER_ERROR with no SQL, path or stack.
 */
export function maskErrors(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    if (isPublicCode(formatted.extensions?.code)) {
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    logger.error({ err: (error as { originalError?: unknown }).originalError ?? error, path: formatted.path }, 'unexpected error');
    return {
      message: 'Internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
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

export function createSubgraphServer<TContext extends SubgraphContext>(
  definition: SubgraphDefinition,
  logger: Logger = createLogger(definition.name),
): ApolloServer<TContext> {
  const schema = buildSubgraphSchema({ typeDefs: gql(definition.typeDefs), resolvers: definition.resolvers });
  return new ApolloServer<TContext>({
    schema: enforceAccess<TContext>(schema, (context) => context.viewer),
    includeStacktraceInErrorResponses: false,
    formatError: maskErrors(logger),
    // Subgraphs are called by the gateway, not browsed: Sandbox lives at the gateway. No Apollo
    // Studio reporting here, so federated traces would be work for nobody.
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled()],
  });
}

export interface ServeSubgraphOptions<TContext extends SubgraphContext> {
  name: string;
  server: ApolloServer<TContext>;
  /** Builds the request context around the viewer verified from the gateway's signed header. */
  context: (viewer: Viewer) => TContext | Promise<TContext>;
  /** The secret shared with the gateway; INTERNAL_SECRET by default. */
  internalSecret?: string;
  port: number;
  host: string;
  logger: Logger;
  /** Called after the HTTP server and Apollo Server have stopped: close the store here. */
  onStop?: () => void;
}

export interface RunningSubgraph extends RunningHttpServer {
  stop(): Promise<void>;
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
    const { viewer, rejected } = verifyViewer({ viewer: header(VIEWER_HEADER), signature: header(SIGNATURE_HEADER) }, rawBody, secret, guard);
    if (rejected) logger.warn({ reason: rejected, remoteAddress: req.socket.remoteAddress }, 'refused a viewer header; treating the request as anonymous');
    return viewer;
  };
}

export async function serveSubgraph<TContext extends SubgraphContext>(options: ServeSubgraphOptions<TContext>): Promise<RunningSubgraph> {
  const { server, logger } = options;
  const readViewer = viewerReader(options.internalSecret ?? internalSecret().secret, logger);
  await server.start();
  let http: RunningHttpServer;
  try {
    http = await listen(
      graphQLHandler({
        server,
        context: (req, rawBody) => options.context(readViewer(req, rawBody)),
        routes: [healthRoute(options.name)],
        logger,
      }),
      options.port,
      options.host,
    );
  } catch (error) {
    await server.stop();
    throw error;
  }
  const stop = async () => {
    await http.close();
    await server.stop();
    options.onStop?.();
  };
  return { ...http, stop };
}

/** For a subgraph's index.ts: serve, log where, stop cleanly on signals, exit 1 when it cannot start. */
export async function runSubgraph(start: () => Promise<RunningSubgraph>, logger: Logger): Promise<void> {
  try {
    const running = await start();
    logger.info({ url: running.url }, 'subgraph listening');
    stopOnSignals(running.stop, logger);
  } catch (error) {
    logger.fatal({ err: error }, (error as Error).message);
    process.exit(1);
  }
}

export interface SubgraphServiceDefinition<TDb, TContext extends SubgraphContext> extends SubgraphDefinition {
  createContext: (db: TDb, viewer: Viewer, peers: PeerClient) => TContext;
}

export interface ServeOptions {
  port: number;
  host: string;
  logger: Logger;
  internalSecret?: string;
  /** How this subgraph reaches the others for facts they own; built from config by default. */
  peers?: PeerClient;
  onStop?: () => void;
}

/**
 * What a subgraph's server.ts exports: `createServer` for in-process tests and `serve` for
 * HTTP. Nothing binds a port until `serve` is called.
 */
export function subgraphService<TDb, TContext extends SubgraphContext>(definition: SubgraphServiceDefinition<TDb, TContext>) {
  const createServer = (logger?: Logger) => createSubgraphServer<TContext>(definition, logger);
  return {
    name: definition.name,
    typeDefs: definition.typeDefs,
    createServer,
    serve: (db: TDb, options: ServeOptions) => {
      const peers = options.peers ?? createPeerClient({ secret: options.internalSecret ?? internalSecret().secret, logger: options.logger });
      return serveSubgraph<TContext>({
        ...options,
        name: definition.name,
        server: createServer(options.logger),
        context: (viewer) => definition.createContext(db, viewer, peers),
      });
    },
  };
}

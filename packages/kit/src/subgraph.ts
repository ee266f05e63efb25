import type http from 'node:http';
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { GraphQLFormattedError } from 'graphql';
import gql from 'graphql-tag';
import { ErrorCode, isPublicCode } from './errors.ts';
import { graphQLHandler, healthRoute, listen, stopOnSignals, type RunningHttpServer } from './http.ts';
import { createLogger, type Logger } from './log.ts';

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

export function createSubgraphServer<TContext extends BaseContext>(
  definition: SubgraphDefinition,
  logger: Logger = createLogger(definition.name),
): ApolloServer<TContext> {
  return new ApolloServer<TContext>({
    schema: buildSubgraphSchema({ typeDefs: gql(definition.typeDefs), resolvers: definition.resolvers }),
    includeStacktraceInErrorResponses: false,
    formatError: maskErrors(logger),
    // Subgraphs are called by the gateway, not browsed: Sandbox lives at the gateway. No Apollo
    // Studio reporting here, so federated traces would be work for nobody.
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled()],
  });
}

export interface ServeSubgraphOptions<TContext extends BaseContext> {
  name: string;
  server: ApolloServer<TContext>;
  context: (req: http.IncomingMessage, rawBody: string) => TContext | Promise<TContext>;
  port: number;
  host: string;
  logger: Logger;
  /** Called after the HTTP server and Apollo Server have stopped: close the store here. */
  onStop?: () => void;
}

export interface RunningSubgraph extends RunningHttpServer {
  stop(): Promise<void>;
}

export async function serveSubgraph<TContext extends BaseContext>(options: ServeSubgraphOptions<TContext>): Promise<RunningSubgraph> {
  const { server, logger } = options;
  await server.start();
  let http: RunningHttpServer;
  try {
    http = await listen(
      graphQLHandler({ server, context: options.context, routes: [healthRoute(options.name)], logger }),
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

import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginLandingPageLocalDefault, ApolloServerPluginLandingPageProductionDefault } from '@apollo/server/plugin/landingPage/default';
import { isProduction, subgraphUrl, SUBGRAPH_NAMES, type SubgraphName } from '@app/kit/config';
import { graphQLHandler, healthRoute, type Route } from '@app/kit/http';
import type { Logger } from '@app/kit/log';
import { maskErrors } from '@app/kit/subgraph';
import { corsRoute, SANDBOX_ORIGINS } from './cors.ts';

export const defaultSupergraphPath = new URL('../../schema/supergraph.graphql', import.meta.url);

export interface GatewayOptions {
  supergraphSdl?: string;
  /** Where each subgraph listens; defaults come from `<NAME>_URL` or loopback ports 4001–4004. */
  subgraphUrls?: Partial<Record<SubgraphName, string>>;
  production?: boolean;
  corsOrigins?: readonly string[];
  logger: Logger;
}

/**
 * Builds the gateway and its Apollo Server without binding a port, so tests can serve it on
 * port 0 and `index.ts` on the configured one.
 */
export function createGateway(options: GatewayOptions) {
  const production = options.production ?? isProduction();
  const urls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, options.subgraphUrls?.[name] ?? subgraphUrl(name)]));
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl ?? readFileSync(defaultSupergraphPath, 'utf8'),
    // The supergraph names each subgraph's default URL; the running deployment's config wins.
    buildService: ({ name, url }) => new RemoteGraphQLDataSource({ url: urls[name] ?? url }),
    logger: options.logger,
  });
  const server = new ApolloServer<BaseContext>({
    gateway,
    introspection: !production,
    includeStacktraceInErrorResponses: false,
    formatError: maskErrors(options.logger),
    logger: options.logger,
    plugins: [
      production
        ? ApolloServerPluginLandingPageProductionDefault({ footer: false })
        : ApolloServerPluginLandingPageLocalDefault({ embed: true, footer: false }),
    ],
  });
  const corsOrigins = options.corsOrigins ?? (production ? [] : SANDBOX_ORIGINS);
  let ready = false;
  const routes: Route[] = [corsRoute(corsOrigins), healthRoute('gateway', () => ready)];
  return {
    gateway,
    server,
    async start() {
      await server.start();
      ready = true;
    },
    handler: graphQLHandler({ server, context: () => ({}), routes, logger: options.logger }),
    async stop() {
      ready = false;
      await server.stop();
    },
  };
}

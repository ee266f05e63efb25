import type http from 'node:http';
import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDisableSuggestions } from '@apollo/server/plugin/disableSuggestions';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { subgraphUrl, SUBGRAPH_NAMES, type SubgraphName } from '@app/kit/config';
import { graphQLHandler, healthRoute, sendError, type Route } from '@app/kit/http';
import type { Logger } from '@app/kit/log';
import { maskErrors } from '@app/kit/subgraph';
import { anonymousViewer, type Viewer } from '@app/kit/viewer';
import { AuthenticationError, createAuthenticator } from './auth.ts';
import type { GatewayConfig } from './config.ts';
import { corsRoute } from './cors.ts';
import { introspectionGate } from './introspection.ts';
import type { KeyStore } from './keys/store.ts';
import { ViewerSigningDataSource, type GatewayContext } from './viewer-signing.ts';

export const defaultSupergraphPath = new URL('../../schema/supergraph.graphql', import.meta.url);

export interface GatewayOptions {
  config: GatewayConfig;
  keys: KeyStore;
  supergraphSdl?: string;
  /** Where each subgraph listens; defaults come from `<NAME>_URL` or loopback ports 4001–4004. */
  subgraphUrls?: Partial<Record<SubgraphName, string>>;
  logger: Logger;
}

/**
 * Builds the gateway and its Apollo Server without binding a port, so tests can serve it on
 * port 0 and `index.ts` on the configured one.
 */
export function createGateway(options: GatewayOptions) {
  const { config, logger } = options;
  const urls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, options.subgraphUrls?.[name] ?? subgraphUrl(name)]));
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl ?? readFileSync(defaultSupergraphPath, 'utf8'),
    // The supergraph names each subgraph's default URL; the running deployment's config wins.
    buildService: ({ name, url }) => new ViewerSigningDataSource(urls[name] ?? url ?? '', config.internalSecret),
    logger,
  });
  const server = new ApolloServer<GatewayContext>({
    gateway,
    // Introspection is on; in production the gate below admits only `schema:read` callers.
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError: maskErrors(logger),
    logger,
    plugins: config.production
      ? [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginDisableSuggestions(), introspectionGate()]
      : [ApolloServerPluginLandingPageLocalDefault({ embed: true, footer: false })],
  });

  const authenticate = createAuthenticator(config.jwt, options.keys);
  const viewers = new WeakMap<http.IncomingMessage, Viewer>();
  // Credentials are checked before GraphQL runs: a bad or expired one is a 401, not anonymous.
  const authRoute: Route = async (req, res) => {
    try {
      viewers.set(req, await authenticate(req));
      return false;
    } catch (error) {
      if (!(error instanceof AuthenticationError)) throw error;
      logger.info({ reason: error.message }, 'refused credentials');
      res.setHeader('www-authenticate', 'Bearer');
      sendError(res, 401, 'UNAUTHENTICATED', error.message);
      return true;
    }
  };

  let ready = false;
  const routes: Route[] = [corsRoute(config.corsOrigins), healthRoute('gateway', () => ready), authRoute];
  return {
    gateway,
    server,
    async start() {
      await server.start();
      ready = true;
    },
    handler: graphQLHandler<GatewayContext>({
      server,
      context: (req) => ({ viewer: viewers.get(req) ?? anonymousViewer() }),
      routes,
      logger,
    }),
    async stop() {
      ready = false;
      await server.stop();
    },
  };
}

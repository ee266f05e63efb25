import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { fileURLToPath } from 'node:url';
import type { Route } from '@app/kit/http';
import type { ExplorerMode } from './explorer-mode.ts';
import { staticSiteRoute } from './static-site.ts';

/** Where `web/` builds its pages; the same relative place from gateway/src and gateway/dist. */
export const webDistPath = fileURLToPath(new URL('../../web/dist/', import.meta.url));

/** The pages of the self-hosted explorer mode. */
export const EXPLORER_PAGES: Record<string, string> = {
  '/': 'explorer.html',
  // A browser opening the GraphQL URL itself gets the explorer too, as with Apollo's landing page.
  '/graphql': 'explorer.html',
};

/**
 * Example pages for frontend teams (the LIVE room, the reference client they copy from): served
 * in development whichever explorer is chosen, not with EXPLORER=off nor in production.
 */
export const EXAMPLE_PAGES: Record<string, string> = {
  '/examples/live': 'live.html',
};

export interface Explorer {
  /** Routes tried before GraphQL. */
  routes: Route[];
  /** Apollo Server's landing page: Sandbox in that mode, otherwise off (our route answers browsers). */
  landingPage: ApolloServerPlugin;
}

/** What a browser gets at `/`, `/graphql` and the example pages for the given mode. */
export function explorerFor(mode: ExplorerMode, options: { root?: string; imageOrigins?: readonly string[] } = {}): Explorer {
  const root = options.root ?? webDistPath;
  const imageOrigins = options.imageOrigins ?? [];
  switch (mode) {
    case 'graphiql':
      return { routes: [staticSiteRoute({ root, pages: { ...EXPLORER_PAGES, ...EXAMPLE_PAGES }, imageOrigins })], landingPage: ApolloServerPluginLandingPageDisabled() };
    case 'sandbox':
      return { routes: [staticSiteRoute({ root, pages: EXAMPLE_PAGES, imageOrigins })], landingPage: ApolloServerPluginLandingPageLocalDefault({ embed: true, footer: false }) };
    case 'off':
      return { routes: [], landingPage: ApolloServerPluginLandingPageDisabled() };
  }
}

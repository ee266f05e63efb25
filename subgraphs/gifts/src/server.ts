import { readFileSync } from 'node:fs';
import { systemClock } from '@app/kit/clock';
import { payoutProvider } from '@app/kit/payouts';
import { subgraphService, type ServeOptions } from '@app/kit/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import { createContext, type GiftsServices } from './context.ts';
import type { GiftsStore } from './db/store.ts';
import { paymentProvider } from './payments.ts';
import { resolvers } from './resolvers.ts';
import { giftsSettings } from './settings.ts';

/**
 * The gifts service. Its clock, settings and providers come from the environment unless given
 * (tests pass a clock they move); they are resolved when the service starts serving, so a bad
 * setting stops the process with a clear message.
 */
export function giftsService(given: Partial<GiftsServices> = {}) {
  let services: GiftsServices | undefined;
  const resolve = () =>
    (services ??= { clock: given.clock ?? systemClock, settings: given.settings ?? giftsSettings(), payments: given.payments ?? paymentProvider(), payouts: given.payouts ?? payoutProvider() });
  const service = subgraphService({
    name: 'gifts',
    // Read beside this file, in src/ or dist/: the SDL is the contract, kept as a .graphql file.
    typeDefs: readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'),
    resolvers: resolvers as GraphQLResolverMap<unknown>,
    createContext: (store: GiftsStore, viewer, peers) => createContext(store, viewer, peers, resolve()),
  });
  return {
    ...service,
    serve: (store: GiftsStore, options: ServeOptions) => {
      resolve();
      return service.serve(store, options);
    },
  };
}

export const { name, typeDefs, createServer, serve } = giftsService();

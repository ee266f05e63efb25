import { readFileSync } from 'node:fs';
import { subgraphService } from '@app/kit/subgraph';
import type { PeerClient } from '@app/kit/peers';
import type { Viewer } from '@app/kit/viewer';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import { createContext } from './context.ts';
import type { UsersStore } from './db/store.ts';
import { resolvers } from './resolvers.ts';

export const { name, typeDefs, createServer, serve } = subgraphService({
  name: 'users',
  // Read beside this file, in src/ or dist/: the SDL is the contract, kept as a .graphql file.
  typeDefs: readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'),
  resolvers: resolvers as GraphQLResolverMap<unknown>,
  // Users asks commerce for creators' fulfilment rates (facts.ts); the context's clock is the system's.
  createContext: (store: UsersStore, viewer: Viewer, peers: PeerClient) => createContext(store, viewer, peers),
});

import { readFileSync } from 'node:fs';
import { subgraphService } from '@app/kit/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import { createContext } from './context.ts';
import { resolvers } from './resolvers.ts';

export const { name, typeDefs, createServer, serve } = subgraphService({
  name: 'commerce',
  // Read beside this file, in src/ or dist/: the SDL is the contract, kept as a .graphql file.
  typeDefs: readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'),
  resolvers: resolvers as GraphQLResolverMap<unknown>,
  createContext,
});

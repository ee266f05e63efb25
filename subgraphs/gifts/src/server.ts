import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { createSubgraphServer, serveSubgraph } from '@app/kit/subgraph';
import type { Logger } from '@app/kit/log';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import { createContext, type Context } from './context.ts';
import type { GiftsDb } from './db/queries.ts';
import { resolvers } from './resolvers.ts';

export const name = 'gifts';
export const typeDefs = readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8');

export function createServer(logger?: Logger) {
  return createSubgraphServer<Context>({ name, typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> }, logger);
}

/** Serves the subgraph over HTTP; nothing here binds a port until called. */
export function serve(db: GiftsDb, options: { port: number; host: string; logger: Logger; onStop?: () => void }) {
  return serveSubgraph<Context>({
    name,
    server: createServer(options.logger),
    context: (_req: IncomingMessage) => createContext(db),
    ...options,
  });
}

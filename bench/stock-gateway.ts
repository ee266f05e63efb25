/**
 * A stock Apollo Gateway for comparison: default options, the same supergraph, the same
 * subgraphs. Only the subgraph URLs are configured (the bench runs them on free ports).
 */
// First, before @apollo/gateway loads: its usage telemetry is off unless the environment says otherwise.
import '../gateway/src/telemetry.ts';
import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

const urls = JSON.parse(process.env.SUBGRAPH_URLS ?? '{}') as Record<string, string>;
const gateway = new ApolloGateway({
  supergraphSdl: readFileSync(new URL('../schema/supergraph.graphql', import.meta.url), 'utf8'),
  buildService: ({ name, url }) => new RemoteGraphQLDataSource({ url: urls[name] ?? url }),
});
const server = new ApolloServer({ gateway });
const { url } = await startStandaloneServer(server, { listen: { port: Number(process.env.PORT), host: '127.0.0.1' } });
console.log(`stock gateway at ${url}`);
process.once('SIGTERM', () => void server.stop().then(() => process.exit(0)));

/**
 * A stock Apollo Gateway for comparison: default options, the same supergraph, the same
 * subgraphs, its own data source and fetch. Only the subgraph URLs are configured (the bench
 * runs them on free ports), plus, for callers that send a credential, what any gateway in front
 * of these subgraphs needs to act for them: the caller is verified (the same authenticator as
 * ours) and the viewer is signed onto each subgraph request by the same `useViewerSigning`.
 * Anonymous requests take the stock path untouched.
 */
// First, before @apollo/gateway loads: its usage telemetry is off unless the environment says otherwise.
import '../gateway/src/telemetry.ts';
import type http from 'node:http';
import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { encodeViewer, VIEWER_HEADER, type Viewer } from '../packages/kit/src/viewer.ts';
import { createAuthenticator } from '../gateway/src/auth.ts';
import { DEFAULT_AUDIENCE, DEFAULT_ISSUER } from '../gateway/src/config.ts';
import { openGatewayStores } from '../gateway/src/db/open.ts';
import { useViewerSigning } from '../gateway/src/signing.ts';

interface StockContext {
  viewer?: Viewer;
}

/** Stock's own data source and fetcher, with the viewer signed on when the caller has one. */
class SigningDataSource extends RemoteGraphQLDataSource<StockContext> {
  constructor(url: string, secret: string, subgraph: string) {
    super({ url });
    const stock = this.fetcher;
    const signing = useViewerSigning(secret, subgraph, stock);
    this.fetcher = (input, init) => ((init?.headers as Record<string, string> | undefined)?.[VIEWER_HEADER] ? signing(input, init) : stock(input, init));
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<StockContext>): void {
    if (context?.viewer) request.http?.headers.set(VIEWER_HEADER, encodeViewer(context.viewer));
  }
}

const urls = JSON.parse(process.env.SUBGRAPH_URLS ?? '{}') as Record<string, string>;
const secret = process.env.INTERNAL_SECRET ?? '';
const authenticate = createAuthenticator(
  { secret: process.env.JWT_SECRET ?? '', jwksUrl: null, issuer: DEFAULT_ISSUER, audience: DEFAULT_AUDIENCE },
  (await openGatewayStores({ keyStorePath: process.env.GATEWAY_DB ?? ':memory:', keyStoreUrl: process.env.GATEWAY_DATABASE_URL ?? null })).keys,
);
const gateway = new ApolloGateway({
  supergraphSdl: readFileSync(new URL('../schema/supergraph.graphql', import.meta.url), 'utf8'),
  buildService: ({ name, url }) => new SigningDataSource(urls[name] ?? url ?? '', secret, name),
});
const server = new ApolloServer<StockContext>({ gateway });
const { url } = await startStandaloneServer(server, {
  listen: { port: Number(process.env.PORT), host: '127.0.0.1' },
  context: async ({ req }: { req: http.IncomingMessage }) => {
    if (!req.headers.authorization && !req.headers['x-api-key']) return {};
    return { viewer: (await authenticate(req)).viewer };
  },
});
console.log(`stock gateway at ${url}`);
process.once('SIGTERM', () => void server.stop().then(() => process.exit(0)));

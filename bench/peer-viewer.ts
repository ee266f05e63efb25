/**
 * What a peer gateway needs to act for a signed-in caller of these subgraphs, as stock gets it
 * (bench/stock-gateway.ts): the caller's credential verified with the same authenticator as ours,
 * and the viewer it names signed onto each subgraph request with `useViewerSigning`'s scheme (the
 * subgraphs accept a viewer only with the gateway's signature over the exact body).
 *
 * Kept apart from bench/hive/gateway.config.ts, which loads it at run time: Hive Gateway's types
 * widen graphql-js's error extensions for every file in the same TypeScript program, which our
 * gateway's sources do not compile against.
 */
import type http from 'node:http';
import { encodeViewer } from '../packages/kit/src/viewer.ts';
import { createAuthenticator } from '../gateway/src/auth.ts';
import { DEFAULT_AUDIENCE, DEFAULT_ISSUER } from '../gateway/src/config.ts';
import { openGatewayStores } from '../gateway/src/db/open.ts';
import { signedViewerHeaders } from '../gateway/src/signing.ts';

export interface PeerViewer {
  /** The encoded viewer of a request's credentials, or null for an anonymous caller; refused credentials throw. */
  viewerOf(headers: { authorization?: string | null; apiKey?: string | null }): Promise<string | null>;
  /** The headers that carry `viewer` to `subgraph` with this request body. */
  signed(subgraph: string, viewer: string, body: string): Record<string, string>;
}

export async function createPeerViewer(env: NodeJS.ProcessEnv = process.env): Promise<PeerViewer> {
  const secret = env.INTERNAL_SECRET ?? '';
  const { keys } = await openGatewayStores({ keyStorePath: env.GATEWAY_DB ?? ':memory:', keyStoreUrl: env.GATEWAY_DATABASE_URL ?? null });
  const authenticate = createAuthenticator({ secret: env.JWT_SECRET ?? '', jwksUrl: null, issuer: DEFAULT_ISSUER, audience: DEFAULT_AUDIENCE }, keys);
  return {
    async viewerOf({ authorization, apiKey }) {
      if (!authorization && !apiKey) return null;
      const headers = { ...(authorization ? { authorization } : {}), ...(apiKey ? { 'x-api-key': apiKey } : {}) };
      return encodeViewer((await authenticate({ headers } as http.IncomingMessage)).viewer);
    },
    signed: (subgraph, viewer, body) => signedViewerHeaders(secret, subgraph, viewer, body),
  };
}

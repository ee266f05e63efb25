/**
 * A subgraph that hangs instead of failing, and user tokens from an identity provider's JWKS:
 * both served on loopback by the test itself.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { createLogger } from '@app/kit/log';
import { listen } from '@app/kit/http';
import { creatorIds, userIds } from '@app/fixtures/world';
import { createGateway } from '@app/gateway/src/gateway.ts';
import { openKeyStore } from '@app/gateway/src/db/keys.ts';
import { startGraph, type RunningGraph } from './harness.ts';

let graph: RunningGraph;
const servers: http.Server[] = [];
beforeAll(async () => {
  graph = await startGraph();
});
afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await graph?.stop();
});

async function serveOnLoopback(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function gatewayWith(overrides: Partial<RunningGraph['config']>, subgraphUrls: Partial<RunningGraph['subgraphUrls']> = {}) {
  const keys = openKeyStore(':memory:');
  const gateway = createGateway({ config: { ...graph.config, ...overrides }, keys, logger: createLogger('gateway', { level: 'silent' }), subgraphUrls: { ...graph.subgraphUrls, ...subgraphUrls } });
  await gateway.start();
  const server = await listen(gateway.handler, 0, '127.0.0.1');
  return {
    url: `${server.url}graphql`,
    async stop() {
      await server.close();
      await gateway.stop();
      keys.close();
    },
  };
}

const post = async (url: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) => {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return { status: response.status, body: (await response.json()) as any };
};

describe('a subgraph that hangs', () => {
  it('is cut off at the timeout, named, and the rest of the response comes back', async () => {
    // Accepts the request and never answers.
    const hanging = await serveOnLoopback(() => undefined);
    const gateway = await gatewayWith({ subgraphTimeoutMs: 300 }, { gifts: `${hanging}/graphql` });
    try {
      const started = Date.now();
      const { status, body } = await post(gateway.url, 'query ($id: ID!) { creator(id: $id) { handle topGifters(first: 1) { rank } } }', { id: creatorIds[0] });
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(status).toBe(200);
      expect(body.data.creator.handle).toEqual(expect.any(String));
      expect(body.data.creator.topGifters).toBeNull();
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', service: 'gifts' });
      expect(body.errors?.[0]?.message).toMatch(/did not answer in time/);
    } finally {
      await gateway.stop();
    }
  });
});

describe('user tokens from a JWKS endpoint', () => {
  it('are accepted when signed by a published key and refused otherwise', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const other = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    const jwks = await serveOnLoopback((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    const gateway = await gatewayWith({ jwt: { ...graph.config.jwt, jwksUrl: `${jwks}/.well-known/jwks.json` } });
    const sign = (key: Parameters<SignJWT["sign"]>[0]) =>
      new SignJWT({ country: 'US' })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setSubject(userIds[7] as string)
        .setIssuer(graph.config.jwt.issuer)
        .setAudience(graph.config.jwt.audience)
        .setExpirationTime('5m')
        .sign(key);
    try {
      const good = await post(gateway.url, '{ me { id } }', {}, { authorization: `Bearer ${await sign(privateKey)}` });
      expect(good.body.data.me.id).toBe(userIds[7]);
      const forged = await post(gateway.url, '{ me { id } }', {}, { authorization: `Bearer ${await sign(other.privateKey)}` });
      expect(forged.status).toBe(401);
      const hs256 = await post(gateway.url, '{ me { id } }', {}, { authorization: `Bearer ${await graph.tokenFor(userIds[7] as string)}` });
      expect(hs256.status).toBe(401);
    } finally {
      await gateway.stop();
    }
  });
});

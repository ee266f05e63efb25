import type http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type RunningHttpServer } from '@app/kit/http';
import { createLogger } from '@app/kit/log';
import { createAuthenticator, signUserToken } from './auth.ts';
import { requestIdFrom, useAuthentication } from './auth-route.ts';
import type { GatewayContext } from './context.ts';
import { openKeyStore, type KeyStore } from './db/keys.ts';

const jwt = { secret: 'unit-jwt-secret-0123456789abcdef0123456789', jwksUrl: null, issuer: 'video-commerce-graph', audience: 'video-commerce-graph' };
let keys: KeyStore;
let server: RunningHttpServer;
let partnerKey: string;

beforeAll(async () => {
  keys = openKeyStore(':memory:');
  partnerKey = (await keys.create({ partnerId: 'brd_1', name: 'feed', scopes: ['catalog:write'], tier: 'plus' })).secret;
  const authentication = useAuthentication({ authenticate: createAuthenticator(jwt, keys), logger: createLogger('gateway', { level: 'silent' }) });
  // Answers with the context GraphQL would run with, when the route lets the request through.
  server = await listen(
    async (req, res) => {
      if (await authentication.route(req, res)) return;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(authentication.context(req)));
    },
    0,
    '127.0.0.1',
  );
});
afterAll(async () => {
  await server?.close();
  keys?.close();
});

const call = async (headers: Record<string, string>) => {
  const response = await fetch(server.url, { headers });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
};

describe('the authentication route', () => {
  it('lets a user\'s token through as that user, with the request id it returns', async () => {
    const token = await signUserToken(jwt, { id: 'usr_1', country: 'US' });
    const { status, headers, body } = await call({ authorization: `Bearer ${token}`, 'x-request-id': 'trace-1' });
    expect(status).toBe(200);
    expect(headers.get('x-request-id')).toBe('trace-1');
    expect((body as GatewayContext).viewer).toMatchObject({ userId: 'usr_1', country: 'US', requestId: 'trace-1' });
  });

  it('lets a partner key through with its scopes and tier, and a caller without credentials as anonymous with its address', async () => {
    const partner = await call({ 'x-api-key': partnerKey });
    expect(partner.body).toMatchObject({ viewer: { partnerId: 'brd_1', scopes: ['catalog:write'], userId: null }, partnerTier: 'plus' });
    const anonymous = await call({});
    expect(anonymous.body).toMatchObject({ viewer: { userId: null, partnerId: null }, clientIp: expect.stringContaining('127.0.0.1') });
    expect(anonymous.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers a bad credential with 401 UNAUTHENTICATED saying which, never anonymous', async () => {
    const expired = await signUserToken(jwt, { id: 'usr_1' }, { expiresIn: -10 });
    for (const [headers, message] of [
      [{ authorization: `Bearer ${expired}` }, /expired/],
      [{ authorization: 'Basic abc' }, /Bearer <token>/],
      [{ 'x-api-key': 'vck_nope_nope' }, /not recognised|expected format/],
      [{ authorization: `Bearer ${expired}`, 'x-api-key': partnerKey }, /not both/],
    ] as const) {
      const { status, headers: answered, body } = await call(headers);
      expect(status).toBe(401);
      expect(answered.get('www-authenticate')).toBe('Bearer');
      expect(body.errors[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringMatching(message) });
    }
  });
});

describe('the authentication route while the key store does not answer', () => {
  it('answers an API key with 503 SERVICE_UNAVAILABLE (not 401, not 500) and still lets a user\'s token through', async () => {
    const down: KeyStore = { ...keys, verify: () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })) };
    const authentication = useAuthentication({ authenticate: createAuthenticator(jwt, down), logger: createLogger('gateway', { level: 'silent' }) });
    const outage = await listen(
      async (req, res) => {
        if (await authentication.route(req, res)) return;
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(authentication.context(req)));
      },
      0,
      '127.0.0.1',
    );
    try {
      const partner = await fetch(outage.url, { headers: { 'x-api-key': partnerKey } });
      const text = await partner.text();
      expect(partner.status).toBe(503);
      expect(partner.headers.get('retry-after')).toBe('1');
      expect(JSON.parse(text)).toMatchObject({ errors: [{ extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
      expect(text).not.toMatch(/ECONNREFUSED|5432/);
      const token = await signUserToken(jwt, { id: 'usr_2' });
      const user = await fetch(outage.url, { headers: { authorization: `Bearer ${token}` } });
      expect(user.status).toBe(200);
      expect(((await user.json()) as GatewayContext).viewer.userId).toBe('usr_2');
    } finally {
      await outage.close();
    }
  });
});

describe('request ids from the caller', () => {
  const request = (value: string | undefined) => ({ headers: value === undefined ? {} : { 'x-request-id': value } }) as unknown as http.IncomingMessage;
  it('are kept when short and plain, and dropped otherwise', () => {
    expect(requestIdFrom(request('trace-abc.123:4'))).toBe('trace-abc.123:4');
    expect(requestIdFrom(request('x'.repeat(65)))).toBeUndefined();
    expect(requestIdFrom(request('a b'))).toBeUndefined();
    expect(requestIdFrom(request('<script>'))).toBeUndefined();
    expect(requestIdFrom(request(undefined))).toBeUndefined();
  });
});

import type http from 'node:http';
import { describe, expect, it } from 'vitest';
import { AuthenticationError, createAuthenticator, signUserToken } from './auth.ts';
import { openKeyStore } from './db/keys.ts';
import { useVerifiedTokens } from './verified-tokens.ts';

const jwt = { secret: 'unit-jwt-secret-0123456789abcdef0123456789', jwksUrl: null, issuer: 'video-commerce-graph', audience: 'video-commerce-graph' };
const request = (headers: Record<string, string>) => ({ headers, socket: { remoteAddress: '127.0.0.1' } }) as unknown as http.IncomingMessage;

/** The real authenticator, counting how often it runs. */
function counted() {
  const keys = openKeyStore(':memory:');
  const real = createAuthenticator(jwt, keys);
  let calls = 0;
  const authenticate: typeof real = (req, requestId) => {
    calls++;
    return real(req, requestId);
  };
  return { authenticate, keys, calls: () => calls };
}

describe('verified tokens', () => {
  it('verify a token once, then give every request with it the same viewer under its own request id', async () => {
    const { authenticate, calls } = counted();
    const remembered = useVerifiedTokens(authenticate);
    const token = await signUserToken(jwt, { id: 'usr_1', country: 'US' }, { expiresIn: '1h' });
    const first = await remembered(request({ authorization: `Bearer ${token}` }), 'r1');
    const second = await remembered(request({ authorization: `Bearer ${token}` }), 'r2');
    const third = await remembered(request({ authorization: `Bearer ${token}` }));
    expect(calls()).toBe(1);
    expect(first.viewer).toEqual({ userId: 'usr_1', partnerId: null, keyId: null, scopes: [], country: 'US', requestId: 'r1' });
    expect(second.viewer).toEqual({ ...first.viewer, requestId: 'r2' });
    expect(third.viewer.requestId).not.toBe('r1');
    await remembered(request({ authorization: `Bearer ${await signUserToken(jwt, { id: 'usr_2' }, { expiresIn: '1h' })}` }));
    expect(calls()).toBe(2);
  });

  it('never remember a token that failed, nor one past its expiry or the longest trust', async () => {
    const { authenticate, calls } = counted();
    let now = Date.now();
    const remembered = useVerifiedTokens(authenticate, { maxAgeMs: 60_000, now: () => now });
    const forged = `${(await signUserToken(jwt, { id: 'usr_1' })).slice(0, -4)}AAAA`;
    await expect(remembered(request({ authorization: `Bearer ${forged}` }))).rejects.toBeInstanceOf(AuthenticationError);
    await expect(remembered(request({ authorization: `Bearer ${forged}` }))).rejects.toBeInstanceOf(AuthenticationError);
    expect(calls()).toBe(2);
    const token = await signUserToken(jwt, { id: 'usr_1' }, { expiresIn: '1h' });
    await remembered(request({ authorization: `Bearer ${token}` }));
    now += 61_000;
    await remembered(request({ authorization: `Bearer ${token}` }));
    expect(calls()).toBe(4);
    // Past the token's own expiry the real check runs again (and refuses it).
    now += 2 * 3_600_000;
    await remembered(request({ authorization: `Bearer ${token}` })).catch(() => undefined);
    expect(calls()).toBe(5);
  });

  it('leave partner keys and anonymous callers to the real check every time: a revoked key stops at once', async () => {
    const { authenticate, calls, keys } = counted();
    const remembered = useVerifiedTokens(authenticate);
    const { key, secret } = await keys.create({ partnerId: 'brd_1', name: 'feed', scopes: ['catalog:write'] });
    expect((await remembered(request({ 'x-api-key': secret }))).viewer.partnerId).toBe('brd_1');
    await keys.revoke(key.id);
    await expect(remembered(request({ 'x-api-key': secret }))).rejects.toThrow(/revoked/);
    await remembered(request({}));
    expect(calls()).toBe(3);
  });

  it('hold a bounded number of tokens', async () => {
    const { authenticate, calls } = counted();
    const remembered = useVerifiedTokens(authenticate, { maxTokens: 2 });
    const tokens = await Promise.all(['a', 'b', 'c'].map((id) => signUserToken(jwt, { id }, { expiresIn: '1h' })));
    for (const token of tokens) await remembered(request({ authorization: `Bearer ${token}` }));
    await remembered(request({ authorization: `Bearer ${tokens[0]}` }));
    expect(calls()).toBe(4);
  });
});

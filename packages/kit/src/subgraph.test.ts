import type http from 'node:http';
import { describe, expect, it } from 'vitest';
import { createLogger } from './log.ts';
import { viewerReader } from './subgraph.ts';
import { NonceGuard, signViewer, type Viewer } from './viewer.ts';

const secret = 'kit-test-secret-0123456789abcdef0123456789';
const request = (headers: Record<string, string>) => ({ headers, socket: { remoteAddress: '127.0.0.1' } }) as unknown as http.IncomingMessage;
const read = viewerReader({ secret, audience: 'users', nonces: new NonceGuard() }, createLogger('test', { level: 'silent' }));

describe('the viewer a subgraph reads', () => {
  it('is anonymous without the gateway\'s headers, with the request id the gateway sent when it is plain', async () => {
    expect(await read(request({ 'x-request-id': 'req-42' }), '{}')).toEqual({ userId: null, partnerId: null, keyId: null, scopes: [], country: null, requestId: 'req-42' });
    expect((await read(request({ 'x-request-id': 'no spaces or <tags> allowed' }), '{}')).requestId).not.toContain(' ');
    expect((await read(request({}), '{}')).requestId).toMatch(/^[0-9a-f]{16}$/);
  });

  it('is the signed viewer when the signature holds for the body and this subgraph, and anonymous when it does not', async () => {
    const viewer: Viewer = { userId: 'usr_1', partnerId: null, keyId: null, scopes: [], country: 'US', requestId: 'req-1' };
    const body = '{"query":"{ me { id } }"}';
    expect(await read(request(signViewer(viewer, body, secret, 'users')), body)).toEqual(viewer);
    expect((await read(request({ ...signViewer(viewer, body, secret, 'users'), 'x-request-id': 'req-1' }), `${body} `)).userId).toBeNull();
    expect((await read(request(signViewer(viewer, body, secret, 'gifts')), body)).userId).toBeNull();
  });
});

import type { Fetcher } from '@apollo/utils.fetcher';
import { describe, expect, it } from 'vitest';
import { encodeViewer, NonceGuard, SIGNATURE_HEADER, verifyViewer, VIEWER_HEADER, type Viewer } from '@app/kit/viewer';
import { encodedViewer, signedViewerHeaders, useViewerSigning, viewerHeaders } from './signing.ts';

const secret = 'unit-secret-0123456789abcdef0123456789';
const viewer: Viewer = { userId: 'usr_1', partnerId: null, keyId: null, scopes: [], country: 'US', requestId: 'r1' };
const at = (audience: string, nonces = new NonceGuard()) => ({ secret, audience, nonces });

/** Captures the headers a request leaves with. */
function capture() {
  const sent: Record<string, string>[] = [];
  const fetcher: Fetcher = async (_input, init) => {
    sent.push(init?.headers as Record<string, string>);
    return new Response('{}') as unknown as Awaited<ReturnType<Fetcher>>;
  };
  return { sent, fetcher };
}

describe('viewer signing', () => {
  it('signs the viewer over the exact body for the one subgraph it goes to, so only that subgraph accepts it, for that body only, once', async () => {
    const body = '{"query":"{ me { id } }"}';
    const headers = signedViewerHeaders(secret, 'users', encodedViewer(viewer), body);
    const given = { viewer: headers[VIEWER_HEADER], signature: headers[SIGNATURE_HEADER] };
    const users = at('users');
    expect((await verifyViewer(given, `${body} `, users)).rejected).toBe('bad-signature');
    expect(await verifyViewer(given, body, at('gifts'))).toMatchObject({ rejected: 'bad-signature', viewer: { userId: null } });
    expect(await verifyViewer(given, body, users)).toMatchObject({ rejected: null, viewer: { userId: 'usr_1', requestId: 'r1' } });
    expect((await verifyViewer(given, body, users)).rejected).toBe('replayed');
  });

  it('sends an anonymous viewer unsigned, with only its request id; anyone else signed', async () => {
    const anonymous: Viewer = { userId: null, partnerId: null, keyId: null, scopes: [], country: null, requestId: 'r9' };
    expect(viewerHeaders(secret, 'commerce', anonymous, '{}')).toEqual({ 'x-request-id': 'r9' });
    const partner: Viewer = { ...anonymous, partnerId: 'brd_1', keyId: 'key_1', scopes: ['catalog:write'] };
    const headers = viewerHeaders(secret, 'commerce', partner, '{}');
    expect(headers['x-request-id']).toBe('r9');
    expect(await verifyViewer({ viewer: headers[VIEWER_HEADER], signature: headers[SIGNATURE_HEADER] }, '{}', at('commerce'))).toMatchObject({ rejected: null, viewer: { partnerId: 'brd_1' } });
    expect(viewerHeaders(secret, 'commerce', { ...anonymous, country: 'US' }, '{}')[SIGNATURE_HEADER]).toBeDefined();
  });

  it('encodes a viewer once and gives every fetch of the request the same encoding', () => {
    expect(encodedViewer(viewer)).toBe(encodeViewer(viewer));
    expect(encodedViewer(viewer)).toBe(encodedViewer(viewer));
    expect(encodedViewer({ ...viewer, requestId: 'r2' })).not.toBe(encodedViewer(viewer));
  });

  it("signs a WHATWG-style fetcher's request that carries a viewer for its subgraph, and sends one without a viewer unsigned", async () => {
    const { sent, fetcher } = capture();
    const body = '{"query":"{ me { id } }"}';
    await useViewerSigning(secret, 'users', fetcher)('http://users/graphql', { method: 'POST', headers: { [VIEWER_HEADER]: encodeViewer(viewer) }, body });
    await useViewerSigning(secret, 'users', fetcher)('http://users/graphql', { method: 'POST', headers: {}, body: '{}' });
    expect((await verifyViewer({ viewer: sent[0]![VIEWER_HEADER], signature: sent[0]![SIGNATURE_HEADER] }, body, at('users'))).rejected).toBeNull();
    expect(sent[1]![SIGNATURE_HEADER]).toBeUndefined();
  });
});

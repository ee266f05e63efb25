import type { Fetcher } from '@apollo/utils.fetcher';
import { describe, expect, it } from 'vitest';
import { encodeViewer, NonceGuard, SIGNATURE_HEADER, verifyViewer, VIEWER_HEADER, type Viewer } from '@app/kit/viewer';
import { useViewerSigning } from './signing.ts';

const secret = 'unit-secret-0123456789abcdef0123456789';
const viewer: Viewer = { userId: 'usr_1', partnerId: null, keyId: null, scopes: [], country: 'US', requestId: 'r1' };

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
  it('signs the viewer over the exact body for the one subgraph it goes to, so only that subgraph accepts it, for that body only', async () => {
    const { sent, fetcher } = capture();
    const body = '{"query":"{ me { id } }"}';
    await useViewerSigning(secret, 'users', fetcher)('http://users/graphql', { method: 'POST', headers: { [VIEWER_HEADER]: encodeViewer(viewer) }, body });
    const headers = { viewer: sent[0]![VIEWER_HEADER], signature: sent[0]![SIGNATURE_HEADER] };
    const at = (audience: string) => ({ secret, audience, nonces: new NonceGuard() });
    expect(await verifyViewer(headers, body, at('users'))).toMatchObject({ rejected: null, viewer: { userId: 'usr_1' } });
    expect((await verifyViewer(headers, `${body} `, at('users'))).rejected).toBe('bad-signature');
    expect(await verifyViewer(headers, body, at('gifts'))).toMatchObject({ rejected: 'bad-signature', viewer: { userId: null } });
  });

  it('sends a request without a viewer unsigned', async () => {
    const { sent, fetcher } = capture();
    await useViewerSigning(secret, 'users', fetcher)('http://users/graphql', { method: 'POST', headers: {}, body: '{}' });
    expect(sent[0]![SIGNATURE_HEADER]).toBeUndefined();
  });
});

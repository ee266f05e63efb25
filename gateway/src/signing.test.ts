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
  it('signs the viewer over the exact body, so a subgraph accepts it for that body only', async () => {
    const { sent, fetcher } = capture();
    const body = '{"query":"{ me { id } }"}';
    await useViewerSigning(secret, fetcher)('http://users/graphql', { method: 'POST', headers: { [VIEWER_HEADER]: encodeViewer(viewer) }, body });
    const headers = { viewer: sent[0]![VIEWER_HEADER], signature: sent[0]![SIGNATURE_HEADER] };
    expect(verifyViewer(headers, body, secret, new NonceGuard())).toMatchObject({ rejected: null, viewer: { userId: 'usr_1' } });
    expect(verifyViewer(headers, `${body} `, secret, new NonceGuard()).rejected).toBe('bad-signature');
  });

  it('sends a request without a viewer unsigned', async () => {
    const { sent, fetcher } = capture();
    await useViewerSigning(secret, fetcher)('http://users/graphql', { method: 'POST', headers: {}, body: '{}' });
    expect(sent[0]![SIGNATURE_HEADER]).toBeUndefined();
  });
});

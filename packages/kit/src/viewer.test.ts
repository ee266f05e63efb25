import { describe, expect, it } from 'vitest';
import { NonceGuard, SIGNATURE_HEADER, signViewer, VIEWER_HEADER, verifyViewer, type Viewer } from './viewer.ts';

const secret = 'unit-secret-0123456789abcdef0123456789';
const viewer: Viewer = { userId: 'usr_1', partnerId: null, keyId: null, scopes: ['a'], country: 'US', requestId: 'r1' };
const body = '{"query":"{ me { id } }"}';
const headersOf = (signed: Record<string, string>) => ({ viewer: signed[VIEWER_HEADER], signature: signed[SIGNATURE_HEADER] });

describe('signed viewer', () => {
  it('round-trips a viewer signed for this body', () => {
    const result = verifyViewer(headersOf(signViewer(viewer, body, secret)), body, secret, new NonceGuard());
    expect(result.rejected).toBeNull();
    expect(result.viewer).toEqual(viewer);
  });

  it('is anonymous without headers, and refuses another body, another secret, an edited viewer, a replay and a stale stamp', () => {
    expect(verifyViewer({}, body, secret, new NonceGuard())).toMatchObject({ rejected: null, viewer: { userId: null } });
    const signed = headersOf(signViewer(viewer, body, secret));
    expect(verifyViewer(signed, `${body} `, secret, new NonceGuard()).rejected).toBe('bad-signature');
    expect(verifyViewer(signed, body, `${secret}x`, new NonceGuard()).rejected).toBe('bad-signature');
    const edited = { ...signed, viewer: Buffer.from(JSON.stringify({ ...viewer, userId: 'usr_2' })).toString('base64url') };
    expect(verifyViewer(edited, body, secret, new NonceGuard()).rejected).toBe('bad-signature');
    const guard = new NonceGuard();
    expect(verifyViewer(signed, body, secret, guard).rejected).toBeNull();
    const replay = verifyViewer(signed, body, secret, guard);
    expect(replay.rejected).toBe('replayed');
    expect(replay.viewer.userId).toBeNull();
    const old = headersOf(signViewer(viewer, body, secret, Date.now() - 31_000));
    expect(verifyViewer(old, body, secret, new NonceGuard()).rejected).toBe('stale');
    expect(verifyViewer({ viewer: 'x', signature: 'nonsense' }, body, secret, new NonceGuard()).rejected).toBe('malformed');
  });
});

import { describe, expect, it } from 'vitest';
import { anonymousViewer, NonceGuard, SIGNATURE_HEADER, signViewer, VIEWER_HEADER, verifyViewer, type NonceStore, type Viewer } from './viewer.ts';

const secret = 'unit-secret-0123456789abcdef0123456789';
const viewer: Viewer = { userId: 'usr_1', partnerId: null, keyId: null, scopes: ['a'], country: 'US', requestId: 'r1' };
const body = '{"query":"{ me { id } }"}';
const headersOf = (signed: Record<string, string>) => ({ viewer: signed[VIEWER_HEADER], signature: signed[SIGNATURE_HEADER] });
const asUsers = (nonces: NonceStore = new NonceGuard()) => ({ secret, audience: 'users', nonces });

describe('signed viewer', () => {
  it('round-trips a viewer signed for this body and this subgraph', async () => {
    const result = await verifyViewer(headersOf(signViewer(viewer, body, secret, 'users')), body, asUsers());
    expect(result.rejected).toBeNull();
    expect(result.viewer).toEqual(viewer);
  });

  it("round-trips a partner key's name, tier and expiry, and drops key facts of the wrong shape", async () => {
    const partner: Viewer = { userId: null, partnerId: 'brd_1', keyId: 'k1', scopes: ['orders:read'], country: null, requestId: 'r2', key: { name: 'Feed', tier: 'plus', expiresAt: '2030-01-01T00:00:00.000Z' } };
    expect((await verifyViewer(headersOf(signViewer(partner, body, secret, 'users')), body, asUsers())).viewer).toEqual(partner);
    const odd = { ...partner, key: { name: 'Feed', tier: 3, expiresAt: null } } as unknown as Viewer;
    expect((await verifyViewer(headersOf(signViewer(odd, body, secret, 'users')), body, asUsers())).viewer.key).toBeNull();
  });

  it('is anonymous without headers, and refuses another body, another secret, an edited viewer, a replay and a stale stamp', async () => {
    expect(await verifyViewer({}, body, asUsers())).toMatchObject({ rejected: null, viewer: { userId: null } });
    const signed = headersOf(signViewer(viewer, body, secret, 'users'));
    expect((await verifyViewer(signed, `${body} `, asUsers())).rejected).toBe('bad-signature');
    expect((await verifyViewer(signed, body, { ...asUsers(), secret: `${secret}x` })).rejected).toBe('bad-signature');
    const edited = { ...signed, viewer: Buffer.from(JSON.stringify({ ...viewer, userId: 'usr_2' })).toString('base64url') };
    expect((await verifyViewer(edited, body, asUsers())).rejected).toBe('bad-signature');
    const guard = new NonceGuard();
    expect((await verifyViewer(signed, body, asUsers(guard))).rejected).toBeNull();
    const replay = await verifyViewer(signed, body, asUsers(guard));
    expect(replay.rejected).toBe('replayed');
    expect(replay.viewer.userId).toBeNull();
    const old = headersOf(signViewer(viewer, body, secret, 'users', Date.now() - 31_000));
    expect((await verifyViewer(old, body, asUsers())).rejected).toBe('stale');
    expect((await verifyViewer({ viewer: 'x', signature: 'nonsense' }, body, asUsers())).rejected).toBe('malformed');
  });

  it('refuses a request signed for another subgraph, whatever else is right about it', async () => {
    const forGifts = headersOf(signViewer(viewer, body, secret, 'gifts'));
    const atUsers = await verifyViewer(forGifts, body, asUsers());
    expect(atUsers.rejected).toBe('bad-signature');
    expect(atUsers.viewer.userId).toBeNull();
    expect((await verifyViewer(forGifts, body, { ...asUsers(), audience: 'gifts' })).rejected).toBeNull();
  });

  it('asks the nonce store only about correctly signed, fresh requests, and honours what it says', async () => {
    const offered: string[] = [];
    const shared: NonceStore = {
      accept: async (nonce) => {
        offered.push(nonce);
        return offered.filter((seen) => seen === nonce).length === 1;
      },
    };
    const signed = headersOf(signViewer(viewer, body, secret, 'users'));
    await verifyViewer(signed, `${body} `, asUsers(shared));
    await verifyViewer(headersOf(signViewer(viewer, body, secret, 'users', Date.now() - 60_000)), body, asUsers(shared));
    expect(offered).toHaveLength(0);
    // Two replicas with their own memory, one shared store: the second sees the replay.
    expect((await verifyViewer(signed, body, asUsers(shared))).rejected).toBeNull();
    expect((await verifyViewer(signed, body, asUsers(shared))).rejected).toBe('replayed');
  });

  it('spends no nonce on an anonymous viewer: its replay grants what no header grants', async () => {
    const offered: string[] = [];
    const counting: NonceStore = { accept: (nonce) => (offered.push(nonce), true) };
    const signed = headersOf(signViewer(anonymousViewer('r2'), body, secret, 'users'));
    expect(await verifyViewer(signed, body, asUsers(counting))).toMatchObject({ rejected: null, viewer: { userId: null, requestId: 'r2' } });
    expect(offered).toHaveLength(0);
    await verifyViewer(headersOf(signViewer(viewer, body, secret, 'users')), body, asUsers(counting));
    expect(offered).toHaveLength(1);
  });
});

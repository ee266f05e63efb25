/** The key store on SQLite and on Postgres: the same keys, checks and answers on both. */
import { expect, it } from 'vitest';
import { describeOnEachEngine } from '@app/kit/db/testing';
import { openKeyStore, openPgKeyStore, type KeyStore } from './keys.ts';

describeOnEachEngine<KeyStore>('key store', { sqlite: openKeyStore, postgres: async (url) => (await openPgKeyStore(url)).keys }, (store) => {
  it('creates a key whose secret verifies, lists it newest first, and refuses it once revoked or expired', async () => {
    const now = new Date('2026-06-01T00:00:00Z');
    const older = await store().create({ partnerId: 'brd_1', name: 'older', scopes: ['catalog:read'] }, new Date(now.getTime() - 1_000));
    const created = await store().create({ partnerId: 'brd_1', name: 'feed', scopes: ['catalog:read', 'catalog:read', 'orders:read'], expiresAt: new Date(now.getTime() + 60_000) }, now);
    expect(created.key.scopes).toEqual(['catalog:read', 'orders:read']);
    expect((await store().list()).map((key) => key.id).slice(0, 2)).toEqual([created.key.id, older.key.id]);
    expect(await store().verify(created.secret, now)).toMatchObject({ problem: null, key: { id: created.key.id, createdAt: now } });
    expect((await store().verify(created.secret, new Date(now.getTime() + 60_000))).problem).toBe('expired');
    // Changes the last character to one it is not: a fixed 'A' was the same secret when the secret ended in 'A'.
    const tampered = `${created.secret.slice(0, -1)}${created.secret.endsWith('A') ? 'B' : 'A'}`;
    expect((await store().verify(tampered, now)).problem).toBe('unknown');
    const revoked = await store().revoke(created.key.id, now);
    expect(revoked.revokedAt).toEqual(now);
    expect((await store().verify(created.secret, now)).problem).toBe('revoked');
    await expect(store().create({ partnerId: 'brd_1', name: 'x', scopes: ['nope'] })).rejects.toThrow('Unknown scope');
  });
});

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import type { Engine } from '@app/kit/db/engine';
import { openPgStore, openSqliteStore, type StoreDefinition } from '@app/kit/db/open-store';
import { migrationsFolderFor } from '@app/kit/store';
import { gatewayTables, type ApiKeyRow, type GatewayTables } from './tables.ts';

/** The scopes a partner key may carry. */
export const KNOWN_SCOPES = ['catalog:read', 'catalog:write', 'orders:read', 'orders:write', 'offers:write', 'analytics:read', 'schema:read', 'webhooks:write', 'campaigns:read', 'campaigns:write'] as const;

/** Partner rate-limit tiers; their sizes are in the gateway's cost config. */
export const RATE_LIMIT_TIERS = ['standard', 'plus', 'enterprise'] as const;

const KEY_PREFIX = 'vck_';

export interface CreatedKey {
  key: ApiKeyRow;
  /** The whole API key to hand to the partner; it is not stored and cannot be shown again. */
  secret: string;
}

export type KeyProblem = 'malformed' | 'unknown' | 'revoked' | 'expired';

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export class KeyError extends Error {
  override name = 'KeyError';
}

/** The statements the key store runs, on either engine. */
export interface KeyRows {
  insertKey(row: ApiKeyRow): Promise<ApiKeyRow>;
  keysNewestFirst(): Promise<ApiKeyRow[]>;
  keyById(id: string): Promise<ApiKeyRow | undefined>;
  revokeKey(id: string, now: Date): Promise<ApiKeyRow | undefined>;
}

/** The key store's statements, written once for both engines. */
function keyStatements({ db, tables: { apiKeys } }: Engine<GatewayTables>): KeyRows {
  return {
    insertKey: async (row) => (await db.insert(apiKeys).values(row).returning())[0]!,
    keysNewestFirst: async () => db.select().from(apiKeys).orderBy(desc(apiKeys.createdAt)),
    keyById: async (id) => (await db.select().from(apiKeys).where(eq(apiKeys.id, id)))[0],
    revokeKey: async (id, now) => (await db.update(apiKeys).set({ revokedAt: now }).where(eq(apiKeys.id, id)).returning())[0],
  };
}

const keysStore: StoreDefinition<GatewayTables, KeyRows> = {
  tables: gatewayTables,
  statements: keyStatements,
  migrations: { sqlite: migrationsFolderFor(import.meta.url), postgres: migrationsFolderFor(import.meta.url, 'drizzle-pg') },
  holdsValue: true,
  liveEvents: false,
};

/** The gateway's own small store of partner keys: the rules, over either engine's rows. */
export function keyStoreOver(rows: KeyRows, close: () => void | Promise<void>) {
  return {
    close,

    async create(input: { partnerId: string; name: string; scopes: readonly string[]; expiresAt?: Date | null; tier?: string }, now = new Date()): Promise<CreatedKey> {
      const unknown = input.scopes.filter((scope) => !(KNOWN_SCOPES as readonly string[]).includes(scope));
      if (unknown.length > 0) throw new KeyError(`Unknown scope ${unknown.join(', ')}; known scopes: ${KNOWN_SCOPES.join(', ')}.`);
      if (!input.partnerId) throw new KeyError('A key needs the partner (brand id) it acts for.');
      if (input.expiresAt && input.expiresAt <= now) throw new KeyError('A key cannot expire in the past.');
      if (input.tier && !(RATE_LIMIT_TIERS as readonly string[]).includes(input.tier)) throw new KeyError(`Unknown tier ${input.tier}; tiers: ${RATE_LIMIT_TIERS.join(', ')}.`);
      const id = randomBytes(6).toString('hex');
      const secretPart = randomBytes(32).toString('base64url');
      const secret = `${KEY_PREFIX}${id}_${secretPart}`;
      const key = await rows.insertKey({
        id,
        partnerId: input.partnerId,
        name: input.name,
        scopes: [...new Set(input.scopes)],
        secretHash: hashSecret(secretPart),
        tier: input.tier ?? 'standard',
        createdAt: now,
        expiresAt: input.expiresAt ?? null,
        revokedAt: null,
      });
      return { key, secret };
    },

    list(): Promise<ApiKeyRow[]> {
      return rows.keysNewestFirst();
    },

    async revoke(id: string, now = new Date()): Promise<ApiKeyRow> {
      const key = await rows.keyById(id);
      if (!key) throw new KeyError(`No key has id ${id}.`);
      if (key.revokedAt) return key;
      return (await rows.revokeKey(id, now)) as ApiKeyRow;
    },

    /** The key behind a presented secret, or why it is refused. Constant-time on the secret. */
    async verify(presented: string, now = new Date()): Promise<{ key: ApiKeyRow; problem: null } | { key: null; problem: KeyProblem }> {
      const match = /^vck_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/.exec(presented);
      if (!match) return { key: null, problem: 'malformed' };
      const [, id, secretPart] = match as unknown as [string, string, string];
      const key = await rows.keyById(id);
      if (!key) return { key: null, problem: 'unknown' };
      const expected = Buffer.from(key.secretHash, 'hex');
      const given = Buffer.from(hashSecret(secretPart), 'hex');
      if (!timingSafeEqual(expected, given)) return { key: null, problem: 'unknown' };
      if (key.revokedAt) return { key: null, problem: 'revoked' };
      if (key.expiresAt && key.expiresAt <= now) return { key: null, problem: 'expired' };
      return { key, problem: null };
    },
  };
}

export type KeyStore = ReturnType<typeof keyStoreOver>;

/** The key store in a SQLite file (`data/gateway.db`, the default). */
export function openKeyStore(path: string): KeyStore {
  const store = openSqliteStore(keysStore, path);
  return keyStoreOver(store, store.close);
}

/** The key store on Postgres, with the connection for the stores replicas share beside it. */
export async function openPgKeyStore(url: string) {
  const store = await openPgStore(keysStore, url);
  return { keys: keyStoreOver(store, store.close), connection: store.pg };
}

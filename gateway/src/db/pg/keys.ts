/**
 * The gateway's store on Postgres (`GATEWAY_DATABASE_URL`): partner keys, as the SQLite file
 * keeps them, and the rate-limit buckets every replica shares; `ping` is its readiness probe.
 */
import { desc, eq } from 'drizzle-orm';
import { openPgConnection } from '@app/kit/pg';
import { migrationsFolderFor } from '@app/kit/store';
import { keyStoreOver, type KeyStore } from '../keys.ts';
import { PgEntityCacheStore } from './entity-cache.ts';
import { PgRateLimitStore } from './rate-limits.ts';
import { apiKeys } from './schema.ts';

export const pgMigrationsFolder = migrationsFolderFor(import.meta.url, 'drizzle-pg');

export async function openPgGatewayStore(url: string): Promise<{ keys: KeyStore; rateLimits: PgRateLimitStore; entityCache: PgEntityCacheStore; ping: () => Promise<boolean> }> {
  const connection = await openPgConnection({ url, migrationsFolder: pgMigrationsFolder });
  const { db } = connection;
  const keys = keyStoreOver(
    {
      insertKey: async (row) => (await db.insert(apiKeys).values(row).returning())[0]!,
      keysNewestFirst: async () => db.select().from(apiKeys).orderBy(desc(apiKeys.createdAt)),
      keyById: async (id) => (await db.select().from(apiKeys).where(eq(apiKeys.id, id)))[0],
      revokeKey: async (id, now) => (await db.update(apiKeys).set({ revokedAt: now }).where(eq(apiKeys.id, id)).returning())[0],
    },
    () => connection.close(),
  );
  return { keys, rateLimits: new PgRateLimitStore(db), entityCache: new PgEntityCacheStore(db), ping: () => connection.ping() };
}

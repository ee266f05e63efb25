/**
 * The gateway's stores, wherever the configuration puts them: partner keys in a SQLite file with
 * rate-limit buckets and the entity cache in this process's memory (the default), or all of them
 * in Postgres (`GATEWAY_DATABASE_URL`), where every replica of the gateway shares them.
 */
import { isPostgresUrl } from '@app/kit/pg';
import { StoreOpenError } from '@app/kit/store';
import type { GatewayConfig } from '../config.ts';
import type { EntityCacheStore } from '../entity-cache/store.ts';
import type { RateLimitStore } from '../rate-limit.ts';
import { PgEntityCacheStore } from './entity-cache.ts';
import { openKeyStore, openPgKeyStore, type KeyStore } from './keys.ts';
import { PgRateLimitStore } from './rate-limits.ts';

export async function openGatewayStores(config: Pick<GatewayConfig, 'keyStorePath' | 'keyStoreUrl'>): Promise<{ keys: KeyStore; rateLimits?: RateLimitStore; entityCache?: EntityCacheStore; ping?: () => Promise<boolean> }> {
  if (!config.keyStoreUrl) return { keys: openKeyStore(config.keyStorePath) };
  if (!isPostgresUrl(config.keyStoreUrl)) throw new StoreOpenError('GATEWAY_DATABASE_URL must be a postgres:// URL.');
  return openPgGatewayStore(config.keyStoreUrl);
}

/** Every gateway store on one Postgres database (`GATEWAY_DATABASE_URL`): keys, and what replicas share; `ping` is its readiness probe. */
export async function openPgGatewayStore(url: string): Promise<{ keys: KeyStore; rateLimits: PgRateLimitStore; entityCache: PgEntityCacheStore; ping: () => Promise<boolean> }> {
  const { keys, connection } = await openPgKeyStore(url);
  return { keys, rateLimits: new PgRateLimitStore(connection.db), entityCache: new PgEntityCacheStore(connection.db), ping: () => connection.ping() };
}

/** The gateway's Postgres tables by name, for drizzle-kit (`drizzle-pg.config.ts`): partner keys derived from `tables.ts`, and what replicas share. */
import { gatewayTables } from './tables.ts';

export const { apiKeys } = gatewayTables.postgres;
export { rateLimitBuckets, entityCacheEntries, entityCacheInvalidationSeq, entityCacheInvalidations } from './replica-tables.ts';

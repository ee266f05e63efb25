/**
 * The commerce subgraph's store: every statement commerce runs, written once (`statements/`), on
 * SQLite or Postgres, and nothing else runs SQL. Opening a store creates and migrates it; `seed.ts`
 * fills an empty one. It imports no domain module: the rules ask it, never the other way round.
 */
import { kitStatements } from '@app/kit/db/kit-statements';
import { webhookStatements } from '@app/kit/db/webhook-statements';
import { openPgStore, openSqliteStore, type EngineStore, type StoreDefinition } from '@app/kit/db/open-store';
import type { PgConnectionOptions } from '@app/kit/pg';
import { migrationsFolderFor, type StoreOptions } from '@app/kit/store';
import type { CommerceStatements } from './contract.ts';
import { campaignStatements } from './statements/campaigns.ts';
import { dealStatements } from './statements/deals.ts';
import { analyticsStatements } from './statements/analytics.ts';
import { keptStatements } from './statements/kept.ts';
import { readStatements } from './statements/reads.ts';
import { searchStatements } from './statements/search.ts';
import { seedStatements } from './statements/seed.ts';
import { settlementStatements } from './statements/settlement.ts';
import { writeStatements } from './statements/writes.ts';
import { commerceTables, type CommerceTables } from './tables.ts';

export type { CommerceStatements } from './contract.ts';

export const migrationsFolder = migrationsFolderFor(import.meta.url);

const commerce: StoreDefinition<CommerceTables, CommerceStatements> = {
  tables: commerceTables,
  statements: (engine): CommerceStatements => ({
    ...kitStatements(engine),
    ...readStatements(engine),
    ...writeStatements(engine),
    ...settlementStatements(engine),
    ...analyticsStatements(engine),
    ...seedStatements(engine),
    ...keptStatements(engine),
    ...searchStatements(engine),
    ...webhookStatements(engine),
    ...dealStatements(engine),
    ...campaignStatements(engine),
  }),
  migrations: { sqlite: migrationsFolder, postgres: migrationsFolderFor(import.meta.url, 'drizzle-pg') },
  // It holds value (orders, inventory, commissions): on SQLite every commit is synced fully.
  holdsValue: true,
};

/** The statements as a transaction's body sees them. */
export type CommerceTx = CommerceStatements;

export type CommerceStore = EngineStore<CommerceStatements>;

/** Opens (creating and migrating as needed) the commerce store in a SQLite file, or ':memory:'. */
export function openCommerceStore(path: string, options: Pick<StoreOptions, 'onStatement' | 'onCommit'> = {}) {
  return openSqliteStore(commerce, path, options);
}

/**
 * Opens the commerce store on a Postgres database, migrating it as needed, with a listening
 * connection that wakes this process's subscribers when any replica commits a shopping event.
 */
export function openCommercePgStore(url: string, options: Pick<PgConnectionOptions, 'onStatement' | 'onRetry'> = {}) {
  return openPgStore(commerce, url, options);
}

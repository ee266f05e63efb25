/**
 * The commerce subgraph's store: every statement commerce runs, and nothing else runs SQL. Reads
 * for the loaders and lists are in `reads.ts`, what writes need in `writes.ts`; the domain sees
 * one `CommerceStore`.
 */
import { idempotencyStatements } from '@app/kit/idempotency';
import { LiveEventBus, liveEventStatements } from '@app/kit/live';
import { migrationsFolderFor, openStore, sqliteStore, type Queries, type SqliteConnection, type Store, type StoreOptions } from '@app/kit/store';
import { readStatements } from './reads.ts';
import { brands, schema, type CommerceDb } from './schema.ts';
import { seedCommerce } from './seed.ts';
import { writeStatements } from './writes.ts';

function statements(db: CommerceDb, connection: SqliteConnection<Record<string, unknown>>, bus: LiveEventBus) {
  return { ...readStatements(db), ...writeStatements(db), ...idempotencyStatements(db), ...liveEventStatements(connection, bus) };
}

export type CommerceStore = Store<ReturnType<typeof statements>> & {
  /** Who waits for which stream's next shopping event, in this process. */
  liveEvents: LiveEventBus;
};

/** The statements as a transaction's body sees them. */
export type CommerceTx = Queries<ReturnType<typeof statements>>;

export const migrationsFolder = migrationsFolderFor(import.meta.url);

/**
 * Opens (creating and migrating as needed) the commerce store, seeding it when empty. It holds
 * value (orders, inventory, commissions), so every commit is synced fully.
 */
export function openCommerceStore(path: string, options: Pick<StoreOptions, 'onStatement'> = {}) {
  const opened = openStore(schema, { path, migrationsFolder, holdsValue: true, ...options });
  if (!opened.db.select({ id: brands.id }).from(brands).limit(1).get()) seedCommerce(opened.db);
  const bus = new LiveEventBus();
  const store: CommerceStore = { ...sqliteStore(opened.connection, statements(opened.db, opened.connection, bus)), liveEvents: bus };
  // `db` and `sqlite` are for the seed and for tests that check what a write left behind.
  return { ...store, db: opened.db, sqlite: opened.sqlite, isOpen: () => opened.sqlite.open, close: opened.close };
}

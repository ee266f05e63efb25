/**
 * The commerce subgraph's store: every statement commerce runs, and nothing else runs SQL. Reads
 * for the loaders and lists are in `reads.ts`, what writes need in `writes.ts`; the domain sees
 * one `CommerceStore`.
 */
import { idempotencyStatements } from '@app/kit/idempotency';
import { LiveEventBus, liveEventStatements } from '@app/kit/live';
import { SqliteNonceStore } from '@app/kit/nonces';
import { migrationsFolderFor, openStore, sqliteStore, type Queries, type SqliteConnection, type Store, type StoreOptions } from '@app/kit/store';
import { analyticsStatements } from './analytics.ts';
import { readStatements } from './reads.ts';
import {
  affiliateClicks,
  affiliateLinks,
  brands,
  catalogProducts,
  catalogs,
  commissionPayouts,
  creatorCatalogs,
  creatorCommissions,
  liveStreamPins,
  orderLines,
  orderReturnLines,
  orderReturns,
  orders,
  products,
  schema,
  showcaseItems,
  videoProducts,
  type CommerceDb,
} from './schema.ts';
import { commerceSeedWithHistory } from './seed.ts';
import { settlementStatements } from './settlement.ts';
import { writeStatements } from './writes.ts';

function statements(db: CommerceDb, connection: SqliteConnection<Record<string, unknown>>, bus: LiveEventBus) {
  return { ...readStatements(db), ...writeStatements(db), ...settlementStatements(db), ...analyticsStatements(db), ...idempotencyStatements(db), ...liveEventStatements(connection, bus) };
}

/** Every statement commerce runs, as SQLite runs them; `pg/store.ts` has the same on Postgres. */
export type CommerceStatements = ReturnType<typeof statements>;
export type CommerceStore = Store<CommerceStatements> & {
  /** Who waits for which stream's next shopping event, in this process. */
  liveEvents: LiveEventBus;
};

/** The statements as a transaction's body sees them. */
export type CommerceTx = Queries<CommerceStatements>;

function seedCommerce(db: CommerceDb): void {
  const seed = commerceSeedWithHistory();
  const inSlices = <T>(rows: readonly T[], insert: (slice: T[]) => void) => {
    for (let i = 0; i < rows.length; i += 200) insert(rows.slice(i, i + 200));
  };
  db.transaction((tx) => {
    tx.insert(brands).values(seed.brands).run();
    inSlices(seed.products, (rows) => tx.insert(products).values(rows).run());
    tx.insert(catalogs).values(seed.catalogs).run();
    inSlices(seed.catalogProducts, (rows) => tx.insert(catalogProducts).values(rows).run());
    inSlices(seed.creatorCatalogs, (rows) => tx.insert(creatorCatalogs).values(rows).run());
    inSlices(seed.showcaseItems, (rows) => tx.insert(showcaseItems).values(rows).run());
    inSlices(seed.videoProducts, (rows) => tx.insert(videoProducts).values(rows).run());
    inSlices(seed.liveStreamPins, (rows) => tx.insert(liveStreamPins).values(rows).run());
    const { history } = seed;
    tx.insert(creatorCommissions).values(history.creatorCommissions).run();
    tx.insert(affiliateLinks).values(history.affiliateLinks).run();
    inSlices(history.affiliateClicks, (rows) => tx.insert(affiliateClicks).values(rows).run());
    tx.insert(commissionPayouts).values(history.commissionPayouts).run();
    tx.insert(orders).values(history.orders).run();
    tx.insert(orderLines).values(history.orderLines).run();
    tx.insert(orderReturns).values(history.orderReturns).run();
    tx.insert(orderReturnLines).values(history.orderReturnLines).run();
  });
}

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
  return { ...store, nonces: new SqliteNonceStore(opened.connection), db: opened.db, sqlite: opened.sqlite, isOpen: () => opened.sqlite.open, close: opened.close };
}

/**
 * The commerce store on Postgres: the statements of `../store.ts` again (`reads.ts`, `writes.ts`
 * and the idempotency table), in Postgres' dialect, typed as the same `Queries<CommerceStatements>`.
 */
import { idempotencyPgStatements } from '@app/kit/idempotency-pg';
import { LiveEventBus } from '@app/kit/live';
import { listenForLiveEvents, liveEventPgStatements } from '@app/kit/live-pg';
import { PgNonceStore } from '@app/kit/nonces-pg';
import { insertChunks, isEmpty, openPgConnection, pgStore, type PgConnectionOptions, type PgDb } from '@app/kit/pg';
import { migrationsFolderFor, type Queries } from '@app/kit/store';
import { commerceSeedWithHistory } from '../seed.ts';
import type { CommerceStatements, CommerceStore } from '../store.ts';
import { analyticsPgStatements } from './analytics.ts';
import { readPgStatements } from './reads.ts';
import { settlementPgStatements } from './settlement.ts';
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
  showcaseItems,
  videoProducts,
} from './schema.ts';
import { writePgStatements } from './writes.ts';

function statementsOn(outbox: ReturnType<typeof liveEventPgStatements>) {
  return (db: PgDb): Queries<CommerceStatements> => ({ ...readPgStatements(db), ...writePgStatements(db), ...settlementPgStatements(db), ...analyticsPgStatements(db), ...idempotencyPgStatements(db), ...outbox(db) });
}

export const pgMigrationsFolder = migrationsFolderFor(import.meta.url, 'drizzle-pg');

async function seed(db: PgDb): Promise<void> {
  if (!(await isEmpty(db, 'brands'))) return;
  const rows = commerceSeedWithHistory();
  await db.transaction(async (tx) => {
    await tx.insert(brands).values(rows.brands);
    await insertChunks(rows.products, 1_000, (chunk) => tx.insert(products).values(chunk));
    await tx.insert(catalogs).values(rows.catalogs);
    await insertChunks(rows.catalogProducts, 1_000, (chunk) => tx.insert(catalogProducts).values(chunk));
    await insertChunks(rows.creatorCatalogs, 1_000, (chunk) => tx.insert(creatorCatalogs).values(chunk));
    await insertChunks(rows.showcaseItems, 1_000, (chunk) => tx.insert(showcaseItems).values(chunk));
    await insertChunks(rows.videoProducts, 1_000, (chunk) => tx.insert(videoProducts).values(chunk));
    await insertChunks(rows.liveStreamPins, 1_000, (chunk) => tx.insert(liveStreamPins).values(chunk));
    const { history } = rows;
    await tx.insert(creatorCommissions).values(history.creatorCommissions);
    await tx.insert(affiliateLinks).values(history.affiliateLinks);
    await insertChunks(history.affiliateClicks, 1_000, (chunk) => tx.insert(affiliateClicks).values(chunk));
    await tx.insert(commissionPayouts).values(history.commissionPayouts);
    await tx.insert(orders).values(history.orders);
    await tx.insert(orderLines).values(history.orderLines);
    await tx.insert(orderReturns).values(history.orderReturns);
    await tx.insert(orderReturnLines).values(history.orderReturnLines);
  });
}

/**
 * Opens the commerce store on a Postgres database (migrating and seeding it as needed), with a
 * listening connection that wakes this process's subscribers when any replica commits a shopping event.
 */
export async function openCommercePgStore(url: string, options: Pick<PgConnectionOptions, 'onStatement'> = {}) {
  const connection = await openPgConnection({ url, migrationsFolder: pgMigrationsFolder, seed, ...options });
  const bus = new LiveEventBus();
  const listener = listenForLiveEvents(url, bus);
  await listener.ready;
  const store: CommerceStore = { ...pgStore(connection, statementsOn(liveEventPgStatements())), liveEvents: bus };
  return {
    ...store,
    nonces: new PgNonceStore(connection.db),
    isOpen: () => connection.isOpen,
    ping: () => connection.ping(),
    close: async () => {
      await listener.close();
      await connection.close();
    },
  };
}

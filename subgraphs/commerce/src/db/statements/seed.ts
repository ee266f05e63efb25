import type { Engine } from '@app/kit/db/engine';
import { insertRows } from '@app/kit/db/shapes';
import type { CommerceStatements } from '../contract.ts';
import { keptRowsFromHistory } from '../kept-rows.ts';
import type { CommerceTables } from '../tables.ts';
import { keptUpkeep } from './kept.ts';

export function seedStatements(engine: Engine<CommerceTables>) {
  const { db, tables } = engine;
  return {
    isEmpty: async () => (await db.select({ id: tables.brands.id }).from(tables.brands).limit(1)).length === 0,

    // In this order: foreign keys point backwards.
    insertSeedRows: async (rows) => {
      await insertRows(engine, tables.brands, rows.brands);
      await insertRows(engine, tables.brandTopics, rows.brandTopics ?? []);
      await insertRows(engine, tables.products, rows.products);
      await insertRows(engine, tables.catalogs, rows.catalogs);
      await insertRows(engine, tables.catalogProducts, rows.catalogProducts);
      await insertRows(engine, tables.creatorCatalogs, rows.creatorCatalogs);
      await insertRows(engine, tables.showcaseItems, rows.showcaseItems);
      await insertRows(engine, tables.videoProducts, rows.videoProducts);
      await insertRows(engine, tables.liveStreamPins, rows.liveStreamPins);
      await insertRows(engine, tables.creatorCommissions, rows.creatorCommissions);
      await insertRows(engine, tables.affiliateLinks, rows.affiliateLinks);
      await insertRows(engine, tables.affiliateClicks, rows.affiliateClicks);
      await insertRows(engine, tables.commissionPayouts, rows.commissionPayouts);
      await insertRows(engine, tables.orders, rows.orders);
      await insertRows(engine, tables.orderLines, rows.orderLines);
      await insertRows(engine, tables.orderReturns, rows.orderReturns);
      await insertRows(engine, tables.orderReturnLines, rows.orderReturnLines);
      // The kept sales and commission rows these orders make, added to any kept already (a seed in chunks).
      await keptUpkeep(engine).addKept(keptRowsFromHistory(rows));
    },
  } satisfies Partial<CommerceStatements>;
}

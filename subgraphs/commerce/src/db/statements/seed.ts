import type { Engine } from '@app/kit/db/engine';
import { insertBulk } from '@app/kit/db/shapes';
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
      await insertBulk(engine, tables.brands, rows.brands);
      await insertBulk(engine, tables.brandTopics, rows.brandTopics ?? []);
      await insertBulk(engine, tables.products, rows.products);
      await insertBulk(engine, tables.catalogs, rows.catalogs);
      await insertBulk(engine, tables.catalogProducts, rows.catalogProducts);
      await insertBulk(engine, tables.creatorCatalogs, rows.creatorCatalogs);
      await insertBulk(engine, tables.showcaseItems, rows.showcaseItems);
      await insertBulk(engine, tables.videoProducts, rows.videoProducts);
      await insertBulk(engine, tables.liveStreamPins, rows.liveStreamPins);
      await insertBulk(engine, tables.flashDeals, rows.flashDeals ?? []);
      await insertBulk(engine, tables.creatorCommissions, rows.creatorCommissions);
      await insertBulk(engine, tables.affiliateLinks, rows.affiliateLinks);
      await insertBulk(engine, tables.affiliateClicks, rows.affiliateClicks);
      await insertBulk(engine, tables.commissionPayouts, rows.commissionPayouts);
      await insertBulk(engine, tables.orders, rows.orders);
      await insertBulk(engine, tables.orderLines, rows.orderLines);
      await insertBulk(engine, tables.orderReturns, rows.orderReturns);
      await insertBulk(engine, tables.orderReturnLines, rows.orderReturnLines);
      // The kept sales and commission rows these orders make, added to any kept already (a seed in chunks).
      await keptUpkeep(engine).addKept(keptRowsFromHistory(rows));
    },
  } satisfies Partial<CommerceStatements>;
}

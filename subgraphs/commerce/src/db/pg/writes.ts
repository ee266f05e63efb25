/**
 * `../writes.ts` on Postgres: the same writes, typed as the same `Queries<…>`. The guarded
 * statements are the same (`takeStock`, `closePaidOrder`); what a write reads and relies on
 * (how full a list is, whether a code is free) holds because the transaction is serializable
 * (`@app/kit/pg`) where SQLite takes its write lock up front. A feed's products go in and are
 * updated a slice of rows per statement, since each statement is a round trip to the server.
 */
import { and, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { PgDb } from '@app/kit/pg';
import { insertChunks } from '@app/kit/pg';
import type { Queries } from '@app/kit/store';
import type { ProductListName, writeStatements } from '../writes.ts';
import { affiliateClicks, affiliateLinks, catalogProducts, catalogs, creatorCatalogs, creatorCommissions, liveStreamPins, orderLines, orderReturnLines, orderReturns, orders, products, showcaseItems } from './schema.ts';

export type WriteStatements = ReturnType<typeof writeStatements>;

const productLists = {
  pins: { table: liveStreamPins, owner: liveStreamPins.liveStreamId, product: liveStreamPins.productId, position: liveStreamPins.position },
  showcase: { table: showcaseItems, owner: showcaseItems.creatorId, product: showcaseItems.productId, position: showcaseItems.position },
  catalog: { table: catalogProducts, owner: catalogProducts.catalogId, product: catalogProducts.productId, position: catalogProducts.position },
} as const satisfies Record<ProductListName, unknown>;

/** Rows per statement for a feed: 12 columns × 1,000 rows stays far below Postgres' 65,535 parameters. */
const FEED_SLICE = 1_000;

export function writePgStatements(db: PgDb): Queries<WriteStatements> {
  return {
    updateProduct: async (id, changes) => (await db.update(products).set(changes).where(eq(products.id, id)).returning())[0],

    importedProducts: async (brandId) =>
      db
        .select({
          id: products.id,
          externalId: products.externalId,
          title: products.title,
          description: products.description,
          priceAmount: products.priceAmount,
          currency: products.currency,
          inventory: products.inventory,
          status: products.status,
          imageUrl: products.imageUrl,
          commissionBps: products.commissionBps,
        })
        .from(products)
        .where(and(eq(products.brandId, brandId), isNotNull(products.externalId))),

    insertProducts: async (rows) => {
      await insertChunks(rows, FEED_SLICE, (chunk) => db.insert(products).values(chunk));
    },

    updateImportedProducts: async (rows) => {
      await insertChunks(rows, FEED_SLICE, (chunk) => {
        const values = sql.join(
          chunk.map(
            (row) =>
              sql`(${row.id}, ${row.title}, ${row.description}, ${row.priceAmount}::integer, ${row.currency}, ${row.inventory}::integer, ${row.status}, ${row.commissionBps}::integer, ${row.imageUrl})`,
          ),
          sql`, `,
        );
        return db.execute(sql`
          update ${products} set
            title = v.title, description = v.description, price_amount = v.price_amount, currency = v.currency,
            inventory = v.inventory, status = v.status, commission_bps = v.commission_bps, image_url = v.image_url
          from (values ${values}) as v(id, title, description, price_amount, currency, inventory, status, commission_bps, image_url)
          where ${products.id} = v.id`);
      });
    },

    archiveProducts: async (ids) => {
      let archived = 0;
      await insertChunks(ids, FEED_SLICE, async (chunk) => {
        const result = await db.update(products).set({ status: 'ARCHIVED' }).where(inArray(products.id, chunk));
        archived += result.rowCount ?? 0;
      });
      return archived;
    },

    takeStock: async (productId, quantity) =>
      (
        await db
          .update(products)
          .set({ inventory: sql`${products.inventory} - ${quantity}` })
          .where(and(eq(products.id, productId), eq(products.status, 'ACTIVE'), sql`${products.inventory} >= ${quantity}`))
      ).rowCount === 1,

    restoreStock: async (lines) => {
      for (const line of lines) {
        await db
          .update(products)
          .set({ inventory: sql`${products.inventory} + ${line.quantity}` })
          .where(eq(products.id, line.productId));
      }
    },

    insertOrder: async (order, lines) => {
      await db.insert(orders).values(order);
      await db.insert(orderLines).values([...lines]);
    },

    closePaidOrder: async (id, change) =>
      (
        await db
          .update(orders)
          .set(change)
          .where(and(eq(orders.id, id), eq(orders.status, 'PAID')))
          .returning()
      )[0],

    reverseOrderCommission: async (orderId) => {
      await db
        .update(orderLines)
        .set({ commissionReversed: sql`${orderLines.commissionAmount}` })
        .where(eq(orderLines.orderId, orderId));
    },

    refundLine: async (orderId, position, from, to) =>
      (
        await db
          .update(orderLines)
          .set(to)
          .where(
            and(
              eq(orderLines.orderId, orderId),
              eq(orderLines.position, position),
              eq(orderLines.refundedQuantity, from.refundedQuantity),
              eq(orderLines.commissionReversed, from.commissionReversed),
            ),
          )
      ).rowCount === 1,

    openReturnOf: async (orderId) =>
      (
        await db
          .select()
          .from(orderReturns)
          .where(and(eq(orderReturns.orderId, orderId), eq(orderReturns.status, 'REQUESTED')))
      )[0],

    insertReturn: async (row, lines) => {
      await db.insert(orderReturns).values(row);
      await db.insert(orderReturnLines).values([...lines]);
    },

    decideReturn: async (id, decision) =>
      (
        await db
          .update(orderReturns)
          .set(decision)
          .where(and(eq(orderReturns.id, id), eq(orderReturns.status, 'REQUESTED')))
          .returning()
      )[0],

    affiliateLinkByCode: async (code) => (await db.select().from(affiliateLinks).where(eq(affiliateLinks.code, code)))[0],

    affiliateLinkOf: async (creatorId, productId) =>
      (
        await db
          .select()
          .from(affiliateLinks)
          .where(and(eq(affiliateLinks.creatorId, creatorId), eq(affiliateLinks.productId, productId)))
      )[0],

    insertAffiliateLink: async (link) => {
      await db.insert(affiliateLinks).values(link);
    },

    recordClick: async (linkId, userId, now) => (await db.insert(affiliateClicks).values({ linkId, userId, clickedAt: now }).onConflictDoNothing()).rowCount === 1,

    countClick: async (linkId) =>
      (
        await db
          .update(affiliateLinks)
          .set({ clicks: sql`${affiliateLinks.clicks} + 1` })
          .where(eq(affiliateLinks.id, linkId))
          .returning()
      )[0],

    commissionDeals: async (creatorId, brandId) =>
      db
        .select({ productId: creatorCommissions.productId, bps: creatorCommissions.commissionBps })
        .from(creatorCommissions)
        .where(and(eq(creatorCommissions.creatorId, creatorId), eq(creatorCommissions.brandId, brandId))),

    saveCommissionDeal: async (id, deal) => {
      const productId = deal.productId ?? null;
      const which = and(
        eq(creatorCommissions.creatorId, deal.creatorId),
        eq(creatorCommissions.brandId, deal.brandId),
        productId === null ? isNull(creatorCommissions.productId) : eq(creatorCommissions.productId, productId),
      );
      const [existing] = await db.select({ id: creatorCommissions.id }).from(creatorCommissions).where(which);
      if (existing) {
        return (
          await db
            .update(creatorCommissions)
            .set({ commissionBps: deal.commissionBps, updatedAt: deal.updatedAt })
            .where(eq(creatorCommissions.id, existing.id))
            .returning()
        )[0]!;
      }
      return (
        await db
          .insert(creatorCommissions)
          .values({ ...deal, id, productId })
          .returning()
      )[0]!;
    },

    insertCatalog: async (catalog) => (await db.insert(catalogs).values(catalog).returning())[0]!,

    listedProducts: async (list, ownerId) => {
      const { table, owner, product, position } = productLists[list];
      return db.select({ productId: product, position }).from(table).where(eq(owner, ownerId));
    },

    appendToList: async (list, ownerId, items, now) => {
      if (items.length === 0) return;
      switch (list) {
        case 'pins':
          await db.insert(liveStreamPins).values(items.map((item) => ({ liveStreamId: ownerId, ...item, pinnedAt: now })));
          return;
        case 'showcase':
          await db.insert(showcaseItems).values(items.map((item) => ({ creatorId: ownerId, ...item, addedAt: now })));
          return;
        case 'catalog':
          await db.insert(catalogProducts).values(items.map((item) => ({ catalogId: ownerId, ...item })));
          return;
      }
    },

    setListPositions: async (list, ownerId, items) => {
      for (const item of items) {
        if (list === 'pins') await db.update(liveStreamPins).set({ position: item.position }).where(and(eq(liveStreamPins.liveStreamId, ownerId), eq(liveStreamPins.productId, item.productId)));
        else if (list === 'showcase') await db.update(showcaseItems).set({ position: item.position }).where(and(eq(showcaseItems.creatorId, ownerId), eq(showcaseItems.productId, item.productId)));
        else await db.update(catalogProducts).set({ position: item.position }).where(and(eq(catalogProducts.catalogId, ownerId), eq(catalogProducts.productId, item.productId)));
      }
    },

    updateCatalog: async (catalogId, changes) => (await db.update(catalogs).set(changes).where(eq(catalogs.id, catalogId)).returning())[0],

    deleteCatalog: async (catalogId) => {
      await db.delete(catalogProducts).where(eq(catalogProducts.catalogId, catalogId));
      const creators = await db.delete(creatorCatalogs).where(eq(creatorCatalogs.catalogId, catalogId)).returning({ creatorId: creatorCatalogs.creatorId });
      await db.delete(catalogs).where(eq(catalogs.id, catalogId));
      return creators.map((row) => row.creatorId);
    },

    replaceCreatorCatalogs: async (creatorId, catalogIds) => {
      await db.delete(creatorCatalogs).where(eq(creatorCatalogs.creatorId, creatorId));
      if (catalogIds.length > 0) await db.insert(creatorCatalogs).values(catalogIds.map((catalogId, position) => ({ creatorId, catalogId, position })));
    },

    removeFromList: async (list, ownerId, productIds) => {
      if (productIds.length === 0) return [];
      const { table, owner, product } = productLists[list];
      const removed = await db
        .delete(table)
        .where(and(eq(owner, ownerId), inArray(product, [...productIds])))
        .returning({ productId: product });
      return removed.map((row) => row.productId);
    },
  };
}

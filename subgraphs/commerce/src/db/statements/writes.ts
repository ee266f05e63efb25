/**
 * What commerce's writes run: the changes the domain asks for, and the reads only a write needs.
 * The domain runs them inside `store.transaction`. Stock, an order's status, a return's and a
 * line's refunds are taken by guarded statements (`takeStock`, `closePaidOrder`, `decideReturn`,
 * `refundLine`), which hold on either engine; what else a write reads and relies on (how full a
 * list is, whether a code is free) holds because SQLite's write lock is taken up front and a
 * Postgres transaction is serializable (`@app/kit/pg` runs it again on a conflict).
 */
import { and, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Engine } from '@app/kit/db/engine';
import { insertRows } from '@app/kit/db/shapes';
import type { CommerceStatements, ImportedProduct, ProductListName } from '../contract.ts';
import type { CommerceTables } from '../tables.ts';

/** Ids per statement when archiving: one parameter each, far below either engine's limit. */
const ARCHIVE_SLICE = 500;

/** The columns a feed sets on a product it imported, as `updateImportedProducts` writes them. */
const FEED_COLUMNS = 9;

export function writeStatements(engine: Engine<CommerceTables>) {
  const { db } = engine;
  const { products, orders, orderLines, orderReturns, orderReturnLines, affiliateLinks, affiliateClicks, creatorCommissions, catalogs, catalogProducts, creatorCatalogs, showcaseItems, liveStreamPins } =
    engine.tables;

  /** Where each list lives: its table and the column naming whose list a row is in. */
  const productLists = {
    pins: { table: liveStreamPins, owner: liveStreamPins.liveStreamId, product: liveStreamPins.productId, position: liveStreamPins.position },
    showcase: { table: showcaseItems, owner: showcaseItems.creatorId, product: showcaseItems.productId, position: showcaseItems.position },
    catalog: { table: catalogProducts, owner: catalogProducts.catalogId, product: catalogProducts.productId, position: catalogProducts.position },
  } as const satisfies Record<ProductListName, unknown>;

  /**
   * One statement for a slice of a feed's products: the new values as a table (`with feed(…) as
   * (values …)`), joined to the products by id. A feed of thousands is a handful of statements,
   * not one per product (each a round trip to a server engine). Integers are cast: a server
   * engine cannot tell a bound value's type inside `values`.
   */
  const updateFeedSlice = (rows: readonly ImportedProduct[]) => {
    const values = sql.join(
      rows.map(
        (row) =>
          sql`(${row.id}, ${row.title}, ${row.description}, cast(${row.priceAmount} as integer), ${row.currency}, cast(${row.inventory} as integer), ${row.status}, cast(${row.commissionBps} as integer), ${row.imageUrl})`,
      ),
      sql`, `,
    );
    return engine.rows<{ id: string }>(sql`
      with feed (key, title, description, price_amount, currency, inventory, status, commission_bps, image_url) as (values ${values})
      update ${products} set
        title = feed.title, description = feed.description, price_amount = feed.price_amount, currency = feed.currency,
        inventory = feed.inventory, status = feed.status, commission_bps = feed.commission_bps, image_url = feed.image_url
      from feed
      where ${products.id} = feed.key
      returning id`);
  };

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

    insertProducts: (rows) => insertRows(engine, products, rows),

    updateImportedProducts: async (rows) => {
      const slice = engine.rowsPerInsert(FEED_COLUMNS);
      for (let i = 0; i < rows.length; i += slice) await updateFeedSlice(rows.slice(i, i + slice));
    },

    archiveProducts: async (ids) => {
      let archived = 0;
      for (let i = 0; i < ids.length; i += ARCHIVE_SLICE) {
        const changed = await db
          .update(products)
          .set({ status: 'ARCHIVED' })
          .where(inArray(products.id, ids.slice(i, i + ARCHIVE_SLICE)))
          .returning({ id: products.id });
        archived += changed.length;
      }
      return archived;
    },

    takeStock: async (productId, quantity) =>
      (
        await db
          .update(products)
          .set({ inventory: sql`${products.inventory} - ${quantity}` })
          .where(and(eq(products.id, productId), eq(products.status, 'ACTIVE'), sql`${products.inventory} >= ${quantity}`))
          .returning({ id: products.id })
      ).length === 1,

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
          .returning({ orderId: orderLines.orderId })
      ).length === 1,

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

    recordClick: async (linkId, userId, now) =>
      (await db.insert(affiliateClicks).values({ linkId, userId, clickedAt: now }).onConflictDoNothing().returning({ linkId: affiliateClicks.linkId })).length === 1,

    countClick: async (linkId) =>
      (
        await db
          .update(affiliateLinks)
          .set({ clicks: sql`${affiliateLinks.clicks} + 1` })
          .where(eq(affiliateLinks.id, linkId))
          .returning()
      )[0],

    saveCommissionDeal: async (id, deal) => {
      const productId = deal.productId ?? null;
      const which = and(
        eq(creatorCommissions.creatorId, deal.creatorId),
        eq(creatorCommissions.brandId, deal.brandId),
        productId === null ? isNull(creatorCommissions.productId) : eq(creatorCommissions.productId, productId),
      );
      const [existing] = await db.select({ id: creatorCommissions.id }).from(creatorCommissions).where(which);
      const [saved] = existing
        ? await db.update(creatorCommissions).set({ commissionBps: deal.commissionBps, updatedAt: deal.updatedAt }).where(eq(creatorCommissions.id, existing.id)).returning()
        : await db
            .insert(creatorCommissions)
            .values({ ...deal, id, productId })
            .returning();
      return saved!;
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
        // One table per list, so each update is typed against its own table.
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
  } satisfies Partial<CommerceStatements>;
}

/**
 * What commerce's writes run: the changes the domain asks for, and the reads only a write needs.
 * The domain runs them inside `store.transaction`. Stock and an order's status are taken by
 * guarded statements (`takeStock`, `closePaidOrder`), which hold on any engine; what else a write
 * reads and relies on (how full a list is, whether a code is free) holds because SQLite's write
 * lock is taken up front; a server engine's store would lock those rows as it reads them.
 */
import { and, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import {
  affiliateClicks,
  affiliateLinks,
  catalogProducts,
  catalogs,
  creatorCatalogs,
  creatorCommissions,
  liveStreamPins,
  orderLines,
  orderReturnLines,
  orderReturns,
  orders,
  products,
  showcaseItems,
  type AffiliateLinkRow,
  type CatalogRow,
  type CommerceDb,
  type CommissionDealRow,
  type ImportedProduct,
  type OrderReturnRow,
  type OrderRow,
  type ProductRow,
} from './schema.ts';

export type ProductChanges = Partial<Pick<ProductRow, 'title' | 'description' | 'priceAmount' | 'inventory' | 'status'>>;
export type NewOrder = typeof orders.$inferInsert;
export type NewOrderLine = typeof orderLines.$inferInsert;
export type NewProduct = typeof products.$inferInsert;
export type NewCommissionDeal = Omit<typeof creatorCommissions.$inferInsert, 'id'>;
export type NewOrderReturn = typeof orderReturns.$inferInsert;
export type NewOrderReturnLine = typeof orderReturnLines.$inferInsert;

/** How a PAID order closes: shipped (with its shipment and the end of its return window) or cancelled. */
export type OrderClosing =
  | { status: 'FULFILLED'; fulfilledAt: Date; carrier: string; trackingNumber: string; returnsUntil: Date }
  | { status: 'CANCELLED'; cancelledAt: Date; cancelledBy: 'BUYER' | 'BRAND' };

/** How an open return is decided. */
export type ReturnDecision =
  | { status: 'APPROVED'; decidedAt: Date; restocked: boolean; refundAmount: number; commissionReversed: number }
  | { status: 'DECLINED'; decidedAt: Date };

/** What an order line's refunds and clawback stand at. */
export interface LineRefund {
  refundedQuantity: number;
  commissionReversed: number;
}

/** The hand-ordered lists of products: a live stream's overlay, a creator's showcase, a catalog. */
export type ProductListName = 'pins' | 'showcase' | 'catalog';

/** What a catalog's owner may change besides its products. */
export interface CatalogChanges {
  name?: string;
  description?: string;
}

export interface ListedProduct {
  productId: string;
  position: number;
}

/** Where each list lives: its table and the column naming whose list a row is in. */
const productLists = {
  pins: { table: liveStreamPins, owner: liveStreamPins.liveStreamId, product: liveStreamPins.productId, position: liveStreamPins.position },
  showcase: { table: showcaseItems, owner: showcaseItems.creatorId, product: showcaseItems.productId, position: showcaseItems.position },
  catalog: { table: catalogProducts, owner: catalogProducts.catalogId, product: catalogProducts.productId, position: catalogProducts.position },
} as const;

/** SQLite takes at most 32,766 variables a statement; archiving goes in slices well below that. */
const ARCHIVE_BATCH = 500;

export function writeStatements(db: CommerceDb) {
  // Prepared once and run per row: building a statement per product would dominate a big feed.
  const insertImported = db
    .insert(products)
    .values({
      id: sql.placeholder('id'),
      brandId: sql.placeholder('brandId'),
      externalId: sql.placeholder('externalId'),
      title: sql.placeholder('title'),
      description: sql.placeholder('description'),
      priceAmount: sql.placeholder('priceAmount'),
      currency: sql.placeholder('currency'),
      inventory: sql.placeholder('inventory'),
      status: sql.placeholder('status'),
      commissionBps: sql.placeholder('commissionBps'),
      imageUrl: sql.placeholder('imageUrl'),
      createdAt: sql.placeholder('createdAt'),
    })
    .prepare();
  const updateImported = db
    .update(products)
    .set({
      title: sql`${sql.placeholder('title')}`,
      description: sql`${sql.placeholder('description')}`,
      priceAmount: sql`${sql.placeholder('priceAmount')}`,
      currency: sql`${sql.placeholder('currency')}`,
      inventory: sql`${sql.placeholder('inventory')}`,
      status: sql`${sql.placeholder('status')}`,
      commissionBps: sql`${sql.placeholder('commissionBps')}`,
      imageUrl: sql`${sql.placeholder('imageUrl')}`,
    })
    .where(eq(products.id, sql.placeholder('id')))
    .prepare();

  return {
    updateProduct: (id: string, changes: ProductChanges): ProductRow | undefined => db.update(products).set(changes).where(eq(products.id, id)).returning().get(),

    /** The brand's products a feed imported (they have an externalId), as a feed compares them. */
    importedProducts: (brandId: string): ImportedProduct[] =>
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
        .where(and(eq(products.brandId, brandId), isNotNull(products.externalId)))
        .all(),

    insertProducts: (rows: readonly NewProduct[]): void => {
      for (const row of rows) insertImported.run(row);
    },

    /** Writes each product's feed fields as given (the whole set, changed or not). */
    updateImportedProducts: (rows: readonly ImportedProduct[]): void => {
      for (const row of rows) updateImported.run(row);
    },

    /** Takes products off sale; answers how many were on sale. */
    archiveProducts: (ids: readonly string[]): number => {
      let archived = 0;
      for (let i = 0; i < ids.length; i += ARCHIVE_BATCH) {
        archived += db
          .update(products)
          .set({ status: 'ARCHIVED' })
          .where(inArray(products.id, ids.slice(i, i + ARCHIVE_BATCH)))
          .run().changes;
      }
      return archived;
    },

    /**
     * Takes `quantity` units of a product on sale, only if that many are left; answers whether it
     * did. The guard in the statement is what holds under concurrency.
     */
    takeStock: (productId: string, quantity: number): boolean =>
      db
        .update(products)
        .set({ inventory: sql`${products.inventory} - ${quantity}` })
        .where(and(eq(products.id, productId), eq(products.status, 'ACTIVE'), sql`${products.inventory} >= ${quantity}`))
        .run().changes === 1,

    /** Puts units back on the shelf, line by line. */
    restoreStock: (lines: readonly { productId: string; quantity: number }[]): void => {
      for (const line of lines) {
        db.update(products)
          .set({ inventory: sql`${products.inventory} + ${line.quantity}` })
          .where(eq(products.id, line.productId))
          .run();
      }
    },

    insertOrder: (order: NewOrder, lines: readonly NewOrderLine[]): void => {
      db.insert(orders).values(order).run();
      db.insert(orderLines).values([...lines]).run();
    },

    /** PAID → `status`, only from PAID; undefined when the order was not PAID. */
    closePaidOrder: (id: string, change: OrderClosing): OrderRow | undefined =>
      db
        .update(orders)
        .set(change)
        .where(and(eq(orders.id, id), eq(orders.status, 'PAID')))
        .returning()
        .get(),

    /** Claws back every line's commission in full (a cancelled order). */
    reverseOrderCommission: (orderId: string): void => {
      db.update(orderLines)
        .set({ commissionReversed: sql`${orderLines.commissionAmount}` })
        .where(eq(orderLines.orderId, orderId))
        .run();
    },

    /**
     * Moves a line's refunds from `from` to `to`, only if it still stands at `from`; answers whether
     * it did. Whoever read the line before a concurrent refund changed it writes nothing.
     */
    refundLine: (orderId: string, position: number, from: LineRefund, to: LineRefund): boolean =>
      db
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
        .run().changes === 1,

    /** The order's return still waiting for the brand, if any. */
    openReturnOf: (orderId: string): OrderReturnRow | undefined =>
      db
        .select()
        .from(orderReturns)
        .where(and(eq(orderReturns.orderId, orderId), eq(orderReturns.status, 'REQUESTED')))
        .get(),

    insertReturn: (row: NewOrderReturn, lines: readonly NewOrderReturnLine[]): void => {
      db.insert(orderReturns).values(row).run();
      db.insert(orderReturnLines).values([...lines]).run();
    },

    /** REQUESTED → the decision, only from REQUESTED; undefined when it was decided already. */
    decideReturn: (id: string, decision: ReturnDecision): OrderReturnRow | undefined =>
      db
        .update(orderReturns)
        .set(decision)
        .where(and(eq(orderReturns.id, id), eq(orderReturns.status, 'REQUESTED')))
        .returning()
        .get(),

    affiliateLinkByCode: (code: string): AffiliateLinkRow | undefined => db.select().from(affiliateLinks).where(eq(affiliateLinks.code, code)).get(),

    affiliateLinkOf: (creatorId: string, productId: string): AffiliateLinkRow | undefined =>
      db
        .select()
        .from(affiliateLinks)
        .where(and(eq(affiliateLinks.creatorId, creatorId), eq(affiliateLinks.productId, productId)))
        .get(),

    insertAffiliateLink: (link: typeof affiliateLinks.$inferInsert): void => {
      db.insert(affiliateLinks).values(link).run();
    },

    /** Records a user's click on a link; answers false when that user had clicked it before. */
    recordClick: (linkId: string, userId: string, now: Date): boolean =>
      db.insert(affiliateClicks).values({ linkId, userId, clickedAt: now }).onConflictDoNothing().run().changes === 1,

    countClick: (linkId: string): AffiliateLinkRow | undefined =>
      db
        .update(affiliateLinks)
        .set({ clicks: sql`${affiliateLinks.clicks} + 1` })
        .where(eq(affiliateLinks.id, linkId))
        .returning()
        .get(),

    /** A brand's deals with a creator: on one product, or (productId null) on all its products. */
    commissionDeals: (creatorId: string, brandId: string): { productId: string | null; bps: number }[] =>
      db
        .select({ productId: creatorCommissions.productId, bps: creatorCommissions.commissionBps })
        .from(creatorCommissions)
        .where(and(eq(creatorCommissions.creatorId, creatorId), eq(creatorCommissions.brandId, brandId)))
        .all(),

    /** Sets the deal of (creator, brand, product or all products), replacing the rate of one already set. */
    saveCommissionDeal: (id: string, deal: NewCommissionDeal): CommissionDealRow => {
      const productId = deal.productId ?? null;
      const which = and(
        eq(creatorCommissions.creatorId, deal.creatorId),
        eq(creatorCommissions.brandId, deal.brandId),
        productId === null ? isNull(creatorCommissions.productId) : eq(creatorCommissions.productId, productId),
      );
      const existing = db.select({ id: creatorCommissions.id }).from(creatorCommissions).where(which).get();
      if (existing) {
        return db
          .update(creatorCommissions)
          .set({ commissionBps: deal.commissionBps, updatedAt: deal.updatedAt })
          .where(eq(creatorCommissions.id, existing.id))
          .returning()
          .get() as CommissionDealRow;
      }
      return db
        .insert(creatorCommissions)
        .values({ ...deal, id, productId })
        .returning()
        .get();
    },

    insertCatalog: (catalog: typeof catalogs.$inferInsert): CatalogRow => db.insert(catalogs).values(catalog).returning().get(),

    /** What one owner's list holds, with positions. */
    listedProducts: (list: ProductListName, ownerId: string): ListedProduct[] => {
      const { table, owner, product, position } = productLists[list];
      return db.select({ productId: product, position }).from(table).where(eq(owner, ownerId)).all();
    },

    /** Adds items to a list; only pins and showcase items keep when they were added. */
    appendToList: (list: ProductListName, ownerId: string, items: readonly ListedProduct[], now: Date): void => {
      if (items.length === 0) return;
      switch (list) {
        case 'pins':
          db.insert(liveStreamPins).values(items.map((item) => ({ liveStreamId: ownerId, ...item, pinnedAt: now }))).run();
          return;
        case 'showcase':
          db.insert(showcaseItems).values(items.map((item) => ({ creatorId: ownerId, ...item, addedAt: now }))).run();
          return;
        case 'catalog':
          db.insert(catalogProducts).values(items.map((item) => ({ catalogId: ownerId, ...item }))).run();
          return;
      }
    },

    /** Gives listed products new positions (rows of products not named keep theirs). */
    setListPositions: (list: ProductListName, ownerId: string, items: readonly ListedProduct[]): void => {
      for (const item of items) {
        // One table per list, so each update is typed against its own table.
        if (list === 'pins') db.update(liveStreamPins).set({ position: item.position }).where(and(eq(liveStreamPins.liveStreamId, ownerId), eq(liveStreamPins.productId, item.productId))).run();
        else if (list === 'showcase') db.update(showcaseItems).set({ position: item.position }).where(and(eq(showcaseItems.creatorId, ownerId), eq(showcaseItems.productId, item.productId))).run();
        else db.update(catalogProducts).set({ position: item.position }).where(and(eq(catalogProducts.catalogId, ownerId), eq(catalogProducts.productId, item.productId))).run();
      }
    },

    /** A catalog's new name and description; undefined when there is no such catalog. */
    updateCatalog: (catalogId: string, changes: CatalogChanges): CatalogRow | undefined => db.update(catalogs).set(changes).where(eq(catalogs.id, catalogId)).returning().get(),

    /** Deletes a catalog with its product list and its place on creators' profiles; answers those creators. */
    deleteCatalog: (catalogId: string): string[] => {
      db.delete(catalogProducts).where(eq(catalogProducts.catalogId, catalogId)).run();
      const creators = db.delete(creatorCatalogs).where(eq(creatorCatalogs.catalogId, catalogId)).returning({ creatorId: creatorCatalogs.creatorId }).all();
      db.delete(catalogs).where(eq(catalogs.id, catalogId)).run();
      return creators.map((row) => row.creatorId);
    },

    /** Replaces the catalogs a creator's profile carries with these, in this order. */
    replaceCreatorCatalogs: (creatorId: string, catalogIds: readonly string[]): void => {
      db.delete(creatorCatalogs).where(eq(creatorCatalogs.creatorId, creatorId)).run();
      if (catalogIds.length > 0) db.insert(creatorCatalogs).values(catalogIds.map((catalogId, position) => ({ creatorId, catalogId, position }))).run();
    },

    /** Takes products out of a list; answers those that were in it. */
    removeFromList: (list: ProductListName, ownerId: string, productIds: readonly string[]): string[] => {
      if (productIds.length === 0) return [];
      const { table, owner, product } = productLists[list];
      return db
        .delete(table)
        .where(and(eq(owner, ownerId), inArray(product, [...productIds])))
        .returning({ productId: product })
        .all()
        .map((row) => row.productId);
    },
  };
}

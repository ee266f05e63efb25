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
import type { CommerceStatements, ImportedProduct, NewFeedProduct, ProductListName } from '../contract.ts';
import type { CommerceTables } from '../tables.ts';
import { keptUpkeep } from './kept.ts';

/** Ids per statement when archiving: one parameter each, far below either engine's limit. */
const ARCHIVE_SLICE = 500;

/**
 * A feed's products are written this many a statement, by statements built once and run per
 * slice: building a statement costs more than SQLite takes to run it, and a statement per product
 * would be a round trip each to a server engine. A feed's last, shorter slice is built as it comes.
 */
const FEED_SLICE = 100;

/** What a feed writes on a product it imported before; the integers are cast, as a server engine cannot tell a bound value's type inside `values`. */
const FEED_UPDATE = ['id', 'title', 'description', 'priceAmount', 'currency', 'inventory', 'status', 'commissionBps', 'imageUrl'] as const satisfies readonly (keyof ImportedProduct)[];
const FEED_INTEGERS: ReadonlySet<string> = new Set(['priceAmount', 'inventory', 'commissionBps']);

/** What a feed writes on a new product: every column. */
const FEED_INSERT = [
  'id',
  'brandId',
  'externalId',
  'title',
  'description',
  'priceAmount',
  'currency',
  'inventory',
  'status',
  'commissionBps',
  'imageUrl',
  'createdAt',
] as const satisfies readonly (keyof NewFeedProduct)[];

/** A slice's rows as placeholders, `<column>_<row>`, and the values that fill them. */
const slot = (column: string, row: number) => sql.placeholder(`${column}_${row}`);
function slotValues<R>(columns: readonly (keyof R & string)[], rows: readonly R[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  rows.forEach((row, i) => columns.forEach((column) => (values[`${column}_${i}`] = row[column])));
  return values;
}

export function writeStatements(engine: Engine<CommerceTables>) {
  const { db } = engine;
  // Orders, their lines and returns move the kept sales and commission rows: each such write restates its orders.
  const { restated } = keptUpkeep(engine);
  const {
    products,
    orders,
    orderLines,
    orderReturns,
    orderReturnLines,
    affiliateLinks,
    affiliateClicks,
    creatorCommissions,
    catalogs,
    catalogProducts,
    creatorCatalogs,
    showcaseItems,
    liveStreamPins,
  } = engine.tables;

  /** Where each list lives: its table and the column naming whose list a row is in. */
  const productLists = {
    pins: { table: liveStreamPins, owner: liveStreamPins.liveStreamId, product: liveStreamPins.productId, position: liveStreamPins.position },
    showcase: { table: showcaseItems, owner: showcaseItems.creatorId, product: showcaseItems.productId, position: showcaseItems.position },
    catalog: { table: catalogProducts, owner: catalogProducts.catalogId, product: catalogProducts.productId, position: catalogProducts.position },
  } as const satisfies Record<ProductListName, unknown>;

  /**
   * The update of a slice of a feed's products: the new values as a table (`feed`, from
   * `values`), joined to the products by id. `value` gives each row's column: a placeholder, or
   * the value itself.
   */
  const feedUpdate = (count: number, value: (column: (typeof FEED_UPDATE)[number], row: number) => unknown) => {
    const rows = Array.from(
      { length: count },
      (_, i) =>
        sql`(${sql.join(
          FEED_UPDATE.map((column) => (FEED_INTEGERS.has(column) ? sql`cast(${value(column, i)} as integer)` : sql`${value(column, i)}`)),
          sql`, `,
        )})`,
    );
    // `values` names its columns column1, column2 … on both engines.
    const named = sql.join(
      FEED_UPDATE.map((column, i) => sql`${sql.identifier(`column${i + 1}`)} as ${sql.identifier(column)}`),
      sql`, `,
    );
    const feed = db.$with('feed', {}).as(sql`select ${named} from (values ${sql.join(rows, sql`, `)}) as v`);
    const fed = (column: (typeof FEED_UPDATE)[number]) => sql`${sql.identifier('feed')}.${sql.identifier(column)}`;
    return db
      .with(feed)
      .update(products)
      .set({
        title: fed('title'),
        description: fed('description'),
        priceAmount: fed('priceAmount'),
        currency: fed('currency'),
        inventory: fed('inventory'),
        status: fed('status'),
        commissionBps: fed('commissionBps'),
        imageUrl: fed('imageUrl'),
      })
      .from(feed)
      .where(eq(products.id, fed('id')))
      .returning({ id: products.id });
  };
  const updateFullSlice = engine.prepared<{ id: string }>('commerce_feed_update', () => feedUpdate(FEED_SLICE, slot));
  const insertFullSlice = engine.prepared<{ id: string }>('commerce_feed_insert', () =>
    db
      .insert(products)
      .values(Array.from({ length: FEED_SLICE }, (_, i) => Object.fromEntries(FEED_INSERT.map((column) => [column, slot(column, i)])) as unknown as NewFeedProduct))
      .returning({ id: products.id }),
  );

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
      let i = 0;
      for (; i + FEED_SLICE <= rows.length; i += FEED_SLICE) await insertFullSlice(slotValues(FEED_INSERT, rows.slice(i, i + FEED_SLICE)));
      await insertRows(engine, products, rows.slice(i));
    },

    updateImportedProducts: async (rows) => {
      let i = 0;
      for (; i + FEED_SLICE <= rows.length; i += FEED_SLICE) await updateFullSlice(slotValues(FEED_UPDATE, rows.slice(i, i + FEED_SLICE)));
      const rest = rows.slice(i);
      if (rest.length > 0) await feedUpdate(rest.length, (column, row) => (rest[row] as ImportedProduct)[column]);
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

    insertOrder: (order, lines) =>
      restated([order.id], async () => {
        await db.insert(orders).values(order);
        await db.insert(orderLines).values([...lines]);
      }),

    closePaidOrder: (id, change) =>
      restated(
        [id],
        async () =>
          (
            await db
              .update(orders)
              .set(change)
              .where(and(eq(orders.id, id), eq(orders.status, 'PAID')))
              .returning()
          )[0],
      ),

    reverseOrderCommission: (orderId) =>
      restated([orderId], async () => {
        await db
          .update(orderLines)
          .set({ commissionReversed: sql`${orderLines.commissionAmount}` })
          .where(eq(orderLines.orderId, orderId));
      }),

    refundLine: (orderId, position, from, to) =>
      restated(
        [orderId],
        async () =>
          (
            await db
              .update(orderLines)
              .set(to)
              .where(
                and(eq(orderLines.orderId, orderId), eq(orderLines.position, position), eq(orderLines.refundedQuantity, from.refundedQuantity), eq(orderLines.commissionReversed, from.commissionReversed)),
              )
              .returning({ orderId: orderLines.orderId })
          ).length === 1,
      ),

    openReturnOf: async (orderId) =>
      (
        await db
          .select()
          .from(orderReturns)
          .where(and(eq(orderReturns.orderId, orderId), eq(orderReturns.status, 'REQUESTED')))
      )[0],

    // An open return locks its lines' commission until it is decided.
    insertReturn: (row, lines) =>
      restated([row.orderId], async () => {
        await db.insert(orderReturns).values(row);
        await db.insert(orderReturnLines).values([...lines]);
      }),

    decideReturn: async (id, decision) => {
      const orderIds = (await db.select({ orderId: orderReturns.orderId }).from(orderReturns).where(eq(orderReturns.id, id))).map((row) => row.orderId);
      return restated(
        orderIds,
        async () =>
          (
            await db
              .update(orderReturns)
              .set(decision)
              .where(and(eq(orderReturns.id, id), eq(orderReturns.status, 'REQUESTED')))
              .returning()
          )[0],
      );
    },

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
        if (list === 'pins')
          await db
            .update(liveStreamPins)
            .set({ position: item.position })
            .where(and(eq(liveStreamPins.liveStreamId, ownerId), eq(liveStreamPins.productId, item.productId)));
        else if (list === 'showcase')
          await db
            .update(showcaseItems)
            .set({ position: item.position })
            .where(and(eq(showcaseItems.creatorId, ownerId), eq(showcaseItems.productId, item.productId)));
        else
          await db
            .update(catalogProducts)
            .set({ position: item.position })
            .where(and(eq(catalogProducts.catalogId, ownerId), eq(catalogProducts.productId, item.productId)));
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

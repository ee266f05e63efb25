/**
 * What commerce reads for its loaders and lists. Every read is batch-shaped, one statement for
 * many keys: a list of 50 creators with a page of showcase each is one statement, not 51. The
 * reads every page makes (entities by id, tagged and pinned products, the pages of brands,
 * catalogs and showcases) are prepared once, their keys, cursor and page size bound at each run.
 */
import { and, asc, countDistinct, desc, eq, gt, getTableColumns, inArray, sql, type Column, type InferSelectModel, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Engine } from '@app/kit/db/engine';
import { keysetPage, pagesPerOwner, pagesPerOwnerShowing, perOwnerOf, preparedPagesPerOwner, sumOf, type Owned } from '@app/kit/db/shapes';
import type { CursorKey, Page } from '@app/kit/pagination';
import type { CommerceStatements } from '../contract.ts';
import type { BrandRow, CatalogRow, CommerceTables, ProductRow } from '../tables.ts';

/** Newest-first and hand-ordered lists page by `[ms or position, id]`: a number and a string, whatever the client put in the cursor. */
const numberAndId = (after: CursorKey): [number, string] => [Number(after[0]), String(after[1])];

/**
 * The rate a sale of a product (`products` in the query) through `creatorId` would pay now:
 * commission.ts's rule (the highest of the product's own rate, the brand's deals for that
 * creator, on that product or on all its products, and the rate of an OPEN campaign of the
 * product the creator is ACCEPTED in). Written once, in SQL, so that a page of links with their
 * rates stays one statement and checkout prices its lines by the very same rule.
 */
export function saleRate(engine: Engine<CommerceTables>, creatorId: SQLWrapper | string): SQL<number> {
  const { products, creatorCommissions: deals } = engine.tables;
  const bestDeal = sql`coalesce((select max(${deals.commissionBps}) from ${deals} where ${deals.creatorId} = ${creatorId} and ${deals.brandId} = ${products.brandId} and (${deals.productId} is null or ${deals.productId} = ${products.id})), 0)`;
  return engine.greatest(products.commissionBps, bestDeal, campaignOffer(engine, creatorId, 'bps')).mapWith(Number);
}

/**
 * The best OPEN campaign of the product (`products` in the query) that `creatorId` is ACCEPTED in:
 * its rate (0 without one) or its id (null without one): the highest rate, then the first id.
 * Found from the product's campaigns (`campaign_products_product`), each campaign and membership
 * by its key.
 */
function campaignOffer(engine: Engine<CommerceTables>, creatorId: SQLWrapper | string, what: 'bps' | 'id'): SQL {
  const { products, campaigns, campaignProducts, campaignMembers } = engine.tables;
  const from = sql`from ${campaignProducts} cp join ${campaigns} c on c.id = cp.campaign_id join ${campaignMembers} m on m.campaign_id = cp.campaign_id and m.creator_id = ${creatorId} where cp.product_id = ${products.id} and c.status = 'OPEN' and m.status = 'ACCEPTED'`;
  const best = sql`coalesce((select max(c.commission_bps) ${from}), 0)`;
  // The first id among the best rate's campaigns: aggregates over the product's few campaigns, no sort.
  return what === 'bps' ? best : sql`(select min(c.id) ${from} and c.commission_bps = ${best})`;
}

/** The best campaign offer of the product to `creatorId` (see `campaignOffer`): its rate, 0 without one, and its id. */
export function saleCampaignOffer(engine: Engine<CommerceTables>, creatorId: SQLWrapper | string) {
  return { bps: campaignOffer(engine, creatorId, 'bps').mapWith(Number), id: sql<string | null>`${campaignOffer(engine, creatorId, 'id')}` };
}

export function readStatements(engine: Engine<CommerceTables>) {
  const { db } = engine;
  const {
    brands,
    products,
    catalogs,
    catalogProducts,
    creatorCatalogs,
    showcaseItems,
    videoProducts,
    liveStreamPins,
    affiliateLinks,
    affiliateLinkSales,
    videoSales,
    creatorCommissions,
    orders,
    orderLines,
    orderReturns,
    orderReturnLines,
  } = engine.tables;

  /** Newest-first lists page by `[createdAt, id]`, either way: the same index walked back for a `last`/`before` page. */
  const newestFirstWalk = (page: Page, createdAt: Column, id: Column) => keysetPage(engine, [createdAt, id], 'desc', page, numberAndId);

  /** A keyset walk narrowed by the list's own condition (a status). */
  const withWhere = (walk: { where: SQL | undefined; orderBy: SQL[] }, where?: SQL) => ({ orderBy: walk.orderBy, where: and(where, walk.where) });

  /**
   * A prepared per-owner list read forward; a `last`/`before` page is the same read walking the
   * owner's index the other way (`keysetPage`), unprepared: the prepared shape only walks forward.
   */
  const eitherWay =
    <R>(forward: (ownerIds: readonly string[], page: Page) => Promise<R[]>, backward: (ownerIds: readonly string[], page: Page) => Promise<R[]>) =>
    (ownerIds: readonly string[], page: Page) =>
      page.backward ? backward(ownerIds, page) : forward(ownerIds, page);

  /** A page per owner of a table's own rows, newest first (`where` narrows which rows). */
  const newestFirstPages = <T extends SQLiteTable & { id: SQLiteColumn; createdAt: SQLiteColumn }>(table: T, owner: SQLiteColumn, ownerIds: readonly string[], page: Page, where?: SQL) => ({
    from: table,
    owner,
    ownerIds,
    ...withWhere(newestFirstWalk(page, table.createdAt, table.id), where),
    node: { table, id: table.id, ref: table.id },
    perOwner: perOwnerOf(page),
  });

  /** A link's kept sales figure (`affiliate_link_sales`, kept with its orders), 0 before its first order. */
  const linkSales = (column: SQLiteColumn) => sql<number>`coalesce((select ${column} from ${affiliateLinkSales} where ${affiliateLinkSales.linkId} = ${affiliateLinks.id}), 0)`.mapWith(Number);

  /*
   * Affiliate links come with what they earned and the rate a sale would pay now, computed in the
   * same statement as the links themselves (their product joined for its currency and rate).
   */
  const linkView = {
    ...getTableColumns(affiliateLinks),
    commissionBps: saleRate(engine, affiliateLinks.creatorId),
    orderCount: linkSales(affiliateLinkSales.orders),
    earnedAmount: linkSales(affiliateLinkSales.earnedAmount),
    pendingAmount: linkSales(affiliateLinkSales.pendingAmount),
    currency: products.currency,
  };
  const linkProduct = { table: products, on: eq(products.id, affiliateLinks.productId) };

  /** The products of many owners' short, unpaged lists (a video's tags, a stream's pins), in list order. */
  const productLists = (list: typeof videoProducts | typeof liveStreamPins, owner: SQLiteColumn, name: string) => {
    const prepared = engine.prepared<Owned<ProductRow>>(name, () =>
      db
        .select({ ownerId: sql<string>`${owner}`, node: products })
        .from(list)
        .innerJoin(products, eq(products.id, list.productId))
        .where(engine.inKeys(owner, 'keys'))
        .orderBy(owner, list.position),
    );
    return (ownerIds: readonly string[]) => prepared({ keys: engine.keysValue(ownerIds) });
  };
  /** Rows of a table by id, prepared once. */
  const byIds = <R>(table: typeof brands | typeof products | typeof catalogs, name: string) => {
    const prepared = engine.prepared<R>(name, () => db.select().from(table).where(engine.inKeys(table.id, 'keys')));
    return (ids: readonly string[]) => prepared({ keys: engine.keysValue(ids) });
  };
  const newestFirst = <T extends SQLiteTable & { id: SQLiteColumn; createdAt: SQLiteColumn }>(table: T, owner: SQLiteColumn, name: string, where?: SQL) =>
    eitherWay(
      preparedPagesPerOwner(engine, {
        from: table,
        owner,
        orderBy: [desc(table.createdAt), desc(table.id)],
        where,
        node: { table, id: table.id, ref: table.id },
        keyset: { columns: [table.createdAt, table.id], direction: '<', values: numberAndId },
        name,
      }),
      (ownerIds, page) => pagesPerOwner(engine, newestFirstPages(table, owner, ownerIds, page, where)) as Promise<Owned<InferSelectModel<T>>[]>,
    );
  const inPosition = <T extends SQLiteTable & { id: SQLiteColumn }>(
    list: typeof catalogProducts | typeof showcaseItems | typeof creatorCatalogs,
    owner: SQLiteColumn,
    ref: SQLiteColumn,
    shown: T,
    name: string,
  ) =>
    eitherWay(
      preparedPagesPerOwner(engine, {
        from: list,
        owner,
        orderBy: [asc(list.position), asc(ref)],
        node: { table: shown, id: shown.id, ref },
        extra: { position: list.position },
        keyset: { columns: [list.position, ref], direction: '>', values: numberAndId },
        name,
      }),
      (ownerIds, page) =>
        pagesPerOwner(engine, {
          from: list,
          owner,
          ownerIds,
          ...keysetPage(engine, [list.position, ref], 'asc', page, numberAndId),
          node: { table: shown, id: shown.id, ref },
          extra: { position: list.position },
          perOwner: perOwnerOf(page),
        }),
    );

  const brandsIn = byIds<BrandRow>(brands, 'commerce_brands_by_ids');
  const productsIn = byIds<ProductRow>(products, 'commerce_products_by_ids');
  const catalogsIn = byIds<CatalogRow>(catalogs, 'commerce_catalogs_by_ids');
  const videoProductLists = productLists(videoProducts, videoProducts.videoId, 'commerce_video_products');
  const pinnedProductLists = productLists(liveStreamPins, liveStreamPins.liveStreamId, 'commerce_pinned_products');
  const brandProducts = newestFirst(products, products.brandId, 'commerce_brand_products', eq(products.status, 'ACTIVE'));
  const brandCatalogs = newestFirst(catalogs, catalogs.brandId, 'commerce_brand_catalogs');
  const catalogProductsInOrder = inPosition(catalogProducts, catalogProducts.catalogId, catalogProducts.productId, products, 'commerce_catalog_products');
  const showcaseInOrder = inPosition(showcaseItems, showcaseItems.creatorId, showcaseItems.productId, products, 'commerce_showcase');
  const creatorCatalogsInOrder = inPosition(creatorCatalogs, creatorCatalogs.creatorId, creatorCatalogs.catalogId, catalogs, 'commerce_creator_catalogs');

  return {
    brandsByIds: brandsIn,
    productsByIds: productsIn,
    catalogsByIds: catalogsIn,

    brandsPage: async (page) => {
      const { where, orderBy } = keysetPage(engine, [brands.name, brands.id], 'asc', page, (key) => [String(key[0]), String(key[1])]);
      return db
        .select()
        .from(brands)
        .where(where)
        .orderBy(...orderBy)
        .limit(page.first + 1);
    },

    activeProductsPage: async (page, brandId) => {
      const { where, orderBy } = newestFirstWalk(page, products.createdAt, products.id);
      return db
        .select()
        .from(products)
        .where(and(eq(products.status, 'ACTIVE'), brandId === undefined ? undefined : eq(products.brandId, brandId), where))
        .orderBy(...orderBy)
        .limit(page.first + 1);
    },

    brandCatalogPage: async (brandId, page, status) => {
      const { where, orderBy } = newestFirstWalk(page, products.createdAt, products.id);
      return db
        .select()
        .from(products)
        .where(and(eq(products.brandId, brandId), status === null ? undefined : eq(products.status, status), where))
        .orderBy(...orderBy)
        .limit(page.first + 1);
    },

    productByExternalId: async (brandId, externalId) =>
      (
        await db
          .select()
          .from(products)
          .where(and(eq(products.brandId, brandId), eq(products.externalId, externalId)))
      )[0],

    commissionDealsPage: async (brandId, page) => {
      const { where, orderBy } = newestFirstWalk(page, creatorCommissions.updatedAt, creatorCommissions.id);
      return db
        .select()
        .from(creatorCommissions)
        .where(and(eq(creatorCommissions.brandId, brandId), where))
        .orderBy(...orderBy)
        .limit(page.first + 1);
    },

    brandProductPages: brandProducts,
    brandCatalogPages: brandCatalogs,
    catalogProductPages: catalogProductsInOrder,
    showcasePages: showcaseInOrder,
    creatorCatalogPages: creatorCatalogsInOrder,
    videoProductLists,
    pinnedProductLists,

    affiliateLinksByIds: async (ids) =>
      db
        .select(linkView)
        .from(affiliateLinks)
        .innerJoin(linkProduct.table, linkProduct.on)
        .where(inArray(affiliateLinks.id, [...ids])),

    affiliateLinkPages: (creatorIds, page) => pagesPerOwnerShowing(engine, newestFirstPages(affiliateLinks, affiliateLinks.creatorId, creatorIds, page), { columns: linkView, joins: [linkProduct] }),

    videoSalesPage: async (creatorId, page) => {
      const { where, orderBy } = keysetPage(engine, [videoSales.revenueAmount, videoSales.videoId], 'desc', page, numberAndId);
      return db
        .select()
        .from(videoSales)
        .where(and(eq(videoSales.creatorId, creatorId), gt(videoSales.orders, 0), where))
        .orderBy(...orderBy)
        .limit(page.first + 1);
    },

    // The line is the campaign's when the campaign's rate is the rate the sale pays (the highest term of `saleRate`).
    saleRates: async (creatorId, productIds) => {
      const offer = saleCampaignOffer(engine, creatorId);
      const rows = await db
        .select({ productId: products.id, bps: saleRate(engine, creatorId), campaignBps: offer.bps, campaignId: offer.id })
        .from(products)
        .where(inArray(products.id, [...productIds]));
      return rows.map(({ productId, bps, campaignBps, campaignId }) => ({ productId, bps, campaignId: campaignBps > 0 && campaignBps >= bps ? campaignId : null }));
    },

    ordersByIds: async (ids) =>
      db
        .select()
        .from(orders)
        .where(inArray(orders.id, [...ids])),

    buyerOrderPages: (buyerIds, page) => pagesPerOwner(engine, newestFirstPages(orders, orders.buyerId, buyerIds, page)),

    brandOrderPages: (brandIds, page) => pagesPerOwner(engine, newestFirstPages(orders, orders.brandId, brandIds, page)),

    // The currency by the order's key for each line: joined, a planner may walk the orders first and sort the lines after.
    orderLineLists: async (orderIds) =>
      db
        .select({ ownerId: orderLines.orderId, node: { ...getTableColumns(orderLines), currency: sql<string>`(select o.currency from ${orders} o where o.id = ${orderLines.orderId})` } })
        .from(orderLines)
        .where(inArray(orderLines.orderId, [...orderIds]))
        .orderBy(orderLines.orderId, orderLines.position),

    returnsByIds: async (ids) =>
      db
        .select()
        .from(orderReturns)
        .where(inArray(orderReturns.id, [...ids])),

    orderReturnLists: async (orderIds) =>
      db
        .select({ ownerId: orderReturns.orderId, node: orderReturns })
        .from(orderReturns)
        .where(inArray(orderReturns.orderId, [...orderIds]))
        .orderBy(orderReturns.orderId, orderReturns.requestedAt, orderReturns.id),

    returnLineLists: async (returnIds) =>
      db
        .select({
          ownerId: orderReturnLines.returnId,
          node: { ...getTableColumns(orderReturnLines), productId: orderLines.productId, title: orderLines.title, unitPriceAmount: orderLines.unitPriceAmount, currency: orders.currency },
        })
        .from(orderReturnLines)
        .innerJoin(orderLines, and(eq(orderLines.orderId, orderReturnLines.orderId), eq(orderLines.position, orderReturnLines.position)))
        .innerJoin(orders, eq(orders.id, orderReturnLines.orderId))
        .where(inArray(orderReturnLines.returnId, [...returnIds]))
        .orderBy(orderReturnLines.returnId, orderReturnLines.position),

    streamSales: async (liveStreamIds) =>
      db
        .select({
          liveStreamId: sql<string>`${orders.liveStreamId}`,
          orders: countDistinct(orders.id),
          units: sumOf(orderLines.quantity),
          revenueAmount: sumOf(orderLines.totalAmount),
          currency: sql<string>`min(${orders.currency})`,
          currencies: countDistinct(orders.currency),
        })
        .from(orders)
        .innerJoin(orderLines, and(eq(orderLines.orderId, orders.id), eq(orderLines.attributed, true)))
        .where(and(inArray(orders.liveStreamId, [...liveStreamIds]), inArray(orders.status, ['PAID', 'FULFILLED'])))
        .groupBy(orders.liveStreamId),
  } satisfies Partial<CommerceStatements>;
}

/**
 * What commerce reads for its loaders and lists. Every read is batch-shaped, one statement for
 * many keys: a list of 50 creators with a page of showcase each is one statement, not 51. The
 * reads every page makes (entities by id, tagged and pinned products, the pages of brands,
 * catalogs and showcases) are prepared once, their keys, cursor and page size bound at each run.
 */
import { and, asc, desc, eq, getTableColumns, inArray, sql, type Column, type SQL } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Page } from '@app/kit/pagination';
import { before, beyond, inKeys, keysValue, pagesPerOwner, pagesPerOwnerShowing, perOwnerOf, preparedOnce, preparedPagesPerOwner, type Owned } from '@app/kit/sql';
import {
  affiliateLinks,
  brands,
  catalogProducts,
  catalogs,
  creatorCatalogs,
  creatorCommissions,
  liveStreamPins,
  orderLines,
  orders,
  products,
  showcaseItems,
  videoProducts,
  type AffiliateLinkView,
  type BrandRow,
  type CatalogRow,
  type CommerceDb,
  type OrderLineView,
  type OrderRow,
  type ProductRow,
} from './schema.ts';

/** A row of a list its owner orders by hand (a catalog, a showcase); `position` is its sort key. */
export type Placed<T> = Owned<T> & { position: number };

export interface CommissionTotals {
  creatorId: string;
  /** On fulfilled orders. */
  earned: number;
  /** On paid orders not fulfilled yet. */
  pending: number;
}

/** What a live stream sold: its orders not cancelled, and their lines the stream's attribution covers. */
export interface StreamSales {
  liveStreamId: string;
  orders: number;
  units: number;
  /** Minor units of `currency`, meaningful only when `currencies` is 1. */
  revenueAmount: number;
  currency: string;
  /** How many currencies the sales are in: an order is in one, but two orders may differ. */
  currencies: number;
}

/** Newest-first lists page by `[createdAt ms, id]`. */
const newerThan = (page: Page, createdAt: Column, id: Column) => before([createdAt, id], page.after && [Number(page.after[0]), String(page.after[1])]);

/** A page per owner of a table's own rows, newest first (`where` narrows which rows). */
function newestFirstPages<T extends SQLiteTable & { id: SQLiteColumn; createdAt: SQLiteColumn }>(table: T, owner: SQLiteColumn, ownerIds: readonly string[], page: Page, where?: SQL) {
  return {
    from: table,
    owner,
    ownerIds,
    orderBy: [desc(table.createdAt), desc(table.id)],
    where: and(where, newerThan(page, table.createdAt, table.id)),
    node: { table, id: table.id, ref: table.id },
    perOwner: perOwnerOf(page),
  };
}

/**
 * The rate a sale of a product through `creatorId` would pay now: commission.ts's rule (the highest
 * of the product's own rate and the brand's deals for that creator), here in SQL so that a page of
 * links with their rates stays one statement.
 */
const effectiveBps = (creatorId: Column) =>
  sql<number>`max(${products.commissionBps}, coalesce((select max(d.commission_bps) from ${creatorCommissions} d where d.creator_id = ${creatorId} and d.brand_id = ${products.brandId} and (d.product_id is null or d.product_id = ${products.id})), 0))`;

const linkOrders = (status: string) =>
  sql<number>`coalesce((select sum(o.commission_amount) from ${orders} o where o.affiliate_link_id = ${affiliateLinks.id} and o.status = ${status}), 0)`;

/*
 * Affiliate links come with what they earned and the rate a sale would pay now, computed in the
 * same statement as the links themselves (their product joined for its currency).
 */
const linkView = {
  ...getTableColumns(affiliateLinks),
  commissionBps: effectiveBps(affiliateLinks.creatorId),
  orderCount: sql<number>`(select count(*) from ${orders} o where o.affiliate_link_id = ${affiliateLinks.id} and o.status != 'CANCELLED')`,
  earnedAmount: linkOrders('FULFILLED'),
  pendingAmount: linkOrders('PAID'),
  currency: products.currency,
};
const linkProduct = { table: products, on: eq(products.id, affiliateLinks.productId) };

/** Newest-first and hand-ordered lists as `preparedPagesPerOwner` pages them: cursors are `[ms or position, id]`. */
const cursorValues = (after: readonly (string | number)[]) => [Number(after[0]), String(after[1])];

export function readStatements(db: CommerceDb) {
  /** The products of many owners' short, unpaged lists (a video's tags, a stream's pins), in list order. */
  const productLists = (list: typeof videoProducts | typeof liveStreamPins, owner: SQLiteColumn) => {
    const prepared = preparedOnce(() =>
      db
        .select({ ownerId: sql<string>`${owner}`, node: products })
        .from(list)
        .innerJoin(products, eq(products.id, list.productId))
        .where(inKeys(owner))
        .orderBy(owner, list.position)
        .prepare(),
    );
    return (ownerIds: readonly string[]): Owned<ProductRow>[] => prepared().all({ keys: keysValue(ownerIds) });
  };
  const videoProductLists = productLists(videoProducts, videoProducts.videoId);
  const pinnedProductLists = productLists(liveStreamPins, liveStreamPins.liveStreamId);
  const brandsIn = preparedOnce(() => db.select().from(brands).where(inKeys(brands.id)).prepare());
  const productsIn = preparedOnce(() => db.select().from(products).where(inKeys(products.id)).prepare());
  const catalogsIn = preparedOnce(() => db.select().from(catalogs).where(inKeys(catalogs.id)).prepare());
  const newestFirst = <T extends SQLiteTable & { id: SQLiteColumn; createdAt: SQLiteColumn }>(table: T, owner: SQLiteColumn, where?: SQL) =>
    preparedPagesPerOwner(db, {
      from: table,
      owner,
      orderBy: [desc(table.createdAt), desc(table.id)],
      where,
      node: { table, id: table.id, ref: table.id },
      keyset: { columns: [table.createdAt, table.id], direction: '<', values: cursorValues },
    });
  const inPosition = <T extends SQLiteTable & { id: SQLiteColumn }>(list: typeof catalogProducts | typeof showcaseItems | typeof creatorCatalogs, owner: SQLiteColumn, ref: SQLiteColumn, shown: T) =>
    preparedPagesPerOwner(db, {
      from: list,
      owner,
      orderBy: [asc(list.position), asc(ref)],
      node: { table: shown, id: shown.id, ref },
      extra: { position: list.position },
      keyset: { columns: [list.position, ref], direction: '>', values: cursorValues },
    });
  const brandProducts = newestFirst(products, products.brandId, eq(products.status, 'ACTIVE'));
  const brandCatalogs = newestFirst(catalogs, catalogs.brandId);
  const catalogProductsInOrder = inPosition(catalogProducts, catalogProducts.catalogId, catalogProducts.productId, products);
  const showcaseInOrder = inPosition(showcaseItems, showcaseItems.creatorId, showcaseItems.productId, products);
  const creatorCatalogsInOrder = inPosition(creatorCatalogs, creatorCatalogs.creatorId, creatorCatalogs.catalogId, catalogs);

  return {
    brandsByIds: (ids: readonly string[]): BrandRow[] => brandsIn().all({ keys: keysValue(ids) }),

    productsByIds: (ids: readonly string[]): ProductRow[] => productsIn().all({ keys: keysValue(ids) }),

    catalogsByIds: (ids: readonly string[]): CatalogRow[] => catalogsIn().all({ keys: keysValue(ids) }),

    /** One page of brands by name (id breaks ties), with one extra row to tell whether more follow. */
    brandsPage: (page: Page): BrandRow[] =>
      db
        .select()
        .from(brands)
        .where(beyond([brands.name, brands.id], page.after && [String(page.after[0]), String(page.after[1])]))
        .orderBy(asc(brands.name), asc(brands.id))
        .limit(page.first + 1)
        .all(),

    /** One page of products on sale, newest first, optionally of one brand. */
    activeProductsPage: (page: Page, brandId?: string): ProductRow[] =>
      db
        .select()
        .from(products)
        .where(and(eq(products.status, 'ACTIVE'), brandId === undefined ? undefined : eq(products.brandId, brandId), newerThan(page, products.createdAt, products.id)))
        .orderBy(desc(products.createdAt), desc(products.id))
        .limit(page.first + 1)
        .all(),

    /** A page of products on sale for each of many brands, newest first. */
    brandProductPages: (brandIds: readonly string[], page: Page): Owned<ProductRow>[] => brandProducts(brandIds, page),

    /** A page of catalogs for each of many brands, newest first. */
    brandCatalogPages: (brandIds: readonly string[], page: Page): Owned<CatalogRow>[] => brandCatalogs(brandIds, page),

    /** A page of products for each of many catalogs, in the brand's order. */
    catalogProductPages: (catalogIds: readonly string[], page: Page): Placed<ProductRow>[] => catalogProductsInOrder(catalogIds, page),

    /** A page of each of many creators' showcases, in the creator's order. */
    showcasePages: (creatorIds: readonly string[], page: Page): Placed<ProductRow>[] => showcaseInOrder(creatorIds, page),

    /** A page of the catalogs each of many creators carries, in the creator's order. */
    creatorCatalogPages: (creatorIds: readonly string[], page: Page): Placed<CatalogRow>[] => creatorCatalogsInOrder(creatorIds, page),

    /** Products tagged in each of many videos, in tag order. A video holds at most 5, so no page. */
    videoProductLists: (videoIds: readonly string[]) => videoProductLists(videoIds),

    /** Products pinned on each of many live streams, in overlay order. At most 20 a stream, so no page. */
    pinnedProductLists: (liveStreamIds: readonly string[]) => pinnedProductLists(liveStreamIds),

    affiliateLinksByIds: (ids: readonly string[]): AffiliateLinkView[] =>
      db
        .select(linkView)
        .from(affiliateLinks)
        .innerJoin(linkProduct.table, linkProduct.on)
        .where(inArray(affiliateLinks.id, [...ids]))
        .all(),

    /** A page of each of many creators' affiliate links, newest first, with their stats. */
    affiliateLinkPages: (creatorIds: readonly string[], page: Page): Owned<AffiliateLinkView>[] =>
      pagesPerOwnerShowing(db, newestFirstPages(affiliateLinks, affiliateLinks.creatorId, creatorIds, page), { columns: linkView, joins: [linkProduct] }),

    ordersByIds: (ids: readonly string[]): OrderRow[] => db.select().from(orders).where(inArray(orders.id, [...ids])).all(),

    /** A page of each of many buyers' orders, newest first. */
    buyerOrderPages: (buyerIds: readonly string[], page: Page): Owned<OrderRow>[] => pagesPerOwner(db, newestFirstPages(orders, orders.buyerId, buyerIds, page)),

    /** A page of each of many brands' orders, newest first. */
    brandOrderPages: (brandIds: readonly string[], page: Page): Owned<OrderRow>[] => pagesPerOwner(db, newestFirstPages(orders, orders.brandId, brandIds, page)),

    /** The lines of many orders, in line order. An order has at most 50, so no page. */
    orderLineLists: (orderIds: readonly string[]): Owned<OrderLineView>[] =>
      db
        .select({ ownerId: orderLines.orderId, node: { ...getTableColumns(orderLines), currency: orders.currency } })
        .from(orderLines)
        .innerJoin(orders, eq(orders.id, orderLines.orderId))
        .where(inArray(orderLines.orderId, [...orderIds]))
        .orderBy(orderLines.orderId, orderLines.position)
        .all(),

    /** Commission owed to each of many creators, one statement. Cancelled orders count for nothing. */
    commissionTotals: (creatorIds: readonly string[]): CommissionTotals[] =>
      db
        .select({
          creatorId: sql<string>`${orders.creatorId}`,
          earned: sql<number>`coalesce(sum(case when ${orders.status} = 'FULFILLED' then ${orders.commissionAmount} end), 0)`,
          pending: sql<number>`coalesce(sum(case when ${orders.status} = 'PAID' then ${orders.commissionAmount} end), 0)`,
        })
        .from(orders)
        .where(and(inArray(orders.creatorId, [...creatorIds]), inArray(orders.status, ['PAID', 'FULFILLED'])))
        .groupBy(orders.creatorId)
        .all(),

    /** The sales of each of many live streams, one statement; a stream that sold nothing has no row. */
    streamSales: (liveStreamIds: readonly string[]): StreamSales[] =>
      db
        .select({
          liveStreamId: sql<string>`${orders.liveStreamId}`,
          orders: sql<number>`count(distinct ${orders.id})`,
          units: sql<number>`sum(${orderLines.quantity})`,
          revenueAmount: sql<number>`sum(${orderLines.totalAmount})`,
          currency: sql<string>`min(${orders.currency})`,
          currencies: sql<number>`count(distinct ${orders.currency})`,
        })
        .from(orders)
        .innerJoin(orderLines, and(eq(orderLines.orderId, orders.id), eq(orderLines.attributed, true)))
        .where(and(inArray(orders.liveStreamId, [...liveStreamIds]), inArray(orders.status, ['PAID', 'FULFILLED'])))
        .groupBy(orders.liveStreamId)
        .all(),
  };
}

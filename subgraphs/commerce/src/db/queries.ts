import { and, asc, desc, eq, getTableColumns, inArray, lte, sql, type Column } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { Page } from '@app/kit/pagination';
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
  type OrderLineView,
  type OrderRow,
  type ProductRow,
  type schema,
} from './schema.ts';

/** The commerce subgraph's SQL. Every read is batch-shaped: one statement for many keys. */
export type CommerceDb = BetterSQLite3Database<typeof schema>;

/** A row of a per-parent list: `ownerId` is whose list it is (a brand, catalog, creator, video, stream). */
export interface Owned<T> {
  ownerId: string;
  node: T;
}

/** A row of a list the owner orders by hand; `position` is its sort key. */
export interface Placed<T> extends Owned<T> {
  position: number;
}

export function brandsByIds(db: CommerceDb, ids: readonly string[]): BrandRow[] {
  return db.select().from(brands).where(inArray(brands.id, [...ids])).all();
}

export function productsByIds(db: CommerceDb, ids: readonly string[]): ProductRow[] {
  return db.select().from(products).where(inArray(products.id, [...ids])).all();
}

export function catalogsByIds(db: CommerceDb, ids: readonly string[]): CatalogRow[] {
  return db.select().from(catalogs).where(inArray(catalogs.id, [...ids])).all();
}

/** One page of brands by name (id breaks ties), with one extra row to tell whether more follow. */
export function brandsPage(db: CommerceDb, page: Page): BrandRow[] {
  const after = page.after ? sql`(${brands.name}, ${brands.id}) > (${String(page.after[0])}, ${String(page.after[1])})` : undefined;
  return db
    .select()
    .from(brands)
    .where(after)
    .orderBy(asc(brands.name), asc(brands.id))
    .limit(page.first + 1)
    .all();
}

/** Newest first; the cursor is `[createdAt ms, id]`. */
const newerThanCursor = (page: Page, createdAt: Column, id: Column) =>
  page.after ? sql`(${createdAt}, ${id}) < (${Number(page.after[0])}, ${String(page.after[1])})` : undefined;

/** One page of products on sale, newest first, optionally of one brand. */
export function activeProductsPage(db: CommerceDb, page: Page, brandId?: string): ProductRow[] {
  return db
    .select()
    .from(products)
    .where(
      and(eq(products.status, 'ACTIVE'), brandId === undefined ? undefined : eq(products.brandId, brandId), newerThanCursor(page, products.createdAt, products.id)),
    )
    .orderBy(desc(products.createdAt), desc(products.id))
    .limit(page.first + 1)
    .all();
}

/*
 * Per-parent pages, each one statement for many parents: the inner query numbers each
 * parent's rows in list order (after the cursor) and the outer one keeps `first + 1` of
 * them per parent, joined to the rows they point at.
 */

/** A page of products on sale for each of many brands, newest first. */
export function brandProductPages(db: CommerceDb, brandIds: readonly string[], page: Page): Owned<ProductRow>[] {
  const ranked = db
    .select({
      ownerId: products.brandId,
      productId: products.id,
      rank: sql<number>`row_number() over (partition by ${products.brandId} order by ${products.createdAt} desc, ${products.id} desc)`.as('rank'),
    })
    .from(products)
    .where(and(inArray(products.brandId, [...brandIds]), eq(products.status, 'ACTIVE'), newerThanCursor(page, products.createdAt, products.id)))
    .as('ranked');
  return db
    .select({ ownerId: ranked.ownerId, node: products })
    .from(ranked)
    .innerJoin(products, eq(products.id, ranked.productId))
    .where(lte(ranked.rank, page.first + 1))
    .orderBy(asc(ranked.ownerId), asc(ranked.rank))
    .all();
}

/** A page of catalogs for each of many brands, newest first. */
export function brandCatalogPages(db: CommerceDb, brandIds: readonly string[], page: Page): Owned<CatalogRow>[] {
  const ranked = db
    .select({
      ownerId: catalogs.brandId,
      catalogId: catalogs.id,
      rank: sql<number>`row_number() over (partition by ${catalogs.brandId} order by ${catalogs.createdAt} desc, ${catalogs.id} desc)`.as('rank'),
    })
    .from(catalogs)
    .where(and(inArray(catalogs.brandId, [...brandIds]), newerThanCursor(page, catalogs.createdAt, catalogs.id)))
    .as('ranked');
  return db
    .select({ ownerId: ranked.ownerId, node: catalogs })
    .from(ranked)
    .innerJoin(catalogs, eq(catalogs.id, ranked.catalogId))
    .where(lte(ranked.rank, page.first + 1))
    .orderBy(asc(ranked.ownerId), asc(ranked.rank))
    .all();
}

/** Hand-ordered lists page by `[position, id]`. */
const placedAfterCursor = (page: Page, position: Column, id: Column) =>
  page.after ? sql`(${position}, ${id}) > (${Number(page.after[0])}, ${String(page.after[1])})` : undefined;

/** A hand-ordered link table from an owner (a catalog, a creator's showcase) to products. */
interface ProductPlacement {
  table: typeof catalogProducts | typeof showcaseItems;
  owner: typeof catalogProducts.catalogId | typeof showcaseItems.creatorId;
  product: typeof catalogProducts.productId | typeof showcaseItems.productId;
  position: typeof catalogProducts.position | typeof showcaseItems.position;
}

/** A page of products for each of many owners, in the owner's order: one statement. */
function placedProductPages(db: CommerceDb, placement: ProductPlacement, ownerIds: readonly string[], page: Page): Placed<ProductRow>[] {
  const ranked = db
    .select({
      ownerId: placement.owner,
      productId: placement.product,
      position: placement.position,
      rank: sql<number>`row_number() over (partition by ${placement.owner} order by ${placement.position}, ${placement.product})`.as('rank'),
    })
    .from(placement.table)
    .where(and(inArray(placement.owner, [...ownerIds]), placedAfterCursor(page, placement.position, placement.product)))
    .as('ranked');
  return db
    .select({ ownerId: ranked.ownerId, position: ranked.position, node: products })
    .from(ranked)
    .innerJoin(products, eq(products.id, ranked.productId))
    .where(lte(ranked.rank, page.first + 1))
    .orderBy(asc(ranked.ownerId), asc(ranked.rank))
    .all();
}

/** A page of products for each of many catalogs, in the brand's order. */
export function catalogProductPages(db: CommerceDb, catalogIds: readonly string[], page: Page): Placed<ProductRow>[] {
  const placement = { table: catalogProducts, owner: catalogProducts.catalogId, product: catalogProducts.productId, position: catalogProducts.position };
  return placedProductPages(db, placement, catalogIds, page);
}

/** A page of each of many creators' showcases, in the creator's order. */
export function showcasePages(db: CommerceDb, creatorIds: readonly string[], page: Page): Placed<ProductRow>[] {
  const placement = { table: showcaseItems, owner: showcaseItems.creatorId, product: showcaseItems.productId, position: showcaseItems.position };
  return placedProductPages(db, placement, creatorIds, page);
}

/** A page of the catalogs each of many creators carries, in the creator's order. */
export function creatorCatalogPages(db: CommerceDb, creatorIds: readonly string[], page: Page): Placed<CatalogRow>[] {
  const ranked = db
    .select({
      ownerId: creatorCatalogs.creatorId,
      catalogId: creatorCatalogs.catalogId,
      position: creatorCatalogs.position,
      rank: sql<number>`row_number() over (partition by ${creatorCatalogs.creatorId} order by ${creatorCatalogs.position}, ${creatorCatalogs.catalogId})`.as('rank'),
    })
    .from(creatorCatalogs)
    .where(and(inArray(creatorCatalogs.creatorId, [...creatorIds]), placedAfterCursor(page, creatorCatalogs.position, creatorCatalogs.catalogId)))
    .as('ranked');
  return db
    .select({ ownerId: ranked.ownerId, position: ranked.position, node: catalogs })
    .from(ranked)
    .innerJoin(catalogs, eq(catalogs.id, ranked.catalogId))
    .where(lte(ranked.rank, page.first + 1))
    .orderBy(asc(ranked.ownerId), asc(ranked.rank))
    .all();
}

/** Products tagged in each of many videos, in tag order. A video holds at most 5, so no page. */
export function videoProductLists(db: CommerceDb, videoIds: readonly string[]): Owned<ProductRow>[] {
  return db
    .select({ ownerId: videoProducts.videoId, node: products })
    .from(videoProducts)
    .innerJoin(products, eq(products.id, videoProducts.productId))
    .where(inArray(videoProducts.videoId, [...videoIds]))
    .orderBy(videoProducts.videoId, videoProducts.position)
    .all();
}

/** Products pinned on each of many live streams, in overlay order. At most 20 a stream, so no page. */
export function pinnedProductLists(db: CommerceDb, liveStreamIds: readonly string[]): Owned<ProductRow>[] {
  return db
    .select({ ownerId: liveStreamPins.liveStreamId, node: products })
    .from(liveStreamPins)
    .innerJoin(products, eq(products.id, liveStreamPins.productId))
    .where(inArray(liveStreamPins.liveStreamId, [...liveStreamIds]))
    .orderBy(liveStreamPins.liveStreamId, liveStreamPins.position)
    .all();
}

/*
 * Affiliate links come with what they earned and the rate a sale would pay now, computed in the
 * same statement as the links themselves: a page of 50 links is one statement, not 51.
 */

/** The highest rate that applies to a sale of `product` through `creatorId`: the product's own or a brand's deal. */
const effectiveBps = (creatorId: Column) =>
  sql<number>`max(${products.commissionBps}, coalesce((select max(d.commission_bps) from ${creatorCommissions} d where d.creator_id = ${creatorId} and d.brand_id = ${products.brandId} and (d.product_id is null or d.product_id = ${products.id})), 0))`;

const linkOrders = (status: string) =>
  sql<number>`coalesce((select sum(o.commission_amount) from ${orders} o where o.affiliate_link_id = ${affiliateLinks.id} and o.status = ${status}), 0)`;

const linkView = {
  id: affiliateLinks.id,
  code: affiliateLinks.code,
  creatorId: affiliateLinks.creatorId,
  productId: affiliateLinks.productId,
  clicks: affiliateLinks.clicks,
  createdAt: affiliateLinks.createdAt,
  commissionBps: effectiveBps(affiliateLinks.creatorId),
  orderCount: sql<number>`(select count(*) from ${orders} o where o.affiliate_link_id = ${affiliateLinks.id} and o.status != 'CANCELLED')`,
  earnedAmount: linkOrders('FULFILLED'),
  pendingAmount: linkOrders('PAID'),
  currency: products.currency,
};

export function affiliateLinksByIds(db: CommerceDb, ids: readonly string[]): AffiliateLinkView[] {
  return db
    .select(linkView)
    .from(affiliateLinks)
    .innerJoin(products, eq(products.id, affiliateLinks.productId))
    .where(inArray(affiliateLinks.id, [...ids]))
    .all();
}

/** A page of each of many creators' affiliate links, newest first, with their stats. */
export function affiliateLinkPages(db: CommerceDb, creatorIds: readonly string[], page: Page): Owned<AffiliateLinkView>[] {
  const ranked = db
    .select({
      ownerId: affiliateLinks.creatorId,
      linkId: affiliateLinks.id,
      rank: sql<number>`row_number() over (partition by ${affiliateLinks.creatorId} order by ${affiliateLinks.createdAt} desc, ${affiliateLinks.id} desc)`.as('rank'),
    })
    .from(affiliateLinks)
    .where(and(inArray(affiliateLinks.creatorId, [...creatorIds]), newerThanCursor(page, affiliateLinks.createdAt, affiliateLinks.id)))
    .as('ranked');
  return db
    .select({ ownerId: ranked.ownerId, node: linkView })
    .from(ranked)
    .innerJoin(affiliateLinks, eq(affiliateLinks.id, ranked.linkId))
    .innerJoin(products, eq(products.id, affiliateLinks.productId))
    .where(lte(ranked.rank, page.first + 1))
    .orderBy(asc(ranked.ownerId), asc(ranked.rank))
    .all();
}

export function ordersByIds(db: CommerceDb, ids: readonly string[]): OrderRow[] {
  return db.select().from(orders).where(inArray(orders.id, [...ids])).all();
}

/** A page of orders for each of many owners (buyers or brands), newest first. */
function orderPages(db: CommerceDb, owner: typeof orders.buyerId | typeof orders.brandId, ownerIds: readonly string[], page: Page): Owned<OrderRow>[] {
  const ranked = db
    .select({
      ownerId: sql<string>`${owner}`.as('owner_id'),
      orderId: orders.id,
      rank: sql<number>`row_number() over (partition by ${owner} order by ${orders.createdAt} desc, ${orders.id} desc)`.as('rank'),
    })
    .from(orders)
    .where(and(inArray(owner, [...ownerIds]), newerThanCursor(page, orders.createdAt, orders.id)))
    .as('ranked');
  return db
    .select({ ownerId: ranked.ownerId, node: orders })
    .from(ranked)
    .innerJoin(orders, eq(orders.id, ranked.orderId))
    .where(lte(ranked.rank, page.first + 1))
    .orderBy(asc(ranked.ownerId), asc(ranked.rank))
    .all();
}

export const buyerOrderPages = (db: CommerceDb, buyerIds: readonly string[], page: Page) => orderPages(db, orders.buyerId, buyerIds, page);
export const brandOrderPages = (db: CommerceDb, brandIds: readonly string[], page: Page) => orderPages(db, orders.brandId, brandIds, page);

/** The lines of many orders, in line order. An order has at most 50, so no page. */
export function orderLineLists(db: CommerceDb, orderIds: readonly string[]): Owned<OrderLineView>[] {
  return db
    .select({ ownerId: orderLines.orderId, node: { ...getTableColumns(orderLines), currency: orders.currency } })
    .from(orderLines)
    .innerJoin(orders, eq(orders.id, orderLines.orderId))
    .where(inArray(orderLines.orderId, [...orderIds]))
    .orderBy(orderLines.orderId, orderLines.position)
    .all();
}

export interface CommissionTotals {
  creatorId: string;
  /** On fulfilled orders. */
  earned: number;
  /** On paid orders not fulfilled yet. */
  pending: number;
}

/** Commission owed to each of many creators, one statement. Cancelled orders count for nothing. */
export function commissionTotals(db: CommerceDb, creatorIds: readonly string[]): CommissionTotals[] {
  return db
    .select({
      creatorId: sql<string>`${orders.creatorId}`,
      earned: sql<number>`coalesce(sum(case when ${orders.status} = 'FULFILLED' then ${orders.commissionAmount} end), 0)`,
      pending: sql<number>`coalesce(sum(case when ${orders.status} = 'PAID' then ${orders.commissionAmount} end), 0)`,
    })
    .from(orders)
    .where(and(inArray(orders.creatorId, [...creatorIds]), inArray(orders.status, ['PAID', 'FULFILLED'])))
    .groupBy(orders.creatorId)
    .all();
}

export type ProductChanges = Partial<Pick<ProductRow, 'title' | 'description' | 'priceAmount' | 'inventory' | 'status'>>;

/**
 * Applies a partner's edit to one of its own products, in one write transaction taken up front
 * so the ownership check and the update see the same row.
 * Returns null when the product does not exist; `authorize` throws to refuse.
 */
export function updateOwnedProduct(db: CommerceDb, id: string, changes: ProductChanges, authorize: (product: ProductRow) => void): ProductRow | null {
  return db.transaction(
    (tx) => {
      const product = tx.select().from(products).where(eq(products.id, id)).get();
      if (!product) return null;
      authorize(product);
      return tx.update(products).set(changes).where(eq(products.id, id)).returning().get() ?? null;
    },
    { behavior: 'immediate' },
  );
}

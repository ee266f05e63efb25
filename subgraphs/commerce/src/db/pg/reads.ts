/**
 * `../reads.ts` on Postgres: the same reads, batch-shaped, one statement for many keys, typed as
 * the same `Queries<…>` so the two engines answer alike.
 */
import { and, asc, desc, eq, getTableColumns, inArray, sql, type Column, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Page } from '@app/kit/pagination';
import type { PgDb } from '@app/kit/pg';
import { perOwnerOf, preparedOnce, type Owned } from '@app/kit/sql';
import { beforePg, beyondPg, inKeysPg, pagesPerOwnerPg, pagesPerOwnerShowingPg, preparedPagesPerOwnerPg } from '@app/kit/sql-pg';
import type { Queries } from '@app/kit/store';
import type { readStatements } from '../reads.ts';
import type { ProductRow } from '../schema.ts';
import { affiliateLinks, brands, catalogProducts, catalogs, creatorCatalogs, creatorCommissions, liveStreamPins, orderLines, orders, products, showcaseItems, videoProducts } from './schema.ts';

export type ReadStatements = ReturnType<typeof readStatements>;

const newerThan = (page: Page, createdAt: Column, id: Column) => beforePg([createdAt, id], page.after && [Number(page.after[0]), String(page.after[1])]);

function newestFirstPages<T extends PgTable & { id: PgColumn; createdAt: PgColumn }>(table: T, owner: PgColumn, ownerIds: readonly string[], page: Page, where?: SQL) {
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

/** commission.ts's rule in SQL, as `../reads.ts` has it (`greatest` is SQLite's two-argument `max`). */
const effectiveBps = (creatorId: Column) =>
  sql<number>`greatest(${products.commissionBps}, coalesce((select max(d.commission_bps) from ${creatorCommissions} d where d.creator_id = ${creatorId} and d.brand_id = ${products.brandId} and (d.product_id is null or d.product_id = ${products.id})), 0))`;

// Postgres' sum() and count() of integers are bigints, which the driver answers as strings.
const linkOrders = (status: string) =>
  sql<number>`coalesce((select sum(o.commission_amount) from ${orders} o where o.affiliate_link_id = ${affiliateLinks.id} and o.status = ${status}), 0)`.mapWith(Number);

const linkView = {
  ...getTableColumns(affiliateLinks),
  commissionBps: effectiveBps(affiliateLinks.creatorId),
  orderCount: sql<number>`(select count(*) from ${orders} o where o.affiliate_link_id = ${affiliateLinks.id} and o.status != 'CANCELLED')`.mapWith(Number),
  earnedAmount: linkOrders('FULFILLED'),
  pendingAmount: linkOrders('PAID'),
  currency: products.currency,
};
const linkProduct = { table: products, on: eq(products.id, affiliateLinks.productId) };

/** As `../reads.ts` pages them: cursors are `[ms or position, id]`. */
const cursorValues = (after: readonly (string | number)[]) => [Number(after[0]), String(after[1])];

export function readPgStatements(db: PgDb): Queries<ReadStatements> {
  /** The hot reads are prepared, as on SQLite, as named statements Postgres parses once per connection. */
  const productLists = (list: typeof videoProducts | typeof liveStreamPins, owner: PgColumn, name: string) => {
    const prepared = preparedOnce(() =>
      db
        .select({ ownerId: sql<string>`${owner}`, node: products })
        .from(list)
        .innerJoin(products, eq(products.id, list.productId))
        .where(inKeysPg(owner))
        .orderBy(owner, list.position)
        .prepare(name),
    );
    return async (ownerIds: readonly string[]): Promise<Owned<ProductRow>[]> => prepared().execute({ keys: [...ownerIds] });
  };
  const videoProductLists = productLists(videoProducts, videoProducts.videoId, 'commerce_video_products');
  const pinnedProductLists = productLists(liveStreamPins, liveStreamPins.liveStreamId, 'commerce_pinned_products');
  const brandsIn = preparedOnce(() => db.select().from(brands).where(inKeysPg(brands.id)).prepare('commerce_brands_by_ids'));
  const productsIn = preparedOnce(() => db.select().from(products).where(inKeysPg(products.id)).prepare('commerce_products_by_ids'));
  const catalogsIn = preparedOnce(() => db.select().from(catalogs).where(inKeysPg(catalogs.id)).prepare('commerce_catalogs_by_ids'));
  const newestFirst = <T extends PgTable & { id: PgColumn; createdAt: PgColumn }>(table: T, owner: PgColumn, name: string, where?: SQL) =>
    preparedPagesPerOwnerPg(db, {
      from: table,
      owner,
      orderBy: [desc(table.createdAt), desc(table.id)],
      where,
      node: { table, id: table.id, ref: table.id },
      keyset: { columns: [table.createdAt, table.id], direction: '<', values: cursorValues },
      name,
    });
  const inPosition = <T extends PgTable & { id: PgColumn }>(list: typeof catalogProducts | typeof showcaseItems | typeof creatorCatalogs, owner: PgColumn, ref: PgColumn, shown: T, name: string) =>
    preparedPagesPerOwnerPg(db, {
      from: list,
      owner,
      orderBy: [asc(list.position), asc(ref)],
      node: { table: shown, id: shown.id, ref },
      extra: { position: list.position },
      keyset: { columns: [list.position, ref], direction: '>', values: cursorValues },
      name,
    });
  const brandProducts = newestFirst(products, products.brandId, 'commerce_brand_products', eq(products.status, 'ACTIVE'));
  const brandCatalogs = newestFirst(catalogs, catalogs.brandId, 'commerce_brand_catalogs');
  const catalogProductsInOrder = inPosition(catalogProducts, catalogProducts.catalogId, catalogProducts.productId, products, 'commerce_catalog_products');
  const showcaseInOrder = inPosition(showcaseItems, showcaseItems.creatorId, showcaseItems.productId, products, 'commerce_showcase');
  const creatorCatalogsInOrder = inPosition(creatorCatalogs, creatorCatalogs.creatorId, creatorCatalogs.catalogId, catalogs, 'commerce_creator_catalogs');

  return {
    brandsByIds: async (ids) => brandsIn().execute({ keys: [...ids] }),

    productsByIds: async (ids) => productsIn().execute({ keys: [...ids] }),

    catalogsByIds: async (ids) => catalogsIn().execute({ keys: [...ids] }),

    brandsPage: async (page) =>
      db
        .select()
        .from(brands)
        .where(beyondPg([brands.name, brands.id], page.after && [String(page.after[0]), String(page.after[1])]))
        .orderBy(asc(brands.name), asc(brands.id))
        .limit(page.first + 1),

    activeProductsPage: async (page, brandId) =>
      db
        .select()
        .from(products)
        .where(and(eq(products.status, 'ACTIVE'), brandId === undefined ? undefined : eq(products.brandId, brandId), newerThan(page, products.createdAt, products.id)))
        .orderBy(desc(products.createdAt), desc(products.id))
        .limit(page.first + 1),

    brandProductPages: (brandIds, page) => brandProducts(brandIds, page),

    brandCatalogPages: (brandIds, page) => brandCatalogs(brandIds, page),

    catalogProductPages: (catalogIds, page) => catalogProductsInOrder(catalogIds, page),

    showcasePages: (creatorIds, page) => showcaseInOrder(creatorIds, page),

    creatorCatalogPages: (creatorIds, page) => creatorCatalogsInOrder(creatorIds, page),

    videoProductLists: (videoIds) => videoProductLists(videoIds),

    pinnedProductLists: (liveStreamIds) => pinnedProductLists(liveStreamIds),

    affiliateLinksByIds: async (ids) => db.select(linkView).from(affiliateLinks).innerJoin(linkProduct.table, linkProduct.on).where(inArray(affiliateLinks.id, [...ids])),

    affiliateLinkPages: (creatorIds, page) => pagesPerOwnerShowingPg(db, newestFirstPages(affiliateLinks, affiliateLinks.creatorId, creatorIds, page), { columns: linkView, joins: [linkProduct] }),

    ordersByIds: async (ids) => db.select().from(orders).where(inArray(orders.id, [...ids])),

    buyerOrderPages: (buyerIds, page) => pagesPerOwnerPg<typeof orders>(db, newestFirstPages(orders, orders.buyerId, buyerIds, page)),

    brandOrderPages: (brandIds, page) => pagesPerOwnerPg<typeof orders>(db, newestFirstPages(orders, orders.brandId, brandIds, page)),

    orderLineLists: async (orderIds) =>
      db
        .select({ ownerId: orderLines.orderId, node: { ...getTableColumns(orderLines), currency: orders.currency } })
        .from(orderLines)
        .innerJoin(orders, eq(orders.id, orderLines.orderId))
        .where(inArray(orderLines.orderId, [...orderIds]))
        .orderBy(orderLines.orderId, orderLines.position),

    commissionTotals: async (creatorIds) =>
      db
        .select({
          creatorId: sql<string>`${orders.creatorId}`,
          earned: sql<number>`coalesce(sum(case when ${orders.status} = 'FULFILLED' then ${orders.commissionAmount} end), 0)`.mapWith(Number),
          pending: sql<number>`coalesce(sum(case when ${orders.status} = 'PAID' then ${orders.commissionAmount} end), 0)`.mapWith(Number),
        })
        .from(orders)
        .where(and(inArray(orders.creatorId, [...creatorIds]), inArray(orders.status, ['PAID', 'FULFILLED'])))
        .groupBy(orders.creatorId),

    streamSales: async (liveStreamIds) =>
      db
        .select({
          liveStreamId: sql<string>`${orders.liveStreamId}`,
          orders: sql<number>`count(distinct ${orders.id})`.mapWith(Number),
          units: sql<number>`sum(${orderLines.quantity})`.mapWith(Number),
          revenueAmount: sql<number>`sum(${orderLines.totalAmount})`.mapWith(Number),
          currency: sql<string>`min(${orders.currency})`,
          currencies: sql<number>`count(distinct ${orders.currency})`.mapWith(Number),
        })
        .from(orders)
        .innerJoin(orderLines, and(eq(orderLines.orderId, orders.id), eq(orderLines.attributed, true)))
        .where(and(inArray(orders.liveStreamId, [...liveStreamIds]), inArray(orders.status, ['PAID', 'FULFILLED'])))
        .groupBy(orders.liveStreamId),
  };
}

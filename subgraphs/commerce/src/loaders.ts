import DataLoader from 'dataloader';
import { byKeys, groupedByKeys, ownerListLoader } from '@app/kit/loaders';
import { pageGroup, type Page } from '@app/kit/pagination';
import {
  affiliateLinkPages,
  affiliateLinksByIds,
  brandCatalogPages,
  brandOrderPages,
  buyerOrderPages,
  commissionTotals,
  orderLineLists,
  ordersByIds,
  brandProductPages,
  brandsByIds,
  catalogProductPages,
  catalogsByIds,
  creatorCatalogPages,
  pinnedProductLists,
  productsByIds,
  showcasePages,
  videoProductLists,
  type CommerceDb,
  type Owned,
} from './db/queries.ts';

export interface PageKey {
  ownerId: string;
  page: Page;
}

/**
 * A loader of one page per parent. Keys with the same `first`/`after` share a statement; a
 * query with different arguments at another path gets a statement of its own.
 */
function pageLoader<R extends Owned<unknown>>(load: (ownerIds: string[], page: Page) => R[]) {
  return ownerListLoader<PageKey, R>({
    ownerOf: (key) => key.ownerId,
    argumentsOf: (key) => pageGroup(key.page),
    load: (ids, sample) => load(ids, sample.page),
    rowOwner: (row) => row.ownerId,
  });
}

/** A loader of a short, unpaged list per parent. */
function listLoader<T>(load: (ownerIds: readonly string[]) => Owned<T>[]) {
  return new DataLoader((ids: readonly string[]) => Promise.resolve(groupedByKeys(ids, load(ids), (row) => row.ownerId).map((rows) => rows.map((row) => row.node))));
}

/** Per-request loaders: each batch is one statement, whatever the number of keys. */
export function createLoaders(db: CommerceDb) {
  return {
    brandById: new DataLoader((ids: readonly string[]) => Promise.resolve(byKeys(ids, brandsByIds(db, ids), (row) => row.id))),
    productById: new DataLoader((ids: readonly string[]) => Promise.resolve(byKeys(ids, productsByIds(db, ids), (row) => row.id))),
    catalogById: new DataLoader((ids: readonly string[]) => Promise.resolve(byKeys(ids, catalogsByIds(db, ids), (row) => row.id))),
    brandProducts: pageLoader((ids, page) => brandProductPages(db, ids, page)),
    brandCatalogs: pageLoader((ids, page) => brandCatalogPages(db, ids, page)),
    catalogProducts: pageLoader((ids, page) => catalogProductPages(db, ids, page)),
    creatorCatalogs: pageLoader((ids, page) => creatorCatalogPages(db, ids, page)),
    showcase: pageLoader((ids, page) => showcasePages(db, ids, page)),
    videoProducts: listLoader((ids) => videoProductLists(db, ids)),
    pinnedProducts: listLoader((ids) => pinnedProductLists(db, ids)),
    affiliateLinkById: new DataLoader((ids: readonly string[]) => Promise.resolve(byKeys(ids, affiliateLinksByIds(db, ids), (row) => row.id))),
    creatorAffiliateLinks: pageLoader((ids, page) => affiliateLinkPages(db, ids, page)),
    orderById: new DataLoader((ids: readonly string[]) => Promise.resolve(byKeys(ids, ordersByIds(db, ids), (row) => row.id))),
    buyerOrders: pageLoader((ids, page) => buyerOrderPages(db, ids, page)),
    brandOrders: pageLoader((ids, page) => brandOrderPages(db, ids, page)),
    orderLines: listLoader((ids) => orderLineLists(db, ids)),
    /** Commission earned and pending per creator; a creator with no orders gets zeros. */
    commissionTotals: new DataLoader((ids: readonly string[]) =>
      Promise.resolve(byKeys(ids, commissionTotals(db, ids), (row) => row.creatorId).map((row, i) => row ?? { creatorId: ids[i] as string, earned: 0, pending: 0 })),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

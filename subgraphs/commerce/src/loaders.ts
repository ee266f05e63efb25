import { byIdLoader, listLoader, ownerListLoader, valueLoader } from '@app/kit/loaders';
import { pageGroup, type Page } from '@app/kit/pagination';
import type { Owned } from '@app/kit/db/shapes';
import type { Clock } from '@app/kit/clock';
import type { StreamSales } from './db/contract.ts';
import type { CommerceStore } from './db/store.ts';

export interface PageKey {
  ownerId: string;
  page: Page;
}

/**
 * A loader of one page per parent. Keys with the same `first`/`after` share a statement; a
 * query with different arguments at another path gets a statement of its own.
 */
function pageLoader<R extends Owned<unknown>>(load: (ownerIds: string[], page: Page) => Promise<R[]>) {
  return ownerListLoader<PageKey, R>({
    ownerOf: (key) => key.ownerId,
    argumentsOf: (key) => pageGroup(key.page),
    load: (ids, sample) => load(ids, sample.page),
    rowOwner: (row) => row.ownerId,
  });
}

/** Per-request loaders: each batch is one statement, whatever the number of keys. */
export function createLoaders(store: CommerceStore, clock: Clock) {
  return {
    brandById: byIdLoader((ids) => store.brandsByIds(ids)),
    productById: byIdLoader((ids) => store.productsByIds(ids)),
    catalogById: byIdLoader((ids) => store.catalogsByIds(ids)),
    brandProducts: pageLoader((ids, page) => store.brandProductPages(ids, page)),
    brandCatalogs: pageLoader((ids, page) => store.brandCatalogPages(ids, page)),
    catalogProducts: pageLoader((ids, page) => store.catalogProductPages(ids, page)),
    creatorCatalogs: pageLoader((ids, page) => store.creatorCatalogPages(ids, page)),
    showcase: pageLoader((ids, page) => store.showcasePages(ids, page)),
    videoProducts: listLoader((ids) => store.videoProductLists(ids)),
    pinnedProducts: listLoader((ids) => store.pinnedProductLists(ids)),
    affiliateLinkById: byIdLoader((ids) => store.affiliateLinksByIds(ids)),
    creatorAffiliateLinks: pageLoader((ids, page) => store.affiliateLinkPages(ids, page)),
    orderById: byIdLoader((ids) => store.ordersByIds(ids)),
    buyerOrders: pageLoader((ids, page) => store.buyerOrderPages(ids, page)),
    brandOrders: pageLoader((ids, page) => store.brandOrderPages(ids, page)),
    orderLines: listLoader((ids) => store.orderLineLists(ids)),
    returnById: byIdLoader((ids) => store.returnsByIds(ids)),
    orderReturns: listLoader((ids) => store.orderReturnLists(ids)),
    returnLines: listLoader((ids) => store.returnLineLists(ids)),
    /** Each creator's commission per settlement state, at the time of the batch; none: no rows. */
    commissionBuckets: listLoader(async (ids) => (await store.commissionBuckets(ids, clock.now())).map((row) => ({ ownerId: row.creatorId, node: row }))),
    /** The lines of each order that earned commission, with their state at the time of the batch. */
    orderCommissionLines: listLoader((ids) => store.orderCommissionLines(ids, clock.now())),
    payoutById: byIdLoader((ids) => store.payoutsByIds(ids)),
    /** The topics each webhook endpoint hears. */
    webhookTopics: listLoader((ids) => store.webhookTopicLists(ids)),
    creatorPayouts: pageLoader((ids, page) => store.creatorPayoutPages(ids, page)),
    flashDealById: byIdLoader((ids) => store.dealsByIds(ids)),
    /** Each stream's scheduled and running flash deals. */
    streamFlashDeals: listLoader(async (ids) => (await store.openDealsOfStreams(ids)).map((row) => ({ ownerId: row.liveStreamId, node: row }))),
    /** What each live stream sold; null for a stream with no sales. */
    streamSales: valueLoader(
      (ids) => store.streamSales(ids),
      (row) => row.liveStreamId,
      (row): StreamSales | null => row,
      () => null,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

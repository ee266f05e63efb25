import DataLoader from 'dataloader';
import { byIdLoader, listLoader, ownerListLoader, valueLoader } from '@app/kit/loaders';
import { pageGroup, type Page } from '@app/kit/pagination';
import type { Owned } from '@app/kit/db/shapes';
import type { Clock } from '@app/kit/clock';
import type { StreamSales } from './db/contract.ts';
import type { CampaignMemberRow } from './db/tables.ts';
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
    campaignById: byIdLoader((ids) => store.campaignsByIds(ids)),
    /** Each campaign's products, in the brand's order. */
    campaignProducts: listLoader((ids) => store.campaignProductLists(ids)),
    /** A creator's membership of a campaign, keyed `creatorId \n campaignId` (in practice the viewer's: one statement). */
    campaignMembership: new DataLoader<string, CampaignMemberRow | null>(async (keys) => {
      const byCreator = new Map<string, string[]>();
      for (const key of keys) {
        const [creatorId, campaignId] = key.split('\n') as [string, string];
        byCreator.set(creatorId, [...(byCreator.get(creatorId) ?? []), campaignId]);
      }
      const found = new Map<string, CampaignMemberRow>();
      for (const [creatorId, campaignIds] of byCreator) for (const row of await store.membershipsOfCreator(creatorId, campaignIds)) found.set(`${row.creatorId}\n${row.campaignId}`, row);
      return keys.map((key) => found.get(key) ?? null);
    }),
    /** Each creator's kept sample record; undefined before their first settled sample. */
    creatorFulfilment: valueLoader(
      (ids) => store.fulfilmentOf(ids),
      (row) => row.creatorId,
      (row): { fulfilled: number; missed: number } | undefined => row,
      () => undefined,
    ),
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

import DataLoader from 'dataloader';
import type { Clock } from '@app/kit/clock';
import { byIdLoader, countLoader, groupedByKeys, ownerListLoader, valueLoader } from '@app/kit/loaders';
import { pageGroup, type Page } from '@app/kit/pagination';
import type { Owned } from '@app/kit/db/shapes';
import type { CoinPurchaseRow, GiftOfferRow, GiftPayoutRow, LiveGiftSendRow, SmallGestureSendRow, TopGifterRow } from './mappers.ts';
import type { GiftsStore, StreamGiftTotals } from './db/store.ts';
import type { Share } from './rates.ts';

/** A page of one owner's list (a user's inbox, a creator's payouts). */
export interface OwnerPageKey {
  ownerId: string;
  page: Page;
}

/** A page of a creator's gift receipts, of one stream or all. */
export interface ReceiptsPageKey extends OwnerPageKey {
  liveStreamId: string | null;
}

/** One owner's list a page at a time: keys asking for the same page are one statement. */
function pageLoader<R>(load: (ownerIds: readonly string[], page: Page) => Promise<Owned<R>[]>) {
  return ownerListLoader<OwnerPageKey, Owned<R>>({
    ownerOf: (key) => key.ownerId,
    argumentsOf: (key) => pageGroup(key.page),
    load: (ids, sample) => load(ids, sample.page),
    rowOwner: (row) => row.ownerId,
  });
}

export interface LeaderboardKey {
  id: string;
  first: number;
}

const NO_GIFTS: Omit<StreamGiftTotals, 'liveStreamId'> = { coins: 0, diamonds: 0, giftCount: 0, gifterCount: 0 };

/** Leaderboards of one kind: keys that share `first` are one statement. */
function leaderboardLoader(store: GiftsStore, by: 'liveStream' | 'creator') {
  return ownerListLoader<LeaderboardKey, TopGifterRow>({
    ownerOf: (key) => key.id,
    argumentsOf: (key) => String(key.first),
    load: (ids, sample) => store.topGifters(by, ids, sample.first),
    rowOwner: (row) => row.key,
  });
}

/** Per-request loaders: each batch is one statement, whatever the number of keys. */
export function createLoaders(store: GiftsStore, clock: Clock) {
  return {
    giftOfferById: byIdLoader((ids) => store.giftOffersByIds(ids)),
    // Time-driven counts (expired claim links give their codes and slots back) as of the batch.
    codesLeft: countLoader((offerIds) => store.unclaimedCodeCounts(offerIds, clock.now())),
    offerStats: valueLoader(
      (offerIds) => store.offerStats(offerIds, clock.now()),
      (row) => row.offerId,
      (row) => ({ sent: row.sent, redeemed: row.redeemed }),
      () => ({ sent: 0, redeemed: 0 }),
    ),
    liveGiftById: byIdLoader((ids) => store.liveGiftsByIds(ids)),
    // An id with no sends is a creator or stream nobody has gifted yet (or one another subgraph
    // knows and this one never saw): zero, not null.
    creatorDiamonds: valueLoader(
      (creatorIds) => store.creatorDiamonds(creatorIds),
      (row) => row.creatorId,
      (row) => row.diamonds,
      () => 0,
    ),
    streamGiftTotals: valueLoader<StreamGiftTotals, Omit<StreamGiftTotals, 'liveStreamId'>>(
      (streamIds) => store.streamGiftTotals(streamIds),
      (row) => row.liveStreamId,
      (row) => row,
      () => ({ ...NO_GIFTS }),
    ),
    streamTopGifters: leaderboardLoader(store, 'liveStream'),
    streamRecentGifts: ownerListLoader<LeaderboardKey, Owned<LiveGiftSendRow>>({
      ownerOf: (key) => key.id,
      argumentsOf: (key) => String(key.first),
      load: (ids, sample) => store.recentLiveGiftSends(ids, sample.first),
      rowOwner: (row) => row.ownerId,
    }),
    creatorTopGifters: leaderboardLoader(store, 'creator'),
    smallGestureById: byIdLoader((ids) => store.smallGesturesByIds(ids)),
    smallGesturesSent: countLoader((senderIds) => store.smallGestureSentCounts(senderIds, clock.now())),
    brandGiftOffers: pageLoader<GiftOfferRow>((ids, page) => store.giftOfferPagesByBrand(ids, page)),
    smallGesturesSentList: pageLoader<SmallGestureSendRow>((ids, page) => store.smallGestureSentPages(ids, page)),
    inbox: pageLoader<SmallGestureSendRow>((ids, page) => store.inboxPages(ids, page)),
    // A user who never bought coins has no wallet row yet: zero coins.
    walletCoins: valueLoader(
      (userIds) => store.walletsByUserIds(userIds),
      (row) => row.userId,
      (row) => row.coins,
      () => 0,
    ),
    liveGiftSendById: byIdLoader((ids) => store.liveGiftSendsByIds(ids)),
    coinPurchaseById: byIdLoader((ids) => store.coinPurchasesByIds(ids)),
    // A creator never gifted has no balance row yet: zero diamonds.
    creatorBalance: valueLoader(
      (creatorIds) => store.creatorBalancesByIds(creatorIds),
      (row) => row.creatorId,
      (row) => row.diamonds,
      () => 0,
    ),
    // A creator without a share of their own has the default: null here.
    creatorGiftShare: valueLoader(
      (creatorIds) => store.creatorGiftSharesByIds(creatorIds),
      (row) => row.creatorId,
      (row): Share | null => ({ diamonds: row.diamonds, coins: row.coins }),
      () => null,
    ),
    creatorPayoutTotals: new DataLoader(async (creatorIds: readonly string[]) => groupedByKeys(creatorIds, await store.giftPayoutTotals(creatorIds), (row) => row.creatorId)),
    giftPayoutById: byIdLoader((ids) => store.giftPayoutsByIds(ids)),
    giftPayouts: pageLoader<GiftPayoutRow>((ids, page) => store.giftPayoutPages(ids, page)),
    coinPurchases: pageLoader<CoinPurchaseRow>((ids, page) => store.coinPurchasePages(ids, page)),
    liveGiftsSent: pageLoader<LiveGiftSendRow>((ids, page) => store.liveGiftSendPagesBySender(ids, page)),
    giftReceipts: ownerListLoader<ReceiptsPageKey, Owned<LiveGiftSendRow>>({
      ownerOf: (key) => key.ownerId,
      argumentsOf: (key) => JSON.stringify([pageGroup(key.page), key.liveStreamId]),
      load: (ids, sample) => store.liveGiftSendPagesByCreator(ids, sample.page, sample.liveStreamId),
      rowOwner: (row) => row.ownerId,
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

import DataLoader from 'dataloader';
import { byKeys, ownerListLoader } from '@app/kit/loaders';
import { pageGroup, type Page } from '@app/kit/pagination';
import {
  creatorDiamonds,
  giftOffersByIds,
  inboxPages,
  liveGiftSendsByIds,
  liveGiftsByIds,
  offerStats,
  smallGestureSentCounts,
  smallGesturesByIds,
  streamGiftTotals,
  topGifters,
  unclaimedCodeCounts,
  walletsByUserIds,
  type GiftsDb,
  type StreamGiftTotals,
  type TopGifterRow,
} from './db/queries.ts';
import type { SmallGestureSendRow } from './db/schema.ts';

const NO_GIFTS: Omit<StreamGiftTotals, 'liveStreamId'> = { coins: 0, diamonds: 0, giftCount: 0, gifterCount: 0 };

export interface InboxKey {
  userId: string;
  page: Page;
}

export interface LeaderboardKey {
  id: string;
  first: number;
}

/** A loader by id that answers null for an unknown id. */
function byIdLoader<R extends { id: string }>(rowsFor: (ids: readonly string[]) => R[]) {
  return new DataLoader((ids: readonly string[]) => Promise.resolve(byKeys(ids, rowsFor(ids), (row) => row.id)));
}

/** Leaderboards of one kind: keys that share `first` are one statement. */
function leaderboardLoader(db: GiftsDb, by: 'liveStream' | 'creator') {
  return ownerListLoader<LeaderboardKey, TopGifterRow>({
    ownerOf: (key) => key.id,
    argumentsOf: (key) => String(key.first),
    load: (ids, sample) => topGifters(db, by, ids, sample.first),
    rowOwner: (row) => row.key,
  });
}

/** Per-request loaders: each batch is one statement, whatever the number of keys. */
export function createLoaders(db: GiftsDb) {
  return {
    giftOfferById: byIdLoader((ids) => giftOffersByIds(db, ids)),
    codesLeft: new DataLoader((offerIds: readonly string[]) =>
      Promise.resolve(byKeys(offerIds, unclaimedCodeCounts(db, offerIds), (row) => row.offerId).map((row) => row?.count ?? 0)),
    ),
    offerStats: new DataLoader((offerIds: readonly string[]) =>
      Promise.resolve(byKeys(offerIds, offerStats(db, offerIds), (row) => row.offerId).map((row) => ({ sent: row?.sent ?? 0, redeemed: row?.redeemed ?? 0 }))),
    ),
    liveGiftById: byIdLoader((ids) => liveGiftsByIds(db, ids)),
    // An id with no sends is a creator or stream nobody has gifted yet (or one another subgraph
    // knows and this one never saw): zero, not null.
    creatorDiamonds: new DataLoader((creatorIds: readonly string[]) =>
      Promise.resolve(byKeys(creatorIds, creatorDiamonds(db, creatorIds), (row) => row.creatorId).map((row) => row?.diamonds ?? 0)),
    ),
    streamGiftTotals: new DataLoader((streamIds: readonly string[]) =>
      Promise.resolve(byKeys(streamIds, streamGiftTotals(db, streamIds), (row) => row.liveStreamId).map((row) => row ?? { ...NO_GIFTS })),
    ),
    streamTopGifters: leaderboardLoader(db, 'liveStream'),
    creatorTopGifters: leaderboardLoader(db, 'creator'),
    smallGestureById: byIdLoader((ids) => smallGesturesByIds(db, ids)),
    smallGesturesSent: new DataLoader((senderIds: readonly string[]) =>
      Promise.resolve(byKeys(senderIds, smallGestureSentCounts(db, senderIds), (row) => row.key).map((row) => row?.count ?? 0)),
    ),
    inbox: ownerListLoader<InboxKey, SmallGestureSendRow>({
      ownerOf: (key) => key.userId,
      argumentsOf: (key) => pageGroup(key.page),
      load: (ids, sample) => inboxPages(db, ids, sample.page),
      rowOwner: (row) => row.recipientId,
    }),
    // A user who never bought coins has no wallet row yet: zero coins.
    walletCoins: new DataLoader((userIds: readonly string[]) =>
      Promise.resolve(byKeys(userIds, walletsByUserIds(db, userIds), (row) => row.userId).map((row) => row?.coins ?? 0)),
    ),
    liveGiftSendById: byIdLoader((ids) => liveGiftSendsByIds(db, ids)),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

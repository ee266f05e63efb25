import DataLoader from 'dataloader';
import { byKeys } from '@app/kit/loaders';
import {
  creatorDiamonds,
  giftOffersByIds,
  liveGiftsByIds,
  streamGiftTotals,
  unclaimedCodeCounts,
  type GiftsDb,
  type StreamGiftTotals,
} from './db/queries.ts';

const NO_GIFTS: Omit<StreamGiftTotals, 'liveStreamId'> = { coins: 0, diamonds: 0, giftCount: 0, gifterCount: 0 };

/** Per-request loaders: each batch is one statement, whatever the number of keys. */
export function createLoaders(db: GiftsDb) {
  return {
    giftOfferById: new DataLoader((ids: readonly string[]) => Promise.resolve(byKeys(ids, giftOffersByIds(db, ids), (row) => row.id))),
    codesLeft: new DataLoader((offerIds: readonly string[]) =>
      Promise.resolve(byKeys(offerIds, unclaimedCodeCounts(db, offerIds), (row) => row.offerId).map((row) => row?.count ?? 0)),
    ),
    liveGiftById: new DataLoader((ids: readonly string[]) => Promise.resolve(byKeys(ids, liveGiftsByIds(db, ids), (row) => row.id))),
    // An id with no sends is a creator or stream nobody has gifted yet (or one another subgraph
    // knows and this one never saw): zero, not null.
    creatorDiamonds: new DataLoader((creatorIds: readonly string[]) =>
      Promise.resolve(byKeys(creatorIds, creatorDiamonds(db, creatorIds), (row) => row.creatorId).map((row) => row?.diamonds ?? 0)),
    ),
    streamGiftTotals: new DataLoader((streamIds: readonly string[]) =>
      Promise.resolve(byKeys(streamIds, streamGiftTotals(db, streamIds), (row) => row.liveStreamId).map((row) => row ?? { ...NO_GIFTS })),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

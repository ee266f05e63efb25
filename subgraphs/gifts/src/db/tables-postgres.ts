/** The gifts store's Postgres tables by name, for drizzle-kit (`drizzle-pg.config.ts`): derived from `tables.ts`. */
import { giftsTables } from './tables.ts';

export const {
  giftOffers,
  giftOfferCodes,
  liveGifts,
  liveGiftSends,
  liveStreamGiftTotals,
  liveStreamGifters,
  creatorGifters,
  creatorGiftShares,
  smallGestureSends,
  wallets,
  coinPurchases,
  creatorBalances,
  giftPayouts,
  ledgerTransactions,
  ledgerEntries,
  idempotencyKeys,
  liveEvents,
  liveEventTopics,
  usedNonces,
} = giftsTables.postgres;

import { requirePartnerOf } from '@app/kit/access';
import { badInput, notFound } from '@app/kit/errors';
import { money, moneyResolvers } from '@app/kit/money';
import { MAX_PAGE_SIZE, readPage, toConnection } from '@app/kit/pagination';
import { DateTime } from '@app/kit/scalars';
import { requireOwnUser, signedInUserId } from './access.ts';
import { COIN_PACKAGES } from './coinPackages.ts';
import type { Context } from './context.ts';
import { giftOffersPage, giftOfferSortKey, inboxSortKey, liveGiftCatalog, offersOpenAt } from './db/queries.ts';
import { SMALL_GESTURE_LIMIT, type GiftOfferRow } from './db/schema.ts';
import { purchaseCoins, sendLiveGift } from './liveGifting.ts';
import { diamondsValue } from './rates.ts';
import { addGiftOfferCodes, createGiftOffer, redeemSmallGesture, sendSmallGesture, unavailableReason, viewerCountry } from './smallGestures.ts';
import type { Resolvers } from './__generated__/resolvers-types.ts';

async function loadGiftOffer(context: Context, id: string): Promise<GiftOfferRow> {
  const offer = await context.loaders.giftOfferById.load(id);
  if (!offer) throw notFound('GiftOffer', id);
  return offer;
}

/** Rows this subgraph wrote itself and points at: missing would be a broken store, not a client error. */
async function loadOwn<T>(loader: { load(id: string): Promise<T | null> }, type: string, id: string): Promise<T> {
  const row = await loader.load(id);
  if (!row) throw new Error(`${type} ${id} is missing from the gifts store`);
  return row;
}

/** Leaderboards are short plain lists: `first` between 0 and the page cap. */
function leaderboardSize(first: number | null | undefined): number {
  const size = first ?? 10;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw badInput(`\`first\` must be between 0 and ${MAX_PAGE_SIZE}, got ${size}.`, { argument: 'first', max: MAX_PAGE_SIZE });
  }
  return size;
}

async function allowance(context: Context, userId: string) {
  const sent = await context.loaders.smallGesturesSent.load(userId);
  return { sent, remaining: Math.max(0, SMALL_GESTURE_LIMIT - sent), limit: SMALL_GESTURE_LIMIT };
}

export const resolvers: Resolvers = {
  DateTime,
  ...moneyResolvers,
  Query: {
    giftOffers: (_parent, args, context) => {
      const page = readPage(args, 3);
      const rows = giftOffersPage(context.db, page);
      for (const row of rows) context.loaders.giftOfferById.prime(row.id, row);
      return toConnection(rows, page, giftOfferSortKey);
    },
    giftOffer: (_parent, { id }, context) => loadGiftOffer(context, id),
    liveGifts: (_parent, _args, context) => {
      const rows = liveGiftCatalog(context.db);
      for (const row of rows) context.loaders.liveGiftById.prime(row.id, row);
      return rows;
    },
    smallGestureOffers: async (_parent, _args, context) => {
      const country = await viewerCountry(context);
      const reason = unavailableReason(country);
      if (reason || !country) return { offers: [], unavailableReason: reason };
      const open = offersOpenAt(context.db, new Date()).filter((offer) => offer.regions.includes(country));
      const codesLeft = await context.loaders.codesLeft.loadMany(open.map((offer) => offer.id));
      for (const offer of open) context.loaders.giftOfferById.prime(offer.id, offer);
      return { offers: open.filter((_offer, i) => typeof codesLeft[i] === 'number' && codesLeft[i] > 0), unavailableReason: null };
    },
    coinPackages: () => [...COIN_PACKAGES],
  },
  Mutation: {
    sendSmallGesture: async (_parent, { input }, context) => {
      const giftId = await sendSmallGesture(context, input);
      return { gift: await loadOwn(context.loaders.smallGestureById, 'SmallGesture', giftId), allowance: await allowance(context, signedInUserId(context)) };
    },
    redeemSmallGesture: (_parent, { id }, context) => redeemSmallGesture(context, id),
    createGiftOffer: (_parent, { input }, context) => createGiftOffer(context, input),
    addGiftOfferCodes: (_parent, { offerId, codes }, context) => addGiftOfferCodes(context, offerId, codes),
    purchaseCoins: async (_parent, { input }, context) => {
      const purchase = await purchaseCoins(context, input);
      return { purchase, wallet: { userId: purchase.userId } };
    },
    sendLiveGift: async (_parent, { input }, context) => {
      const sendId = await sendLiveGift(context, input);
      return { send: await loadOwn(context.loaders.liveGiftSendById, 'LiveGiftSend', sendId), wallet: { userId: signedInUserId(context) } };
    },
  },
  GiftOffer: {
    __resolveReference: (reference, context) => context.loaders.giftOfferById.load(reference.id),
    // Brands belong to commerce: a reference is all this subgraph can give.
    brand: (offer) => ({ id: offer.brandId }),
    retailValue: (offer) => money(offer.retailValueAmount, offer.currency),
    codesLeft: (offer, _args, context) => context.loaders.codesLeft.load(offer.id),
    // Counts only, and only for the brand's own partner: codes never leave the pool this way.
    stats: async (offer, _args, context) => {
      requirePartnerOf(context.viewer, offer.brandId);
      const [stats, codesLeft] = await Promise.all([context.loaders.offerStats.load(offer.id), context.loaders.codesLeft.load(offer.id)]);
      return { ...stats, codesLeft };
    },
  },
  LiveGift: {
    __resolveReference: (reference, context) => context.loaders.liveGiftById.load(reference.id),
  },
  Creator: {
    // Whether the creator exists is for the users subgraph to say; here any id has (maybe no) gifts.
    __resolveReference: (reference) => ({ id: reference.id }),
    giftEarnings: async (creator, _args, context) => {
      const diamonds = await context.loaders.creatorDiamonds.load(creator.id);
      return { diamonds, value: diamondsValue(diamonds) };
    },
    topGifters: (creator, { first }, context) => context.loaders.creatorTopGifters.load({ id: creator.id, first: leaderboardSize(first) }),
  },
  LiveStream: {
    // Whether the stream exists is for the content subgraph to say.
    __resolveReference: (reference) => ({ id: reference.id }),
    giftTotals: (stream, _args, context) => context.loaders.streamGiftTotals.load(stream.id),
    topGifters: (stream, { first }, context) => context.loaders.streamTopGifters.load({ id: stream.id, first: leaderboardSize(first) }),
  },
  TopGifter: {
    user: (row) => ({ id: row.userId }),
  },
  User: {
    // Whether the user exists is for the users subgraph to say.
    __resolveReference: (reference) => ({ id: reference.id }),
    smallGestures: (user, _args, context) => {
      requireOwnUser(context, user.id, 'Small Gestures allowance');
      return allowance(context, user.id);
    },
    giftInbox: async (user, args, context) => {
      requireOwnUser(context, user.id, 'gift inbox');
      const page = readPage(args, 2);
      const rows = await context.loaders.inbox.load({ userId: user.id, page });
      return toConnection(rows, page, inboxSortKey);
    },
    wallet: (user, _args, context) => {
      requireOwnUser(context, user.id, 'wallet');
      return { userId: user.id };
    },
  },
  Wallet: {
    coins: (wallet, _args, context) => context.loaders.walletCoins.load(wallet.userId),
  },
  SmallGesture: {
    offer: (gift, _args, context) => loadOwn(context.loaders.giftOfferById, 'GiftOffer', gift.offerId),
    sender: (gift) => ({ id: gift.senderId }),
    recipient: (gift) => ({ id: gift.recipientId }),
    sentAt: (gift) => gift.createdAt,
    redeemed: (gift) => gift.redeemedAt !== null,
  },
  CoinPackage: {
    price: (pkg) => money(pkg.priceAmount, pkg.currency),
  },
  CoinPurchase: {
    // The package as it was sold, should it have been withdrawn or repriced since.
    package: (purchase) => ({ id: purchase.packageId, coins: purchase.coins, priceAmount: purchase.priceAmount, currency: 'USD' }),
    price: (purchase) => money(purchase.priceAmount, purchase.currency),
  },
  LiveGiftSend: {
    gift: (send, _args, context) => loadOwn(context.loaders.liveGiftById, 'LiveGift', send.giftId),
    liveStream: (send) => ({ id: send.liveStreamId }),
    creator: (send) => ({ id: send.creatorId }),
    sender: (send) => ({ id: send.senderId }),
    sentAt: (send) => send.createdAt,
  },
};

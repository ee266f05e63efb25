import { signedInUserId } from '@app/kit/access';
import { loadOrNotFound } from '@app/kit/loaders';
import { money, moneyResolvers } from '@app/kit/money';
import { DateTime } from '@app/kit/scalars';
import { COIN_PACKAGES } from './coinPackages.ts';
import type { LiveEvent } from '@app/kit/live';
import { giftEventView, liveGiftEvents } from './liveGiftEvents.ts';
import { currentShare } from './creatorShares.ts';
import { availableEarnings, creatorGiftEarnings, earnedDiamonds, giftBalance, giftEarningsOf, giftPayoutReference, giftPayoutsPage, payoutEarnings, requestGiftPayout } from './giftPayouts.ts';
import { coinPurchaseReference, coinPurchasesPage, giftReceiptsPage, liveGiftCatalog, liveGiftSendReference, liveGiftsSentPage, purchaseCoins, recentGifts, sendLiveGift, topGifters, walletOf } from './liveGifting.ts';
import { diamondsValue, PAYOUT_CURRENCY } from './rates.ts';
import { claimSmallGesture, redeemSmallGesture, sendSmallGesture } from './smallGestures/gestures.ts';
import { addGiftOfferCodes, brandGiftOffersPage, createGiftOffer, partnerOfferStats, setGiftOfferEndDate, setGiftOfferPaused } from './smallGestures/offers.ts';
import { giftOfferStatus, smallGestureState } from './smallGestures/rules.ts';
import { allowance, claimTokenShownTo, codeShownTo, giftOffersPage, inboxPage, sendableOffers, sentPage, smallGestureReference } from './smallGestures/senders.ts';
import type { Resolvers } from './__generated__/resolvers-types.ts';

/** Rows this subgraph wrote itself and points at: missing would be a broken store, not a client error. */
async function loadOwn<T>(loader: { load(id: string): Promise<T | null> }, type: string, id: string): Promise<T> {
  const row = await loader.load(id);
  if (!row) throw new Error(`${type} ${id} is missing from the gifts store`);
  return row;
}

export const resolvers: Resolvers = {
  DateTime,
  ...moneyResolvers,
  Query: {
    giftOffers: (_parent, args, context) => giftOffersPage(context, args),
    giftOffer: (_parent, { id }, context) => loadOrNotFound(context.loaders.giftOfferById, 'GiftOffer', id),
    liveGifts: (_parent, _args, context) => liveGiftCatalog(context),
    smallGestureOffers: (_parent, _args, context) => sendableOffers(context),
    coinPackages: () => [...COIN_PACKAGES],
  },
  Mutation: {
    sendSmallGesture: async (_parent, { input }, context) => {
      const gift = await loadOwn(context.loaders.smallGestureById, 'SmallGesture', await sendSmallGesture(context, input));
      return { gift, allowance: await allowance(context, signedInUserId(context.viewer)), claimToken: claimTokenShownTo(context, gift) };
    },
    claimSmallGesture: async (_parent, { token }, context) => ({ gift: await claimSmallGesture(context, token) }),
    redeemSmallGesture: (_parent, { id }, context) => redeemSmallGesture(context, id),
    createGiftOffer: async (_parent, { input }, context) => loadOwn(context.loaders.giftOfferById, 'GiftOffer', await createGiftOffer(context, input)),
    addGiftOfferCodes: (_parent, { offerId, codes }, context) => addGiftOfferCodes(context, offerId, codes),
    pauseGiftOffer: (_parent, { id }, context) => setGiftOfferPaused(context, id, true),
    resumeGiftOffer: (_parent, { id }, context) => setGiftOfferPaused(context, id, false),
    setGiftOfferEndDate: (_parent, { id, endsAt }, context) => setGiftOfferEndDate(context, id, endsAt ?? null),
    purchaseCoins: async (_parent, { input }, context) => {
      const purchase = await purchaseCoins(context, input);
      return { purchase, wallet: { userId: purchase.userId } };
    },
    sendLiveGift: async (_parent, { input }, context) => {
      const sendId = await sendLiveGift(context, input);
      return { send: await loadOwn(context.loaders.liveGiftSendById, 'LiveGiftSend', sendId), wallet: { userId: signedInUserId(context.viewer) } };
    },
    requestGiftPayout: async (_parent, { input }, context) => {
      const payout = await requestGiftPayout(context, input);
      return { payout, earnings: giftEarningsOf(payout.creatorId) };
    },
  },
  Subscription: {
    liveGiftEvents: {
      subscribe: (_parent, { liveStreamId, after }, context) => liveGiftEvents(context, liveStreamId, after),
      resolve: (event: LiveEvent) => giftEventView(event),
    },
  },
  LiveGiftEvent: {
    send: (event, _args, context) => loadOwn(context.loaders.liveGiftSendById, 'LiveGiftSend', event.sendId),
    combo: async (event, _args, context) => (await loadOwn(context.loaders.liveGiftSendById, 'LiveGiftSend', event.sendId)).combo,
    stream: (event) => ({ id: event.liveStreamId }),
  },
  GiftOffer: {
    __resolveReference: (reference, context) => context.loaders.giftOfferById.load(reference.id),
    // Brands belong to commerce: a reference is all this subgraph can give.
    brand: (offer) => ({ id: offer.brandId }),
    retailValue: (offer) => money(offer.retailValueAmount, offer.currency),
    codesLeft: (offer, _args, context) => context.loaders.codesLeft.load(offer.id),
    status: (offer, _args, context) => giftOfferStatus(offer, context.clock.now()),
    stats: (offer, _args, context) => partnerOfferStats(context, offer),
  },
  Brand: {
    // Whether the brand exists is for the commerce subgraph to say; here any id has (maybe no) offers.
    __resolveReference: (reference) => ({ id: reference.id }),
    giftOffers: (brand, args, context) => brandGiftOffersPage(context, brand.id, args),
  },
  LiveGift: {
    __resolveReference: (reference, context) => context.loaders.liveGiftById.load(reference.id),
  },
  Creator: {
    // Whether the creator exists is for the users subgraph to say; here any id has (maybe no) gifts.
    __resolveReference: (reference) => ({ id: reference.id }),
    giftEarnings: (creator, _args, context) => creatorGiftEarnings(context, creator.id),
    giftPayouts: (creator, args, context) => giftPayoutsPage(context, creator.id, args),
    giftReceipts: (creator, args, context) => giftReceiptsPage(context, creator.id, args),
    topGifters: (creator, { first }, context) => topGifters(context, 'creator', creator.id, first),
  },
  LiveStream: {
    // Whether the stream exists is for the content subgraph to say.
    __resolveReference: (reference) => ({ id: reference.id }),
    giftTotals: (stream, _args, context) => context.loaders.streamGiftTotals.load(stream.id),
    topGifters: (stream, { first }, context) => topGifters(context, 'liveStream', stream.id, first),
    recentGifts: (stream, { first }, context) => recentGifts(context, stream.id, first),
  },
  GiftEarnings: {
    diamonds: (earnings, _args, context) => earnedDiamonds(context, earnings),
    value: async (earnings, _args, context) => diamondsValue(await earnedDiamonds(context, earnings), context.settings.rates),
    available: (earnings, _args, context) => availableEarnings(context, earnings),
    inFlight: (earnings, _args, context) => payoutEarnings(context, earnings, 'REQUESTED'),
    paidOut: (earnings, _args, context) => payoutEarnings(context, earnings, 'PAID'),
    balance: (earnings, _args, context) => giftBalance(context, earnings),
    payoutMinimum: (_earnings, _args, context) => money(context.settings.payoutMinimumCents, PAYOUT_CURRENCY),
    share: (earnings, _args, context) => currentShare(context, earnings.creatorId),
  },
  GiftPayout: {
    __resolveReference: (reference, context) => giftPayoutReference(context, reference.id),
    amount: (payout) => money(payout.amount, payout.currency),
    requestedAt: (payout) => payout.createdAt,
  },
  TopGifter: {
    user: (row) => ({ id: row.userId }),
  },
  User: {
    // Whether the user exists is for the users subgraph to say.
    __resolveReference: (reference) => ({ id: reference.id }),
    smallGestures: (user, _args, context) => allowance(context, user.id),
    giftInbox: (user, args, context) => inboxPage(context, user.id, args),
    smallGesturesSent: (user, args, context) => sentPage(context, user.id, args),
    wallet: (user, _args, context) => walletOf(context, user.id),
    coinPurchases: (user, args, context) => coinPurchasesPage(context, user.id, args),
    liveGiftsSent: (user, args, context) => liveGiftsSentPage(context, user.id, args),
  },
  Wallet: {
    coins: (wallet, _args, context) => context.loaders.walletCoins.load(wallet.userId),
  },
  SmallGestureOffers: {
    allowance: (offers, _args, context) => allowance(context, offers.userId),
  },
  SmallGesture: {
    __resolveReference: (reference, context) => smallGestureReference(context, reference.id),
    offer: (gift, _args, context) => loadOwn(context.loaders.giftOfferById, 'GiftOffer', gift.offerId),
    sender: (gift) => ({ id: gift.senderId }),
    recipient: (gift) => (gift.recipientId ? { id: gift.recipientId } : null),
    sentAt: (gift) => gift.createdAt,
    state: (gift, _args, context) => smallGestureState(gift, context.clock.now()),
    redeemed: (gift) => gift.redeemedAt !== null,
    claimToken: (gift, _args, context) => claimTokenShownTo(context, gift),
    code: (gift, _args, context) => codeShownTo(context, gift),
  },
  CoinPackage: {
    price: (pkg) => money(pkg.priceAmount, pkg.currency),
  },
  CoinPurchase: {
    __resolveReference: (reference, context) => coinPurchaseReference(context, reference.id),
    // The package as it was sold, should it have been withdrawn or repriced since.
    package: (purchase) => ({ id: purchase.packageId, coins: purchase.coins, priceAmount: purchase.priceAmount, currency: 'USD' }),
    price: (purchase) => money(purchase.priceAmount, purchase.currency),
  },
  LiveGiftSend: {
    __resolveReference: (reference, context) => liveGiftSendReference(context, reference.id),
    gift: (send, _args, context) => loadOwn(context.loaders.liveGiftById, 'LiveGift', send.giftId),
    liveStream: (send) => ({ id: send.liveStreamId }),
    creator: (send) => ({ id: send.creatorId }),
    sender: (send) => ({ id: send.senderId }),
    sentAt: (send) => send.createdAt,
    eventId: (send) => (send.eventSeq === null ? null : String(send.eventSeq)),
  },
};

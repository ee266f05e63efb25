import { notFound } from '@app/kit/errors';
import { money, moneyResolvers } from '@app/kit/money';
import { readPage, toConnection } from '@app/kit/pagination';
import { DateTime } from '@app/kit/scalars';
import type { Context } from './context.ts';
import { giftOffersPage, giftOfferSortKey, liveGiftCatalog } from './db/queries.ts';
import type { GiftOfferRow } from './db/schema.ts';
import { diamondsValue } from './rates.ts';
import type { Resolvers } from './__generated__/resolvers-types.ts';

async function loadGiftOffer(context: Context, id: string): Promise<GiftOfferRow> {
  const offer = await context.loaders.giftOfferById.load(id);
  if (!offer) throw notFound('GiftOffer', id);
  return offer;
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
  },
  GiftOffer: {
    __resolveReference: (reference, context) => context.loaders.giftOfferById.load(reference.id),
    // Brands belong to commerce: a reference is all this subgraph can give.
    brand: (offer) => ({ id: offer.brandId }),
    retailValue: (offer) => money(offer.retailValueAmount, offer.currency),
    codesLeft: (offer, _args, context) => context.loaders.codesLeft.load(offer.id),
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
  },
  LiveStream: {
    // Whether the stream exists is for the content subgraph to say.
    __resolveReference: (reference) => ({ id: reference.id }),
    giftTotals: (stream, _args, context) => context.loaders.streamGiftTotals.load(stream.id),
  },
};

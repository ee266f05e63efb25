import { and, asc, count, eq, exists, gt, inArray, isNull, lte, not, or, sql } from 'drizzle-orm';
import type { Engine } from '@app/kit/db/engine';
import { countsPerKey, insertRows, keysetPage, keysetWalks, pagesPerOwner, perOwnerOf } from '@app/kit/db/shapes';
import type { CursorKey } from '@app/kit/pagination';
import type { GiftsStatements } from '../contract.ts';
import type { GiftsTables } from '../tables.ts';
import { lapsedClaim } from './smallGestures.ts';

/** Small Gestures offers and their pools of codes. */
export function offerStatements(engine: Engine<GiftsTables>) {
  const { db } = engine;
  const { giftOffers, giftOfferCodes, smallGestureSends } = engine.tables;
  return {
    giftOffersByIds: async (ids) => db.select().from(giftOffers).where(inArray(giftOffers.id, [...ids])),

    giftOffersPage: (page) => {
      // `active` sorts descending and the rest ascending; the cursor carries `active` as 1 or 0,
      // so the flag is cast to compare with it.
      const active = sql`cast(${giftOffers.active} as integer)`;
      const keyset = { columns: [active, giftOffers.title, giftOffers.id], order: ['desc', 'asc', 'asc'] as const, values: (key: CursorKey) => [Number(key[0]), String(key[1]), String(key[2])], tiebreakOf: (row: { id: string }) => row.id };
      return keysetWalks(engine, keyset, page, ({ where, orderBy }, limit) =>
        db
          .select()
          .from(giftOffers)
          .where(where)
          .orderBy(...orderBy)
          .limit(limit),
      );
    },

    offersOpenAt: async (now) =>
      db
        .select()
        .from(giftOffers)
        .where(and(eq(giftOffers.active, true), lte(giftOffers.startsAt, now), or(isNull(giftOffers.endsAt), gt(giftOffers.endsAt, now))))
        .orderBy(asc(giftOffers.title), asc(giftOffers.id)),

    unclaimedCodeCounts: (offerIds, now) =>
      countsPerKey(
        engine,
        giftOfferCodes,
        giftOfferCodes.offerId,
        offerIds,
        or(isNull(giftOfferCodes.claimedAt), exists(db.select({ one: sql`1` }).from(smallGestureSends).where(and(eq(smallGestureSends.codeId, giftOfferCodes.id), lapsedClaim(smallGestureSends, now))))),
      ),

    offerStats: async (offerIds, now) =>
      db
        .select({ offerId: smallGestureSends.offerId, sent: count(), redeemed: count(smallGestureSends.redeemedAt) })
        .from(smallGestureSends)
        .where(and(inArray(smallGestureSends.offerId, [...offerIds]), not(lapsedClaim(smallGestureSends, now))))
        .groupBy(smallGestureSends.offerId),

    insertOffer: async (row) => (await db.insert(giftOffers).values(row).returning())[0]!,

    existingCodes: async (offerId, codes) =>
      (
        await db
          .select({ code: giftOfferCodes.code })
          .from(giftOfferCodes)
          .where(and(eq(giftOfferCodes.offerId, offerId), inArray(giftOfferCodes.code, [...codes])))
      ).map((row) => row.code),

    giftOfferPagesByBrand: (brandIds, page) =>
      pagesPerOwner(engine, {
        from: giftOffers,
        owner: giftOffers.brandId,
        ownerIds: brandIds,
        ...keysetPage(engine, [giftOffers.startsAt, giftOffers.id], 'desc', page),
        node: { table: giftOffers, id: giftOffers.id, ref: giftOffers.id },
        perOwner: perOwnerOf(page),
      }),

    setOfferActive: async (id, active) => (await db.update(giftOffers).set({ active }).where(eq(giftOffers.id, id)).returning())[0],

    setOfferEndsAt: async (id, endsAt) => (await db.update(giftOffers).set({ endsAt }).where(eq(giftOffers.id, id)).returning())[0],

    insertCodes: (offerId, codes) =>
      insertRows(
        engine,
        giftOfferCodes,
        codes.map((code) => ({ offerId, code })),
      ),

    claimCode: async (offerId, now) => {
      const next = db
        .select({ id: giftOfferCodes.id })
        .from(giftOfferCodes)
        .where(and(eq(giftOfferCodes.offerId, offerId), isNull(giftOfferCodes.claimedAt)))
        .orderBy(asc(giftOfferCodes.id))
        .limit(1);
      return (
        await db
          .update(giftOfferCodes)
          .set({ claimedAt: now })
          .where(and(sql`${giftOfferCodes.id} = (${next})`, isNull(giftOfferCodes.claimedAt)))
          .returning({ id: giftOfferCodes.id, code: giftOfferCodes.code })
      )[0];
    },

    codeById: async (id) => (await db.select({ code: giftOfferCodes.code }).from(giftOfferCodes).where(eq(giftOfferCodes.id, id)))[0]?.code,
  } satisfies Partial<GiftsStatements>;
}

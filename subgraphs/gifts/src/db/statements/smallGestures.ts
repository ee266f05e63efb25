import { and, eq, gt, inArray, isNotNull, isNull, lte, not, or, type SQL } from 'drizzle-orm';
import type { Engine } from '@app/kit/db/engine';
import type { Page } from '@app/kit/pagination';
import { countsPerKey, keysetPage, pagesPerOwner, perOwnerOf } from '@app/kit/db/shapes';
import type { GiftsStatements } from '../contract.ts';
import type { GiftsTables } from '../tables.ts';

/** A claim link nobody claimed before it expired, as of `now`: the one rule of expiry, in SQL. */
export const lapsedClaim = (smallGestureSends: GiftsTables['smallGestureSends'], now: Date) =>
  and(isNull(smallGestureSends.recipientId), lte(smallGestureSends.claimExpiresAt, now)) as SQL;

/** Small Gestures sent: the allowance, claim links, inboxes and redeems. */
export function smallGestureStatements(engine: Engine<GiftsTables>) {
  const { db } = engine;
  const { smallGestureSends, giftOfferCodes } = engine.tables;

  /** A page of each owner's list (whose: `owner`), newest first. */
  const pagesBy = (owner: typeof smallGestureSends.senderId | typeof smallGestureSends.recipientId) => (ownerIds: readonly string[], page: Page) =>
    pagesPerOwner(engine, {
      from: smallGestureSends,
      owner,
      ownerIds,
      ...keysetPage(engine, [smallGestureSends.createdAt, smallGestureSends.id], 'desc', page),
      node: { table: smallGestureSends, id: smallGestureSends.id, ref: smallGestureSends.id },
      perOwner: perOwnerOf(page),
    });

  return {
    smallGesturesByIds: async (ids) => db.select().from(smallGestureSends).where(inArray(smallGestureSends.id, [...ids])),

    smallGestureSentCounts: (senderIds, now) =>
      countsPerKey(engine, smallGestureSends, smallGestureSends.senderId, senderIds, and(isNotNull(smallGestureSends.senderSlot), not(lapsedClaim(smallGestureSends, now)))),

    senderSlotsTaken: async (senderId) =>
      (
        await db
          .select({ slot: smallGestureSends.senderSlot })
          .from(smallGestureSends)
          .where(and(eq(smallGestureSends.senderId, senderId), isNotNull(smallGestureSends.senderSlot)))
      ).map((row) => row.slot as number),

    releaseLapsedClaims: async (senderId, offerId, now) => {
      const lapsed = await db
        .select({ id: smallGestureSends.id, codeId: smallGestureSends.codeId })
        .from(smallGestureSends)
        .where(and(lapsedClaim(smallGestureSends, now), isNotNull(smallGestureSends.codeId), or(eq(smallGestureSends.senderId, senderId), eq(smallGestureSends.offerId, offerId))));
      if (lapsed.length === 0) return 0;
      await db
        .update(smallGestureSends)
        .set({ codeId: null, senderSlot: null })
        .where(
          inArray(
            smallGestureSends.id,
            lapsed.map((row) => row.id),
          ),
        );
      await db
        .update(giftOfferCodes)
        .set({ claimedAt: null })
        .where(
          inArray(
            giftOfferCodes.id,
            lapsed.map((row) => row.codeId as number),
          ),
        );
      return lapsed.length;
    },

    claimSmallGesture: async (id, recipientId, now) =>
      (
        await db
          .update(smallGestureSends)
          .set({ recipientId, claimedAt: now })
          .where(and(eq(smallGestureSends.id, id), isNull(smallGestureSends.recipientId), gt(smallGestureSends.claimExpiresAt, now)))
          .returning()
      )[0],

    smallGestureSentPages: pagesBy(smallGestureSends.senderId),

    inboxPages: pagesBy(smallGestureSends.recipientId),

    insertSmallGesture: async (row) => (await db.insert(smallGestureSends).values(row).returning())[0]!,

    markRedeemed: async (id, now) =>
      (
        await db
          .update(smallGestureSends)
          .set({ redeemedAt: now })
          .where(and(eq(smallGestureSends.id, id), isNull(smallGestureSends.redeemedAt)))
          .returning()
      )[0],
  } satisfies Partial<GiftsStatements>;
}

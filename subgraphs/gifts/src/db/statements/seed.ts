import { inArray } from 'drizzle-orm';
import type { Engine } from '@app/kit/db/engine';
import { insertBulk } from '@app/kit/db/shapes';
import type { GiftsStatements } from '../contract.ts';
import type { GiftsTables } from '../tables.ts';

export function seedStatements(engine: Engine<GiftsTables>) {
  const { db } = engine;
  const t = engine.tables;
  return {
    isEmpty: async () => (await db.select({ id: t.giftOffers.id }).from(t.giftOffers).limit(1)).length === 0,

    insertSeedRows: async (rows) => {
      await insertBulk(engine, t.giftOffers, rows.giftOffers);
      await insertBulk(engine, t.giftOfferCodes, rows.giftOfferCodes);
      await insertBulk(engine, t.liveGifts, rows.liveGifts);
      await insertBulk(engine, t.coinPurchases, rows.coinPurchases);
      await insertBulk(engine, t.wallets, rows.wallets);
      await insertBulk(engine, t.liveGiftSends, rows.liveGiftSends);
      await insertBulk(engine, t.liveStreamGiftTotals, rows.liveStreamGiftTotals);
      await insertBulk(engine, t.liveStreamGifters, rows.liveStreamGifters);
      await insertBulk(engine, t.creatorGifters, rows.creatorGifters);
      await insertBulk(engine, t.creatorBalances, rows.creatorBalances);
      await insertBulk(engine, t.giftPayouts, rows.giftPayouts);
      await insertBulk(engine, t.ledgerTransactions, rows.ledgerTransactions);
      await insertBulk(engine, t.ledgerEntries, rows.ledgerEntries);
      // A seeded Small Gesture names its code by offer and text; the code's id is the database's.
      const codes = rows.smallGestures.length
        ? await db
            .select({ id: t.giftOfferCodes.id, offerId: t.giftOfferCodes.offerId, code: t.giftOfferCodes.code })
            .from(t.giftOfferCodes)
            .where(
              inArray(
                t.giftOfferCodes.code,
                rows.smallGestures.map((gesture) => gesture.code),
              ),
            )
        : [];
      const gestures = rows.smallGestures.map(({ code, ...gesture }) => {
        const taken = codes.find((row) => row.offerId === gesture.offerId && row.code === code);
        if (!taken) throw new Error(`The seed's Small Gesture ${gesture.id} names code ${code}, which its offer does not hold`);
        return { ...gesture, codeId: taken.id };
      });
      await insertBulk(engine, t.smallGestureSends, gestures);
    },
  } satisfies Partial<GiftsStatements>;
}

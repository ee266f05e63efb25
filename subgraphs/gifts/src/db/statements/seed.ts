import { inArray } from 'drizzle-orm';
import type { Engine } from '@app/kit/db/engine';
import { insertRows } from '@app/kit/db/shapes';
import type { GiftsStatements } from '../contract.ts';
import type { GiftsTables } from '../tables.ts';

export function seedStatements(engine: Engine<GiftsTables>) {
  const { db } = engine;
  const t = engine.tables;
  return {
    isEmpty: async () => (await db.select({ id: t.giftOffers.id }).from(t.giftOffers).limit(1)).length === 0,

    insertSeedRows: async (rows) => {
      await insertRows(engine, t.giftOffers, rows.giftOffers);
      await insertRows(engine, t.giftOfferCodes, rows.giftOfferCodes);
      await insertRows(engine, t.liveGifts, rows.liveGifts);
      await insertRows(engine, t.coinPurchases, rows.coinPurchases);
      await insertRows(engine, t.wallets, rows.wallets);
      await insertRows(engine, t.liveGiftSends, rows.liveGiftSends);
      await insertRows(engine, t.liveStreamGiftTotals, rows.liveStreamGiftTotals);
      await insertRows(engine, t.liveStreamGifters, rows.liveStreamGifters);
      await insertRows(engine, t.creatorGifters, rows.creatorGifters);
      await insertRows(engine, t.creatorBalances, rows.creatorBalances);
      await insertRows(engine, t.giftPayouts, rows.giftPayouts);
      await insertRows(engine, t.ledgerTransactions, rows.ledgerTransactions);
      await insertRows(engine, t.ledgerEntries, rows.ledgerEntries);
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
      await insertRows(engine, t.smallGestureSends, gestures);
    },
  } satisfies Partial<GiftsStatements>;
}

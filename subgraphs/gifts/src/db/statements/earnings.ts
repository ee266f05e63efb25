import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Engine } from '@app/kit/db/engine';
import { keysetPage, pagesPerOwner, perOwnerOf } from '@app/kit/db/shapes';
import type { GiftsStatements } from '../contract.ts';
import type { GiftsTables } from '../tables.ts';

/** What creators earn from LIVE gifts: their own shares, their diamond balances, and their payouts. */
export function earningStatements(engine: Engine<GiftsTables>) {
  const { db } = engine;
  const { creatorGiftShares, creatorBalances, giftPayouts } = engine.tables;

  /** What a creator ever earned from gifts: what they hold, what is on its way to them and what they were paid. */
  const earnedDiamonds = sql<number>`${creatorBalances.diamonds} + ${creatorBalances.inFlightDiamonds} + ${creatorBalances.paidDiamonds}`.mapWith(Number);

  /** Moves a payout's diamonds and money from one kept status total to another (null: none), in the payout's transaction. */
  const movePayoutTotals = async (payout: { creatorId: string; diamonds: number; amount: number }, from: string | null, to: string, now: Date) => {
    const by = (status: string | null, column: typeof creatorBalances.inFlightDiamonds, value: number) =>
      sql`${column} + ${(status === to ? value : 0) - (status === from ? value : 0)}`;
    if (from === to || (from !== 'REQUESTED' && from !== null)) return;
    await db
      .update(creatorBalances)
      .set({
        inFlightDiamonds: by('REQUESTED', creatorBalances.inFlightDiamonds, payout.diamonds),
        inFlightAmount: by('REQUESTED', creatorBalances.inFlightAmount, payout.amount),
        paidDiamonds: by('PAID', creatorBalances.paidDiamonds, payout.diamonds),
        paidAmount: by('PAID', creatorBalances.paidAmount, payout.amount),
        updatedAt: now,
      })
      .where(eq(creatorBalances.creatorId, payout.creatorId));
  };

  return {
    creatorGiftSharesByIds: async (creatorIds) => db.select().from(creatorGiftShares).where(inArray(creatorGiftShares.creatorId, [...creatorIds])),

    allCreatorGiftShares: async () => db.select().from(creatorGiftShares).orderBy(asc(creatorGiftShares.creatorId)),

    upsertCreatorGiftShare: async (row) => {
      await db
        .insert(creatorGiftShares)
        .values(row)
        .onConflictDoUpdate({ target: creatorGiftShares.creatorId, set: { diamonds: row.diamonds, coins: row.coins, note: row.note, updatedAt: row.updatedAt } });
    },

    deleteCreatorGiftShare: async (creatorId) =>
      (await db.delete(creatorGiftShares).where(eq(creatorGiftShares.creatorId, creatorId)).returning({ creatorId: creatorGiftShares.creatorId })).length > 0,

    creatorBalancesByIds: async (creatorIds) =>
      db
        .select({ creatorId: creatorBalances.creatorId, diamonds: creatorBalances.diamonds })
        .from(creatorBalances)
        .where(inArray(creatorBalances.creatorId, [...creatorIds])),

    creditCreatorBalance: async (creatorId, diamonds, now) => {
      await db
        .insert(creatorBalances)
        .values({ creatorId, diamonds, updatedAt: now })
        .onConflictDoUpdate({ target: creatorBalances.creatorId, set: { diamonds: sql`${creatorBalances.diamonds} + ${diamonds}`, updatedAt: now } });
    },

    debitCreatorBalance: async (creatorId, diamonds, now) =>
      (
        await db
          .update(creatorBalances)
          .set({ diamonds: sql`${creatorBalances.diamonds} - ${diamonds}`, updatedAt: now })
          .where(and(eq(creatorBalances.creatorId, creatorId), sql`${creatorBalances.diamonds} >= ${diamonds}`))
          .returning({ diamonds: creatorBalances.diamonds })
      )[0]?.diamonds,

    giftPayoutsByIds: async (ids) => db.select().from(giftPayouts).where(inArray(giftPayouts.id, [...ids])),

    insertGiftPayout: async (row) => {
      const payout = (await db.insert(giftPayouts).values(row).returning())[0]!;
      await movePayoutTotals(payout, null, payout.status, payout.createdAt);
      return payout;
    },

    settleGiftPayout: async (id, outcome, now) => {
      const settled = (
        await db
          .update(giftPayouts)
          .set({ ...outcome, settledAt: now })
          .where(and(eq(giftPayouts.id, id), eq(giftPayouts.status, 'REQUESTED')))
          .returning()
      )[0];
      if (settled) await movePayoutTotals(settled, 'REQUESTED', settled.status, now);
      return settled;
    },

    giftPayoutTotals: async (creatorIds) =>
      (await db.select().from(creatorBalances).where(inArray(creatorBalances.creatorId, [...creatorIds]))).flatMap((row) => [
        { creatorId: row.creatorId, status: 'REQUESTED' as const, diamonds: row.inFlightDiamonds, amount: row.inFlightAmount },
        { creatorId: row.creatorId, status: 'PAID' as const, diamonds: row.paidDiamonds, amount: row.paidAmount },
      ]),

    creatorDiamonds: async (creatorIds) =>
      db
        .select({ creatorId: creatorBalances.creatorId, diamonds: earnedDiamonds })
        .from(creatorBalances)
        .where(inArray(creatorBalances.creatorId, [...creatorIds])),

    giftPayoutPages: (creatorIds, page) =>
      pagesPerOwner(engine, {
        from: giftPayouts,
        owner: giftPayouts.creatorId,
        ownerIds: creatorIds,
        ...keysetPage(engine, [giftPayouts.createdAt, giftPayouts.id], 'desc', page),
        node: { table: giftPayouts, id: giftPayouts.id, ref: giftPayouts.id },
        perOwner: perOwnerOf(page),
      }),
  } satisfies Partial<GiftsStatements>;
}

import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Engine } from '@app/kit/db/engine';
import { before, pagesPerOwner, perOwnerOf, sumOf } from '@app/kit/db/shapes';
import type { GiftsStatements } from '../contract.ts';
import type { GiftsTables } from '../tables.ts';

/** What creators earn from LIVE gifts: their own shares, their diamond balances, and their payouts. */
export function earningStatements(engine: Engine<GiftsTables>) {
  const { db } = engine;
  const { creatorGiftShares, creatorBalances, giftPayouts } = engine.tables;
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

    insertGiftPayout: async (row) => (await db.insert(giftPayouts).values(row).returning())[0]!,

    settleGiftPayout: async (id, outcome, now) =>
      (
        await db
          .update(giftPayouts)
          .set({ ...outcome, settledAt: now })
          .where(and(eq(giftPayouts.id, id), eq(giftPayouts.status, 'REQUESTED')))
          .returning()
      )[0],

    giftPayoutTotals: async (creatorIds) =>
      db
        .select({ creatorId: giftPayouts.creatorId, status: sql<'REQUESTED' | 'PAID'>`${giftPayouts.status}`, diamonds: sumOf(giftPayouts.diamonds), amount: sumOf(giftPayouts.amount) })
        .from(giftPayouts)
        .where(and(inArray(giftPayouts.creatorId, [...creatorIds]), inArray(giftPayouts.status, ['REQUESTED', 'PAID'])))
        .groupBy(giftPayouts.creatorId, giftPayouts.status),

    giftPayoutPages: (creatorIds, page) =>
      pagesPerOwner(engine, {
        from: giftPayouts,
        owner: giftPayouts.creatorId,
        ownerIds: creatorIds,
        orderBy: [desc(giftPayouts.createdAt), desc(giftPayouts.id)],
        where: before(engine, [giftPayouts.createdAt, giftPayouts.id], page.after),
        node: { table: giftPayouts, id: giftPayouts.id, ref: giftPayouts.id },
        perOwner: perOwnerOf(page),
      }),
  } satisfies Partial<GiftsStatements>;
}

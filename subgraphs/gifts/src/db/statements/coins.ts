import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Engine } from '@app/kit/db/engine';
import { keysetPage, pagesPerOwner, perOwnerOf } from '@app/kit/db/shapes';
import type { GiftsStatements } from '../contract.ts';
import type { GiftsTables } from '../tables.ts';

/** Wallets and coin purchases. */
export function coinStatements(engine: Engine<GiftsTables>) {
  const { db } = engine;
  const { wallets, coinPurchases } = engine.tables;
  return {
    walletsByUserIds: async (userIds) =>
      db
        .select({ userId: wallets.userId, coins: wallets.coins })
        .from(wallets)
        .where(inArray(wallets.userId, [...userIds])),

    creditWallet: async (userId, coins, now) => {
      await db
        .insert(wallets)
        .values({ userId, coins, updatedAt: now })
        .onConflictDoUpdate({ target: wallets.userId, set: { coins: sql`${wallets.coins} + ${coins}`, updatedAt: now } });
    },

    debitWallet: async (userId, coins, now) =>
      (
        await db
          .update(wallets)
          .set({ coins: sql`${wallets.coins} - ${coins}`, updatedAt: now })
          .where(and(eq(wallets.userId, userId), sql`${wallets.coins} >= ${coins}`))
          .returning({ coins: wallets.coins })
      )[0]?.coins,

    coinPurchasesByIds: async (ids) => db.select().from(coinPurchases).where(inArray(coinPurchases.id, [...ids])),

    coinPurchasePages: (userIds, page) =>
      pagesPerOwner(engine, {
        from: coinPurchases,
        owner: coinPurchases.userId,
        ownerIds: userIds,
        ...keysetPage(engine, [coinPurchases.createdAt, coinPurchases.id], 'desc', page),
        node: { table: coinPurchases, id: coinPurchases.id, ref: coinPurchases.id },
        perOwner: perOwnerOf(page),
      }),

    insertCoinPurchase: async (row) => (await db.insert(coinPurchases).values(row).returning())[0]!,

    settleCoinPurchase: async (id, outcome, now) =>
      (
        await db
          .update(coinPurchases)
          .set({ ...outcome, settledAt: now })
          .where(and(eq(coinPurchases.id, id), eq(coinPurchases.status, 'PENDING')))
          .returning()
      )[0],
  } satisfies Partial<GiftsStatements>;
}

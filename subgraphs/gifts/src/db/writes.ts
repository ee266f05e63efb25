import { and, asc, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { GiftsDb } from './queries.ts';
import {
  coinPurchases,
  giftOfferCodes,
  giftOffers,
  ledgerEntries,
  ledgerTransactions,
  liveGiftSends,
  liveGifts,
  smallGestureSends,
  wallets,
  type CoinPurchaseRow,
  type GiftOfferRow,
  type LedgerKind,
  type LedgerUnit,
  type LiveGiftRow,
  type SmallGestureSendRow,
} from './schema.ts';

/**
 * The statements writes run inside their one transaction (taken up front with BEGIN IMMEDIATE,
 * so every read here sees what the write will commit on top of). Synchronous, like the
 * transaction: better-sqlite3 never awaits.
 */
export type GiftsTx = Parameters<Parameters<GiftsDb['transaction']>[0]>[0];

export function offerById(tx: GiftsTx, id: string): GiftOfferRow | undefined {
  return tx.select().from(giftOffers).where(eq(giftOffers.id, id)).get();
}

export function insertOffer(tx: GiftsTx, row: typeof giftOffers.$inferInsert): GiftOfferRow {
  return tx.insert(giftOffers).values(row).returning().get();
}

/** Codes among `codes` that are already in some pool. */
export function existingCodes(tx: GiftsTx, codes: readonly string[]): string[] {
  return tx
    .select({ code: giftOfferCodes.code })
    .from(giftOfferCodes)
    .where(inArray(giftOfferCodes.code, [...codes]))
    .all()
    .map((row) => row.code);
}

export function insertCodes(tx: GiftsTx, offerId: string, codes: readonly string[]): void {
  // Well under SQLite's bound-parameter limit per statement.
  for (let i = 0; i < codes.length; i += 500) {
    tx.insert(giftOfferCodes)
      .values(codes.slice(i, i + 500).map((code) => ({ offerId, code })))
      .run();
  }
}

/**
 * Takes the offer's next unclaimed code: one UPDATE that only succeeds on a code still unclaimed,
 * so the same code can never be taken twice. Undefined when the pool is empty.
 */
export function claimCode(tx: GiftsTx, offerId: string, now: Date): { id: number; code: string } | undefined {
  const next = tx
    .select({ id: giftOfferCodes.id })
    .from(giftOfferCodes)
    .where(and(eq(giftOfferCodes.offerId, offerId), isNull(giftOfferCodes.claimedAt)))
    .orderBy(asc(giftOfferCodes.id))
    .limit(1);
  return tx
    .update(giftOfferCodes)
    .set({ claimedAt: now })
    .where(and(sql`${giftOfferCodes.id} = (${next})`, isNull(giftOfferCodes.claimedAt)))
    .returning({ id: giftOfferCodes.id, code: giftOfferCodes.code })
    .get();
}

export function codeById(tx: GiftsTx, id: number): string | undefined {
  return tx.select({ code: giftOfferCodes.code }).from(giftOfferCodes).where(eq(giftOfferCodes.id, id)).get()?.code;
}

export function smallGesturesSentBy(tx: GiftsTx, senderId: string): number {
  return tx.select({ count: count() }).from(smallGestureSends).where(eq(smallGestureSends.senderId, senderId)).get()?.count ?? 0;
}

export function insertSmallGesture(tx: GiftsTx, row: typeof smallGestureSends.$inferInsert): SmallGestureSendRow {
  return tx.insert(smallGestureSends).values(row).returning().get();
}

export function smallGestureById(tx: GiftsTx, id: string): SmallGestureSendRow | undefined {
  return tx.select().from(smallGestureSends).where(eq(smallGestureSends.id, id)).get();
}

/** Marks a gift redeemed if it was not yet; undefined when it already was. */
export function markRedeemed(tx: GiftsTx, id: string, now: Date): SmallGestureSendRow | undefined {
  return tx
    .update(smallGestureSends)
    .set({ redeemedAt: now })
    .where(and(eq(smallGestureSends.id, id), isNull(smallGestureSends.redeemedAt)))
    .returning()
    .get();
}

export function liveGiftById(tx: GiftsTx, id: string): LiveGiftRow | undefined {
  return tx.select().from(liveGifts).where(eq(liveGifts.id, id)).get();
}

export function insertLiveGiftSend(tx: GiftsTx, row: typeof liveGiftSends.$inferInsert): void {
  tx.insert(liveGiftSends).values(row).run();
}

export function walletCoins(tx: GiftsTx, userId: string): number {
  return tx.select({ coins: wallets.coins }).from(wallets).where(eq(wallets.userId, userId)).get()?.coins ?? 0;
}

/** Adds coins to a wallet, creating it on first credit. */
export function creditWallet(tx: GiftsTx, userId: string, coins: number, now: Date): void {
  tx.insert(wallets)
    .values({ userId, coins, updatedAt: now })
    .onConflictDoUpdate({ target: wallets.userId, set: { coins: sql`${wallets.coins} + ${coins}`, updatedAt: now } })
    .run();
}

/**
 * Takes coins from a wallet only if it holds enough, in one conditional UPDATE.
 * Returns the new balance, or undefined (and changes nothing) when it does not.
 */
export function debitWallet(tx: GiftsTx, userId: string, coins: number, now: Date): number | undefined {
  return tx
    .update(wallets)
    .set({ coins: sql`${wallets.coins} - ${coins}`, updatedAt: now })
    .where(and(eq(wallets.userId, userId), sql`${wallets.coins} >= ${coins}`))
    .returning({ coins: wallets.coins })
    .get()?.coins;
}

export function insertCoinPurchase(tx: GiftsTx, row: typeof coinPurchases.$inferInsert): CoinPurchaseRow {
  return tx.insert(coinPurchases).values(row).returning().get();
}

export function coinPurchaseById(tx: GiftsTx | GiftsDb, id: string): CoinPurchaseRow | undefined {
  return tx.select().from(coinPurchases).where(eq(coinPurchases.id, id)).get();
}

/** Settles a purchase that is still pending; undefined when something settled it first. */
export function settleCoinPurchase(
  tx: GiftsTx,
  id: string,
  outcome: { status: 'COMPLETED'; providerChargeId: string } | { status: 'DECLINED'; declineReason: string },
  now: Date,
): CoinPurchaseRow | undefined {
  return tx
    .update(coinPurchases)
    .set({ ...outcome, settledAt: now })
    .where(and(eq(coinPurchases.id, id), eq(coinPurchases.status, 'PENDING')))
    .returning()
    .get();
}

export interface LedgerLeg {
  account: string;
  unit: LedgerUnit;
  amount: number;
}

export function insertLedgerTransaction(tx: GiftsTx, row: { id: string; kind: LedgerKind; referenceId: string; createdAt: Date }, legs: readonly LedgerLeg[]): void {
  tx.insert(ledgerTransactions).values(row).run();
  tx.insert(ledgerEntries)
    .values(legs.map((leg) => ({ transactionId: row.id, ...leg })))
    .run();
}

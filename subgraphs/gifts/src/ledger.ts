import type { GiftsTx, LedgerLeg, LedgerTransactionRows } from './db/store.ts';
import { timeOrderedId } from './ids.ts';
import { LEDGER_UNITS, type LedgerKind } from './vocabulary.ts';

/**
 * The accounts of the double-entry ledger. Coins and diamonds are separate units; every
 * transaction's entries sum to zero in each unit, so value is only ever moved, never made:
 *
 * - buying coins:  system:coin-sales −N COIN, wallet:<user> +N COIN
 * - a LIVE gift:   wallet:<sender> −C COIN, platform:gift-revenue +C COIN, and
 *                  system:diamond-issuance −D DIAMOND, creator:<creator> +D DIAMOND
 * - a payout:     creator:<creator> −D DIAMOND, system:payouts-in-flight +D DIAMOND when requested;
 *                 then system:payouts-in-flight −D and system:diamonds-paid-out +D when paid, or
 *                 system:payouts-in-flight −D and creator:<creator> +D back when it failed
 *
 * So −balance(system:coin-sales) is every coin ever bought, which equals the coins held in
 * wallets plus balance(platform:gift-revenue), the coins spent; and −balance(system:diamond-issuance)
 * is every diamond credited to creators, which equals the diamonds creators still hold plus
 * those in flight plus those paid out. The money a payout pays is on its payout record: the
 * ledger counts coins and diamonds, the units the platform issues.
 */
export const Account = {
  coinSales: 'system:coin-sales',
  giftRevenue: 'platform:gift-revenue',
  diamondIssuance: 'system:diamond-issuance',
  payoutsInFlight: 'system:payouts-in-flight',
  diamondsPaidOut: 'system:diamonds-paid-out',
  wallet: (userId: string) => `wallet:${userId}`,
  creatorDiamonds: (creatorId: string) => `creator:${creatorId}`,
} as const;

/**
 * One balanced transaction, ready to write with the change it records (zero-amount legs are left
 * out: a 1-coin Rose credits no diamonds). An unbalanced one is a bug, not a refusal: it throws and
 * the write rolls back.
 */
export function ledgerTransaction(kind: LedgerKind, referenceId: string, legs: readonly LedgerLeg[], now: Date): LedgerTransactionRows {
  const nonZero = legs.filter((leg) => leg.amount !== 0);
  for (const unit of LEDGER_UNITS) {
    const sum = nonZero.filter((leg) => leg.unit === unit).reduce((total, leg) => total + leg.amount, 0);
    if (sum !== 0) throw new Error(`Unbalanced ${kind} ledger transaction for ${referenceId}: ${unit} legs sum to ${sum}`);
  }
  return { head: { id: timeOrderedId('ltx', now), kind, referenceId, createdAt: now }, legs: nonZero };
}

/** Posts one balanced transaction (`ledgerTransaction`) inside the write's own. */
export async function post(tx: GiftsTx, kind: LedgerKind, referenceId: string, legs: readonly LedgerLeg[], now: Date): Promise<string> {
  const { head, legs: written } = ledgerTransaction(kind, referenceId, legs, now);
  await tx.insertLedgerTransaction(head, written);
  return head.id;
}

import { money, type Money } from '@app/kit/money';

/**
 * What a creator's diamonds are worth: DIAMOND_PAYOUT.cents US cents for every
 * DIAMOND_PAYOUT.diamonds diamonds. The one rounding rule: down to a whole cent, so the
 * platform never pays out a fraction it does not hold.
 */
export const DIAMOND_PAYOUT = { diamonds: 200, cents: 100, currencyCode: 'USD' } as const;

export function diamondsToCents(diamonds: number): number {
  if (!Number.isSafeInteger(diamonds) || diamonds < 0) throw new RangeError(`Diamonds are a whole, non-negative count, got ${diamonds}`);
  const scaled = diamonds * DIAMOND_PAYOUT.cents;
  // Exact integer division, rounding down, with no floating-point quotient in between.
  return (scaled - (scaled % DIAMOND_PAYOUT.diamonds)) / DIAMOND_PAYOUT.diamonds;
}

export function diamondsValue(diamonds: number): Money {
  return money(diamondsToCents(diamonds), DIAMOND_PAYOUT.currencyCode);
}

import { ConfigError } from '@app/kit/config';
import { money, type Money } from '@app/kit/money';

/**
 * The LIVE gifting rates, and the one rounding rule: always down, per send, in integers.
 *
 * - A send of `coins` coins credits the creator `floor(coins × diamonds ÷ coins)` diamonds of
 *   `diamondsPerCoin` (default 1 diamond per 2 coins: the creator gets half the coin value).
 *   The remainder of an odd send (one Rose, 1 coin, is 0 diamonds) stays with the platform.
 * - Diamonds are worth `floor(diamonds × 100 ÷ diamondsPerDollar)` US cents (default 200
 *   diamonds = $1), so the platform never pays out a fraction it does not hold.
 *
 * - A payout of C cents takes `ceil(C × diamondsPerDollar ÷ 100)` diamonds: the fewest diamonds
 *   worth C cents by the rule above (exactly 2 per cent at the default), so a payout never takes
 *   a diamond it does not pay for, and never pays for one it does not take.
 *
 * Both are configurable: GIFT_DIAMONDS_PER_COIN as a fraction "diamonds/coins" (default "1/2")
 * and GIFT_DIAMONDS_PER_DOLLAR as a whole number (default 200). A send stores the diamonds it
 * credited, so changing a rate never rewrites past earnings.
 */
export interface GiftRates {
  diamondsPerCoin: { diamonds: number; coins: number };
  diamondsPerDollar: number;
}

export const DEFAULT_RATES: GiftRates = { diamondsPerCoin: { diamonds: 1, coins: 2 }, diamondsPerDollar: 200 };
export const PAYOUT_CURRENCY = 'USD';

function positiveInteger(raw: string, name: string): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value <= 0) throw new ConfigError(`${name} must be a positive whole number, got ${JSON.stringify(raw)}`);
  return value;
}

/** @throws ConfigError when a rate variable is malformed or would credit more diamonds than coins. */
export function ratesFromEnv(env: NodeJS.ProcessEnv = process.env): GiftRates {
  let diamondsPerCoin = DEFAULT_RATES.diamondsPerCoin;
  const share = env.GIFT_DIAMONDS_PER_COIN?.trim();
  if (share) {
    const [diamonds, coins = '1', ...rest] = share.split('/');
    if (rest.length > 0) throw new ConfigError(`GIFT_DIAMONDS_PER_COIN must be a fraction like "1/2", got ${JSON.stringify(share)}`);
    diamondsPerCoin = { diamonds: positiveInteger(diamonds ?? '', 'GIFT_DIAMONDS_PER_COIN'), coins: positiveInteger(coins, 'GIFT_DIAMONDS_PER_COIN') };
    // A creator is paid out of what the sender spent: never more diamonds than coins.
    if (diamondsPerCoin.diamonds > diamondsPerCoin.coins) throw new ConfigError(`GIFT_DIAMONDS_PER_COIN must be at most 1, got ${JSON.stringify(share)}`);
  }
  const perDollar = env.GIFT_DIAMONDS_PER_DOLLAR?.trim();
  return { diamondsPerCoin, diamondsPerDollar: perDollar ? positiveInteger(perDollar, 'GIFT_DIAMONDS_PER_DOLLAR') : DEFAULT_RATES.diamondsPerDollar };
}

let configured: GiftRates | undefined;

/** The rates this process runs with, read from the environment once. */
export function giftRates(): GiftRates {
  configured ??= ratesFromEnv();
  return configured;
}

function assertCount(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${what} are a whole, non-negative count, got ${value}`);
}

/** Exact integer `floor(value × numerator ÷ denominator)`, with no floating-point quotient in between. */
function floorRatio(value: number, numerator: number, denominator: number): number {
  const scaled = value * numerator;
  if (!Number.isSafeInteger(scaled)) throw new RangeError(`${value} × ${numerator} is too large to compute exactly`);
  return (scaled - (scaled % denominator)) / denominator;
}

/** Diamonds a creator is credited for one send of `coins` coins, rounded down. */
export function coinsToDiamonds(coins: number, rates: GiftRates = giftRates()): number {
  assertCount(coins, 'Coins');
  return floorRatio(coins, rates.diamondsPerCoin.diamonds, rates.diamondsPerCoin.coins);
}

/** What `diamonds` are worth in US cents, rounded down to a whole cent. */
export function diamondsToCents(diamonds: number, rates: GiftRates = giftRates()): number {
  assertCount(diamonds, 'Diamonds');
  return floorRatio(diamonds, 100, rates.diamondsPerDollar);
}

/** The diamonds a payout of `cents` takes: the fewest whose value (`diamondsToCents`) is at least `cents`. */
export function diamondsForCents(cents: number, rates: GiftRates = giftRates()): number {
  assertCount(cents, 'Cents');
  const scaled = cents * rates.diamondsPerDollar;
  if (!Number.isSafeInteger(scaled)) throw new RangeError(`${cents} × ${rates.diamondsPerDollar} is too large to compute exactly`);
  return Math.ceil(scaled / 100);
}

export function diamondsValue(diamonds: number, rates: GiftRates = giftRates()): Money {
  return money(diamondsToCents(diamonds, rates), PAYOUT_CURRENCY);
}

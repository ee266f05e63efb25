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
 * Both are configurable: GIFT_DIAMONDS_PER_COIN as a fraction "diamonds/coins" (default "1/2",
 * the default share; one creator's own share overrides it, see `creatorShares.ts`)
 * and GIFT_DIAMONDS_PER_DOLLAR as a whole number (default 200). A send stores the diamonds it
 * credited, so changing a rate never rewrites past earnings.
 */
export interface GiftRates {
  /** The default creator share; a creator's own share (`creatorShares.ts`) overrides it. */
  diamondsPerCoin: Share;
  diamondsPerDollar: number;
}

export const DEFAULT_RATES: GiftRates = { diamondsPerCoin: { diamonds: 1, coins: 2 }, diamondsPerDollar: 200 };
export const PAYOUT_CURRENCY = 'USD';

function positiveInteger(raw: string, name: string): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value <= 0) throw new ConfigError(`${name} must be a positive whole number, got ${JSON.stringify(raw)}`);
  return value;
}

/** A creator's share of a gift's coins, credited as diamonds: `diamonds` per `coins`, at most 1. */
export interface Share {
  diamonds: number;
  coins: number;
}

/**
 * Reads a share written as a fraction ("1/2", "53/100", "1") or a percentage ("53%", "52.5%").
 * @throws ConfigError naming `name` when it is malformed, zero, or more diamonds than coins.
 */
export function parseShare(raw: string, name: string): Share {
  const text = raw.trim();
  const percent = /^(\d{1,3})(?:\.(\d{1,2}))?%$/.exec(text);
  let share: Share;
  if (percent) {
    const decimals = percent[2] ?? '';
    share = { diamonds: Number(`${percent[1]}${decimals}`), coins: 100 * 10 ** decimals.length };
    if (share.diamonds === 0) throw new ConfigError(`${name} must be above 0%, got ${JSON.stringify(raw)}`);
  } else {
    const [diamonds, coins = '1', ...rest] = text.split('/');
    if (rest.length > 0) throw new ConfigError(`${name} must be a fraction like "1/2" or a percentage like "53%", got ${JSON.stringify(raw)}`);
    share = { diamonds: positiveInteger(diamonds ?? '', name), coins: positiveInteger(coins, name) };
  }
  // A creator is paid out of what the sender spent: never more diamonds than coins.
  if (share.diamonds > share.coins) throw new ConfigError(`${name} must be at most 1 (100%), got ${JSON.stringify(raw)}`);
  return share;
}

/** The rates in `env` (see `settings.ts`). @throws ConfigError when a rate variable is malformed or would credit more diamonds than coins. */
export function ratesFromEnv(env: NodeJS.ProcessEnv): GiftRates {
  const share = env.GIFT_DIAMONDS_PER_COIN?.trim();
  const diamondsPerCoin = share ? parseShare(share, 'GIFT_DIAMONDS_PER_COIN') : DEFAULT_RATES.diamondsPerCoin;
  const perDollar = env.GIFT_DIAMONDS_PER_DOLLAR?.trim();
  return { diamondsPerCoin, diamondsPerDollar: perDollar ? positiveInteger(perDollar, 'GIFT_DIAMONDS_PER_DOLLAR') : DEFAULT_RATES.diamondsPerDollar };
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

/** Diamonds a creator is credited for one send of `coins` coins at the default share, rounded down. */
export function coinsToDiamonds(coins: number, rates: GiftRates): number {
  return creditedDiamonds(coins, rates.diamondsPerCoin);
}

/** Diamonds a creator with `share` is credited for one send of `coins` coins, rounded down. */
export function creditedDiamonds(coins: number, share: Share): number {
  assertCount(coins, 'Coins');
  return floorRatio(coins, share.diamonds, share.coins);
}

/** What `diamonds` are worth in US cents, rounded down to a whole cent. */
export function diamondsToCents(diamonds: number, rates: GiftRates): number {
  assertCount(diamonds, 'Diamonds');
  return floorRatio(diamonds, 100, rates.diamondsPerDollar);
}

/** The diamonds a payout of `cents` takes: the fewest whose value (`diamondsToCents`) is at least `cents`. */
export function diamondsForCents(cents: number, rates: GiftRates): number {
  assertCount(cents, 'Cents');
  const scaled = cents * rates.diamondsPerDollar;
  if (!Number.isSafeInteger(scaled)) throw new RangeError(`${cents} × ${rates.diamondsPerDollar} is too large to compute exactly`);
  return Math.ceil(scaled / 100);
}

export function diamondsValue(diamonds: number, rates: GiftRates): Money {
  return money(diamondsToCents(diamonds, rates), PAYOUT_CURRENCY);
}

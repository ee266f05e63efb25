/**
 * Gifts' settings, read from the environment once when the service starts (a bad value stops it
 * with a clear message rather than failing the first request that needs it), then handed down
 * through the context.
 *
 * - GIFT_DIAMONDS_PER_COIN (default "1/2") and GIFT_DIAMONDS_PER_DOLLAR (default 200): the
 *   LIVE gifting rates and their one rounding rule (`rates.ts`).
 * - GIFT_COMBO_WINDOW_SECONDS (default 10, at most an hour): how long after a send the same
 *   sender's same gift still continues its combo (`liveGiftEvents.ts`).
 * - PAYOUT_MINIMUM_CENTS (default 1000, $10): the smallest gift payout (commerce's commission
 *   payouts read the same variable).
 * - SMALL_GESTURE_CLAIM_HOURS (default 72, 1 to 720): how long a claim link waits for its claim
 *   (`smallGestures/gestures.ts`).
 */
import { ConfigError, positiveInt } from '@app/kit/config';
import { DEFAULT_RATES, ratesFromEnv, type GiftRates } from './rates.ts';

export interface GiftsSettings {
  rates: GiftRates;
  /** How long after a send the same sender's same gift still continues its combo, in ms. */
  comboWindowMs: number;
  payoutMinimumCents: number;
  /** How long a claim link waits for its claim, in ms. */
  claimWindowMs: number;
}

export const DEFAULT_COMBO_WINDOW_SECONDS = 10;
export const DEFAULT_PAYOUT_MINIMUM_CENTS = 1_000;
/** Three days: a weekend's worth of "I'll open it later". */
export const DEFAULT_CLAIM_HOURS = 72;

const HOUR_MS = 3_600_000;

export const DEFAULT_SETTINGS: GiftsSettings = {
  rates: DEFAULT_RATES,
  comboWindowMs: DEFAULT_COMBO_WINDOW_SECONDS * 1000,
  payoutMinimumCents: DEFAULT_PAYOUT_MINIMUM_CENTS,
  claimWindowMs: DEFAULT_CLAIM_HOURS * HOUR_MS,
};

/** A positive whole number of `name`, at most `max`. */
function upTo(env: NodeJS.ProcessEnv, name: string, fallback: number, max: number, what = String(max)): number {
  const value = positiveInt(env, name, fallback);
  if (value > max) throw new ConfigError(`${name} must be at most ${what}, got ${value}.`);
  return value;
}

/** @throws ConfigError for a malformed or out-of-range value, naming the variable. */
export function giftsSettings(env: NodeJS.ProcessEnv = process.env): GiftsSettings {
  return {
    rates: ratesFromEnv(env),
    comboWindowMs: upTo(env, 'GIFT_COMBO_WINDOW_SECONDS', DEFAULT_COMBO_WINDOW_SECONDS, 3_600) * 1000,
    payoutMinimumCents: positiveInt(env, 'PAYOUT_MINIMUM_CENTS', DEFAULT_PAYOUT_MINIMUM_CENTS),
    claimWindowMs: upTo(env, 'SMALL_GESTURE_CLAIM_HOURS', DEFAULT_CLAIM_HOURS, 720, '720 (30 days)') * HOUR_MS,
  };
}

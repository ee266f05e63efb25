/**
 * Commerce's settings, read from the environment once when the service starts (a bad value stops
 * it with a clear message rather than failing the first request).
 *
 * - ORDER_RETURN_WINDOW_DAYS (default 30): how long after fulfilment a buyer may ask for a return,
 *   and so how long a commission stays LOCKED. 0 means no returns: commission is payable as soon
 *   as the order ships. Each order keeps the end of its own window, set when it is fulfilled, so
 *   changing the setting never moves a window already running.
 * - PAYOUT_MINIMUM_CENTS (default 1000, $10): the smallest commission payout a creator may request.
 */
import { ConfigError } from '@app/kit/config';

export interface CommerceSettings {
  returnWindowDays: number;
  payoutMinimumCents: number;
}

export const DEFAULT_SETTINGS: CommerceSettings = { returnWindowDays: 30, payoutMinimumCents: 1_000 };

/** The most days a return window may run: a year covers every retailer's policy we know of. */
const MAX_RETURN_WINDOW_DAYS = 366;

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}.`);
  return value;
}

/** @throws ConfigError for a value out of range. */
export function commerceSettings(env: NodeJS.ProcessEnv = process.env): CommerceSettings {
  return {
    returnWindowDays: wholeNumber(env, 'ORDER_RETURN_WINDOW_DAYS', DEFAULT_SETTINGS.returnWindowDays, 0, MAX_RETURN_WINDOW_DAYS),
    payoutMinimumCents: wholeNumber(env, 'PAYOUT_MINIMUM_CENTS', DEFAULT_SETTINGS.payoutMinimumCents, 1, 100_000_000),
  };
}

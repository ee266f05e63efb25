import { randomBytes } from 'node:crypto';
import { badInput } from '@app/kit/errors';

/**
 * The money rules of commerce, in one place.
 *
 * - Money is integer minor units (cents) everywhere; rates are integer basis points (1500 = 15%).
 * - Commission on an order line = floor(line total × rate bps / 10,000), per line, in minor units.
 *   Rounding down per line means a creator is never credited a fraction of a cent, and a
 *   cancellation reverses exactly the integer that was credited.
 * - The rate of a sale is the highest of the product's own rate and any deal its brand set for the
 *   attributed creator (on that product, or on all the brand's products): a deal never lowers it.
 * - A creator earns nothing from their own purchase.
 */
export const BPS_PER_UNIT = 10_000;

export function lineCommission(lineTotal: number, bps: number): number {
  // lineTotal ≤ 100 × 10,000,000 and bps ≤ 10,000 keep the product far below 2^53.
  return Math.floor((lineTotal * bps) / BPS_PER_UNIT);
}

/** The rate in force: the product's own, or a better deal. */
export function effectiveBps(productBps: number, dealBps: readonly number[]): number {
  return Math.max(productBps, ...dealBps);
}

/**
 * A rate given as a fraction (0.15) as basis points (1500).
 * @throws BAD_USER_INPUT unless it is 0 to 1 in whole basis points.
 */
export function rateToBps(rate: number, field: string): number {
  const bps = Math.round(rate * BPS_PER_UNIT);
  if (!Number.isFinite(rate) || rate < 0 || rate > 1 || Math.abs(rate * BPS_PER_UNIT - bps) > 1e-6) {
    throw badInput(`${field} must be a fraction from 0 to 1 in whole basis points, e.g. 0.15 for 15%.`, { field });
  }
  return bps;
}

export const bpsToRate = (bps: number) => bps / BPS_PER_UNIT;

/** An opaque id for a row created at runtime (seeded rows use `seedId`). */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(9).toString('base64url')}`;
}

// No 0/O or 1/I/L: a code is read aloud and typed from a video.
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** An 8-character affiliate code (about 39 bits); the caller retries on the rare collision. */
export function newAffiliateCode(): string {
  const bytes = randomBytes(16);
  let code = '';
  for (const byte of bytes) {
    // Rejection sampling keeps every character equally likely.
    if (byte >= 248) continue;
    code += CODE_ALPHABET[byte % CODE_ALPHABET.length];
    if (code.length === 8) return code;
  }
  return newAffiliateCode();
}

/**
 * The arithmetic of commission (commission.ts states the rules): a leaf that imports nothing, so
 * the seed's history prices its lines by the same rule as checkout and returns.
 */

/** Rates are integer basis points: 1500 is 15%, so commission arithmetic stays in integers. */
export const BPS_PER_UNIT = 10_000;

/** Commission on a line: floor(line total × rate bps / 10,000), in minor units. */
export function lineCommission(lineTotal: number, bps: number): number {
  // lineTotal ≤ 100 × 10,000,000 and bps ≤ 10,000 keep the product far below 2^53.
  return Math.floor((lineTotal * bps) / BPS_PER_UNIT);
}

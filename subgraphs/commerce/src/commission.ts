/**
 * The money rules of commerce, in one place.
 *
 * - Money is integer minor units (cents) everywhere; rates are integer basis points (1500 = 15%).
 * - Commission on an order line = floor(line total × rate bps / 10,000), per line, in minor units.
 *   Rounding down per line means a creator is never credited a fraction of a cent, and a
 *   cancellation reverses exactly the integer that was credited.
 * - The rate of a sale is the highest of the product's own rate, any deal its brand set for the
 *   attributed creator (on that product, or on all the brand's products) and the rate of any OPEN
 *   campaign of the product the creator is ACCEPTED in (campaigns.ts): neither lowers it. A line
 *   paid at a campaign's rate records the campaign (`order_lines.campaign_id`), which the
 *   creator's statement shows. The campaign's rate applies from acceptance until the brand closes it.
 *   The rule is worked out in one place, in SQL (`saleRate`, db/statements/reads.ts): checkout
 *   prices its lines with it and an affiliate link shows the rate a sale would pay now.
 * - A creator earns nothing from their own purchase.
 * - A creator's earnings: commissions on shipped orders, less what refunds clawed back, are
 *   earned (whatever their settlement state, settlement.ts), on unshipped ones pending, on
 *   cancelled ones nothing; the total adds the LIVE gift earnings gifts reports, in USD only.
 *   They are the creator's own to see.
 * - Each source's balance by state sits side by side: commission from commerce's own store, the
 *   gift balance as gifts gave it (gifts owns those rules), or null when gifts could not give it.
 */
import { requireOwner } from '@app/kit/access';
import { badInput, refuse, serviceUnavailable } from '@app/kit/errors';
import { money, type Money } from '@app/kit/money';
import type { Context } from './context.ts';
import { BPS_PER_UNIT } from './commission-rules.ts';
import type { CreatorRef } from './mappers.ts';
import { ForbiddenReason, Refusal } from './refusals.ts';
import { commissionBalance, type CommissionBalance } from './settlement.ts';

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

export interface Earnings {
  commissions: Money;
  gifts: Money;
  total: Money;
  pending: Money;
  commissionBalance: CommissionBalance;
  giftBalance: GiftBalance | null;
}

/** The gift balance in the same five states, as gifts reported it through `@requires`. */
export type GiftBalance = CommissionBalance;

/** What a creator earned, shown only to that creator. */
export async function creatorEarnings(context: Context, creator: CreatorRef): Promise<Earnings> {
  requireOwner(context.viewer, creator.id, 'Only the creator can see their own earnings.', ForbiddenReason.NOT_THE_CREATOR);
  const gifts = creator.giftEarnings?.value;
  // Without the required gift earnings there is no honest total to give.
  if (!gifts) throw serviceUnavailable('gifts');
  if (gifts.currencyCode !== 'USD') throw refuse(Refusal.EARNINGS_CURRENCY_MISMATCH, `Gift earnings in ${gifts.currencyCode} cannot be added to commissions in USD.`);
  const { earned, pending, balance } = await commissionBalance(context, creator.id);
  // Passed on as gifts gave it: a balance gifts refused or failed to give is null, not zero.
  const giftBalance = creator.giftEarnings?.balance ?? null;
  return { commissions: money(earned), gifts: money(gifts.amount), total: money(earned + gifts.amount), pending: money(pending), commissionBalance: balance, giftBalance };
}

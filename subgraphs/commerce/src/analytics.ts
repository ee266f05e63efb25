/**
 * The rules of a brand's sales reports, in one place.
 *
 * - A brand's partner key with `analytics:read` reads its own brand's sales (NOT_OWNING_PARTNER
 *   for another brand's) for a period [from, to) of at most 366 days, by the time orders were placed.
 * - Sales are the orders that stand (cancelled ones count for nothing), net of refunds: units and
 *   revenue are what the buyer kept, `refunds` what approved returns gave back, `commission` what
 *   creators earn on them after clawbacks (whatever its settlement state).
 * - By product: every line of the product. By creator and by LIVE stream: the lines the sale's
 *   attribution covers (the affiliate link's product, the products pinned on the stream), the
 *   same lines `LiveStream.sales` counts. Each view lists the most revenue first, at most `first`
 *   rows (up to 100).
 * - USD only: the store sells in USD (feeds refuse other currencies).
 */
import { requirePartnerOf } from '@app/kit/access';
import { badInput } from '@app/kit/errors';
import { MAX_PAGE_SIZE } from '@app/kit/pagination';
import { DAY_MS } from '@app/kit/clock';
import type { Context } from './context.ts';
import type { SalesPeriod, SalesRow } from './db/contract.ts';

export const MAX_PERIOD_DAYS = 366;
const CURRENCY = 'USD';

/** A brand's sales report for a period; each view is read when asked for. */
export type SalesReport = SalesPeriod;

export function brandSales(context: Context, brandId: string, from: Date, to: Date): SalesReport {
  requirePartnerOf(context.viewer, brandId);
  if (from.getTime() >= to.getTime()) throw badInput('`from` must be before `to`.', { field: 'to' });
  if (to.getTime() - from.getTime() > MAX_PERIOD_DAYS * DAY_MS) throw badInput(`A sales period is at most ${MAX_PERIOD_DAYS} days.`, { field: 'to', maxDays: MAX_PERIOD_DAYS });
  return { brandId, currency: CURRENCY, from, to };
}

function rows(first: number | null | undefined): number {
  const size = first ?? 20;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) throw badInput(`\`first\` must be between 0 and ${MAX_PAGE_SIZE}, got ${size}.`, { argument: 'first', max: MAX_PAGE_SIZE });
  return size;
}

export type SalesBreakdown = 'product' | 'creator' | 'liveStream';

/** One view of a report: rows by product, creator or stream, most revenue first. */
export function salesBy(context: Context, report: SalesReport, by: SalesBreakdown, first: number | null | undefined): Promise<SalesRow[]> {
  const size = rows(first);
  if (by === 'product') return context.store.brandSalesByProduct(report, size);
  if (by === 'creator') return context.store.brandSalesByCreator(report, size);
  return context.store.brandSalesByLiveStream(report, size);
}

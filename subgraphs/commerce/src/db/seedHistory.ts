/**
 * The seeded world's commerce history, so earnings, statements, partner reports and order lists
 * are not empty on first start: affiliate links with clicks, a brand-wide commission deal, orders
 * in every state (paid, fulfilled inside and past the return window, returned and refunded,
 * cancelled by the buyer and by the brand, paid out) and one commission payout. Rows only, the
 * same for every engine and every run (no randomness, times from SEED_TIME); each is what the
 * writes would have left, priced and clawed back by the same rules (`lineCommission`, and the
 * rate a sale pays, `saleRate` in statements/reads.ts), so the invariants the tests check hold
 * for seeded rows too.
 *
 * The people are chosen to stay out of the way of tests: creators 18 and 19 earn, users 55 to 58
 * buy. States are worked out at read time, so "inside the window" is relative to the clock:
 * windows end 25 days after SEED_TIME.
 */
import { createHash } from 'node:crypto';
import { creatorIds, DAY, SEED_TIME, shopBrands, userIds } from '@app/fixtures/world';
import { lineCommission } from '../commission-rules.ts';
import { DEFAULT_SETTINGS } from '../settings.ts';
import type { NewAffiliateClick, NewAffiliateLink, NewCommissionDealRow, NewOrder, NewOrderLine, NewOrderReturn, NewOrderReturnLine, NewPayout, NewProduct } from './tables.ts';

/** The history's rows, inserted in this order after the world's (foreign keys point backwards). */
export interface CommerceHistory {
  creatorCommissions: NewCommissionDealRow[];
  affiliateLinks: NewAffiliateLink[];
  affiliateClicks: NewAffiliateClick[];
  commissionPayouts: NewPayout[];
  orders: NewOrder[];
  orderLines: NewOrderLine[];
  orderReturns: NewOrderReturn[];
  orderReturnLines: NewOrderReturnLine[];
}

type ProductSeedRow = NewProduct;

/**
 * The rate a seeded sale paid: the store's rule (`saleRate` in statements/reads.ts, the highest of
 * the product's rate and the deals that apply), for rows made before any store exists. The
 * seed's test checks every seeded line against the store's own answer.
 */
const seededRate = (productBps: number, dealBps: readonly number[]) => Math.max(productBps, ...dealBps);

const HOUR = DAY / 24;
const RETURN_WINDOW = DEFAULT_SETTINGS.returnWindowDays * DAY;
const at = (daysBefore: number) => new Date(SEED_TIME - daysBefore * DAY);

/** Stable ids of the kinds writes draw at random (`ord_`, `afl_` …), from a hash of their index. */
function historyId(kind: 'afl' | 'dea' | 'ord' | 'pay' | 'ret', index: number): string {
  return `${kind}_${createHash('sha256').update(`history:${kind}:${index}`).digest('base64url').slice(0, 12)}`;
}

/** What became of an order after checkout. */
type Fate =
  | { status: 'PAID' }
  | { status: 'FULFILLED'; fulfilledDaysBefore: number; paidOut?: boolean; returned?: { units: number; restocked: boolean } }
  | { status: 'CANCELLED'; by: 'BUYER' | 'BRAND'; cancelledDaysBefore: number };

interface PlannedOrder {
  buyer: string;
  /** The affiliate link's index in `LINKS`, or null for an order nobody is credited with. */
  link: number | null;
  /** Units of the link's product (or the brand's first product without a link). */
  units: number;
  /** Units of another product of the brand on a second, unattributed line. */
  extraUnits?: number;
  createdDaysBefore: number;
  fate: Fate;
}

const buyers = [userIds[55], userIds[56], userIds[57], userIds[58]] as string[];
const earners = [creatorIds[18], creatorIds[19]] as string[];

/** The links (creator, shop brand index, which of its active products), each with its code. */
const LINKS = [
  { creator: 0, brand: 0, product: 0, code: 'SEEDGL0W' },
  { creator: 0, brand: 1, product: 0, code: 'SEEDN2PK' },
  { creator: 1, brand: 0, product: 1, code: 'SEEDGL2W' },
  { creator: 1, brand: 2, product: 0, code: 'SEEDK3TC' },
] as const;

/** Creator 19 has a brand-wide deal with the first shop, better than most product rates. */
const DEAL = { creator: 1, brand: 0, bps: 2_500, setDaysBefore: 200 } as const;

const ORDERS: readonly PlannedOrder[] = [
  // Paid, not shipped: PENDING.
  { buyer: buyers[0] as string, link: 0, units: 1, createdDaysBefore: 1, fate: { status: 'PAID' } },
  { buyer: buyers[1] as string, link: 2, units: 2, createdDaysBefore: 2, fate: { status: 'PAID' } },
  // Shipped, inside the window: LOCKED.
  { buyer: buyers[2] as string, link: 0, units: 2, extraUnits: 1, createdDaysBefore: 7, fate: { status: 'FULFILLED', fulfilledDaysBefore: 5 } },
  { buyer: buyers[3] as string, link: 3, units: 1, createdDaysBefore: 6, fate: { status: 'FULFILLED', fulfilledDaysBefore: 4 } },
  // Shipped, window over, no return: PAYABLE.
  { buyer: buyers[0] as string, link: 1, units: 3, createdDaysBefore: 70, fate: { status: 'FULFILLED', fulfilledDaysBefore: 68 } },
  { buyer: buyers[1] as string, link: 2, units: 4, createdDaysBefore: 64, fate: { status: 'FULFILLED', fulfilledDaysBefore: 61 } },
  // Shipped, one unit returned and refunded after shipping: the rest PAYABLE, the unit's commission REVERSED.
  { buyer: buyers[2] as string, link: 0, units: 2, createdDaysBefore: 80, fate: { status: 'FULFILLED', fulfilledDaysBefore: 78, returned: { units: 1, restocked: true } } },
  // Cancelled: REVERSED in full.
  { buyer: buyers[3] as string, link: 1, units: 1, createdDaysBefore: 20, fate: { status: 'CANCELLED', by: 'BUYER', cancelledDaysBefore: 19 } },
  { buyer: buyers[0] as string, link: 3, units: 2, createdDaysBefore: 15, fate: { status: 'CANCELLED', by: 'BRAND', cancelledDaysBefore: 14 } },
  // Paid out long ago (PAID), in the one payout below.
  { buyer: buyers[1] as string, link: 0, units: 6, createdDaysBefore: 120, fate: { status: 'FULFILLED', fulfilledDaysBefore: 118, paidOut: true } },
  { buyer: buyers[2] as string, link: 1, units: 5, createdDaysBefore: 115, fate: { status: 'FULFILLED', fulfilledDaysBefore: 112, paidOut: true } },
  // Bought with no creator to credit.
  { buyer: buyers[3] as string, link: null, units: 1, createdDaysBefore: 3, fate: { status: 'PAID' } },
  { buyer: buyers[0] as string, link: null, units: 2, createdDaysBefore: 50, fate: { status: 'FULFILLED', fulfilledDaysBefore: 48 } },
];

/** The payout of the `paidOut` orders, settled a day after it was asked for. */
const PAYOUT_DAYS_BEFORE = 60;

/** Adds the history to the world's rows: links on its products, orders at its prices. */
export function commerceHistory(world: { products: readonly ProductSeedRow[] }): CommerceHistory {
  const activeOf = (brandIndex: number) => {
    const brandId = (shopBrands[brandIndex] as { id: string }).id;
    const own = world.products.filter((row) => row.brandId === brandId && row.status === 'ACTIVE');
    if (own.length < 2) throw new Error(`seed history: shop ${brandId} has fewer than two products on sale`);
    return own;
  };

  const history: CommerceHistory = { creatorCommissions: [], affiliateLinks: [], affiliateClicks: [], commissionPayouts: [], orders: [], orderLines: [], orderReturns: [], orderReturnLines: [] };
  const dealBrandId = (shopBrands[DEAL.brand] as { id: string }).id;
  history.creatorCommissions.push({ id: historyId('dea', 0), brandId: dealBrandId, creatorId: earners[DEAL.creator] as string, productId: null, commissionBps: DEAL.bps, updatedAt: at(DEAL.setDaysBefore) });

  const links = LINKS.map((link, i) => {
    const product = activeOf(link.brand)[link.product] as ProductSeedRow;
    const row = { id: historyId('afl', i), code: link.code, creatorId: earners[link.creator] as string, productId: product.id as string, clicks: 0, createdAt: at(150 - i) };
    // Some of the users (never the creator) clicked: a few more on each later link.
    const clickers = userIds.slice(20, 20 + 6 + i * 5).filter((userId) => userId !== row.creatorId);
    clickers.forEach((userId, n) => history.affiliateClicks.push({ linkId: row.id, userId, clickedAt: new Date(row.createdAt.getTime() + (n + 1) * HOUR) }));
    row.clicks = clickers.length;
    history.affiliateLinks.push(row);
    return { ...row, brandId: product.brandId, product, creatorIndex: link.creator, brandIndex: link.brand };
  });

  const payoutId = historyId('pay', 0);
  let paidOut = 0;
  ORDERS.forEach((planned, i) => {
    const link = planned.link === null ? null : (links[planned.link] as (typeof links)[number]);
    const shop = activeOf(link ? link.brandIndex : 3);
    const main = link ? link.product : (shop[0] as ProductSeedRow);
    const other = shop.find((row) => row.id !== main.id) as ProductSeedRow;
    const dealBps = link && link.creatorIndex === DEAL.creator && link.brandIndex === DEAL.brand ? [DEAL.bps] : [];
    const orderId = historyId('ord', i);
    const lines = [
      { product: main, units: planned.units, bps: link ? seededRate(main.commissionBps as number, dealBps) : 0, attributed: link !== null },
      ...(planned.extraUnits ? [{ product: other, units: planned.extraUnits, bps: 0, attributed: false }] : []),
    ].map((line, position) => {
      const totalAmount = (line.product.priceAmount as number) * line.units;
      return {
        orderId,
        position,
        productId: line.product.id as string,
        title: line.product.title as string,
        quantity: line.units,
        unitPriceAmount: line.product.priceAmount as number,
        totalAmount,
        commissionBps: line.bps,
        commissionAmount: lineCommission(totalAmount, line.bps),
        attributed: line.attributed,
        refundedQuantity: 0,
        commissionReversed: 0,
        payoutId: null as string | null,
      };
    });

    const { fate } = planned;
    const createdAt = at(planned.createdDaysBefore);
    const order: NewOrder = {
      id: orderId,
      buyerId: planned.buyer,
      brandId: main.brandId as string,
      status: fate.status,
      currency: 'USD',
      totalAmount: lines.reduce((sum, line) => sum + line.totalAmount, 0),
      commissionAmount: lines.reduce((sum, line) => sum + line.commissionAmount, 0),
      creatorId: link ? link.creatorId : null,
      affiliateLinkId: link ? link.id : null,
      liveStreamId: null,
      createdAt,
    };
    if (fate.status === 'CANCELLED') {
      Object.assign(order, { cancelledAt: at(fate.cancelledDaysBefore), cancelledBy: fate.by });
      // A cancellation claws back every line's commission.
      for (const line of lines) line.commissionReversed = line.commissionAmount;
    }
    if (fate.status === 'FULFILLED') {
      const fulfilledAt = at(fate.fulfilledDaysBefore);
      Object.assign(order, { fulfilledAt, carrier: 'UPS', trackingNumber: `1Z SEED ${String(i).padStart(4, '0')}`, returnsUntil: new Date(fulfilledAt.getTime() + RETURN_WINDOW) });
      if (fate.returned) {
        const line = lines[0] as (typeof lines)[number];
        const refundedQuantity = fate.returned.units;
        // As `refundOf` works it out: what the kept units earn is kept, the rest clawed back.
        const kept = lineCommission(line.totalAmount - refundedQuantity * line.unitPriceAmount, line.commissionBps);
        const returnId = historyId('ret', i);
        line.refundedQuantity = refundedQuantity;
        line.commissionReversed = line.commissionAmount - kept;
        const requestedAt = new Date(fulfilledAt.getTime() + 6 * DAY);
        history.orderReturns.push({
          id: returnId,
          orderId,
          status: 'APPROVED',
          reason: 'Arrived damaged.',
          requestedAt,
          decidedAt: new Date(requestedAt.getTime() + DAY),
          restocked: fate.returned.restocked,
          refundAmount: refundedQuantity * line.unitPriceAmount,
          commissionReversed: line.commissionReversed,
        });
        history.orderReturnLines.push({ returnId, orderId, position: line.position, quantity: refundedQuantity });
      }
      if (fate.paidOut) {
        for (const line of lines) {
          if (line.commissionAmount - line.commissionReversed <= 0) continue;
          line.payoutId = payoutId;
          paidOut += line.commissionAmount - line.commissionReversed;
        }
      }
    }
    history.orders.push(order);
    history.orderLines.push(...lines);
  });

  // The paid-out orders' window ended before the payout was asked for, as a payout requires.
  history.commissionPayouts.push({
    id: payoutId,
    creatorId: earners[0] as string,
    status: 'PAID',
    amount: paidOut,
    currency: 'USD',
    payoutMethod: 'test_bank',
    providerTransferId: 'tr_seed_0001',
    failureReason: null,
    requestedAt: at(PAYOUT_DAYS_BEFORE),
    settledAt: new Date(SEED_TIME - PAYOUT_DAYS_BEFORE * DAY + HOUR),
  });
  return history;
}

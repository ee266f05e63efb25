/**
 * What the kept rows (`sales_days`, `creator_commission_*`) hold, worked out from history: ONE
 * pure function of orders with their lines, payouts and open returns. The writes restate the
 * orders they touch with it (what the orders added before the write comes off, what they add after
 * goes on), the seed (any world, the large one included) fills the kept rows with it, and
 * `keptCountDifferences` recounts them with it. The rules it mirrors are written in SQL in
 * `statements/settlement.ts` (`commissionBucket`) and `statements/analytics.ts`: a line's state
 * and what a period's sales count.
 */
import { DAY_MS } from '@app/kit/clock';
import type { KeptCommissionState, SalesKind } from '../vocabulary.ts';
import type {
  AffiliateLinkSalesRow,
  VideoSalesRow,
  CreatorCommissionDayRow,
  CreatorCommissionLockRow,
  CreatorCommissionTotalRow,
  NewOrder,
  NewOrderLine,
  NewOrderReturn,
  NewOrderReturnLine,
  NewPayout,
  OrderLineRow,
  OrderRow,
  ProductSalesRow,
  SalesDayRow,
} from './tables.ts';

/** Where a lock ends that only a decision ends: a line under an open return stays LOCKED whatever the time. */
export const LOCKED_UNTIL_DECIDED = new Date(Date.UTC(9999, 11, 31));

/** The UTC day (days since the epoch) a moment falls on. */
export function dayOf(at: Date): number {
  return Math.floor(at.getTime() / DAY_MS);
}

/** An order as the kept rows see it: its own facts, its lines, and what its lines' payouts and open returns are. */
export interface OrderFacts {
  order: Pick<OrderRow, 'id' | 'brandId' | 'currency' | 'status' | 'creatorId' | 'liveStreamId' | 'videoId' | 'affiliateLinkId' | 'createdAt' | 'returnsUntil'>;
  lines: readonly Pick<
    OrderLineRow,
    'position' | 'productId' | 'quantity' | 'unitPriceAmount' | 'totalAmount' | 'commissionAmount' | 'commissionReversed' | 'refundedQuantity' | 'attributed' | 'payoutId'
  >[];
  /** The payouts its lines are in that have PAID (the others are REQUESTED: a failed one lets go of its lines). */
  paidPayouts: ReadonlySet<string>;
  /** The positions of its lines under a return still REQUESTED. */
  openReturnPositions: ReadonlySet<number>;
}

export interface KeptRows {
  salesDays: SalesDayRow[];
  productSales: ProductSalesRow[];
  linkSales: AffiliateLinkSalesRow[];
  videoSales: VideoSalesRow[];
  commissionTotals: CreatorCommissionTotalRow[];
  commissionDays: CreatorCommissionDayRow[];
  commissionLocks: CreatorCommissionLockRow[];
}

const SALES_VALUES = ['orders', 'units', 'revenueAmount', 'refundAmount', 'commissionAmount'] as const;
const COMMISSION_VALUES = ['net', 'reversed'] as const;

/** The value columns of each kept table, the rest being its key. */
export const KEPT_VALUES = {
  salesDays: SALES_VALUES,
  productSales: ['units'],
  linkSales: ['orders', 'earnedAmount', 'pendingAmount'],
  videoSales: ['orders', 'units', 'revenueAmount', 'commissionAmount'],
  commissionTotals: COMMISSION_VALUES,
  commissionDays: COMMISSION_VALUES,
  commissionLocks: COMMISSION_VALUES,
} as const satisfies Record<keyof KeptRows, readonly string[]>;

/** The key of a kept row, as text: its key columns in order. */
export function keyOf(table: keyof KeptRows, row: Record<string, unknown>): string {
  const values = KEPT_VALUES[table] as readonly string[];
  return Object.keys(row)
    .filter((column) => !values.includes(column))
    .sort()
    .map((column) => {
      const value = row[column];
      return value instanceof Date ? String(value.getTime()) : String(value);
    })
    .join('/');
}

/** Kept rows summed by key. */
class Accumulator {
  private readonly rows = { salesDays: new Map(), productSales: new Map(), linkSales: new Map(), videoSales: new Map(), commissionTotals: new Map(), commissionDays: new Map(), commissionLocks: new Map() } as { [T in keyof KeptRows]: Map<string, KeptRows[T][number]> };

  add<T extends keyof KeptRows>(table: T, row: KeptRows[T][number], sign = 1): void {
    const key = keyOf(table, row as unknown as Record<string, unknown>);
    const map = this.rows[table] as Map<string, Record<string, unknown>>;
    const found = map.get(key);
    const values = KEPT_VALUES[table] as readonly string[];
    if (!found) {
      const copy: Record<string, unknown> = { ...row };
      for (const value of values) copy[value] = sign * (copy[value] as number);
      map.set(key, copy);
      return;
    }
    for (const value of values) found[value] = (found[value] as number) + sign * ((row as unknown as Record<string, number>)[value] as number);
  }

  addAll(rows: KeptRows, sign = 1): void {
    for (const table of Object.keys(rows) as (keyof KeptRows)[]) for (const row of rows[table]) this.add(table, row, sign);
  }

  /** The rows, without those all of whose values are 0 (a kept row at 0 says nothing). */
  result(): KeptRows {
    const out = {} as KeptRows;
    for (const table of Object.keys(this.rows) as (keyof KeptRows)[]) {
      const values = KEPT_VALUES[table] as readonly string[];
      (out as unknown as Record<string, unknown[]>)[table] = [...(this.rows[table] as unknown as Map<string, Record<string, number>>).values()].filter((row) => values.some((value) => row[value] !== 0));
    }
    return out;
  }
}

type Line = OrderFacts['lines'][number];

/**
 * The state a line's commission is kept in (settlement.ts states the rule): all clawed back →
 * REVERSED; in a payout → PROCESSING or PAID; its order not shipped → PENDING; else SETTLING,
 * LOCKED or PAYABLE by the time it is read.
 */
function keptState(facts: OrderFacts, line: Line): KeptCommissionState {
  if (line.commissionReversed === line.commissionAmount) return 'REVERSED';
  if (line.payoutId !== null) return facts.paidPayouts.has(line.payoutId) ? 'PAID' : 'PROCESSING';
  if (facts.order.status === 'PAID') return 'PENDING';
  return 'SETTLING';
}

function addOrder(into: Accumulator, facts: OrderFacts): void {
  const { order } = facts;
  const day = dayOf(order.createdAt);
  // Sales: the orders that stand, net of refunds, per (day, what they are for).
  if (order.status !== 'CANCELLED') {
    const groups = new Map<string, { kind: SalesKind; key: string; lines: Line[] }>();
    const put = (kind: SalesKind, key: string, line: Line) => {
      const id = `${kind}/${key}`;
      let group = groups.get(id);
      if (!group) groups.set(id, (group = { kind, key, lines: [] }));
      group.lines.push(line);
    };
    for (const line of facts.lines) {
      put('brand', '', line);
      put('product', line.productId, line);
      if (line.attributed && order.creatorId !== null) put('creator', order.creatorId, line);
      if (line.attributed && order.liveStreamId !== null) put('stream', order.liveStreamId, line);
    }
    for (const line of facts.lines) into.add('productSales', { productId: line.productId, units: line.quantity - line.refundedQuantity });
    for (const { kind, key, lines } of groups.values()) {
      into.add('salesDays', {
        brandId: order.brandId,
        currency: order.currency,
        kind,
        day,
        key,
        orders: 1,
        units: sum(lines, (line) => line.quantity - line.refundedQuantity),
        revenueAmount: sum(lines, (line) => line.totalAmount - line.refundedQuantity * line.unitPriceAmount),
        refundAmount: sum(lines, (line) => line.refundedQuantity * line.unitPriceAmount),
        commissionAmount: sum(lines, (line) => line.commissionAmount - line.commissionReversed),
      });
    }
  }
  // An affiliate link's orders: those that stand, and what every line of them earns, shipped or not yet.
  if (order.affiliateLinkId !== null) {
    const net = sum(facts.lines, (line) => line.commissionAmount - line.commissionReversed);
    into.add('linkSales', {
      linkId: order.affiliateLinkId,
      orders: order.status === 'CANCELLED' ? 0 : 1,
      earnedAmount: order.status === 'FULFILLED' ? net : 0,
      pendingAmount: order.status === 'PAID' ? net : 0,
    });
  }
  // A video's orders that stand, and their lines of products tagged in it.
  if (order.videoId !== null && order.creatorId !== null && order.status !== 'CANCELLED') {
    const tagged = facts.lines.filter((line) => line.attributed);
    into.add('videoSales', {
      videoId: order.videoId,
      creatorId: order.creatorId,
      orders: 1,
      units: sum(tagged, (line) => line.quantity - line.refundedQuantity),
      revenueAmount: sum(tagged, (line) => line.totalAmount - line.refundedQuantity * line.unitPriceAmount),
      commissionAmount: sum(tagged, (line) => line.commissionAmount - line.commissionReversed),
    });
  }
  // Commission: the lines that earned some, the attributed creator's.
  if (order.creatorId === null) return;
  for (const line of facts.lines) {
    if (line.commissionAmount <= 0) continue;
    const state = keptState(facts, line);
    const amounts = { net: line.commissionAmount - line.commissionReversed, reversed: line.commissionReversed };
    into.add('commissionTotals', { creatorId: order.creatorId, state, ...amounts });
    into.add('commissionDays', { creatorId: order.creatorId, state, day, ...amounts });
    if (state !== 'SETTLING') continue;
    const unlocksAt = facts.openReturnPositions.has(line.position) ? LOCKED_UNTIL_DECIDED : order.returnsUntil;
    // No window and no open return: PAYABLE from the start, no lock to end.
    if (unlocksAt !== null) into.add('commissionLocks', { creatorId: order.creatorId, unlocksAt, day, ...amounts });
  }
}

function sum<T>(items: readonly T[], value: (item: T) => number): number {
  return items.reduce((total, item) => total + value(item), 0);
}

/**
 * A campaign's fixed fee as the kept rows see it: owed to its creator from `payableAt`, payable at
 * once (no window locks it: SETTLING with no lock is PAYABLE), then PROCESSING or PAID in a payout
 * like an order line's commission. It adds to the creator's commission per state and per day (the
 * day it became payable), so a balance and a payout count it; it is never a brand's sale.
 */
export interface FeeFacts {
  creatorId: string;
  amount: number;
  payableAt: Date;
  payoutId: string | null;
  /** Whether its payout has PAID. */
  paid: boolean;
}

function addFee(into: Accumulator, fee: FeeFacts): void {
  const state: KeptCommissionState = fee.payoutId === null ? 'SETTLING' : fee.paid ? 'PAID' : 'PROCESSING';
  into.add('commissionTotals', { creatorId: fee.creatorId, state, net: fee.amount, reversed: 0 });
  into.add('commissionDays', { creatorId: fee.creatorId, state, day: dayOf(fee.payableAt), net: fee.amount, reversed: 0 });
}

/** What these orders (and campaign fees) add to the kept rows. */
export function keptRowsOf(orders: Iterable<OrderFacts>, fees: Iterable<FeeFacts> = []): KeptRows {
  const into = new Accumulator();
  for (const facts of orders) addOrder(into, facts);
  for (const fee of fees) addFee(into, fee);
  return into.result();
}

/** `after` less `before`, row by row: what a write changes in the kept rows. */
export function keptChange(before: KeptRows, after: KeptRows): KeptRows {
  const into = new Accumulator();
  into.addAll(after);
  into.addAll(before, -1);
  return into.result();
}

/** History as the seed writes it or a recount reads it: orders with their lines, returns and payouts. */
export interface CommerceHistory {
  orders: readonly NewOrder[];
  orderLines: readonly NewOrderLine[];
  orderReturns: readonly NewOrderReturn[];
  orderReturnLines: readonly NewOrderReturnLine[];
  /** The payouts the lines and fees point at (all of them, or at least those). */
  commissionPayouts: readonly Pick<NewPayout, 'id' | 'status'>[];
  /** Campaign fees owed to creators (none when left out). */
  campaignFees?: readonly Pick<FeeFacts, 'creatorId' | 'amount' | 'payableAt' | 'payoutId'>[];
}

/**
 * Every kept row the history makes: the seed inserts these beside its rows (a seed in chunks may
 * call it per chunk, the kept rows being added up, as long as a chunk holds each of its orders
 * whole, with its returns and the payouts its lines are in).
 */
export function keptRowsFromHistory(history: CommerceHistory): KeptRows {
  const paid = new Set(history.commissionPayouts.filter((payout) => payout.status === 'PAID').map((payout) => payout.id));
  const openReturns = new Set(history.orderReturns.filter((row) => row.status === 'REQUESTED').map((row) => row.id));
  const openPositions = new Map<string, Set<number>>();
  for (const line of history.orderReturnLines) {
    if (!openReturns.has(line.returnId)) continue;
    let positions = openPositions.get(line.orderId);
    if (!positions) openPositions.set(line.orderId, (positions = new Set()));
    positions.add(line.position);
  }
  const linesOf = new Map<string, Line[]>();
  for (const line of history.orderLines) {
    let lines = linesOf.get(line.orderId);
    if (!lines) linesOf.set(line.orderId, (lines = []));
    lines.push({
      position: line.position,
      productId: line.productId,
      quantity: line.quantity,
      unitPriceAmount: line.unitPriceAmount,
      totalAmount: line.totalAmount,
      commissionAmount: line.commissionAmount,
      commissionReversed: line.commissionReversed ?? 0,
      refundedQuantity: line.refundedQuantity ?? 0,
      attributed: line.attributed ?? false,
      payoutId: line.payoutId ?? null,
    });
  }
  const none = new Set<number>();
  const fees = (history.campaignFees ?? []).map((fee) => ({ ...fee, paid: fee.payoutId !== null && paid.has(fee.payoutId) }));
  return keptRowsOf(
    (function* () {
      for (const order of history.orders) {
        yield {
          order: {
            id: order.id,
            brandId: order.brandId,
            currency: order.currency,
            status: order.status,
            creatorId: order.creatorId ?? null,
            liveStreamId: order.liveStreamId ?? null,
            videoId: order.videoId ?? null,
            affiliateLinkId: order.affiliateLinkId ?? null,
            createdAt: order.createdAt,
            returnsUntil: order.returnsUntil ?? null,
          },
          lines: linesOf.get(order.id) ?? [],
          paidPayouts: paid,
          openReturnPositions: openPositions.get(order.id) ?? none,
        };
      }
    })(),
    fees,
  );
}

/** A period [from, to) (either end open when null) as kept rows read it. */
export interface PeriodSplit {
  /** The whole UTC days inside it, [from, to), read from the daily rows; null when it holds none. */
  days: { from: number | null; to: number | null } | null;
  /** The parts of days at its ends, [from, to), read from the orders themselves: at most two, each under a day. */
  edges: [Date, Date][];
}

/** Splits a period into the whole days the daily rows answer and the partial days at its ends. */
export function splitPeriod(from: Date | null, to: Date | null): PeriodSplit {
  const firstDay = from === null ? null : Math.ceil(from.getTime() / DAY_MS);
  const endDay = to === null ? null : Math.floor(to.getTime() / DAY_MS);
  if (from !== null && to !== null && firstDay! >= endDay!) return { days: null, edges: [[from, to]] };
  const edges: [Date, Date][] = [];
  if (from !== null && firstDay! * DAY_MS !== from.getTime()) edges.push([from, new Date(firstDay! * DAY_MS)]);
  if (to !== null && endDay! * DAY_MS !== to.getTime()) edges.push([new Date(endDay! * DAY_MS), to]);
  return { days: { from: firstDay, to: endDay }, edges };
}

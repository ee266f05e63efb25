/**
 * A brand's sales over a period, for its partner key (`../../analytics.ts` holds the rules): the
 * orders placed in [from, to) that were not cancelled, net of refunds. The period's whole UTC days
 * are read from the daily rollup (`sales_days`, kept with every order, refund and cancellation),
 * one walk down its key; the parts of days at its ends from those days' orders, summed by the same
 * rule that keeps the rollup (`keptRowsOf`). A year of a busy brand costs its days, not its orders.
 */
import { and, eq, gte, inArray, lt, ne } from 'drizzle-orm';
import type { Engine } from '@app/kit/db/engine';
import { keptRowsOf, splitPeriod } from '../kept-rows.ts';
import type { CommerceStatements, SalesFigures, SalesPeriod, SalesRow } from '../contract.ts';
import type { CommerceTables } from '../tables.ts';
import type { SalesKind } from '../../vocabulary.ts';

/** Orders per statement when a partial day's lines are read: one parameter each. */
const ORDER_SLICE = 500;

const FIGURES = ['orders', 'units', 'revenueAmount', 'refundAmount', 'commissionAmount'] as const satisfies readonly (keyof SalesFigures)[];

export function analyticsStatements(engine: Engine<CommerceTables>) {
  const { db } = engine;
  const { orders, orderLines, salesDays } = engine.tables;

  /** The period's sales of one view, per key, in no order. */
  const salesOf = async (period: SalesPeriod, kind: SalesKind): Promise<SalesRow[]> => {
    const { days, edges } = splitPeriod(period.from, period.to);
    const byKey = new Map<string, SalesRow>();
    const add = (row: SalesRow) => {
      const found = byKey.get(row.key);
      if (!found) byKey.set(row.key, { key: row.key, orders: row.orders, units: row.units, revenueAmount: row.revenueAmount, refundAmount: row.refundAmount, commissionAmount: row.commissionAmount });
      else for (const figure of FIGURES) found[figure] += row[figure];
    };
    if (days) {
      const rows = await db
        .select({ key: salesDays.key, orders: salesDays.orders, units: salesDays.units, revenueAmount: salesDays.revenueAmount, refundAmount: salesDays.refundAmount, commissionAmount: salesDays.commissionAmount })
        .from(salesDays)
        .where(
          and(
            eq(salesDays.brandId, period.brandId),
            eq(salesDays.currency, period.currency),
            eq(salesDays.kind, kind),
            days.from === null ? undefined : gte(salesDays.day, days.from),
            days.to === null ? undefined : lt(salesDays.day, days.to),
          ),
        );
      rows.forEach(add);
    }
    for (const [from, to] of edges) {
      const placed = await db
        .select()
        .from(orders)
        .where(and(eq(orders.brandId, period.brandId), gte(orders.createdAt, from), lt(orders.createdAt, to), eq(orders.currency, period.currency), ne(orders.status, 'CANCELLED')));
      for (let i = 0; i < placed.length; i += ORDER_SLICE) {
        const slice = placed.slice(i, i + ORDER_SLICE);
        const lines = await db
          .select()
          .from(orderLines)
          .where(
            inArray(
              orderLines.orderId,
              slice.map((order) => order.id),
            ),
          );
        const none = new Set<never>();
        const kept = keptRowsOf(slice.map((order) => ({ order, lines: lines.filter((line) => line.orderId === order.id), paidPayouts: none, openReturnPositions: none })));
        kept.salesDays.filter((row) => row.kind === kind).forEach(add);
      }
    }
    // A key whose orders were all cancelled since keeps a row of zeros.
    return [...byKey.values()].filter((row) => row.orders > 0);
  };

  /** Most revenue first (the key breaks ties), at most `first` rows. */
  const ranked = async (period: SalesPeriod, kind: SalesKind, first: number): Promise<SalesRow[]> =>
    (await salesOf(period, kind)).sort((a, b) => b.revenueAmount - a.revenueAmount || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).slice(0, first);

  return {
    brandSalesTotals: async (period) => {
      const [total] = await salesOf(period, 'brand');
      return { orders: total?.orders ?? 0, units: total?.units ?? 0, revenueAmount: total?.revenueAmount ?? 0, refundAmount: total?.refundAmount ?? 0, commissionAmount: total?.commissionAmount ?? 0 };
    },
    brandSalesByProduct: (period, first) => ranked(period, 'product', first),
    brandSalesByCreator: (period, first) => ranked(period, 'creator', first),
    brandSalesByLiveStream: (period, first) => ranked(period, 'stream', first),
  } satisfies Partial<CommerceStatements>;
}

/**
 * A brand's sales over a period, for its partner key (`../analytics.ts` holds the rules): the
 * orders placed in [from, to) that were not cancelled, net of refunds, in one statement per view.
 */
import { and, asc, desc, eq, gte, isNotNull, lt, ne, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { orderLines, orders, type CommerceDb } from './schema.ts';

/** What a set of order lines sold, in minor units of the period's currency. */
export interface SalesFigures {
  orders: number;
  units: number;
  revenueAmount: number;
  refundAmount: number;
  commissionAmount: number;
}

export interface SalesRow extends SalesFigures {
  /** What the row is for: a product, a creator or a live stream. */
  key: string;
}

export interface SalesPeriod {
  brandId: string;
  currency: string;
  from: Date;
  to: Date;
}

/** Units and money net of refunds: what the brand kept. */
export const salesColumns = {
  orders: sql<number>`count(distinct ${orders.id})`,
  units: sql<number>`coalesce(sum(${orderLines.quantity} - ${orderLines.refundedQuantity}), 0)`,
  revenueAmount: sql<number>`coalesce(sum(${orderLines.totalAmount} - ${orderLines.refundedQuantity} * ${orderLines.unitPriceAmount}), 0)`,
  refundAmount: sql<number>`coalesce(sum(${orderLines.refundedQuantity} * ${orderLines.unitPriceAmount}), 0)`,
  commissionAmount: sql<number>`coalesce(sum(${orderLines.commissionAmount} - ${orderLines.commissionReversed}), 0)`,
};

/** The brand's orders of the period that stand (not cancelled). */
export const inPeriod = (period: SalesPeriod): SQL | undefined =>
  and(eq(orders.brandId, period.brandId), eq(orders.currency, period.currency), ne(orders.status, 'CANCELLED'), gte(orders.createdAt, period.from), lt(orders.createdAt, period.to));

/** The lines an attribution covers (the link's product, the stream's pins): what a creator or stream sold. */
export const attributedLines = eq(orderLines.attributed, true);

export function analyticsStatements(db: CommerceDb) {
  /** Sales grouped by `key`, most revenue first, at most `first` rows. */
  const grouped = (period: SalesPeriod, key: SQLWrapper, where: SQL | undefined, first: number): SalesRow[] =>
    db
      .select({ key: sql<string>`${key}`, ...salesColumns })
      .from(orderLines)
      .innerJoin(orders, eq(orders.id, orderLines.orderId))
      .where(and(inPeriod(period), where))
      .groupBy(sql`${key}`)
      .orderBy(desc(salesColumns.revenueAmount), asc(sql`${key}`))
      .limit(first)
      .all();

  return {
    brandSalesTotals: (period: SalesPeriod): SalesFigures =>
      db
        .select(salesColumns)
        .from(orderLines)
        .innerJoin(orders, eq(orders.id, orderLines.orderId))
        .where(inPeriod(period))
        .get() as SalesFigures,

    brandSalesByProduct: (period: SalesPeriod, first: number): SalesRow[] => grouped(period, orderLines.productId, undefined, first),

    brandSalesByCreator: (period: SalesPeriod, first: number): SalesRow[] => grouped(period, orders.creatorId, and(isNotNull(orders.creatorId), attributedLines), first),

    brandSalesByLiveStream: (period: SalesPeriod, first: number): SalesRow[] => grouped(period, orders.liveStreamId, and(isNotNull(orders.liveStreamId), attributedLines), first),
  };
}

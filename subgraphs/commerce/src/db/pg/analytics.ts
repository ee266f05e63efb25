/** `../analytics.ts` on Postgres: the same views of a brand's sales. */
import { and, asc, desc, eq, gte, isNotNull, lt, ne, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { PgDb } from '@app/kit/pg';
import type { Queries } from '@app/kit/store';
import type { analyticsStatements, SalesFigures, SalesPeriod } from '../analytics.ts';
import { orderLines, orders } from './schema.ts';

export type AnalyticsStatements = ReturnType<typeof analyticsStatements>;

// Postgres' count() and sum() are bigints, which the driver answers as strings.
const salesColumns = {
  orders: sql<number>`count(distinct ${orders.id})`.mapWith(Number),
  units: sql<number>`coalesce(sum(${orderLines.quantity} - ${orderLines.refundedQuantity}), 0)`.mapWith(Number),
  revenueAmount: sql<number>`coalesce(sum(${orderLines.totalAmount} - ${orderLines.refundedQuantity} * ${orderLines.unitPriceAmount}), 0)`.mapWith(Number),
  refundAmount: sql<number>`coalesce(sum(${orderLines.refundedQuantity} * ${orderLines.unitPriceAmount}), 0)`.mapWith(Number),
  commissionAmount: sql<number>`coalesce(sum(${orderLines.commissionAmount} - ${orderLines.commissionReversed}), 0)`.mapWith(Number),
};

const inPeriod = (period: SalesPeriod): SQL | undefined =>
  and(eq(orders.brandId, period.brandId), eq(orders.currency, period.currency), ne(orders.status, 'CANCELLED'), gte(orders.createdAt, period.from), lt(orders.createdAt, period.to));

const attributedLines = eq(orderLines.attributed, true);

export function analyticsPgStatements(db: PgDb): Queries<AnalyticsStatements> {
  const grouped = async (period: SalesPeriod, key: SQLWrapper, where: SQL | undefined, first: number) =>
    db
      .select({ key: sql<string>`${key}`, ...salesColumns })
      .from(orderLines)
      .innerJoin(orders, eq(orders.id, orderLines.orderId))
      .where(and(inPeriod(period), where))
      .groupBy(sql`${key}`)
      .orderBy(desc(sql`coalesce(sum(${orderLines.totalAmount} - ${orderLines.refundedQuantity} * ${orderLines.unitPriceAmount}), 0)`), asc(sql`${key}`))
      .limit(first);

  return {
    brandSalesTotals: async (period) => (await db.select(salesColumns).from(orderLines).innerJoin(orders, eq(orders.id, orderLines.orderId)).where(inPeriod(period)))[0] as SalesFigures,
    brandSalesByProduct: (period, first) => grouped(period, orderLines.productId, undefined, first),
    brandSalesByCreator: (period, first) => grouped(period, orders.creatorId, and(isNotNull(orders.creatorId), attributedLines), first),
    brandSalesByLiveStream: (period, first) => grouped(period, orders.liveStreamId, and(isNotNull(orders.liveStreamId), attributedLines), first),
  };
}

/**
 * A brand's sales over a period, for its partner key (`../../analytics.ts` holds the rules): the
 * orders placed in [from, to) that were not cancelled, net of refunds, in one statement per view.
 */
import { and, asc, countDistinct, desc, eq, gte, isNotNull, lt, ne, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Engine } from '@app/kit/db/engine';
import { sumOf } from '@app/kit/db/shapes';
import type { CommerceStatements, SalesPeriod, SalesRow } from '../contract.ts';
import type { CommerceTables } from '../tables.ts';

export function analyticsStatements(engine: Engine<CommerceTables>) {
  const { db } = engine;
  const { orders, orderLines } = engine.tables;

  /** Units and money net of refunds: what the brand kept. */
  const salesColumns = {
    orders: countDistinct(orders.id),
    units: sumOf(sql`${orderLines.quantity} - ${orderLines.refundedQuantity}`),
    revenueAmount: sumOf(sql`${orderLines.totalAmount} - ${orderLines.refundedQuantity} * ${orderLines.unitPriceAmount}`),
    refundAmount: sumOf(sql`${orderLines.refundedQuantity} * ${orderLines.unitPriceAmount}`),
    commissionAmount: sumOf(sql`${orderLines.commissionAmount} - ${orderLines.commissionReversed}`),
  };

  /** The brand's orders of the period that stand (not cancelled). */
  const inPeriod = (period: SalesPeriod): SQL | undefined =>
    and(eq(orders.brandId, period.brandId), eq(orders.currency, period.currency), ne(orders.status, 'CANCELLED'), gte(orders.createdAt, period.from), lt(orders.createdAt, period.to));

  /** The lines an attribution covers (the link's product, the stream's pins): what a creator or stream sold. */
  const attributedLines = eq(orderLines.attributed, true);

  /** Sales grouped by `key`, most revenue first, at most `first` rows. */
  const grouped = async (period: SalesPeriod, key: SQLWrapper, where: SQL | undefined, first: number): Promise<SalesRow[]> =>
    db
      .select({ key: sql<string>`${key}`, ...salesColumns })
      .from(orderLines)
      .innerJoin(orders, eq(orders.id, orderLines.orderId))
      .where(and(inPeriod(period), where))
      .groupBy(sql`${key}`)
      .orderBy(desc(salesColumns.revenueAmount), asc(sql`${key}`))
      .limit(first);

  return {
    brandSalesTotals: async (period) => (await db.select(salesColumns).from(orderLines).innerJoin(orders, eq(orders.id, orderLines.orderId)).where(inPeriod(period)))[0]!,
    brandSalesByProduct: (period, first) => grouped(period, orderLines.productId, undefined, first),
    brandSalesByCreator: (period, first) => grouped(period, orders.creatorId, and(isNotNull(orders.creatorId), attributedLines), first),
    brandSalesByLiveStream: (period, first) => grouped(period, orders.liveStreamId, and(isNotNull(orders.liveStreamId), attributedLines), first),
  } satisfies Partial<CommerceStatements>;
}

/**
 * `../settlement.ts` on Postgres: the same statements, the state worked out by the same rule.
 * Grouping is by output position (`group by 1`): Postgres does not see two copies of an expression
 * holding the same parameter (`now`) as one.
 */
import { and, desc, eq, gt, gte, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { Page } from '@app/kit/pagination';
import { insertChunks, type PgDb } from '@app/kit/pg';
import { perOwnerOf } from '@app/kit/sql';
import { beforePg, pagesPerOwnerPg } from '@app/kit/sql-pg';
import type { Queries } from '@app/kit/store';
import { PAYOUT_LINE_SLICE, type CommissionBucket, type PayableLine, type settlementStatements, type StatementFilter } from '../settlement.ts';
import { commissionPayouts, orderLines, orderReturnLines, orderReturns, orders } from './schema.ts';

export type SettlementStatements = ReturnType<typeof settlementStatements>;

const openReturnOnLine = sql`exists (select 1 from ${orderReturnLines} rl join ${orderReturns} r on r.id = rl.return_id where rl.order_id = ${orderLines.orderId} and rl.position = ${orderLines.position} and r.status = 'REQUESTED')`;

/** `../settlement.ts`'s `commissionBucket`, with `now` as a timestamp. */
export const commissionBucketPg = (now: Date) => sql<CommissionBucket>`case
  when ${orderLines.commissionReversed} = ${orderLines.commissionAmount} then 'REVERSED'
  when ${orderLines.payoutId} is not null then (select case when p.status = 'PAID' then 'PAID' else 'PROCESSING' end from ${commissionPayouts} p where p.id = ${orderLines.payoutId})
  when ${orders.status} = 'PAID' then 'PENDING'
  when ${orders.returnsUntil} > ${now.toISOString()}::timestamp or ${openReturnOnLine} then 'LOCKED'
  else 'PAYABLE' end`;

const net = sql<number>`${orderLines.commissionAmount} - ${orderLines.commissionReversed}`;
// Postgres' sum() of integers is a bigint, which the driver answers as a string.
const total = (of: SQL | typeof orderLines.commissionReversed) => sql<number>`sum(${of})`.mapWith(Number);

const lineView = (now: Date) => ({
  orderId: orderLines.orderId,
  position: orderLines.position,
  creatorId: sql<string>`${orders.creatorId}`,
  productId: orderLines.productId,
  title: orderLines.title,
  quantity: orderLines.quantity,
  refundedQuantity: orderLines.refundedQuantity,
  commissionBps: orderLines.commissionBps,
  commissionAmount: orderLines.commissionAmount,
  commissionReversed: orderLines.commissionReversed,
  currency: orders.currency,
  orderedAt: orders.createdAt,
  returnsUntil: orders.returnsUntil,
  payoutId: orderLines.payoutId,
  bucket: commissionBucketPg(now),
});

const earningLines = (filter: Pick<StatementFilter, 'from' | 'to'>): SQL | undefined =>
  and(gt(orderLines.commissionAmount, 0), filter.from ? gte(orders.createdAt, filter.from) : undefined, filter.to ? lt(orders.createdAt, filter.to) : undefined);

const payoutAfter = (page: Page) => beforePg([commissionPayouts.requestedAt, commissionPayouts.id], page.after && [Number(page.after[0]), String(page.after[1])]);

const linePairs = (lines: readonly PayableLine[]) => sql`(${orderLines.orderId}, ${orderLines.position}) in (${sql.join(
  lines.map((line) => sql`(${line.orderId}, ${line.position}::integer)`),
  sql`, `,
)})`;

const statementAfter = (page: Page) => beforePg([orders.createdAt, orders.id, orderLines.position], page.after && [Number(page.after[0]), String(page.after[1]), Number(page.after[2])]);

export function settlementPgStatements(db: PgDb): Queries<SettlementStatements> {
  return {
    commissionBuckets: async (creatorIds, now) =>
      db
        .select({ creatorId: sql<string>`${orders.creatorId}`, bucket: commissionBucketPg(now), net: total(net), reversed: total(orderLines.commissionReversed) })
        .from(orderLines)
        .innerJoin(orders, eq(orders.id, orderLines.orderId))
        .where(and(inArray(orders.creatorId, [...creatorIds]), earningLines({ from: null, to: null })))
        .groupBy(sql`1`, sql`2`),

    commissionLinePage: async (creatorId, filter, page, now) =>
      db
        .select(lineView(now))
        .from(orderLines)
        .innerJoin(orders, eq(orders.id, orderLines.orderId))
        .where(and(eq(orders.creatorId, creatorId), earningLines(filter), filter.buckets ? inArray(commissionBucketPg(now), [...filter.buckets]) : undefined, statementAfter(page)))
        .orderBy(desc(orders.createdAt), desc(orders.id), desc(orderLines.position))
        .limit(page.first + 1),

    commissionStatementTotals: async (creatorId, filter, now) =>
      db
        .select({ bucket: commissionBucketPg(now), net: total(net), reversed: total(orderLines.commissionReversed) })
        .from(orderLines)
        .innerJoin(orders, eq(orders.id, orderLines.orderId))
        .where(and(eq(orders.creatorId, creatorId), earningLines(filter)))
        .groupBy(sql`1`),

    orderCommissionLines: async (orderIds, now) =>
      db
        .select({ ownerId: orderLines.orderId, node: lineView(now) })
        .from(orderLines)
        .innerJoin(orders, eq(orders.id, orderLines.orderId))
        .where(and(inArray(orderLines.orderId, [...orderIds]), earningLines({ from: null, to: null })))
        .orderBy(orderLines.orderId, orderLines.position),

    payableCommissionLines: async (creatorId, currency, now) =>
      db
        .select({ orderId: orderLines.orderId, position: orderLines.position, amount: sql<number>`${net}`.mapWith(Number) })
        .from(orderLines)
        .innerJoin(orders, eq(orders.id, orderLines.orderId))
        .where(and(eq(orders.creatorId, creatorId), eq(orders.currency, currency), earningLines({ from: null, to: null }), sql`${commissionBucketPg(now)} = 'PAYABLE'`)),

    insertPayout: async (payout) => {
      await db.insert(commissionPayouts).values(payout);
    },

    assignPayoutLines: async (payoutId, lines) => {
      let assigned = 0;
      await insertChunks(lines, PAYOUT_LINE_SLICE, async (slice) => {
        const result = await db
          .update(orderLines)
          .set({ payoutId })
          .where(and(isNull(orderLines.payoutId), linePairs(slice)));
        assigned += result.rowCount ?? 0;
      });
      return assigned;
    },

    settlePayout: async (id, settlement) =>
      (
        await db
          .update(commissionPayouts)
          .set(settlement)
          .where(and(eq(commissionPayouts.id, id), eq(commissionPayouts.status, 'REQUESTED')))
          .returning()
      )[0],

    releasePayoutLines: async (payoutId) => {
      await db.update(orderLines).set({ payoutId: null }).where(eq(orderLines.payoutId, payoutId));
    },

    payoutsByIds: async (ids) => db.select().from(commissionPayouts).where(inArray(commissionPayouts.id, [...ids])),

    creatorPayoutPages: (creatorIds, page) =>
      pagesPerOwnerPg<typeof commissionPayouts>(db, {
        from: commissionPayouts,
        owner: commissionPayouts.creatorId,
        ownerIds: creatorIds,
        orderBy: [desc(commissionPayouts.requestedAt), desc(commissionPayouts.id)],
        where: payoutAfter(page),
        node: { table: commissionPayouts, id: commissionPayouts.id, ref: commissionPayouts.id },
        perOwner: perOwnerOf(page),
      }),
  };
}

/**
 * The statements of commission settlement (`../../settlement.ts` holds the rules). A line's state
 * is worked out in SQL from stored facts and `now`, never stored, so a window ending needs no job
 * to run: `commissionBucket` below is the one place it is written, for both engines. It gives a
 * line's state, with PAID split by its payout: PROCESSING while the payout provider has not
 * answered, PAID once it paid.
 */
import { and, desc, eq, gt, gte, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { Engine } from '@app/kit/db/engine';
import { before, pagesPerOwner, perOwnerOf, sumOf } from '@app/kit/db/shapes';
import type { Page } from '@app/kit/pagination';
import type { CommissionBucket } from '../../vocabulary.ts';
import type { CommerceStatements, PayableLine, StatementFilter } from '../contract.ts';
import type { CommerceTables } from '../tables.ts';

/** Lines per statement when a payout takes them: 2 parameters a line, far below either engine's limit. */
const PAYOUT_LINE_SLICE = 1_000;

/**
 * A line's state at `now` (settlement.ts states the rule), for a query of `order_lines` joined
 * to `orders`: all its commission clawed back → REVERSED; in a payout → PROCESSING or PAID; its
 * order not shipped → PENDING; inside its return window or under an open return → LOCKED; else
 * PAYABLE.
 */
export function commissionBucket(engine: Engine<CommerceTables>, now: Date): SQL<CommissionBucket> {
  const { orderLines, orders, commissionPayouts, orderReturnLines, orderReturns } = engine.tables;
  const openReturnOnLine = sql`exists (select 1 from ${orderReturnLines} rl join ${orderReturns} r on r.id = rl.return_id where rl.order_id = ${orderLines.orderId} and rl.position = ${orderLines.position} and r.status = 'REQUESTED')`;
  return sql<CommissionBucket>`case
    when ${orderLines.commissionReversed} = ${orderLines.commissionAmount} then 'REVERSED'
    when ${orderLines.payoutId} is not null then (select case when p.status = 'PAID' then 'PAID' else 'PROCESSING' end from ${commissionPayouts} p where p.id = ${orderLines.payoutId})
    when ${orders.status} = 'PAID' then 'PENDING'
    when ${gt(orders.returnsUntil, now)} or ${openReturnOnLine} then 'LOCKED'
    else 'PAYABLE' end`;
}

export function settlementStatements(engine: Engine<CommerceTables>) {
  const { db } = engine;
  const { orderLines, orders, commissionPayouts } = engine.tables;

  /** What a line earns: credited less clawed back. */
  const net = sql<number>`${orderLines.commissionAmount} - ${orderLines.commissionReversed}`.mapWith(Number);

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
    bucket: commissionBucket(engine, now),
  });

  /** Lines that earned a commission (the attributed creator's), placed in the period. */
  const earningLines = (filter: Pick<StatementFilter, 'from' | 'to'>): SQL | undefined =>
    and(gt(orderLines.commissionAmount, 0), filter.from ? gte(orders.createdAt, filter.from) : undefined, filter.to ? lt(orders.createdAt, filter.to) : undefined);

  /** A statement pages newest order first, by `[order createdAt ms, order id, line position]`. */
  const statementAfter = (page: Page) => before(engine, [orders.createdAt, orders.id, orderLines.position], page.after && [Number(page.after[0]), String(page.after[1]), Number(page.after[2])]);

  /** `(order_id, position) in ((…), …)` for a slice of lines (the position cast: a server engine cannot tell a bound value's type in a row). */
  const linePairs = (lines: readonly PayableLine[]) =>
    sql`(${orderLines.orderId}, ${orderLines.position}) in (${sql.join(
      lines.map((line) => sql`(${line.orderId}, cast(${line.position} as integer))`),
      sql`, `,
    )})`;

  // The totals group by output position: Postgres does not see two copies of an expression
  // holding the same parameter (`now`) as one.
  return {
    commissionBuckets: async (creatorIds, now) =>
      db
        .select({ creatorId: sql<string>`${orders.creatorId}`, bucket: commissionBucket(engine, now), net: sumOf(net), reversed: sumOf(orderLines.commissionReversed) })
        .from(orderLines)
        .innerJoin(orders, eq(orders.id, orderLines.orderId))
        .where(and(inArray(orders.creatorId, [...creatorIds]), earningLines({ from: null, to: null })))
        .groupBy(sql`1`, sql`2`),

    commissionLinePage: async (creatorId, filter, page, now) =>
      db
        .select(lineView(now))
        .from(orderLines)
        .innerJoin(orders, eq(orders.id, orderLines.orderId))
        .where(and(eq(orders.creatorId, creatorId), earningLines(filter), filter.buckets ? inArray(commissionBucket(engine, now), [...filter.buckets]) : undefined, statementAfter(page)))
        .orderBy(desc(orders.createdAt), desc(orders.id), desc(orderLines.position))
        .limit(page.first + 1),

    commissionStatementTotals: async (creatorId, filter, now) =>
      db
        .select({ bucket: commissionBucket(engine, now), net: sumOf(net), reversed: sumOf(orderLines.commissionReversed) })
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
        .select({ orderId: orderLines.orderId, position: orderLines.position, amount: net })
        .from(orderLines)
        .innerJoin(orders, eq(orders.id, orderLines.orderId))
        .where(and(eq(orders.creatorId, creatorId), eq(orders.currency, currency), earningLines({ from: null, to: null }), sql`${commissionBucket(engine, now)} = 'PAYABLE'`)),

    insertPayout: async (payout) => {
      await db.insert(commissionPayouts).values(payout);
    },

    assignPayoutLines: async (payoutId, lines) => {
      let assigned = 0;
      for (let i = 0; i < lines.length; i += PAYOUT_LINE_SLICE) {
        const taken = await db
          .update(orderLines)
          .set({ payoutId })
          .where(and(isNull(orderLines.payoutId), linePairs(lines.slice(i, i + PAYOUT_LINE_SLICE))))
          .returning({ orderId: orderLines.orderId });
        assigned += taken.length;
      }
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
      pagesPerOwner(engine, {
        from: commissionPayouts,
        owner: commissionPayouts.creatorId,
        ownerIds: creatorIds,
        orderBy: [desc(commissionPayouts.requestedAt), desc(commissionPayouts.id)],
        where: before(engine, [commissionPayouts.requestedAt, commissionPayouts.id], page.after && [Number(page.after[0]), String(page.after[1])]),
        node: { table: commissionPayouts, id: commissionPayouts.id, ref: commissionPayouts.id },
        perOwner: perOwnerOf(page),
      }),
  } satisfies Partial<CommerceStatements>;
}

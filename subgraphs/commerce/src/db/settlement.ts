/**
 * The statements of commission settlement (`../settlement.ts` holds the rules). A line's state is
 * worked out in SQL from stored facts and `now`, never stored, so a window ending needs no job to
 * run: `commissionBucket` below is the one place it is written for SQLite (`pg/settlement.ts` has
 * the same for Postgres). It gives a line's state, with PAID split by its payout: PROCESSING while
 * the payout provider has not answered, PAID once it paid.
 */
import { and, desc, eq, gt, gte, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { Page } from '@app/kit/pagination';
import { before, pagesPerOwner, perOwnerOf, type Owned } from '@app/kit/sql';
import { commissionPayouts, orderLines, orderReturnLines, orderReturns, orders, type CommerceDb, type CommissionPayoutRow } from './schema.ts';

export type NewPayout = typeof commissionPayouts.$inferInsert;

/** How a REQUESTED payout settles. */
export type PayoutSettlement = { status: 'PAID'; providerTransferId: string; settledAt: Date } | { status: 'FAILED'; failureReason: string; settledAt: Date };

/** A PAYABLE line and what it earns, as a payout takes it. */
export interface PayableLine {
  orderId: string;
  position: number;
  amount: number;
}

/** Lines per statement when a payout takes them: 2 parameters a line, far below SQLite's 32,766. */
export const PAYOUT_LINE_SLICE = 1_000;

export const COMMISSION_BUCKETS = ['PENDING', 'LOCKED', 'PAYABLE', 'REVERSED', 'PROCESSING', 'PAID'] as const;
export type CommissionBucket = (typeof COMMISSION_BUCKETS)[number];

/** An attributed line that earned commission, as the creator's statement shows it. */
export interface CommissionLineView {
  orderId: string;
  position: number;
  creatorId: string;
  productId: string;
  title: string;
  quantity: number;
  refundedQuantity: number;
  commissionBps: number;
  commissionAmount: number;
  commissionReversed: number;
  currency: string;
  orderedAt: Date;
  returnsUntil: Date | null;
  payoutId: string | null;
  bucket: CommissionBucket;
}

/** Which lines a statement shows: their states (all when null) and the period their orders were placed in, [from, to). */
export interface StatementFilter {
  buckets: readonly CommissionBucket[] | null;
  from: Date | null;
  to: Date | null;
}

/** What a set of lines adds up to in one state: what they earn (credited − reversed) and what was clawed back. */
export interface BucketTotal {
  bucket: CommissionBucket;
  net: number;
  reversed: number;
}

export interface CreatorBucketTotal extends BucketTotal {
  creatorId: string;
}

/** A line of an order, for the query its columns come from: `order_lines` joined to `orders`. */
const openReturnOnLine = sql`exists (select 1 from ${orderReturnLines} rl join ${orderReturns} r on r.id = rl.return_id where rl.order_id = ${orderLines.orderId} and rl.position = ${orderLines.position} and r.status = 'REQUESTED')`;

/**
 * A line's state at `now` (settlement.ts states the rule): all its commission clawed back →
 * REVERSED; in a payout → PROCESSING or PAID; its order not shipped → PENDING; inside its
 * return window or under an open return → LOCKED; else PAYABLE.
 */
export const commissionBucket = (now: Date) => sql<CommissionBucket>`case
  when ${orderLines.commissionReversed} = ${orderLines.commissionAmount} then 'REVERSED'
  when ${orderLines.payoutId} is not null then (select case when p.status = 'PAID' then 'PAID' else 'PROCESSING' end from ${commissionPayouts} p where p.id = ${orderLines.payoutId})
  when ${orders.status} = 'PAID' then 'PENDING'
  when ${orders.returnsUntil} > ${now.getTime()} or ${openReturnOnLine} then 'LOCKED'
  else 'PAYABLE' end`;

const net = sql<number>`${orderLines.commissionAmount} - ${orderLines.commissionReversed}`;

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
  bucket: commissionBucket(now),
});

/** Lines that earned a commission (the attributed creator's), placed in the period. */
const earningLines = (filter: Pick<StatementFilter, 'from' | 'to'>): SQL | undefined =>
  and(gt(orderLines.commissionAmount, 0), filter.from ? gte(orders.createdAt, filter.from) : undefined, filter.to ? lt(orders.createdAt, filter.to) : undefined);

/** A creator's payouts page newest first, by `[requestedAt ms, id]`. */
const payoutAfter = (page: Page) => before([commissionPayouts.requestedAt, commissionPayouts.id], page.after && [Number(page.after[0]), String(page.after[1])]);

/** `(order_id, position) in ((…), …)` for a slice of lines. */
export const linePairs = (lines: readonly PayableLine[]) => sql`(${orderLines.orderId}, ${orderLines.position}) in (${sql.join(
  lines.map((line) => sql`(${line.orderId}, ${line.position})`),
  sql`, `,
)})`;

/** A statement pages newest order first, by `[order createdAt ms, order id, line position]`. */
const statementAfter = (page: Page) => before([orders.createdAt, orders.id, orderLines.position], page.after && [Number(page.after[0]), String(page.after[1]), Number(page.after[2])]);

export function settlementStatements(db: CommerceDb) {
  return {
    /** Each of many creators' commission per state, one statement; a creator with none has no rows. */
    commissionBuckets: (creatorIds: readonly string[], now: Date): CreatorBucketTotal[] =>
      db
        .select({ creatorId: sql<string>`${orders.creatorId}`, bucket: commissionBucket(now), net: sql<number>`sum(${net})`, reversed: sql<number>`sum(${orderLines.commissionReversed})` })
        .from(orderLines)
        .innerJoin(orders, eq(orders.id, orderLines.orderId))
        .where(and(inArray(orders.creatorId, [...creatorIds]), earningLines({ from: null, to: null })))
        .groupBy(sql`1`, sql`2`)
        .all(),

    /** One page of a creator's statement, newest order first, with one extra row to tell whether more follow. */
    commissionLinePage: (creatorId: string, filter: StatementFilter, page: Page, now: Date): CommissionLineView[] =>
      db
        .select(lineView(now))
        .from(orderLines)
        .innerJoin(orders, eq(orders.id, orderLines.orderId))
        .where(and(eq(orders.creatorId, creatorId), earningLines(filter), filter.buckets ? inArray(commissionBucket(now), [...filter.buckets]) : undefined, statementAfter(page)))
        .orderBy(desc(orders.createdAt), desc(orders.id), desc(orderLines.position))
        .limit(page.first + 1)
        .all(),

    /** A creator's statement per state over a period, whatever states its page shows. */
    commissionStatementTotals: (creatorId: string, filter: StatementFilter, now: Date): BucketTotal[] =>
      db
        .select({ bucket: commissionBucket(now), net: sql<number>`sum(${net})`, reversed: sql<number>`sum(${orderLines.commissionReversed})` })
        .from(orderLines)
        .innerJoin(orders, eq(orders.id, orderLines.orderId))
        .where(and(eq(orders.creatorId, creatorId), earningLines(filter)))
        .groupBy(sql`1`)
        .all(),

    /** The lines of many orders that earned commission, in line order. */
    orderCommissionLines: (orderIds: readonly string[], now: Date): Owned<CommissionLineView>[] =>
      db
        .select({ ownerId: orderLines.orderId, node: lineView(now) })
        .from(orderLines)
        .innerJoin(orders, eq(orders.id, orderLines.orderId))
        .where(and(inArray(orderLines.orderId, [...orderIds]), earningLines({ from: null, to: null })))
        .orderBy(orderLines.orderId, orderLines.position)
        .all(),

    /** A creator's PAYABLE lines in one currency at `now`, with what each earns. */
    payableCommissionLines: (creatorId: string, currency: string, now: Date): PayableLine[] =>
      db
        .select({ orderId: orderLines.orderId, position: orderLines.position, amount: net })
        .from(orderLines)
        .innerJoin(orders, eq(orders.id, orderLines.orderId))
        .where(and(eq(orders.creatorId, creatorId), eq(orders.currency, currency), earningLines({ from: null, to: null }), sql`${commissionBucket(now)} = 'PAYABLE'`))
        .all(),

    insertPayout: (payout: NewPayout): void => {
      db.insert(commissionPayouts).values(payout).run();
    },

    /** Puts lines in a payout, only those in none yet; answers how many it put. */
    assignPayoutLines: (payoutId: string, lines: readonly PayableLine[]): number => {
      let assigned = 0;
      for (let i = 0; i < lines.length; i += PAYOUT_LINE_SLICE) {
        assigned += db
          .update(orderLines)
          .set({ payoutId })
          .where(and(isNull(orderLines.payoutId), linePairs(lines.slice(i, i + PAYOUT_LINE_SLICE))))
          .run().changes;
      }
      return assigned;
    },

    /** REQUESTED → PAID or FAILED, only from REQUESTED; undefined when it was settled already. */
    settlePayout: (id: string, settlement: PayoutSettlement): CommissionPayoutRow | undefined =>
      db
        .update(commissionPayouts)
        .set(settlement)
        .where(and(eq(commissionPayouts.id, id), eq(commissionPayouts.status, 'REQUESTED')))
        .returning()
        .get(),

    /** Takes a failed payout's lines out of it, so their commission is payable again. */
    releasePayoutLines: (payoutId: string): void => {
      db.update(orderLines).set({ payoutId: null }).where(eq(orderLines.payoutId, payoutId)).run();
    },

    payoutsByIds: (ids: readonly string[]): CommissionPayoutRow[] => db.select().from(commissionPayouts).where(inArray(commissionPayouts.id, [...ids])).all(),

    /** A page of each of many creators' payouts, newest first. */
    creatorPayoutPages: (creatorIds: readonly string[], page: Page): Owned<CommissionPayoutRow>[] =>
      pagesPerOwner(db, {
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

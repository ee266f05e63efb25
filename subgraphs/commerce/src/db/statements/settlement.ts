/**
 * The statements of commission settlement (`../../settlement.ts` holds the rules). A line's state
 * is worked out in SQL from stored facts and `now`, never stored, so a window ending needs no job
 * to run: `commissionBucket` below is the one place it is written, for both engines. It gives a
 * line's state, with PAID split by its payout: PROCESSING while the payout provider has not
 * answered, PAID once it paid.
 */
import { and, eq, gt, gte, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Engine } from '@app/kit/db/engine';
import { keysetPage, pagesPerOwner, perOwnerOf, sumOf } from '@app/kit/db/shapes';
import type { Page } from '@app/kit/pagination';
import { KEPT_COMMISSION_STATES, type CommissionBucket, type KeptCommissionState } from '../../vocabulary.ts';
import type { BucketTotal, CommerceStatements, PayableLine, StatementFilter } from '../contract.ts';
import { splitPeriod } from '../kept-rows.ts';
import type { CommerceTables } from '../tables.ts';
import { keptUpkeep } from './kept.ts';

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

interface Amounts {
  net: number;
  reversed: number;
}

interface KeptTotal extends Amounts {
  state: KeptCommissionState;
}

/**
 * What kept totals say per bucket at the time their locks were read for: SETTLING is LOCKED as far
 * as its locks end later, PAYABLE for the rest. A bucket with nothing in it has no row.
 */
function bucketTotals(totals: readonly KeptTotal[], locked: Amounts | undefined): BucketTotal[] {
  const out: BucketTotal[] = [];
  const put = (bucket: CommissionBucket, net: number, reversed: number) => {
    if (net !== 0 || reversed !== 0) out.push({ bucket, net, reversed });
  };
  for (const total of totals) {
    if (total.state !== 'SETTLING') put(total.state, total.net, total.reversed);
    else {
      put('LOCKED', locked?.net ?? 0, locked?.reversed ?? 0);
      put('PAYABLE', total.net - (locked?.net ?? 0), total.reversed - (locked?.reversed ?? 0));
    }
  }
  return out;
}

export function settlementStatements(engine: Engine<CommerceTables>) {
  const { db } = engine;
  const { orderLines, orders, commissionPayouts, campaignFees, creatorCommissionTotals, creatorCommissionDays, creatorCommissionLocks } = engine.tables;
  // A payout moves its lines' and campaign fees' kept commission (PROCESSING, PAID, back when it fails).
  const { restated, restatedFees } = keptUpkeep(engine);
  const ordersInPayout = async (payoutId: string) => [...new Set((await db.select({ orderId: orderLines.orderId }).from(orderLines).where(eq(orderLines.payoutId, payoutId))).map((row) => row.orderId))];
  const feesInPayout = async (payoutId: string) => (await db.select({ id: campaignFees.id }).from(campaignFees).where(eq(campaignFees.payoutId, payoutId))).map((row) => row.id);
  /** A fee's state at its payout: PAYABLE in none (no window holds a fee), else PROCESSING or PAID as its payout. */
  const feeBucket = sql<CommissionBucket>`case when ${campaignFees.payoutId} is null then 'PAYABLE' else (select case when p.status = 'PAID' then 'PAID' else 'PROCESSING' end from ${commissionPayouts} p where p.id = ${campaignFees.payoutId}) end`;

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
    campaignId: orderLines.campaignId,
    currency: orders.currency,
    orderedAt: orders.createdAt,
    returnsUntil: orders.returnsUntil,
    payoutId: orderLines.payoutId,
    bucket: commissionBucket(engine, now),
  });

  /** Lines that earned a commission (the attributed creator's), placed in the period. */
  const earningLines = (filter: Pick<StatementFilter, 'from' | 'to'>): SQL | undefined =>
    and(gt(orderLines.commissionAmount, 0), filter.from ? gte(orders.createdAt, filter.from) : undefined, filter.to ? lt(orders.createdAt, filter.to) : undefined);

  /** A statement pages newest order first, by `[order createdAt ms, order id, line position]`, either way. */
  const statementWalk = (page: Page) => keysetPage(engine, [orders.createdAt, orders.id, orderLines.position], 'desc', page, (key) => [Number(key[0]), String(key[1]), Number(key[2])]);

  /** `(order_id, position) in ((…), …)` for a slice of lines (the position cast: a server engine cannot tell a bound value's type in a row). */
  const linePairs = (lines: readonly PayableLine[]) =>
    sql`(${orderLines.orderId}, ${orderLines.position}) in (${sql.join(
      lines.map((line) => sql`(${line.orderId}, cast(${line.position} as integer))`),
      sql`, `,
    )})`;

  // The totals group by output position: Postgres does not see two copies of an expression
  // holding the same parameter (`now`) as one.
  return {
    commissionBuckets: async (creatorIds, now) => {
      if (creatorIds.length === 0) return [];
      const ids = [...new Set(creatorIds)];
      const totals = await db.select().from(creatorCommissionTotals).where(inArray(creatorCommissionTotals.creatorId, ids));
      const locked = await db
        .select({ creatorId: creatorCommissionLocks.creatorId, net: sumOf(creatorCommissionLocks.net), reversed: sumOf(creatorCommissionLocks.reversed) })
        .from(creatorCommissionLocks)
        .where(and(inArray(creatorCommissionLocks.creatorId, ids), gt(creatorCommissionLocks.unlocksAt, now)))
        .groupBy(creatorCommissionLocks.creatorId);
      return ids.flatMap((creatorId) =>
        bucketTotals(
          totals.filter((row) => row.creatorId === creatorId),
          locked.find((row) => row.creatorId === creatorId),
        ).map((total) => ({ creatorId, ...total })),
      );
    },

    commissionLinePage: async (creatorId, filter, page, now) => {
      const { where, orderBy } = statementWalk(page);
      return db
        .select(lineView(now))
        .from(orderLines)
        .innerJoin(orders, eq(orders.id, orderLines.orderId))
        .where(and(eq(orders.creatorId, creatorId), earningLines(filter), filter.buckets ? inArray(commissionBucket(engine, now), [...filter.buckets]) : undefined, where))
        .orderBy(...orderBy)
        .limit(page.first + 1);
    },

    commissionStatementTotals: async (creatorId, filter, now) => {
      const { days, edges } = splitPeriod(filter.from, filter.to);
      const totals: KeptTotal[] = [];
      let locked: Amounts | undefined;
      if (days && days.from === null && days.to === null) {
        // All time: the creator's totals, not their days.
        totals.push(...(await db.select().from(creatorCommissionTotals).where(eq(creatorCommissionTotals.creatorId, creatorId))));
        [locked] = await db
          .select({ net: sumOf(creatorCommissionLocks.net), reversed: sumOf(creatorCommissionLocks.reversed) })
          .from(creatorCommissionLocks)
          .where(and(eq(creatorCommissionLocks.creatorId, creatorId), gt(creatorCommissionLocks.unlocksAt, now)));
      } else if (days) {
        const inDays = (day: SQLiteColumn) => and(days.from === null ? undefined : gte(day, days.from), days.to === null ? undefined : lt(day, days.to));
        totals.push(
          ...(await db
            .select({ state: creatorCommissionDays.state, net: sumOf(creatorCommissionDays.net), reversed: sumOf(creatorCommissionDays.reversed) })
            .from(creatorCommissionDays)
            .where(and(eq(creatorCommissionDays.creatorId, creatorId), inArray(creatorCommissionDays.state, [...KEPT_COMMISSION_STATES]), inDays(creatorCommissionDays.day)))
            .groupBy(creatorCommissionDays.state)),
        );
        [locked] = await db
          .select({ net: sumOf(creatorCommissionLocks.net), reversed: sumOf(creatorCommissionLocks.reversed) })
          .from(creatorCommissionLocks)
          .where(and(eq(creatorCommissionLocks.creatorId, creatorId), gt(creatorCommissionLocks.unlocksAt, now), inDays(creatorCommissionLocks.day)));
      }
      const result = bucketTotals(totals, locked);
      // The parts of days at the period's ends: their lines, each in its state at `now`, and the fees that became payable then.
      const add = (bucket: CommissionBucket, amount: number, reversed: number) => {
        const found = result.find((row) => row.bucket === bucket);
        if (found) {
          found.net += amount;
          found.reversed += reversed;
        } else result.push({ bucket, net: amount, reversed });
      };
      for (const [from, to] of edges) {
        const fees = await db
          .select({ bucket: feeBucket, amount: campaignFees.amount })
          .from(campaignFees)
          .where(and(eq(campaignFees.creatorId, creatorId), gte(campaignFees.payableAt, from), lt(campaignFees.payableAt, to)));
        for (const fee of fees) add(fee.bucket, fee.amount, 0);
        const lines = await db
          .select({ bucket: commissionBucket(engine, now), net, reversed: orderLines.commissionReversed })
          .from(orderLines)
          .innerJoin(orders, eq(orders.id, orderLines.orderId))
          .where(and(eq(orders.creatorId, creatorId), earningLines({ from, to })));
        for (const line of lines) add(line.bucket, line.net, line.reversed);
      }
      return result;
    },

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

    assignPayoutLines: (payoutId, lines) =>
      restated([...new Set(lines.map((line) => line.orderId))], async () => {
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
      }),

    payableCampaignFees: (creatorId, currency) =>
      db
        .select({ id: campaignFees.id, amount: campaignFees.amount })
        .from(campaignFees)
        .where(and(eq(campaignFees.creatorId, creatorId), eq(campaignFees.currency, currency), isNull(campaignFees.payoutId))),

    assignPayoutFees: (payoutId, feeIds) =>
      restatedFees(feeIds, async () =>
        feeIds.length === 0
          ? 0
          : (
              await db
                .update(campaignFees)
                .set({ payoutId })
                .where(and(isNull(campaignFees.payoutId), inArray(campaignFees.id, [...feeIds])))
                .returning({ id: campaignFees.id })
            ).length,
      ),

    settlePayout: async (id, settlement) =>
      restatedFees(await feesInPayout(id), async () => restated(
        await ordersInPayout(id),
        async () =>
          (
            await db
              .update(commissionPayouts)
              .set(settlement)
              .where(and(eq(commissionPayouts.id, id), eq(commissionPayouts.status, 'REQUESTED')))
              .returning()
          )[0],
      )),

    releasePayoutLines: async (payoutId) =>
      restatedFees(await feesInPayout(payoutId), async () =>
        restated(await ordersInPayout(payoutId), async () => {
          await db.update(orderLines).set({ payoutId: null }).where(eq(orderLines.payoutId, payoutId));
          await db.update(campaignFees).set({ payoutId: null }).where(eq(campaignFees.payoutId, payoutId));
        }),
      ),

    payoutsByIds: async (ids) => db.select().from(commissionPayouts).where(inArray(commissionPayouts.id, [...ids])),

    creatorPayoutPages: (creatorIds, page) =>
      pagesPerOwner(engine, {
        from: commissionPayouts,
        owner: commissionPayouts.creatorId,
        ownerIds: creatorIds,
        ...keysetPage(engine, [commissionPayouts.requestedAt, commissionPayouts.id], 'desc', page, (key) => [Number(key[0]), String(key[1])]),
        node: { table: commissionPayouts, id: commissionPayouts.id, ref: commissionPayouts.id },
        perOwner: perOwnerOf(page),
      }),
  } satisfies Partial<CommerceStatements>;
}

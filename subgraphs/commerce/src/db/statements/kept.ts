/**
 * The kept rows' upkeep: `restated` wraps every write that changes an order, its lines, a return or
 * a payout, in the write's transaction, and moves the kept rows by what the orders it touched add
 * after the write less what they added before (`../kept-rows.ts` works both out). The reads of an
 * order's facts are by key, as many as the write touches. `keptCountDifferences` recounts every
 * kept row from all of history, by nature (`npm run reconcile`, never a request).
 */
import { and, eq, getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Engine } from '@app/kit/db/engine';
import type { KeptCountDifference } from '@app/kit/db/reconcile';
import { KEPT_VALUES, keptChange, keptRowsFromHistory, keptRowsOf, keyOf, type FeeFacts, type KeptRows, type OrderFacts } from '../kept-rows.ts';
import type { CommerceStatements } from '../contract.ts';
import type { CommerceTables } from '../tables.ts';

/** Orders read per statement when restating: one parameter each. */
const ORDER_SLICE = 500;

/** What the writes use to keep the kept rows: not statements of the store, helpers of its writes. */
export function keptUpkeep(engine: Engine<CommerceTables>) {
  const { db } = engine;
  const { orders, orderLines, orderReturns, orderReturnLines, commissionPayouts, campaignFees, salesDays, productSales, affiliateLinkSales, videoSales, creatorCommissionTotals, creatorCommissionDays, creatorCommissionLocks } =
    engine.tables;

  const keptTables: { [T in keyof KeptRows]: SQLiteTable } = {
    salesDays,
    productSales,
    linkSales: affiliateLinkSales,
    videoSales,
    commissionTotals: creatorCommissionTotals,
    commissionDays: creatorCommissionDays,
    commissionLocks: creatorCommissionLocks,
  };

  /** The facts of some orders, as `keptRowsOf` takes them. */
  const orderFacts = async (orderIds: readonly string[]): Promise<OrderFacts[]> => {
    const facts: OrderFacts[] = [];
    for (let i = 0; i < orderIds.length; i += ORDER_SLICE) {
      const ids = [...new Set(orderIds.slice(i, i + ORDER_SLICE))];
      const found = await db.select().from(orders).where(inArray(orders.id, ids));
      if (found.length === 0) continue;
      const lines = await db.select().from(orderLines).where(inArray(orderLines.orderId, ids));
      const payoutIds = [...new Set(lines.flatMap((line) => (line.payoutId === null ? [] : [line.payoutId])))];
      const paid =
        payoutIds.length === 0
          ? []
          : await db
              .select({ id: commissionPayouts.id })
              .from(commissionPayouts)
              .where(and(inArray(commissionPayouts.id, payoutIds), eq(commissionPayouts.status, 'PAID')));
      const open = await db
        .select({ orderId: orderReturnLines.orderId, position: orderReturnLines.position })
        .from(orderReturns)
        .innerJoin(orderReturnLines, eq(orderReturnLines.returnId, orderReturns.id))
        .where(and(inArray(orderReturns.orderId, ids), eq(orderReturns.status, 'REQUESTED')));
      const paidPayouts = new Set(paid.map((row) => row.id));
      for (const order of found) {
        facts.push({
          order,
          lines: lines.filter((line) => line.orderId === order.id),
          paidPayouts,
          openReturnPositions: new Set(open.filter((row) => row.orderId === order.id).map((row) => row.position)),
        });
      }
    }
    return facts;
  };

  /** Adds `rows` to the kept rows (a negative value takes off), creating the rows not kept yet. */
  const addKept = async (rows: KeptRows): Promise<void> => {
    for (const name of Object.keys(keptTables) as (keyof KeptRows)[]) {
      const table = keptTables[name];
      const list = rows[name] as unknown as Record<string, unknown>[];
      if (list.length === 0) continue;
      const columns = getTableColumns(table) as Record<string, SQLiteColumn>;
      const values = KEPT_VALUES[name] as readonly string[];
      const target = Object.keys(columns)
        .filter((column) => !values.includes(column))
        .map((column) => columns[column]!);
      const set = Object.fromEntries(values.map((value) => [value, sql`${columns[value]!} + excluded.${sql.identifier(columns[value]!.name)}`]));
      const size = engine.rowsPerInsert(Object.keys(columns).length);
      for (let i = 0; i < list.length; i += size) {
        await db
          .insert(table)
          .values(list.slice(i, i + size) as never[])
          .onConflictDoUpdate({ target, set });
      }
    }
  };

  /** Runs a write that changes these orders, moving the kept rows with it (inside the write's transaction). */
  const restated = async <T>(orderIds: readonly string[], write: () => Promise<T>): Promise<T> => {
    const before = keptRowsOf(await orderFacts(orderIds));
    const result = await write();
    const after = keptRowsOf(await orderFacts(orderIds));
    await addKept(keptChange(before, after));
    return result;
  };

  /** The facts of some campaign fees, as `keptRowsOf` takes them. */
  const feeFacts = async (feeIds: readonly string[]): Promise<FeeFacts[]> => {
    if (feeIds.length === 0) return [];
    const fees = await db.select().from(campaignFees).where(inArray(campaignFees.id, [...new Set(feeIds)]));
    const payoutIds = [...new Set(fees.flatMap((fee) => (fee.payoutId === null ? [] : [fee.payoutId])))];
    const paid = new Set(
      payoutIds.length === 0
        ? []
        : (
            await db
              .select({ id: commissionPayouts.id })
              .from(commissionPayouts)
              .where(and(inArray(commissionPayouts.id, payoutIds), eq(commissionPayouts.status, 'PAID')))
          ).map((row) => row.id),
    );
    return fees.map((fee) => ({ creatorId: fee.creatorId, amount: fee.amount, payableAt: fee.payableAt, payoutId: fee.payoutId, paid: fee.payoutId !== null && paid.has(fee.payoutId) }));
  };

  /** Runs a write that changes these campaign fees, moving the kept commission rows with it. */
  const restatedFees = async <T>(feeIds: readonly string[], write: () => Promise<T>): Promise<T> => {
    const before = keptRowsOf([], await feeFacts(feeIds));
    const result = await write();
    const after = keptRowsOf([], await feeFacts(feeIds));
    await addKept(keptChange(before, after));
    return result;
  };

  /** Every kept row as stored, without rows all of whose values are 0. */
  const storedKept = async (): Promise<KeptRows> => {
    const read = async (name: keyof KeptRows) => {
      const values = KEPT_VALUES[name] as readonly string[];
      const columns = getTableColumns(keptTables[name]) as Record<string, SQLiteColumn>;
      const nonZero: SQL = sql.join(
        values.map((value) => sql`${columns[value]!} <> 0`),
        sql` or `,
      );
      const rows = (await db.select().from(keptTables[name]).where(nonZero)) as Record<string, unknown>[];
      // Postgres may answer integer sums as strings; these are plain integer columns, read as numbers all the same.
      return rows.map((row) => Object.fromEntries(Object.entries(row).map(([column, value]) => [column, values.includes(column) ? Number(value) : value])));
    };
    return {
      salesDays: (await read('salesDays')) as unknown as KeptRows['salesDays'],
      productSales: (await read('productSales')) as unknown as KeptRows['productSales'],
      linkSales: (await read('linkSales')) as unknown as KeptRows['linkSales'],
      videoSales: (await read('videoSales')) as unknown as KeptRows['videoSales'],
      commissionTotals: (await read('commissionTotals')) as unknown as KeptRows['commissionTotals'],
      commissionDays: (await read('commissionDays')) as unknown as KeptRows['commissionDays'],
      commissionLocks: (await read('commissionLocks')) as unknown as KeptRows['commissionLocks'],
    };
  };

  return { keptTables, orderFacts, addKept, restated, restatedFees, storedKept };
}

export function keptStatements(engine: Engine<CommerceTables>) {
  const { db } = engine;
  const { orders, orderLines, orderReturns, orderReturnLines, commissionPayouts, campaignFees, campaigns, campaignMembers, campaignSamples, creatorFulfilment } = engine.tables;
  const { keptTables, storedKept } = keptUpkeep(engine);

  /** Campaigns' seats and creators' sample records, each against a count of the rows behind it. */
  const campaignDifferences = async (): Promise<KeptCountDifference[]> => {
    const differences: KeptCountDifference[] = [];
    const accepted = new Map<string, number>();
    for (const row of await db.select({ campaignId: campaignMembers.campaignId }).from(campaignMembers).where(eq(campaignMembers.status, 'ACCEPTED'))) {
      accepted.set(row.campaignId, (accepted.get(row.campaignId) ?? 0) + 1);
    }
    for (const campaign of await db.select({ id: campaigns.id, acceptedCount: campaigns.acceptedCount }).from(campaigns)) {
      const recounted = accepted.get(campaign.id) ?? 0;
      if (campaign.acceptedCount !== recounted) differences.push({ count: 'campaigns.accepted_count', key: campaign.id, kept: campaign.acceptedCount, recounted });
    }
    const settled = new Map<string, { fulfilled: number; missed: number }>();
    for (const row of await db.select({ creatorId: campaignSamples.creatorId, status: campaignSamples.status }).from(campaignSamples).where(inArray(campaignSamples.status, ['FULFILLED', 'MISSED']))) {
      const record = settled.get(row.creatorId) ?? { fulfilled: 0, missed: 0 };
      record[row.status === 'FULFILLED' ? 'fulfilled' : 'missed'] += 1;
      settled.set(row.creatorId, record);
    }
    const kept = new Map((await db.select().from(creatorFulfilment)).map((row) => [row.creatorId, row]));
    for (const creatorId of new Set([...settled.keys(), ...kept.keys()])) {
      for (const value of ['fulfilled', 'missed'] as const) {
        const keptValue = kept.get(creatorId)?.[value] ?? 0;
        const recounted = settled.get(creatorId)?.[value] ?? 0;
        if (keptValue !== recounted) differences.push({ count: `creator_fulfilment.${value}`, key: creatorId, kept: keptValue, recounted });
      }
    }
    return differences;
  };
  return {
    /** Each kept value that differs from its recount from history: `<table>.<column>` of the row's key. */
    keptCountDifferences: async (): Promise<KeptCountDifference[]> => {
      const recounted = keptRowsFromHistory({
        orders: await db.select().from(orders),
        orderLines: await db.select().from(orderLines),
        orderReturns: await db.select({ id: orderReturns.id, orderId: orderReturns.orderId, status: orderReturns.status, reason: orderReturns.reason, requestedAt: orderReturns.requestedAt }).from(orderReturns),
        orderReturnLines: await db.select().from(orderReturnLines),
        commissionPayouts: await db.select({ id: commissionPayouts.id, status: commissionPayouts.status }).from(commissionPayouts),
        campaignFees: await db.select().from(campaignFees),
      });
      const kept = await storedKept();
      const differences: KeptCountDifference[] = [];
      for (const name of Object.keys(keptTables) as (keyof KeptRows)[]) {
        const values = KEPT_VALUES[name] as readonly string[];
        const byKey = (rows: readonly object[]) => new Map(rows.map((row) => [keyOf(name, row as Record<string, unknown>), row as Record<string, number>]));
        const keptRows = byKey(kept[name]);
        const recountedRows = byKey(recounted[name]);
        for (const key of new Set([...keptRows.keys(), ...recountedRows.keys()])) {
          for (const value of values) {
            const keptValue = keptRows.get(key)?.[value] ?? 0;
            const recountedValue = recountedRows.get(key)?.[value] ?? 0;
            if (keptValue !== recountedValue) differences.push({ count: `${tableName(name)}.${value}`, key, kept: keptValue, recounted: recountedValue });
          }
        }
      }
      return [...differences, ...(await campaignDifferences())];
    },
  } satisfies Partial<CommerceStatements>;
}

function tableName(name: keyof KeptRows): string {
  return { salesDays: 'sales_days', productSales: 'product_sales', linkSales: 'affiliate_link_sales', videoSales: 'video_sales', commissionTotals: 'creator_commission_totals', commissionDays: 'creator_commission_days', commissionLocks: 'creator_commission_locks' }[name];
}

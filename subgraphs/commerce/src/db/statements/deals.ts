/**
 * What flash deals run (flashDeals.ts states the rules). Every move of a deal's units or status is
 * one guarded UPDATE: the units a checkout takes (`units_left >= q`, inside the deal's time), a
 * buyer's running total (`units + q <= limit`), and each change of status (`status = expected`),
 * so racing checkouts, two clocks, or a clock restarted after a crash move each unit and each
 * status exactly once. The clock's polls are index ranges (`flash_deals_due`,
 * `flash_deals_units_announce_due`), never a scan.
 */
import { and, asc, eq, gt, inArray, isNull, lte, ne, or, sql } from 'drizzle-orm';
import type { Engine } from '@app/kit/db/engine';
import type { CommerceStatements } from '../contract.ts';
import type { CommerceTables } from '../tables.ts';

export function dealStatements(engine: Engine<CommerceTables>) {
  const { db } = engine;
  const { flashDeals, flashDealBuyers } = engine.tables;
  // Written as the open deals' partial index is (a literal, not a bound value), so the engines use it.
  const isOpen = sql`${flashDeals.status} <> 'ENDED'`;
  return {
    dealsByIds: (ids) =>
      ids.length
        ? db
            .select()
            .from(flashDeals)
            .where(inArray(flashDeals.id, [...ids]))
        : Promise.resolve([]),

    // Through the open deals' partial unique index; a stream has at most one per pinned product, so they are sorted here.
    openDealsOfStreams: async (liveStreamIds) =>
      liveStreamIds.length
        ? (
            await db
              .select()
              .from(flashDeals)
              .where(and(inArray(flashDeals.liveStreamId, [...liveStreamIds]), isOpen))
          ).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || (a.id < b.id ? -1 : 1))
        : [],

    // Through the open deals' partial index, in its order: one entry a stream, no sort.
    streamsWithOpenDeals: async (afterStreamId, limit) =>
      (
        await db
          .selectDistinct({ liveStreamId: flashDeals.liveStreamId })
          .from(flashDeals)
          .where(and(isOpen, gt(flashDeals.liveStreamId, afterStreamId)))
          .orderBy(asc(flashDeals.liveStreamId))
          .limit(limit)
      ).map((row) => row.liveStreamId),

    openDealOf: async (liveStreamId, productId) =>
      (
        await db
          .select()
          .from(flashDeals)
          .where(and(eq(flashDeals.liveStreamId, liveStreamId), eq(flashDeals.productId, productId), isOpen))
          .limit(1)
      )[0],

    insertFlashDeal: async (row) => {
      await db.insert(flashDeals).values(row);
    },

    takeDealUnits: async (dealId, quantity, now) =>
      (
        await db
          .update(flashDeals)
          .set({ unitsLeft: sql`${flashDeals.unitsLeft} - ${quantity}` })
          .where(and(eq(flashDeals.id, dealId), ne(flashDeals.status, 'ENDED'), lte(flashDeals.startsAt, now), gt(flashDeals.endsAt, now), sql`${flashDeals.unitsLeft} >= ${quantity}`))
          .returning()
      )[0],

    addDealBuyerUnits: async (dealId, buyerId, quantity, limit) =>
      (
        await db
          .insert(flashDealBuyers)
          .values({ dealId, buyerId, units: quantity })
          .onConflictDoUpdate({
            target: [flashDealBuyers.dealId, flashDealBuyers.buyerId],
            set: { units: sql`${flashDealBuyers.units} + ${quantity}` },
            setWhere: sql`${flashDealBuyers.units} + ${quantity} <= ${limit}`,
          })
          .returning({ units: flashDealBuyers.units })
      )[0]?.units,

    dealBuyerUnits: async (dealId, buyerId) =>
      (
        await db
          .select({ units: flashDealBuyers.units })
          .from(flashDealBuyers)
          .where(and(eq(flashDealBuyers.dealId, dealId), eq(flashDealBuyers.buyerId, buyerId)))
      )[0]?.units ?? 0,

    startDeal: async (dealId, now) =>
      (
        await db
          .update(flashDeals)
          .set({
            status: 'LIVE',
            dueAt: sql`${flashDeals.endsAt}`,
            announcedAt: now,
            announcedUnits: sql`${flashDeals.unitsLeft}`,
            unitsAnnounceDueAt: null,
          })
          .where(and(eq(flashDeals.id, dealId), eq(flashDeals.status, 'SCHEDULED')))
          .returning()
      )[0],

    // The right-hand sides read the row as it was: what was left is returned, and none is left.
    endDeal: async (dealId, from, reason) =>
      (
        await db
          .update(flashDeals)
          .set({
            status: 'ENDED',
            endedReason: reason,
            unitsReturned: sql`${flashDeals.unitsLeft}`,
            unitsLeft: 0,
            dueAt: null,
            unitsAnnounceDueAt: null,
          })
          .where(and(eq(flashDeals.id, dealId), eq(flashDeals.status, from)))
          .returning()
      )[0],

    dueDeals: (status, now, limit) =>
      db
        .select()
        .from(flashDeals)
        .where(and(eq(flashDeals.status, status), lte(flashDeals.dueAt, now)))
        .orderBy(asc(flashDeals.dueAt))
        .limit(limit),

    dueUnitsAnnouncements: (now, limit) => db.select().from(flashDeals).where(lte(flashDeals.unitsAnnounceDueAt, now)).orderBy(asc(flashDeals.unitsAnnounceDueAt)).limit(limit),

    claimUnitsAnnouncement: async (dealId, now, lastBefore) =>
      (
        await db
          .update(flashDeals)
          .set({
            announcedAt: now,
            announcedUnits: sql`${flashDeals.unitsLeft}`,
            unitsAnnounceDueAt: null,
          })
          .where(and(eq(flashDeals.id, dealId), ne(flashDeals.status, 'ENDED'), or(isNull(flashDeals.announcedAt), lte(flashDeals.announcedAt, lastBefore))))
          .returning()
      )[0],

    deferUnitsAnnouncement: async (dealId, dueAt) => {
      await db
        .update(flashDeals)
        .set({ unitsAnnounceDueAt: dueAt })
        .where(and(eq(flashDeals.id, dealId), isNull(flashDeals.unitsAnnounceDueAt)));
    },
  } satisfies Partial<CommerceStatements>;
}

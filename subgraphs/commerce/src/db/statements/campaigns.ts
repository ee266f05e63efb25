/**
 * What campaigns run (campaigns.ts states the rules). Every move of a membership or of a
 * campaign's seats is one guarded UPDATE: a membership moves only from the status the rule expects
 * (`status = from`), a seat is taken only while the campaign is OPEN and below its capacity
 * (`accepted_count < capacity`), so racing accepts and approvals never seat more creators than it
 * takes, on either engine. Lists walk an index in list order, a page at a time.
 */
import { and, asc, eq, getTableColumns, gt, inArray, lte, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Engine } from '@app/kit/db/engine';
import { keysetPage } from '@app/kit/db/shapes';
import type { CursorKey } from '@app/kit/pagination';
import type { CommerceStatements } from '../contract.ts';
import type { CommerceTables } from '../tables.ts';
import { keptUpkeep } from './kept.ts';

/** Newest-first lists page by `[ms, id]`. */
const numberAndId = (key: CursorKey): [number, string] => [Number(key[0]), String(key[1])];

export function campaignStatements(engine: Engine<CommerceTables>) {
  const { db } = engine;
  const { campaigns, campaignProducts, campaignMembers, products, campaignSamples, creatorFulfilment, campaignFees } = engine.tables;
  // A fee joins the creator's kept commission rows as it is made.
  const { restatedFees } = keptUpkeep(engine);
  /** A sample's guarded move: only from `from` (and `guard`, a time window); the row after, or undefined. */
  const moveSample = async (id: string, from: string, changes: Partial<typeof campaignSamples.$inferInsert>, guard?: ReturnType<typeof gt>) =>
    (
      await db
        .update(campaignSamples)
        .set(changes)
        .where(and(eq(campaignSamples.id, id), eq(campaignSamples.status, from as 'REQUESTED'), guard))
        .returning()
    )[0];
  /** Newest-first pages of samples per owner column, by `[requestedAt ms, id]`. */
  const samplesPage = (owner: SQLiteColumn, ownerId: string, page: Parameters<CommerceStatements['creatorSamplesPage']>[1]) => {
    const { where, orderBy } = keysetPage(engine, [campaignSamples.requestedAt, campaignSamples.id], 'desc', page, numberAndId);
    return db
      .select()
      .from(campaignSamples)
      .where(and(eq(owner, ownerId), where))
      .orderBy(...orderBy)
      .limit(page.first + 1);
  };
  return {
    campaignsByIds: (ids) =>
      ids.length
        ? db
            .select()
            .from(campaigns)
            .where(inArray(campaigns.id, [...ids]))
        : Promise.resolve([]),

    insertCampaign: async (row, productIds) => {
      await db.insert(campaigns).values(row);
      await db.insert(campaignProducts).values(productIds.map((productId, position) => ({ campaignId: row.id, productId, position })));
    },

    closeCampaign: async (id, now) =>
      (
        await db
          .update(campaigns)
          .set({ status: 'CLOSED', closedAt: now })
          .where(and(eq(campaigns.id, id), eq(campaigns.status, 'OPEN')))
          .returning()
      )[0],

    takeCampaignSeat: async (id) =>
      (
        await db
          .update(campaigns)
          .set({ acceptedCount: sql`${campaigns.acceptedCount} + 1` })
          .where(and(eq(campaigns.id, id), eq(campaigns.status, 'OPEN'), sql`${campaigns.acceptedCount} < ${campaigns.capacity}`))
          .returning()
      )[0],

    openCampaignsPage: async (page) => {
      const { where, orderBy } = keysetPage(engine, [campaigns.createdAt, campaigns.id], 'desc', page, numberAndId);
      return db
        .select()
        .from(campaigns)
        .where(and(eq(campaigns.status, 'OPEN'), where))
        .orderBy(...orderBy)
        .limit(page.first + 1);
    },

    brandCampaignsPage: async (brandId, page) => {
      const { where, orderBy } = keysetPage(engine, [campaigns.createdAt, campaigns.id], 'desc', page, numberAndId);
      return db
        .select()
        .from(campaigns)
        .where(and(eq(campaigns.brandId, brandId), where))
        .orderBy(...orderBy)
        .limit(page.first + 1);
    },

    // A campaign holds at most CAMPAIGN_MAX_PRODUCTS: no page.
    campaignProductLists: (campaignIds) =>
      campaignIds.length
        ? db
            .select({ ownerId: sql<string>`${campaignProducts.campaignId}`, node: getTableColumns(products) })
            .from(campaignProducts)
            .innerJoin(products, eq(products.id, campaignProducts.productId))
            .where(inArray(campaignProducts.campaignId, [...campaignIds]))
            .orderBy(campaignProducts.campaignId, campaignProducts.position)
        : Promise.resolve([]),

    campaignMembersOf: (campaignId, creatorIds) =>
      creatorIds.length
        ? db
            .select()
            .from(campaignMembers)
            .where(and(eq(campaignMembers.campaignId, campaignId), inArray(campaignMembers.creatorId, [...creatorIds])))
        : Promise.resolve([]),

    membershipsOfCreator: (creatorId, campaignIds) =>
      campaignIds.length
        ? db
            .select()
            .from(campaignMembers)
            .where(and(inArray(campaignMembers.campaignId, [...campaignIds]), eq(campaignMembers.creatorId, creatorId)))
        : Promise.resolve([]),

    insertCampaignMembers: async (rows) =>
      rows.length
        ? (
            await db
              .insert(campaignMembers)
              .values([...rows])
              .onConflictDoNothing()
              .returning({ creatorId: campaignMembers.creatorId })
          ).map((row) => row.creatorId)
        : [],

    moveCampaignMember: async (campaignId, creatorId, from, to, now) =>
      (
        await db
          .update(campaignMembers)
          .set({ status: to, updatedAt: now })
          .where(and(eq(campaignMembers.campaignId, campaignId), eq(campaignMembers.creatorId, creatorId), eq(campaignMembers.status, from)))
          .returning()
      )[0],

    creatorMembershipsPage: async (creatorId, status, page) => {
      const { where, orderBy } = keysetPage(engine, [campaignMembers.updatedAt, campaignMembers.campaignId], 'desc', page, numberAndId);
      return db
        .select()
        .from(campaignMembers)
        .where(and(eq(campaignMembers.creatorId, creatorId), eq(campaignMembers.status, status), where))
        .orderBy(...orderBy)
        .limit(page.first + 1);
    },

    campaignMembersPage: async (campaignId, status, page) => {
      const { where, orderBy } = keysetPage(engine, [campaignMembers.updatedAt, campaignMembers.creatorId], 'desc', page, numberAndId);
      return db
        .select()
        .from(campaignMembers)
        .where(and(eq(campaignMembers.campaignId, campaignId), eq(campaignMembers.status, status), where))
        .orderBy(...orderBy)
        .limit(page.first + 1);
    },

    samplesByIds: (ids) =>
      ids.length
        ? db
            .select()
            .from(campaignSamples)
            .where(inArray(campaignSamples.id, [...ids]))
        : Promise.resolve([]),

    sampleOf: async (campaignId, creatorId, productId) =>
      (
        await db
          .select()
          .from(campaignSamples)
          .where(and(eq(campaignSamples.campaignId, campaignId), eq(campaignSamples.creatorId, creatorId), eq(campaignSamples.productId, productId)))
      )[0],

    insertSample: async (row) => {
      await db.insert(campaignSamples).values(row);
    },

    decideSample: (id, to, now) => moveSample(id, 'REQUESTED', { status: to, decidedAt: now }, gt(campaignSamples.decideBy, now)),
    shipSample: (id, shipment, now) => moveSample(id, 'APPROVED', { status: 'SHIPPED', carrier: shipment.carrier, trackingNumber: shipment.trackingNumber, shippedAt: now }),
    deliverSample: (id, by, now, contentDueAt) => moveSample(id, 'SHIPPED', { status: 'DELIVERED', deliveredBy: by, deliveredAt: now, contentDueAt }),
    fulfilSample: (id, content, now) => moveSample(id, 'DELIVERED', { status: 'FULFILLED', fulfilledAt: now, contentKind: content.kind, contentId: content.id }, gt(campaignSamples.contentDueAt, now)),
    missSample: (id, now) => moveSample(id, 'DELIVERED', { status: 'MISSED' }, lte(campaignSamples.contentDueAt, now)),

    dueSamples: (now, limit) =>
      db
        .select()
        .from(campaignSamples)
        .where(and(eq(campaignSamples.status, 'DELIVERED'), lte(campaignSamples.contentDueAt, now)))
        .orderBy(asc(campaignSamples.contentDueAt))
        .limit(limit),

    creatorSamplesPage: (creatorId, page) => samplesPage(campaignSamples.creatorId, creatorId, page),
    campaignSamplesPage: (campaignId, page) => samplesPage(campaignSamples.campaignId, campaignId, page),

    fulfilmentOf: (creatorIds) =>
      creatorIds.length
        ? db
            .select()
            .from(creatorFulfilment)
            .where(inArray(creatorFulfilment.creatorId, [...creatorIds]))
        : Promise.resolve([]),

    countFulfilment: async (creatorId, outcome) => {
      const one = { creatorId, fulfilled: outcome === 'fulfilled' ? 1 : 0, missed: outcome === 'missed' ? 1 : 0 };
      await db
        .insert(creatorFulfilment)
        .values(one)
        .onConflictDoUpdate({ target: creatorFulfilment.creatorId, set: { fulfilled: sql`${creatorFulfilment.fulfilled} + ${one.fulfilled}`, missed: sql`${creatorFulfilment.missed} + ${one.missed}` } });
    },

    // The fee's kept commission row moves with it (PAYABLE: no window holds it).
    insertCampaignFee: (row) =>
      restatedFees([row.id], async () => (await db.insert(campaignFees).values(row).onConflictDoNothing().returning({ id: campaignFees.id })).length === 1),

    campaignFeesOf: (campaignId, creatorIds) =>
      creatorIds.length
        ? db
            .select()
            .from(campaignFees)
            .where(and(eq(campaignFees.campaignId, campaignId), inArray(campaignFees.creatorId, [...creatorIds])))
        : Promise.resolve([]),
  } satisfies Partial<CommerceStatements>;
}

/**
 * What campaigns run (campaigns.ts states the rules). Every move of a membership or of a
 * campaign's seats is one guarded UPDATE: a membership moves only from the status the rule expects
 * (`status = from`), a seat is taken only while the campaign is OPEN and below its capacity
 * (`accepted_count < capacity`), so racing accepts and approvals never seat more creators than it
 * takes, on either engine. Lists walk an index in list order, a page at a time.
 */
import { and, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { Engine } from '@app/kit/db/engine';
import { keysetPage } from '@app/kit/db/shapes';
import type { CursorKey } from '@app/kit/pagination';
import type { CommerceStatements } from '../contract.ts';
import type { CommerceTables } from '../tables.ts';

/** Newest-first lists page by `[ms, id]`. */
const numberAndId = (key: CursorKey): [number, string] => [Number(key[0]), String(key[1])];

export function campaignStatements(engine: Engine<CommerceTables>) {
  const { db } = engine;
  const { campaigns, campaignProducts, campaignMembers, products } = engine.tables;
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
  } satisfies Partial<CommerceStatements>;
}

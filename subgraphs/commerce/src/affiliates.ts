/**
 * The rules of affiliate links and commission deals, in one place.
 *
 * - Any creator may link any active product, without a deal (open collaboration). One link per
 *   (creator, product): asking again returns the same link and code.
 * - Whether the viewer is a creator is a fact users owns, asked at the time of the write.
 * - A click counts once per signed-in user per link; the link's own creator never counts.
 * - A brand (its partner key with `catalog:write`) may give a creator a deal: a rate on one of
 *   its products or on all of them. A sale pays the highest rate that applies (commission.ts).
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { requirePartnerOf } from '@app/kit/access';
import { forbidden, notFound, refuse } from '@app/kit/errors';
import type { Viewer } from '@app/kit/viewer';
import { newAffiliateCode, newId, rateToBps } from './commission.ts';
import type { Context } from './context.ts';
import type { CommerceDb } from './db/queries.ts';
import { affiliateClicks, affiliateLinks, brands, creatorCommissions, products, type AffiliateLinkRow, type CommissionDealRow } from './db/schema.ts';

/**
 * Whether a user is a creator, from the users subgraph (it resolves a non-creator's Creator to null).
 * @throws FORBIDDEN (reason NOT_A_CREATOR) when they are not.
 */
export async function requireCreator(context: Context, userId: string): Promise<void> {
  const [creator] = await context.peers.entities('users', 'Creator', [userId], 'id', context.viewer);
  if (!creator) throw forbidden('Only creators can do this.', { reason: 'NOT_A_CREATOR' });
}

/** The creator's link to a product, created on first ask. Returns its id. */
export function createAffiliateLink(db: CommerceDb, creatorId: string, productId: string, now = new Date()): string {
  return db.transaction(
    (tx) => {
      const product = tx.select({ id: products.id, status: products.status }).from(products).where(eq(products.id, productId)).get();
      if (!product) throw notFound('Product', productId);
      const existing = tx
        .select({ id: affiliateLinks.id })
        .from(affiliateLinks)
        .where(and(eq(affiliateLinks.creatorId, creatorId), eq(affiliateLinks.productId, productId)))
        .get();
      if (existing) return existing.id;
      if (product.status !== 'ACTIVE') throw refuse('PRODUCT_NOT_AVAILABLE', 'Only products on sale can be linked.', { productId });
      // A fresh code collides about once in 10^11 draws; the unique index is the guard, this the retry.
      for (let attempt = 0; attempt < 5; attempt++) {
        const code = newAffiliateCode();
        if (tx.select({ id: affiliateLinks.id }).from(affiliateLinks).where(eq(affiliateLinks.code, code)).get()) continue;
        const id = newId('afl');
        tx.insert(affiliateLinks).values({ id, code, creatorId, productId, clicks: 0, createdAt: now }).run();
        return id;
      }
      throw new Error('could not draw a free affiliate code in 5 attempts');
    },
    { behavior: 'immediate' },
  );
}

/** Counts a signed-in user's click on a link (once per user; never the creator's own). */
export function recordAffiliateClick(db: CommerceDb, viewer: Viewer & { userId: string }, code: string, now = new Date()): { link: AffiliateLinkRow; counted: boolean } {
  const normalized = code.trim().toUpperCase();
  return db.transaction(
    (tx) => {
      const link = tx.select().from(affiliateLinks).where(eq(affiliateLinks.code, normalized)).get();
      if (!link) throw refuse('AFFILIATE_CODE_NOT_FOUND', `No affiliate link has the code ${JSON.stringify(normalized)}.`, { field: 'code' });
      if (link.creatorId === viewer.userId) return { link, counted: false };
      const inserted = tx.insert(affiliateClicks).values({ linkId: link.id, userId: viewer.userId, clickedAt: now }).onConflictDoNothing().run();
      if (inserted.changes === 0) return { link, counted: false };
      const updated = tx
        .update(affiliateLinks)
        .set({ clicks: sql`${affiliateLinks.clicks} + 1` })
        .where(eq(affiliateLinks.id, link.id))
        .returning()
        .get();
      return { link: updated ?? link, counted: true };
    },
    { behavior: 'immediate' },
  );
}

export interface DealInput {
  creatorId: string;
  productId?: string | null;
  commissionRate: number;
}

/**
 * Sets (or replaces) a brand's deal with a creator. The brand is the calling partner's; a product
 * must be that brand's own. The caller has checked, with users, that the creator exists.
 */
export function setCreatorCommission(db: CommerceDb, viewer: Viewer, input: DealInput, now = new Date()): CommissionDealRow {
  const commissionBps = rateToBps(input.commissionRate, 'commissionRate');
  const brandId = viewer.partnerId;
  if (!brandId) throw forbidden('Commission deals are set with a brand\'s partner key.', { reason: 'PARTNER_REQUIRED' });
  const productId = input.productId ?? null;
  return db.transaction(
    (tx) => {
      if (!tx.select({ id: brands.id }).from(brands).where(eq(brands.id, brandId)).get()) throw notFound('Brand', brandId);
      if (productId !== null) {
        const product = tx.select({ brandId: products.brandId }).from(products).where(eq(products.id, productId)).get();
        if (!product) throw notFound('Product', productId);
        requirePartnerOf(viewer, product.brandId);
      }
      const which = and(
        eq(creatorCommissions.creatorId, input.creatorId),
        eq(creatorCommissions.brandId, brandId),
        productId === null ? isNull(creatorCommissions.productId) : eq(creatorCommissions.productId, productId),
      );
      const existing = tx.select({ id: creatorCommissions.id }).from(creatorCommissions).where(which).get();
      if (existing) {
        return tx.update(creatorCommissions).set({ commissionBps, updatedAt: now }).where(eq(creatorCommissions.id, existing.id)).returning().get() as CommissionDealRow;
      }
      return tx
        .insert(creatorCommissions)
        .values({ id: newId('dea'), brandId, creatorId: input.creatorId, productId, commissionBps, updatedAt: now })
        .returning()
        .get();
    },
    { behavior: 'immediate' },
  );
}

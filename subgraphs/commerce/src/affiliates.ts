/**
 * The rules of affiliate links and commission deals, in one place.
 *
 * - Any creator may link any active product, without a deal (open collaboration). One link per
 *   (creator, product): asking again returns the same link and code. Whether the viewer is a
 *   creator is a fact users owns, asked before the write.
 * - A code is 8 characters of an alphabet without look-alikes, drawn at random and unique.
 * - A click counts once per signed-in user per link; the link's own creator never counts.
 * - A creator's links, with their stats, are theirs alone to see.
 * - A brand (its partner key with `catalog:write`) may give an existing creator a deal: a rate on
 *   one of its own products or on all of them, replacing the rate it set before. A sale pays the
 *   highest rate that applies (commission.ts).
 */
import { randomBytes } from 'node:crypto';
import { requireOwner, requirePartnerOf, signedInUserId } from '@app/kit/access';
import { forbidden, notFound, refuse } from '@app/kit/errors';
import { newId } from '@app/kit/ids';
import { loadOrNotFound } from '@app/kit/loaders';
import { connectionOf, type PageArgs } from '@app/kit/pagination';
import { rateToBps } from './commission.ts';
import type { Context } from './context.ts';
import type { AffiliateClickRow, AffiliateLinkView, CommissionDealRow } from './mappers.ts';
import { isCreator, signedInCreatorId } from './facts.ts';
import { newestFirst, newestFirstPaging } from './pages.ts';
import { ForbiddenReason, Refusal } from './refusals.ts';

export const CODE_LENGTH = 8;
// No 0/O or 1/I/L: a code is read aloud and typed from a video.
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
/** A fresh code collides about once in 10^11 draws; the unique index is the guard, this the retry. */
const CODE_ATTEMPTS = 5;

/** An 8-character affiliate code (about 39 bits); the caller retries on the rare collision. */
export function newAffiliateCode(): string {
  const bytes = randomBytes(16);
  let code = '';
  for (const byte of bytes) {
    // Rejection sampling keeps every character equally likely.
    if (byte >= 248) continue;
    code += CODE_ALPHABET[byte % CODE_ALPHABET.length];
    if (code.length === CODE_LENGTH) return code;
  }
  return newAffiliateCode();
}

export function loadAffiliateLink(context: Context, id: string): Promise<AffiliateLinkView> {
  return loadOrNotFound(context.loaders.affiliateLinkById, 'AffiliateLink', id);
}

/** A link for an entity reference or `node`: its creator's alone, null (unknown) to anyone else. */
export async function linkReference(context: Context, id: string): Promise<AffiliateLinkView | null> {
  const link = await context.loaders.affiliateLinkById.load(id);
  return link && context.viewer.userId === link.creatorId ? link : null;
}

export function creatorAffiliateLinks(context: Context, creatorId: string, args: PageArgs) {
  requireOwner(context.viewer, creatorId, 'Only the creator can see their own affiliate links.', ForbiddenReason.NOT_THE_CREATOR);
  return newestFirst<AffiliateLinkView>(context.loaders.creatorAffiliateLinks, creatorId, args);
}

/** The signed-in creator's link to a product, created on first ask. */
export async function createAffiliateLink(context: Context, productId: string): Promise<AffiliateLinkView> {
  const now = context.clock.now();
  const creatorId = await signedInCreatorId(context);
  const linkId = await context.store.transaction(async (tx) => {
    const [product] = await tx.productsByIds([productId]);
    if (!product) throw notFound('Product', productId);
    const existing = await tx.affiliateLinkOf(creatorId, productId);
    if (existing) return existing.id;
    if (product.status !== 'ACTIVE') throw refuse(Refusal.PRODUCT_NOT_AVAILABLE, 'Only products on sale can be linked.', { productId });
    for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
      const code = newAffiliateCode();
      if (await tx.affiliateLinkByCode(code)) continue;
      const id = newId('afl');
      await tx.insertAffiliateLink({ id, code, creatorId, productId, clicks: 0, createdAt: now });
      return id;
    }
    throw new Error(`could not draw a free affiliate code in ${CODE_ATTEMPTS} attempts`);
  });
  context.changed('Creator', creatorId);
  return loadAffiliateLink(context, linkId);
}

/** Counts the signed-in user's click on a link (once per user; never the creator's own). */
export async function recordAffiliateClick(context: Context, code: string): Promise<AffiliateClickRow> {
  const now = context.clock.now();
  const userId = signedInUserId(context.viewer);
  const normalized = code.trim().toUpperCase();
  return context.store.transaction(async (tx) => {
    const link = await tx.affiliateLinkByCode(normalized);
    if (!link) throw refuse(Refusal.AFFILIATE_CODE_NOT_FOUND, `No affiliate link has the code ${JSON.stringify(normalized)}.`, { field: 'code' });
    if (link.creatorId === userId) return { link, counted: false };
    if (!(await tx.recordClick(link.id, userId, now))) return { link, counted: false };
    context.changed('Creator', link.creatorId);
    return { link: (await tx.countClick(link.id)) ?? link, counted: true };
  });
}

export interface DealInput {
  creatorId: string;
  productId?: string | null;
  commissionRate: number;
}

/** How a brand's commission deals page, either way: by `[updatedAt ms, id]`, most recently set first. */
export const DEAL_PAGING = newestFirstPaging((row: { id: string; updatedAt: Date }) => row.updatedAt);

/** A brand's commission deals with creators, most recently set first: its own keys only. */
export async function brandCommissionDeals(context: Context, brandId: string, args: PageArgs) {
  requirePartnerOf(context.viewer, brandId);
  return connectionOf(args, DEAL_PAGING, (page) => context.store.commissionDealsPage(brandId, page));
}

/**
 * Sets (or replaces) the calling brand's deal with a creator. Whether the creator exists is the
 * users subgraph's to say, asked before the write; a product must be the brand's own.
 */
export async function setCreatorCommission(context: Context, input: DealInput): Promise<CommissionDealRow> {
  const now = context.clock.now();
  if (!(await isCreator(context, input.creatorId))) throw notFound('Creator', input.creatorId);
  const commissionBps = rateToBps(input.commissionRate, 'commissionRate');
  const brandId = context.viewer.partnerId;
  if (!brandId) throw forbidden("Commission deals are set with a brand's partner key.", { reason: ForbiddenReason.PARTNER_REQUIRED });
  const productId = input.productId ?? null;
  return context.store.transaction(async (tx) => {
    const [brand] = await tx.brandsByIds([brandId]);
    if (!brand) throw notFound('Brand', brandId);
    if (productId !== null) {
      const [product] = await tx.productsByIds([productId]);
      if (!product) throw notFound('Product', productId);
      requirePartnerOf(context.viewer, product.brandId);
    }
    context.changed('Creator', input.creatorId);
    return tx.saveCommissionDeal(newId('dea'), { brandId, creatorId: input.creatorId, productId, commissionBps, updatedAt: now });
  });
}

/** Small Gestures as a brand's partner runs them: its offers, their pools of codes, pausing and ending them. */
import { requirePartnerOf } from '@app/kit/access';
import { badInput, notFound, refuse } from '@app/kit/errors';
import { idempotent } from '@app/kit/idempotency';
import { newId } from '@app/kit/ids';
import { connectionOf, type CursorKey, type PageArgs } from '@app/kit/pagination';
import type { Context } from '../context.ts';
import type { GiftOfferRow } from '../mappers.ts';
import type { GiftsTx } from '../db/store.ts';
import { Refusal } from '../refusals.ts';
import { CODE_PATTERN, CODES_PER_CALL_MAX, END_CLOCK_SKEW_MS, giftOfferStatus } from './rules.ts';

/** An offer's sent and redeemed counts and its pool's size: only for the brand's own partner, and never the codes themselves. */
export async function partnerOfferStats(context: Context, offer: GiftOfferRow) {
  requirePartnerOf(context.viewer, offer.brandId);
  const [stats, codesLeft] = await Promise.all([context.loaders.offerStats.load(offer.id), context.loaders.codesLeft.load(offer.id)]);
  return { ...stats, codesLeft };
}

export interface CreateGiftOfferInput {
  brandId: string;
  title: string;
  description: string;
  retailValueAmount: number;
  regions?: readonly string[] | null;
  active?: boolean | null;
  startsAt?: Date | null;
  endsAt?: Date | null;
  idempotencyKey?: string | null;
}

/** A partner creates an offer for its own brand, with an empty pool, and gets its id. */
export async function createGiftOffer(context: Context, input: CreateGiftOfferInput): Promise<string> {
  requirePartnerOf(context.viewer, input.brandId);
  const title = input.title.trim();
  if (title.length < 1 || title.length > 100) throw badInput('title must be 1 to 100 characters.', { field: 'title' });
  if (input.description.length > 500) throw badInput('description must be at most 500 characters.', { field: 'description' });
  if (input.retailValueAmount < 0) throw badInput('retailValueAmount must not be negative.', { field: 'retailValueAmount' });
  const regions = [...new Set((input.regions ?? ['US']).map((region) => region.trim().toUpperCase()))];
  if (regions.length === 0 || regions.some((region) => !/^[A-Z]{2}$/.test(region))) {
    throw badInput('regions must be one or more ISO 3166-1 alpha-2 country codes, e.g. ["US"].', { field: 'regions' });
  }
  const startsAt = input.startsAt ?? context.clock.now();
  const endsAt = input.endsAt ?? null;
  if (endsAt && endsAt <= startsAt) throw badInput('endsAt must be after startsAt.', { field: 'endsAt' });

  const row = {
    brandId: input.brandId,
    title,
    description: input.description,
    retailValueAmount: input.retailValueAmount,
    currency: 'USD',
    regions,
    active: input.active ?? true,
    startsAt,
    endsAt,
  };
  const create = async (tx: GiftsTx) => ({ offerId: (await tx.insertOffer({ id: newId('gof'), ...row })).id });
  // A new offer joins the offer lists and its brand's `giftOffers`.
  context.changed('GiftOffer');
  context.changed('Brand', input.brandId);
  if (!input.idempotencyKey) return (await context.store.transaction(create)).offerId;
  // Dates hash as ISO strings: a retry must send the same instants.
  const request = { ...row, startsAt: input.startsAt?.toISOString() ?? null, endsAt: endsAt?.toISOString() ?? null };
  const { result } = await idempotent(context.store, { scope: `partner:${input.brandId}`, key: input.idempotencyKey, operation: 'createGiftOffer', input: request }, create);
  return result.offerId;
}

/**
 * A partner adds codes to its own offer's pool. All or nothing: a malformed code, or one that
 * repeats in the batch or is already in this offer's pool, refuses the whole batch. Codes are
 * unique per offer: the answer never depends on other offers' pools, so a partner cannot probe
 * another brand's codes.
 */
export async function addGiftOfferCodes(context: Context, offerId: string, rawCodes: readonly string[]): Promise<{ offer: GiftOfferRow; added: number }> {
  return context.store.transaction(async (tx) => {
    const [offer] = await tx.giftOffersByIds([offerId]);
    if (!offer) throw notFound('GiftOffer', offerId);
    requirePartnerOf(context.viewer, offer.brandId);
    context.changed('GiftOffer', offerId);

    const codes = rawCodes.map((code) => code.trim().toUpperCase());
    if (codes.length < 1 || codes.length > CODES_PER_CALL_MAX) throw badInput(`Add 1 to ${CODES_PER_CALL_MAX} codes per call.`, { field: 'codes' });
    const malformed = codes.filter((code) => !CODE_PATTERN.test(code));
    if (malformed.length > 0) {
      throw badInput('Codes are 4 to 64 letters, digits or dashes, starting with a letter or digit.', { field: 'codes', codes: malformed.slice(0, 20) });
    }
    const seen = new Set<string>();
    const repeated = new Set(codes.filter((code) => (seen.has(code) ? true : (seen.add(code), false))));
    if (repeated.size > 0) {
      throw refuse(Refusal.DUPLICATE_GIFT_CODE, 'Some codes appear more than once in this batch; nothing was added.', { codes: [...repeated].slice(0, 20) });
    }
    // Only this offer's pool is asked: whether another brand holds the same string is none of this partner's business.
    const taken = await tx.existingCodes(offerId, codes);
    if (taken.length > 0) {
      throw refuse(Refusal.DUPLICATE_GIFT_CODE, 'Some codes are already in this offer’s pool; nothing was added.', { codes: taken.slice(0, 20) });
    }
    await tx.insertCodes(offerId, codes);
    return { offer, added: codes.length };
  });
}

/** A brand's offers, newest first, whatever their status (paused and ended ones too). */
export async function brandGiftOffersPage(context: Context, brandId: string, args: PageArgs) {
  return connectionOf(args, { arity: 2, keyOf: (row: GiftOfferRow): CursorKey => [row.startsAt.getTime(), row.id] }, async (page) => {
    const rows = await context.loaders.brandGiftOffers.load({ ownerId: brandId, page });
    for (const row of rows) context.loaders.giftOfferById.prime(row.node.id, row.node);
    return rows.map((row) => row.node);
  });
}

/** The partner's own offer, read inside a write. @throws NOT_FOUND, FORBIDDEN (another brand's). */
async function ownOffer(context: Context, tx: GiftsTx, offerId: string): Promise<GiftOfferRow> {
  const [offer] = await tx.giftOffersByIds([offerId]);
  if (!offer) throw notFound('GiftOffer', offerId);
  requirePartnerOf(context.viewer, offer.brandId);
  return offer;
}

/**
 * Names what pausing, resuming or ending an offer changes for the gateway's cache: the offer, the
 * offer lists (active ones come first), and its brand's `giftOffers`.
 */
function changedOffer(context: Context, offer: GiftOfferRow): void {
  context.changed('GiftOffer', offer.id);
  context.changed('GiftOffer');
  context.changed('Brand', offer.brandId);
}

/**
 * A partner pauses its offer (nothing more can be sent until it resumes; links already sent can
 * still be claimed) or resumes it. Both are idempotent. Resuming an ended offer is refused: give it
 * a later end first.
 * @throws OFFER_ENDED (resume only), NOT_FOUND, FORBIDDEN.
 */
export async function setGiftOfferPaused(context: Context, offerId: string, paused: boolean): Promise<GiftOfferRow> {
  return context.store.transaction(async (tx) => {
    const offer = await ownOffer(context, tx, offerId);
    changedOffer(context, offer);
    if (!paused && giftOfferStatus(offer, context.clock.now()) === 'ENDED') {
      throw refuse(Refusal.OFFER_ENDED, 'This offer has ended; give it a later end date (setGiftOfferEndDate) to run it again.', { endsAt: offer.endsAt?.toISOString() ?? null });
    }
    return (await tx.setOfferActive(offerId, !paused)) as GiftOfferRow;
  });
}

/**
 * A partner sets when its offer ends, or removes the end with null. The end must be after the
 * start and not in the past (an end already passed would rewrite when it stopped); a later end
 * runs an ended offer again.
 * @throws BAD_USER_INPUT, NOT_FOUND, FORBIDDEN.
 */
export async function setGiftOfferEndDate(context: Context, offerId: string, endsAt: Date | null): Promise<GiftOfferRow> {
  return context.store.transaction(async (tx) => {
    const offer = await ownOffer(context, tx, offerId);
    changedOffer(context, offer);
    const at = context.clock.now();
    if (endsAt && endsAt <= offer.startsAt) throw badInput('endsAt must be after the offer starts.', { field: 'endsAt', startsAt: offer.startsAt.toISOString() });
    if (endsAt && at.getTime() - endsAt.getTime() > END_CLOCK_SKEW_MS) throw badInput('endsAt must not be in the past; send the current time to end the offer at once.', { field: 'endsAt' });
    // "Now" by the partner's clock, a little behind ours, ends it now rather than in the past.
    return (await tx.setOfferEndsAt(offerId, endsAt && endsAt < at ? at : endsAt)) as GiftOfferRow;
  });
}

/**
 * Small Gestures: every rule of sending, redeeming and stocking free brand gifts, in one place.
 *
 * A send is one transaction taken up front (through the kit's `idempotent`): the limit is
 * counted, the offer and its pool are read and one code is claimed there, so concurrent sends
 * serialize and each sees the ones before it. Facts the users subgraph owns (the sender's
 * country when the token has none, whether the recipient exists) are fetched before it: no
 * network call runs inside a transaction.
 */
import { notYours, requireOwner, requirePartnerOf, signedInUserId } from '@app/kit/access';
import { badInput, notFound, refuse } from '@app/kit/errors';
import { idempotent } from '@app/kit/idempotency';
import { newId } from '@app/kit/ids';
import { readPage, toConnection, type CursorKey, type PageArgs } from '@app/kit/pagination';
import type { Context } from './context.ts';
import type { GiftOfferRow, SmallGestureSendRow } from './db/schema.ts';
import type { GiftsTx } from './db/store.ts';
import { fetchUsers, known, settle } from './facts.ts';
import { Refusal } from './refusals.ts';

/** The most Small Gestures one user may ever send; `small_gesture_sends.sender_slot` enforces it too. */
export const SMALL_GESTURE_LIMIT = 3;
/** The longest message a Small Gesture may carry, in characters (Unicode code points); a CHECK enforces it too. */
export const SMALL_GESTURE_MESSAGE_MAX = 150;
/** The countries the Small Gestures program runs in. */
export const SMALL_GESTURES_COUNTRIES: readonly string[] = ['US'];

/** At most this many codes per `addGiftOfferCodes` call. */
export const CODES_PER_CALL_MAX = 1_000;
const CODE_PATTERN = /^[A-Z0-9][A-Z0-9-]{3,63}$/;

/** The offer list's order, active offers first, then by title: the cursor holds this key. */
const giftOfferSortKey = (row: GiftOfferRow): CursorKey => [row.active ? 1 : 0, row.title, row.id];
/** The inbox order, newest first: the cursor holds this key. */
const inboxSortKey = (row: SmallGestureSendRow): CursorKey => [row.createdAt.getTime(), row.id];

/** Why the program is unavailable to a user in `country`, or null when it is available. */
export function unavailableReason(country: string | null): string | null {
  if (country && SMALL_GESTURES_COUNTRIES.includes(country)) return null;
  return `Small Gestures is available only to users in ${SMALL_GESTURES_COUNTRIES.join(', ')}${country ? `; your country is ${country}` : ''}.`;
}

/** Whether an offer can be sent at `now`: switched on, started and not ended. */
export function offerOpen(offer: GiftOfferRow, now: Date): boolean {
  return offer.active && offer.startsAt <= now && (offer.endsAt === null || now < offer.endsAt);
}

/** A message's length as people count it: in characters (code points), not UTF-16 units. */
export function messageLength(message: string): number {
  return [...message].length;
}

/** The signed-in user's country: the token's when it carries one, else the users subgraph's. */
export async function viewerCountry(context: Context): Promise<string | null> {
  if (context.viewer.country) return context.viewer.country;
  const [user] = await fetchUsers(context, [signedInUserId(context.viewer)]);
  return user?.country ?? null;
}

/** All offers, active first, then by title, a page at a time. */
export async function giftOffersPage(context: Context, args: PageArgs) {
  const page = readPage(args, 3);
  const rows = await context.store.giftOffersPage(page);
  for (const row of rows) context.loaders.giftOfferById.prime(row.id, row);
  return toConnection(rows, page, giftOfferSortKey);
}

/** The offers the signed-in user may send now: open, offered in their country, with codes left; none (with the reason) outside the program's countries. */
export async function sendableOffers(context: Context): Promise<{ offers: GiftOfferRow[]; unavailableReason: string | null }> {
  const country = await viewerCountry(context);
  const reason = unavailableReason(country);
  if (reason || !country) return { offers: [], unavailableReason: reason };
  const open = (await context.store.offersOpenAt(new Date())).filter((offer) => offer.regions.includes(country));
  const codesLeft = await context.loaders.codesLeft.loadMany(open.map((offer) => offer.id));
  for (const offer of open) context.loaders.giftOfferById.prime(offer.id, offer);
  return { offers: open.filter((_offer, i) => typeof codesLeft[i] === 'number' && codesLeft[i] > 0), unavailableReason: null };
}

/** How many of their Small Gestures a user has sent; theirs alone to see. */
export async function allowance(context: Context, userId: string) {
  requireOwner(context.viewer, userId, 'Only the user themself can see their Small Gestures allowance.', 'NOT_OWN_USER');
  const sent = await context.loaders.smallGesturesSent.load(userId);
  return { sent, remaining: Math.max(0, SMALL_GESTURE_LIMIT - sent), limit: SMALL_GESTURE_LIMIT };
}

/** A page of the gifts a user received, newest first; theirs alone to see. */
export async function inboxPage(context: Context, userId: string, args: PageArgs) {
  requireOwner(context.viewer, userId, 'Only the user themself can see their gift inbox.', 'NOT_OWN_USER');
  const page = readPage(args, 2);
  const rows = await context.loaders.inbox.load({ ownerId: userId, page });
  return toConnection(
    rows.map((row) => row.node),
    page,
    inboxSortKey,
  );
}

/** An offer's sent and redeemed counts and its pool's size: only for the brand's own partner, and never the codes themselves. */
export async function partnerOfferStats(context: Context, offer: GiftOfferRow) {
  requirePartnerOf(context.viewer, offer.brandId);
  const [stats, codesLeft] = await Promise.all([context.loaders.offerStats.load(offer.id), context.loaders.codesLeft.load(offer.id)]);
  return { ...stats, codesLeft };
}

export interface SendSmallGestureInput {
  offerId: string;
  recipientId: string;
  message: string;
  idempotencyKey: string;
}

/**
 * Sends a Small Gesture and returns its id; a retry with the same key and input returns the
 * first send's id and claims nothing. Refusals change nothing.
 */
export async function sendSmallGesture(context: Context, input: SendSmallGestureInput): Promise<string> {
  const senderId = signedInUserId(context.viewer);
  const { offerId, recipientId, message } = input;
  const length = messageLength(message);
  if (length > SMALL_GESTURE_MESSAGE_MAX) {
    throw refuse(Refusal.MESSAGE_TOO_LONG, `A Small Gesture's message is at most ${SMALL_GESTURE_MESSAGE_MAX} characters; this one has ${length}.`, {
      max: SMALL_GESTURE_MESSAGE_MAX,
      length,
    });
  }
  if (recipientId === senderId) throw refuse(Refusal.CANNOT_GIFT_SELF, 'You cannot send a Small Gesture to yourself.');

  const people = await settle(
    fetchUsers(context, context.viewer.country ? [recipientId] : [recipientId, senderId]).then(([recipient, sender]) => ({
      recipientExists: recipient != null,
      senderCountry: context.viewer.country ?? sender?.country ?? null,
    })),
  );
  const now = new Date();

  const { result } = await idempotent(
    context.store,
    { scope: senderId, key: input.idempotencyKey, operation: 'sendSmallGesture', input: { offerId, recipientId, message } },
    async (tx) => {
      const { recipientExists, senderCountry } = known(people);
      const notHere = unavailableReason(senderCountry);
      if (notHere) throw refuse(Refusal.SMALL_GESTURE_REGION_UNAVAILABLE, notHere, { country: senderCountry });

      const [counted] = await tx.smallGestureSentCounts([senderId]);
      const sent = counted?.count ?? 0;
      if (sent >= SMALL_GESTURE_LIMIT) {
        throw refuse(Refusal.SMALL_GESTURE_LIMIT_REACHED, `Each user may send ${SMALL_GESTURE_LIMIT} Small Gestures in all, and you have sent them.`, {
          limit: SMALL_GESTURE_LIMIT,
        });
      }
      if (!recipientExists) throw refuse(Refusal.RECIPIENT_NOT_FOUND, `No user has the id ${JSON.stringify(recipientId)}.`, { recipientId });

      const [offer] = await tx.giftOffersByIds([offerId]);
      if (!offer) throw notFound('GiftOffer', offerId);
      if (!offerOpen(offer, now)) throw refuse(Refusal.OFFER_INACTIVE, 'This offer cannot be sent now: it is switched off, not started yet, or ended.');
      if (!senderCountry || !offer.regions.includes(senderCountry)) {
        throw refuse(Refusal.SMALL_GESTURE_REGION_UNAVAILABLE, `This offer is not offered in ${senderCountry}.`, { country: senderCountry });
      }

      const code = await tx.claimCode(offerId, now);
      if (!code) throw refuse(Refusal.OFFER_SOLD_OUT, 'This offer has no codes left.');
      const gift = await tx.insertSmallGesture({ id: newId('sgs'), offerId, codeId: code.id, senderId, senderSlot: sent + 1, recipientId, message, createdAt: now });
      return { giftId: gift.id };
    },
  );
  return result.giftId;
}

/**
 * The recipient redeems a gift: it is marked redeemed and its code returned, this once. A second
 * redeem is refused and shows no code; nobody but the recipient may redeem.
 */
export async function redeemSmallGesture(context: Context, id: string): Promise<{ gift: SmallGestureSendRow; code: string }> {
  const userId = signedInUserId(context.viewer);
  return context.store.transaction(async (tx) => {
    const [gift] = await tx.smallGesturesByIds([id]);
    if (!gift) throw notFound('SmallGesture', id);
    if (gift.recipientId !== userId) throw notYours('Only the recipient of a Small Gesture may redeem it.', 'NOT_RECIPIENT');
    const redeemed = await tx.markRedeemed(id, new Date());
    if (!redeemed) throw refuse(Refusal.SMALL_GESTURE_ALREADY_REDEEMED, 'This Small Gesture was already redeemed; its code was shown then and is not shown again.');
    const code = await tx.codeById(redeemed.codeId);
    if (code === undefined) throw new Error(`Small Gesture ${id} points at a missing code`);
    return { gift: redeemed, code };
  });
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
  const startsAt = input.startsAt ?? new Date();
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
  if (!input.idempotencyKey) return (await context.store.transaction(create)).offerId;
  // Dates hash as ISO strings: a retry must send the same instants.
  const request = { ...row, startsAt: input.startsAt?.toISOString() ?? null, endsAt: endsAt?.toISOString() ?? null };
  const { result } = await idempotent(context.store, { scope: `partner:${input.brandId}`, key: input.idempotencyKey, operation: 'createGiftOffer', input: request }, create);
  return result.offerId;
}

/**
 * A partner adds codes to its own offer's pool. All or nothing: a malformed code, or one that
 * repeats in the batch or is already in a pool, refuses the whole batch.
 */
export async function addGiftOfferCodes(context: Context, offerId: string, rawCodes: readonly string[]): Promise<{ offer: GiftOfferRow; added: number }> {
  return context.store.transaction(async (tx) => {
    const [offer] = await tx.giftOffersByIds([offerId]);
    if (!offer) throw notFound('GiftOffer', offerId);
    requirePartnerOf(context.viewer, offer.brandId);

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
    const taken = await tx.existingCodes(codes);
    if (taken.length > 0) {
      throw refuse(Refusal.DUPLICATE_GIFT_CODE, 'Some codes are already in a pool; nothing was added.', { codes: taken.slice(0, 20) });
    }
    await tx.insertCodes(offerId, codes);
    return { offer, added: codes.length };
  });
}

/**
 * Small Gestures: every rule of sending, redeeming and stocking free brand gifts, in one place.
 *
 * A send is one transaction taken up front (BEGIN IMMEDIATE, through the kit's `idempotent`):
 * the limit is counted, the offer and its pool are read and one code is claimed there, so
 * concurrent sends serialize and each sees the ones before it. Facts the users subgraph owns
 * (the sender's country when the token has none, whether the recipient exists) are fetched
 * before it, since the transaction cannot await.
 */
import { requirePartnerOf } from '@app/kit/access';
import { badInput, forbidden, notFound, refuse } from '@app/kit/errors';
import { idempotent } from '@app/kit/idempotency';
import { signedInUserId } from './access.ts';
import type { Context } from './context.ts';
import { SMALL_GESTURE_LIMIT, SMALL_GESTURE_MESSAGE_MAX, type GiftOfferRow, type SmallGestureSendRow } from './db/schema.ts';
import {
  claimCode,
  codeById,
  existingCodes,
  insertCodes,
  insertOffer,
  insertSmallGesture,
  markRedeemed,
  offerById,
  smallGestureById,
  smallGesturesSentBy,
  type GiftsTx,
} from './db/writes.ts';
import { fetchUsers, known, settle } from './facts.ts';
import { newId } from './ids.ts';
import { Refusal } from './refusals.ts';

/** The countries the Small Gestures program runs in. */
export const SMALL_GESTURES_COUNTRIES: readonly string[] = ['US'];

/** At most this many codes per `addGiftOfferCodes` call. */
export const CODES_PER_CALL_MAX = 1_000;
const CODE_PATTERN = /^[A-Z0-9][A-Z0-9-]{3,63}$/;

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
  const [user] = await fetchUsers(context, [signedInUserId(context)]);
  return user?.country ?? null;
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
  const senderId = signedInUserId(context);
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

  const { result } = idempotent(
    context.db,
    { scope: senderId, key: input.idempotencyKey, operation: 'sendSmallGesture', input: { offerId, recipientId, message } },
    (anyTx) => {
      const tx = anyTx as GiftsTx;
      const { recipientExists, senderCountry } = known(people);
      const notHere = unavailableReason(senderCountry);
      if (notHere) throw refuse(Refusal.SMALL_GESTURE_REGION_UNAVAILABLE, notHere, { country: senderCountry });

      const sent = smallGesturesSentBy(tx, senderId);
      if (sent >= SMALL_GESTURE_LIMIT) {
        throw refuse(Refusal.SMALL_GESTURE_LIMIT_REACHED, `Each user may send ${SMALL_GESTURE_LIMIT} Small Gestures in all, and you have sent them.`, {
          limit: SMALL_GESTURE_LIMIT,
        });
      }
      if (!recipientExists) throw refuse(Refusal.RECIPIENT_NOT_FOUND, `No user has the id ${JSON.stringify(recipientId)}.`, { recipientId });

      const offer = offerById(tx, offerId);
      if (!offer) throw notFound('GiftOffer', offerId);
      if (!offerOpen(offer, now)) throw refuse(Refusal.OFFER_INACTIVE, 'This offer cannot be sent now: it is switched off, not started yet, or ended.');
      if (!senderCountry || !offer.regions.includes(senderCountry)) {
        throw refuse(Refusal.SMALL_GESTURE_REGION_UNAVAILABLE, `This offer is not offered in ${senderCountry}.`, { country: senderCountry });
      }

      const code = claimCode(tx, offerId, now);
      if (!code) throw refuse(Refusal.OFFER_SOLD_OUT, 'This offer has no codes left.');
      const gift = insertSmallGesture(tx, { id: newId('sgs'), offerId, codeId: code.id, senderId, senderSlot: sent + 1, recipientId, message, createdAt: now });
      return { giftId: gift.id };
    },
  );
  context.loaders.smallGesturesSent.clear(senderId);
  context.loaders.codesLeft.clear(offerId);
  return result.giftId;
}

/**
 * The recipient redeems a gift: it is marked redeemed and its code returned, this once. A second
 * redeem is refused and shows no code; nobody but the recipient may redeem.
 */
export function redeemSmallGesture(context: Context, id: string): { gift: SmallGestureSendRow; code: string } {
  const userId = signedInUserId(context);
  return context.db.transaction(
    (tx) => {
      const gift = smallGestureById(tx, id);
      if (!gift) throw notFound('SmallGesture', id);
      if (gift.recipientId !== userId) throw forbidden('Only the recipient of a Small Gesture may redeem it.', { reason: 'NOT_RECIPIENT' });
      const redeemed = markRedeemed(tx, id, new Date());
      if (!redeemed) throw refuse(Refusal.SMALL_GESTURE_ALREADY_REDEEMED, 'This Small Gesture was already redeemed; its code was shown then and is not shown again.');
      const code = codeById(tx, redeemed.codeId);
      if (code === undefined) throw new Error(`Small Gesture ${id} points at a missing code`);
      return { gift: redeemed, code };
    },
    { behavior: 'immediate' },
  );
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

/** A partner creates an offer for its own brand, with an empty pool. */
export function createGiftOffer(context: Context, input: CreateGiftOfferInput): GiftOfferRow {
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
  const create = (tx: GiftsTx) => insertOffer(tx, { id: newId('gof'), ...row }).id;
  let offerId: string;
  if (input.idempotencyKey) {
    // Dates hash as ISO strings: a retry must send the same instants.
    const request = { ...row, startsAt: input.startsAt?.toISOString() ?? null, endsAt: endsAt?.toISOString() ?? null };
    offerId = idempotent(
      context.db,
      { scope: `partner:${input.brandId}`, key: input.idempotencyKey, operation: 'createGiftOffer', input: request },
      (tx) => ({ offerId: create(tx as GiftsTx) }),
    ).result.offerId;
  } else {
    offerId = context.db.transaction((tx) => create(tx), { behavior: 'immediate' });
  }
  const offer = context.db.transaction((tx) => offerById(tx, offerId));
  if (!offer) throw new Error(`Offer ${offerId} vanished after it was created`);
  return offer;
}

/**
 * A partner adds codes to its own offer's pool. All or nothing: a malformed code, or one that
 * repeats in the batch or is already in a pool, refuses the whole batch.
 */
export function addGiftOfferCodes(context: Context, offerId: string, rawCodes: readonly string[]): { offer: GiftOfferRow; added: number } {
  const result = context.db.transaction(
    (tx) => {
      const offer = offerById(tx, offerId);
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
      const taken = existingCodes(tx, codes);
      if (taken.length > 0) {
        throw refuse(Refusal.DUPLICATE_GIFT_CODE, 'Some codes are already in a pool; nothing was added.', { codes: taken.slice(0, 20) });
      }
      insertCodes(tx, offerId, codes);
      return { offer, added: codes.length };
    },
    { behavior: 'immediate' },
  );
  context.loaders.codesLeft.clear(offerId);
  return result;
}

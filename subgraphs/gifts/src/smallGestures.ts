/**
 * Small Gestures: every rule of sending, claiming, redeeming and stocking free brand gifts, in one place.
 *
 * - **A send** is one transaction taken up front (through the kit's `idempotent`): the sender's
 *   allowance slots are read, the offer and its pool are read and one code is claimed there, so
 *   concurrent sends serialize and each sees the ones before it. Facts the users subgraph owns
 *   (the sender's country when the token has none, the recipient's existence and country) are
 *   fetched before it: no network call runs inside a transaction.
 * - **Who may send, and to whom**: a sender in the program's countries (the US) and in a region
 *   the offer allows; a recipient (or whoever claims a link) in a region the offer allows too.
 * - **Allowance**: three sends per user, ever. A claim link counts once, when it is sent.
 * - **Claim links**: a send without a recipient gives the sender a claim token (`claimLinks.ts`)
 *   instead; whoever signs in and claims it first becomes the recipient. Unclaimed after
 *   SMALL_GESTURE_CLAIM_HOURS (72 by default) it has expired: it no longer counts against the
 *   sender's allowance nor holds its code. Expiry is read from timestamps (the context's clock), never by a
 *   timer: reads count an expired link as given back at once, and the next send of that sender
 *   or of that offer gives its code and slot back in its own transaction (`releaseLapsedClaims`).
 * - **Redeeming** shows the code to the recipient, and again on every later redeem: a response
 *   lost on the way must not lose the gift.
 */
import { notYours, requireOwner, requirePartnerOf, signedInUserId } from '@app/kit/access';
import { badInput, notFound, refuse } from '@app/kit/errors';
import { idempotent } from '@app/kit/idempotency';
import { newId } from '@app/kit/ids';
import { readPage, toConnection, type CursorKey, type PageArgs } from '@app/kit/pagination';
import { claimTokenFor, giftIdOfClaimToken } from './claimLinks.ts';
import type { Context } from './context.ts';
import type { GiftOfferRow, SmallGestureSendRow } from './mappers.ts';
import type { GiftsTx } from './db/store.ts';
import { known, settle } from '@app/kit/facts';
import { fetchUsers } from './facts.ts';
import { Refusal } from './refusals.ts';
import { SMALL_GESTURE_LIMIT, SMALL_GESTURE_MESSAGE_MAX } from './vocabulary.ts';

/** The countries the Small Gestures program runs in. */
export const SMALL_GESTURES_COUNTRIES: readonly string[] = ['US'];

/** At most this many codes per `addGiftOfferCodes` call. */
export const CODES_PER_CALL_MAX = 1_000;
const CODE_PATTERN = /^[A-Z0-9][A-Z0-9-]{3,63}$/;

/** The offer list's order, active offers first, then by title: the cursor holds this key. */
const giftOfferSortKey = (row: GiftOfferRow): CursorKey => [row.active ? 1 : 0, row.title, row.id];
/** Lists of gifts (an inbox, a sender's list), newest first: the cursor holds this key. */
const newestFirst = (row: SmallGestureSendRow): CursorKey => [row.createdAt.getTime(), row.id];

/** Why the program is unavailable to a user in `country`, or null when it is available. */
export function unavailableReason(country: string | null): string | null {
  if (country && SMALL_GESTURES_COUNTRIES.includes(country)) return null;
  return `Small Gestures is available only to users in ${SMALL_GESTURES_COUNTRIES.join(', ')}${country ? `; your country is ${country}` : ''}.`;
}

/** Whether an offer can be sent at `at`: switched on, started and not ended. */
export function offerOpen(offer: GiftOfferRow, at: Date): boolean {
  return offer.active && offer.startsAt <= at && (offer.endsAt === null || at < offer.endsAt);
}

/** A message's length as people count it: in characters (code points), not UTF-16 units. */
export function messageLength(message: string): number {
  return [...message].length;
}

export type SmallGestureState = 'AWAITING_CLAIM' | 'EXPIRED' | 'DELIVERED' | 'REDEEMED';

/** Where a gift is at `at`: a link awaiting its claim or expired, in the recipient's inbox, or redeemed. */
export function smallGestureState(gift: SmallGestureSendRow, at: Date): SmallGestureState {
  if (gift.redeemedAt) return 'REDEEMED';
  if (gift.recipientId) return 'DELIVERED';
  return gift.claimExpiresAt && at < gift.claimExpiresAt ? 'AWAITING_CLAIM' : 'EXPIRED';
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

export type OfferUnavailable = 'ALLOWANCE_SPENT' | 'SOLD_OUT';

export interface SendableOffers {
  offers: GiftOfferRow[];
  unavailable: { offer: GiftOfferRow; reason: OfferUnavailable; message: string }[];
  unavailableReason: string | null;
  userId: string;
}

/**
 * The open offers of the user's country: those they may send now, and those they may not, with
 * why (their allowance is spent, the offer's codes are gone); none outside the program's countries.
 */
export async function sendableOffers(context: Context): Promise<SendableOffers> {
  const userId = signedInUserId(context.viewer);
  const country = await viewerCountry(context);
  const reason = unavailableReason(country);
  if (reason || !country) return { offers: [], unavailable: [], unavailableReason: reason, userId };
  const open = (await context.store.offersOpenAt(context.clock.now())).filter((offer) => offer.regions.includes(country));
  for (const offer of open) context.loaders.giftOfferById.prime(offer.id, offer);
  const [codesLeft, sent] = await Promise.all([context.loaders.codesLeft.loadMany(open.map((offer) => offer.id)), context.loaders.smallGesturesSent.load(userId)]);
  const result: SendableOffers = { offers: [], unavailable: [], unavailableReason: null, userId };
  open.forEach((offer, i) => {
    const left = codesLeft[i];
    if (left instanceof Error) throw left;
    if (sent >= SMALL_GESTURE_LIMIT) {
      result.unavailable.push({ offer, reason: 'ALLOWANCE_SPENT', message: `You have sent the ${SMALL_GESTURE_LIMIT} Small Gestures each user may send.` });
    } else if (!left) {
      result.unavailable.push({ offer, reason: 'SOLD_OUT', message: 'This offer has no codes left.' });
    } else {
      result.offers.push(offer);
    }
  });
  return result;
}

/** How many of their Small Gestures a user has sent (expired claim links given back); theirs alone to see. */
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
    newestFirst,
  );
}

/** A page of the gifts a user sent, with where each is, newest first; theirs alone to see. */
export async function sentPage(context: Context, userId: string, args: PageArgs) {
  requireOwner(context.viewer, userId, 'Only the user themself can see the Small Gestures they sent.', 'NOT_OWN_USER');
  const page = readPage(args, 2);
  const rows = await context.loaders.smallGesturesSentList.load({ ownerId: userId, page });
  return toConnection(
    rows.map((row) => row.node),
    page,
    newestFirst,
  );
}

/** A link gift's claim token, for its sender while it awaits its claim; null for anyone else or once claimed or expired. */
export function claimTokenShownTo(context: Context, gift: SmallGestureSendRow): string | null {
  if (context.viewer.userId !== gift.senderId || smallGestureState(gift, context.clock.now()) !== 'AWAITING_CLAIM') return null;
  return claimTokenFor(gift.id);
}

/** A redeemed gift's code, for its recipient only (as many times as they ask); null for anyone else or before the redeem. */
export async function codeShownTo(context: Context, gift: SmallGestureSendRow): Promise<string | null> {
  if (!gift.redeemedAt || !gift.recipientId || context.viewer.userId !== gift.recipientId || gift.codeId === null) return null;
  return (await context.store.codeById(gift.codeId)) ?? null;
}

/** An offer's sent and redeemed counts and its pool's size: only for the brand's own partner, and never the codes themselves. */
export async function partnerOfferStats(context: Context, offer: GiftOfferRow) {
  requirePartnerOf(context.viewer, offer.brandId);
  const [stats, codesLeft] = await Promise.all([context.loaders.offerStats.load(offer.id), context.loaders.codesLeft.load(offer.id)]);
  return { ...stats, codesLeft };
}

export interface SendSmallGestureInput {
  offerId: string;
  /** Null or omitted: a claim link instead. */
  recipientId?: string | null;
  message: string;
  idempotencyKey: string;
}

/**
 * Sends a Small Gesture and returns its id; a retry with the same key and input returns the
 * first send's id and claims nothing. Refusals change nothing.
 */
export async function sendSmallGesture(context: Context, input: SendSmallGestureInput): Promise<string> {
  const senderId = signedInUserId(context.viewer);
  const { offerId, message } = input;
  const recipientId = input.recipientId ?? null;
  const length = messageLength(message);
  if (length > SMALL_GESTURE_MESSAGE_MAX) {
    throw refuse(Refusal.MESSAGE_TOO_LONG, `A Small Gesture's message is at most ${SMALL_GESTURE_MESSAGE_MAX} characters; this one has ${length}.`, {
      max: SMALL_GESTURE_MESSAGE_MAX,
      length,
    });
  }
  if (recipientId === senderId) throw refuse(Refusal.CANNOT_GIFT_SELF, 'You cannot send a Small Gesture to yourself.');

  const asked = [...(recipientId ? [recipientId] : []), ...(context.viewer.country ? [] : [senderId])];
  const people = await settle(
    (asked.length > 0 ? fetchUsers(context, asked) : Promise.resolve([])).then((found) => {
      const recipient = recipientId ? found[0] : null;
      const sender = context.viewer.country ? null : found.at(-1);
      return { recipientFound: recipient != null, recipientCountry: recipient?.country ?? null, senderCountry: context.viewer.country ?? sender?.country ?? null };
    }),
  );
  const claimWindow = context.settings.claimWindowMs;

  const { result } = await idempotent(
    context.store,
    { scope: senderId, key: input.idempotencyKey, operation: 'sendSmallGesture', input: { offerId, recipientId, message } },
    async (tx) => {
      const at = context.clock.now();
      const { recipientFound, recipientCountry, senderCountry } = known(people);
      const notHere = unavailableReason(senderCountry);
      if (notHere) throw refuse(Refusal.SMALL_GESTURE_REGION_UNAVAILABLE, notHere, { country: senderCountry });

      await tx.releaseLapsedClaims(senderId, offerId, at);
      const slot = await nextSlot(tx, senderId);
      if (recipientId && !recipientFound) throw refuse(Refusal.RECIPIENT_NOT_FOUND, `No user has the id ${JSON.stringify(recipientId)}.`, { recipientId });

      const [offer] = await tx.giftOffersByIds([offerId]);
      if (!offer) throw notFound('GiftOffer', offerId);
      if (!offerOpen(offer, at)) throw refuse(Refusal.OFFER_INACTIVE, 'This offer cannot be sent now: it is paused, not started yet, or ended.');
      if (!senderCountry || !offer.regions.includes(senderCountry)) {
        throw refuse(Refusal.SMALL_GESTURE_REGION_UNAVAILABLE, `This offer is not offered in ${senderCountry}.`, { country: senderCountry });
      }
      if (recipientId) requireRecipientRegion(offer, recipientCountry);

      const code = await tx.claimCode(offerId, at);
      if (!code) throw refuse(Refusal.OFFER_SOLD_OUT, 'This offer has no codes left.');
      const gift = await tx.insertSmallGesture({
        id: newId('sgs'),
        offerId,
        codeId: code.id,
        senderId,
        senderSlot: slot,
        recipientId,
        message,
        createdAt: at,
        claimExpiresAt: recipientId ? null : new Date(at.getTime() + claimWindow),
      });
      return { giftId: gift.id };
    },
  );
  context.changed('GiftOffer', offerId);
  // A claim link has no recipient yet: its claim names them.
  context.changed('User', recipientId ? [senderId, recipientId] : senderId);
  return result.giftId;
}

/** The sender's first free allowance slot (1 to 3). @throws SMALL_GESTURE_LIMIT_REACHED when all are taken. */
async function nextSlot(tx: GiftsTx, senderId: string): Promise<number> {
  const taken = new Set(await tx.senderSlotsTaken(senderId));
  for (let slot = 1; slot <= SMALL_GESTURE_LIMIT; slot++) if (!taken.has(slot)) return slot;
  throw refuse(Refusal.SMALL_GESTURE_LIMIT_REACHED, `Each user may send ${SMALL_GESTURE_LIMIT} Small Gestures in all, and you have sent them.`, { limit: SMALL_GESTURE_LIMIT });
}

/** @throws RECIPIENT_REGION_UNAVAILABLE when the recipient's country is not one the offer is offered in. */
function requireRecipientRegion(offer: GiftOfferRow, country: string | null): void {
  if (country && offer.regions.includes(country)) return;
  throw refuse(Refusal.RECIPIENT_REGION_UNAVAILABLE, `This offer can only be received in ${offer.regions.join(', ')}${country ? `, not in ${country}` : ''}.`, {
    country,
    regions: offer.regions,
  });
}

/**
 * The signed-in user claims a gift sent by link and becomes its recipient, if they are first and
 * it has not expired; claiming one's own claim again returns it (a lost response loses nothing).
 * @throws CLAIM_LINK_INVALID, SMALL_GESTURE_ALREADY_CLAIMED, SMALL_GESTURE_CLAIM_EXPIRED,
 *   CANNOT_GIFT_SELF, RECIPIENT_REGION_UNAVAILABLE, SERVICE_UNAVAILABLE (the users subgraph).
 */
export async function claimSmallGesture(context: Context, token: string): Promise<SmallGestureSendRow> {
  const userId = signedInUserId(context.viewer);
  const giftId = giftIdOfClaimToken(token);
  const invalid = () => refuse(Refusal.CLAIM_LINK_INVALID, 'This claim link is not one of ours; check that it was copied whole.');
  if (!giftId) throw invalid();
  const country = await settle(viewerCountry(context));
  return context.store.transaction(async (tx) => {
    const at = context.clock.now();
    const [gift] = await tx.smallGesturesByIds([giftId]);
    if (!gift || !gift.claimExpiresAt) throw invalid();
    if (gift.recipientId === userId) return gift;
    if (gift.recipientId) throw refuse(Refusal.SMALL_GESTURE_ALREADY_CLAIMED, 'Someone claimed this Small Gesture first.');
    if (gift.claimExpiresAt <= at) throw refuse(Refusal.SMALL_GESTURE_CLAIM_EXPIRED, 'This claim link has expired; the gift went back to its sender.', { expiredAt: gift.claimExpiresAt.toISOString() });
    if (gift.senderId === userId) throw refuse(Refusal.CANNOT_GIFT_SELF, 'You cannot claim a Small Gesture you sent; share the link with a friend.');
    const [offer] = await tx.giftOffersByIds([gift.offerId]);
    if (!offer) throw new Error(`Small Gesture ${gift.id} points at a missing offer`);
    requireRecipientRegion(offer, known(country));
    const claimed = await tx.claimSmallGesture(gift.id, userId, at);
    if (!claimed) throw new Error(`Small Gesture ${gift.id} could not be claimed under the write lock`);
    context.changed('User', [userId, gift.senderId]);
    return claimed;
  });
}

/**
 * The recipient redeems a gift: it is marked redeemed (the first time) and its code returned,
 * then and on every later redeem, so a lost response never loses the gift. Nobody but the
 * recipient may redeem or see the code.
 */
export async function redeemSmallGesture(context: Context, id: string): Promise<{ gift: SmallGestureSendRow; code: string }> {
  const userId = signedInUserId(context.viewer);
  return context.store.transaction(async (tx) => {
    const [gift] = await tx.smallGesturesByIds([id]);
    if (!gift) throw notFound('SmallGesture', id);
    if (gift.recipientId !== userId) throw notYours('Only the recipient of a Small Gesture may redeem it.', 'NOT_RECIPIENT');
    const redeemed = gift.redeemedAt ? gift : await tx.markRedeemed(id, context.clock.now());
    const code = redeemed?.codeId == null ? undefined : await tx.codeById(redeemed.codeId);
    if (!redeemed || code === undefined) throw new Error(`Small Gesture ${id} has no code to show`);
    context.changed('User', userId);
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

/** How far in the past an end date may be and still mean "end it now": a partner's clock may lag ours. */
const END_CLOCK_SKEW_MS = 5 * 60_000;

export type GiftOfferStatus = 'SCHEDULED' | 'ACTIVE' | 'PAUSED' | 'ENDED';

/** Where an offer is at `at`: ended (whatever else), paused, not started yet, or running. */
export function giftOfferStatus(offer: GiftOfferRow, at: Date): GiftOfferStatus {
  if (offer.endsAt && offer.endsAt <= at) return 'ENDED';
  if (!offer.active) return 'PAUSED';
  return offer.startsAt > at ? 'SCHEDULED' : 'ACTIVE';
}

/** A brand's offers, newest first, whatever their status (paused and ended ones too). */
export async function brandGiftOffersPage(context: Context, brandId: string, args: PageArgs) {
  const page = readPage(args, 2);
  const rows = await context.loaders.brandGiftOffers.load({ ownerId: brandId, page });
  for (const row of rows) context.loaders.giftOfferById.prime(row.node.id, row.node);
  return toConnection(
    rows.map((row) => row.node),
    page,
    (row): CursorKey => [row.startsAt.getTime(), row.id],
  );
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

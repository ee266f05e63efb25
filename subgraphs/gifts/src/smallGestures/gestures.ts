/**
 * Small Gestures: every rule of sending, claiming, redeeming and stocking free brand gifts, in one place: the writes
 * of senders and recipients here, the rules every audience reads in `rules.ts`, the reads in
 * `senders.ts`, the partner's offers in `offers.ts`.
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
import { notYours, signedInUserId } from '@app/kit/access';
import { notFound, refuse } from '@app/kit/errors';
import { idempotent } from '@app/kit/idempotency';
import { newId } from '@app/kit/ids';
import { giftIdOfClaimToken } from '../claimLinks.ts';
import type { Context } from '../context.ts';
import type { GiftOfferRow, SmallGestureSendRow } from '../mappers.ts';
import type { GiftsTx } from '../db/store.ts';
import { known, settle } from '@app/kit/facts';
import { fetchUsers } from '../facts.ts';
import { Refusal } from '../refusals.ts';
import { SMALL_GESTURE_LIMIT, SMALL_GESTURE_MESSAGE_MAX } from '../vocabulary.ts';
import { messageLength, offerOpen, unavailableReason } from './rules.ts';
import { viewerCountry } from './senders.ts';

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

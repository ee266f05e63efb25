/** Small Gestures as a sender and a recipient see them: the offers they may send, their allowance, inbox and sent gifts. */
import { requireOwner, signedInUserId } from '@app/kit/access';
import { connectionOf, type PageArgs } from '@app/kit/pagination';
import { claimTokenFor } from '../claimLinks.ts';
import type { Context } from '../context.ts';
import type { SendableOffers, SmallGestureSendRow } from '../mappers.ts';
import { fetchUsers } from '../facts.ts';
import { SMALL_GESTURE_LIMIT } from '../vocabulary.ts';
import { giftOfferSortKey, newestFirst, smallGestureState, unavailableReason } from './rules.ts';

/** The signed-in user's country: the token's when it carries one, else the users subgraph's. */
export async function viewerCountry(context: Context): Promise<string | null> {
  if (context.viewer.country) return context.viewer.country;
  const [user] = await fetchUsers(context, [signedInUserId(context.viewer)]);
  return user?.country ?? null;
}

/** All offers, active first, then by title, a page at a time. */
export async function giftOffersPage(context: Context, args: PageArgs) {
  return connectionOf(args, { arity: 3, keyOf: giftOfferSortKey }, async (page) => {
    const rows = await context.store.giftOffersPage(page);
    for (const row of rows) context.loaders.giftOfferById.prime(row.id, row);
    return rows;
  });
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
  return connectionOf(args, { arity: 2, keyOf: newestFirst }, async (page) => (await context.loaders.inbox.load({ ownerId: userId, page })).map((row) => row.node));
}

/** A page of the gifts a user sent, with where each is, newest first; theirs alone to see. */
export async function sentPage(context: Context, userId: string, args: PageArgs) {
  requireOwner(context.viewer, userId, 'Only the user themself can see the Small Gestures they sent.', 'NOT_OWN_USER');
  return connectionOf(args, { arity: 2, keyOf: newestFirst }, async (page) => (await context.loaders.smallGesturesSentList.load({ ownerId: userId, page })).map((row) => row.node));
}

/**
 * A Small Gesture found by its id (`node`, an entity reference): its sender's and recipient's
 * (who see it in their sent list and inbox); null for anyone else, as an unknown id.
 */
export async function smallGestureReference(context: Context, id: string): Promise<SmallGestureSendRow | null> {
  const gift = await context.loaders.smallGestureById.load(id);
  return gift && context.viewer.userId !== null && (context.viewer.userId === gift.senderId || context.viewer.userId === gift.recipientId) ? gift : null;
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

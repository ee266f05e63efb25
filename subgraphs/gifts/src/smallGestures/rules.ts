/**
 * Small Gestures' rules that every audience reads: where the program runs, whether an offer is
 * open, where a gift or an offer is at a moment, what a message's length is. See `gestures.ts` for
 * the program as a whole.
 */
import { type CursorKey } from '@app/kit/pagination';
import type { GiftOfferRow, SmallGestureSendRow } from '../mappers.ts';

/** The countries the Small Gestures program runs in. */
export const SMALL_GESTURES_COUNTRIES: readonly string[] = ['US'];

/** At most this many codes per `addGiftOfferCodes` call. */
export const CODES_PER_CALL_MAX = 1_000;
export const CODE_PATTERN = /^[A-Z0-9][A-Z0-9-]{3,63}$/;

/** The offer list's order, active offers first, then by title: the cursor holds this key. */
export const giftOfferSortKey = (row: GiftOfferRow): CursorKey => [row.active ? 1 : 0, row.title, row.id];
/** Lists of gifts (an inbox, a sender's list), newest first: the cursor holds this key. */
export const newestFirst = (row: SmallGestureSendRow): CursorKey => [row.createdAt.getTime(), row.id];

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

/** How far in the past an end date may be and still mean "end it now": a partner's clock may lag ours. */
export const END_CLOCK_SKEW_MS = 5 * 60_000;

export type GiftOfferStatus = 'SCHEDULED' | 'ACTIVE' | 'PAUSED' | 'ENDED';

/** Where an offer is at `at`: ended (whatever else), paused, not started yet, or running. */
export function giftOfferStatus(offer: GiftOfferRow, at: Date): GiftOfferStatus {
  if (offer.endsAt && offer.endsAt <= at) return 'ENDED';
  if (!offer.active) return 'PAUSED';
  return offer.startsAt > at ? 'SCHEDULED' : 'ACTIVE';
}

/**
 * Claim links: the token a Small Gesture sent to nobody in particular carries, shown to its
 * sender, claimed by whoever signs in with it first.
 *
 * A token is the gift's id and an HMAC of it, under a key derived from INTERNAL_SECRET for this
 * purpose only. Nothing of it is stored: the gift's id finds the gift, the MAC proves the token
 * came from here (ids are not secrets: they are in URLs and lists), and the sender can be shown
 * the same link again (`SmallGesture.claimToken`) after a lost response. What makes it one-time
 * is the gift: the first claim makes its recipient, and a gift with a recipient is not claimable.
 * Rotating INTERNAL_SECRET voids the links not yet claimed (they expire and give their sends back).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { internalSecret } from '@app/kit/config';

const PURPOSE = 'small-gesture-claim-link/v1';
let derived: Buffer | undefined;

function linkKey(): Buffer {
  derived ??= createHmac('sha256', internalSecret().secret).update(PURPOSE).digest();
  return derived;
}

const macOf = (giftId: string) => createHmac('sha256', linkKey()).update(giftId).digest();

/** The claim token of a gift sent by link. */
export function claimTokenFor(giftId: string): string {
  return `${giftId}.${macOf(giftId).toString('base64url')}`;
}

/** The gift a claim token is for, or null when this service did not make the token. */
export function giftIdOfClaimToken(token: string): string | null {
  const dot = token.lastIndexOf('.');
  if (dot <= 0 || token.length > 200) return null;
  const giftId = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), 'base64url');
  const expected = macOf(giftId);
  return given.length === expected.length && timingSafeEqual(given, expected) ? giftId : null;
}

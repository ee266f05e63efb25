/**
 * The gifts subgraph's own refusal codes, in `extensions.code` (raised with the kit's `refuse`).
 * Clients branch on them: they are part of the API, never renamed. Generic cases use the kit's
 * codes: NOT_FOUND, BAD_USER_INPUT, FORBIDDEN, IDEMPOTENCY_KEY_REUSED, SERVICE_UNAVAILABLE.
 */
export const Refusal = {
  /** The sender is outside the Small Gestures countries (the US), or the offer is not offered in theirs. */
  SMALL_GESTURE_REGION_UNAVAILABLE: 'SMALL_GESTURE_REGION_UNAVAILABLE',
  /** The sender has already sent the three Small Gestures each user may ever send. */
  SMALL_GESTURE_LIMIT_REACHED: 'SMALL_GESTURE_LIMIT_REACHED',
  CANNOT_GIFT_SELF: 'CANNOT_GIFT_SELF',
  /** The users subgraph does not know the recipient. */
  RECIPIENT_NOT_FOUND: 'RECIPIENT_NOT_FOUND',
  /** The offer is switched off, not started or ended. */
  OFFER_INACTIVE: 'OFFER_INACTIVE',
  /** Resuming an offer whose end date has passed. */
  OFFER_ENDED: 'OFFER_ENDED',
  /** The offer's pool has no codes left. */
  OFFER_SOLD_OUT: 'OFFER_SOLD_OUT',
  MESSAGE_TOO_LONG: 'MESSAGE_TOO_LONG',
  /** The recipient (or whoever claims a link) is in a country the offer is not offered in. */
  RECIPIENT_REGION_UNAVAILABLE: 'RECIPIENT_REGION_UNAVAILABLE',
  /** A claim token this service did not make, cut short, or for no gift. */
  CLAIM_LINK_INVALID: 'CLAIM_LINK_INVALID',
  /** Someone else claimed the link first. */
  SMALL_GESTURE_ALREADY_CLAIMED: 'SMALL_GESTURE_ALREADY_CLAIMED',
  /** Nobody claimed the link in time; the gift went back to its sender. */
  SMALL_GESTURE_CLAIM_EXPIRED: 'SMALL_GESTURE_CLAIM_EXPIRED',
  /** A code repeats within the batch or is already in this offer's pool. */
  DUPLICATE_GIFT_CODE: 'DUPLICATE_GIFT_CODE',
  INSUFFICIENT_COINS: 'INSUFFICIENT_COINS',
  STREAM_NOT_LIVE: 'STREAM_NOT_LIVE',
  CANNOT_GIFT_OWN_STREAM: 'CANNOT_GIFT_OWN_STREAM',
  PAYMENT_DECLINED: 'PAYMENT_DECLINED',
  /** A gift payout asks for less than PAYOUT_MINIMUM_CENTS, or the whole balance is worth less. */
  PAYOUT_BELOW_MINIMUM: 'PAYOUT_BELOW_MINIMUM',
  /** A gift payout asks for more than the creator's payable gift earnings. */
  INSUFFICIENT_GIFT_EARNINGS: 'INSUFFICIENT_GIFT_EARNINGS',
} as const;

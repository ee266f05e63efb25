/**
 * Gifts' vocabulary: the limits, statuses, kinds and units the store's tables and the rules both
 * name. A leaf: it imports nothing, so the tables never reach into a use case for a number.
 */

// Small Gestures.

/** The most Small Gestures one user may ever send; `small_gesture_sends.sender_slot` enforces it too. */
export const SMALL_GESTURE_LIMIT = 3;
/** The longest message a Small Gesture may carry, in characters (Unicode code points); a CHECK enforces it too. */
export const SMALL_GESTURE_MESSAGE_MAX = 150;

// Coin purchases and gift payouts: each recorded first, then settled once.

export const COIN_PURCHASE_STATUSES = ['PENDING', 'COMPLETED', 'DECLINED'] as const;
export type CoinPurchaseStatus = (typeof COIN_PURCHASE_STATUSES)[number];

export const GIFT_PAYOUT_STATUSES = ['REQUESTED', 'PAID', 'FAILED'] as const;
export type GiftPayoutStatus = (typeof GIFT_PAYOUT_STATUSES)[number];

// The ledger (`ledger.ts`).

export const LEDGER_UNITS = ['COIN', 'DIAMOND'] as const;
export type LedgerUnit = (typeof LEDGER_UNITS)[number];
export const LEDGER_KINDS = ['COIN_PURCHASE', 'LIVE_GIFT', 'GIFT_PAYOUT', 'GIFT_PAYOUT_PAID', 'GIFT_PAYOUT_FAILED'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

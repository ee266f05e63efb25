/** What resolvers receive for each type (codegen's mappers): the store's rows, and references. */
import type { GiftTotals } from './db/contract.ts';
import type { GiftOfferRow } from './db/tables.ts';

export type { CoinPurchaseRow, GiftOfferRow, GiftPayoutRow, LiveGiftRow, LiveGiftSendRow, SmallGestureSendRow } from './db/tables.ts';
export type { GiftTotals, TopGifterRow } from './db/contract.ts';

/** A creator as gifts knows one: only the id; the users subgraph decides whether it exists. */
export interface CreatorRef {
  id: string;
}
/** A brand as gifts knows one: only the id; the commerce subgraph owns the rest. */
export interface BrandRef {
  id: string;
}
/** A live stream as gifts knows one: only the id; the content subgraph owns the rest. */
export interface LiveStreamRef {
  id: string;
}

/** A user as gifts knows one: only the id; the users subgraph owns the rest. */
export interface UserRef {
  id: string;
}

/** A user's wallet as the API shows it: whose it is; the coins are loaded per request. */
export interface WalletRef {
  userId: string;
}

/** A creator's gift earnings as the API shows them: whose they are; the amounts are loaded per request. */
export interface GiftEarningsRef {
  creatorId: string;
}

/**
 * What a gift event keeps in the outbox (its topic is the stream's id): the send, and the
 * stream's totals right after it, so a reader who comes late still sees them as of this event.
 */
export interface LiveGiftEventPayload {
  sendId: string;
  totals: GiftTotals;
}

/** What a subscription to a stream's gift events hands its resolvers: one outbox event. */
export interface LiveGiftEventView extends LiveGiftEventPayload {
  /** The event id, as the API shows it. */
  id: string;
  liveStreamId: string;
}

/** Why an open offer cannot be sent by this user now. */
export type OfferUnavailable = 'ALLOWANCE_SPENT' | 'SOLD_OUT';

/** The offers a user may send now, and those they may not, with why (`smallGestures/senders.ts`). */
export interface SendableOffers {
  offers: GiftOfferRow[];
  unavailable: { offer: GiftOfferRow; reason: OfferUnavailable; message: string }[];
  unavailableReason: string | null;
  userId: string;
}

import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { GiftOfferRow, LiveGiftRow, CreatorRef, BrandRef, LiveStreamRef, UserRef, WalletRef, SmallGestureSendRow, SendableOffers, LiveGiftSendRow, CoinPurchaseRow, GiftPayoutRow, GiftEarningsRef, TopGifterRow, LiveGiftEventView } from '../mappers.ts';
import type { Money as MoneyValue } from '@app/kit/money';
import type { DiamondsWorth } from '../giftPayouts.ts';
import type { CoinPackage as CoinPackageDef } from '../coinPackages.ts';
import type { Context } from '../context.ts';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  DateTime: { input: Date; output: Date; }
  _FieldSet: { input: any; output: any; }
};

export type AddGiftOfferCodesPayload = {
  __typename?: 'AddGiftOfferCodesPayload';
  /** How many codes were added. */
  added: Scalars['Int']['output'];
  offer: GiftOffer;
};

export type Brand = {
  __typename?: 'Brand';
  /** The brand's Small Gestures offers, newest first, paused and ended ones too: `first`/`after` page forward (20 unless `first` says otherwise), `last`/`before` back. */
  giftOffers?: Maybe<GiftOfferConnection>;
  id: Scalars['ID']['output'];
};


export type BrandGiftOffersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

export type ClaimSmallGesturePayload = {
  __typename?: 'ClaimSmallGesturePayload';
  /** The gift, now the signed-in user's, in their inbox to redeem. */
  gift: SmallGesture;
};

/** A package of coins on sale. */
export type CoinPackage = {
  __typename?: 'CoinPackage';
  coins: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  /** What the package costs, in USD. */
  price: Money;
};

/** One purchase of a coin package; its buyer's only (`node(id:)` answers null to anyone else). */
export type CoinPurchase = {
  __typename?: 'CoinPurchase';
  coins: Scalars['Int']['output'];
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  package: CoinPackage;
  price: Money;
  status: CoinPurchaseStatus;
};

/** A page of a list. No `totalCount`: no count of these lists is kept, and the graph never counts a list at read time. */
export type CoinPurchaseConnection = {
  __typename?: 'CoinPurchaseConnection';
  edges: Array<CoinPurchaseEdge>;
  pageInfo: PageInfo;
};

export type CoinPurchaseEdge = {
  __typename?: 'CoinPurchaseEdge';
  cursor: Scalars['String']['output'];
  node: CoinPurchase;
};

export type CoinPurchaseStatus =
  /** Paid; the coins were credited. */
  | 'COMPLETED'
  /** The provider declined the payment; nothing was credited. */
  | 'DECLINED'
  /** Recorded; the payment provider has not settled it yet. */
  | 'PENDING';

export type CreateGiftOfferInput = {
  /** Whether the offer can be sent once started; true when omitted. */
  active?: InputMaybe<Scalars['Boolean']['input']>;
  /** The calling partner key's own brand. */
  brandId: Scalars['ID']['input'];
  /** At most 500 characters. */
  description: Scalars['String']['input'];
  /** No end when omitted; must be after `startsAt`. */
  endsAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** Optional: a retry with the same key and input returns the first offer instead of a second one. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** ISO 3166-1 alpha-2 country codes; ["US"] when omitted. */
  regions?: InputMaybe<Array<Scalars['String']['input']>>;
  /** What the gift would cost if bought, in USD cents. */
  retailValueAmount: Scalars['Int']['input'];
  /** Now when omitted. */
  startsAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** 1 to 100 characters. */
  title: Scalars['String']['input'];
};

export type Creator = {
  __typename?: 'Creator';
  /**
   * Diamonds from every LIVE gift the creator received, and their money value: the creator's
   * income, so only the creator sees it (FORBIDDEN for anyone else). A stream's gift totals are
   * public (`LiveStream.giftTotals`).
   */
  giftEarnings?: Maybe<GiftEarnings>;
  /** The creator's gift payouts, newest first. Only the creator sees them. `first`/`after` page forward (20 unless `first` says otherwise), `last`/`before` back. */
  giftPayouts?: Maybe<GiftPayoutConnection>;
  /**
   * The LIVE gifts the creator received, newest first: of one stream when `liveStreamId` is given
   * (the stream's totals are `LiveStream.giftTotals`), else of all. Only the creator sees them.
   * `first`/`after` page forward (20 unless `first` says otherwise), `last`/`before` back.
   */
  giftReceipts?: Maybe<LiveGiftSendConnection>;
  id: Scalars['ID']['output'];
  /** The users who spent the most coins on gifts to this creator, across all streams; `first` at most 100. */
  topGifters?: Maybe<Array<TopGifter>>;
};


export type CreatorGiftPayoutsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type CreatorGiftReceiptsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  liveStreamId?: InputMaybe<Scalars['ID']['input']>;
};


export type CreatorTopGiftersArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A creator's LIVE gift earnings in money (USD), by where they stand. */
export type GiftBalance = {
  __typename?: 'GiftBalance';
  /** What `requestGiftPayout` can take now: the diamonds not in a payout, rounded down to whole cents. */
  available: Money;
  /** In payouts the payout provider has not answered yet. */
  inPayout: Money;
  /** Always zero: nothing takes a LIVE gift back once credited. */
  locked: Money;
  /** In payouts that were paid. */
  paidOut: Money;
  /** Always zero: a LIVE gift is credited when it is sent, with nothing to wait for. */
  pending: Money;
};

/**
 * Diamonds a creator received from LIVE gifts and what they are worth; the creator's own. In
 * diamonds, `diamonds` = `available` + `inFlight` + `paidOut`.
 */
export type GiftEarnings = {
  __typename?: 'GiftEarnings';
  /** Diamonds not paid out nor in a payout: what `requestGiftPayout` can take now, and what it would pay. Only the creator sees it. */
  available?: Maybe<GiftEarningsAmount>;
  /**
   * The earnings in money by where they stand, in the shape commerce gives commission
   * (`Creator.earnings.commissionBalance`), so a client reads each source of a creator's earnings
   * alike. A LIVE gift is payable the moment it is credited: `pending` and `locked` are always zero.
   * Only the creator sees it.
   */
  balance?: Maybe<GiftBalance>;
  /** Every diamond LIVE gifts credited the creator, paid out or not. */
  diamonds: Scalars['Int']['output'];
  /** Diamonds in payouts the provider has not settled yet, and the money those pay. Only the creator sees it. */
  inFlight?: Maybe<GiftEarningsAmount>;
  /** Diamonds in paid payouts, and the money paid. Only the creator sees it. */
  paidOut?: Maybe<GiftEarningsAmount>;
  /** The smallest payout (PAYOUT_MINIMUM_CENTS, $10 by default). */
  payoutMinimum: Money;
  /**
   * The creator's share of what their next gift costs, credited as diamonds: 0.5 (the default,
   * 1 diamond per 2 coins) unless a creator program gave them their own (e.g. 0.53). Each send keeps
   * the share it was credited at. Only the creator sees it. Never kept by the gateway's cache: an
   * operator changes it outside the graph (`npm run gift-shares`).
   */
  share?: Maybe<Scalars['Float']['output']>;
  /** The diamonds' value at the payout rate (by default 200 diamonds = $1), rounded down to whole cents. */
  value: Money;
};

/** Some of a creator's diamonds and their money. */
export type GiftEarningsAmount = {
  __typename?: 'GiftEarningsAmount';
  diamonds: Scalars['Int']['output'];
  /** For `available`, the diamonds' value rounded down to whole cents; for payouts, what they pay. */
  value: Money;
};

/** A page of a list. No `totalCount`: no count of these lists is kept, and the graph never counts a list at read time. */
export type GiftInboxConnection = {
  __typename?: 'GiftInboxConnection';
  edges: Array<GiftInboxEdge>;
  pageInfo: PageInfo;
};

export type GiftInboxEdge = {
  __typename?: 'GiftInboxEdge';
  cursor: Scalars['String']['output'];
  node: SmallGesture;
};

/** A free promotional gift a brand partner offers through Small Gestures. */
export type GiftOffer = {
  __typename?: 'GiftOffer';
  /** Whether the partner has the offer switched on (not paused); a send also needs it started and not ended. */
  active: Scalars['Boolean']['output'];
  /** The brand partner behind the offer; null when the commerce subgraph, which completes it, is unavailable. */
  brand?: Maybe<Brand>;
  /** Codes in the offer's pool not yet given out. At zero the offer cannot be sent. */
  codesLeft: Scalars['Int']['output'];
  description: Scalars['String']['output'];
  /** When the offer ends; null while it has no end date. */
  endsAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  /** ISO 3166-1 alpha-2 country codes the offer can be sent in, e.g. ["US"]. */
  regions: Array<Scalars['String']['output']>;
  /** What the gift would cost if bought; the recipient pays nothing. */
  retailValue: Money;
  startsAt: Scalars['DateTime']['output'];
  /** Sent and redeemed counts, for a partner key with `analytics:read` of the offer's own brand. */
  stats?: Maybe<GiftOfferStats>;
  /**
   * Where the offer is now: scheduled, active (it can be sent), paused, or ended. Never kept by
   * the gateway's cache: a start or end date passing changes it with no write to name it.
   */
  status: GiftOfferStatus;
  title: Scalars['String']['output'];
};

/** A page of a list. No `totalCount`: no count of these lists is kept, and the graph never counts a list at read time. */
export type GiftOfferConnection = {
  __typename?: 'GiftOfferConnection';
  edges: Array<GiftOfferEdge>;
  pageInfo: PageInfo;
};

export type GiftOfferEdge = {
  __typename?: 'GiftOfferEdge';
  cursor: Scalars['String']['output'];
  node: GiftOffer;
};

/** What a partner with `analytics:read` sees of its own offer: counts, never codes. */
export type GiftOfferStats = {
  __typename?: 'GiftOfferStats';
  /** Codes left in the pool. */
  codesLeft: Scalars['Int']['output'];
  /** Of those, how many the recipients redeemed. */
  redeemed: Scalars['Int']['output'];
  /** Small Gestures sent with this offer (codes given out). */
  sent: Scalars['Int']['output'];
};

/** Where a Small Gestures offer is. */
export type GiftOfferStatus =
  /** Switched on, started and not ended: it can be sent. */
  | 'ACTIVE'
  /** Its end date has passed. */
  | 'ENDED'
  /** Switched off by its partner (`pauseGiftOffer`). */
  | 'PAUSED'
  /** Switched on, not started yet. */
  | 'SCHEDULED';

/** A creator's withdrawal of LIVE gift earnings; theirs only (`node(id:)` answers null to anyone else). */
export type GiftPayout = {
  __typename?: 'GiftPayout';
  /** The money paid out (or to be, or that failed), in USD. */
  amount: Money;
  /** The diamonds it took from the balance: amount × diamonds per dollar, rounded up to a whole diamond. */
  diamonds: Scalars['Int']['output'];
  /** Why the provider failed it; null unless FAILED. */
  failureReason?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  requestedAt: Scalars['DateTime']['output'];
  /** When the provider's answer settled it; null while REQUESTED. */
  settledAt?: Maybe<Scalars['DateTime']['output']>;
  status: GiftPayoutStatus;
};

/** A page of a list. No `totalCount`: no count of these lists is kept, and the graph never counts a list at read time. */
export type GiftPayoutConnection = {
  __typename?: 'GiftPayoutConnection';
  edges: Array<GiftPayoutEdge>;
  pageInfo: PageInfo;
};

export type GiftPayoutEdge = {
  __typename?: 'GiftPayoutEdge';
  cursor: Scalars['String']['output'];
  node: GiftPayout;
};

export type GiftPayoutStatus =
  /** The provider could not pay it; its diamonds went back to the balance. */
  | 'FAILED'
  /** Paid to the creator. */
  | 'PAID'
  /** Its diamonds are taken from the balance; the payout provider has not answered yet (in flight). */
  | 'REQUESTED';

/** A virtual gift a viewer sends a creator during a live stream, paid for in coins. */
export type LiveGift = {
  __typename?: 'LiveGift';
  /** What one of this gift costs the sender, in coins. */
  coinPrice: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  imageUrl: Scalars['String']['output'];
  name: Scalars['String']['output'];
};

/** One gift sent to a live stream, as the stream's viewers see it. */
export type LiveGiftEvent = {
  __typename?: 'LiveGiftEvent';
  /**
   * Which send of a combo this is: 1, then 2, 3 … while the same sender sends the same gift again
   * within the combo window (10 seconds by default) of their own last send to the stream, with no
   * other gift of theirs in between (other viewers' gifts do not break it). A client shows it as "x3".
   */
  combo: Scalars['Int']['output'];
  /** The event id: ordered per stream; pass it as `after` (or as SSE `Last-Event-ID`) to resume. */
  id: Scalars['ID']['output'];
  /** The send: who sent which gift, how many, and what it moved. */
  send: LiveGiftSend;
  /**
   * The stream the gift was sent to. Null (with an error at its path) when a subgraph that
   * completes the fields asked of it (content, users) is unavailable: the event still arrives.
   */
  stream?: Maybe<LiveStream>;
  /** The stream's gift totals right after this send (as of this event, also when it is read later). */
  totals: LiveStreamGiftTotals;
};

/**
 * One LIVE gift send: coins from a viewer, diamonds to the stream's creator. `node(id:)` answers it
 * to its sender and the credited creator only (a stream's viewers see it in `liveGiftEvents`).
 */
export type LiveGiftSend = {
  __typename?: 'LiveGiftSend';
  /** Coins debited from the sender: the gift's price times the quantity. */
  coins: Scalars['Int']['output'];
  /** Which send of a combo it was (its event's `combo`): 1 for the first of a run of the same gift by the same sender. */
  combo: Scalars['Int']['output'];
  /** The creator credited; null when the users subgraph, which completes them, is unavailable. */
  creator?: Maybe<Creator>;
  /** Diamonds credited to the creator for this send, at the creator's share when it was sent. */
  diamonds: Scalars['Int']['output'];
  /**
   * The id of the `liveGiftEvents` event that announced this send, to resume the subscription
   * after it; null for a send made before the stream's events were kept.
   */
  eventId?: Maybe<Scalars['ID']['output']>;
  gift: LiveGift;
  id: Scalars['ID']['output'];
  /** The stream it was sent to; null when the content subgraph, which completes it, is unavailable. */
  liveStream?: Maybe<LiveStream>;
  quantity: Scalars['Int']['output'];
  /** Who sent it; null when the users subgraph, which completes them, is unavailable. */
  sender?: Maybe<User>;
  sentAt: Scalars['DateTime']['output'];
};

/** A page of a list. No `totalCount`: no count of these lists is kept, and the graph never counts a list at read time. */
export type LiveGiftSendConnection = {
  __typename?: 'LiveGiftSendConnection';
  edges: Array<LiveGiftSendEdge>;
  pageInfo: PageInfo;
};

export type LiveGiftSendEdge = {
  __typename?: 'LiveGiftSendEdge';
  cursor: Scalars['String']['output'];
  node: LiveGiftSend;
};

export type LiveStream = {
  __typename?: 'LiveStream';
  giftTotals?: Maybe<LiveStreamGiftTotals>;
  id: Scalars['ID']['output'];
  /**
   * The stream's latest gifts, newest first; `first` at most 50. What a viewer joining the room
   * shows before the live ones: subscribe to `liveGiftEvents` with `after` set to the newest
   * `eventId` among them (or "0" when none has one) to hear every gift after these, none twice.
   */
  recentGifts: Array<LiveGiftSend>;
  /** The users who spent the most coins on gifts during this stream; `first` at most 100. */
  topGifters?: Maybe<Array<TopGifter>>;
};


export type LiveStreamRecentGiftsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type LiveStreamTopGiftersArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** What viewers gifted during one live stream. */
export type LiveStreamGiftTotals = {
  __typename?: 'LiveStreamGiftTotals';
  /** Coins spent on gifts. */
  coins: Scalars['Int']['output'];
  /** Diamonds credited to the creator. */
  diamonds: Scalars['Int']['output'];
  /** Gifts sent; a send of several of the same gift counts each one. */
  giftCount: Scalars['Int']['output'];
  /** Distinct viewers who sent at least one gift. */
  gifterCount: Scalars['Int']['output'];
};

/** An amount of money. */
export type Money = {
  __typename?: 'Money';
  /** Integer minor units of the currency, e.g. 1299 for $12.99. */
  amount: Scalars['Int']['output'];
  /** ISO 4217 currency code, e.g. USD. */
  currencyCode: Scalars['String']['output'];
  /** The amount for display, e.g. "$12.99". */
  formatted: Scalars['String']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Adds codes to the pool of one of the calling partner's offers. Codes are trimmed and
   * upper-cased, 4 to 64 letters, digits or dashes, at most 1,000 per call. A code repeated in the
   * batch or already in this offer's pool is DUPLICATE_GIFT_CODE (listing them) and nothing is
   * added. Codes are unique per offer: the answer never depends on other offers' pools.
   */
  addGiftOfferCodes?: Maybe<AddGiftOfferCodesPayload>;
  /**
   * Claims a Small Gesture sent by claim link: the signed-in user becomes its recipient if they
   * are the first, and it is in their inbox to redeem. Claiming it again returns it. Refusals:
   * CLAIM_LINK_INVALID (not a token this service made), SMALL_GESTURE_ALREADY_CLAIMED (someone else
   * was first), SMALL_GESTURE_CLAIM_EXPIRED, CANNOT_GIFT_SELF (the sender), RECIPIENT_REGION_UNAVAILABLE,
   * SERVICE_UNAVAILABLE (the users subgraph did not answer about the claimer's country).
   */
  claimSmallGesture?: Maybe<ClaimSmallGesturePayload>;
  /**
   * Creates a Small Gestures offer for the calling partner key's own brand (FORBIDDEN for another
   * brand). Its pool starts empty: add codes with `addGiftOfferCodes`.
   */
  createGiftOffer?: Maybe<GiftOffer>;
  /**
   * Pauses one of the calling partner's offers: nothing more can be sent with it until it is
   * resumed (claim links already sent can still be claimed). Pausing a paused offer changes nothing.
   */
  pauseGiftOffer?: Maybe<GiftOffer>;
  /**
   * Buys a coin package for the signed-in user through the payment provider and credits the coins.
   * Refusals: NOT_FOUND (no such package), PAYMENT_DECLINED (nothing is credited; the key stays
   * bound to the declined purchase, so try again with a new key), SERVICE_UNAVAILABLE (the
   * provider did not answer; retry with the same key and the purchase resumes without a second
   * charge), IDEMPOTENCY_KEY_REUSED. Retrying with the same key and input returns the first
   * purchase and credits nothing again.
   */
  purchaseCoins?: Maybe<PurchaseCoinsPayload>;
  /**
   * Redeems a Small Gesture the signed-in user received and reveals its code. Redeeming it again
   * shows the same code again (so does `SmallGesture.code`): a lost response never loses the gift.
   * Only the recipient may redeem (FORBIDDEN otherwise); an unknown id is NOT_FOUND.
   */
  redeemSmallGesture?: Maybe<RedeemSmallGesturePayload>;
  /**
   * Withdraws the signed-in creator's LIVE gift earnings: `amount` cents, or everything payable when
   * omitted (the balance's value in whole cents; an odd diamond stays). The diamonds a payout takes
   * (2 per cent at the default 200 diamonds per dollar) leave the balance at once, so two requests
   * racing can never pay out more than is payable. The payout provider is asked right away: the
   * payout comes back PAID, or FAILED with its diamonds back in the balance (a typed result, not an
   * error: the record stays in `giftPayouts`). Refusals, nothing taken: PAYOUT_BELOW_MINIMUM (less
   * than the minimum, $10 by default, asked for or payable; `minimum` and `available` in cents),
   * INSUFFICIENT_GIFT_EARNINGS (more than payable; `requested`, `available`), BAD_USER_INPUT,
   * IDEMPOTENCY_KEY_REUSED. SERVICE_UNAVAILABLE: the provider did not answer; the payout stays
   * REQUESTED (in flight) and a retry with the same key asks again without paying twice. Retrying
   * with the same key and input returns the first payout.
   */
  requestGiftPayout?: Maybe<RequestGiftPayoutPayload>;
  /**
   * Resumes a paused offer of the calling partner. OFFER_ENDED when its end date has passed (give it
   * a later one with `setGiftOfferEndDate` first). Resuming a running offer changes nothing.
   */
  resumeGiftOffer?: Maybe<GiftOffer>;
  /**
   * Sends `quantity` of one LIVE gift to the creator of a live stream: the coins are debited from
   * the sender and the creator is credited diamonds at their share (by default 1 diamond per 2
   * coins, rounded down per send), in one transaction through the double-entry ledger. Refusals: NOT_FOUND (no
   * such gift or stream), STREAM_NOT_LIVE, CANNOT_GIFT_OWN_STREAM, INSUFFICIENT_COINS,
   * BAD_USER_INPUT (quantity outside 1 to 99), IDEMPOTENCY_KEY_REUSED, SERVICE_UNAVAILABLE (the
   * content subgraph did not answer; nothing moved). A refused send moves nothing. Retrying with
   * the same idempotency key and input returns the first send and debits nothing again.
   */
  sendLiveGift?: Maybe<SendLiveGiftPayload>;
  /**
   * Sends a Small Gesture: takes one code from the offer's pool, records the send and puts the gift
   * in the recipient's inbox with the message. Without `recipientId` it is sent by claim link: the
   * payload's `claimToken` goes to a friend who may not be on the app yet, and whoever signs in and
   * claims it first (`claimSmallGesture`) receives the gift; unclaimed after 72 hours
   * (SMALL_GESTURE_CLAIM_HOURS) it expires and the send is given back to the sender's allowance.
   * Refusals, each with its own `extensions.code`: SMALL_GESTURE_REGION_UNAVAILABLE (the sender is
   * outside the US, or the offer is not offered in the sender's country),
   * RECIPIENT_REGION_UNAVAILABLE (the offer is not offered in the recipient's country),
   * SMALL_GESTURE_LIMIT_REACHED (three sends per user, ever; a claim link counts once),
   * CANNOT_GIFT_SELF (the recipient is the sender), RECIPIENT_NOT_FOUND, NOT_FOUND (no such offer), OFFER_INACTIVE (paused, not
   * started or ended), OFFER_SOLD_OUT (no codes left), MESSAGE_TOO_LONG (over 150 characters),
   * IDEMPOTENCY_KEY_REUSED, SERVICE_UNAVAILABLE (the users subgraph did not answer; nothing was
   * sent). A refused send changes nothing. Retrying with the same idempotency key and input returns
   * the first send (and its claim token) and takes no second code.
   */
  sendSmallGesture?: Maybe<SendSmallGesturePayload>;
  /**
   * Sets when one of the calling partner's offers ends, or with null removes its end. BAD_USER_INPUT
   * for an end before the start or in the past (the current time ends it at once); a later end runs
   * an ended offer again.
   */
  setGiftOfferEndDate?: Maybe<GiftOffer>;
};


export type MutationAddGiftOfferCodesArgs = {
  codes: Array<Scalars['String']['input']>;
  offerId: Scalars['ID']['input'];
};


export type MutationClaimSmallGestureArgs = {
  token: Scalars['String']['input'];
};


export type MutationCreateGiftOfferArgs = {
  input: CreateGiftOfferInput;
};


export type MutationPauseGiftOfferArgs = {
  id: Scalars['ID']['input'];
};


export type MutationPurchaseCoinsArgs = {
  input: PurchaseCoinsInput;
};


export type MutationRedeemSmallGestureArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRequestGiftPayoutArgs = {
  input: RequestGiftPayoutInput;
};


export type MutationResumeGiftOfferArgs = {
  id: Scalars['ID']['input'];
};


export type MutationSendLiveGiftArgs = {
  input: SendLiveGiftInput;
};


export type MutationSendSmallGestureArgs = {
  input: SendSmallGestureInput;
};


export type MutationSetGiftOfferEndDateArgs = {
  endsAt?: InputMaybe<Scalars['DateTime']['input']>;
  id: Scalars['ID']['input'];
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor?: Maybe<Scalars['String']['output']>;
};

export type PurchaseCoinsInput = {
  /** 8 to 100 letters, digits or . _ : -, unique per request of this user. */
  idempotencyKey: Scalars['String']['input'];
  packageId: Scalars['ID']['input'];
  /**
   * The payment method token from the payment provider's client. The built-in test provider
   * approves every payment except the token "test_decline", which it declines.
   */
  paymentMethod?: InputMaybe<Scalars['String']['input']>;
};

export type PurchaseCoinsPayload = {
  __typename?: 'PurchaseCoinsPayload';
  purchase: CoinPurchase;
  /** The buyer's wallet now. */
  wallet: Wallet;
};

export type Query = {
  __typename?: 'Query';
  /** The coin packages on sale, fewest coins first. Prices are in USD cents. */
  coinPackages: Array<CoinPackage>;
  /** A Small Gestures offer, active or not. NOT_FOUND when no offer has this id. */
  giftOffer?: Maybe<GiftOffer>;
  /** Small Gestures offers, active ones first, then by title: `first`/`after` page forward (20 unless `first` says otherwise), `last`/`before` back. */
  giftOffers: GiftOfferConnection;
  /** The LIVE gift catalog, cheapest first. */
  liveGifts: Array<LiveGift>;
  /**
   * The Small Gestures offers of the signed-in user's country that are open (active, started, not
   * ended): those they may send now, and those they may not, with why (their allowance is spent,
   * the codes are gone). Empty, with `unavailableReason`, outside the program's countries (the US).
   * The country is the one in the user's token, else the users subgraph's.
   */
  smallGestureOffers?: Maybe<SmallGestureOffers>;
};


export type QueryGiftOfferArgs = {
  id: Scalars['ID']['input'];
};


export type QueryGiftOffersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

export type RedeemSmallGesturePayload = {
  __typename?: 'RedeemSmallGesturePayload';
  /** The code to enter at the brand's site; shown again to its recipient on a later redeem and in `SmallGesture.code`. */
  code: Scalars['String']['output'];
  gift: SmallGesture;
};

export type RequestGiftPayoutInput = {
  /** In cents, at least the payout minimum; everything payable when omitted. */
  amount?: InputMaybe<Scalars['Int']['input']>;
  /** 8 to 100 letters, digits or . _ : -, unique per request of this user. */
  idempotencyKey: Scalars['String']['input'];
  /**
   * The payout destination token from the payout provider's onboarding. The built-in test provider
   * pays every payout except to "test_fail", which it fails.
   */
  payoutMethod?: InputMaybe<Scalars['String']['input']>;
};

export type RequestGiftPayoutPayload = {
  __typename?: 'RequestGiftPayoutPayload';
  /** The creator's gift earnings after this payout. */
  earnings: GiftEarnings;
  payout: GiftPayout;
};

export type SendLiveGiftInput = {
  giftId: Scalars['ID']['input'];
  /** 8 to 100 letters, digits or . _ : -, unique per request of this user. */
  idempotencyKey: Scalars['String']['input'];
  liveStreamId: Scalars['ID']['input'];
  /** How many of the gift to send at once, 1 to 99. */
  quantity?: Scalars['Int']['input'];
};

export type SendLiveGiftPayload = {
  __typename?: 'SendLiveGiftPayload';
  send: LiveGiftSend;
  /** The sender's wallet now. */
  wallet: Wallet;
};

export type SendSmallGestureInput = {
  /** 8 to 100 letters, digits or . _ : -, unique per request of this user. */
  idempotencyKey: Scalars['String']['input'];
  /** Shown to the recipient with the gift; at most 150 characters (an empty message is allowed). */
  message: Scalars['String']['input'];
  offerId: Scalars['ID']['input'];
  /** The user who receives the gift; not the sender. Leave it out to send a claim link instead. */
  recipientId?: InputMaybe<Scalars['ID']['input']>;
};

export type SendSmallGesturePayload = {
  __typename?: 'SendSmallGesturePayload';
  /** The sender's allowance after this send. */
  allowance: SmallGestureAllowance;
  /**
   * For a send without a recipient, the claim link's token to share (e.g. in
   * https://<your app>/claim/<token>); null for a gift sent to a user. Also `gift.claimToken`.
   */
  claimToken?: Maybe<Scalars['String']['output']>;
  gift: SmallGesture;
};

/**
 * A Small Gesture sent from one user to another (or by claim link, to whoever claims it first). Its
 * code is revealed to the recipient by `redeemSmallGesture`. Its sender's and recipient's only:
 * `node(id:)` answers null to anyone else.
 */
export type SmallGesture = {
  __typename?: 'SmallGesture';
  /** When a claim link expires unclaimed; null for a gift sent to a user. */
  claimExpiresAt?: Maybe<Scalars['DateTime']['output']>;
  /** The claim link's token, for the sender only, while it awaits its claim; null otherwise. */
  claimToken?: Maybe<Scalars['String']['output']>;
  /** When a claim link was claimed. */
  claimedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The code, for the recipient only, once redeemed; null otherwise. */
  code?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  message: Scalars['String']['output'];
  offer: GiftOffer;
  /** Null while a claim link awaits its claim (and once it expired unclaimed). */
  recipient?: Maybe<User>;
  redeemed: Scalars['Boolean']['output'];
  redeemedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Who sent it; null when the users subgraph, which completes them, is unavailable. */
  sender?: Maybe<User>;
  sentAt: Scalars['DateTime']['output'];
  state: SmallGestureState;
};

/** How many Small Gestures a user has sent of the three each user may ever send. */
export type SmallGestureAllowance = {
  __typename?: 'SmallGestureAllowance';
  limit: Scalars['Int']['output'];
  remaining: Scalars['Int']['output'];
  sent: Scalars['Int']['output'];
};

/** A page of a list. No `totalCount`: no count of these lists is kept, and the graph never counts a list at read time. */
export type SmallGestureConnection = {
  __typename?: 'SmallGestureConnection';
  edges: Array<SmallGestureEdge>;
  pageInfo: PageInfo;
};

export type SmallGestureEdge = {
  __typename?: 'SmallGestureEdge';
  cursor: Scalars['String']['output'];
  node: SmallGesture;
};

export type SmallGestureOfferUnavailableReason =
  /** The user has sent the three Small Gestures each user may send (claim links not claimed in time are given back). */
  | 'ALLOWANCE_SPENT'
  /** The offer's codes are all given out. */
  | 'SOLD_OUT';

/** The Small Gestures a user may send now, those they may not and why, or why there are none. */
export type SmallGestureOffers = {
  __typename?: 'SmallGestureOffers';
  /** The user's allowance: how many more they may send. */
  allowance: SmallGestureAllowance;
  /** Offers the user may send now, by title. */
  offers: Array<GiftOffer>;
  /** Open offers of the user's country they cannot send, by title, each with why. */
  unavailable: Array<UnavailableSmallGestureOffer>;
  /** Why the program is unavailable to the user (e.g. outside the US); null when it is available. */
  unavailableReason?: Maybe<Scalars['String']['output']>;
};

/** Where a Small Gesture is. */
export type SmallGestureState =
  /** Sent by claim link; nobody has claimed it yet, and it has not expired. */
  | 'AWAITING_CLAIM'
  /** In the recipient's inbox, not redeemed yet. */
  | 'DELIVERED'
  /** Sent by claim link and not claimed in time: the send went back to the sender's allowance. */
  | 'EXPIRED'
  /** Redeemed: the recipient has its code. */
  | 'REDEEMED';

export type Subscription = {
  __typename?: 'Subscription';
  /**
   * The gifts sent to a live stream, one event per committed `sendLiveGift`, in commit order: a
   * refused send (and a retry of one already sent) is never announced. Pass the last event id seen
   * as `after` to get every event missed since, in order, once; EVENTS_EXPIRED when that is older
   * than the retention window (refetch the stream's totals and subscribe without `after`),
   * BAD_USER_INPUT when it is not an id this stream sent. Completes when the stream ends, after its
   * last gift; for a stream that has already ended, sends what came after `after` and completes.
   * NOT_FOUND for a stream the content subgraph does not know; SERVICE_UNAVAILABLE when content
   * does not answer about a stream that has had no gift yet.
   */
  liveGiftEvents: LiveGiftEvent;
};


export type SubscriptionLiveGiftEventsArgs = {
  after?: InputMaybe<Scalars['ID']['input']>;
  liveStreamId: Scalars['ID']['input'];
};

/** One place on a gift leaderboard. */
export type TopGifter = {
  __typename?: 'TopGifter';
  /** Coins this user spent on gifts here. */
  coins: Scalars['Int']['output'];
  /** 1 for the biggest gifter; ties go to whoever gifted first. */
  rank: Scalars['Int']['output'];
  /** The gifter; null when the users subgraph, which completes them, is unavailable. */
  user?: Maybe<User>;
};

/** An open offer the user cannot send, and why. */
export type UnavailableSmallGestureOffer = {
  __typename?: 'UnavailableSmallGestureOffer';
  /** The reason in words, for display. */
  message: Scalars['String']['output'];
  offer: GiftOffer;
  reason: SmallGestureOfferUnavailableReason;
};

export type User = {
  __typename?: 'User';
  /** The user's coin purchases, newest first, declined and pending ones included: `first`/`after` page forward (20 unless `first` says otherwise), `last`/`before` back. */
  coinPurchases?: Maybe<CoinPurchaseConnection>;
  /** Small Gestures the user received, newest first: `first`/`after` page forward (20 unless `first` says otherwise), `last`/`before` back. */
  giftInbox?: Maybe<GiftInboxConnection>;
  id: Scalars['ID']['output'];
  /** The LIVE gifts the user sent, newest first: `first`/`after` page forward (20 unless `first` says otherwise), `last`/`before` back. */
  liveGiftsSent?: Maybe<LiveGiftSendConnection>;
  /** The user's Small Gestures sent and remaining. */
  smallGestures?: Maybe<SmallGestureAllowance>;
  /** Small Gestures the user sent, newest first, with where each is (awaiting its claim, expired, delivered, redeemed): `first`/`after` page forward (20 unless `first` says otherwise), `last`/`before` back. */
  smallGesturesSent?: Maybe<SmallGestureConnection>;
  /** The user's coins. */
  wallet?: Maybe<Wallet>;
};


export type UserCoinPurchasesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type UserGiftInboxArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type UserLiveGiftsSentArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type UserSmallGesturesSentArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

/** A user's coins, spent on LIVE gifts. */
export type Wallet = {
  __typename?: 'Wallet';
  coins: Scalars['Int']['output'];
};



export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = {
  Brand: Brand;
  CoinPurchase: CoinPurchase;
  Creator: Creator;
  GiftOffer: GiftOffer;
  GiftPayout: GiftPayout;
  LiveGift: LiveGift;
  LiveGiftSend: LiveGiftSend;
  LiveStream: LiveStream;
  SmallGesture: SmallGesture;
  User: User;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Brand:
    ( { __typename: 'Brand' }
    & GraphQLRecursivePick<FederationTypes['Brand'], {"id":true}> );
  CoinPurchase:
    ( { __typename: 'CoinPurchase' }
    & GraphQLRecursivePick<FederationTypes['CoinPurchase'], {"id":true}> );
  Creator:
    ( { __typename: 'Creator' }
    & GraphQLRecursivePick<FederationTypes['Creator'], {"id":true}> );
  GiftOffer:
    ( { __typename: 'GiftOffer' }
    & GraphQLRecursivePick<FederationTypes['GiftOffer'], {"id":true}> );
  GiftPayout:
    ( { __typename: 'GiftPayout' }
    & GraphQLRecursivePick<FederationTypes['GiftPayout'], {"id":true}> );
  LiveGift:
    ( { __typename: 'LiveGift' }
    & GraphQLRecursivePick<FederationTypes['LiveGift'], {"id":true}> );
  LiveGiftSend:
    ( { __typename: 'LiveGiftSend' }
    & GraphQLRecursivePick<FederationTypes['LiveGiftSend'], {"id":true}> );
  LiveStream:
    ( { __typename: 'LiveStream' }
    & GraphQLRecursivePick<FederationTypes['LiveStream'], {"id":true}> );
  SmallGesture:
    ( { __typename: 'SmallGesture' }
    & GraphQLRecursivePick<FederationTypes['SmallGesture'], {"id":true}> );
  User:
    ( { __typename: 'User' }
    & GraphQLRecursivePick<FederationTypes['User'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  AddGiftOfferCodesPayload: ResolverTypeWrapper<Omit<AddGiftOfferCodesPayload, 'offer'> & { offer: ResolversTypes['GiftOffer'] }>;
  Brand: ResolverTypeWrapper<BrandRef>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  ClaimSmallGesturePayload: ResolverTypeWrapper<Omit<ClaimSmallGesturePayload, 'gift'> & { gift: ResolversTypes['SmallGesture'] }>;
  CoinPackage: ResolverTypeWrapper<CoinPackageDef>;
  CoinPurchase: ResolverTypeWrapper<CoinPurchaseRow>;
  CoinPurchaseConnection: ResolverTypeWrapper<Omit<CoinPurchaseConnection, 'edges'> & { edges: Array<ResolversTypes['CoinPurchaseEdge']> }>;
  CoinPurchaseEdge: ResolverTypeWrapper<Omit<CoinPurchaseEdge, 'node'> & { node: ResolversTypes['CoinPurchase'] }>;
  CoinPurchaseStatus: CoinPurchaseStatus;
  CreateGiftOfferInput: CreateGiftOfferInput;
  Creator: ResolverTypeWrapper<CreatorRef>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  GiftBalance: ResolverTypeWrapper<Omit<GiftBalance, 'available' | 'inPayout' | 'locked' | 'paidOut' | 'pending'> & { available: ResolversTypes['Money'], inPayout: ResolversTypes['Money'], locked: ResolversTypes['Money'], paidOut: ResolversTypes['Money'], pending: ResolversTypes['Money'] }>;
  GiftEarnings: ResolverTypeWrapper<GiftEarningsRef>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  GiftEarningsAmount: ResolverTypeWrapper<DiamondsWorth>;
  GiftInboxConnection: ResolverTypeWrapper<Omit<GiftInboxConnection, 'edges'> & { edges: Array<ResolversTypes['GiftInboxEdge']> }>;
  GiftInboxEdge: ResolverTypeWrapper<Omit<GiftInboxEdge, 'node'> & { node: ResolversTypes['SmallGesture'] }>;
  GiftOffer: ResolverTypeWrapper<GiftOfferRow>;
  GiftOfferConnection: ResolverTypeWrapper<Omit<GiftOfferConnection, 'edges'> & { edges: Array<ResolversTypes['GiftOfferEdge']> }>;
  GiftOfferEdge: ResolverTypeWrapper<Omit<GiftOfferEdge, 'node'> & { node: ResolversTypes['GiftOffer'] }>;
  GiftOfferStats: ResolverTypeWrapper<GiftOfferStats>;
  GiftOfferStatus: GiftOfferStatus;
  GiftPayout: ResolverTypeWrapper<GiftPayoutRow>;
  GiftPayoutConnection: ResolverTypeWrapper<Omit<GiftPayoutConnection, 'edges'> & { edges: Array<ResolversTypes['GiftPayoutEdge']> }>;
  GiftPayoutEdge: ResolverTypeWrapper<Omit<GiftPayoutEdge, 'node'> & { node: ResolversTypes['GiftPayout'] }>;
  GiftPayoutStatus: GiftPayoutStatus;
  LiveGift: ResolverTypeWrapper<LiveGiftRow>;
  LiveGiftEvent: ResolverTypeWrapper<LiveGiftEventView>;
  LiveGiftSend: ResolverTypeWrapper<LiveGiftSendRow>;
  LiveGiftSendConnection: ResolverTypeWrapper<Omit<LiveGiftSendConnection, 'edges'> & { edges: Array<ResolversTypes['LiveGiftSendEdge']> }>;
  LiveGiftSendEdge: ResolverTypeWrapper<Omit<LiveGiftSendEdge, 'node'> & { node: ResolversTypes['LiveGiftSend'] }>;
  LiveStream: ResolverTypeWrapper<LiveStreamRef>;
  LiveStreamGiftTotals: ResolverTypeWrapper<LiveStreamGiftTotals>;
  Money: ResolverTypeWrapper<MoneyValue>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  PurchaseCoinsInput: PurchaseCoinsInput;
  PurchaseCoinsPayload: ResolverTypeWrapper<Omit<PurchaseCoinsPayload, 'purchase' | 'wallet'> & { purchase: ResolversTypes['CoinPurchase'], wallet: ResolversTypes['Wallet'] }>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RedeemSmallGesturePayload: ResolverTypeWrapper<Omit<RedeemSmallGesturePayload, 'gift'> & { gift: ResolversTypes['SmallGesture'] }>;
  RequestGiftPayoutInput: RequestGiftPayoutInput;
  RequestGiftPayoutPayload: ResolverTypeWrapper<Omit<RequestGiftPayoutPayload, 'earnings' | 'payout'> & { earnings: ResolversTypes['GiftEarnings'], payout: ResolversTypes['GiftPayout'] }>;
  SendLiveGiftInput: SendLiveGiftInput;
  SendLiveGiftPayload: ResolverTypeWrapper<Omit<SendLiveGiftPayload, 'send' | 'wallet'> & { send: ResolversTypes['LiveGiftSend'], wallet: ResolversTypes['Wallet'] }>;
  SendSmallGestureInput: SendSmallGestureInput;
  SendSmallGesturePayload: ResolverTypeWrapper<Omit<SendSmallGesturePayload, 'gift'> & { gift: ResolversTypes['SmallGesture'] }>;
  SmallGesture: ResolverTypeWrapper<SmallGestureSendRow>;
  SmallGestureAllowance: ResolverTypeWrapper<SmallGestureAllowance>;
  SmallGestureConnection: ResolverTypeWrapper<Omit<SmallGestureConnection, 'edges'> & { edges: Array<ResolversTypes['SmallGestureEdge']> }>;
  SmallGestureEdge: ResolverTypeWrapper<Omit<SmallGestureEdge, 'node'> & { node: ResolversTypes['SmallGesture'] }>;
  SmallGestureOfferUnavailableReason: SmallGestureOfferUnavailableReason;
  SmallGestureOffers: ResolverTypeWrapper<SendableOffers>;
  SmallGestureState: SmallGestureState;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  TopGifter: ResolverTypeWrapper<TopGifterRow>;
  UnavailableSmallGestureOffer: ResolverTypeWrapper<Omit<UnavailableSmallGestureOffer, 'offer'> & { offer: ResolversTypes['GiftOffer'] }>;
  User: ResolverTypeWrapper<UserRef>;
  Wallet: ResolverTypeWrapper<WalletRef>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AddGiftOfferCodesPayload: Omit<AddGiftOfferCodesPayload, 'offer'> & { offer: ResolversParentTypes['GiftOffer'] };
  Brand: BrandRef;
  ID: Scalars['ID']['output'];
  ClaimSmallGesturePayload: Omit<ClaimSmallGesturePayload, 'gift'> & { gift: ResolversParentTypes['SmallGesture'] };
  CoinPackage: CoinPackageDef;
  CoinPurchase: CoinPurchaseRow;
  CoinPurchaseConnection: Omit<CoinPurchaseConnection, 'edges'> & { edges: Array<ResolversParentTypes['CoinPurchaseEdge']> };
  CoinPurchaseEdge: Omit<CoinPurchaseEdge, 'node'> & { node: ResolversParentTypes['CoinPurchase'] };
  CreateGiftOfferInput: CreateGiftOfferInput;
  Creator: CreatorRef;
  DateTime: Scalars['DateTime']['output'];
  GiftBalance: Omit<GiftBalance, 'available' | 'inPayout' | 'locked' | 'paidOut' | 'pending'> & { available: ResolversParentTypes['Money'], inPayout: ResolversParentTypes['Money'], locked: ResolversParentTypes['Money'], paidOut: ResolversParentTypes['Money'], pending: ResolversParentTypes['Money'] };
  GiftEarnings: GiftEarningsRef;
  Float: Scalars['Float']['output'];
  GiftEarningsAmount: DiamondsWorth;
  GiftInboxConnection: Omit<GiftInboxConnection, 'edges'> & { edges: Array<ResolversParentTypes['GiftInboxEdge']> };
  GiftInboxEdge: Omit<GiftInboxEdge, 'node'> & { node: ResolversParentTypes['SmallGesture'] };
  GiftOffer: GiftOfferRow;
  GiftOfferConnection: Omit<GiftOfferConnection, 'edges'> & { edges: Array<ResolversParentTypes['GiftOfferEdge']> };
  GiftOfferEdge: Omit<GiftOfferEdge, 'node'> & { node: ResolversParentTypes['GiftOffer'] };
  GiftOfferStats: GiftOfferStats;
  GiftPayout: GiftPayoutRow;
  GiftPayoutConnection: Omit<GiftPayoutConnection, 'edges'> & { edges: Array<ResolversParentTypes['GiftPayoutEdge']> };
  GiftPayoutEdge: Omit<GiftPayoutEdge, 'node'> & { node: ResolversParentTypes['GiftPayout'] };
  LiveGift: LiveGiftRow;
  LiveGiftEvent: LiveGiftEventView;
  LiveGiftSend: LiveGiftSendRow;
  LiveGiftSendConnection: Omit<LiveGiftSendConnection, 'edges'> & { edges: Array<ResolversParentTypes['LiveGiftSendEdge']> };
  LiveGiftSendEdge: Omit<LiveGiftSendEdge, 'node'> & { node: ResolversParentTypes['LiveGiftSend'] };
  LiveStream: LiveStreamRef;
  LiveStreamGiftTotals: LiveStreamGiftTotals;
  Money: MoneyValue;
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  PurchaseCoinsInput: PurchaseCoinsInput;
  PurchaseCoinsPayload: Omit<PurchaseCoinsPayload, 'purchase' | 'wallet'> & { purchase: ResolversParentTypes['CoinPurchase'], wallet: ResolversParentTypes['Wallet'] };
  Query: Record<PropertyKey, never>;
  RedeemSmallGesturePayload: Omit<RedeemSmallGesturePayload, 'gift'> & { gift: ResolversParentTypes['SmallGesture'] };
  RequestGiftPayoutInput: RequestGiftPayoutInput;
  RequestGiftPayoutPayload: Omit<RequestGiftPayoutPayload, 'earnings' | 'payout'> & { earnings: ResolversParentTypes['GiftEarnings'], payout: ResolversParentTypes['GiftPayout'] };
  SendLiveGiftInput: SendLiveGiftInput;
  SendLiveGiftPayload: Omit<SendLiveGiftPayload, 'send' | 'wallet'> & { send: ResolversParentTypes['LiveGiftSend'], wallet: ResolversParentTypes['Wallet'] };
  SendSmallGestureInput: SendSmallGestureInput;
  SendSmallGesturePayload: Omit<SendSmallGesturePayload, 'gift'> & { gift: ResolversParentTypes['SmallGesture'] };
  SmallGesture: SmallGestureSendRow;
  SmallGestureAllowance: SmallGestureAllowance;
  SmallGestureConnection: Omit<SmallGestureConnection, 'edges'> & { edges: Array<ResolversParentTypes['SmallGestureEdge']> };
  SmallGestureEdge: Omit<SmallGestureEdge, 'node'> & { node: ResolversParentTypes['SmallGesture'] };
  SmallGestureOffers: SendableOffers;
  Subscription: Record<PropertyKey, never>;
  TopGifter: TopGifterRow;
  UnavailableSmallGestureOffer: Omit<UnavailableSmallGestureOffer, 'offer'> & { offer: ResolversParentTypes['GiftOffer'] };
  User: UserRef;
  Wallet: WalletRef;
  Boolean: Scalars['Boolean']['output'];
  Int: Scalars['Int']['output'];
  String: Scalars['String']['output'];
};

export type AuthDirectiveArgs = { };

export type AuthDirectiveResolver<Result, Parent, ContextType = Context, Args = AuthDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type CacheControlDirectiveArgs = {
  inheritMaxAge?: Maybe<Scalars['Boolean']['input']>;
  maxAge?: Maybe<Scalars['Int']['input']>;
};

export type CacheControlDirectiveResolver<Result, Parent, ContextType = Context, Args = CacheControlDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ScopesDirectiveArgs = {
  anyOf: Array<Array<Scalars['String']['input']>>;
};

export type ScopesDirectiveResolver<Result, Parent, ContextType = Context, Args = ScopesDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type AddGiftOfferCodesPayloadResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AddGiftOfferCodesPayload'] = ResolversParentTypes['AddGiftOfferCodesPayload']> = {
  added?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  offer?: Resolver<ResolversTypes['GiftOffer'], ParentType, ContextType>;
};

export type BrandResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Brand'] = ResolversParentTypes['Brand'], FederationReferenceType extends FederationReferenceTypes['Brand'] = FederationReferenceTypes['Brand']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Brand']> | FederationReferenceType, FederationReferenceType, ContextType>;
  giftOffers?: Resolver<Maybe<ResolversTypes['GiftOfferConnection']>, ParentType, ContextType, Partial<BrandGiftOffersArgs>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type ClaimSmallGesturePayloadResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ClaimSmallGesturePayload'] = ResolversParentTypes['ClaimSmallGesturePayload']> = {
  gift?: Resolver<ResolversTypes['SmallGesture'], ParentType, ContextType>;
};

export type CoinPackageResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CoinPackage'] = ResolversParentTypes['CoinPackage']> = {
  coins?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  price?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
};

export type CoinPurchaseResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CoinPurchase'] = ResolversParentTypes['CoinPurchase'], FederationReferenceType extends FederationReferenceTypes['CoinPurchase'] = FederationReferenceTypes['CoinPurchase']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['CoinPurchase']> | FederationReferenceType, FederationReferenceType, ContextType>;
  coins?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  package?: Resolver<ResolversTypes['CoinPackage'], ParentType, ContextType>;
  price?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['CoinPurchaseStatus'], ParentType, ContextType>;
};

export type CoinPurchaseConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CoinPurchaseConnection'] = ResolversParentTypes['CoinPurchaseConnection']> = {
  edges?: Resolver<Array<ResolversTypes['CoinPurchaseEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type CoinPurchaseEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CoinPurchaseEdge'] = ResolversParentTypes['CoinPurchaseEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['CoinPurchase'], ParentType, ContextType>;
};

export type CreatorResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Creator'] = ResolversParentTypes['Creator'], FederationReferenceType extends FederationReferenceTypes['Creator'] = FederationReferenceTypes['Creator']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Creator']> | FederationReferenceType, FederationReferenceType, ContextType>;
  giftEarnings?: Resolver<Maybe<ResolversTypes['GiftEarnings']>, ParentType, ContextType>;
  giftPayouts?: Resolver<Maybe<ResolversTypes['GiftPayoutConnection']>, ParentType, ContextType, Partial<CreatorGiftPayoutsArgs>>;
  giftReceipts?: Resolver<Maybe<ResolversTypes['LiveGiftSendConnection']>, ParentType, ContextType, Partial<CreatorGiftReceiptsArgs>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  topGifters?: Resolver<Maybe<Array<ResolversTypes['TopGifter']>>, ParentType, ContextType, RequireFields<CreatorTopGiftersArgs, 'first'>>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type GiftBalanceResolvers<ContextType = Context, ParentType extends ResolversParentTypes['GiftBalance'] = ResolversParentTypes['GiftBalance']> = {
  available?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  inPayout?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  locked?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  paidOut?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  pending?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
};

export type GiftEarningsResolvers<ContextType = Context, ParentType extends ResolversParentTypes['GiftEarnings'] = ResolversParentTypes['GiftEarnings']> = {
  available?: Resolver<Maybe<ResolversTypes['GiftEarningsAmount']>, ParentType, ContextType>;
  balance?: Resolver<Maybe<ResolversTypes['GiftBalance']>, ParentType, ContextType>;
  diamonds?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  inFlight?: Resolver<Maybe<ResolversTypes['GiftEarningsAmount']>, ParentType, ContextType>;
  paidOut?: Resolver<Maybe<ResolversTypes['GiftEarningsAmount']>, ParentType, ContextType>;
  payoutMinimum?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  share?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  value?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
};

export type GiftEarningsAmountResolvers<ContextType = Context, ParentType extends ResolversParentTypes['GiftEarningsAmount'] = ResolversParentTypes['GiftEarningsAmount']> = {
  diamonds?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
};

export type GiftInboxConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['GiftInboxConnection'] = ResolversParentTypes['GiftInboxConnection']> = {
  edges?: Resolver<Array<ResolversTypes['GiftInboxEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type GiftInboxEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['GiftInboxEdge'] = ResolversParentTypes['GiftInboxEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['SmallGesture'], ParentType, ContextType>;
};

export type GiftOfferResolvers<ContextType = Context, ParentType extends ResolversParentTypes['GiftOffer'] = ResolversParentTypes['GiftOffer'], FederationReferenceType extends FederationReferenceTypes['GiftOffer'] = FederationReferenceTypes['GiftOffer']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['GiftOffer']> | FederationReferenceType, FederationReferenceType, ContextType>;
  active?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  brand?: Resolver<Maybe<ResolversTypes['Brand']>, ParentType, ContextType>;
  codesLeft?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  endsAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  regions?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  retailValue?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  startsAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  stats?: Resolver<Maybe<ResolversTypes['GiftOfferStats']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['GiftOfferStatus'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type GiftOfferConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['GiftOfferConnection'] = ResolversParentTypes['GiftOfferConnection']> = {
  edges?: Resolver<Array<ResolversTypes['GiftOfferEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type GiftOfferEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['GiftOfferEdge'] = ResolversParentTypes['GiftOfferEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['GiftOffer'], ParentType, ContextType>;
};

export type GiftOfferStatsResolvers<ContextType = Context, ParentType extends ResolversParentTypes['GiftOfferStats'] = ResolversParentTypes['GiftOfferStats']> = {
  codesLeft?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  redeemed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sent?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type GiftPayoutResolvers<ContextType = Context, ParentType extends ResolversParentTypes['GiftPayout'] = ResolversParentTypes['GiftPayout'], FederationReferenceType extends FederationReferenceTypes['GiftPayout'] = FederationReferenceTypes['GiftPayout']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['GiftPayout']> | FederationReferenceType, FederationReferenceType, ContextType>;
  amount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  diamonds?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  failureReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  requestedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  settledAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['GiftPayoutStatus'], ParentType, ContextType>;
};

export type GiftPayoutConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['GiftPayoutConnection'] = ResolversParentTypes['GiftPayoutConnection']> = {
  edges?: Resolver<Array<ResolversTypes['GiftPayoutEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type GiftPayoutEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['GiftPayoutEdge'] = ResolversParentTypes['GiftPayoutEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['GiftPayout'], ParentType, ContextType>;
};

export type LiveGiftResolvers<ContextType = Context, ParentType extends ResolversParentTypes['LiveGift'] = ResolversParentTypes['LiveGift'], FederationReferenceType extends FederationReferenceTypes['LiveGift'] = FederationReferenceTypes['LiveGift']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['LiveGift']> | FederationReferenceType, FederationReferenceType, ContextType>;
  coinPrice?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  imageUrl?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type LiveGiftEventResolvers<ContextType = Context, ParentType extends ResolversParentTypes['LiveGiftEvent'] = ResolversParentTypes['LiveGiftEvent']> = {
  combo?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  send?: Resolver<ResolversTypes['LiveGiftSend'], ParentType, ContextType>;
  stream?: Resolver<Maybe<ResolversTypes['LiveStream']>, ParentType, ContextType>;
  totals?: Resolver<ResolversTypes['LiveStreamGiftTotals'], ParentType, ContextType>;
};

export type LiveGiftSendResolvers<ContextType = Context, ParentType extends ResolversParentTypes['LiveGiftSend'] = ResolversParentTypes['LiveGiftSend'], FederationReferenceType extends FederationReferenceTypes['LiveGiftSend'] = FederationReferenceTypes['LiveGiftSend']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['LiveGiftSend']> | FederationReferenceType, FederationReferenceType, ContextType>;
  coins?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  combo?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  creator?: Resolver<Maybe<ResolversTypes['Creator']>, ParentType, ContextType>;
  diamonds?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  eventId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  gift?: Resolver<ResolversTypes['LiveGift'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  liveStream?: Resolver<Maybe<ResolversTypes['LiveStream']>, ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sender?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  sentAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type LiveGiftSendConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['LiveGiftSendConnection'] = ResolversParentTypes['LiveGiftSendConnection']> = {
  edges?: Resolver<Array<ResolversTypes['LiveGiftSendEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type LiveGiftSendEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['LiveGiftSendEdge'] = ResolversParentTypes['LiveGiftSendEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['LiveGiftSend'], ParentType, ContextType>;
};

export type LiveStreamResolvers<ContextType = Context, ParentType extends ResolversParentTypes['LiveStream'] = ResolversParentTypes['LiveStream'], FederationReferenceType extends FederationReferenceTypes['LiveStream'] = FederationReferenceTypes['LiveStream']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['LiveStream']> | FederationReferenceType, FederationReferenceType, ContextType>;
  giftTotals?: Resolver<Maybe<ResolversTypes['LiveStreamGiftTotals']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  recentGifts?: Resolver<Array<ResolversTypes['LiveGiftSend']>, ParentType, ContextType, RequireFields<LiveStreamRecentGiftsArgs, 'first'>>;
  topGifters?: Resolver<Maybe<Array<ResolversTypes['TopGifter']>>, ParentType, ContextType, RequireFields<LiveStreamTopGiftersArgs, 'first'>>;
};

export type LiveStreamGiftTotalsResolvers<ContextType = Context, ParentType extends ResolversParentTypes['LiveStreamGiftTotals'] = ResolversParentTypes['LiveStreamGiftTotals']> = {
  coins?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  diamonds?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  giftCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  gifterCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type MoneyResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Money'] = ResolversParentTypes['Money']> = {
  amount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  currencyCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  formatted?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  addGiftOfferCodes?: Resolver<Maybe<ResolversTypes['AddGiftOfferCodesPayload']>, ParentType, ContextType, RequireFields<MutationAddGiftOfferCodesArgs, 'codes' | 'offerId'>>;
  claimSmallGesture?: Resolver<Maybe<ResolversTypes['ClaimSmallGesturePayload']>, ParentType, ContextType, RequireFields<MutationClaimSmallGestureArgs, 'token'>>;
  createGiftOffer?: Resolver<Maybe<ResolversTypes['GiftOffer']>, ParentType, ContextType, RequireFields<MutationCreateGiftOfferArgs, 'input'>>;
  pauseGiftOffer?: Resolver<Maybe<ResolversTypes['GiftOffer']>, ParentType, ContextType, RequireFields<MutationPauseGiftOfferArgs, 'id'>>;
  purchaseCoins?: Resolver<Maybe<ResolversTypes['PurchaseCoinsPayload']>, ParentType, ContextType, RequireFields<MutationPurchaseCoinsArgs, 'input'>>;
  redeemSmallGesture?: Resolver<Maybe<ResolversTypes['RedeemSmallGesturePayload']>, ParentType, ContextType, RequireFields<MutationRedeemSmallGestureArgs, 'id'>>;
  requestGiftPayout?: Resolver<Maybe<ResolversTypes['RequestGiftPayoutPayload']>, ParentType, ContextType, RequireFields<MutationRequestGiftPayoutArgs, 'input'>>;
  resumeGiftOffer?: Resolver<Maybe<ResolversTypes['GiftOffer']>, ParentType, ContextType, RequireFields<MutationResumeGiftOfferArgs, 'id'>>;
  sendLiveGift?: Resolver<Maybe<ResolversTypes['SendLiveGiftPayload']>, ParentType, ContextType, RequireFields<MutationSendLiveGiftArgs, 'input'>>;
  sendSmallGesture?: Resolver<Maybe<ResolversTypes['SendSmallGesturePayload']>, ParentType, ContextType, RequireFields<MutationSendSmallGestureArgs, 'input'>>;
  setGiftOfferEndDate?: Resolver<Maybe<ResolversTypes['GiftOffer']>, ParentType, ContextType, RequireFields<MutationSetGiftOfferEndDateArgs, 'id'>>;
};

export type PageInfoResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type PurchaseCoinsPayloadResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PurchaseCoinsPayload'] = ResolversParentTypes['PurchaseCoinsPayload']> = {
  purchase?: Resolver<ResolversTypes['CoinPurchase'], ParentType, ContextType>;
  wallet?: Resolver<ResolversTypes['Wallet'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  coinPackages?: Resolver<Array<ResolversTypes['CoinPackage']>, ParentType, ContextType>;
  giftOffer?: Resolver<Maybe<ResolversTypes['GiftOffer']>, ParentType, ContextType, RequireFields<QueryGiftOfferArgs, 'id'>>;
  giftOffers?: Resolver<ResolversTypes['GiftOfferConnection'], ParentType, ContextType, Partial<QueryGiftOffersArgs>>;
  liveGifts?: Resolver<Array<ResolversTypes['LiveGift']>, ParentType, ContextType>;
  smallGestureOffers?: Resolver<Maybe<ResolversTypes['SmallGestureOffers']>, ParentType, ContextType>;
};

export type RedeemSmallGesturePayloadResolvers<ContextType = Context, ParentType extends ResolversParentTypes['RedeemSmallGesturePayload'] = ResolversParentTypes['RedeemSmallGesturePayload']> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  gift?: Resolver<ResolversTypes['SmallGesture'], ParentType, ContextType>;
};

export type RequestGiftPayoutPayloadResolvers<ContextType = Context, ParentType extends ResolversParentTypes['RequestGiftPayoutPayload'] = ResolversParentTypes['RequestGiftPayoutPayload']> = {
  earnings?: Resolver<ResolversTypes['GiftEarnings'], ParentType, ContextType>;
  payout?: Resolver<ResolversTypes['GiftPayout'], ParentType, ContextType>;
};

export type SendLiveGiftPayloadResolvers<ContextType = Context, ParentType extends ResolversParentTypes['SendLiveGiftPayload'] = ResolversParentTypes['SendLiveGiftPayload']> = {
  send?: Resolver<ResolversTypes['LiveGiftSend'], ParentType, ContextType>;
  wallet?: Resolver<ResolversTypes['Wallet'], ParentType, ContextType>;
};

export type SendSmallGesturePayloadResolvers<ContextType = Context, ParentType extends ResolversParentTypes['SendSmallGesturePayload'] = ResolversParentTypes['SendSmallGesturePayload']> = {
  allowance?: Resolver<ResolversTypes['SmallGestureAllowance'], ParentType, ContextType>;
  claimToken?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  gift?: Resolver<ResolversTypes['SmallGesture'], ParentType, ContextType>;
};

export type SmallGestureResolvers<ContextType = Context, ParentType extends ResolversParentTypes['SmallGesture'] = ResolversParentTypes['SmallGesture'], FederationReferenceType extends FederationReferenceTypes['SmallGesture'] = FederationReferenceTypes['SmallGesture']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['SmallGesture']> | FederationReferenceType, FederationReferenceType, ContextType>;
  claimExpiresAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  claimToken?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  claimedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  code?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  offer?: Resolver<ResolversTypes['GiftOffer'], ParentType, ContextType>;
  recipient?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  redeemed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  redeemedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  sender?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  sentAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  state?: Resolver<ResolversTypes['SmallGestureState'], ParentType, ContextType>;
};

export type SmallGestureAllowanceResolvers<ContextType = Context, ParentType extends ResolversParentTypes['SmallGestureAllowance'] = ResolversParentTypes['SmallGestureAllowance']> = {
  limit?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  remaining?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sent?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type SmallGestureConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['SmallGestureConnection'] = ResolversParentTypes['SmallGestureConnection']> = {
  edges?: Resolver<Array<ResolversTypes['SmallGestureEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type SmallGestureEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['SmallGestureEdge'] = ResolversParentTypes['SmallGestureEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['SmallGesture'], ParentType, ContextType>;
};

export type SmallGestureOffersResolvers<ContextType = Context, ParentType extends ResolversParentTypes['SmallGestureOffers'] = ResolversParentTypes['SmallGestureOffers']> = {
  allowance?: Resolver<ResolversTypes['SmallGestureAllowance'], ParentType, ContextType>;
  offers?: Resolver<Array<ResolversTypes['GiftOffer']>, ParentType, ContextType>;
  unavailable?: Resolver<Array<ResolversTypes['UnavailableSmallGestureOffer']>, ParentType, ContextType>;
  unavailableReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type SubscriptionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  liveGiftEvents?: SubscriptionResolver<ResolversTypes['LiveGiftEvent'], "liveGiftEvents", ParentType, ContextType, RequireFields<SubscriptionLiveGiftEventsArgs, 'liveStreamId'>>;
};

export type TopGifterResolvers<ContextType = Context, ParentType extends ResolversParentTypes['TopGifter'] = ResolversParentTypes['TopGifter']> = {
  coins?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  rank?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  user?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
};

export type UnavailableSmallGestureOfferResolvers<ContextType = Context, ParentType extends ResolversParentTypes['UnavailableSmallGestureOffer'] = ResolversParentTypes['UnavailableSmallGestureOffer']> = {
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  offer?: Resolver<ResolversTypes['GiftOffer'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['SmallGestureOfferUnavailableReason'], ParentType, ContextType>;
};

export type UserResolvers<ContextType = Context, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  coinPurchases?: Resolver<Maybe<ResolversTypes['CoinPurchaseConnection']>, ParentType, ContextType, Partial<UserCoinPurchasesArgs>>;
  giftInbox?: Resolver<Maybe<ResolversTypes['GiftInboxConnection']>, ParentType, ContextType, Partial<UserGiftInboxArgs>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  liveGiftsSent?: Resolver<Maybe<ResolversTypes['LiveGiftSendConnection']>, ParentType, ContextType, Partial<UserLiveGiftsSentArgs>>;
  smallGestures?: Resolver<Maybe<ResolversTypes['SmallGestureAllowance']>, ParentType, ContextType>;
  smallGesturesSent?: Resolver<Maybe<ResolversTypes['SmallGestureConnection']>, ParentType, ContextType, Partial<UserSmallGesturesSentArgs>>;
  wallet?: Resolver<Maybe<ResolversTypes['Wallet']>, ParentType, ContextType>;
};

export type WalletResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Wallet'] = ResolversParentTypes['Wallet']> = {
  coins?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type Resolvers<ContextType = Context> = {
  AddGiftOfferCodesPayload?: AddGiftOfferCodesPayloadResolvers<ContextType>;
  Brand?: BrandResolvers<ContextType>;
  ClaimSmallGesturePayload?: ClaimSmallGesturePayloadResolvers<ContextType>;
  CoinPackage?: CoinPackageResolvers<ContextType>;
  CoinPurchase?: CoinPurchaseResolvers<ContextType>;
  CoinPurchaseConnection?: CoinPurchaseConnectionResolvers<ContextType>;
  CoinPurchaseEdge?: CoinPurchaseEdgeResolvers<ContextType>;
  Creator?: CreatorResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  GiftBalance?: GiftBalanceResolvers<ContextType>;
  GiftEarnings?: GiftEarningsResolvers<ContextType>;
  GiftEarningsAmount?: GiftEarningsAmountResolvers<ContextType>;
  GiftInboxConnection?: GiftInboxConnectionResolvers<ContextType>;
  GiftInboxEdge?: GiftInboxEdgeResolvers<ContextType>;
  GiftOffer?: GiftOfferResolvers<ContextType>;
  GiftOfferConnection?: GiftOfferConnectionResolvers<ContextType>;
  GiftOfferEdge?: GiftOfferEdgeResolvers<ContextType>;
  GiftOfferStats?: GiftOfferStatsResolvers<ContextType>;
  GiftPayout?: GiftPayoutResolvers<ContextType>;
  GiftPayoutConnection?: GiftPayoutConnectionResolvers<ContextType>;
  GiftPayoutEdge?: GiftPayoutEdgeResolvers<ContextType>;
  LiveGift?: LiveGiftResolvers<ContextType>;
  LiveGiftEvent?: LiveGiftEventResolvers<ContextType>;
  LiveGiftSend?: LiveGiftSendResolvers<ContextType>;
  LiveGiftSendConnection?: LiveGiftSendConnectionResolvers<ContextType>;
  LiveGiftSendEdge?: LiveGiftSendEdgeResolvers<ContextType>;
  LiveStream?: LiveStreamResolvers<ContextType>;
  LiveStreamGiftTotals?: LiveStreamGiftTotalsResolvers<ContextType>;
  Money?: MoneyResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PurchaseCoinsPayload?: PurchaseCoinsPayloadResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RedeemSmallGesturePayload?: RedeemSmallGesturePayloadResolvers<ContextType>;
  RequestGiftPayoutPayload?: RequestGiftPayoutPayloadResolvers<ContextType>;
  SendLiveGiftPayload?: SendLiveGiftPayloadResolvers<ContextType>;
  SendSmallGesturePayload?: SendSmallGesturePayloadResolvers<ContextType>;
  SmallGesture?: SmallGestureResolvers<ContextType>;
  SmallGestureAllowance?: SmallGestureAllowanceResolvers<ContextType>;
  SmallGestureConnection?: SmallGestureConnectionResolvers<ContextType>;
  SmallGestureEdge?: SmallGestureEdgeResolvers<ContextType>;
  SmallGestureOffers?: SmallGestureOffersResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  TopGifter?: TopGifterResolvers<ContextType>;
  UnavailableSmallGestureOffer?: UnavailableSmallGestureOfferResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
  Wallet?: WalletResolvers<ContextType>;
};

export type DirectiveResolvers<ContextType = Context> = {
  auth?: AuthDirectiveResolver<any, any, ContextType>;
  cacheControl?: CacheControlDirectiveResolver<any, any, ContextType>;
  scopes?: ScopesDirectiveResolver<any, any, ContextType>;
};

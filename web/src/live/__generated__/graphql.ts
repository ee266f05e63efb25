/* eslint-disable */
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  DateTime: { input: string; output: string; }
};

/** Where a creator stands with a campaign. */
export type CampaignMemberStatus =
  /** In the campaign: their sales of its products earn its rate while it is OPEN. */
  | 'ACCEPTED'
  /** They applied; the brand may approve or reject. */
  | 'APPLIED'
  /** They declined the invitation. */
  | 'DECLINED'
  /** The brand invited them; they may accept or decline. */
  | 'INVITED'
  /** The brand turned their application down. */
  | 'REJECTED';

/** Where a campaign sample stands. */
export type CampaignSampleStatus =
  | 'APPROVED'
  | 'DECLINED'
  /** Delivered: the creator's content is due by `contentDueAt`. */
  | 'DELIVERED'
  /** Content featuring the product came in time. */
  | 'FULFILLED'
  /** Asked for, and the brand did not answer by `decideBy`. */
  | 'LAPSED'
  /** No content by `contentDueAt`. */
  | 'MISSED'
  /** Asked for; the brand has until `decideBy` to answer. */
  | 'REQUESTED'
  | 'SHIPPED';

export type CampaignStatus =
  /** Closed by its brand: takes nobody more, and its rate no longer applies to new sales. */
  | 'CLOSED'
  /** Takes creators; its accepted creators' sales of its products earn its rate. */
  | 'OPEN';

export type CancelOrderInput = {
  /** 8 to 100 letters, digits or . _ : - ; the same key and input always mean the same cancellation. */
  idempotencyKey: Scalars['String']['input'];
  orderId: Scalars['ID']['input'];
};

export type CheckoutInput = {
  /** An affiliate link's code. The link's product must be in the order; its lines earn the link's creator a commission. */
  affiliateCode?: InputMaybe<Scalars['String']['input']>;
  /**
   * A flash deal of the stream (`liveStreamId`, required with it) to buy from: its product's line
   * pays the deal price and takes the deal's units, at most its `perBuyerLimit` a buyer over all
   * their orders. DEAL_NOT_STARTED, DEAL_ENDED, DEAL_SOLD_OUT (`unitsLeft`), DEAL_LIMIT_REACHED
   * (`remaining`); BAD_USER_INPUT when the deal's product is not a line or it is another stream's.
   */
  flashDealId?: InputMaybe<Scalars['ID']['input']>;
  /** 8 to 100 letters, digits or . _ : - ; the same key and input always mean the same order. */
  idempotencyKey: Scalars['String']['input'];
  /** 1 to 50 lines, each product at most once. */
  lines: Array<CheckoutLineInput>;
  /** A LIVE stream the buyer is buying from; lines of products pinned on it earn its creator a commission. Not together with `affiliateCode`. */
  liveStreamId?: InputMaybe<Scalars['ID']['input']>;
  /**
   * A video the buyer is buying from; lines of products tagged in it (`Video.products` or its
   * creator's `taggedProducts`) earn its creator a commission at the open affiliate rate, and show
   * in the creator's `videoSales`. Alone: not with `affiliateCode` or `liveStreamId`.
   * NOT_FOUND for a video content does not know, PRODUCT_NOT_TAGGED if no line is tagged in it.
   */
  videoId?: InputMaybe<Scalars['ID']['input']>;
};

export type CheckoutLineInput = {
  productId: Scalars['ID']['input'];
  /** 1 to 100. */
  quantity: Scalars['Int']['input'];
};

export type CoinPurchaseStatus =
  /** Paid; the coins were credited. */
  | 'COMPLETED'
  /** The provider declined the payment; nothing was credited. */
  | 'DECLINED'
  /** Recorded; the payment provider has not settled it yet. */
  | 'PENDING';

/** Where a brand's products come from: made here, or imported from an external commerce platform's feed. */
export type CommercePlatform =
  | 'NATIVE'
  | 'PRINT_ON_DEMAND'
  | 'SHOPIFY'
  | 'WALMART';

/**
 * Where a commission stands (see `CommissionLine.state`). A line moves PENDING → LOCKED → PAYABLE →
 * PAID, or to REVERSED from PENDING or LOCKED when it is cancelled or refunded in full.
 */
export type CommissionState =
  /** Shipped, inside the order's return window or under an open return: a refund may still claw it back. */
  | 'LOCKED'
  /** In a commission payout, requested or paid. */
  | 'PAID'
  /** The return window is over and no return is open: the creator may withdraw it (`requestCommissionPayout`). */
  | 'PAYABLE'
  /** Its order is paid but not shipped yet: a cancellation still reverses it. */
  | 'PENDING'
  /** Clawed back in full: the order was cancelled or every unit refunded. */
  | 'REVERSED';

export type CreateCampaignInput = {
  /** What the brand asks of creators: 1 to 5,000 characters. */
  brief: Scalars['String']['input'];
  /** How many creators it takes: 1 to 1,000. */
  capacity: Scalars['Int']['input'];
  /** As a fraction (0.25 is 25%), in whole basis points, above each product's own rate. */
  commissionRate: Scalars['Float']['input'];
  /** When content is due; in the future. */
  contentDeadline: Scalars['DateTime']['input'];
  /** Minor units of the products' currency paid to each creator whose content is delivered; 0 or left out for none. */
  fixedFee?: InputMaybe<Scalars['Int']['input']>;
  idempotencyKey: Scalars['String']['input'];
  /** A creator whose sample fulfilment rate is below this fraction cannot request its samples; left out for none. */
  minFulfilmentRate?: InputMaybe<Scalars['Float']['input']>;
  /** 1 to 120 characters. */
  name: Scalars['String']['input'];
  /** 1 to 20 of the brand's own products on sale, in one currency. */
  productIds: Array<Scalars['ID']['input']>;
};

export type CreateCatalogInput = {
  /** The brand the catalog belongs to: the calling partner's own. */
  brandId: Scalars['ID']['input'];
  /** At most 1,000 characters. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** 1 to 100 characters. */
  name: Scalars['String']['input'];
  /** First products, in order (the brand's own, active; at most 100). */
  productIds?: InputMaybe<Array<Scalars['ID']['input']>>;
};

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

/** What a creator makes videos about. */
export type CreatorTopic =
  | 'BEAUTY'
  | 'COMEDY'
  | 'COOKING'
  | 'FASHION'
  | 'FITNESS'
  | 'GAMING'
  | 'MUSIC'
  | 'OUTDOORS'
  | 'TECH'
  | 'TRAVEL';

export type DecideReturnInput = {
  /** 8 to 100 letters, digits or . _ : - ; the same key and input always mean the same decision. */
  idempotencyKey: Scalars['String']['input'];
  /** On approval: whether the goods came back and go back in stock. Ignored when declining. */
  restock?: InputMaybe<Scalars['Boolean']['input']>;
  returnId: Scalars['ID']['input'];
};

export type FlashDealEndReason =
  /** Its creator or brand ended it before `endsAt` (or before it started): the units left went back to the product's stock. */
  | 'ENDED_EARLY'
  /** The reserved quantity sold. */
  | 'SOLD_OUT'
  /** Its stream ended first (content said so): the units left went back to the product's stock. */
  | 'STREAM_ENDED'
  /** `endsAt` passed: the units left went back to the product's stock. */
  | 'TIME_UP';

export type FlashDealStatus =
  | 'ENDED'
  /** Selling at the deal price until `endsAt` or sold out. */
  | 'LIVE'
  /** Made, counting down to `startsAt`. */
  | 'SCHEDULED';

/** A range of follower counts, both ends inclusive, either left open. */
export type FollowerBand = {
  max?: InputMaybe<Scalars['Int']['input']>;
  min?: InputMaybe<Scalars['Int']['input']>;
};

export type FulfilCampaignSampleInput = {
  /** A LIVE stream of the signed-in creator's with the sample's product pinned. */
  liveStreamId?: InputMaybe<Scalars['ID']['input']>;
  sampleId: Scalars['ID']['input'];
  /** A video of the signed-in creator's that tags the sample's product. */
  videoId?: InputMaybe<Scalars['ID']['input']>;
};

export type FulfillOrderInput = {
  /** Who carries the parcel, 1 to 50 characters, e.g. UPS. */
  carrier: Scalars['String']['input'];
  /** 8 to 100 letters, digits or . _ : - ; the same key and input always mean the same fulfilment. */
  idempotencyKey: Scalars['String']['input'];
  orderId: Scalars['ID']['input'];
  /** The carrier's tracking number: 1 to 64 letters, digits, spaces or dashes. */
  trackingNumber: Scalars['String']['input'];
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

export type GiftPayoutStatus =
  /** The provider could not pay it; its diamonds went back to the balance. */
  | 'FAILED'
  /** Paid to the creator. */
  | 'PAID'
  /** Its diamonds are taken from the balance; the payout provider has not answered yet (in flight). */
  | 'REQUESTED';

export type LiveShoppingEventKind =
  /** A flash deal ended (`deal.endedReason`: TIME_UP, SOLD_OUT, ENDED_EARLY or STREAM_ENDED); `quantity` is the units it sold. */
  | 'DEAL_ENDED'
  /** A flash deal was made on a pinned product (`deal`: its price and `startsAt`). */
  | 'DEAL_SCHEDULED'
  /** A flash deal started selling (`deal`: price, `endsAt`); `quantity` is its units left. */
  | 'DEAL_STARTED'
  /**
   * A flash deal's units left changed (`quantity`): sent at most once a second per deal, the last
   * change of a busy second a second later, so a client's count converges on the deal's.
   */
  | 'DEAL_UNITS_LEFT'
  /** A product joined the stream's overlay (`pinnedProducts`). */
  | 'PRODUCT_PINNED'
  /** A product left the stream's overlay. */
  | 'PRODUCT_UNPINNED'
  /**
   * Someone bought a pinned product from the stream: one event per line of a pinned product in a
   * checkout attributed to the stream (an order with two pinned products sends two, one after
   * the other). Lines of products not pinned on the stream are not the stream's sale and send
   * nothing. A cancellation sends nothing; it shows in `LiveStream.sales`.
   */
  | 'PURCHASED';

export type LiveStreamStatus =
  | 'ENDED'
  | 'LIVE'
  | 'SCHEDULED';

export type OrderCanceller =
  | 'BRAND'
  | 'BUYER';

export type OrderStatus =
  /** Cancelled before fulfilment, by the buyer or the brand; stock restored, commission reversed. */
  | 'CANCELLED'
  /** Shipped by the brand; returns may follow within the return window (see `returns`). */
  | 'FULFILLED'
  /** Paid at checkout; units taken from stock; commission pending. */
  | 'PAID';

export type PayoutStatus =
  /** The provider refused it: its commission went back to PAYABLE. */
  | 'FAILED'
  /** The provider paid it. */
  | 'PAID'
  /** Recorded; the payout provider has not answered yet. */
  | 'REQUESTED';

export type ProductFeedInput = {
  items: Array<ProductFeedItemInput>;
  /** FULL: the feed is the brand's whole imported range; PARTIAL: only the items given change. */
  mode: ProductFeedMode;
};

export type ProductFeedItemInput = {
  /** Commission as a fraction (0.15 is 15%), in whole basis points. Left out: 10% for a new product, unchanged for an existing one. */
  commissionRate?: InputMaybe<Scalars['Float']['input']>;
  /** ISO 4217 code; the store sells in USD only for now, so anything else fails this item. USD when left out. */
  currencyCode?: InputMaybe<Scalars['String']['input']>;
  /** At most 5,000 characters. Left out: empty for a new product, unchanged for an existing one. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** The product's id on the external platform: 1 to 200 characters, unique within the feed. */
  externalId: Scalars['String']['input'];
  /** An https URL of at most 2,000 characters. Left out: a new product gets a placeholder, an existing one keeps its image. */
  imageUrl?: InputMaybe<Scalars['String']['input']>;
  /** Units in stock, 0 to 1,000,000. */
  inventory: Scalars['Int']['input'];
  /** Price in minor units, 0 to 10,000,000. */
  priceAmount: Scalars['Int']['input'];
  status: ProductStatus;
  /** 1 to 200 characters. */
  title: Scalars['String']['input'];
};

export type ProductFeedMode =
  /** Imported products missing from the feed are archived. */
  | 'FULL'
  /** Products missing from the feed are left as they are. */
  | 'PARTIAL';

/** How `searchProducts` orders what it finds. */
export type ProductSort =
  /** Most units sold first (orders that stand, net of refunds). */
  | 'BEST_SELLING'
  /** Newest first. */
  | 'NEWEST'
  /** Cheapest first. */
  | 'PRICE_ASC'
  /** Dearest first. */
  | 'PRICE_DESC'
  /** Best match first: words in the title count most, then the brand's name, then the description. */
  | 'RELEVANCE';

export type ProductStatus =
  /** On sale. */
  | 'ACTIVE'
  /** No longer sold; still shown where it was tagged, pinned or curated. */
  | 'ARCHIVED';

export type PublishVideoInput = {
  /** At most 2200 characters; may be empty. */
  caption: Scalars['String']['input'];
  /** Whole seconds, 1 to 600. */
  durationSeconds: Scalars['Int']['input'];
  /** At most 20, each letters, digits or _ (a leading # is dropped); repeats are dropped. */
  hashtags?: InputMaybe<Array<Scalars['String']['input']>>;
  /**
   * Optional: 8 to 100 letters, digits or . _ : - ; sending the same key and input again returns
   * the first video rather than publishing a second (IDEMPOTENCY_KEY_REUSED for other input).
   */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** The HLS playlist's https URL (the media service hosts the media). */
  playbackUrl: Scalars['String']['input'];
  /** Products to tag, in order: at most 5, each on sale. */
  productIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** The thumbnail's https URL. */
  thumbnailUrl: Scalars['String']['input'];
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

export type RegisterWebhookEndpointInput = {
  /** What the endpoint is for, up to 200 characters. */
  description?: InputMaybe<Scalars['String']['input']>;
  /**
   * Recommended: a retry with the same key (8 to 100 letters, digits or . _ : -) answers the endpoint and
   * secret the first call made instead of registering another; the same key with another input is
   * IDEMPOTENCY_KEY_REUSED.
   */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  topics: Array<WebhookTopic>;
  /** Where deliveries are POSTed: https on a public address in production. */
  url: Scalars['String']['input'];
};

export type RequestCommissionPayoutInput = {
  /** 8 to 100 letters, digits or . _ : - ; the same key and input always mean the same payout. */
  idempotencyKey: Scalars['String']['input'];
  /** Where to be paid: the payout method token from the provider's onboarding. The test provider fails `test_fail`. */
  payoutMethod?: InputMaybe<Scalars['String']['input']>;
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

export type RequestReturnInput = {
  /** 8 to 100 letters, digits or . _ : - ; the same key and input always mean the same return. */
  idempotencyKey: Scalars['String']['input'];
  /** 1 to 50 lines, each product of the order at most once. */
  lines: Array<ReturnLineInput>;
  orderId: Scalars['ID']['input'];
  /** Why, in the buyer's words: at most 500 characters. */
  reason?: InputMaybe<Scalars['String']['input']>;
};

export type ReturnLineInput = {
  /** A product of the order. */
  productId: Scalars['ID']['input'];
  /** Units to send back: 1 to the units of the line not refunded yet. */
  quantity: Scalars['Int']['input'];
};

export type ReturnStatus =
  /** Approved by the brand: the units were refunded and their commission clawed back. */
  | 'APPROVED'
  /** Declined by the brand: nothing was refunded. */
  | 'DECLINED'
  /** Asked for by the buyer; the brand has not answered yet. */
  | 'REQUESTED';

export type SampleContentKind =
  /** A LIVE stream of the creator's with the product pinned. */
  | 'LIVE'
  /** A video of the creator's that tags the product. */
  | 'VIDEO';

export type SampleDeliverer =
  /** The brand marked it, on the carrier's proof of delivery. */
  | 'BRAND'
  /** The creator confirmed receipt. */
  | 'CREATOR';

export type ScheduleLiveStreamInput = {
  /** 8 to 100 letters, digits or . _ : - ; the same key and input return the first result. */
  idempotencyKey: Scalars['String']['input'];
  scheduledFor: Scalars['DateTime']['input'];
  title: Scalars['String']['input'];
};

export type SendLiveGiftInput = {
  giftId: Scalars['ID']['input'];
  /** 8 to 100 letters, digits or . _ : -, unique per request of this user. */
  idempotencyKey: Scalars['String']['input'];
  liveStreamId: Scalars['ID']['input'];
  /** How many of the gift to send at once, 1 to 99. */
  quantity?: Scalars['Int']['input'];
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

export type SetCreatorCommissionInput = {
  /** A fraction from 0 to 1 in whole basis points: 0.25 is 25%. */
  commissionRate: Scalars['Float']['input'];
  creatorId: Scalars['ID']['input'];
  /** One of the brand's products; left out, the deal covers all of the brand's products. */
  productId?: InputMaybe<Scalars['ID']['input']>;
};

export type ShipCampaignSampleInput = {
  /** 1 to 60 characters. */
  carrier: Scalars['String']['input'];
  sampleId: Scalars['ID']['input'];
  /** 1 to 100 characters. */
  trackingNumber: Scalars['String']['input'];
};

export type SmallGestureOfferUnavailableReason =
  /** The user has sent the three Small Gestures each user may send (claim links not claimed in time are given back). */
  | 'ALLOWANCE_SPENT'
  /** The offer's codes are all given out. */
  | 'SOLD_OUT';

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

export type StartFlashDealInput = {
  /** The deal's unit price in minor units of the product's currency: at least 1, below the product's price. */
  dealPrice: Scalars['Int']['input'];
  /** 1 to 20. */
  durationMinutes: Scalars['Int']['input'];
  idempotencyKey: Scalars['String']['input'];
  liveStreamId: Scalars['ID']['input'];
  /** 1 to `quantity`, at most 100. */
  perBuyerLimit: Scalars['Int']['input'];
  productId: Scalars['ID']['input'];
  /** Units reserved from the product's stock: 1 to 10,000, and at most its stock. */
  quantity: Scalars['Int']['input'];
  /** Seconds until the deal starts: 0 for now, else 10 to 300. */
  startsIn: Scalars['Int']['input'];
};

export type UpdateCatalogInput = {
  catalogId: Scalars['ID']['input'];
  /** At most 1,000 characters. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** 1 to 100 characters, trimmed. */
  name?: InputMaybe<Scalars['String']['input']>;
};

export type UpdateProductInput = {
  /** At most 5,000 characters. */
  description?: InputMaybe<Scalars['String']['input']>;
  id: Scalars['ID']['input'];
  /** Units in stock, 0 to 1,000,000. */
  inventory?: InputMaybe<Scalars['Int']['input']>;
  /** The new price in minor units of the product's currency, 0 to 10,000,000. */
  priceAmount?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<ProductStatus>;
  /** 1 to 200 characters. */
  title?: InputMaybe<Scalars['String']['input']>;
};

export type UpdateProfileInput = {
  /** At most 160 characters; an empty string clears it. */
  bio?: InputMaybe<Scalars['String']['input']>;
  /** 1 to 50 characters. */
  displayName?: InputMaybe<Scalars['String']['input']>;
  /** What the creator makes videos about (creators only: FORBIDDEN, reason NOT_A_CREATOR, for others). */
  topic?: InputMaybe<CreatorTopic>;
};

export type UpdateVideoInput = {
  caption?: InputMaybe<Scalars['String']['input']>;
  hashtags?: InputMaybe<Array<Scalars['String']['input']>>;
};

export type UpdateWebhookEndpointInput = {
  description?: InputMaybe<Scalars['String']['input']>;
  endpointId: Scalars['ID']['input'];
  /** Replaces the topics it hears (at least one). */
  topics?: InputMaybe<Array<WebhookTopic>>;
  url?: InputMaybe<Scalars['String']['input']>;
};

export type WebhookDeliveryStatus =
  /** Answered 2xx. */
  | 'DELIVERED'
  /** Not answered 2xx yet: waiting its turn, or for its next attempt. */
  | 'PENDING';

/** What a brand's webhook endpoints may hear (docs/webhooks.md); a payload's `type` is the topic as `order.paid`. */
export type WebhookTopic =
  /** A creator joined one of the brand's campaigns: accepted its invitation or was approved (`via`), with the seats taken. */
  | 'CAMPAIGN_ACCEPTED'
  /** A creator applied to one of the brand's campaigns (`campaign`, `creatorId`, `message`). */
  | 'CAMPAIGN_APPLIED'
  /** A creator's content fulfilled a sample of one of the brand's campaigns (`sample`, `content`), and the fee it made payable (`feePayable`). */
  | 'CAMPAIGN_CONTENT_DELIVERED'
  /** A flash deal on one of the brand's products sold every unit it reserved. */
  | 'LIVE_DEAL_SOLD_OUT'
  /** A creator pinned one of the brand's products on a LIVE stream. */
  | 'LIVE_PRODUCT_PINNED'
  /** An order was cancelled, by its buyer or the brand (`cancelledBy`). */
  | 'ORDER_CANCELLED'
  /** An order was placed (checkout; payment is taken then, so ORDER_PAID follows at once). */
  | 'ORDER_CREATED'
  /** An order was shipped (`shipment`, `returnsUntil`). */
  | 'ORDER_FULFILLED'
  /** An order was paid. */
  | 'ORDER_PAID'
  /** A return of an order was approved: units refunded (`return`). */
  | 'ORDER_RETURNED'
  /** A product's last unit was taken. */
  | 'PRODUCT_OUT_OF_STOCK'
  /** A product's stock went from above 5 units to 5 or fewer (and some left). */
  | 'PRODUCT_STOCK_LOW';

export type LiveGiftTotalsFragment = { __typename?: 'LiveStreamGiftTotals', coins: number, diamonds: number, giftCount: number, gifterCount: number };

export type LiveTopGifterFragment = { __typename?: 'TopGifter', rank: number, coins: number, user?: { __typename?: 'User', handle: string } | null };

export type LivePinnedProductFragment = { __typename?: 'Product', id: string, title: string, inventory: number, imageUrl: string, price: { __typename?: 'Money', formatted: string } };

export type LiveFlashDealFragment = { __typename?: 'FlashDeal', id: string, status: FlashDealStatus, startsAt: string, endsAt: string, unitsLeft: number, perBuyerLimit: number, dealPrice: { __typename?: 'Money', formatted: string }, product: { __typename?: 'Product', id: string } };

export type LiveNowQueryVariables = Exact<{ [key: string]: never; }>;


export type LiveNowQuery = { __typename?: 'Query', liveNow: { __typename?: 'LiveStreamConnection', edges: Array<{ __typename?: 'LiveStreamEdge', node: { __typename?: 'LiveStream', id: string, title: string, viewerCount: number, creator?: { __typename?: 'Creator', handle: string } | null } }> } };

export type LiveRoomQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type LiveRoomQuery = { __typename?: 'Query', liveStream?: { __typename?: 'LiveStream', id: string, title: string, status: LiveStreamStatus, startedAt?: string | null, endedAt?: string | null, creator?: { __typename?: 'Creator', handle: string, displayName: string } | null, giftTotals?: { __typename?: 'LiveStreamGiftTotals', coins: number, diamonds: number, giftCount: number, gifterCount: number } | null, topGifters?: Array<{ __typename?: 'TopGifter', rank: number, coins: number, user?: { __typename?: 'User', handle: string } | null }> | null, recentGifts: Array<{ __typename?: 'LiveGiftSend', id: string, eventId?: string | null, quantity: number, combo: number, gift: { __typename?: 'LiveGift', name: string }, sender?: { __typename?: 'User', handle: string } | null }>, pinnedProducts?: Array<{ __typename?: 'Product', id: string, title: string, inventory: number, imageUrl: string, price: { __typename?: 'Money', formatted: string } }> | null, flashDeals: Array<{ __typename?: 'FlashDeal', id: string, status: FlashDealStatus, startsAt: string, endsAt: string, unitsLeft: number, perBuyerLimit: number, dealPrice: { __typename?: 'Money', formatted: string }, product: { __typename?: 'Product', id: string } }>, sales?: { __typename?: 'LiveStreamSales', orders: number, units: number, revenue: { __typename?: 'Money', formatted: string } } | null } | null };

export type LiveSalesQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type LiveSalesQuery = { __typename?: 'Query', liveStream?: { __typename?: 'LiveStream', id: string, sales?: { __typename?: 'LiveStreamSales', orders: number, units: number, revenue: { __typename?: 'Money', formatted: string } } | null } | null };

export type LiveStatusQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type LiveStatusQuery = { __typename?: 'Query', liveStream?: { __typename?: 'LiveStream', id: string, status: LiveStreamStatus, startedAt?: string | null, endedAt?: string | null } | null };

export type ShopQueryVariables = Exact<{ [key: string]: never; }>;


export type ShopQuery = { __typename?: 'Query', liveGifts: Array<{ __typename?: 'LiveGift', id: string, name: string, coinPrice: number }>, coinPackages: Array<{ __typename?: 'CoinPackage', id: string, coins: number, price: { __typename?: 'Money', formatted: string } }> };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { __typename?: 'Query', me?: { __typename?: 'User', id: string, handle: string, wallet?: { __typename?: 'Wallet', coins: number } | null } | null };

export type PurchaseCoinsMutationVariables = Exact<{
  packageId: Scalars['ID']['input'];
  idempotencyKey: Scalars['String']['input'];
}>;


export type PurchaseCoinsMutation = { __typename?: 'Mutation', purchaseCoins?: { __typename?: 'PurchaseCoinsPayload', wallet: { __typename?: 'Wallet', coins: number } } | null };

export type SendLiveGiftMutationVariables = Exact<{
  liveStreamId: Scalars['ID']['input'];
  giftId: Scalars['ID']['input'];
  quantity: Scalars['Int']['input'];
  idempotencyKey: Scalars['String']['input'];
}>;


export type SendLiveGiftMutation = { __typename?: 'Mutation', sendLiveGift?: { __typename?: 'SendLiveGiftPayload', send: { __typename?: 'LiveGiftSend', id: string }, wallet: { __typename?: 'Wallet', coins: number } } | null };

export type CheckoutFromStreamMutationVariables = Exact<{
  liveStreamId: Scalars['ID']['input'];
  productId: Scalars['ID']['input'];
  flashDealId?: InputMaybe<Scalars['ID']['input']>;
  idempotencyKey: Scalars['String']['input'];
}>;


export type CheckoutFromStreamMutation = { __typename?: 'Mutation', checkout?: { __typename?: 'CheckoutPayload', replayed: boolean, order: { __typename?: 'Order', id: string, total?: { __typename?: 'Money', formatted: string } | null, lines?: Array<{ __typename?: 'OrderLine', product: { __typename?: 'Product', id: string, inventory: number } }> | null } } | null };

export type GiftEventsSubscriptionVariables = Exact<{
  id: Scalars['ID']['input'];
  after?: InputMaybe<Scalars['ID']['input']>;
}>;


export type GiftEventsSubscription = { __typename?: 'Subscription', liveGiftEvents: { __typename?: 'LiveGiftEvent', id: string, combo: number, send: { __typename?: 'LiveGiftSend', id: string, quantity: number, gift: { __typename?: 'LiveGift', name: string }, sender?: { __typename?: 'User', handle: string } | null }, totals: { __typename?: 'LiveStreamGiftTotals', coins: number, diamonds: number, giftCount: number, gifterCount: number }, stream?: { __typename?: 'LiveStream', id: string, topGifters?: Array<{ __typename?: 'TopGifter', rank: number, coins: number, user?: { __typename?: 'User', handle: string } | null }> | null } | null } };

export type ShoppingEventsSubscriptionVariables = Exact<{
  id: Scalars['ID']['input'];
  after?: InputMaybe<Scalars['ID']['input']>;
}>;


export type ShoppingEventsSubscription = { __typename?: 'Subscription', liveShoppingEvents: { __typename?: 'LiveShoppingEvent', id: string, kind: LiveShoppingEventKind, quantity?: number | null, product: { __typename?: 'Product', id: string, title: string, inventory: number, imageUrl: string, price: { __typename?: 'Money', formatted: string } }, deal?: { __typename?: 'FlashDeal', id: string, status: FlashDealStatus, startsAt: string, endsAt: string, unitsLeft: number, perBuyerLimit: number, dealPrice: { __typename?: 'Money', formatted: string }, product: { __typename?: 'Product', id: string } } | null } };

export type StreamUpdatesSubscriptionVariables = Exact<{
  id: Scalars['ID']['input'];
  after?: InputMaybe<Scalars['ID']['input']>;
}>;


export type StreamUpdatesSubscription = { __typename?: 'Subscription', liveStreamUpdates: { __typename?: 'LiveStreamUpdate', id: string, status: LiveStreamStatus, stream: { __typename?: 'LiveStream', id: string, startedAt?: string | null, endedAt?: string | null } } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const LiveGiftTotalsFragmentDoc = new TypedDocumentString(`
    fragment LiveGiftTotals on LiveStreamGiftTotals {
  coins
  diamonds
  giftCount
  gifterCount
}
    `, {"fragmentName":"LiveGiftTotals"}) as unknown as TypedDocumentString<LiveGiftTotalsFragment, unknown>;
export const LiveTopGifterFragmentDoc = new TypedDocumentString(`
    fragment LiveTopGifter on TopGifter {
  rank
  coins
  user {
    handle
  }
}
    `, {"fragmentName":"LiveTopGifter"}) as unknown as TypedDocumentString<LiveTopGifterFragment, unknown>;
export const LivePinnedProductFragmentDoc = new TypedDocumentString(`
    fragment LivePinnedProduct on Product {
  id
  title
  inventory
  imageUrl
  price {
    formatted
  }
}
    `, {"fragmentName":"LivePinnedProduct"}) as unknown as TypedDocumentString<LivePinnedProductFragment, unknown>;
export const LiveFlashDealFragmentDoc = new TypedDocumentString(`
    fragment LiveFlashDeal on FlashDeal {
  id
  status
  startsAt
  endsAt
  unitsLeft
  perBuyerLimit
  dealPrice {
    formatted
  }
  product {
    id
  }
}
    `, {"fragmentName":"LiveFlashDeal"}) as unknown as TypedDocumentString<LiveFlashDealFragment, unknown>;
export const LiveNowDocument = new TypedDocumentString(`
    query LiveNow {
  liveNow(first: 20) {
    edges {
      node {
        id
        title
        viewerCount
        creator {
          handle
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<LiveNowQuery, LiveNowQueryVariables>;
export const LiveRoomDocument = new TypedDocumentString(`
    query LiveRoom($id: ID!) {
  liveStream(id: $id) {
    id
    title
    status
    startedAt
    endedAt
    creator {
      handle
      displayName
    }
    giftTotals {
      ...LiveGiftTotals
    }
    topGifters(first: 3) {
      ...LiveTopGifter
    }
    recentGifts(first: 20) {
      id
      eventId
      quantity
      combo
      gift {
        name
      }
      sender {
        handle
      }
    }
    pinnedProducts {
      ...LivePinnedProduct
    }
    flashDeals {
      ...LiveFlashDeal
    }
    sales {
      orders
      units
      revenue {
        formatted
      }
    }
  }
}
    fragment LiveGiftTotals on LiveStreamGiftTotals {
  coins
  diamonds
  giftCount
  gifterCount
}
fragment LiveTopGifter on TopGifter {
  rank
  coins
  user {
    handle
  }
}
fragment LivePinnedProduct on Product {
  id
  title
  inventory
  imageUrl
  price {
    formatted
  }
}
fragment LiveFlashDeal on FlashDeal {
  id
  status
  startsAt
  endsAt
  unitsLeft
  perBuyerLimit
  dealPrice {
    formatted
  }
  product {
    id
  }
}`) as unknown as TypedDocumentString<LiveRoomQuery, LiveRoomQueryVariables>;
export const LiveSalesDocument = new TypedDocumentString(`
    query LiveSales($id: ID!) {
  liveStream(id: $id) {
    id
    sales {
      orders
      units
      revenue {
        formatted
      }
    }
  }
}
    `) as unknown as TypedDocumentString<LiveSalesQuery, LiveSalesQueryVariables>;
export const LiveStatusDocument = new TypedDocumentString(`
    query LiveStatus($id: ID!) {
  liveStream(id: $id) {
    id
    status
    startedAt
    endedAt
  }
}
    `) as unknown as TypedDocumentString<LiveStatusQuery, LiveStatusQueryVariables>;
export const ShopDocument = new TypedDocumentString(`
    query Shop {
  liveGifts {
    id
    name
    coinPrice
  }
  coinPackages {
    id
    coins
    price {
      formatted
    }
  }
}
    `) as unknown as TypedDocumentString<ShopQuery, ShopQueryVariables>;
export const MeDocument = new TypedDocumentString(`
    query Me {
  me {
    id
    handle
    wallet {
      coins
    }
  }
}
    `) as unknown as TypedDocumentString<MeQuery, MeQueryVariables>;
export const PurchaseCoinsDocument = new TypedDocumentString(`
    mutation PurchaseCoins($packageId: ID!, $idempotencyKey: String!) {
  purchaseCoins(input: {packageId: $packageId, idempotencyKey: $idempotencyKey}) {
    wallet {
      coins
    }
  }
}
    `) as unknown as TypedDocumentString<PurchaseCoinsMutation, PurchaseCoinsMutationVariables>;
export const SendLiveGiftDocument = new TypedDocumentString(`
    mutation SendLiveGift($liveStreamId: ID!, $giftId: ID!, $quantity: Int!, $idempotencyKey: String!) {
  sendLiveGift(
    input: {liveStreamId: $liveStreamId, giftId: $giftId, quantity: $quantity, idempotencyKey: $idempotencyKey}
  ) {
    send {
      id
    }
    wallet {
      coins
    }
  }
}
    `) as unknown as TypedDocumentString<SendLiveGiftMutation, SendLiveGiftMutationVariables>;
export const CheckoutFromStreamDocument = new TypedDocumentString(`
    mutation CheckoutFromStream($liveStreamId: ID!, $productId: ID!, $flashDealId: ID, $idempotencyKey: String!) {
  checkout(
    input: {lines: [{productId: $productId, quantity: 1}], liveStreamId: $liveStreamId, flashDealId: $flashDealId, idempotencyKey: $idempotencyKey}
  ) {
    order {
      id
      total {
        formatted
      }
      lines {
        product {
          id
          inventory
        }
      }
    }
    replayed
  }
}
    `) as unknown as TypedDocumentString<CheckoutFromStreamMutation, CheckoutFromStreamMutationVariables>;
export const GiftEventsDocument = new TypedDocumentString(`
    subscription GiftEvents($id: ID!, $after: ID) {
  liveGiftEvents(liveStreamId: $id, after: $after) {
    id
    combo
    send {
      id
      quantity
      gift {
        name
      }
      sender {
        handle
      }
    }
    totals {
      ...LiveGiftTotals
    }
    stream {
      id
      topGifters(first: 3) {
        ...LiveTopGifter
      }
    }
  }
}
    fragment LiveGiftTotals on LiveStreamGiftTotals {
  coins
  diamonds
  giftCount
  gifterCount
}
fragment LiveTopGifter on TopGifter {
  rank
  coins
  user {
    handle
  }
}`) as unknown as TypedDocumentString<GiftEventsSubscription, GiftEventsSubscriptionVariables>;
export const ShoppingEventsDocument = new TypedDocumentString(`
    subscription ShoppingEvents($id: ID!, $after: ID) {
  liveShoppingEvents(liveStreamId: $id, after: $after) {
    id
    kind
    quantity
    product {
      ...LivePinnedProduct
    }
    deal {
      ...LiveFlashDeal
    }
  }
}
    fragment LivePinnedProduct on Product {
  id
  title
  inventory
  imageUrl
  price {
    formatted
  }
}
fragment LiveFlashDeal on FlashDeal {
  id
  status
  startsAt
  endsAt
  unitsLeft
  perBuyerLimit
  dealPrice {
    formatted
  }
  product {
    id
  }
}`) as unknown as TypedDocumentString<ShoppingEventsSubscription, ShoppingEventsSubscriptionVariables>;
export const StreamUpdatesDocument = new TypedDocumentString(`
    subscription StreamUpdates($id: ID!, $after: ID) {
  liveStreamUpdates(liveStreamId: $id, after: $after) {
    id
    status
    stream {
      id
      startedAt
      endedAt
    }
  }
}
    `) as unknown as TypedDocumentString<StreamUpdatesSubscription, StreamUpdatesSubscriptionVariables>;
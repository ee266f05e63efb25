import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { BrandRow, ProductRow, CatalogRow, AffiliateLinkView, AffiliateClickRow, CommissionDealRow, OrderRow, OrderLineView, OrderReturnRow, OrderReturnLineView, CommissionLineView, CommissionPayoutRow, VideoSalesRow, SalesFigures as SalesFiguresRow, SalesRow, CheckoutResult, LiveShoppingEventView, FlashDealRow, CampaignRow, CampaignMemberRow, CampaignSampleRow, WebhookEndpointRow, WebhookDeliveryRow, CreatorRef, EntityRef } from '../mappers.ts';
import type { Statement } from '../settlement.ts';
import type { ViewerKeyView } from '../partners.ts';
import type { DeletedCatalog } from '../curation.ts';
import type { SalesReport } from '../analytics.ts';
import type { EndpointWithSecret } from '../webhooks.ts';
import type { Money as MoneyValue } from '@app/kit/money';
import type { NodeValue } from '../node.ts';
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

/** Where an affiliate link leads, and whether this click counted. */
export type AffiliateClick = {
  __typename?: 'AffiliateClick';
  code: Scalars['String']['output'];
  /** False when this user's click on the link was already counted, or the user is the link's creator. */
  counted: Scalars['Boolean']['output'];
  creator: Creator;
  product: Product;
};

/** A creator's link to a product; sales through it earn the creator a commission. */
export type AffiliateLink = Node & {
  __typename?: 'AffiliateLink';
  /** Distinct signed-in users, other than the creator, who opened the link. */
  clicks: Scalars['Int']['output'];
  /** Short code the link is shared with, e.g. K7QX2M9P; pass it to `checkout` as `affiliateCode`. */
  code: Scalars['String']['output'];
  /** Commission on fulfilled orders through the link, less what refunds clawed back. */
  commissionEarned: Money;
  /** Commission on paid orders through the link not fulfilled yet. */
  commissionPending: Money;
  /** The rate a sale through the link pays now: the product's rate or the creator's better deal. */
  commissionRate: Scalars['Float']['output'];
  createdAt: Scalars['DateTime']['output'];
  /** Whose link it is; null when the users subgraph, which completes creators, is unavailable. */
  creator?: Maybe<Creator>;
  id: Scalars['ID']['output'];
  /** Orders placed through the link and not cancelled. */
  orderCount: Scalars['Int']['output'];
  product: Product;
};

/** A page of the list, either way (`first`/`after` or `last`/`before`). No `totalCount`: no count of these lists is kept, and the graph never counts a list at read time. */
export type AffiliateLinkConnection = {
  __typename?: 'AffiliateLinkConnection';
  edges: Array<AffiliateLinkEdge>;
  pageInfo: PageInfo;
};

export type AffiliateLinkEdge = {
  __typename?: 'AffiliateLinkEdge';
  cursor: Scalars['String']['output'];
  node: AffiliateLink;
};

/** A brand or shop that sells products. */
export type Brand = Node & {
  __typename?: 'Brand';
  /** All the brand's products, archived ones included (or one `status`), newest first: for the brand's own partner keys. */
  allProducts?: Maybe<ProductConnection>;
  /** The brand's campaigns, newest first: for the brand's own partner keys. */
  campaigns?: Maybe<CampaignConnection>;
  /** The brand's catalogs, newest first. */
  catalogs: CatalogConnection;
  /** The commission deals the brand set with creators, most recently set first: for the brand's own partner keys. */
  commissionDeals?: Maybe<CommissionDealConnection>;
  description: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  logoUrl: Scalars['String']['output'];
  name: Scalars['String']['output'];
  /** The brand's orders, newest first: for the brand's own partner keys only. */
  orders?: Maybe<OrderConnection>;
  platform: CommercePlatform;
  /** The brand's product a merch feed imported under `externalId`; null when none did. For the brand's own partner keys. */
  productByExternalId?: Maybe<Product>;
  /** The brand's products on sale (ACTIVE), newest first. */
  products: ProductConnection;
  /**
   * The brand's sales over a period of at most 366 days, by product, by creator and by LIVE stream:
   * for the brand's own partner keys with analytics:read.
   */
  sales?: Maybe<BrandSales>;
  slug: Scalars['String']['output'];
  /** One of the brand's webhook endpoints; null when it is not the brand's. */
  webhookEndpoint?: Maybe<WebhookEndpoint>;
  /** The brand's webhook endpoints, oldest first (at most 10), with why one is disabled: for the brand's own partner keys with webhooks:write. Never a secret. */
  webhookEndpoints: Array<WebhookEndpoint>;
};


/** A brand or shop that sells products. */
export type BrandAllProductsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<ProductStatus>;
};


/** A brand or shop that sells products. */
export type BrandCampaignsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** A brand or shop that sells products. */
export type BrandCatalogsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** A brand or shop that sells products. */
export type BrandCommissionDealsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** A brand or shop that sells products. */
export type BrandOrdersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** A brand or shop that sells products. */
export type BrandProductByExternalIdArgs = {
  externalId: Scalars['String']['input'];
};


/** A brand or shop that sells products. */
export type BrandProductsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** A brand or shop that sells products. */
export type BrandSalesArgs = {
  from: Scalars['DateTime']['input'];
  to: Scalars['DateTime']['input'];
};


/** A brand or shop that sells products. */
export type BrandWebhookEndpointArgs = {
  id: Scalars['ID']['input'];
};

/** A page of the list, either way (`first`/`after` or `last`/`before`; a search's forward only). No `totalCount`: no count of these lists is kept, and the graph never counts a list at read time. */
export type BrandConnection = {
  __typename?: 'BrandConnection';
  edges: Array<BrandEdge>;
  pageInfo: PageInfo;
};

export type BrandEdge = {
  __typename?: 'BrandEdge';
  cursor: Scalars['String']['output'];
  node: Brand;
};

/**
 * A brand's sales over a period [`from`, `to`), by the time orders were placed: orders that stand
 * (not cancelled), net of refunds.
 */
export type BrandSales = {
  __typename?: 'BrandSales';
  /** Sales attributed to creators (affiliate links and their LIVE streams), most revenue first. */
  byCreator: Array<SalesByCreator>;
  /** Sales from LIVE streams, most revenue first. */
  byLiveStream: Array<SalesByLiveStream>;
  /** Sales per product, most revenue first (`first` at most 100). */
  byProduct: Array<SalesByProduct>;
  from: Scalars['DateTime']['output'];
  to: Scalars['DateTime']['output'];
  totals: SalesFigures;
};


/**
 * A brand's sales over a period [`from`, `to`), by the time orders were placed: orders that stand
 * (not cancelled), net of refunds.
 */
export type BrandSalesByCreatorArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};


/**
 * A brand's sales over a period [`from`, `to`), by the time orders were placed: orders that stand
 * (not cancelled), net of refunds.
 */
export type BrandSalesByLiveStreamArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};


/**
 * A brand's sales over a period [`from`, `to`), by the time orders were placed: orders that stand
 * (not cancelled), net of refunds.
 */
export type BrandSalesByProductArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

/**
 * A brand's campaign: a brief, its products, the rate it pays on accepted creators' sales of them
 * (links, tagged videos, LIVE pins) while OPEN, a fixed fee per creator, a content deadline and how
 * many creators it takes.
 */
export type Campaign = {
  __typename?: 'Campaign';
  /** Creators accepted so far (never above `capacity`). */
  acceptedCount: Scalars['Int']['output'];
  brand: Brand;
  brief: Scalars['String']['output'];
  /** How many creators it takes. */
  capacity: Scalars['Int']['output'];
  closedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The commission rate on accepted creators' sales of its products, as a fraction: above each product's open rate. */
  commissionRate: Scalars['Float']['output'];
  contentDeadline: Scalars['DateTime']['output'];
  createdAt: Scalars['DateTime']['output'];
  /** Paid to each creator whose content for it is delivered; zero for none. */
  fixedFee: Money;
  id: Scalars['ID']['output'];
  /** The campaign's members in one status (APPLIED: its applicants), latest change first: for its brand's partner keys. */
  members?: Maybe<CampaignMembershipConnection>;
  /** The sample fulfilment rate a creator needs to request its samples, as a fraction; null for none. */
  minFulfilmentRate?: Maybe<Scalars['Float']['output']>;
  name: Scalars['String']['output'];
  /** The products, in the brand's order. */
  products: Array<Product>;
  /** The campaign's samples, newest request first: for its brand's partner keys. */
  samples?: Maybe<CampaignSampleConnection>;
  status: CampaignStatus;
  /** The signed-in creator's own membership; null when they have none (and for partner keys). */
  viewerMembership?: Maybe<CampaignMembership>;
};


/**
 * A brand's campaign: a brief, its products, the rate it pays on accepted creators' sales of them
 * (links, tagged videos, LIVE pins) while OPEN, a fixed fee per creator, a content deadline and how
 * many creators it takes.
 */
export type CampaignMembersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  status: CampaignMemberStatus;
};


/**
 * A brand's campaign: a brief, its products, the rate it pays on accepted creators' sales of them
 * (links, tagged videos, LIVE pins) while OPEN, a fixed fee per creator, a content deadline and how
 * many creators it takes.
 */
export type CampaignSamplesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

/** A page of the list, either way (`first`/`after` or `last`/`before`). No `totalCount`: the graph never counts a list at read time. */
export type CampaignConnection = {
  __typename?: 'CampaignConnection';
  edges: Array<CampaignEdge>;
  pageInfo: PageInfo;
};

export type CampaignEdge = {
  __typename?: 'CampaignEdge';
  cursor: Scalars['String']['output'];
  node: Campaign;
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

/** A creator's standing with a campaign. */
export type CampaignMembership = {
  __typename?: 'CampaignMembership';
  campaign: Campaign;
  createdAt: Scalars['DateTime']['output'];
  creator: Creator;
  /** Whether the brand invited them (else they applied). */
  invited: Scalars['Boolean']['output'];
  /** The creator's note with their application. */
  message?: Maybe<Scalars['String']['output']>;
  status: CampaignMemberStatus;
  /** When the status last changed. */
  updatedAt: Scalars['DateTime']['output'];
};

/** A page of the list, either way (`first`/`after` or `last`/`before`). No `totalCount`: the graph never counts a list at read time. */
export type CampaignMembershipConnection = {
  __typename?: 'CampaignMembershipConnection';
  edges: Array<CampaignMembershipEdge>;
  pageInfo: PageInfo;
};

export type CampaignMembershipEdge = {
  __typename?: 'CampaignMembershipEdge';
  cursor: Scalars['String']['output'];
  node: CampaignMembership;
};

/** A free sample of a campaign product for an accepted creator, owed content once delivered. */
export type CampaignSample = {
  __typename?: 'CampaignSample';
  campaign: Campaign;
  /** When the creator's content is due (set at delivery). */
  contentDueAt?: Maybe<Scalars['DateTime']['output']>;
  contentKind?: Maybe<SampleContentKind>;
  creator: Creator;
  /** When the brand's window to answer ends. */
  decideBy: Scalars['DateTime']['output'];
  decidedAt?: Maybe<Scalars['DateTime']['output']>;
  deliveredAt?: Maybe<Scalars['DateTime']['output']>;
  deliveredBy?: Maybe<SampleDeliverer>;
  fulfilledAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  /** The live stream that fulfilled it, if one did. */
  liveStream?: Maybe<LiveStream>;
  product: Product;
  requestedAt: Scalars['DateTime']['output'];
  shipment?: Maybe<Shipment>;
  status: CampaignSampleStatus;
  /** The video that fulfilled it, if a video did. */
  video?: Maybe<Video>;
};

/** A page of the list, either way (`first`/`after` or `last`/`before`). No `totalCount`: the graph never counts a list at read time. */
export type CampaignSampleConnection = {
  __typename?: 'CampaignSampleConnection';
  edges: Array<CampaignSampleEdge>;
  pageInfo: PageInfo;
};

export type CampaignSampleEdge = {
  __typename?: 'CampaignSampleEdge';
  cursor: Scalars['String']['output'];
  node: CampaignSample;
};

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

/** A brand's curated set of products. */
export type Catalog = Node & {
  __typename?: 'Catalog';
  brand: Brand;
  description: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  /** The catalog's products in the brand's order. */
  products: ProductConnection;
};


/** A brand's curated set of products. */
export type CatalogProductsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

/** A page of the list, either way (`first`/`after` or `last`/`before`). No `totalCount`: no count of these lists is kept, and the graph never counts a list at read time. */
export type CatalogConnection = {
  __typename?: 'CatalogConnection';
  edges: Array<CatalogEdge>;
  pageInfo: PageInfo;
};

export type CatalogEdge = {
  __typename?: 'CatalogEdge';
  cursor: Scalars['String']['output'];
  node: Catalog;
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

export type CheckoutPayload = {
  __typename?: 'CheckoutPayload';
  order: Order;
  /** True when this idempotency key had already placed the order, so nothing new happened. */
  replayed: Scalars['Boolean']['output'];
};

export type CoinPurchase = Node & {
  __typename?: 'CoinPurchase';
  id: Scalars['ID']['output'];
};

/** Where a brand's products come from: made here, or imported from an external commerce platform's feed. */
export type CommercePlatform =
  | 'NATIVE'
  | 'PRINT_ON_DEMAND'
  | 'SHOPIFY'
  | 'WALMART';

/** A creator's commission by where it stands, in USD. */
export type CommissionBalance = {
  __typename?: 'CommissionBalance';
  /** PAYABLE: what a payout may take now. */
  available: Money;
  /** In payouts the payout provider has not answered yet. */
  inPayout: Money;
  /** LOCKED: shipped, inside a return window or under an open return. */
  locked: Money;
  /** In payouts that were paid. */
  paidOut: Money;
  /** PENDING: on orders not shipped yet. */
  pending: Money;
};

/** A commission a brand set for one creator. */
export type CommissionDeal = {
  __typename?: 'CommissionDeal';
  brand: Brand;
  commissionRate: Scalars['Float']['output'];
  /** The creator the deal is for; null when the users subgraph, which completes creators, is unavailable. */
  creator?: Maybe<Creator>;
  /** The product it covers; null when it covers all of the brand's products. */
  product?: Maybe<Product>;
  updatedAt: Scalars['DateTime']['output'];
};

/** A page of the list, either way (`first`/`after` or `last`/`before`). No `totalCount`: no count of these lists is kept, and the graph never counts a list at read time. */
export type CommissionDealConnection = {
  __typename?: 'CommissionDealConnection';
  edges: Array<CommissionDealEdge>;
  pageInfo: PageInfo;
};

export type CommissionDealEdge = {
  __typename?: 'CommissionDealEdge';
  cursor: Scalars['String']['output'];
  node: CommissionDeal;
};

/**
 * An order line that earned a commission, as the creator's statement shows it: commission =
 * floor((line revenue − refunds) × rate), in USD minor units.
 */
export type CommissionLine = {
  __typename?: 'CommissionLine';
  /** What the line earns: the commission credited at checkout less what was clawed back. */
  amount: Money;
  /** The campaign whose rate the line earned (the creator was accepted in it and it was OPEN at the sale); null for the open rate or a deal's. */
  campaign?: Maybe<Campaign>;
  /** For a LOCKED line, when its return window ends (a return the brand has not answered keeps it LOCKED past that). */
  lockedUntil?: Maybe<Scalars['DateTime']['output']>;
  /** The order, in its commission view for the creator (see `Order`). */
  order: Order;
  /** When the order was placed. */
  orderedAt: Scalars['DateTime']['output'];
  product: Product;
  /** The commission rate of the sale, as a fraction: 0.15 is 15%. */
  rate: Scalars['Float']['output'];
  /** Units refunded by approved returns. */
  refundedUnits: Scalars['Int']['output'];
  /** What was clawed back: on refunded units, or all of it when the order was cancelled. */
  reversed: Money;
  state: CommissionState;
  /** The product's title as bought. */
  title: Scalars['String']['output'];
  units: Scalars['Int']['output'];
};

/** A page of the list, either way (`first`/`after` or `last`/`before`). No `totalCount`: no count of these lists is kept, and the graph never counts a list at read time. */
export type CommissionLineConnection = {
  __typename?: 'CommissionLineConnection';
  edges: Array<CommissionLineEdge>;
  pageInfo: PageInfo;
};

export type CommissionLineEdge = {
  __typename?: 'CommissionLineEdge';
  cursor: Scalars['String']['output'];
  node: CommissionLine;
};

/** A creator's withdrawal of payable commission. Only the creator sees it. */
export type CommissionPayout = Node & {
  __typename?: 'CommissionPayout';
  amount: Money;
  /** Why the provider refused it (FAILED only). */
  failureReason?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  payoutMethod?: Maybe<Scalars['String']['output']>;
  requestedAt: Scalars['DateTime']['output'];
  /** When the provider's answer was recorded. */
  settledAt?: Maybe<Scalars['DateTime']['output']>;
  status: PayoutStatus;
};

/** A page of the list, either way (`first`/`after` or `last`/`before`). No `totalCount`: no count of these lists is kept, and the graph never counts a list at read time. */
export type CommissionPayoutConnection = {
  __typename?: 'CommissionPayoutConnection';
  edges: Array<CommissionPayoutEdge>;
  pageInfo: PageInfo;
};

export type CommissionPayoutEdge = {
  __typename?: 'CommissionPayoutEdge';
  cursor: Scalars['String']['output'];
  node: CommissionPayout;
};

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

/**
 * A statement's commission per state over its period. Every commission credited is in exactly one
 * total: a line's earnings in its state, and what refunds or a cancellation clawed back in `reversed`.
 */
export type CommissionStateTotals = {
  __typename?: 'CommissionStateTotals';
  locked: Money;
  /** In payouts, requested or paid. */
  paid: Money;
  payable: Money;
  pending: Money;
  reversed: Money;
};

/** A creator's commission lines over a period, optionally of some states, with totals per state. */
export type CommissionStatement = {
  __typename?: 'CommissionStatement';
  /** The lines, newest order first. */
  lines: CommissionLineConnection;
  /** The period's totals per state, whatever states `lines` is filtered to. */
  totals: CommissionStateTotals;
};


/** A creator's commission lines over a period, optionally of some states, with totals per state. */
export type CommissionStatementLinesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

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

export type Creator = Node & {
  __typename?: 'Creator';
  /** The creator's affiliate links with their clicks, orders and commission, newest first. Only the creator sees them. */
  affiliateLinks?: Maybe<AffiliateLinkConnection>;
  /** Catalogs the creator carries on their profile. */
  catalogs?: Maybe<CatalogConnection>;
  /** The creator's commission payouts, newest first. Only the creator sees them. */
  commissionPayouts?: Maybe<CommissionPayoutConnection>;
  /**
   * The creator's commission lines, newest order first, optionally of some states (all when left
   * out) and placed in a period [`from`, `to`), with the period's totals per state. Only the creator
   * sees it.
   */
  commissionStatement?: Maybe<CommissionStatement>;
  /**
   * What the creator earned: commissions from commerce plus LIVE gift earnings, which commerce
   * takes from the gifts subgraph (`@requires`). Only the creator sees it.
   */
  earnings?: Maybe<CreatorEarnings>;
  giftEarnings?: Maybe<GiftEarnings>;
  id: Scalars['ID']['output'];
  /**
   * The creator's campaign sample record: delivered samples whose content came in time and those
   * missed, and the rate. For brands' partner keys with `campaigns:read` or `campaigns:write`, and
   * the creator; FORBIDDEN for anyone else.
   */
  sampleFulfilment?: Maybe<SampleFulfilment>;
  /** Products the creator curates on their profile, in the creator's order. */
  showcase?: Maybe<ProductConnection>;
  /** What checkouts from each of the creator's videos sold (`videoId` on checkout), best selling first. Only the creator sees it. */
  videoSales?: Maybe<VideoSalesConnection>;
};


export type CreatorAffiliateLinksArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type CreatorCatalogsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type CreatorCommissionPayoutsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type CreatorCommissionStatementArgs = {
  from?: InputMaybe<Scalars['DateTime']['input']>;
  states?: InputMaybe<Array<CommissionState>>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};


export type CreatorShowcaseArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type CreatorVideoSalesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

/** What a creator has made on the app, in USD. */
export type CreatorEarnings = {
  __typename?: 'CreatorEarnings';
  /** The commission by settlement state: what may be withdrawn now, and what is pending, locked or paid out. */
  commissionBalance: CommissionBalance;
  /** Commission on shipped orders attributed to the creator (affiliate links and live streams), less what refunds clawed back: locked, payable and paid out alike. */
  commissions: Money;
  /**
   * The LIVE gift earnings in the same states, from the gifts subgraph
   * (`Creator.giftEarnings.balance`), so each source of a creator's earnings is read in one place.
   * Null when gifts could not give it.
   */
  giftBalance?: Maybe<GiftBalance>;
  /** The value of LIVE gifts received, from the gifts subgraph (`Creator.giftEarnings.value`). */
  gifts: Money;
  /** Commission on paid orders not fulfilled yet; not part of `total` until fulfilled, gone if cancelled. */
  pending: Money;
  /** commissions + gifts. */
  total: Money;
};

export type DecideReturnInput = {
  /** 8 to 100 letters, digits or . _ : - ; the same key and input always mean the same decision. */
  idempotencyKey: Scalars['String']['input'];
  /** On approval: whether the goods came back and go back in stock. Ignored when declining. */
  restock?: InputMaybe<Scalars['Boolean']['input']>;
  returnId: Scalars['ID']['input'];
};

export type DeleteCatalogPayload = {
  __typename?: 'DeleteCatalogPayload';
  /** The brand the catalog belonged to. */
  brand: Brand;
  deletedCatalogId: Scalars['ID']['output'];
};

/**
 * A flash deal on a product pinned on a LIVE stream: a price below the product's for a few
 * minutes, on a quantity reserved from its stock, at most `perBuyerLimit` units a buyer.
 */
export type FlashDeal = Node & {
  __typename?: 'FlashDeal';
  dealPrice: Money;
  /** Why it ended; null until it has. */
  endedReason?: Maybe<FlashDealEndReason>;
  endsAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  liveStreamId: Scalars['ID']['output'];
  perBuyerLimit: Scalars['Int']['output'];
  product: Product;
  /** Units reserved for the deal when it was made. */
  quantity: Scalars['Int']['output'];
  startsAt: Scalars['DateTime']['output'];
  status: FlashDealStatus;
  /** Units the deal can still sell (0 once it has ended). */
  unitsLeft: Scalars['Int']['output'];
  /** Units sold at the deal price so far. */
  unitsSold: Scalars['Int']['output'];
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

export type GiftBalance = {
  __typename?: 'GiftBalance';
  available: Money;
  inPayout: Money;
  locked: Money;
  paidOut: Money;
  pending: Money;
};

export type GiftEarnings = {
  __typename?: 'GiftEarnings';
  balance?: Maybe<GiftBalance>;
  value: Money;
};

export type GiftOffer = Node & {
  __typename?: 'GiftOffer';
  id: Scalars['ID']['output'];
};

export type GiftPayout = Node & {
  __typename?: 'GiftPayout';
  id: Scalars['ID']['output'];
};

export type LiveGift = Node & {
  __typename?: 'LiveGift';
  id: Scalars['ID']['output'];
};

export type LiveGiftSend = Node & {
  __typename?: 'LiveGiftSend';
  id: Scalars['ID']['output'];
};

/**
 * One thing that happened on a stream's live-shopping overlay. It never says who bought: not the
 * buyer, and not the order either, because events are public and an order id is a handle on one
 * buyer's purchase (the buyer and the brand see it on receipts and order lists), so publishing it
 * would let any viewer tie a sale to a person.
 */
export type LiveShoppingEvent = {
  __typename?: 'LiveShoppingEvent';
  /** For DEAL_* events: the flash deal, as it is when the event is sent. Null for the others. */
  deal?: Maybe<FlashDeal>;
  /** The event id: ordered per stream; pass it as `after` to resume. */
  id: Scalars['ID']['output'];
  kind: LiveShoppingEventKind;
  /**
   * The product pinned, unpinned or bought, as it is when the event is sent: its title, price and
   * `inventory` then (after this purchase, and after any later ones for an event replayed with
   * `after`).
   */
  product: Product;
  /**
   * For PURCHASED: the units of the product in the order; DEAL_STARTED and DEAL_UNITS_LEFT: the
   * deal's units left then; DEAL_ENDED: the units it sold. Null for pins, unpins and DEAL_SCHEDULED.
   */
  quantity?: Maybe<Scalars['Int']['output']>;
};

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

export type LiveStream = Node & {
  __typename?: 'LiveStream';
  /** Flash deals scheduled or running on the stream now, soonest start first: a room's snapshot before `liveShoppingEvents`. */
  flashDeals: Array<FlashDeal>;
  id: Scalars['ID']['output'];
  /** The live-shopping overlay: products pinned on the stream (at most 20). */
  pinnedProducts?: Maybe<Array<Product>>;
  /**
   * What the stream has sold so far, for a dashboard to start from before `liveShoppingEvents`
   * arrive. SALES_CURRENCY_MISMATCH (null here) if its sales are in more than one currency.
   */
  sales?: Maybe<LiveStreamSales>;
};

/**
 * What a live stream has sold: the orders attributed to it (checkouts with its `liveStreamId`) that
 * are not cancelled, and their lines of products pinned on it when bought, the same lines
 * PURCHASED events announce. Lines of other products in those orders are not counted.
 */
export type LiveStreamSales = {
  __typename?: 'LiveStreamSales';
  /** Orders attributed to the stream, not cancelled. */
  orders: Scalars['Int']['output'];
  /** What those units were paid, at the price of the sale. Zero in USD for a stream that sold nothing. */
  revenue: Money;
  /** Units of pinned products in those orders. */
  units: Scalars['Int']['output'];
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
   * The signed-in creator accepts an invitation (INVITED → ACCEPTED), taking one of the campaign's
   * seats: CAMPAIGN_FULL when none is left (racing accepts never seat more than the capacity),
   * CAMPAIGN_CLOSED, NOT_INVITED. Accepted already: as it stands.
   */
  acceptCampaignInvitation?: Maybe<CampaignMembership>;
  /**
   * Append products (the brand's own, active; at most 100 per call) to one of the brand's catalogs.
   * Products already in it stay where they are. A catalog holds at most 500 products (CATALOG_FULL).
   */
  addCatalogProducts?: Maybe<Catalog>;
  /** Add an active product, of any brand, to the end of the signed-in creator's showcase (at most 100). */
  addToShowcase?: Maybe<Creator>;
  /**
   * The signed-in creator applies to an OPEN campaign, with an optional note (at most 1,000
   * characters) to the brand, which approves or rejects. Codes: CAMPAIGN_CLOSED, CAMPAIGN_FULL,
   * ALREADY_INVITED (accept the invitation instead), CAMPAIGN_MEMBERSHIP_ENDED (declined or
   * rejected before), FORBIDDEN NOT_A_CREATOR. Applied or accepted already: as it stands.
   */
  applyToCampaign?: Maybe<CampaignMembership>;
  /**
   * Seat an applicant (APPLIED → ACCEPTED), taking one of the campaign's seats: CAMPAIGN_FULL when
   * none is left, CAMPAIGN_CLOSED when it is closed, NOT_APPLIED when the creator has no open
   * application. Approved already: the membership as it stands.
   */
  approveCampaignApplicant?: Maybe<CampaignMembership>;
  /** The brand approves a sample request within its window: SAMPLE_LAPSED after it, SAMPLE_ALREADY_DECIDED if declined. Approved already: as it stands. */
  approveCampaignSample?: Maybe<CampaignSample>;
  /**
   * The brand (its partner key with `orders:write`) approves an open return: the units are refunded
   * to the buyer, exactly the commission on them is clawed back from the attributed creator, and,
   * when `restock` says the goods came back, they go back in stock. RETURN_ALREADY_DECIDED for a
   * return approved or declined before. Idempotent like `checkout`.
   */
  approveReturn?: Maybe<OrderReturn>;
  /**
   * Cancel an order of the calling partner's own brand that it has not fulfilled (it cannot ship
   * it): the units go back to stock and the commission is reversed in full. Codes as `cancelOrder`.
   */
  cancelBrandOrder?: Maybe<Order>;
  /**
   * Cancel the signed-in buyer's own order before it is fulfilled: the units go back to stock and
   * the commission is reversed in full. A fulfilled order is ORDER_ALREADY_FULFILLED (ask for a
   * return instead), a cancelled one ORDER_CANCELLED. Idempotent like `checkout`.
   */
  cancelOrder?: Maybe<Order>;
  /**
   * Buy products as the signed-in user: one transaction that prices every line from the store
   * (never from the client), takes the units from stock (refusing OUT_OF_STOCK and changing
   * nothing when any line cannot be filled), attributes the sale to at most one affiliate link or
   * live stream, and records the commission owed to that creator. The order is PAID at once.
   * Retrying with the same `idempotencyKey` and input returns the same order and moves nothing;
   * the same key with other input is IDEMPOTENCY_KEY_REUSED.
   */
  checkout?: Maybe<CheckoutPayload>;
  /** Close one of the brand's campaigns: it takes nobody more, and its rate stops applying to new sales. Closed already: nothing changes. NOT_FOUND for another brand's. */
  closeCampaign?: Maybe<Campaign>;
  /** The signed-in creator confirms a shipped sample arrived: the content window starts (codes as `markCampaignSampleDelivered`). */
  confirmCampaignSampleDelivered?: Maybe<CampaignSample>;
  /**
   * The signed-in creator's affiliate link to a product on sale. Any creator may link any active
   * product (no prior deal needed); a creator has one link per product, so asking again returns the
   * existing link. FORBIDDEN (reason NOT_A_CREATOR) for users who are not creators.
   */
  createAffiliateLink?: Maybe<AffiliateLink>;
  /**
   * Create a campaign for the calling partner's brand (docs/campaigns.md): its own products on sale,
   * a commission rate above each product's open rate (CAMPAIGN_RATE_TOO_LOW, `productId`), an
   * optional fixed fee per creator, a content deadline in the future and how many creators it takes.
   * Codes: BAD_USER_INPUT (`field`), NOT_FOUND, PRODUCT_OF_ANOTHER_BRAND, PRODUCT_NOT_AVAILABLE,
   * MULTIPLE_CURRENCIES. Idempotent on `idempotencyKey`.
   */
  createCampaign?: Maybe<Campaign>;
  /** Create a catalog for the calling partner's own brand, optionally with its first products (the brand's own, active). */
  createCatalog?: Maybe<Catalog>;
  /** The signed-in creator declines an invitation (INVITED → DECLINED). NOT_INVITED otherwise; declined already: as it stands. */
  declineCampaignInvitation?: Maybe<CampaignMembership>;
  /** The brand declines a sample request within its window (codes as `approveCampaignSample`). */
  declineCampaignSample?: Maybe<CampaignSample>;
  /** The brand declines an open return: nothing is refunded and the commission stands. Idempotent like `checkout`. */
  declineReturn?: Maybe<OrderReturn>;
  /** Delete one of the brand's catalogs: its product list goes with it, and it leaves every creator profile that carried it. */
  deleteCatalog?: Maybe<DeleteCatalogPayload>;
  /**
   * Remove one of the brand's endpoints, with what is queued for it and its deliveries' history:
   * nothing more is sent to it, and it no longer counts toward the 10. Answers the removed endpoint's
   * id. NOT_FOUND for an endpoint that is not the brand's (or is already removed).
   */
  deleteWebhookEndpoint?: Maybe<Scalars['ID']['output']>;
  /** Stop deliveries to an endpoint: events it hears keep queueing, in order, until it is enabled. Already disabled: nothing changes. */
  disableWebhookEndpoint?: Maybe<WebhookEndpoint>;
  /** Resume deliveries to a disabled endpoint (by the brand, or after a day of failed attempts), from the oldest waiting one. Enabled: nothing changes. */
  enableWebhookEndpoint?: Maybe<WebhookEndpoint>;
  /** `endFlashDeal` for the product's brand, with a partner key holding `catalog:write`; NOT_OWNING_PARTNER for another brand's deal. */
  endBrandFlashDeal?: Maybe<FlashDeal>;
  /**
   * End a flash deal on the signed-in creator's own stream now, scheduled or running (the product's
   * brand ends one with `endBrandFlashDeal`): what it did not sell goes back to the product's stock
   * and DEAL_ENDED is sent (`endedReason` ENDED_EARLY). A deal already ended is answered as it is,
   * so retrying is safe. NOT_FOUND; FORBIDDEN (NOT_STREAM_CREATOR).
   */
  endFlashDeal?: Maybe<FlashDeal>;
  /**
   * The signed-in creator's content fulfils a delivered sample before its window ends: a video of
   * theirs that tags the product (`videoId`) or a LIVE stream of theirs with it pinned
   * (`liveStreamId`), one of the two. The campaign's fixed fee, if any, becomes payable (once per
   * campaign) and joins their commission payouts. Codes: CONTENT_DOES_NOT_FEATURE_PRODUCT,
   * SAMPLE_NOT_DELIVERED, SAMPLE_CONTENT_OVERDUE, BAD_USER_INPUT. Fulfilled already: as it stands.
   */
  fulfilCampaignSample?: Maybe<CampaignSample>;
  /**
   * Mark an order of the calling partner's own brand as shipped, with the carrier and tracking
   * number. The return window (ORDER_RETURN_WINDOW_DAYS, 30 by default) starts now: the attributed
   * creator's commission is LOCKED until it ends. A fulfilled order is ORDER_ALREADY_FULFILLED, a
   * cancelled one ORDER_CANCELLED. Idempotent like `checkout`.
   */
  fulfillOrder?: Maybe<Order>;
  /**
   * Bring a brand's products in from an external commerce platform's feed (the calling partner's
   * own brand only). An upsert keyed by `externalId`, all in one transaction: a new id creates a
   * product, a changed item updates it, an identical item changes nothing. In FULL mode the brand's
   * imported products missing from the feed are archived (never deleted: past orders keep them);
   * an item that fails validation still counts as present, so a typo never takes a product off
   * sale. Failing items are reported with their index and reason; the valid ones apply.
   * At most 10,000 items per call.
   */
  importProductFeed?: Maybe<ProductFeedResult>;
  /**
   * Invite creators (1 to 50 a call) to one of the brand's OPEN campaigns (CAMPAIGN_CLOSED). A
   * creator already invited, applied or decided keeps that membership. Answers each named
   * creator's membership. NOT_FOUND for a user who is not a creator.
   */
  inviteCreators?: Maybe<Array<CampaignMembership>>;
  /**
   * The brand marks a shipped sample delivered, on the carrier's proof (the creator may confirm it
   * first, `confirmCampaignSampleDelivered`): the creator's content window, SAMPLE_CONTENT_DAYS
   * (14), starts. SAMPLE_NOT_SHIPPED otherwise; delivered already: as it stands.
   */
  markCampaignSampleDelivered?: Maybe<CampaignSample>;
  /**
   * Move a product of one of the brand's catalogs to `position` (0 is first; past the end is last).
   * PRODUCT_NOT_LISTED when the product is not in the catalog.
   */
  moveCatalogProduct?: Maybe<Catalog>;
  /**
   * Move a product of the signed-in creator's showcase to `position` (0 is first; past the end is
   * last). PRODUCT_NOT_LISTED when the product is not in the showcase.
   */
  moveShowcaseProduct?: Maybe<Creator>;
  /**
   * Pin an active product on the signed-in creator's own live stream (the live-shopping overlay),
   * at most 20. Pinning a pinned product changes nothing. Not on an ENDED stream.
   */
  pinProduct?: Maybe<LiveStream>;
  /**
   * Count a signed-in user's click on an affiliate link and say where it leads. Each user counts
   * once per link, and the link's own creator never counts, so clicks cannot be inflated by
   * repetition. Signed-in only: the app opens links for signed-in users, and an anonymous click
   * (e.g. a web redirect) would need its own abuse controls before it could count.
   */
  recordAffiliateClick?: Maybe<AffiliateClick>;
  /**
   * Register a webhook endpoint for the calling partner's brand (docs/webhooks.md): `url` hears
   * the `topics` given (at least one). The answer holds the endpoint's signing secret, shown this
   * once: store it. BAD_USER_INPUT (`field` url, with a `reason`: INVALID_URL, HTTPS_REQUIRED,
   * PRIVATE_ADDRESS) for a URL deliveries may not go to (https on a public address in production),
   * or an empty topic list or a description over 200 characters; WEBHOOK_ENDPOINT_LIMIT_REACHED
   * past 10 endpoints.
   */
  registerWebhookEndpoint?: Maybe<WebhookEndpointSecret>;
  /** Turn an applicant down (APPLIED → REJECTED). NOT_APPLIED when the creator has no open application; rejected already: as it stands. */
  rejectCampaignApplicant?: Maybe<CampaignMembership>;
  /** Take products out of one of the brand's catalogs. Products not in it are ignored. */
  removeCatalogProducts?: Maybe<Catalog>;
  /** Take a product out of the signed-in creator's showcase. Not in it: nothing changes. */
  removeFromShowcase?: Maybe<Creator>;
  /**
   * Send a delivery's event again, with the same event id (`webhook-id`) and body, after what is
   * queued for its endpoint. Answers the new delivery. NOT_FOUND for a delivery of another brand.
   */
  replayWebhookDelivery?: Maybe<WebhookDelivery>;
  /**
   * The signed-in creator, accepted in an OPEN campaign, asks for a free sample of one of its
   * products (once per product: SAMPLE_ALREADY_REQUESTED; asking again while it waits answers it).
   * The brand has SAMPLE_DECISION_DAYS (7) to answer, then it is LAPSED. Codes: NOT_A_CAMPAIGN_MEMBER,
   * CAMPAIGN_CLOSED, PRODUCT_NOT_IN_CAMPAIGN, FULFILMENT_RATE_TOO_LOW (`rate`, `minimum`: below the
   * campaign's `minFulfilmentRate`).
   */
  requestCampaignSample?: Maybe<CampaignSample>;
  /**
   * The signed-in creator withdraws all their PAYABLE commission (USD) through the payout provider:
   * at least PAYOUT_MINIMUM_CENTS ($10 by default), else PAYOUT_BELOW_MINIMUM (`available`,
   * `minimum`). The lines it pays become PAID at once, so a second request, even one racing this
   * one, finds nothing left. The payout answers PAID, or FAILED with a reason, in which case its
   * commission is PAYABLE again; SERVICE_UNAVAILABLE when the provider does not answer (the payout
   * stays REQUESTED, and retrying with the same key asks again without paying twice). Idempotent
   * like `checkout`.
   */
  requestCommissionPayout?: Maybe<CommissionPayout>;
  /**
   * The signed-in buyer asks to send back some or all units of a fulfilled order, before its return
   * window ends (RETURN_WINDOW_CLOSED after). One open return per order (RETURN_ALREADY_OPEN); at
   * most the units not refunded yet (RETURN_QUANTITY_EXCEEDED). Nothing is refunded until the brand
   * approves. Idempotent like `checkout`.
   */
  requestReturn?: Maybe<OrderReturn>;
  /**
   * A new signing secret for one of the brand's endpoints, shown this once. The old one keeps
   * signing beside it (two signatures in `webhook-signature`) for WEBHOOK_SECRET_GRACE_HOURS (24
   * by default), so the receiver can switch without losing a delivery. NOT_FOUND for an endpoint
   * that is not the brand's.
   */
  rotateWebhookEndpointSecret?: Maybe<WebhookEndpointSecret>;
  /**
   * Give one creator a higher commission on the calling partner's brand: on one product
   * (`productId`), or on all of the brand's products (no `productId`). Setting it again replaces
   * it. A sale pays the highest of the product's own rate and the deals that apply, so a deal never
   * lowers what a creator earns; 0 ends a deal's effect.
   */
  setCreatorCommission?: Maybe<CommissionDeal>;
  /**
   * Choose the brand catalogs on the signed-in creator's profile (`Creator.catalogs`), in this
   * order, replacing the list (at most 20, PROFILE_CATALOGS_LIMIT; [] clears it). NOT_FOUND for an
   * unknown catalog, and nothing changes.
   */
  setProfileCatalogs?: Maybe<Creator>;
  /** The brand ships an approved sample (SAMPLE_NOT_APPROVED otherwise). Shipped already with the same tracking: as it stands. */
  shipCampaignSample?: Maybe<CampaignSample>;
  /** `startFlashDeal` for the product's brand, with a partner key holding `catalog:write`: the same rules, on a stream its product is pinned on; NOT_OWNING_PARTNER for another brand's product. */
  startBrandFlashDeal?: Maybe<FlashDeal>;
  /**
   * Start a flash deal on a product pinned on the signed-in creator's own LIVE stream (the product's
   * brand starts one with `startBrandFlashDeal`). The quantity reserved is taken
   * from the product's stock at once (OUT_OF_STOCK if there is not that much), so regular checkouts
   * cannot sell it; what is unsold goes back when the deal ends by time. Buyers pay the deal price
   * with `CheckoutInput.flashDealId`. Codes: BAD_USER_INPUT (`field`), STREAM_NOT_LIVE,
   * PRODUCT_NOT_PINNED, PRODUCT_NOT_AVAILABLE, DEAL_ALREADY_RUNNING (`dealId`), OUT_OF_STOCK,
   * FORBIDDEN. Idempotent on `idempotencyKey`.
   */
  startFlashDeal?: Maybe<FlashDeal>;
  /** Take a product off the signed-in creator's own live stream. Not pinned: nothing changes. */
  unpinProduct?: Maybe<LiveStream>;
  /** Rename one of the brand's catalogs or change its description (fields left out stay as they are). */
  updateCatalog?: Maybe<Catalog>;
  /** Change a product of the calling partner's own brand. Fields left out stay as they are. */
  updateProduct?: Maybe<Product>;
  /** Change an endpoint's URL, description or topics (what is given). Deliveries already queued keep going to it, in order. Refusals as `registerWebhookEndpoint`'s, NOT_FOUND as `rotateWebhookEndpointSecret`'s. */
  updateWebhookEndpoint?: Maybe<WebhookEndpoint>;
};


export type MutationAcceptCampaignInvitationArgs = {
  campaignId: Scalars['ID']['input'];
};


export type MutationAddCatalogProductsArgs = {
  catalogId: Scalars['ID']['input'];
  productIds: Array<Scalars['ID']['input']>;
};


export type MutationAddToShowcaseArgs = {
  productId: Scalars['ID']['input'];
};


export type MutationApplyToCampaignArgs = {
  campaignId: Scalars['ID']['input'];
  message?: InputMaybe<Scalars['String']['input']>;
};


export type MutationApproveCampaignApplicantArgs = {
  campaignId: Scalars['ID']['input'];
  creatorId: Scalars['ID']['input'];
};


export type MutationApproveCampaignSampleArgs = {
  sampleId: Scalars['ID']['input'];
};


export type MutationApproveReturnArgs = {
  input: DecideReturnInput;
};


export type MutationCancelBrandOrderArgs = {
  input: CancelOrderInput;
};


export type MutationCancelOrderArgs = {
  input: CancelOrderInput;
};


export type MutationCheckoutArgs = {
  input: CheckoutInput;
};


export type MutationCloseCampaignArgs = {
  campaignId: Scalars['ID']['input'];
};


export type MutationConfirmCampaignSampleDeliveredArgs = {
  sampleId: Scalars['ID']['input'];
};


export type MutationCreateAffiliateLinkArgs = {
  productId: Scalars['ID']['input'];
};


export type MutationCreateCampaignArgs = {
  input: CreateCampaignInput;
};


export type MutationCreateCatalogArgs = {
  input: CreateCatalogInput;
};


export type MutationDeclineCampaignInvitationArgs = {
  campaignId: Scalars['ID']['input'];
};


export type MutationDeclineCampaignSampleArgs = {
  sampleId: Scalars['ID']['input'];
};


export type MutationDeclineReturnArgs = {
  input: DecideReturnInput;
};


export type MutationDeleteCatalogArgs = {
  catalogId: Scalars['ID']['input'];
};


export type MutationDeleteWebhookEndpointArgs = {
  endpointId: Scalars['ID']['input'];
};


export type MutationDisableWebhookEndpointArgs = {
  endpointId: Scalars['ID']['input'];
};


export type MutationEnableWebhookEndpointArgs = {
  endpointId: Scalars['ID']['input'];
};


export type MutationEndBrandFlashDealArgs = {
  dealId: Scalars['ID']['input'];
};


export type MutationEndFlashDealArgs = {
  dealId: Scalars['ID']['input'];
};


export type MutationFulfilCampaignSampleArgs = {
  input: FulfilCampaignSampleInput;
};


export type MutationFulfillOrderArgs = {
  input: FulfillOrderInput;
};


export type MutationImportProductFeedArgs = {
  brandId: Scalars['ID']['input'];
  feed: ProductFeedInput;
};


export type MutationInviteCreatorsArgs = {
  campaignId: Scalars['ID']['input'];
  creatorIds: Array<Scalars['ID']['input']>;
};


export type MutationMarkCampaignSampleDeliveredArgs = {
  sampleId: Scalars['ID']['input'];
};


export type MutationMoveCatalogProductArgs = {
  catalogId: Scalars['ID']['input'];
  position: Scalars['Int']['input'];
  productId: Scalars['ID']['input'];
};


export type MutationMoveShowcaseProductArgs = {
  position: Scalars['Int']['input'];
  productId: Scalars['ID']['input'];
};


export type MutationPinProductArgs = {
  liveStreamId: Scalars['ID']['input'];
  productId: Scalars['ID']['input'];
};


export type MutationRecordAffiliateClickArgs = {
  code: Scalars['String']['input'];
};


export type MutationRegisterWebhookEndpointArgs = {
  input: RegisterWebhookEndpointInput;
};


export type MutationRejectCampaignApplicantArgs = {
  campaignId: Scalars['ID']['input'];
  creatorId: Scalars['ID']['input'];
};


export type MutationRemoveCatalogProductsArgs = {
  catalogId: Scalars['ID']['input'];
  productIds: Array<Scalars['ID']['input']>;
};


export type MutationRemoveFromShowcaseArgs = {
  productId: Scalars['ID']['input'];
};


export type MutationReplayWebhookDeliveryArgs = {
  deliveryId: Scalars['ID']['input'];
};


export type MutationRequestCampaignSampleArgs = {
  campaignId: Scalars['ID']['input'];
  productId: Scalars['ID']['input'];
};


export type MutationRequestCommissionPayoutArgs = {
  input: RequestCommissionPayoutInput;
};


export type MutationRequestReturnArgs = {
  input: RequestReturnInput;
};


export type MutationRotateWebhookEndpointSecretArgs = {
  endpointId: Scalars['ID']['input'];
};


export type MutationSetCreatorCommissionArgs = {
  input: SetCreatorCommissionInput;
};


export type MutationSetProfileCatalogsArgs = {
  catalogIds: Array<Scalars['ID']['input']>;
};


export type MutationShipCampaignSampleArgs = {
  input: ShipCampaignSampleInput;
};


export type MutationStartBrandFlashDealArgs = {
  input: StartFlashDealInput;
};


export type MutationStartFlashDealArgs = {
  input: StartFlashDealInput;
};


export type MutationUnpinProductArgs = {
  liveStreamId: Scalars['ID']['input'];
  productId: Scalars['ID']['input'];
};


export type MutationUpdateCatalogArgs = {
  input: UpdateCatalogInput;
};


export type MutationUpdateProductArgs = {
  input: UpdateProductInput;
};


export type MutationUpdateWebhookEndpointArgs = {
  input: UpdateWebhookEndpointInput;
};

/**
 * An object with a global id (Relay's Node): `node(id:)` fetches any of them by that id alone. Ids
 * carry their type as a prefix (`usr_`, `vid_`, `prd_`, `ord_` …), which is how `node` knows where
 * to look. Commerce owns the interface and `node`, so every type that implements it is declared
 * here; other subgraphs' entities join by being added to this subgraph's SDL with `implements Node`
 * and their prefix in `node.ts`.
 */
export type Node = {
  id: Scalars['ID']['output'];
};

/**
 * A purchase from one brand (an order is one shop's; a cart across shops checks out once per
 * shop). Its buyer and its brand's partner keys (`orders:read` or `orders:write`) see all of it.
 * The creator the sale is attributed to sees the commission view: the order's status, dates,
 * brand and attribution, `commission`, `commissionReversed` and `commissionLines` (their lines,
 * with product, units, rate and commission state); `buyer`, `lines`, `total`, `refunded`,
 * `shipment` and `returns` are the buyer's and the brand's and answer FORBIDDEN (reason
 * COMMISSION_VIEW_ONLY) to the creator, so a creator never learns who bought or what else they bought.
 */
export type Order = Node & {
  __typename?: 'Order';
  /** The code of the affiliate link the order came through, if any. */
  affiliateCode?: Maybe<Scalars['String']['output']>;
  /** The creator the sale is attributed to (through an affiliate link or a live stream), if any. */
  attributedCreator?: Maybe<Creator>;
  brand: Brand;
  buyer?: Maybe<User>;
  cancelledAt?: Maybe<Scalars['DateTime']['output']>;
  /** Who cancelled the order, when it is cancelled. */
  cancelledBy?: Maybe<OrderCanceller>;
  /**
   * Commission the sale credited the attributed creator at checkout: the sum of the lines'
   * commissions. Zero without attribution or when the buyer is that creator. It keeps the figure
   * after refunds and cancellation; `commissionReversed` says how much of it was clawed back.
   */
  commission: Money;
  /** The lines that earned the attributed creator a commission, with their settlement state. */
  commissionLines: Array<CommissionLine>;
  /** Commission clawed back: on refunded units, or all of it when the order was cancelled. */
  commissionReversed: Money;
  createdAt: Scalars['DateTime']['output'];
  fulfilledAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  /** The lines as paid: a later price change leaves them. */
  lines?: Maybe<Array<OrderLine>>;
  /** The live stream the order was bought from, if any. */
  liveStream?: Maybe<LiveStream>;
  /** What approved returns refunded. */
  refunded?: Maybe<Money>;
  /** Returns asked for on the order, oldest first. */
  returns?: Maybe<Array<OrderReturn>>;
  /** When the return window ends (fulfilled orders): returns may be asked for until then. */
  returnsUntil?: Maybe<Scalars['DateTime']['output']>;
  /** The carrier and tracking number the brand gave when it shipped the order. */
  shipment?: Maybe<Shipment>;
  status: OrderStatus;
  /** Sum of the lines' totals. */
  total?: Maybe<Money>;
  /** The video the order was bought from (`videoId` on checkout), if any. */
  video?: Maybe<Video>;
};

export type OrderCanceller =
  | 'BRAND'
  | 'BUYER';

/** A page of the list, either way (`first`/`after` or `last`/`before`). No `totalCount`: no count of these lists is kept, and the graph never counts a list at read time. */
export type OrderConnection = {
  __typename?: 'OrderConnection';
  edges: Array<OrderEdge>;
  pageInfo: PageInfo;
};

export type OrderEdge = {
  __typename?: 'OrderEdge';
  cursor: Scalars['String']['output'];
  node: Order;
};

export type OrderLine = {
  __typename?: 'OrderLine';
  /** The campaign whose rate the line's commission was paid at, if any. */
  campaign?: Maybe<Campaign>;
  /** floor(total × rate in basis points / 10,000), in minor units, as credited at checkout. */
  commission: Money;
  /** Commission rate applied to this line; 0 when the line earns none. */
  commissionRate: Scalars['Float']['output'];
  /**
   * Commission clawed back: commission − floor((total − refunded) × rate / 10,000) after refunds, so
   * exactly the share of the refunded units; all of it when the order was cancelled.
   */
  commissionReversed: Money;
  /** The product now; `title` and `unitPrice` are as bought. */
  product: Product;
  quantity: Scalars['Int']['output'];
  /** unitPrice × refundedQuantity. */
  refunded: Money;
  /** Units refunded by approved returns. */
  refundedQuantity: Scalars['Int']['output'];
  title: Scalars['String']['output'];
  /** unitPrice × quantity. */
  total: Money;
  unitPrice: Money;
};

/** A buyer's request to send units of a fulfilled order back. Seen by the buyer and the brand. */
export type OrderReturn = Node & {
  __typename?: 'OrderReturn';
  decidedAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  lines: Array<OrderReturnLine>;
  order: Order;
  /** The buyer's reason; empty when none was given. */
  reason: Scalars['String']['output'];
  /** What approval refunded (unit price × units, per line); zero until approved. */
  refund: Money;
  requestedAt: Scalars['DateTime']['output'];
  /** Whether the units went back in stock (approved returns only). */
  restocked?: Maybe<Scalars['Boolean']['output']>;
  status: ReturnStatus;
};

export type OrderReturnLine = {
  __typename?: 'OrderReturnLine';
  product: Product;
  quantity: Scalars['Int']['output'];
  /** unitPrice × quantity, at the price paid. */
  refund: Money;
  /** The title as bought. */
  title: Scalars['String']['output'];
};

export type OrderStatus =
  /** Cancelled before fulfilment, by the buyer or the brand; stock restored, commission reversed. */
  | 'CANCELLED'
  /** Shipped by the brand; returns may follow within the return window (see `returns`). */
  | 'FULFILLED'
  /** Paid at checkout; units taken from stock; commission pending. */
  | 'PAID';

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor?: Maybe<Scalars['String']['output']>;
};

export type PayoutStatus =
  /** The provider refused it: its commission went back to PAYABLE. */
  | 'FAILED'
  /** The provider paid it. */
  | 'PAID'
  /** Recorded; the payout provider has not answered yet. */
  | 'REQUESTED';

/** Something a brand sells. */
export type Product = Node & {
  __typename?: 'Product';
  brand: Brand;
  /** Commission a creator earns on sales through an affiliate link, as a fraction: 0.15 is 15%. */
  commissionRate: Scalars['Float']['output'];
  createdAt: Scalars['DateTime']['output'];
  description: Scalars['String']['output'];
  /** The product's id on the external commerce platform it was imported from, if any. */
  externalId?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  imageUrl: Scalars['String']['output'];
  inStock: Scalars['Boolean']['output'];
  /** Units in stock. */
  inventory: Scalars['Int']['output'];
  price: Money;
  status: ProductStatus;
  title: Scalars['String']['output'];
};

/** A page of the list, either way (`first`/`after` or `last`/`before`; a search's forward only). No `totalCount`: no count of these lists is kept, and the graph never counts a list at read time. */
export type ProductConnection = {
  __typename?: 'ProductConnection';
  edges: Array<ProductEdge>;
  pageInfo: PageInfo;
};

export type ProductEdge = {
  __typename?: 'ProductEdge';
  cursor: Scalars['String']['output'];
  node: Product;
};

export type ProductFeedInput = {
  items: Array<ProductFeedItemInput>;
  /** FULL: the feed is the brand's whole imported range; PARTIAL: only the items given change. */
  mode: ProductFeedMode;
};

export type ProductFeedItemError = {
  __typename?: 'ProductFeedItemError';
  externalId?: Maybe<Scalars['String']['output']>;
  /** The field at fault, when one is. */
  field?: Maybe<Scalars['String']['output']>;
  /** The item's position in `feed.items`, from 0. */
  index: Scalars['Int']['output'];
  reason: Scalars['String']['output'];
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

/** What an import did. created + updated + unchanged + failed is the number of items sent. */
export type ProductFeedResult = {
  __typename?: 'ProductFeedResult';
  /** The brand's imported products archived because a FULL feed no longer lists them. */
  archived: Scalars['Int']['output'];
  created: Scalars['Int']['output'];
  /** One entry per item that was not applied. */
  errors: Array<ProductFeedItemError>;
  failed: Scalars['Int']['output'];
  unchanged: Scalars['Int']['output'];
  updated: Scalars['Int']['output'];
};

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

export type Query = {
  __typename?: 'Query';
  /** A brand or shop. NOT_FOUND when no brand has this id. */
  brand?: Maybe<Brand>;
  /** Brands and shops ordered by name. */
  brands: BrandConnection;
  /**
   * A brand's campaign (docs/campaigns.md), for its brand's partner keys, for signed-in users while
   * it is OPEN, and for its members always. NOT_FOUND for anyone else and for an unknown id.
   */
  campaign?: Maybe<Campaign>;
  /** A campaign sample, for its creator and its campaign's brand. NOT_FOUND for anyone else and for an unknown id. */
  campaignSample?: Maybe<CampaignSample>;
  /** A catalog. NOT_FOUND when no catalog has this id. */
  catalog?: Maybe<Catalog>;
  /**
   * The brand the calling partner key acts for, whatever its scopes. UNAUTHENTICATED without
   * credentials, FORBIDDEN (reason PARTNER_REQUIRED) for a signed-in user. Never kept by the
   * gateway: without `@scopes` its answer would count as public, yet it depends on the key.
   */
  myBrand?: Maybe<Brand>;
  /**
   * The signed-in creator's campaign memberships in one status, latest change first: INVITED (the
   * default) lists their open invitations, ACCEPTED the campaigns they are in.
   */
  myCampaigns?: Maybe<CampaignMembershipConnection>;
  /** The signed-in creator's campaign samples, newest request first. */
  mySamples?: Maybe<CampaignSampleConnection>;
  /**
   * Any object by its global id (Relay). Null when no object of the id's type has it, or the caller
   * may not see it (an order is its buyer's, its brand's and its attributed creator's; a Small
   * Gesture its sender's and recipient's): the answer never tells whether a hidden object exists.
   * BAD_USER_INPUT when the id is not one this API gives out (no type has its prefix).
   * A user's id is also their creator profile's: it answers the `Creator` for a creator and the
   * `User` otherwise, and the `User` whenever the selection has fragments on `User` but none on
   * `Creator` (so refetching either by id works).
   */
  node?: Maybe<Node>;
  /** OPEN campaigns, newest first: what a signed-in creator may apply to. */
  openCampaigns?: Maybe<CampaignConnection>;
  /**
   * An order, for its buyer, a partner key of its brand with `orders:read` or `orders:write`, or the
   * creator the sale is attributed to (the commission view: see `Order`). NOT_FOUND for an unknown
   * id and for anyone else, so an order id tells a stranger nothing.
   */
  order?: Maybe<Order>;
  /** A product by id, whatever its status. NOT_FOUND when no product has this id. */
  product?: Maybe<Product>;
  /** Products on sale (ACTIVE), newest first; `brandId` keeps one brand's. NOT_FOUND for an unknown `brandId`. */
  products: ProductConnection;
  /** Brands whose name or description hold every word of `text`, most relevant first (a match in the name first). BAD_USER_INPUT as for `searchProducts`; forward only, as it is. */
  searchBrands: BrandConnection;
  /**
   * Products on sale whose title, description or brand name hold every word of `text` (the last
   * word also as a word's start; words are stemmed: "shoes" finds "shoe"), narrowed by brand, price
   * (inclusive, in minor units), stock (`true` only those with units left, `false` only those sold
   * out) and `topic` (one its brand's products suit, e.g. "fitness"), in `sort` order, ties by id.
   * BAD_USER_INPUT when `text` holds no word (letters or digits), more than 10 words or more than
   * 200 characters, when `minPrice` is above `maxPrice` or a price is negative, and when `first` is
   * out of range; NOT_FOUND for an unknown `brandId`. Pages forward only (`first`/`after`): a search
   * ranks its matches as it reads them, so no index walks its order back; `last`/`before` are
   * BAD_USER_INPUT saying so.
   */
  searchProducts: ProductConnection;
  /**
   * The partner API key this request was made with (its id, name, brand, scopes, rate-limit tier
   * and expiry), so a client can tell what it may do. Null for users and anonymous callers.
   */
  viewerKey?: Maybe<ViewerKey>;
};


export type QueryBrandArgs = {
  id: Scalars['ID']['input'];
};


export type QueryBrandsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryCampaignArgs = {
  id: Scalars['ID']['input'];
};


export type QueryCampaignSampleArgs = {
  id: Scalars['ID']['input'];
};


export type QueryCatalogArgs = {
  id: Scalars['ID']['input'];
};


export type QueryMyCampaignsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  status?: CampaignMemberStatus;
};


export type QueryMySamplesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryNodeArgs = {
  id: Scalars['ID']['input'];
};


export type QueryOpenCampaignsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryOrderArgs = {
  id: Scalars['ID']['input'];
};


export type QueryProductArgs = {
  id: Scalars['ID']['input'];
};


export type QueryProductsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  brandId?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type QuerySearchBrandsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  text: Scalars['String']['input'];
};


export type QuerySearchProductsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  brandId?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  inStock?: InputMaybe<Scalars['Boolean']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  maxPrice?: InputMaybe<Scalars['Int']['input']>;
  minPrice?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<ProductSort>;
  text: Scalars['String']['input'];
  topic?: InputMaybe<Scalars['String']['input']>;
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

export type SalesByCreator = {
  __typename?: 'SalesByCreator';
  /** The creator; null when the users subgraph, which completes creators, is unavailable. */
  creator?: Maybe<Creator>;
  /** The lines the creator's attribution covers: the affiliate link's product, or the products pinned on their stream. */
  sales: SalesFigures;
};

export type SalesByLiveStream = {
  __typename?: 'SalesByLiveStream';
  /** The stream; null when the content subgraph, which completes streams, is unavailable. */
  liveStream?: Maybe<LiveStream>;
  /** The lines of products pinned on the stream when they were bought. */
  sales: SalesFigures;
};

export type SalesByProduct = {
  __typename?: 'SalesByProduct';
  product: Product;
  sales: SalesFigures;
};

/** What a set of sales came to, net of refunds, in USD. */
export type SalesFigures = {
  __typename?: 'SalesFigures';
  /** Commission creators earn on these sales, after clawbacks. */
  commission: Money;
  /** Orders placed in the period and not cancelled. */
  orders: Scalars['Int']['output'];
  /** What approved returns refunded. */
  refunds: Money;
  /** What buyers paid less what was refunded. */
  revenue: Money;
  /** Units sold less units refunded. */
  units: Scalars['Int']['output'];
};

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

/** A creator's campaign sample record: a rate from kept counts, never from history at read time. */
export type SampleFulfilment = {
  __typename?: 'SampleFulfilment';
  /** Delivered samples whose content came before the window ended. */
  fulfilled: Scalars['Int']['output'];
  /** Delivered samples whose window ended without content. */
  missed: Scalars['Int']['output'];
  /** fulfilled / (fulfilled + missed); null before any sample settled. */
  rate?: Maybe<Scalars['Float']['output']>;
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

/** How an order travels to its buyer, as the brand gave it at fulfilment. */
export type Shipment = {
  __typename?: 'Shipment';
  carrier: Scalars['String']['output'];
  shippedAt: Scalars['DateTime']['output'];
  trackingNumber: Scalars['String']['output'];
};

export type SmallGesture = Node & {
  __typename?: 'SmallGesture';
  id: Scalars['ID']['output'];
};

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

export type Subscription = {
  __typename?: 'Subscription';
  /**
   * What happens on a stream's live-shopping overlay, as it commits: a product pinned, a product
   * unpinned, a product bought from the stream. Only what committed is sent (a refused or replayed
   * checkout, or a pin that changed nothing, sends nothing), each once, in commit order. Completes
   * when the stream ends, after every event committed before (at once for a stream that has
   * ended). Pass the last event id seen as `after` to get every event missed since, in order;
   * EVENTS_EXPIRED when that is older than the retention window (refetch `pinnedProducts` and
   * `sales`, then subscribe without `after`). NOT_FOUND for a stream that does not exist.
   * Public: no sign-in needed, and the events say nothing about who bought.
   */
  liveShoppingEvents: LiveShoppingEvent;
};


export type SubscriptionLiveShoppingEventsArgs = {
  after?: InputMaybe<Scalars['ID']['input']>;
  liveStreamId: Scalars['ID']['input'];
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

export type UpdateWebhookEndpointInput = {
  description?: InputMaybe<Scalars['String']['input']>;
  endpointId: Scalars['ID']['input'];
  /** Replaces the topics it hears (at least one). */
  topics?: InputMaybe<Array<WebhookTopic>>;
  url?: InputMaybe<Scalars['String']['input']>;
};

export type User = Node & {
  __typename?: 'User';
  id: Scalars['ID']['output'];
  /** The user's orders, newest first. Only the user sees them. */
  orders?: Maybe<OrderConnection>;
};


export type UserOrdersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

export type Video = Node & {
  __typename?: 'Video';
  id: Scalars['ID']['output'];
  /** Products tagged in the video (at most 5). */
  products?: Maybe<Array<Product>>;
};

/**
 * What checkouts from a video sold: its orders that are not cancelled, and their lines of products
 * tagged in it, net of refunds. Kept with the orders, never summed at read time.
 */
export type VideoSales = {
  __typename?: 'VideoSales';
  /** The creator's commission on them, after clawbacks. */
  commission: Money;
  /** Orders from the video, not cancelled. */
  orders: Scalars['Int']['output'];
  /** What those units were paid, less refunds. */
  revenue: Money;
  /** Units of tagged products in those orders, less units refunded. */
  units: Scalars['Int']['output'];
  video: Video;
};

/** A page of the list, either way (`first`/`after` or `last`/`before`). No `totalCount`: no count of these lists is kept, and the graph never counts a list at read time. */
export type VideoSalesConnection = {
  __typename?: 'VideoSalesConnection';
  edges: Array<VideoSalesEdge>;
  pageInfo: PageInfo;
};

export type VideoSalesEdge = {
  __typename?: 'VideoSalesEdge';
  cursor: Scalars['String']['output'];
  node: VideoSales;
};

/** A partner API key, as the gateway knows it. */
export type ViewerKey = {
  __typename?: 'ViewerKey';
  /** The brand it acts for. */
  brand: Brand;
  /** When it stops working; null for a key that does not expire. */
  expiresAt?: Maybe<Scalars['DateTime']['output']>;
  /** The key's id: the part of `vck_<id>_<secret>` before the secret. */
  id: Scalars['ID']['output'];
  /** The name it was created with. */
  name: Scalars['String']['output'];
  /** What it may do: catalog:read, catalog:write, orders:read, orders:write, offers:write, analytics:read, schema:read. */
  scopes: Array<Scalars['String']['output']>;
  /** Its rate-limit tier: standard, plus or enterprise (see docs/operations.md). */
  tier: Scalars['String']['output'];
};

/** One event's delivery to one endpoint, with what its attempts got. */
export type WebhookDelivery = {
  __typename?: 'WebhookDelivery';
  attempts: Scalars['Int']['output'];
  createdAt: Scalars['DateTime']['output'];
  deliveredAt?: Maybe<Scalars['DateTime']['output']>;
  /** The event's id (the `webhook-id` header): the same on every attempt and on a replay; dedupe on it. */
  eventId: Scalars['ID']['output'];
  id: Scalars['ID']['output'];
  lastAttemptAt?: Maybe<Scalars['DateTime']['output']>;
  lastError?: Maybe<Scalars['String']['output']>;
  /** The status code of the last answer; null when there was none (a timeout, a refused connection). */
  lastResponseCode?: Maybe<Scalars['Int']['output']>;
  /** When it is tried next (if its endpoint is enabled and it is at the head of the queue); null once delivered. */
  nextAttemptAt?: Maybe<Scalars['DateTime']['output']>;
  /** The exact JSON body sent (and signed). */
  payload: Scalars['String']['output'];
  status: WebhookDeliveryStatus;
  topic: WebhookTopic;
};

/** A page of the list, either way (`first`/`after` or `last`/`before`). No `totalCount`: no count of these lists is kept, and the graph never counts a list at read time. */
export type WebhookDeliveryConnection = {
  __typename?: 'WebhookDeliveryConnection';
  edges: Array<WebhookDeliveryEdge>;
  pageInfo: PageInfo;
};

export type WebhookDeliveryEdge = {
  __typename?: 'WebhookDeliveryEdge';
  cursor: Scalars['String']['output'];
  node: WebhookDelivery;
};

export type WebhookDeliveryStatus =
  /** Answered 2xx. */
  | 'DELIVERED'
  /** Not answered 2xx yet: waiting its turn, or for its next attempt. */
  | 'PENDING';

/** Where a brand's events are POSTed, signed, in order, at least once (docs/webhooks.md). */
export type WebhookEndpoint = {
  __typename?: 'WebhookEndpoint';
  createdAt: Scalars['DateTime']['output'];
  /** Its deliveries, newest first, either way (`first`/`after` or `last`/`before`). */
  deliveries: WebhookDeliveryConnection;
  description: Scalars['String']['output'];
  disabledAt?: Maybe<Scalars['DateTime']['output']>;
  /** Why it is disabled: by the brand, or every attempt failed for a day (with the last error). */
  disabledReason?: Maybe<Scalars['String']['output']>;
  enabled: Scalars['Boolean']['output'];
  /** When its current run of failed attempts began; null when its last attempt succeeded. */
  failingSince?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  /** Until when the secret before the last rotation still signs beside the current one. */
  previousSecretExpiresAt?: Maybe<Scalars['DateTime']['output']>;
  topics: Array<WebhookTopic>;
  url: Scalars['String']['output'];
};


/** Where a brand's events are POSTed, signed, in order, at least once (docs/webhooks.md). */
export type WebhookEndpointDeliveriesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

/** An endpoint with its signing secret: answered only when the secret is made (registering, rotating), never again. */
export type WebhookEndpointSecret = {
  __typename?: 'WebhookEndpointSecret';
  endpoint: WebhookEndpoint;
  /** The `whsec_` secret deliveries are signed with (Standard Webhooks). */
  secret: Scalars['String']['output'];
};

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
  AffiliateLink: AffiliateLink;
  Brand: Brand;
  Catalog: Catalog;
  CoinPurchase: CoinPurchase;
  CommissionPayout: CommissionPayout;
  Creator: Creator;
  FlashDeal: FlashDeal;
  GiftOffer: GiftOffer;
  GiftPayout: GiftPayout;
  LiveGift: LiveGift;
  LiveGiftSend: LiveGiftSend;
  LiveStream: LiveStream;
  Node: Node;
  Order: Order;
  OrderReturn: OrderReturn;
  Product: Product;
  SmallGesture: SmallGesture;
  User: User;
  Video: Video;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  AffiliateLink:
    ( { __typename: 'AffiliateLink' }
    & GraphQLRecursivePick<FederationTypes['AffiliateLink'], {"id":true}> );
  Brand:
    ( { __typename: 'Brand' }
    & GraphQLRecursivePick<FederationTypes['Brand'], {"id":true}> );
  Catalog:
    ( { __typename: 'Catalog' }
    & GraphQLRecursivePick<FederationTypes['Catalog'], {"id":true}> );
  CoinPurchase:
    ( { __typename: 'CoinPurchase' }
    & GraphQLRecursivePick<FederationTypes['CoinPurchase'], {"id":true}> );
  CommissionPayout:
    ( { __typename: 'CommissionPayout' }
    & GraphQLRecursivePick<FederationTypes['CommissionPayout'], {"id":true}> );
  Creator:
    ( { __typename: 'Creator' }
    & GraphQLRecursivePick<FederationTypes['Creator'], {"id":true}>
    & ( Record<PropertyKey, never>
        | GraphQLRecursivePick<FederationTypes['Creator'], {"giftEarnings":{"value":{"amount":true,"currencyCode":true},"balance":{"available":{"amount":true,"currencyCode":true},"pending":{"amount":true,"currencyCode":true},"locked":{"amount":true,"currencyCode":true},"inPayout":{"amount":true,"currencyCode":true},"paidOut":{"amount":true,"currencyCode":true}}}}> ) );
  FlashDeal:
    ( { __typename: 'FlashDeal' }
    & GraphQLRecursivePick<FederationTypes['FlashDeal'], {"id":true}> );
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
  Node:
    ( { __typename: 'Node' }
    & GraphQLRecursivePick<FederationTypes['Node'], {"id":true}> );
  Order:
    ( { __typename: 'Order' }
    & GraphQLRecursivePick<FederationTypes['Order'], {"id":true}> );
  OrderReturn:
    ( { __typename: 'OrderReturn' }
    & GraphQLRecursivePick<FederationTypes['OrderReturn'], {"id":true}> );
  Product:
    ( { __typename: 'Product' }
    & GraphQLRecursivePick<FederationTypes['Product'], {"id":true}> );
  SmallGesture:
    ( { __typename: 'SmallGesture' }
    & GraphQLRecursivePick<FederationTypes['SmallGesture'], {"id":true}> );
  User:
    ( { __typename: 'User' }
    & GraphQLRecursivePick<FederationTypes['User'], {"id":true}> );
  Video:
    ( { __typename: 'Video' }
    & GraphQLRecursivePick<FederationTypes['Video'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  AffiliateClick: ResolverTypeWrapper<AffiliateClickRow>;
  AffiliateLink: ResolverTypeWrapper<AffiliateLinkView>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  AffiliateLinkConnection: ResolverTypeWrapper<Omit<AffiliateLinkConnection, 'edges'> & { edges: Array<ResolversTypes['AffiliateLinkEdge']> }>;
  AffiliateLinkEdge: ResolverTypeWrapper<Omit<AffiliateLinkEdge, 'node'> & { node: ResolversTypes['AffiliateLink'] }>;
  Brand: ResolverTypeWrapper<BrandRow>;
  BrandConnection: ResolverTypeWrapper<Omit<BrandConnection, 'edges'> & { edges: Array<ResolversTypes['BrandEdge']> }>;
  BrandEdge: ResolverTypeWrapper<Omit<BrandEdge, 'node'> & { node: ResolversTypes['Brand'] }>;
  BrandSales: ResolverTypeWrapper<SalesReport>;
  Campaign: ResolverTypeWrapper<CampaignRow>;
  CampaignConnection: ResolverTypeWrapper<Omit<CampaignConnection, 'edges'> & { edges: Array<ResolversTypes['CampaignEdge']> }>;
  CampaignEdge: ResolverTypeWrapper<Omit<CampaignEdge, 'node'> & { node: ResolversTypes['Campaign'] }>;
  CampaignMemberStatus: CampaignMemberStatus;
  CampaignMembership: ResolverTypeWrapper<CampaignMemberRow>;
  CampaignMembershipConnection: ResolverTypeWrapper<Omit<CampaignMembershipConnection, 'edges'> & { edges: Array<ResolversTypes['CampaignMembershipEdge']> }>;
  CampaignMembershipEdge: ResolverTypeWrapper<Omit<CampaignMembershipEdge, 'node'> & { node: ResolversTypes['CampaignMembership'] }>;
  CampaignSample: ResolverTypeWrapper<CampaignSampleRow>;
  CampaignSampleConnection: ResolverTypeWrapper<Omit<CampaignSampleConnection, 'edges'> & { edges: Array<ResolversTypes['CampaignSampleEdge']> }>;
  CampaignSampleEdge: ResolverTypeWrapper<Omit<CampaignSampleEdge, 'node'> & { node: ResolversTypes['CampaignSample'] }>;
  CampaignSampleStatus: CampaignSampleStatus;
  CampaignStatus: CampaignStatus;
  CancelOrderInput: CancelOrderInput;
  Catalog: ResolverTypeWrapper<CatalogRow>;
  CatalogConnection: ResolverTypeWrapper<Omit<CatalogConnection, 'edges'> & { edges: Array<ResolversTypes['CatalogEdge']> }>;
  CatalogEdge: ResolverTypeWrapper<Omit<CatalogEdge, 'node'> & { node: ResolversTypes['Catalog'] }>;
  CheckoutInput: CheckoutInput;
  CheckoutLineInput: CheckoutLineInput;
  CheckoutPayload: ResolverTypeWrapper<CheckoutResult>;
  CoinPurchase: ResolverTypeWrapper<EntityRef>;
  CommercePlatform: CommercePlatform;
  CommissionBalance: ResolverTypeWrapper<Omit<CommissionBalance, 'available' | 'inPayout' | 'locked' | 'paidOut' | 'pending'> & { available: ResolversTypes['Money'], inPayout: ResolversTypes['Money'], locked: ResolversTypes['Money'], paidOut: ResolversTypes['Money'], pending: ResolversTypes['Money'] }>;
  CommissionDeal: ResolverTypeWrapper<CommissionDealRow>;
  CommissionDealConnection: ResolverTypeWrapper<Omit<CommissionDealConnection, 'edges'> & { edges: Array<ResolversTypes['CommissionDealEdge']> }>;
  CommissionDealEdge: ResolverTypeWrapper<Omit<CommissionDealEdge, 'node'> & { node: ResolversTypes['CommissionDeal'] }>;
  CommissionLine: ResolverTypeWrapper<CommissionLineView>;
  CommissionLineConnection: ResolverTypeWrapper<Omit<CommissionLineConnection, 'edges'> & { edges: Array<ResolversTypes['CommissionLineEdge']> }>;
  CommissionLineEdge: ResolverTypeWrapper<Omit<CommissionLineEdge, 'node'> & { node: ResolversTypes['CommissionLine'] }>;
  CommissionPayout: ResolverTypeWrapper<CommissionPayoutRow>;
  CommissionPayoutConnection: ResolverTypeWrapper<Omit<CommissionPayoutConnection, 'edges'> & { edges: Array<ResolversTypes['CommissionPayoutEdge']> }>;
  CommissionPayoutEdge: ResolverTypeWrapper<Omit<CommissionPayoutEdge, 'node'> & { node: ResolversTypes['CommissionPayout'] }>;
  CommissionState: CommissionState;
  CommissionStateTotals: ResolverTypeWrapper<Omit<CommissionStateTotals, 'locked' | 'paid' | 'payable' | 'pending' | 'reversed'> & { locked: ResolversTypes['Money'], paid: ResolversTypes['Money'], payable: ResolversTypes['Money'], pending: ResolversTypes['Money'], reversed: ResolversTypes['Money'] }>;
  CommissionStatement: ResolverTypeWrapper<Statement>;
  CreateCampaignInput: CreateCampaignInput;
  CreateCatalogInput: CreateCatalogInput;
  Creator: ResolverTypeWrapper<CreatorRef>;
  CreatorEarnings: ResolverTypeWrapper<Omit<CreatorEarnings, 'commissionBalance' | 'commissions' | 'giftBalance' | 'gifts' | 'pending' | 'total'> & { commissionBalance: ResolversTypes['CommissionBalance'], commissions: ResolversTypes['Money'], giftBalance?: Maybe<ResolversTypes['GiftBalance']>, gifts: ResolversTypes['Money'], pending: ResolversTypes['Money'], total: ResolversTypes['Money'] }>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DecideReturnInput: DecideReturnInput;
  DeleteCatalogPayload: ResolverTypeWrapper<DeletedCatalog>;
  FlashDeal: ResolverTypeWrapper<FlashDealRow>;
  FlashDealEndReason: FlashDealEndReason;
  FlashDealStatus: FlashDealStatus;
  FulfilCampaignSampleInput: FulfilCampaignSampleInput;
  FulfillOrderInput: FulfillOrderInput;
  GiftBalance: ResolverTypeWrapper<Omit<GiftBalance, 'available' | 'inPayout' | 'locked' | 'paidOut' | 'pending'> & { available: ResolversTypes['Money'], inPayout: ResolversTypes['Money'], locked: ResolversTypes['Money'], paidOut: ResolversTypes['Money'], pending: ResolversTypes['Money'] }>;
  GiftEarnings: ResolverTypeWrapper<Omit<GiftEarnings, 'balance' | 'value'> & { balance?: Maybe<ResolversTypes['GiftBalance']>, value: ResolversTypes['Money'] }>;
  GiftOffer: ResolverTypeWrapper<EntityRef>;
  GiftPayout: ResolverTypeWrapper<EntityRef>;
  LiveGift: ResolverTypeWrapper<EntityRef>;
  LiveGiftSend: ResolverTypeWrapper<EntityRef>;
  LiveShoppingEvent: ResolverTypeWrapper<LiveShoppingEventView>;
  LiveShoppingEventKind: LiveShoppingEventKind;
  LiveStream: ResolverTypeWrapper<EntityRef>;
  LiveStreamSales: ResolverTypeWrapper<Omit<LiveStreamSales, 'revenue'> & { revenue: ResolversTypes['Money'] }>;
  Money: ResolverTypeWrapper<MoneyValue>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Node: ResolverTypeWrapper<NodeValue>;
  Order: ResolverTypeWrapper<OrderRow>;
  OrderCanceller: OrderCanceller;
  OrderConnection: ResolverTypeWrapper<Omit<OrderConnection, 'edges'> & { edges: Array<ResolversTypes['OrderEdge']> }>;
  OrderEdge: ResolverTypeWrapper<Omit<OrderEdge, 'node'> & { node: ResolversTypes['Order'] }>;
  OrderLine: ResolverTypeWrapper<OrderLineView>;
  OrderReturn: ResolverTypeWrapper<OrderReturnRow>;
  OrderReturnLine: ResolverTypeWrapper<OrderReturnLineView>;
  OrderStatus: OrderStatus;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  PayoutStatus: PayoutStatus;
  Product: ResolverTypeWrapper<ProductRow>;
  ProductConnection: ResolverTypeWrapper<Omit<ProductConnection, 'edges'> & { edges: Array<ResolversTypes['ProductEdge']> }>;
  ProductEdge: ResolverTypeWrapper<Omit<ProductEdge, 'node'> & { node: ResolversTypes['Product'] }>;
  ProductFeedInput: ProductFeedInput;
  ProductFeedItemError: ResolverTypeWrapper<ProductFeedItemError>;
  ProductFeedItemInput: ProductFeedItemInput;
  ProductFeedMode: ProductFeedMode;
  ProductFeedResult: ResolverTypeWrapper<ProductFeedResult>;
  ProductSort: ProductSort;
  ProductStatus: ProductStatus;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RegisterWebhookEndpointInput: RegisterWebhookEndpointInput;
  RequestCommissionPayoutInput: RequestCommissionPayoutInput;
  RequestReturnInput: RequestReturnInput;
  ReturnLineInput: ReturnLineInput;
  ReturnStatus: ReturnStatus;
  SalesByCreator: ResolverTypeWrapper<SalesRow>;
  SalesByLiveStream: ResolverTypeWrapper<SalesRow>;
  SalesByProduct: ResolverTypeWrapper<SalesRow>;
  SalesFigures: ResolverTypeWrapper<SalesFiguresRow>;
  SampleContentKind: SampleContentKind;
  SampleDeliverer: SampleDeliverer;
  SampleFulfilment: ResolverTypeWrapper<SampleFulfilment>;
  SetCreatorCommissionInput: SetCreatorCommissionInput;
  ShipCampaignSampleInput: ShipCampaignSampleInput;
  Shipment: ResolverTypeWrapper<Shipment>;
  SmallGesture: ResolverTypeWrapper<EntityRef>;
  StartFlashDealInput: StartFlashDealInput;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  UpdateCatalogInput: UpdateCatalogInput;
  UpdateProductInput: UpdateProductInput;
  UpdateWebhookEndpointInput: UpdateWebhookEndpointInput;
  User: ResolverTypeWrapper<EntityRef>;
  Video: ResolverTypeWrapper<EntityRef>;
  VideoSales: ResolverTypeWrapper<VideoSalesRow>;
  VideoSalesConnection: ResolverTypeWrapper<Omit<VideoSalesConnection, 'edges'> & { edges: Array<ResolversTypes['VideoSalesEdge']> }>;
  VideoSalesEdge: ResolverTypeWrapper<Omit<VideoSalesEdge, 'node'> & { node: ResolversTypes['VideoSales'] }>;
  ViewerKey: ResolverTypeWrapper<ViewerKeyView>;
  WebhookDelivery: ResolverTypeWrapper<WebhookDeliveryRow>;
  WebhookDeliveryConnection: ResolverTypeWrapper<Omit<WebhookDeliveryConnection, 'edges'> & { edges: Array<ResolversTypes['WebhookDeliveryEdge']> }>;
  WebhookDeliveryEdge: ResolverTypeWrapper<Omit<WebhookDeliveryEdge, 'node'> & { node: ResolversTypes['WebhookDelivery'] }>;
  WebhookDeliveryStatus: WebhookDeliveryStatus;
  WebhookEndpoint: ResolverTypeWrapper<WebhookEndpointRow>;
  WebhookEndpointSecret: ResolverTypeWrapper<EndpointWithSecret>;
  WebhookTopic: WebhookTopic;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AffiliateClick: AffiliateClickRow;
  AffiliateLink: AffiliateLinkView;
  Float: Scalars['Float']['output'];
  ID: Scalars['ID']['output'];
  AffiliateLinkConnection: Omit<AffiliateLinkConnection, 'edges'> & { edges: Array<ResolversParentTypes['AffiliateLinkEdge']> };
  AffiliateLinkEdge: Omit<AffiliateLinkEdge, 'node'> & { node: ResolversParentTypes['AffiliateLink'] };
  Brand: BrandRow;
  BrandConnection: Omit<BrandConnection, 'edges'> & { edges: Array<ResolversParentTypes['BrandEdge']> };
  BrandEdge: Omit<BrandEdge, 'node'> & { node: ResolversParentTypes['Brand'] };
  BrandSales: SalesReport;
  Campaign: CampaignRow;
  CampaignConnection: Omit<CampaignConnection, 'edges'> & { edges: Array<ResolversParentTypes['CampaignEdge']> };
  CampaignEdge: Omit<CampaignEdge, 'node'> & { node: ResolversParentTypes['Campaign'] };
  CampaignMembership: CampaignMemberRow;
  CampaignMembershipConnection: Omit<CampaignMembershipConnection, 'edges'> & { edges: Array<ResolversParentTypes['CampaignMembershipEdge']> };
  CampaignMembershipEdge: Omit<CampaignMembershipEdge, 'node'> & { node: ResolversParentTypes['CampaignMembership'] };
  CampaignSample: CampaignSampleRow;
  CampaignSampleConnection: Omit<CampaignSampleConnection, 'edges'> & { edges: Array<ResolversParentTypes['CampaignSampleEdge']> };
  CampaignSampleEdge: Omit<CampaignSampleEdge, 'node'> & { node: ResolversParentTypes['CampaignSample'] };
  CancelOrderInput: CancelOrderInput;
  Catalog: CatalogRow;
  CatalogConnection: Omit<CatalogConnection, 'edges'> & { edges: Array<ResolversParentTypes['CatalogEdge']> };
  CatalogEdge: Omit<CatalogEdge, 'node'> & { node: ResolversParentTypes['Catalog'] };
  CheckoutInput: CheckoutInput;
  CheckoutLineInput: CheckoutLineInput;
  CheckoutPayload: CheckoutResult;
  CoinPurchase: EntityRef;
  CommissionBalance: Omit<CommissionBalance, 'available' | 'inPayout' | 'locked' | 'paidOut' | 'pending'> & { available: ResolversParentTypes['Money'], inPayout: ResolversParentTypes['Money'], locked: ResolversParentTypes['Money'], paidOut: ResolversParentTypes['Money'], pending: ResolversParentTypes['Money'] };
  CommissionDeal: CommissionDealRow;
  CommissionDealConnection: Omit<CommissionDealConnection, 'edges'> & { edges: Array<ResolversParentTypes['CommissionDealEdge']> };
  CommissionDealEdge: Omit<CommissionDealEdge, 'node'> & { node: ResolversParentTypes['CommissionDeal'] };
  CommissionLine: CommissionLineView;
  CommissionLineConnection: Omit<CommissionLineConnection, 'edges'> & { edges: Array<ResolversParentTypes['CommissionLineEdge']> };
  CommissionLineEdge: Omit<CommissionLineEdge, 'node'> & { node: ResolversParentTypes['CommissionLine'] };
  CommissionPayout: CommissionPayoutRow;
  CommissionPayoutConnection: Omit<CommissionPayoutConnection, 'edges'> & { edges: Array<ResolversParentTypes['CommissionPayoutEdge']> };
  CommissionPayoutEdge: Omit<CommissionPayoutEdge, 'node'> & { node: ResolversParentTypes['CommissionPayout'] };
  CommissionStateTotals: Omit<CommissionStateTotals, 'locked' | 'paid' | 'payable' | 'pending' | 'reversed'> & { locked: ResolversParentTypes['Money'], paid: ResolversParentTypes['Money'], payable: ResolversParentTypes['Money'], pending: ResolversParentTypes['Money'], reversed: ResolversParentTypes['Money'] };
  CommissionStatement: Statement;
  CreateCampaignInput: CreateCampaignInput;
  CreateCatalogInput: CreateCatalogInput;
  Creator: CreatorRef;
  CreatorEarnings: Omit<CreatorEarnings, 'commissionBalance' | 'commissions' | 'giftBalance' | 'gifts' | 'pending' | 'total'> & { commissionBalance: ResolversParentTypes['CommissionBalance'], commissions: ResolversParentTypes['Money'], giftBalance?: Maybe<ResolversParentTypes['GiftBalance']>, gifts: ResolversParentTypes['Money'], pending: ResolversParentTypes['Money'], total: ResolversParentTypes['Money'] };
  DateTime: Scalars['DateTime']['output'];
  DecideReturnInput: DecideReturnInput;
  DeleteCatalogPayload: DeletedCatalog;
  FlashDeal: FlashDealRow;
  FulfilCampaignSampleInput: FulfilCampaignSampleInput;
  FulfillOrderInput: FulfillOrderInput;
  GiftBalance: Omit<GiftBalance, 'available' | 'inPayout' | 'locked' | 'paidOut' | 'pending'> & { available: ResolversParentTypes['Money'], inPayout: ResolversParentTypes['Money'], locked: ResolversParentTypes['Money'], paidOut: ResolversParentTypes['Money'], pending: ResolversParentTypes['Money'] };
  GiftEarnings: Omit<GiftEarnings, 'balance' | 'value'> & { balance?: Maybe<ResolversParentTypes['GiftBalance']>, value: ResolversParentTypes['Money'] };
  GiftOffer: EntityRef;
  GiftPayout: EntityRef;
  LiveGift: EntityRef;
  LiveGiftSend: EntityRef;
  LiveShoppingEvent: LiveShoppingEventView;
  LiveStream: EntityRef;
  LiveStreamSales: Omit<LiveStreamSales, 'revenue'> & { revenue: ResolversParentTypes['Money'] };
  Money: MoneyValue;
  Mutation: Record<PropertyKey, never>;
  Node: NodeValue;
  Order: OrderRow;
  OrderConnection: Omit<OrderConnection, 'edges'> & { edges: Array<ResolversParentTypes['OrderEdge']> };
  OrderEdge: Omit<OrderEdge, 'node'> & { node: ResolversParentTypes['Order'] };
  OrderLine: OrderLineView;
  OrderReturn: OrderReturnRow;
  OrderReturnLine: OrderReturnLineView;
  PageInfo: PageInfo;
  Product: ProductRow;
  ProductConnection: Omit<ProductConnection, 'edges'> & { edges: Array<ResolversParentTypes['ProductEdge']> };
  ProductEdge: Omit<ProductEdge, 'node'> & { node: ResolversParentTypes['Product'] };
  ProductFeedInput: ProductFeedInput;
  ProductFeedItemError: ProductFeedItemError;
  ProductFeedItemInput: ProductFeedItemInput;
  ProductFeedResult: ProductFeedResult;
  Query: Record<PropertyKey, never>;
  RegisterWebhookEndpointInput: RegisterWebhookEndpointInput;
  RequestCommissionPayoutInput: RequestCommissionPayoutInput;
  RequestReturnInput: RequestReturnInput;
  ReturnLineInput: ReturnLineInput;
  SalesByCreator: SalesRow;
  SalesByLiveStream: SalesRow;
  SalesByProduct: SalesRow;
  SalesFigures: SalesFiguresRow;
  SampleFulfilment: SampleFulfilment;
  SetCreatorCommissionInput: SetCreatorCommissionInput;
  ShipCampaignSampleInput: ShipCampaignSampleInput;
  Shipment: Shipment;
  SmallGesture: EntityRef;
  StartFlashDealInput: StartFlashDealInput;
  Subscription: Record<PropertyKey, never>;
  UpdateCatalogInput: UpdateCatalogInput;
  UpdateProductInput: UpdateProductInput;
  UpdateWebhookEndpointInput: UpdateWebhookEndpointInput;
  User: EntityRef;
  Video: EntityRef;
  VideoSales: VideoSalesRow;
  VideoSalesConnection: Omit<VideoSalesConnection, 'edges'> & { edges: Array<ResolversParentTypes['VideoSalesEdge']> };
  VideoSalesEdge: Omit<VideoSalesEdge, 'node'> & { node: ResolversParentTypes['VideoSales'] };
  ViewerKey: ViewerKeyView;
  WebhookDelivery: WebhookDeliveryRow;
  WebhookDeliveryConnection: Omit<WebhookDeliveryConnection, 'edges'> & { edges: Array<ResolversParentTypes['WebhookDeliveryEdge']> };
  WebhookDeliveryEdge: Omit<WebhookDeliveryEdge, 'node'> & { node: ResolversParentTypes['WebhookDelivery'] };
  WebhookEndpoint: WebhookEndpointRow;
  WebhookEndpointSecret: EndpointWithSecret;
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

export type AffiliateClickResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AffiliateClick'] = ResolversParentTypes['AffiliateClick']> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  counted?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  creator?: Resolver<ResolversTypes['Creator'], ParentType, ContextType>;
  product?: Resolver<ResolversTypes['Product'], ParentType, ContextType>;
};

export type AffiliateLinkResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AffiliateLink'] = ResolversParentTypes['AffiliateLink'], FederationReferenceType extends FederationReferenceTypes['AffiliateLink'] = FederationReferenceTypes['AffiliateLink']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['AffiliateLink']> | FederationReferenceType, FederationReferenceType, ContextType>;
  clicks?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  commissionEarned?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  commissionPending?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  commissionRate?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  creator?: Resolver<Maybe<ResolversTypes['Creator']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  orderCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  product?: Resolver<ResolversTypes['Product'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type AffiliateLinkConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AffiliateLinkConnection'] = ResolversParentTypes['AffiliateLinkConnection']> = {
  edges?: Resolver<Array<ResolversTypes['AffiliateLinkEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type AffiliateLinkEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AffiliateLinkEdge'] = ResolversParentTypes['AffiliateLinkEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['AffiliateLink'], ParentType, ContextType>;
};

export type BrandResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Brand'] = ResolversParentTypes['Brand'], FederationReferenceType extends FederationReferenceTypes['Brand'] = FederationReferenceTypes['Brand']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Brand']> | FederationReferenceType, FederationReferenceType, ContextType>;
  allProducts?: Resolver<Maybe<ResolversTypes['ProductConnection']>, ParentType, ContextType, Partial<BrandAllProductsArgs>>;
  campaigns?: Resolver<Maybe<ResolversTypes['CampaignConnection']>, ParentType, ContextType, Partial<BrandCampaignsArgs>>;
  catalogs?: Resolver<ResolversTypes['CatalogConnection'], ParentType, ContextType, Partial<BrandCatalogsArgs>>;
  commissionDeals?: Resolver<Maybe<ResolversTypes['CommissionDealConnection']>, ParentType, ContextType, Partial<BrandCommissionDealsArgs>>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  logoUrl?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  orders?: Resolver<Maybe<ResolversTypes['OrderConnection']>, ParentType, ContextType, Partial<BrandOrdersArgs>>;
  platform?: Resolver<ResolversTypes['CommercePlatform'], ParentType, ContextType>;
  productByExternalId?: Resolver<Maybe<ResolversTypes['Product']>, ParentType, ContextType, RequireFields<BrandProductByExternalIdArgs, 'externalId'>>;
  products?: Resolver<ResolversTypes['ProductConnection'], ParentType, ContextType, Partial<BrandProductsArgs>>;
  sales?: Resolver<Maybe<ResolversTypes['BrandSales']>, ParentType, ContextType, RequireFields<BrandSalesArgs, 'from' | 'to'>>;
  slug?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  webhookEndpoint?: Resolver<Maybe<ResolversTypes['WebhookEndpoint']>, ParentType, ContextType, RequireFields<BrandWebhookEndpointArgs, 'id'>>;
  webhookEndpoints?: Resolver<Array<ResolversTypes['WebhookEndpoint']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type BrandConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['BrandConnection'] = ResolversParentTypes['BrandConnection']> = {
  edges?: Resolver<Array<ResolversTypes['BrandEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type BrandEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['BrandEdge'] = ResolversParentTypes['BrandEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Brand'], ParentType, ContextType>;
};

export type BrandSalesResolvers<ContextType = Context, ParentType extends ResolversParentTypes['BrandSales'] = ResolversParentTypes['BrandSales']> = {
  byCreator?: Resolver<Array<ResolversTypes['SalesByCreator']>, ParentType, ContextType, RequireFields<BrandSalesByCreatorArgs, 'first'>>;
  byLiveStream?: Resolver<Array<ResolversTypes['SalesByLiveStream']>, ParentType, ContextType, RequireFields<BrandSalesByLiveStreamArgs, 'first'>>;
  byProduct?: Resolver<Array<ResolversTypes['SalesByProduct']>, ParentType, ContextType, RequireFields<BrandSalesByProductArgs, 'first'>>;
  from?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  to?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  totals?: Resolver<ResolversTypes['SalesFigures'], ParentType, ContextType>;
};

export type CampaignResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Campaign'] = ResolversParentTypes['Campaign']> = {
  acceptedCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  brand?: Resolver<ResolversTypes['Brand'], ParentType, ContextType>;
  brief?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  capacity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  closedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  commissionRate?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  contentDeadline?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  fixedFee?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  members?: Resolver<Maybe<ResolversTypes['CampaignMembershipConnection']>, ParentType, ContextType, RequireFields<CampaignMembersArgs, 'status'>>;
  minFulfilmentRate?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  products?: Resolver<Array<ResolversTypes['Product']>, ParentType, ContextType>;
  samples?: Resolver<Maybe<ResolversTypes['CampaignSampleConnection']>, ParentType, ContextType, Partial<CampaignSamplesArgs>>;
  status?: Resolver<ResolversTypes['CampaignStatus'], ParentType, ContextType>;
  viewerMembership?: Resolver<Maybe<ResolversTypes['CampaignMembership']>, ParentType, ContextType>;
};

export type CampaignConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CampaignConnection'] = ResolversParentTypes['CampaignConnection']> = {
  edges?: Resolver<Array<ResolversTypes['CampaignEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type CampaignEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CampaignEdge'] = ResolversParentTypes['CampaignEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Campaign'], ParentType, ContextType>;
};

export type CampaignMembershipResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CampaignMembership'] = ResolversParentTypes['CampaignMembership']> = {
  campaign?: Resolver<ResolversTypes['Campaign'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  creator?: Resolver<ResolversTypes['Creator'], ParentType, ContextType>;
  invited?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  message?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['CampaignMemberStatus'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type CampaignMembershipConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CampaignMembershipConnection'] = ResolversParentTypes['CampaignMembershipConnection']> = {
  edges?: Resolver<Array<ResolversTypes['CampaignMembershipEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type CampaignMembershipEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CampaignMembershipEdge'] = ResolversParentTypes['CampaignMembershipEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['CampaignMembership'], ParentType, ContextType>;
};

export type CampaignSampleResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CampaignSample'] = ResolversParentTypes['CampaignSample']> = {
  campaign?: Resolver<ResolversTypes['Campaign'], ParentType, ContextType>;
  contentDueAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  contentKind?: Resolver<Maybe<ResolversTypes['SampleContentKind']>, ParentType, ContextType>;
  creator?: Resolver<ResolversTypes['Creator'], ParentType, ContextType>;
  decideBy?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  decidedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  deliveredAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  deliveredBy?: Resolver<Maybe<ResolversTypes['SampleDeliverer']>, ParentType, ContextType>;
  fulfilledAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  liveStream?: Resolver<Maybe<ResolversTypes['LiveStream']>, ParentType, ContextType>;
  product?: Resolver<ResolversTypes['Product'], ParentType, ContextType>;
  requestedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  shipment?: Resolver<Maybe<ResolversTypes['Shipment']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['CampaignSampleStatus'], ParentType, ContextType>;
  video?: Resolver<Maybe<ResolversTypes['Video']>, ParentType, ContextType>;
};

export type CampaignSampleConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CampaignSampleConnection'] = ResolversParentTypes['CampaignSampleConnection']> = {
  edges?: Resolver<Array<ResolversTypes['CampaignSampleEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type CampaignSampleEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CampaignSampleEdge'] = ResolversParentTypes['CampaignSampleEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['CampaignSample'], ParentType, ContextType>;
};

export type CatalogResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Catalog'] = ResolversParentTypes['Catalog'], FederationReferenceType extends FederationReferenceTypes['Catalog'] = FederationReferenceTypes['Catalog']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Catalog']> | FederationReferenceType, FederationReferenceType, ContextType>;
  brand?: Resolver<ResolversTypes['Brand'], ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  products?: Resolver<ResolversTypes['ProductConnection'], ParentType, ContextType, Partial<CatalogProductsArgs>>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type CatalogConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CatalogConnection'] = ResolversParentTypes['CatalogConnection']> = {
  edges?: Resolver<Array<ResolversTypes['CatalogEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type CatalogEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CatalogEdge'] = ResolversParentTypes['CatalogEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Catalog'], ParentType, ContextType>;
};

export type CheckoutPayloadResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CheckoutPayload'] = ResolversParentTypes['CheckoutPayload']> = {
  order?: Resolver<ResolversTypes['Order'], ParentType, ContextType>;
  replayed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type CoinPurchaseResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CoinPurchase'] = ResolversParentTypes['CoinPurchase'], FederationReferenceType extends FederationReferenceTypes['CoinPurchase'] = FederationReferenceTypes['CoinPurchase']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['CoinPurchase']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type CommissionBalanceResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CommissionBalance'] = ResolversParentTypes['CommissionBalance']> = {
  available?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  inPayout?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  locked?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  paidOut?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  pending?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
};

export type CommissionDealResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CommissionDeal'] = ResolversParentTypes['CommissionDeal']> = {
  brand?: Resolver<ResolversTypes['Brand'], ParentType, ContextType>;
  commissionRate?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  creator?: Resolver<Maybe<ResolversTypes['Creator']>, ParentType, ContextType>;
  product?: Resolver<Maybe<ResolversTypes['Product']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type CommissionDealConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CommissionDealConnection'] = ResolversParentTypes['CommissionDealConnection']> = {
  edges?: Resolver<Array<ResolversTypes['CommissionDealEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type CommissionDealEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CommissionDealEdge'] = ResolversParentTypes['CommissionDealEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['CommissionDeal'], ParentType, ContextType>;
};

export type CommissionLineResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CommissionLine'] = ResolversParentTypes['CommissionLine']> = {
  amount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  campaign?: Resolver<Maybe<ResolversTypes['Campaign']>, ParentType, ContextType>;
  lockedUntil?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  order?: Resolver<ResolversTypes['Order'], ParentType, ContextType>;
  orderedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  product?: Resolver<ResolversTypes['Product'], ParentType, ContextType>;
  rate?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  refundedUnits?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  reversed?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  state?: Resolver<ResolversTypes['CommissionState'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  units?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type CommissionLineConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CommissionLineConnection'] = ResolversParentTypes['CommissionLineConnection']> = {
  edges?: Resolver<Array<ResolversTypes['CommissionLineEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type CommissionLineEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CommissionLineEdge'] = ResolversParentTypes['CommissionLineEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['CommissionLine'], ParentType, ContextType>;
};

export type CommissionPayoutResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CommissionPayout'] = ResolversParentTypes['CommissionPayout'], FederationReferenceType extends FederationReferenceTypes['CommissionPayout'] = FederationReferenceTypes['CommissionPayout']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['CommissionPayout']> | FederationReferenceType, FederationReferenceType, ContextType>;
  amount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  failureReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  payoutMethod?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  requestedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  settledAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['PayoutStatus'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type CommissionPayoutConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CommissionPayoutConnection'] = ResolversParentTypes['CommissionPayoutConnection']> = {
  edges?: Resolver<Array<ResolversTypes['CommissionPayoutEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type CommissionPayoutEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CommissionPayoutEdge'] = ResolversParentTypes['CommissionPayoutEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['CommissionPayout'], ParentType, ContextType>;
};

export type CommissionStateTotalsResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CommissionStateTotals'] = ResolversParentTypes['CommissionStateTotals']> = {
  locked?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  paid?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  payable?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  pending?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  reversed?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
};

export type CommissionStatementResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CommissionStatement'] = ResolversParentTypes['CommissionStatement']> = {
  lines?: Resolver<ResolversTypes['CommissionLineConnection'], ParentType, ContextType, Partial<CommissionStatementLinesArgs>>;
  totals?: Resolver<ResolversTypes['CommissionStateTotals'], ParentType, ContextType>;
};

export type CreatorResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Creator'] = ResolversParentTypes['Creator'], FederationReferenceType extends FederationReferenceTypes['Creator'] = FederationReferenceTypes['Creator']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Creator']> | FederationReferenceType, FederationReferenceType, ContextType>;
  affiliateLinks?: Resolver<Maybe<ResolversTypes['AffiliateLinkConnection']>, ParentType, ContextType, Partial<CreatorAffiliateLinksArgs>>;
  catalogs?: Resolver<Maybe<ResolversTypes['CatalogConnection']>, ParentType, ContextType, Partial<CreatorCatalogsArgs>>;
  commissionPayouts?: Resolver<Maybe<ResolversTypes['CommissionPayoutConnection']>, ParentType, ContextType, Partial<CreatorCommissionPayoutsArgs>>;
  commissionStatement?: Resolver<Maybe<ResolversTypes['CommissionStatement']>, ParentType, ContextType, Partial<CreatorCommissionStatementArgs>>;
  earnings?: Resolver<Maybe<ResolversTypes['CreatorEarnings']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  sampleFulfilment?: Resolver<Maybe<ResolversTypes['SampleFulfilment']>, ParentType, ContextType>;
  showcase?: Resolver<Maybe<ResolversTypes['ProductConnection']>, ParentType, ContextType, Partial<CreatorShowcaseArgs>>;
  videoSales?: Resolver<Maybe<ResolversTypes['VideoSalesConnection']>, ParentType, ContextType, Partial<CreatorVideoSalesArgs>>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type CreatorEarningsResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CreatorEarnings'] = ResolversParentTypes['CreatorEarnings']> = {
  commissionBalance?: Resolver<ResolversTypes['CommissionBalance'], ParentType, ContextType>;
  commissions?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  giftBalance?: Resolver<Maybe<ResolversTypes['GiftBalance']>, ParentType, ContextType>;
  gifts?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  pending?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DeleteCatalogPayloadResolvers<ContextType = Context, ParentType extends ResolversParentTypes['DeleteCatalogPayload'] = ResolversParentTypes['DeleteCatalogPayload']> = {
  brand?: Resolver<ResolversTypes['Brand'], ParentType, ContextType>;
  deletedCatalogId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type FlashDealResolvers<ContextType = Context, ParentType extends ResolversParentTypes['FlashDeal'] = ResolversParentTypes['FlashDeal'], FederationReferenceType extends FederationReferenceTypes['FlashDeal'] = FederationReferenceTypes['FlashDeal']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['FlashDeal']> | FederationReferenceType, FederationReferenceType, ContextType>;
  dealPrice?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  endedReason?: Resolver<Maybe<ResolversTypes['FlashDealEndReason']>, ParentType, ContextType>;
  endsAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  liveStreamId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  perBuyerLimit?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  product?: Resolver<ResolversTypes['Product'], ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  startsAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['FlashDealStatus'], ParentType, ContextType>;
  unitsLeft?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  unitsSold?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type GiftBalanceResolvers<ContextType = Context, ParentType extends ResolversParentTypes['GiftBalance'] = ResolversParentTypes['GiftBalance']> = {
  available?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  inPayout?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  locked?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  paidOut?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  pending?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
};

export type GiftOfferResolvers<ContextType = Context, ParentType extends ResolversParentTypes['GiftOffer'] = ResolversParentTypes['GiftOffer'], FederationReferenceType extends FederationReferenceTypes['GiftOffer'] = FederationReferenceTypes['GiftOffer']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['GiftOffer']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type GiftPayoutResolvers<ContextType = Context, ParentType extends ResolversParentTypes['GiftPayout'] = ResolversParentTypes['GiftPayout'], FederationReferenceType extends FederationReferenceTypes['GiftPayout'] = FederationReferenceTypes['GiftPayout']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['GiftPayout']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type LiveGiftResolvers<ContextType = Context, ParentType extends ResolversParentTypes['LiveGift'] = ResolversParentTypes['LiveGift'], FederationReferenceType extends FederationReferenceTypes['LiveGift'] = FederationReferenceTypes['LiveGift']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['LiveGift']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type LiveGiftSendResolvers<ContextType = Context, ParentType extends ResolversParentTypes['LiveGiftSend'] = ResolversParentTypes['LiveGiftSend'], FederationReferenceType extends FederationReferenceTypes['LiveGiftSend'] = FederationReferenceTypes['LiveGiftSend']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['LiveGiftSend']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type LiveShoppingEventResolvers<ContextType = Context, ParentType extends ResolversParentTypes['LiveShoppingEvent'] = ResolversParentTypes['LiveShoppingEvent']> = {
  deal?: Resolver<Maybe<ResolversTypes['FlashDeal']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['LiveShoppingEventKind'], ParentType, ContextType>;
  product?: Resolver<ResolversTypes['Product'], ParentType, ContextType>;
  quantity?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type LiveStreamResolvers<ContextType = Context, ParentType extends ResolversParentTypes['LiveStream'] = ResolversParentTypes['LiveStream'], FederationReferenceType extends FederationReferenceTypes['LiveStream'] = FederationReferenceTypes['LiveStream']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['LiveStream']> | FederationReferenceType, FederationReferenceType, ContextType>;
  flashDeals?: Resolver<Array<ResolversTypes['FlashDeal']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  pinnedProducts?: Resolver<Maybe<Array<ResolversTypes['Product']>>, ParentType, ContextType>;
  sales?: Resolver<Maybe<ResolversTypes['LiveStreamSales']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type LiveStreamSalesResolvers<ContextType = Context, ParentType extends ResolversParentTypes['LiveStreamSales'] = ResolversParentTypes['LiveStreamSales']> = {
  orders?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  revenue?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  units?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type MoneyResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Money'] = ResolversParentTypes['Money']> = {
  amount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  currencyCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  formatted?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  acceptCampaignInvitation?: Resolver<Maybe<ResolversTypes['CampaignMembership']>, ParentType, ContextType, RequireFields<MutationAcceptCampaignInvitationArgs, 'campaignId'>>;
  addCatalogProducts?: Resolver<Maybe<ResolversTypes['Catalog']>, ParentType, ContextType, RequireFields<MutationAddCatalogProductsArgs, 'catalogId' | 'productIds'>>;
  addToShowcase?: Resolver<Maybe<ResolversTypes['Creator']>, ParentType, ContextType, RequireFields<MutationAddToShowcaseArgs, 'productId'>>;
  applyToCampaign?: Resolver<Maybe<ResolversTypes['CampaignMembership']>, ParentType, ContextType, RequireFields<MutationApplyToCampaignArgs, 'campaignId'>>;
  approveCampaignApplicant?: Resolver<Maybe<ResolversTypes['CampaignMembership']>, ParentType, ContextType, RequireFields<MutationApproveCampaignApplicantArgs, 'campaignId' | 'creatorId'>>;
  approveCampaignSample?: Resolver<Maybe<ResolversTypes['CampaignSample']>, ParentType, ContextType, RequireFields<MutationApproveCampaignSampleArgs, 'sampleId'>>;
  approveReturn?: Resolver<Maybe<ResolversTypes['OrderReturn']>, ParentType, ContextType, RequireFields<MutationApproveReturnArgs, 'input'>>;
  cancelBrandOrder?: Resolver<Maybe<ResolversTypes['Order']>, ParentType, ContextType, RequireFields<MutationCancelBrandOrderArgs, 'input'>>;
  cancelOrder?: Resolver<Maybe<ResolversTypes['Order']>, ParentType, ContextType, RequireFields<MutationCancelOrderArgs, 'input'>>;
  checkout?: Resolver<Maybe<ResolversTypes['CheckoutPayload']>, ParentType, ContextType, RequireFields<MutationCheckoutArgs, 'input'>>;
  closeCampaign?: Resolver<Maybe<ResolversTypes['Campaign']>, ParentType, ContextType, RequireFields<MutationCloseCampaignArgs, 'campaignId'>>;
  confirmCampaignSampleDelivered?: Resolver<Maybe<ResolversTypes['CampaignSample']>, ParentType, ContextType, RequireFields<MutationConfirmCampaignSampleDeliveredArgs, 'sampleId'>>;
  createAffiliateLink?: Resolver<Maybe<ResolversTypes['AffiliateLink']>, ParentType, ContextType, RequireFields<MutationCreateAffiliateLinkArgs, 'productId'>>;
  createCampaign?: Resolver<Maybe<ResolversTypes['Campaign']>, ParentType, ContextType, RequireFields<MutationCreateCampaignArgs, 'input'>>;
  createCatalog?: Resolver<Maybe<ResolversTypes['Catalog']>, ParentType, ContextType, RequireFields<MutationCreateCatalogArgs, 'input'>>;
  declineCampaignInvitation?: Resolver<Maybe<ResolversTypes['CampaignMembership']>, ParentType, ContextType, RequireFields<MutationDeclineCampaignInvitationArgs, 'campaignId'>>;
  declineCampaignSample?: Resolver<Maybe<ResolversTypes['CampaignSample']>, ParentType, ContextType, RequireFields<MutationDeclineCampaignSampleArgs, 'sampleId'>>;
  declineReturn?: Resolver<Maybe<ResolversTypes['OrderReturn']>, ParentType, ContextType, RequireFields<MutationDeclineReturnArgs, 'input'>>;
  deleteCatalog?: Resolver<Maybe<ResolversTypes['DeleteCatalogPayload']>, ParentType, ContextType, RequireFields<MutationDeleteCatalogArgs, 'catalogId'>>;
  deleteWebhookEndpoint?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType, RequireFields<MutationDeleteWebhookEndpointArgs, 'endpointId'>>;
  disableWebhookEndpoint?: Resolver<Maybe<ResolversTypes['WebhookEndpoint']>, ParentType, ContextType, RequireFields<MutationDisableWebhookEndpointArgs, 'endpointId'>>;
  enableWebhookEndpoint?: Resolver<Maybe<ResolversTypes['WebhookEndpoint']>, ParentType, ContextType, RequireFields<MutationEnableWebhookEndpointArgs, 'endpointId'>>;
  endBrandFlashDeal?: Resolver<Maybe<ResolversTypes['FlashDeal']>, ParentType, ContextType, RequireFields<MutationEndBrandFlashDealArgs, 'dealId'>>;
  endFlashDeal?: Resolver<Maybe<ResolversTypes['FlashDeal']>, ParentType, ContextType, RequireFields<MutationEndFlashDealArgs, 'dealId'>>;
  fulfilCampaignSample?: Resolver<Maybe<ResolversTypes['CampaignSample']>, ParentType, ContextType, RequireFields<MutationFulfilCampaignSampleArgs, 'input'>>;
  fulfillOrder?: Resolver<Maybe<ResolversTypes['Order']>, ParentType, ContextType, RequireFields<MutationFulfillOrderArgs, 'input'>>;
  importProductFeed?: Resolver<Maybe<ResolversTypes['ProductFeedResult']>, ParentType, ContextType, RequireFields<MutationImportProductFeedArgs, 'brandId' | 'feed'>>;
  inviteCreators?: Resolver<Maybe<Array<ResolversTypes['CampaignMembership']>>, ParentType, ContextType, RequireFields<MutationInviteCreatorsArgs, 'campaignId' | 'creatorIds'>>;
  markCampaignSampleDelivered?: Resolver<Maybe<ResolversTypes['CampaignSample']>, ParentType, ContextType, RequireFields<MutationMarkCampaignSampleDeliveredArgs, 'sampleId'>>;
  moveCatalogProduct?: Resolver<Maybe<ResolversTypes['Catalog']>, ParentType, ContextType, RequireFields<MutationMoveCatalogProductArgs, 'catalogId' | 'position' | 'productId'>>;
  moveShowcaseProduct?: Resolver<Maybe<ResolversTypes['Creator']>, ParentType, ContextType, RequireFields<MutationMoveShowcaseProductArgs, 'position' | 'productId'>>;
  pinProduct?: Resolver<Maybe<ResolversTypes['LiveStream']>, ParentType, ContextType, RequireFields<MutationPinProductArgs, 'liveStreamId' | 'productId'>>;
  recordAffiliateClick?: Resolver<Maybe<ResolversTypes['AffiliateClick']>, ParentType, ContextType, RequireFields<MutationRecordAffiliateClickArgs, 'code'>>;
  registerWebhookEndpoint?: Resolver<Maybe<ResolversTypes['WebhookEndpointSecret']>, ParentType, ContextType, RequireFields<MutationRegisterWebhookEndpointArgs, 'input'>>;
  rejectCampaignApplicant?: Resolver<Maybe<ResolversTypes['CampaignMembership']>, ParentType, ContextType, RequireFields<MutationRejectCampaignApplicantArgs, 'campaignId' | 'creatorId'>>;
  removeCatalogProducts?: Resolver<Maybe<ResolversTypes['Catalog']>, ParentType, ContextType, RequireFields<MutationRemoveCatalogProductsArgs, 'catalogId' | 'productIds'>>;
  removeFromShowcase?: Resolver<Maybe<ResolversTypes['Creator']>, ParentType, ContextType, RequireFields<MutationRemoveFromShowcaseArgs, 'productId'>>;
  replayWebhookDelivery?: Resolver<Maybe<ResolversTypes['WebhookDelivery']>, ParentType, ContextType, RequireFields<MutationReplayWebhookDeliveryArgs, 'deliveryId'>>;
  requestCampaignSample?: Resolver<Maybe<ResolversTypes['CampaignSample']>, ParentType, ContextType, RequireFields<MutationRequestCampaignSampleArgs, 'campaignId' | 'productId'>>;
  requestCommissionPayout?: Resolver<Maybe<ResolversTypes['CommissionPayout']>, ParentType, ContextType, RequireFields<MutationRequestCommissionPayoutArgs, 'input'>>;
  requestReturn?: Resolver<Maybe<ResolversTypes['OrderReturn']>, ParentType, ContextType, RequireFields<MutationRequestReturnArgs, 'input'>>;
  rotateWebhookEndpointSecret?: Resolver<Maybe<ResolversTypes['WebhookEndpointSecret']>, ParentType, ContextType, RequireFields<MutationRotateWebhookEndpointSecretArgs, 'endpointId'>>;
  setCreatorCommission?: Resolver<Maybe<ResolversTypes['CommissionDeal']>, ParentType, ContextType, RequireFields<MutationSetCreatorCommissionArgs, 'input'>>;
  setProfileCatalogs?: Resolver<Maybe<ResolversTypes['Creator']>, ParentType, ContextType, RequireFields<MutationSetProfileCatalogsArgs, 'catalogIds'>>;
  shipCampaignSample?: Resolver<Maybe<ResolversTypes['CampaignSample']>, ParentType, ContextType, RequireFields<MutationShipCampaignSampleArgs, 'input'>>;
  startBrandFlashDeal?: Resolver<Maybe<ResolversTypes['FlashDeal']>, ParentType, ContextType, RequireFields<MutationStartBrandFlashDealArgs, 'input'>>;
  startFlashDeal?: Resolver<Maybe<ResolversTypes['FlashDeal']>, ParentType, ContextType, RequireFields<MutationStartFlashDealArgs, 'input'>>;
  unpinProduct?: Resolver<Maybe<ResolversTypes['LiveStream']>, ParentType, ContextType, RequireFields<MutationUnpinProductArgs, 'liveStreamId' | 'productId'>>;
  updateCatalog?: Resolver<Maybe<ResolversTypes['Catalog']>, ParentType, ContextType, RequireFields<MutationUpdateCatalogArgs, 'input'>>;
  updateProduct?: Resolver<Maybe<ResolversTypes['Product']>, ParentType, ContextType, RequireFields<MutationUpdateProductArgs, 'input'>>;
  updateWebhookEndpoint?: Resolver<Maybe<ResolversTypes['WebhookEndpoint']>, ParentType, ContextType, RequireFields<MutationUpdateWebhookEndpointArgs, 'input'>>;
};

export type NodeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Node'] = ResolversParentTypes['Node'], FederationReferenceType extends FederationReferenceTypes['Node'] = FederationReferenceTypes['Node']> = {
  __resolveType: TypeResolveFn<'AffiliateLink' | 'Brand' | 'Catalog' | 'CoinPurchase' | 'CommissionPayout' | 'Creator' | 'FlashDeal' | 'GiftOffer' | 'GiftPayout' | 'LiveGift' | 'LiveGiftSend' | 'LiveStream' | 'Order' | 'OrderReturn' | 'Product' | 'SmallGesture' | 'User' | 'Video', ParentType, ContextType>;
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Node']> | FederationReferenceType, FederationReferenceType, ContextType>;
};

export type OrderResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Order'] = ResolversParentTypes['Order'], FederationReferenceType extends FederationReferenceTypes['Order'] = FederationReferenceTypes['Order']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Order']> | FederationReferenceType, FederationReferenceType, ContextType>;
  affiliateCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  attributedCreator?: Resolver<Maybe<ResolversTypes['Creator']>, ParentType, ContextType>;
  brand?: Resolver<ResolversTypes['Brand'], ParentType, ContextType>;
  buyer?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  cancelledAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  cancelledBy?: Resolver<Maybe<ResolversTypes['OrderCanceller']>, ParentType, ContextType>;
  commission?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  commissionLines?: Resolver<Array<ResolversTypes['CommissionLine']>, ParentType, ContextType>;
  commissionReversed?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  fulfilledAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lines?: Resolver<Maybe<Array<ResolversTypes['OrderLine']>>, ParentType, ContextType>;
  liveStream?: Resolver<Maybe<ResolversTypes['LiveStream']>, ParentType, ContextType>;
  refunded?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  returns?: Resolver<Maybe<Array<ResolversTypes['OrderReturn']>>, ParentType, ContextType>;
  returnsUntil?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  shipment?: Resolver<Maybe<ResolversTypes['Shipment']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['OrderStatus'], ParentType, ContextType>;
  total?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  video?: Resolver<Maybe<ResolversTypes['Video']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type OrderConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['OrderConnection'] = ResolversParentTypes['OrderConnection']> = {
  edges?: Resolver<Array<ResolversTypes['OrderEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type OrderEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['OrderEdge'] = ResolversParentTypes['OrderEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Order'], ParentType, ContextType>;
};

export type OrderLineResolvers<ContextType = Context, ParentType extends ResolversParentTypes['OrderLine'] = ResolversParentTypes['OrderLine']> = {
  campaign?: Resolver<Maybe<ResolversTypes['Campaign']>, ParentType, ContextType>;
  commission?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  commissionRate?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  commissionReversed?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  product?: Resolver<ResolversTypes['Product'], ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  refunded?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  refundedQuantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  unitPrice?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
};

export type OrderReturnResolvers<ContextType = Context, ParentType extends ResolversParentTypes['OrderReturn'] = ResolversParentTypes['OrderReturn'], FederationReferenceType extends FederationReferenceTypes['OrderReturn'] = FederationReferenceTypes['OrderReturn']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['OrderReturn']> | FederationReferenceType, FederationReferenceType, ContextType>;
  decidedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lines?: Resolver<Array<ResolversTypes['OrderReturnLine']>, ParentType, ContextType>;
  order?: Resolver<ResolversTypes['Order'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  refund?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  requestedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  restocked?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ReturnStatus'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type OrderReturnLineResolvers<ContextType = Context, ParentType extends ResolversParentTypes['OrderReturnLine'] = ResolversParentTypes['OrderReturnLine']> = {
  product?: Resolver<ResolversTypes['Product'], ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  refund?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type ProductResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Product'] = ResolversParentTypes['Product'], FederationReferenceType extends FederationReferenceTypes['Product'] = FederationReferenceTypes['Product']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Product']> | FederationReferenceType, FederationReferenceType, ContextType>;
  brand?: Resolver<ResolversTypes['Brand'], ParentType, ContextType>;
  commissionRate?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  externalId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  imageUrl?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  inStock?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  inventory?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  price?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ProductStatus'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ProductConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ProductConnection'] = ResolversParentTypes['ProductConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ProductEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type ProductEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ProductEdge'] = ResolversParentTypes['ProductEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Product'], ParentType, ContextType>;
};

export type ProductFeedItemErrorResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ProductFeedItemError'] = ResolversParentTypes['ProductFeedItemError']> = {
  externalId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  field?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  index?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ProductFeedResultResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ProductFeedResult'] = ResolversParentTypes['ProductFeedResult']> = {
  archived?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  created?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  errors?: Resolver<Array<ResolversTypes['ProductFeedItemError']>, ParentType, ContextType>;
  failed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  unchanged?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  updated?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  brand?: Resolver<Maybe<ResolversTypes['Brand']>, ParentType, ContextType, RequireFields<QueryBrandArgs, 'id'>>;
  brands?: Resolver<ResolversTypes['BrandConnection'], ParentType, ContextType, Partial<QueryBrandsArgs>>;
  campaign?: Resolver<Maybe<ResolversTypes['Campaign']>, ParentType, ContextType, RequireFields<QueryCampaignArgs, 'id'>>;
  campaignSample?: Resolver<Maybe<ResolversTypes['CampaignSample']>, ParentType, ContextType, RequireFields<QueryCampaignSampleArgs, 'id'>>;
  catalog?: Resolver<Maybe<ResolversTypes['Catalog']>, ParentType, ContextType, RequireFields<QueryCatalogArgs, 'id'>>;
  myBrand?: Resolver<Maybe<ResolversTypes['Brand']>, ParentType, ContextType>;
  myCampaigns?: Resolver<Maybe<ResolversTypes['CampaignMembershipConnection']>, ParentType, ContextType, RequireFields<QueryMyCampaignsArgs, 'status'>>;
  mySamples?: Resolver<Maybe<ResolversTypes['CampaignSampleConnection']>, ParentType, ContextType, Partial<QueryMySamplesArgs>>;
  node?: Resolver<Maybe<ResolversTypes['Node']>, ParentType, ContextType, RequireFields<QueryNodeArgs, 'id'>>;
  openCampaigns?: Resolver<Maybe<ResolversTypes['CampaignConnection']>, ParentType, ContextType, Partial<QueryOpenCampaignsArgs>>;
  order?: Resolver<Maybe<ResolversTypes['Order']>, ParentType, ContextType, RequireFields<QueryOrderArgs, 'id'>>;
  product?: Resolver<Maybe<ResolversTypes['Product']>, ParentType, ContextType, RequireFields<QueryProductArgs, 'id'>>;
  products?: Resolver<ResolversTypes['ProductConnection'], ParentType, ContextType, Partial<QueryProductsArgs>>;
  searchBrands?: Resolver<ResolversTypes['BrandConnection'], ParentType, ContextType, RequireFields<QuerySearchBrandsArgs, 'text'>>;
  searchProducts?: Resolver<ResolversTypes['ProductConnection'], ParentType, ContextType, RequireFields<QuerySearchProductsArgs, 'sort' | 'text'>>;
  viewerKey?: Resolver<Maybe<ResolversTypes['ViewerKey']>, ParentType, ContextType>;
};

export type SalesByCreatorResolvers<ContextType = Context, ParentType extends ResolversParentTypes['SalesByCreator'] = ResolversParentTypes['SalesByCreator']> = {
  creator?: Resolver<Maybe<ResolversTypes['Creator']>, ParentType, ContextType>;
  sales?: Resolver<ResolversTypes['SalesFigures'], ParentType, ContextType>;
};

export type SalesByLiveStreamResolvers<ContextType = Context, ParentType extends ResolversParentTypes['SalesByLiveStream'] = ResolversParentTypes['SalesByLiveStream']> = {
  liveStream?: Resolver<Maybe<ResolversTypes['LiveStream']>, ParentType, ContextType>;
  sales?: Resolver<ResolversTypes['SalesFigures'], ParentType, ContextType>;
};

export type SalesByProductResolvers<ContextType = Context, ParentType extends ResolversParentTypes['SalesByProduct'] = ResolversParentTypes['SalesByProduct']> = {
  product?: Resolver<ResolversTypes['Product'], ParentType, ContextType>;
  sales?: Resolver<ResolversTypes['SalesFigures'], ParentType, ContextType>;
};

export type SalesFiguresResolvers<ContextType = Context, ParentType extends ResolversParentTypes['SalesFigures'] = ResolversParentTypes['SalesFigures']> = {
  commission?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  orders?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  refunds?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  revenue?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  units?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type SampleFulfilmentResolvers<ContextType = Context, ParentType extends ResolversParentTypes['SampleFulfilment'] = ResolversParentTypes['SampleFulfilment']> = {
  fulfilled?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  missed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  rate?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
};

export type ShipmentResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Shipment'] = ResolversParentTypes['Shipment']> = {
  carrier?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  shippedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  trackingNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type SmallGestureResolvers<ContextType = Context, ParentType extends ResolversParentTypes['SmallGesture'] = ResolversParentTypes['SmallGesture'], FederationReferenceType extends FederationReferenceTypes['SmallGesture'] = FederationReferenceTypes['SmallGesture']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['SmallGesture']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type SubscriptionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  liveShoppingEvents?: SubscriptionResolver<ResolversTypes['LiveShoppingEvent'], "liveShoppingEvents", ParentType, ContextType, RequireFields<SubscriptionLiveShoppingEventsArgs, 'liveStreamId'>>;
};

export type UserResolvers<ContextType = Context, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  orders?: Resolver<Maybe<ResolversTypes['OrderConnection']>, ParentType, ContextType, Partial<UserOrdersArgs>>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type VideoResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Video'] = ResolversParentTypes['Video'], FederationReferenceType extends FederationReferenceTypes['Video'] = FederationReferenceTypes['Video']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Video']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  products?: Resolver<Maybe<Array<ResolversTypes['Product']>>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type VideoSalesResolvers<ContextType = Context, ParentType extends ResolversParentTypes['VideoSales'] = ResolversParentTypes['VideoSales']> = {
  commission?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  orders?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  revenue?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  units?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  video?: Resolver<ResolversTypes['Video'], ParentType, ContextType>;
};

export type VideoSalesConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['VideoSalesConnection'] = ResolversParentTypes['VideoSalesConnection']> = {
  edges?: Resolver<Array<ResolversTypes['VideoSalesEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type VideoSalesEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['VideoSalesEdge'] = ResolversParentTypes['VideoSalesEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['VideoSales'], ParentType, ContextType>;
};

export type ViewerKeyResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ViewerKey'] = ResolversParentTypes['ViewerKey']> = {
  brand?: Resolver<ResolversTypes['Brand'], ParentType, ContextType>;
  expiresAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  scopes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  tier?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type WebhookDeliveryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['WebhookDelivery'] = ResolversParentTypes['WebhookDelivery']> = {
  attempts?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  deliveredAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  eventId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastAttemptAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  lastError?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lastResponseCode?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  nextAttemptAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  payload?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['WebhookDeliveryStatus'], ParentType, ContextType>;
  topic?: Resolver<ResolversTypes['WebhookTopic'], ParentType, ContextType>;
};

export type WebhookDeliveryConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['WebhookDeliveryConnection'] = ResolversParentTypes['WebhookDeliveryConnection']> = {
  edges?: Resolver<Array<ResolversTypes['WebhookDeliveryEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type WebhookDeliveryEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['WebhookDeliveryEdge'] = ResolversParentTypes['WebhookDeliveryEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['WebhookDelivery'], ParentType, ContextType>;
};

export type WebhookEndpointResolvers<ContextType = Context, ParentType extends ResolversParentTypes['WebhookEndpoint'] = ResolversParentTypes['WebhookEndpoint']> = {
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  deliveries?: Resolver<ResolversTypes['WebhookDeliveryConnection'], ParentType, ContextType, Partial<WebhookEndpointDeliveriesArgs>>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  disabledAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  disabledReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  enabled?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  failingSince?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  previousSecretExpiresAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  topics?: Resolver<Array<ResolversTypes['WebhookTopic']>, ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type WebhookEndpointSecretResolvers<ContextType = Context, ParentType extends ResolversParentTypes['WebhookEndpointSecret'] = ResolversParentTypes['WebhookEndpointSecret']> = {
  endpoint?: Resolver<ResolversTypes['WebhookEndpoint'], ParentType, ContextType>;
  secret?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type Resolvers<ContextType = Context> = {
  AffiliateClick?: AffiliateClickResolvers<ContextType>;
  AffiliateLink?: AffiliateLinkResolvers<ContextType>;
  AffiliateLinkConnection?: AffiliateLinkConnectionResolvers<ContextType>;
  AffiliateLinkEdge?: AffiliateLinkEdgeResolvers<ContextType>;
  Brand?: BrandResolvers<ContextType>;
  BrandConnection?: BrandConnectionResolvers<ContextType>;
  BrandEdge?: BrandEdgeResolvers<ContextType>;
  BrandSales?: BrandSalesResolvers<ContextType>;
  Campaign?: CampaignResolvers<ContextType>;
  CampaignConnection?: CampaignConnectionResolvers<ContextType>;
  CampaignEdge?: CampaignEdgeResolvers<ContextType>;
  CampaignMembership?: CampaignMembershipResolvers<ContextType>;
  CampaignMembershipConnection?: CampaignMembershipConnectionResolvers<ContextType>;
  CampaignMembershipEdge?: CampaignMembershipEdgeResolvers<ContextType>;
  CampaignSample?: CampaignSampleResolvers<ContextType>;
  CampaignSampleConnection?: CampaignSampleConnectionResolvers<ContextType>;
  CampaignSampleEdge?: CampaignSampleEdgeResolvers<ContextType>;
  Catalog?: CatalogResolvers<ContextType>;
  CatalogConnection?: CatalogConnectionResolvers<ContextType>;
  CatalogEdge?: CatalogEdgeResolvers<ContextType>;
  CheckoutPayload?: CheckoutPayloadResolvers<ContextType>;
  CoinPurchase?: CoinPurchaseResolvers<ContextType>;
  CommissionBalance?: CommissionBalanceResolvers<ContextType>;
  CommissionDeal?: CommissionDealResolvers<ContextType>;
  CommissionDealConnection?: CommissionDealConnectionResolvers<ContextType>;
  CommissionDealEdge?: CommissionDealEdgeResolvers<ContextType>;
  CommissionLine?: CommissionLineResolvers<ContextType>;
  CommissionLineConnection?: CommissionLineConnectionResolvers<ContextType>;
  CommissionLineEdge?: CommissionLineEdgeResolvers<ContextType>;
  CommissionPayout?: CommissionPayoutResolvers<ContextType>;
  CommissionPayoutConnection?: CommissionPayoutConnectionResolvers<ContextType>;
  CommissionPayoutEdge?: CommissionPayoutEdgeResolvers<ContextType>;
  CommissionStateTotals?: CommissionStateTotalsResolvers<ContextType>;
  CommissionStatement?: CommissionStatementResolvers<ContextType>;
  Creator?: CreatorResolvers<ContextType>;
  CreatorEarnings?: CreatorEarningsResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  DeleteCatalogPayload?: DeleteCatalogPayloadResolvers<ContextType>;
  FlashDeal?: FlashDealResolvers<ContextType>;
  GiftBalance?: GiftBalanceResolvers<ContextType>;
  GiftOffer?: GiftOfferResolvers<ContextType>;
  GiftPayout?: GiftPayoutResolvers<ContextType>;
  LiveGift?: LiveGiftResolvers<ContextType>;
  LiveGiftSend?: LiveGiftSendResolvers<ContextType>;
  LiveShoppingEvent?: LiveShoppingEventResolvers<ContextType>;
  LiveStream?: LiveStreamResolvers<ContextType>;
  LiveStreamSales?: LiveStreamSalesResolvers<ContextType>;
  Money?: MoneyResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Node?: NodeResolvers<ContextType>;
  Order?: OrderResolvers<ContextType>;
  OrderConnection?: OrderConnectionResolvers<ContextType>;
  OrderEdge?: OrderEdgeResolvers<ContextType>;
  OrderLine?: OrderLineResolvers<ContextType>;
  OrderReturn?: OrderReturnResolvers<ContextType>;
  OrderReturnLine?: OrderReturnLineResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Product?: ProductResolvers<ContextType>;
  ProductConnection?: ProductConnectionResolvers<ContextType>;
  ProductEdge?: ProductEdgeResolvers<ContextType>;
  ProductFeedItemError?: ProductFeedItemErrorResolvers<ContextType>;
  ProductFeedResult?: ProductFeedResultResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  SalesByCreator?: SalesByCreatorResolvers<ContextType>;
  SalesByLiveStream?: SalesByLiveStreamResolvers<ContextType>;
  SalesByProduct?: SalesByProductResolvers<ContextType>;
  SalesFigures?: SalesFiguresResolvers<ContextType>;
  SampleFulfilment?: SampleFulfilmentResolvers<ContextType>;
  Shipment?: ShipmentResolvers<ContextType>;
  SmallGesture?: SmallGestureResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
  Video?: VideoResolvers<ContextType>;
  VideoSales?: VideoSalesResolvers<ContextType>;
  VideoSalesConnection?: VideoSalesConnectionResolvers<ContextType>;
  VideoSalesEdge?: VideoSalesEdgeResolvers<ContextType>;
  ViewerKey?: ViewerKeyResolvers<ContextType>;
  WebhookDelivery?: WebhookDeliveryResolvers<ContextType>;
  WebhookDeliveryConnection?: WebhookDeliveryConnectionResolvers<ContextType>;
  WebhookDeliveryEdge?: WebhookDeliveryEdgeResolvers<ContextType>;
  WebhookEndpoint?: WebhookEndpointResolvers<ContextType>;
  WebhookEndpointSecret?: WebhookEndpointSecretResolvers<ContextType>;
};

export type DirectiveResolvers<ContextType = Context> = {
  auth?: AuthDirectiveResolver<any, any, ContextType>;
  cacheControl?: CacheControlDirectiveResolver<any, any, ContextType>;
  scopes?: ScopesDirectiveResolver<any, any, ContextType>;
};

import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { BrandRow, ProductRow, CatalogRow, AffiliateLinkView, AffiliateClickRow, CommissionDealRow, OrderRow, OrderLineView, CheckoutResult, LiveShoppingEventView, CreatorRef, EntityRef } from '../db/schema.ts';
import type { Money as MoneyValue } from '@app/kit/money';
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
export type AffiliateLink = {
  __typename?: 'AffiliateLink';
  /** Distinct signed-in users, other than the creator, who opened the link. */
  clicks: Scalars['Int']['output'];
  /** Short code the link is shared with, e.g. K7QX2M9P; pass it to `checkout` as `affiliateCode`. */
  code: Scalars['String']['output'];
  /** Commission on fulfilled orders through the link. */
  commissionEarned: Money;
  /** Commission on paid orders through the link not fulfilled yet. */
  commissionPending: Money;
  /** The rate a sale through the link pays now: the product's rate or the creator's better deal. */
  commissionRate: Scalars['Float']['output'];
  createdAt: Scalars['DateTime']['output'];
  creator: Creator;
  id: Scalars['ID']['output'];
  /** Orders placed through the link and not cancelled. */
  orderCount: Scalars['Int']['output'];
  product: Product;
};

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
export type Brand = {
  __typename?: 'Brand';
  /** The brand's catalogs, newest first. */
  catalogs: CatalogConnection;
  description: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  logoUrl: Scalars['String']['output'];
  name: Scalars['String']['output'];
  /** The brand's orders, newest first: for the brand's own partner keys only. */
  orders?: Maybe<OrderConnection>;
  platform: CommercePlatform;
  /** The brand's products on sale (ACTIVE), newest first. */
  products: ProductConnection;
  slug: Scalars['String']['output'];
};


/** A brand or shop that sells products. */
export type BrandCatalogsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** A brand or shop that sells products. */
export type BrandOrdersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** A brand or shop that sells products. */
export type BrandProductsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

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

/** A brand's curated set of products. */
export type Catalog = {
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
  first?: InputMaybe<Scalars['Int']['input']>;
};

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
  /** 8 to 100 letters, digits or . _ : - ; the same key and input always mean the same order. */
  idempotencyKey: Scalars['String']['input'];
  /** 1 to 50 lines, each product at most once. */
  lines: Array<CheckoutLineInput>;
  /** A LIVE stream the buyer is buying from; lines of products pinned on it earn its creator a commission. Not together with `affiliateCode`. */
  liveStreamId?: InputMaybe<Scalars['ID']['input']>;
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

/** Where a brand's products come from: made here, or imported from an external commerce platform's feed. */
export type CommercePlatform =
  | 'NATIVE'
  | 'PRINT_ON_DEMAND'
  | 'SHOPIFY'
  | 'WALMART';

/** A commission a brand set for one creator. */
export type CommissionDeal = {
  __typename?: 'CommissionDeal';
  brand: Brand;
  commissionRate: Scalars['Float']['output'];
  creator: Creator;
  /** The product it covers; null when it covers all of the brand's products. */
  product?: Maybe<Product>;
  updatedAt: Scalars['DateTime']['output'];
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

export type Creator = {
  __typename?: 'Creator';
  /** The creator's affiliate links with their clicks, orders and commission, newest first. Only the creator sees them. */
  affiliateLinks?: Maybe<AffiliateLinkConnection>;
  /** Catalogs the creator carries on their profile. */
  catalogs?: Maybe<CatalogConnection>;
  /**
   * What the creator earned: commissions from commerce plus LIVE gift earnings, which commerce
   * takes from the gifts subgraph (`@requires`). Only the creator sees it.
   */
  earnings?: Maybe<CreatorEarnings>;
  giftEarnings?: Maybe<GiftEarnings>;
  id: Scalars['ID']['output'];
  /** Products the creator curates on their profile, in the creator's order. */
  showcase?: Maybe<ProductConnection>;
};


export type CreatorAffiliateLinksArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type CreatorCatalogsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type CreatorShowcaseArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** What a creator has made on the app, in USD. */
export type CreatorEarnings = {
  __typename?: 'CreatorEarnings';
  /** Commission on fulfilled orders attributed to the creator (affiliate links and live streams). */
  commissions: Money;
  /** The value of LIVE gifts received, from the gifts subgraph (`Creator.giftEarnings.value`). */
  gifts: Money;
  /** Commission on paid orders not fulfilled yet; not part of `total` until fulfilled, gone if cancelled. */
  pending: Money;
  /** commissions + gifts. */
  total: Money;
};

export type GiftEarnings = {
  __typename?: 'GiftEarnings';
  value: Money;
};

/**
 * One thing that happened on a stream's live-shopping overlay. It never says who bought: not the
 * buyer, and not the order either, because events are public and an order id is a handle on one
 * buyer's purchase (the buyer and the brand see it on receipts and order lists), so publishing it
 * would let any viewer tie a sale to a person.
 */
export type LiveShoppingEvent = {
  __typename?: 'LiveShoppingEvent';
  /** The event id: ordered per stream; pass it as `after` to resume. */
  id: Scalars['ID']['output'];
  kind: LiveShoppingEventKind;
  /**
   * The product pinned, unpinned or bought, as it is when the event is sent: its title, price and
   * `inventory` then (after this purchase, and after any later ones for an event replayed with
   * `after`).
   */
  product: Product;
  /** For PURCHASED: the units of the product in the order. Null for pins and unpins. */
  quantity?: Maybe<Scalars['Int']['output']>;
};

export type LiveShoppingEventKind =
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

export type LiveStream = {
  __typename?: 'LiveStream';
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
   * Append products (the brand's own, active; at most 100 per call) to one of the brand's catalogs.
   * Products already in it stay where they are. A catalog holds at most 500 products (CATALOG_FULL).
   */
  addCatalogProducts?: Maybe<Catalog>;
  /** Add an active product, of any brand, to the end of the signed-in creator's showcase (at most 100). */
  addToShowcase?: Maybe<Creator>;
  /**
   * Cancel the signed-in buyer's own order before it is fulfilled: the units go back to stock and
   * the commission is reversed in full. Cancelling a cancelled order changes nothing;
   * a fulfilled one is ORDER_ALREADY_FULFILLED.
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
  /**
   * The signed-in creator's affiliate link to a product on sale. Any creator may link any active
   * product (no prior deal needed); a creator has one link per product, so asking again returns the
   * existing link. FORBIDDEN (reason NOT_A_CREATOR) for users who are not creators.
   */
  createAffiliateLink?: Maybe<AffiliateLink>;
  /** Create a catalog for the calling partner's own brand, optionally with its first products (the brand's own, active). */
  createCatalog?: Maybe<Catalog>;
  /**
   * Mark an order of the calling partner's own brand as shipped: its commission becomes earned.
   * Fulfilling a fulfilled order changes nothing; a cancelled one is ORDER_CANCELLED.
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
  /** Take products out of one of the brand's catalogs. Products not in it are ignored. */
  removeCatalogProducts?: Maybe<Catalog>;
  /** Take a product out of the signed-in creator's showcase. Not in it: nothing changes. */
  removeFromShowcase?: Maybe<Creator>;
  /**
   * Give one creator a higher commission on the calling partner's brand: on one product
   * (`productId`), or on all of the brand's products (no `productId`). Setting it again replaces
   * it. A sale pays the highest of the product's own rate and the deals that apply, so a deal never
   * lowers what a creator earns; 0 ends a deal's effect.
   */
  setCreatorCommission?: Maybe<CommissionDeal>;
  /** Take a product off the signed-in creator's own live stream. Not pinned: nothing changes. */
  unpinProduct?: Maybe<LiveStream>;
  /** Change a product of the calling partner's own brand. Fields left out stay as they are. */
  updateProduct?: Maybe<Product>;
};


export type MutationAddCatalogProductsArgs = {
  catalogId: Scalars['ID']['input'];
  productIds: Array<Scalars['ID']['input']>;
};


export type MutationAddToShowcaseArgs = {
  productId: Scalars['ID']['input'];
};


export type MutationCancelOrderArgs = {
  id: Scalars['ID']['input'];
};


export type MutationCheckoutArgs = {
  input: CheckoutInput;
};


export type MutationCreateAffiliateLinkArgs = {
  productId: Scalars['ID']['input'];
};


export type MutationCreateCatalogArgs = {
  input: CreateCatalogInput;
};


export type MutationFulfillOrderArgs = {
  id: Scalars['ID']['input'];
};


export type MutationImportProductFeedArgs = {
  brandId: Scalars['ID']['input'];
  feed: ProductFeedInput;
};


export type MutationPinProductArgs = {
  liveStreamId: Scalars['ID']['input'];
  productId: Scalars['ID']['input'];
};


export type MutationRecordAffiliateClickArgs = {
  code: Scalars['String']['input'];
};


export type MutationRemoveCatalogProductsArgs = {
  catalogId: Scalars['ID']['input'];
  productIds: Array<Scalars['ID']['input']>;
};


export type MutationRemoveFromShowcaseArgs = {
  productId: Scalars['ID']['input'];
};


export type MutationSetCreatorCommissionArgs = {
  input: SetCreatorCommissionInput;
};


export type MutationUnpinProductArgs = {
  liveStreamId: Scalars['ID']['input'];
  productId: Scalars['ID']['input'];
};


export type MutationUpdateProductArgs = {
  input: UpdateProductInput;
};

/**
 * A purchase from one brand (an order is one shop's; a cart across shops checks out once per
 * shop). Visible to its buyer and to the brand's partner keys.
 */
export type Order = {
  __typename?: 'Order';
  /** The code of the affiliate link the order came through, if any. */
  affiliateCode?: Maybe<Scalars['String']['output']>;
  /** The creator the sale is attributed to (through an affiliate link or a live stream), if any. */
  attributedCreator?: Maybe<Creator>;
  brand: Brand;
  buyer: User;
  cancelledAt?: Maybe<Scalars['DateTime']['output']>;
  /**
   * Commission the sale credited the attributed creator: the sum of the lines' commissions. Zero
   * without attribution or when the buyer is that creator. A cancelled order keeps the figure,
   * but it is reversed: it no longer counts in any earnings.
   */
  commission: Money;
  createdAt: Scalars['DateTime']['output'];
  fulfilledAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  /** The lines as paid: a later price change leaves them. */
  lines: Array<OrderLine>;
  /** The live stream the order was bought from, if any. */
  liveStream?: Maybe<LiveStream>;
  status: OrderStatus;
  /** Sum of the lines' totals. */
  total: Money;
};

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
  /** floor(total × rate in basis points / 10,000), in minor units. */
  commission: Money;
  /** Commission rate applied to this line; 0 when the line earns none. */
  commissionRate: Scalars['Float']['output'];
  /** The product now; `title` and `unitPrice` are as bought. */
  product: Product;
  quantity: Scalars['Int']['output'];
  title: Scalars['String']['output'];
  /** unitPrice × quantity. */
  total: Money;
  unitPrice: Money;
};

export type OrderStatus =
  /** Cancelled by the buyer before fulfilment; stock restored, commission reversed. */
  | 'CANCELLED'
  /** Shipped by the brand; commission earned. */
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

/** Something a brand sells. */
export type Product = {
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
  /** A catalog. NOT_FOUND when no catalog has this id. */
  catalog?: Maybe<Catalog>;
  /** The brand the calling partner key acts for. */
  myBrand?: Maybe<Brand>;
  /** A product by id, whatever its status. NOT_FOUND when no product has this id. */
  product?: Maybe<Product>;
  /** Products on sale (ACTIVE), newest first; `brandId` keeps one brand's. NOT_FOUND for an unknown `brandId`. */
  products: ProductConnection;
};


export type QueryBrandArgs = {
  id: Scalars['ID']['input'];
};


export type QueryBrandsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryCatalogArgs = {
  id: Scalars['ID']['input'];
};


export type QueryProductArgs = {
  id: Scalars['ID']['input'];
};


export type QueryProductsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  brandId?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type SetCreatorCommissionInput = {
  /** A fraction from 0 to 1 in whole basis points: 0.25 is 25%. */
  commissionRate: Scalars['Float']['input'];
  creatorId: Scalars['ID']['input'];
  /** One of the brand's products; left out, the deal covers all of the brand's products. */
  productId?: InputMaybe<Scalars['ID']['input']>;
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

export type User = {
  __typename?: 'User';
  id: Scalars['ID']['output'];
  /** The user's orders, newest first. Only the user sees them. */
  orders?: Maybe<OrderConnection>;
};


export type UserOrdersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type Video = {
  __typename?: 'Video';
  id: Scalars['ID']['output'];
  /** Products tagged in the video (at most 5). */
  products?: Maybe<Array<Product>>;
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
  Catalog: Catalog;
  Creator: Creator;
  LiveStream: LiveStream;
  Order: Order;
  Product: Product;
  User: User;
  Video: Video;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Brand:
    ( { __typename: 'Brand' }
    & GraphQLRecursivePick<FederationTypes['Brand'], {"id":true}> );
  Catalog:
    ( { __typename: 'Catalog' }
    & GraphQLRecursivePick<FederationTypes['Catalog'], {"id":true}> );
  Creator:
    ( { __typename: 'Creator' }
    & GraphQLRecursivePick<FederationTypes['Creator'], {"id":true}>
    & ( Record<PropertyKey, never>
        | GraphQLRecursivePick<FederationTypes['Creator'], {"giftEarnings":{"value":{"amount":true,"currencyCode":true}}}> ) );
  LiveStream:
    ( { __typename: 'LiveStream' }
    & GraphQLRecursivePick<FederationTypes['LiveStream'], {"id":true}> );
  Order:
    ( { __typename: 'Order' }
    & GraphQLRecursivePick<FederationTypes['Order'], {"id":true}> );
  Product:
    ( { __typename: 'Product' }
    & GraphQLRecursivePick<FederationTypes['Product'], {"id":true}> );
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
  Catalog: ResolverTypeWrapper<CatalogRow>;
  CatalogConnection: ResolverTypeWrapper<Omit<CatalogConnection, 'edges'> & { edges: Array<ResolversTypes['CatalogEdge']> }>;
  CatalogEdge: ResolverTypeWrapper<Omit<CatalogEdge, 'node'> & { node: ResolversTypes['Catalog'] }>;
  CheckoutInput: CheckoutInput;
  CheckoutLineInput: CheckoutLineInput;
  CheckoutPayload: ResolverTypeWrapper<CheckoutResult>;
  CommercePlatform: CommercePlatform;
  CommissionDeal: ResolverTypeWrapper<CommissionDealRow>;
  CreateCatalogInput: CreateCatalogInput;
  Creator: ResolverTypeWrapper<CreatorRef>;
  CreatorEarnings: ResolverTypeWrapper<Omit<CreatorEarnings, 'commissions' | 'gifts' | 'pending' | 'total'> & { commissions: ResolversTypes['Money'], gifts: ResolversTypes['Money'], pending: ResolversTypes['Money'], total: ResolversTypes['Money'] }>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  GiftEarnings: ResolverTypeWrapper<Omit<GiftEarnings, 'value'> & { value: ResolversTypes['Money'] }>;
  LiveShoppingEvent: ResolverTypeWrapper<LiveShoppingEventView>;
  LiveShoppingEventKind: LiveShoppingEventKind;
  LiveStream: ResolverTypeWrapper<EntityRef>;
  LiveStreamSales: ResolverTypeWrapper<Omit<LiveStreamSales, 'revenue'> & { revenue: ResolversTypes['Money'] }>;
  Money: ResolverTypeWrapper<MoneyValue>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Order: ResolverTypeWrapper<OrderRow>;
  OrderConnection: ResolverTypeWrapper<Omit<OrderConnection, 'edges'> & { edges: Array<ResolversTypes['OrderEdge']> }>;
  OrderEdge: ResolverTypeWrapper<Omit<OrderEdge, 'node'> & { node: ResolversTypes['Order'] }>;
  OrderLine: ResolverTypeWrapper<OrderLineView>;
  OrderStatus: OrderStatus;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Product: ResolverTypeWrapper<ProductRow>;
  ProductConnection: ResolverTypeWrapper<Omit<ProductConnection, 'edges'> & { edges: Array<ResolversTypes['ProductEdge']> }>;
  ProductEdge: ResolverTypeWrapper<Omit<ProductEdge, 'node'> & { node: ResolversTypes['Product'] }>;
  ProductFeedInput: ProductFeedInput;
  ProductFeedItemError: ResolverTypeWrapper<ProductFeedItemError>;
  ProductFeedItemInput: ProductFeedItemInput;
  ProductFeedMode: ProductFeedMode;
  ProductFeedResult: ResolverTypeWrapper<ProductFeedResult>;
  ProductStatus: ProductStatus;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  SetCreatorCommissionInput: SetCreatorCommissionInput;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  UpdateProductInput: UpdateProductInput;
  User: ResolverTypeWrapper<EntityRef>;
  Video: ResolverTypeWrapper<EntityRef>;
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
  Catalog: CatalogRow;
  CatalogConnection: Omit<CatalogConnection, 'edges'> & { edges: Array<ResolversParentTypes['CatalogEdge']> };
  CatalogEdge: Omit<CatalogEdge, 'node'> & { node: ResolversParentTypes['Catalog'] };
  CheckoutInput: CheckoutInput;
  CheckoutLineInput: CheckoutLineInput;
  CheckoutPayload: CheckoutResult;
  CommissionDeal: CommissionDealRow;
  CreateCatalogInput: CreateCatalogInput;
  Creator: CreatorRef;
  CreatorEarnings: Omit<CreatorEarnings, 'commissions' | 'gifts' | 'pending' | 'total'> & { commissions: ResolversParentTypes['Money'], gifts: ResolversParentTypes['Money'], pending: ResolversParentTypes['Money'], total: ResolversParentTypes['Money'] };
  DateTime: Scalars['DateTime']['output'];
  GiftEarnings: Omit<GiftEarnings, 'value'> & { value: ResolversParentTypes['Money'] };
  LiveShoppingEvent: LiveShoppingEventView;
  LiveStream: EntityRef;
  LiveStreamSales: Omit<LiveStreamSales, 'revenue'> & { revenue: ResolversParentTypes['Money'] };
  Money: MoneyValue;
  Mutation: Record<PropertyKey, never>;
  Order: OrderRow;
  OrderConnection: Omit<OrderConnection, 'edges'> & { edges: Array<ResolversParentTypes['OrderEdge']> };
  OrderEdge: Omit<OrderEdge, 'node'> & { node: ResolversParentTypes['Order'] };
  OrderLine: OrderLineView;
  PageInfo: PageInfo;
  Product: ProductRow;
  ProductConnection: Omit<ProductConnection, 'edges'> & { edges: Array<ResolversParentTypes['ProductEdge']> };
  ProductEdge: Omit<ProductEdge, 'node'> & { node: ResolversParentTypes['Product'] };
  ProductFeedInput: ProductFeedInput;
  ProductFeedItemError: ProductFeedItemError;
  ProductFeedItemInput: ProductFeedItemInput;
  ProductFeedResult: ProductFeedResult;
  Query: Record<PropertyKey, never>;
  SetCreatorCommissionInput: SetCreatorCommissionInput;
  Subscription: Record<PropertyKey, never>;
  UpdateProductInput: UpdateProductInput;
  User: EntityRef;
  Video: EntityRef;
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

export type AffiliateLinkResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AffiliateLink'] = ResolversParentTypes['AffiliateLink']> = {
  clicks?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  commissionEarned?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  commissionPending?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  commissionRate?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  creator?: Resolver<ResolversTypes['Creator'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  orderCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  product?: Resolver<ResolversTypes['Product'], ParentType, ContextType>;
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
  catalogs?: Resolver<ResolversTypes['CatalogConnection'], ParentType, ContextType, RequireFields<BrandCatalogsArgs, 'first'>>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  logoUrl?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  orders?: Resolver<Maybe<ResolversTypes['OrderConnection']>, ParentType, ContextType, RequireFields<BrandOrdersArgs, 'first'>>;
  platform?: Resolver<ResolversTypes['CommercePlatform'], ParentType, ContextType>;
  products?: Resolver<ResolversTypes['ProductConnection'], ParentType, ContextType, RequireFields<BrandProductsArgs, 'first'>>;
  slug?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type BrandConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['BrandConnection'] = ResolversParentTypes['BrandConnection']> = {
  edges?: Resolver<Array<ResolversTypes['BrandEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type BrandEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['BrandEdge'] = ResolversParentTypes['BrandEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Brand'], ParentType, ContextType>;
};

export type CatalogResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Catalog'] = ResolversParentTypes['Catalog'], FederationReferenceType extends FederationReferenceTypes['Catalog'] = FederationReferenceTypes['Catalog']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Catalog']> | FederationReferenceType, FederationReferenceType, ContextType>;
  brand?: Resolver<ResolversTypes['Brand'], ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  products?: Resolver<ResolversTypes['ProductConnection'], ParentType, ContextType, RequireFields<CatalogProductsArgs, 'first'>>;
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

export type CommissionDealResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CommissionDeal'] = ResolversParentTypes['CommissionDeal']> = {
  brand?: Resolver<ResolversTypes['Brand'], ParentType, ContextType>;
  commissionRate?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  creator?: Resolver<ResolversTypes['Creator'], ParentType, ContextType>;
  product?: Resolver<Maybe<ResolversTypes['Product']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type CreatorResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Creator'] = ResolversParentTypes['Creator'], FederationReferenceType extends FederationReferenceTypes['Creator'] = FederationReferenceTypes['Creator']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Creator']> | FederationReferenceType, FederationReferenceType, ContextType>;
  affiliateLinks?: Resolver<Maybe<ResolversTypes['AffiliateLinkConnection']>, ParentType, ContextType, RequireFields<CreatorAffiliateLinksArgs, 'first'>>;
  catalogs?: Resolver<Maybe<ResolversTypes['CatalogConnection']>, ParentType, ContextType, RequireFields<CreatorCatalogsArgs, 'first'>>;
  earnings?: Resolver<Maybe<ResolversTypes['CreatorEarnings']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  showcase?: Resolver<Maybe<ResolversTypes['ProductConnection']>, ParentType, ContextType, RequireFields<CreatorShowcaseArgs, 'first'>>;
};

export type CreatorEarningsResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CreatorEarnings'] = ResolversParentTypes['CreatorEarnings']> = {
  commissions?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  gifts?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  pending?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type LiveShoppingEventResolvers<ContextType = Context, ParentType extends ResolversParentTypes['LiveShoppingEvent'] = ResolversParentTypes['LiveShoppingEvent']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['LiveShoppingEventKind'], ParentType, ContextType>;
  product?: Resolver<ResolversTypes['Product'], ParentType, ContextType>;
  quantity?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type LiveStreamResolvers<ContextType = Context, ParentType extends ResolversParentTypes['LiveStream'] = ResolversParentTypes['LiveStream'], FederationReferenceType extends FederationReferenceTypes['LiveStream'] = FederationReferenceTypes['LiveStream']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['LiveStream']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  pinnedProducts?: Resolver<Maybe<Array<ResolversTypes['Product']>>, ParentType, ContextType>;
  sales?: Resolver<Maybe<ResolversTypes['LiveStreamSales']>, ParentType, ContextType>;
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
  addCatalogProducts?: Resolver<Maybe<ResolversTypes['Catalog']>, ParentType, ContextType, RequireFields<MutationAddCatalogProductsArgs, 'catalogId' | 'productIds'>>;
  addToShowcase?: Resolver<Maybe<ResolversTypes['Creator']>, ParentType, ContextType, RequireFields<MutationAddToShowcaseArgs, 'productId'>>;
  cancelOrder?: Resolver<Maybe<ResolversTypes['Order']>, ParentType, ContextType, RequireFields<MutationCancelOrderArgs, 'id'>>;
  checkout?: Resolver<Maybe<ResolversTypes['CheckoutPayload']>, ParentType, ContextType, RequireFields<MutationCheckoutArgs, 'input'>>;
  createAffiliateLink?: Resolver<Maybe<ResolversTypes['AffiliateLink']>, ParentType, ContextType, RequireFields<MutationCreateAffiliateLinkArgs, 'productId'>>;
  createCatalog?: Resolver<Maybe<ResolversTypes['Catalog']>, ParentType, ContextType, RequireFields<MutationCreateCatalogArgs, 'input'>>;
  fulfillOrder?: Resolver<Maybe<ResolversTypes['Order']>, ParentType, ContextType, RequireFields<MutationFulfillOrderArgs, 'id'>>;
  importProductFeed?: Resolver<Maybe<ResolversTypes['ProductFeedResult']>, ParentType, ContextType, RequireFields<MutationImportProductFeedArgs, 'brandId' | 'feed'>>;
  pinProduct?: Resolver<Maybe<ResolversTypes['LiveStream']>, ParentType, ContextType, RequireFields<MutationPinProductArgs, 'liveStreamId' | 'productId'>>;
  recordAffiliateClick?: Resolver<Maybe<ResolversTypes['AffiliateClick']>, ParentType, ContextType, RequireFields<MutationRecordAffiliateClickArgs, 'code'>>;
  removeCatalogProducts?: Resolver<Maybe<ResolversTypes['Catalog']>, ParentType, ContextType, RequireFields<MutationRemoveCatalogProductsArgs, 'catalogId' | 'productIds'>>;
  removeFromShowcase?: Resolver<Maybe<ResolversTypes['Creator']>, ParentType, ContextType, RequireFields<MutationRemoveFromShowcaseArgs, 'productId'>>;
  setCreatorCommission?: Resolver<Maybe<ResolversTypes['CommissionDeal']>, ParentType, ContextType, RequireFields<MutationSetCreatorCommissionArgs, 'input'>>;
  unpinProduct?: Resolver<Maybe<ResolversTypes['LiveStream']>, ParentType, ContextType, RequireFields<MutationUnpinProductArgs, 'liveStreamId' | 'productId'>>;
  updateProduct?: Resolver<Maybe<ResolversTypes['Product']>, ParentType, ContextType, RequireFields<MutationUpdateProductArgs, 'input'>>;
};

export type OrderResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Order'] = ResolversParentTypes['Order'], FederationReferenceType extends FederationReferenceTypes['Order'] = FederationReferenceTypes['Order']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Order']> | FederationReferenceType, FederationReferenceType, ContextType>;
  affiliateCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  attributedCreator?: Resolver<Maybe<ResolversTypes['Creator']>, ParentType, ContextType>;
  brand?: Resolver<ResolversTypes['Brand'], ParentType, ContextType>;
  buyer?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  cancelledAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  commission?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  fulfilledAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lines?: Resolver<Array<ResolversTypes['OrderLine']>, ParentType, ContextType>;
  liveStream?: Resolver<Maybe<ResolversTypes['LiveStream']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['OrderStatus'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
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
  commission?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  commissionRate?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  product?: Resolver<ResolversTypes['Product'], ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  unitPrice?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
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
  brands?: Resolver<ResolversTypes['BrandConnection'], ParentType, ContextType, RequireFields<QueryBrandsArgs, 'first'>>;
  catalog?: Resolver<Maybe<ResolversTypes['Catalog']>, ParentType, ContextType, RequireFields<QueryCatalogArgs, 'id'>>;
  myBrand?: Resolver<Maybe<ResolversTypes['Brand']>, ParentType, ContextType>;
  product?: Resolver<Maybe<ResolversTypes['Product']>, ParentType, ContextType, RequireFields<QueryProductArgs, 'id'>>;
  products?: Resolver<ResolversTypes['ProductConnection'], ParentType, ContextType, RequireFields<QueryProductsArgs, 'first'>>;
};

export type SubscriptionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  liveShoppingEvents?: SubscriptionResolver<ResolversTypes['LiveShoppingEvent'], "liveShoppingEvents", ParentType, ContextType, RequireFields<SubscriptionLiveShoppingEventsArgs, 'liveStreamId'>>;
};

export type UserResolvers<ContextType = Context, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  orders?: Resolver<Maybe<ResolversTypes['OrderConnection']>, ParentType, ContextType, RequireFields<UserOrdersArgs, 'first'>>;
};

export type VideoResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Video'] = ResolversParentTypes['Video'], FederationReferenceType extends FederationReferenceTypes['Video'] = FederationReferenceTypes['Video']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Video']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  products?: Resolver<Maybe<Array<ResolversTypes['Product']>>, ParentType, ContextType>;
};

export type Resolvers<ContextType = Context> = {
  AffiliateClick?: AffiliateClickResolvers<ContextType>;
  AffiliateLink?: AffiliateLinkResolvers<ContextType>;
  AffiliateLinkConnection?: AffiliateLinkConnectionResolvers<ContextType>;
  AffiliateLinkEdge?: AffiliateLinkEdgeResolvers<ContextType>;
  Brand?: BrandResolvers<ContextType>;
  BrandConnection?: BrandConnectionResolvers<ContextType>;
  BrandEdge?: BrandEdgeResolvers<ContextType>;
  Catalog?: CatalogResolvers<ContextType>;
  CatalogConnection?: CatalogConnectionResolvers<ContextType>;
  CatalogEdge?: CatalogEdgeResolvers<ContextType>;
  CheckoutPayload?: CheckoutPayloadResolvers<ContextType>;
  CommissionDeal?: CommissionDealResolvers<ContextType>;
  Creator?: CreatorResolvers<ContextType>;
  CreatorEarnings?: CreatorEarningsResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  LiveShoppingEvent?: LiveShoppingEventResolvers<ContextType>;
  LiveStream?: LiveStreamResolvers<ContextType>;
  LiveStreamSales?: LiveStreamSalesResolvers<ContextType>;
  Money?: MoneyResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Order?: OrderResolvers<ContextType>;
  OrderConnection?: OrderConnectionResolvers<ContextType>;
  OrderEdge?: OrderEdgeResolvers<ContextType>;
  OrderLine?: OrderLineResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Product?: ProductResolvers<ContextType>;
  ProductConnection?: ProductConnectionResolvers<ContextType>;
  ProductEdge?: ProductEdgeResolvers<ContextType>;
  ProductFeedItemError?: ProductFeedItemErrorResolvers<ContextType>;
  ProductFeedResult?: ProductFeedResultResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
  Video?: VideoResolvers<ContextType>;
};

export type DirectiveResolvers<ContextType = Context> = {
  auth?: AuthDirectiveResolver<any, any, ContextType>;
  cacheControl?: CacheControlDirectiveResolver<any, any, ContextType>;
  scopes?: ScopesDirectiveResolver<any, any, ContextType>;
};

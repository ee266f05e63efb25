/**
 * What the commerce store answers: every statement by name, its arguments and its rows, whatever
 * the engine. `statements/` implements it once for SQLite and Postgres alike.
 */
import type { KitStatements } from '@app/kit/db/kit-statements';
import type { WebhookStatements } from '@app/kit/db/webhook-statements';
import type { KeptCountDifference } from '@app/kit/db/reconcile';
import type { Page } from '@app/kit/pagination';
import type { Owned } from '@app/kit/db/shapes';
import type { SampleContentKind, SampleDeliverer, CampaignMemberStatus, Canceller, CommissionBucket, FlashDealEndReason, FlashDealStatus, ProductSort, ProductStatus } from '../vocabulary.ts';
import type {
  CampaignFeeRow,
  CampaignSampleRow,
  NewCampaignFee,
  NewCampaignSample,
  CampaignMemberRow,
  CampaignRow,
  NewCampaign,
  NewCampaignMember,
  VideoSalesRow,
  AffiliateLinkRow,
  BrandRow,
  CatalogRow,
  CommissionDealRow,
  CommissionPayoutRow,
  FlashDealRow,
  NewAffiliateClick,
  NewFlashDeal,
  NewAffiliateLink,
  NewBrand,
  NewBrandTopic,
  NewCatalog,
  NewCatalogProduct,
  NewCommissionDealRow,
  NewCreatorCatalog,
  NewLiveStreamPin,
  NewOrder,
  NewOrderLine,
  NewOrderReturn,
  NewOrderReturnLine,
  NewPayout,
  NewProduct,
  NewShowcaseItem,
  NewVideoProduct,
  OrderLineRow,
  OrderReturnLineRow,
  OrderReturnRow,
  OrderRow,
  ProductRow,
} from './tables.ts';

// ---- Rows the reads answer besides a table's own.

/** A row of a list its owner orders by hand (a catalog, a showcase); `position` is its sort key. */
export type Placed<T> = Owned<T> & { position: number };

/** An order line with its order's currency, which its money is in. */
export type OrderLineView = OrderLineRow & { currency: string };

/** A return's line with the order line it sends back (product, title and price as bought). */
export type OrderReturnLineView = OrderReturnLineRow & Pick<OrderLineRow, 'productId' | 'title' | 'unitPriceAmount'> & { currency: string };

/** An affiliate link with what it has earned and the rate a sale through it would pay now. */
export interface AffiliateLinkView extends AffiliateLinkRow {
  commissionBps: number;
  orderCount: number;
  earnedAmount: number;
  pendingAmount: number;
  currency: string;
}

/** The rate a sale of a product through a creator would pay now (commission.ts states the rule). */
export interface SaleRate {
  productId: string;
  bps: number;
  /** The campaign whose rate it is (the creator is accepted in it and it is OPEN); null for the product's or a deal's rate. */
  campaignId: string | null;
}

/** A product as a feed creates it: every column given. */
export type NewFeedProduct = Required<NewProduct>;

/** What a feed import compares an item with: the fields a feed sets on a product it imported. */
export type ImportedProduct = Pick<ProductRow, 'id' | 'externalId' | 'title' | 'description' | 'priceAmount' | 'currency' | 'inventory' | 'status' | 'imageUrl' | 'commissionBps'>;

/** What a live stream sold: its orders not cancelled, and their lines the stream's attribution covers. */
export interface StreamSales {
  liveStreamId: string;
  orders: number;
  units: number;
  /** Minor units of `currency`, meaningful only when `currencies` is 1. */
  revenueAmount: number;
  currency: string;
  /** How many currencies the sales are in: an order is in one, but two orders may differ. */
  currencies: number;
}

// ---- Search.

/** A product search as the store runs it: checked and made into terms by `../search.ts`. */
export interface ProductSearch {
  /** Words to find (letters and digits only), all of them, the last also as a prefix. */
  terms: readonly string[];
  brandId: string | null;
  /** Price bounds, inclusive, in minor units. */
  minPrice: number | null;
  maxPrice: number | null;
  /** true: only products with units left; false: only those sold out; null: both. */
  inStock: boolean | null;
  topic: string | null;
  sort: ProductSort;
}

/** What a search found, in its order: the row's id and its place in that order (the cursor). */
export interface SearchHit {
  id: string;
  /** The sort value (a score, a price, a time in ms, units sold) and the id. */
  key: [number, string];
}

// ---- What writes take.

export type ProductChanges = Partial<Pick<ProductRow, 'title' | 'description' | 'priceAmount' | 'inventory' | 'status'>>;

export type NewCommissionDeal = Omit<NewCommissionDealRow, 'id'>;

/** How a PAID order closes: shipped (with its shipment and the end of its return window) or cancelled. */
export type OrderClosing =
  | { status: 'FULFILLED'; fulfilledAt: Date; carrier: string; trackingNumber: string; returnsUntil: Date }
  | { status: 'CANCELLED'; cancelledAt: Date; cancelledBy: Canceller };

/** How an open return is decided. */
export type ReturnDecision =
  | { status: 'APPROVED'; decidedAt: Date; restocked: boolean; refundAmount: number; commissionReversed: number }
  | { status: 'DECLINED'; decidedAt: Date };

/** What an order line's refunds and clawback stand at. */
export interface LineRefund {
  refundedQuantity: number;
  commissionReversed: number;
}

/** The hand-ordered lists of products: a live stream's overlay, a creator's showcase, a catalog. */
export type ProductListName = 'pins' | 'showcase' | 'catalog';

/** What a catalog's owner may change besides its products. */
export interface CatalogChanges {
  name?: string;
  description?: string;
}

export interface ListedProduct {
  productId: string;
  position: number;
}

// ---- Settlement.

/** How a REQUESTED payout settles. */
export type PayoutSettlement = { status: 'PAID'; providerTransferId: string; settledAt: Date } | { status: 'FAILED'; failureReason: string; settledAt: Date };

/** A PAYABLE line and what it earns, as a payout takes it. */
export interface PayableLine {
  orderId: string;
  position: number;
  amount: number;
}

/** An attributed line that earned commission, as the creator's statement shows it. */
export interface CommissionLineView {
  orderId: string;
  position: number;
  creatorId: string;
  productId: string;
  title: string;
  quantity: number;
  refundedQuantity: number;
  commissionBps: number;
  commissionAmount: number;
  commissionReversed: number;
  /** The campaign whose rate the line earned; null for the open rate or a deal's. */
  campaignId: string | null;
  currency: string;
  orderedAt: Date;
  returnsUntil: Date | null;
  payoutId: string | null;
  bucket: CommissionBucket;
}

/** Which lines a statement shows: their states (all when null) and the period their orders were placed in, [from, to). */
export interface StatementFilter {
  buckets: readonly CommissionBucket[] | null;
  from: Date | null;
  to: Date | null;
}

/** What a set of lines adds up to in one state: what they earn (credited − reversed) and what was clawed back. */
export interface BucketTotal {
  bucket: CommissionBucket;
  net: number;
  reversed: number;
}

export interface CreatorBucketTotal extends BucketTotal {
  creatorId: string;
}

// ---- Analytics.

/** What a set of order lines sold, in minor units of the period's currency. */
export interface SalesFigures {
  orders: number;
  units: number;
  revenueAmount: number;
  refundAmount: number;
  commissionAmount: number;
}

export interface SalesRow extends SalesFigures {
  /** What the row is for: a product, a creator or a live stream. */
  key: string;
}

export interface SalesPeriod {
  brandId: string;
  currency: string;
  from: Date;
  to: Date;
}

/** The seed world's rows (`seed.ts`), inserted in this order (foreign keys point backwards). */
export interface CommerceSeedRows {
  brands: NewBrand[];
  /** The topics each brand's products suit (none when left out). */
  brandTopics?: NewBrandTopic[];
  products: NewProduct[];
  catalogs: NewCatalog[];
  catalogProducts: NewCatalogProduct[];
  creatorCatalogs: NewCreatorCatalog[];
  showcaseItems: NewShowcaseItem[];
  videoProducts: NewVideoProduct[];
  liveStreamPins: NewLiveStreamPin[];
  /** Flash deals that ran (none when left out). */
  flashDeals?: NewFlashDeal[];
  creatorCommissions: NewCommissionDealRow[];
  affiliateLinks: NewAffiliateLink[];
  affiliateClicks: NewAffiliateClick[];
  commissionPayouts: NewPayout[];
  orders: NewOrder[];
  orderLines: NewOrderLine[];
  orderReturns: NewOrderReturn[];
  orderReturnLines: NewOrderReturnLine[];
}

/** Partner webhooks' statements are the kit's (`webhook-statements.ts`), on commerce's copy of its tables. */
export interface CommerceStatements extends KitStatements, WebhookStatements {
  // Reads for the loaders and lists (statements/reads.ts): batch-shaped, one statement for many keys.
  brandsByIds(ids: readonly string[]): Promise<BrandRow[]>;
  productsByIds(ids: readonly string[]): Promise<ProductRow[]>;
  catalogsByIds(ids: readonly string[]): Promise<CatalogRow[]>;
  /** One page of brands by name (id breaks ties), with one extra row to tell whether more follow. */
  brandsPage(page: Page): Promise<BrandRow[]>;
  /** One page of products on sale, newest first, optionally of one brand. */
  activeProductsPage(page: Page, brandId?: string): Promise<ProductRow[]>;
  /** One page of a brand's own products, newest first, of one status or (null) all, archived ones included. */
  brandCatalogPage(brandId: string, page: Page, status: ProductStatus | null): Promise<ProductRow[]>;
  /** The brand's product a feed imported under `externalId`, if any. */
  productByExternalId(brandId: string, externalId: string): Promise<ProductRow | undefined>;
  /** One page of a brand's commission deals, most recently set first. */
  commissionDealsPage(brandId: string, page: Page): Promise<CommissionDealRow[]>;
  /** A page of products on sale for each of many brands, newest first. */
  brandProductPages(brandIds: readonly string[], page: Page): Promise<Owned<ProductRow>[]>;
  /** A page of catalogs for each of many brands, newest first. */
  brandCatalogPages(brandIds: readonly string[], page: Page): Promise<Owned<CatalogRow>[]>;
  /** A page of products for each of many catalogs, in the brand's order. */
  catalogProductPages(catalogIds: readonly string[], page: Page): Promise<Placed<ProductRow>[]>;
  /** A page of each of many creators' showcases, in the creator's order. */
  showcasePages(creatorIds: readonly string[], page: Page): Promise<Placed<ProductRow>[]>;
  /** A page of the catalogs each of many creators carries, in the creator's order. */
  creatorCatalogPages(creatorIds: readonly string[], page: Page): Promise<Placed<CatalogRow>[]>;
  /** Products tagged in each of many videos, in tag order. A video holds at most 5, so no page. */
  videoProductLists(videoIds: readonly string[]): Promise<Owned<ProductRow>[]>;
  /** Products pinned on each of many live streams, in overlay order. At most 20 a stream, so no page. */
  pinnedProductLists(liveStreamIds: readonly string[]): Promise<Owned<ProductRow>[]>;
  affiliateLinksByIds(ids: readonly string[]): Promise<AffiliateLinkView[]>;
  /** A page of each of many creators' affiliate links, newest first, with their stats. */
  affiliateLinkPages(creatorIds: readonly string[], page: Page): Promise<Owned<AffiliateLinkView>[]>;
  /** A page of a creator's videos' kept sales (`video_sales`) with an order that stands, best selling (revenue) first. */
  videoSalesPage(creatorId: string, page: Page): Promise<VideoSalesRow[]>;
  /** The rate a sale of each product through the creator would pay now; products that do not exist have no row. */
  saleRates(creatorId: string, productIds: readonly string[]): Promise<SaleRate[]>;
  ordersByIds(ids: readonly string[]): Promise<OrderRow[]>;
  /** A page of each of many buyers' orders, newest first. */
  buyerOrderPages(buyerIds: readonly string[], page: Page): Promise<Owned<OrderRow>[]>;
  /** A page of each of many brands' orders, newest first. */
  brandOrderPages(brandIds: readonly string[], page: Page): Promise<Owned<OrderRow>[]>;
  /** The lines of many orders, in line order. An order has at most 50, so no page. */
  orderLineLists(orderIds: readonly string[]): Promise<Owned<OrderLineView>[]>;
  returnsByIds(ids: readonly string[]): Promise<OrderReturnRow[]>;
  /** The returns of many orders, oldest first. Each needs units not yet refunded, so an order has few. */
  orderReturnLists(orderIds: readonly string[]): Promise<Owned<OrderReturnRow>[]>;
  /** The lines of many returns, in order-line order, with the order line's product, title and price. */
  returnLineLists(returnIds: readonly string[]): Promise<Owned<OrderReturnLineView>[]>;
  /** The sales of each of many live streams, one statement; a stream that sold nothing has no row. */
  streamSales(liveStreamIds: readonly string[]): Promise<StreamSales[]>;

  // What writes run (statements/writes.ts), inside `store.transaction`.
  /** A product's new fields; undefined when there is no such product. */
  updateProduct(id: string, changes: ProductChanges): Promise<ProductRow | undefined>;
  /** The brand's products a feed imported (they have an externalId), as a feed compares them. */
  importedProducts(brandId: string): Promise<ImportedProduct[]>;
  /** A feed's new products. */
  insertProducts(rows: readonly NewFeedProduct[]): Promise<void>;
  /** Writes each product's feed fields as given (the whole set, changed or not). */
  updateImportedProducts(rows: readonly ImportedProduct[]): Promise<void>;
  /** Takes products off sale; answers how many were on sale. */
  archiveProducts(ids: readonly string[]): Promise<number>;
  /**
   * Takes `quantity` units of a product on sale, only if that many are left; answers whether it
   * did. The guard in the statement is what holds under concurrency.
   */
  takeStock(productId: string, quantity: number): Promise<boolean>;
  /** Puts units back on the shelf, line by line. */
  restoreStock(lines: readonly { productId: string; quantity: number }[]): Promise<void>;
  insertOrder(order: NewOrder, lines: readonly NewOrderLine[]): Promise<void>;
  /** PAID → the closing's status, only from PAID; undefined when the order was not PAID. */
  closePaidOrder(id: string, change: OrderClosing): Promise<OrderRow | undefined>;
  /** Claws back every line's commission in full (a cancelled order). */
  reverseOrderCommission(orderId: string): Promise<void>;
  /**
   * Moves a line's refunds from `from` to `to`, only if it still stands at `from`; answers whether
   * it did. Whoever read the line before a concurrent refund changed it writes nothing.
   */
  refundLine(orderId: string, position: number, from: LineRefund, to: LineRefund): Promise<boolean>;
  /** The order's return still waiting for the brand, if any. */
  openReturnOf(orderId: string): Promise<OrderReturnRow | undefined>;
  insertReturn(row: NewOrderReturn, lines: readonly NewOrderReturnLine[]): Promise<void>;
  /** REQUESTED → the decision, only from REQUESTED; undefined when it was decided already. */
  decideReturn(id: string, decision: ReturnDecision): Promise<OrderReturnRow | undefined>;
  affiliateLinkByCode(code: string): Promise<AffiliateLinkRow | undefined>;
  affiliateLinkOf(creatorId: string, productId: string): Promise<AffiliateLinkRow | undefined>;
  insertAffiliateLink(link: NewAffiliateLink): Promise<void>;
  /** Records a user's click on a link; answers false when that user had clicked it before. */
  recordClick(linkId: string, userId: string, now: Date): Promise<boolean>;
  /** Adds one to the link's kept click count; undefined when there is no such link. */
  countClick(linkId: string): Promise<AffiliateLinkRow | undefined>;
  /** Sets the deal of (creator, brand, product or all products), replacing the rate of one already set. */
  saveCommissionDeal(id: string, deal: NewCommissionDeal): Promise<CommissionDealRow>;
  insertCatalog(catalog: NewCatalog): Promise<CatalogRow>;
  /** What one owner's list holds, with positions. */
  listedProducts(list: ProductListName, ownerId: string): Promise<ListedProduct[]>;
  /** Adds items to a list; only pins and showcase items keep when they were added. */
  appendToList(list: ProductListName, ownerId: string, items: readonly ListedProduct[], now: Date): Promise<void>;
  /** Gives listed products new positions (rows of products not named keep theirs). */
  setListPositions(list: ProductListName, ownerId: string, items: readonly ListedProduct[]): Promise<void>;
  /** A catalog's new name and description; undefined when there is no such catalog. */
  updateCatalog(catalogId: string, changes: CatalogChanges): Promise<CatalogRow | undefined>;
  /** Deletes a catalog with its product list and its place on creators' profiles; answers those creators. */
  deleteCatalog(catalogId: string): Promise<string[]>;
  /** Replaces the catalogs a creator's profile carries with these, in this order. */
  replaceCreatorCatalogs(creatorId: string, catalogIds: readonly string[]): Promise<void>;
  /** Takes products out of a list; answers those that were in it. */
  removeFromList(list: ProductListName, ownerId: string, productIds: readonly string[]): Promise<string[]>;

  // Flash deals (statements/deals.ts): each move of units or status a guarded UPDATE.
  dealsByIds(ids: readonly string[]): Promise<FlashDealRow[]>;
  /** The scheduled and running deals of many streams, soonest start first (a stream has at most one per pinned product). */
  openDealsOfStreams(liveStreamIds: readonly string[]): Promise<FlashDealRow[]>;
  /** Streams with a scheduled or running deal, after `afterStreamId` in id order, at most `limit`. */
  streamsWithOpenDeals(afterStreamId: string, limit: number): Promise<string[]>;
  /** The scheduled or running deal on a stream's product, if any. */
  openDealOf(liveStreamId: string, productId: string): Promise<FlashDealRow | undefined>;
  insertFlashDeal(row: NewFlashDeal): Promise<void>;
  /** Takes `quantity` of a deal's units, only while it sells at `now` and that many are left; the deal after, or undefined. */
  takeDealUnits(dealId: string, quantity: number, now: Date): Promise<FlashDealRow | undefined>;
  /** Adds to a buyer's units of a deal, only within `limit`; their total after, or undefined when it would pass the limit. */
  addDealBuyerUnits(dealId: string, buyerId: string, quantity: number, limit: number): Promise<number | undefined>;
  dealBuyerUnits(dealId: string, buyerId: string): Promise<number>;
  /** SCHEDULED → LIVE (its units left announced now); undefined when it was not SCHEDULED. */
  startDeal(dealId: string, now: Date): Promise<FlashDealRow | undefined>;
  /** `from` → ENDED, its units left moved to `unitsReturned`; undefined when it was not at `from`. */
  endDeal(dealId: string, from: FlashDealStatus, reason: FlashDealEndReason): Promise<FlashDealRow | undefined>;
  /** Deals in `status` whose clock is due by `now`, earliest first. */
  dueDeals(status: FlashDealStatus, now: Date, limit: number): Promise<FlashDealRow[]>;
  /** Deals whose held-back units-left announcement is due by `now`, earliest first. */
  dueUnitsAnnouncements(now: Date, limit: number): Promise<FlashDealRow[]>;
  /** Records a units-left announcement at `now`, only if none was made after `lastBefore`; the deal, or undefined. */
  claimUnitsAnnouncement(dealId: string, now: Date, lastBefore: Date): Promise<FlashDealRow | undefined>;
  /** Marks a units-left announcement due at `dueAt`, unless one is due already. */
  deferUnitsAnnouncement(dealId: string, dueAt: Date): Promise<void>;

  // Campaigns (statements/campaigns.ts): each move of a membership or a seat a guarded UPDATE.
  campaignsByIds(ids: readonly string[]): Promise<CampaignRow[]>;
  /** A campaign with its products, in this order. */
  insertCampaign(row: NewCampaign, productIds: readonly string[]): Promise<void>;
  /** OPEN → CLOSED; undefined when it was not OPEN. */
  closeCampaign(id: string, now: Date): Promise<CampaignRow | undefined>;
  /** Takes one of an OPEN campaign's seats, only while it has one free; the campaign after, or undefined. */
  takeCampaignSeat(id: string): Promise<CampaignRow | undefined>;
  /** One page of OPEN campaigns, newest first, with one extra row. */
  openCampaignsPage(page: Page): Promise<CampaignRow[]>;
  /** One page of a brand's campaigns, newest first, with one extra row. */
  brandCampaignsPage(brandId: string, page: Page): Promise<CampaignRow[]>;
  /** The products of many campaigns, in the brand's order (at most CAMPAIGN_MAX_PRODUCTS a campaign). */
  campaignProductLists(campaignIds: readonly string[]): Promise<Owned<ProductRow>[]>;
  /** Where some creators stand with one campaign; a creator with no row is not in it. */
  campaignMembersOf(campaignId: string, creatorIds: readonly string[]): Promise<CampaignMemberRow[]>;
  /** Where one creator stands with many campaigns. */
  membershipsOfCreator(creatorId: string, campaignIds: readonly string[]): Promise<CampaignMemberRow[]>;
  /** Memberships, each only if the creator has none with the campaign yet; answers the creators inserted. */
  insertCampaignMembers(rows: readonly NewCampaignMember[]): Promise<string[]>;
  /** A membership `from` → `to`, only from `from`; the row after, or undefined. */
  moveCampaignMember(campaignId: string, creatorId: string, from: CampaignMemberStatus, to: CampaignMemberStatus, now: Date): Promise<CampaignMemberRow | undefined>;
  /** One page of a creator's memberships in one status, latest change first. */
  creatorMembershipsPage(creatorId: string, status: CampaignMemberStatus, page: Page): Promise<CampaignMemberRow[]>;
  /** One page of a campaign's members in one status, latest change first. */
  campaignMembersPage(campaignId: string, status: CampaignMemberStatus, page: Page): Promise<CampaignMemberRow[]>;

  // Campaign samples (statements/campaigns.ts): each move a guarded UPDATE from the status expected, inside its window.
  samplesByIds(ids: readonly string[]): Promise<CampaignSampleRow[]>;
  /** The creator's sample of a campaign's product, if asked for. */
  sampleOf(campaignId: string, creatorId: string, productId: string): Promise<CampaignSampleRow | undefined>;
  insertSample(row: NewCampaignSample): Promise<void>;
  /** REQUESTED → APPROVED or DECLINED, only before its `decide_by`. */
  decideSample(id: string, to: 'APPROVED' | 'DECLINED', now: Date): Promise<CampaignSampleRow | undefined>;
  /** APPROVED → SHIPPED with its shipment. */
  shipSample(id: string, shipment: { carrier: string; trackingNumber: string }, now: Date): Promise<CampaignSampleRow | undefined>;
  /** SHIPPED → DELIVERED, the content window ending at `contentDueAt`. */
  deliverSample(id: string, by: SampleDeliverer, now: Date, contentDueAt: Date): Promise<CampaignSampleRow | undefined>;
  /** DELIVERED → FULFILLED by this content, only before its `content_due_at`. */
  fulfilSample(id: string, content: { kind: SampleContentKind; id: string }, now: Date): Promise<CampaignSampleRow | undefined>;
  /** DELIVERED → MISSED, only once its `content_due_at` has passed. */
  missSample(id: string, now: Date): Promise<CampaignSampleRow | undefined>;
  /** DELIVERED samples whose content window ended by `now`, earliest first. */
  dueSamples(now: Date, limit: number): Promise<CampaignSampleRow[]>;
  /** One page of a creator's samples, newest request first. */
  creatorSamplesPage(creatorId: string, page: Page): Promise<CampaignSampleRow[]>;
  /** One page of a campaign's samples, newest request first. */
  campaignSamplesPage(campaignId: string, page: Page): Promise<CampaignSampleRow[]>;
  /** Many creators' kept sample records; a creator with none has no row. */
  fulfilmentOf(creatorIds: readonly string[]): Promise<{ creatorId: string; fulfilled: number; missed: number }[]>;
  /** Adds one fulfilled or missed sample to a creator's kept record. */
  countFulfilment(creatorId: string, outcome: 'fulfilled' | 'missed'): Promise<void>;
  /** A creator's fee for a campaign, unless one was made before; answers whether it made it. */
  insertCampaignFee(row: NewCampaignFee): Promise<boolean>;
  /** The fees of some creators in one campaign. */
  campaignFeesOf(campaignId: string, creatorIds: readonly string[]): Promise<CampaignFeeRow[]>;
  /** A creator's fees in one currency in no payout yet: what a payout takes beside PAYABLE lines. */
  payableCampaignFees(creatorId: string, currency: string): Promise<{ id: string; amount: number }[]>;
  /** Puts fees in a payout, only those in none yet; answers how many it put. */
  assignPayoutFees(payoutId: string, feeIds: readonly string[]): Promise<number>;

  // Settlement (statements/settlement.ts): a line's state is worked out at `now`, never stored.
  /** Each of many creators' commission per state, one statement; a creator with none has no rows. */
  commissionBuckets(creatorIds: readonly string[], now: Date): Promise<CreatorBucketTotal[]>;
  /** One page of a creator's statement, newest order first, with one extra row to tell whether more follow. */
  commissionLinePage(creatorId: string, filter: StatementFilter, page: Page, now: Date): Promise<CommissionLineView[]>;
  /** A creator's statement per state over a period, whatever states its page shows. */
  commissionStatementTotals(creatorId: string, filter: StatementFilter, now: Date): Promise<BucketTotal[]>;
  /** The lines of many orders that earned commission, in line order. */
  orderCommissionLines(orderIds: readonly string[], now: Date): Promise<Owned<CommissionLineView>[]>;
  /** A creator's PAYABLE lines in one currency at `now`, with what each earns. */
  payableCommissionLines(creatorId: string, currency: string, now: Date): Promise<PayableLine[]>;
  insertPayout(payout: NewPayout): Promise<void>;
  /** Puts lines in a payout, only those in none yet; answers how many it put. */
  assignPayoutLines(payoutId: string, lines: readonly PayableLine[]): Promise<number>;
  /** REQUESTED → PAID or FAILED, only from REQUESTED; undefined when it was settled already. */
  settlePayout(id: string, settlement: PayoutSettlement): Promise<CommissionPayoutRow | undefined>;
  /** Takes a failed payout's lines out of it, so their commission is payable again. */
  releasePayoutLines(payoutId: string): Promise<void>;
  payoutsByIds(ids: readonly string[]): Promise<CommissionPayoutRow[]>;
  /** A page of each of many creators' payouts, newest first. */
  creatorPayoutPages(creatorIds: readonly string[], page: Page): Promise<Owned<CommissionPayoutRow>[]>;

  // A brand's sales over a period (statements/analytics.ts): orders not cancelled, net of refunds.
  brandSalesTotals(period: SalesPeriod): Promise<SalesFigures>;
  /** Sales per product, most revenue first, at most `first` rows. */
  brandSalesByProduct(period: SalesPeriod, first: number): Promise<SalesRow[]>;
  /** Sales per attributed creator (their covered lines only), most revenue first. */
  brandSalesByCreator(period: SalesPeriod, first: number): Promise<SalesRow[]>;
  /** Sales per live stream (its covered lines only), most revenue first. */
  brandSalesByLiveStream(period: SalesPeriod, first: number): Promise<SalesRow[]>;

  /**
   * Every kept sales and commission row recounted from all of history, and each value that differs
   * (a recount reads everything by nature: `npm run reconcile`, never a request).
   */
  keptCountDifferences(): Promise<KeptCountDifference[]>;

  // Search (statements/search.ts): the engine's own full-text index, a page at a time.
  /** One page (with one extra row) of the products on sale that match every term and filter, in the search's order. */
  searchProducts(search: ProductSearch, page: Page): Promise<SearchHit[]>;
  /** One page (with one extra row) of the brands whose name or description match every term, most relevant first. */
  searchBrands(terms: readonly string[], page: Page): Promise<SearchHit[]>;

  // The seed step.
  isEmpty(): Promise<boolean>;
  insertSeedRows(rows: CommerceSeedRows): Promise<void>;
}

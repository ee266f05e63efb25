/**
 * Commerce's vocabulary: the statuses, kinds and units its rows and rules speak in. A leaf the
 * store's tables and the domain both import, importing nothing.
 */

/** Where a brand's products come from: made on the app, or imported from a platform's feed. */
export const PLATFORMS = ['NATIVE', 'SHOPIFY', 'WALMART', 'PRINT_ON_DEMAND'] as const;
export type Platform = (typeof PLATFORMS)[number];

export const PRODUCT_STATUSES = ['ACTIVE', 'ARCHIVED'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

export const ORDER_STATUSES = ['PAID', 'FULFILLED', 'CANCELLED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Who cancelled an order: its buyer, or its brand (an order it cannot ship). */
export const CANCELLERS = ['BUYER', 'BRAND'] as const;
export type Canceller = (typeof CANCELLERS)[number];

export const RETURN_STATUSES = ['REQUESTED', 'APPROVED', 'DECLINED'] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];

export const PAYOUT_STATUSES = ['REQUESTED', 'PAID', 'FAILED'] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

/**
 * The state a line's commission is in (settlement.ts states the rule), with PAID split by its
 * payout: PROCESSING while the payout provider has not answered, PAID once it paid.
 */
export const COMMISSION_BUCKETS = ['PENDING', 'LOCKED', 'PAYABLE', 'REVERSED', 'PROCESSING', 'PAID'] as const;
export type CommissionBucket = (typeof COMMISSION_BUCKETS)[number];

/**
 * The states a line's commission is KEPT in (`creator_commission_*`): a bucket, except that LOCKED
 * and PAYABLE are one SETTLING state, split when read by the time its lock ends (the return window,
 * or never while a return is open), which no write marks.
 */
export const KEPT_COMMISSION_STATES = ['PENDING', 'SETTLING', 'REVERSED', 'PROCESSING', 'PAID'] as const;
export type KeptCommissionState = (typeof KEPT_COMMISSION_STATES)[number];

/** What a brand's daily sales rollup row is for: the brand as a whole, a product, an attributed creator, a live stream. */
export const SALES_KINDS = ['brand', 'product', 'creator', 'stream'] as const;
export type SalesKind = (typeof SALES_KINDS)[number];

/** How a product search orders what it finds. */
export const PRODUCT_SORTS = ['RELEVANCE', 'PRICE_ASC', 'PRICE_DESC', 'NEWEST', 'BEST_SELLING'] as const;
export type ProductSort = (typeof PRODUCT_SORTS)[number];

/**
 * What a product search reads, at most, whatever the catalogue's size (design notes, "Search at
 * scale"): words matching up to SORTED_MATCHES_MAX products are all read and sorted; more, and a
 * sort with an index walks that index, keeping the matches, until the page is full. RELEVANCE
 * ranks the first RELEVANCE_CANDIDATES matches that pass the filters (the newest on SQLite).
 */
export const SORTED_MATCHES_MAX = 500;
export const RELEVANCE_CANDIDATES = 200;
/**
 * Where a word is dense enough (SQLite) that the walk tests each row it passes instead of reading
 * every match's id once: at a tenth of the catalogue, a page is found within about ten times its
 * size of rows, while the matches' ids would be a tenth of the catalogue. Counted up to at most
 * DENSE_MATCHES_MAX (a bounded count), so neither way reads more than that many entries' worth.
 */
export const DENSE_SHARE = 0.1;
export const DENSE_MATCHES_MAX = 20_000;

/** Commission totals are in USD: the store sells in USD only (feeds refuse other currencies). */
export const COMMISSION_CURRENCY = 'USD';

/** The most lines an order (and so a return) has, and the most units a line. */
export const MAX_LINES = 50;
export const MAX_QUANTITY = 100;

/** The kinds of LIVE shopping event, as the outbox stores them and the API names them. */
export const LIVE_SHOPPING_EVENT_KINDS = ['PRODUCT_PINNED', 'PRODUCT_UNPINNED', 'PURCHASED', 'DEAL_SCHEDULED', 'DEAL_STARTED', 'DEAL_UNITS_LEFT', 'DEAL_ENDED'] as const;
export type LiveShoppingEventKind = (typeof LIVE_SHOPPING_EVENT_KINDS)[number];

/**
 * What the outbox keeps of a LIVE shopping event: which product, and a count: for a purchase the
 * units bought, for DEAL_STARTED and DEAL_UNITS_LEFT the deal's units left then, for DEAL_ENDED the
 * units it sold. A deal's events name the deal. Never who bought.
 */
export interface LiveShoppingPayload {
  productId: string;
  quantity: number | null;
  dealId?: string;
}

/** A flash deal's life: SCHEDULED until it starts, LIVE while it sells, ENDED once time is up or it sold out. */
export const FLASH_DEAL_STATUSES = ['SCHEDULED', 'LIVE', 'ENDED'] as const;
export type FlashDealStatus = (typeof FLASH_DEAL_STATUSES)[number];

export const FLASH_DEAL_END_REASONS = ['TIME_UP', 'SOLD_OUT', 'ENDED_EARLY', 'STREAM_ENDED'] as const;
export type FlashDealEndReason = (typeof FLASH_DEAL_END_REASONS)[number];

/** A flash deal's bounds: a countdown of 0 (now) or 10 to 300 seconds, 1 to 20 minutes long, at most this many units reserved. */
export const DEAL_COUNTDOWN_MIN_SECONDS = 10;
export const DEAL_COUNTDOWN_MAX_SECONDS = 300;
export const DEAL_DURATION_MIN_MINUTES = 1;
export const DEAL_DURATION_MAX_MINUTES = 20;
export const DEAL_MAX_QUANTITY = 10_000;

/** A deal's units left are announced at most once a second; the clock sends what a busy second left unsaid. */
export const DEAL_UNITS_LEFT_EVERY_MS = 1_000;

/**
 * What a brand's webhook endpoints may hear (`WebhookTopic` in the API): each a kind of event a
 * commerce write enqueues in its own transaction. A topic is listed only once a write sends it;
 * campaigns (CAMPAIGN_*) and flash deals (LIVE_DEAL_*) join when those writes exist, each named
 * `<AREA>_<WHAT>` so its payload's `type` follows (`webhookEventType`).
 */
export const WEBHOOK_TOPICS = [
  'ORDER_CREATED',
  'ORDER_PAID',
  'ORDER_CANCELLED',
  'ORDER_FULFILLED',
  'ORDER_RETURNED',
  'PRODUCT_STOCK_LOW',
  'PRODUCT_OUT_OF_STOCK',
  'LIVE_PRODUCT_PINNED',
  'LIVE_DEAL_SOLD_OUT',
  'CAMPAIGN_APPLIED',
  'CAMPAIGN_ACCEPTED',
  'CAMPAIGN_CONTENT_DELIVERED',
] as const;
export type WebhookTopic = (typeof WEBHOOK_TOPICS)[number];

/** A topic's `type` in the payload partners receive: ORDER_PAID is `order.paid`, PRODUCT_STOCK_LOW `product.stock_low`. */
export function webhookEventType(topic: WebhookTopic): string {
  return topic.toLowerCase().replace('_', '.');
}

/**
 * Stock is low at or below this many units (and above none): PRODUCT_STOCK_LOW is sent when a
 * write takes a product from above it to within it, PRODUCT_OUT_OF_STOCK when it takes the last
 * unit. Crossings only: a product that stays low says nothing more until it is restocked above it.
 */
export const LOW_STOCK_UNITS = 5;

/** The most webhook endpoints a brand registers (each reads its own queue; a handful covers staging, production and a tool). */
export const MAX_WEBHOOK_ENDPOINTS = 10;
export const WEBHOOK_DESCRIPTION_MAX = 200;

/** A campaign runs OPEN (it takes creators, and its accepted creators' sales earn its rate) until its brand closes it. */
export const CAMPAIGN_STATUSES = ['OPEN', 'CLOSED'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/**
 * Where a creator stands with a campaign (campaigns.ts states the moves): INVITED by the brand →
 * ACCEPTED or DECLINED by the creator; APPLIED by the creator → ACCEPTED or REJECTED by the brand.
 */
export const CAMPAIGN_MEMBER_STATUSES = ['INVITED', 'APPLIED', 'ACCEPTED', 'DECLINED', 'REJECTED'] as const;
export type CampaignMemberStatus = (typeof CAMPAIGN_MEMBER_STATUSES)[number];

/** A campaign's bounds: its products, how many creators it takes, its brief, and the most invitations a call sends. */
export const CAMPAIGN_MAX_PRODUCTS = 20;
export const CAMPAIGN_MAX_CAPACITY = 1_000;
export const CAMPAIGN_NAME_MAX = 120;
export const CAMPAIGN_BRIEF_MAX = 5_000;
export const CAMPAIGN_MESSAGE_MAX = 1_000;
export const CAMPAIGN_INVITES_PER_CALL = 50;
/** The largest fixed fee a campaign pays each creator, in minor units ($100,000). */
export const CAMPAIGN_MAX_FEE = 10_000_000;

/**
 * A free sample's life (samples.ts states the moves): REQUESTED by an accepted creator → APPROVED
 * or DECLINED by the brand (within its window, else it shows LAPSED) → SHIPPED → DELIVERED → the
 * creator's content FULFILLED it in time, or it was MISSED. LAPSED is worked out when read, never stored.
 */
export const SAMPLE_STATUSES = ['REQUESTED', 'APPROVED', 'DECLINED', 'SHIPPED', 'DELIVERED', 'FULFILLED', 'MISSED'] as const;
export type SampleStatus = (typeof SAMPLE_STATUSES)[number];

/** What fulfilled a sample: a video tagging its product, or a LIVE stream it was pinned on. */
export const SAMPLE_CONTENT_KINDS = ['VIDEO', 'LIVE'] as const;
export type SampleContentKind = (typeof SAMPLE_CONTENT_KINDS)[number];

/** Who marked a sample delivered: the creator confirming receipt, or the brand with the carrier's proof. */
export const SAMPLE_DELIVERERS = ['CREATOR', 'BRAND'] as const;
export type SampleDeliverer = (typeof SAMPLE_DELIVERERS)[number];

export const SAMPLE_CARRIER_MAX = 60;
export const SAMPLE_TRACKING_MAX = 100;

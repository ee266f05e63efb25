import { sql } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { idempotencyKeys } from '@app/kit/idempotency';
import { liveEvents, liveEventTopics } from '@app/kit/live';
import { usedNonces } from '@app/kit/nonces';

// The kit's tables live in this store too, so drizzle-kit migrates them here: idempotency keys
// (checkout takes one), the outbox of LIVE shopping events (pins, unpins, purchases), and the
// signature nonces accepted, kept across restarts.
export { idempotencyKeys, liveEvents, liveEventTopics, usedNonces };

export const PLATFORMS = ['NATIVE', 'SHOPIFY', 'WALMART', 'PRINT_ON_DEMAND'] as const;
export const PRODUCT_STATUSES = ['ACTIVE', 'ARCHIVED'] as const;
export const ORDER_STATUSES = ['PAID', 'FULFILLED', 'CANCELLED'] as const;
/** Who cancelled an order: its buyer, or its brand (an order it cannot ship). */
export const CANCELLERS = ['BUYER', 'BRAND'] as const;
export const RETURN_STATUSES = ['REQUESTED', 'APPROVED', 'DECLINED'] as const;
export const PAYOUT_STATUSES = ['REQUESTED', 'PAID', 'FAILED'] as const;

export const brands = sqliteTable(
  'brands',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    slug: text('slug').notNull().unique(),
    description: text('description').notNull(),
    platform: text('platform', { enum: PLATFORMS }).notNull(),
    logoUrl: text('logo_url').notNull(),
  },
  (table) => [index('brands_name').on(table.name, table.id)],
);

export const products = sqliteTable(
  'products',
  {
    id: text('id').primaryKey(),
    brandId: text('brand_id')
      .notNull()
      .references(() => brands.id),
    title: text('title').notNull(),
    description: text('description').notNull(),
    /** Integer minor units of `currency`. */
    priceAmount: integer('price_amount').notNull(),
    currency: text('currency').notNull().default('USD'),
    inventory: integer('inventory').notNull().default(0),
    status: text('status', { enum: PRODUCT_STATUSES }).notNull().default('ACTIVE'),
    /** Basis points (1500 is 15%), so commission arithmetic stays in integers. */
    commissionBps: integer('commission_bps').notNull(),
    imageUrl: text('image_url').notNull(),
    /** The id on the platform a merch feed imported it from; null for native products. */
    externalId: text('external_id'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [
    // The store, not the checkout code, is the last guard against overselling.
    check('products_inventory_not_negative', sql`${table.inventory} >= 0`),
    check('products_price_not_negative', sql`${table.priceAmount} >= 0`),
    check('products_commission_bps_range', sql`${table.commissionBps} between 0 and 10000`),
    // A feed import upserts on this; SQLite treats NULLs as distinct, so native products never clash.
    uniqueIndex('products_brand_external').on(table.brandId, table.externalId),
    index('products_status_created').on(table.status, table.createdAt, table.id),
    index('products_brand_status_created').on(table.brandId, table.status, table.createdAt, table.id),
  ],
);

export const catalogs = sqliteTable(
  'catalogs',
  {
    id: text('id').primaryKey(),
    brandId: text('brand_id')
      .notNull()
      .references(() => brands.id),
    name: text('name').notNull(),
    description: text('description').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [index('catalogs_brand_created').on(table.brandId, table.createdAt)],
);

export const catalogProducts = sqliteTable(
  'catalog_products',
  {
    catalogId: text('catalog_id')
      .notNull()
      .references(() => catalogs.id),
    productId: text('product_id')
      .notNull()
      .references(() => products.id),
    position: integer('position').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.catalogId, table.productId] }),
    index('catalog_products_position').on(table.catalogId, table.position),
  ],
);

/** Catalogs a creator carries. `creatorId` belongs to the users subgraph, so it has no foreign key here. */
export const creatorCatalogs = sqliteTable(
  'creator_catalogs',
  {
    creatorId: text('creator_id').notNull(),
    catalogId: text('catalog_id')
      .notNull()
      .references(() => catalogs.id),
    position: integer('position').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.creatorId, table.catalogId] }),
    index('creator_catalogs_position').on(table.creatorId, table.position),
  ],
);

/** A creator's showcase; a product appears at most once in it. */
export const showcaseItems = sqliteTable(
  'showcase_items',
  {
    creatorId: text('creator_id').notNull(),
    productId: text('product_id')
      .notNull()
      .references(() => products.id),
    position: integer('position').notNull(),
    addedAt: integer('added_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.creatorId, table.productId] }),
    index('showcase_items_position').on(table.creatorId, table.position),
  ],
);

/** Products tagged in a video (owned by content, hence no foreign key on `videoId`). */
export const videoProducts = sqliteTable(
  'video_products',
  {
    videoId: text('video_id').notNull(),
    productId: text('product_id')
      .notNull()
      .references(() => products.id),
    position: integer('position').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.videoId, table.productId] }),
    index('video_products_position').on(table.videoId, table.position),
  ],
);

/** The live-shopping overlay: products pinned on a stream (owned by content). */
export const liveStreamPins = sqliteTable(
  'live_stream_pins',
  {
    liveStreamId: text('live_stream_id').notNull(),
    productId: text('product_id')
      .notNull()
      .references(() => products.id),
    position: integer('position').notNull(),
    pinnedAt: integer('pinned_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.liveStreamId, table.productId] }),
    index('live_stream_pins_position').on(table.liveStreamId, table.position),
  ],
);

/**
 * A creator's link to a product. One per (creator, product); `creatorId` belongs to users. The
 * rate is not stored: a sale applies the rate in force then (see `creatorCommissions`).
 */
export const affiliateLinks = sqliteTable(
  'affiliate_links',
  {
    id: text('id').primaryKey(),
    code: text('code').notNull().unique(),
    creatorId: text('creator_id').notNull(),
    productId: text('product_id')
      .notNull()
      .references(() => products.id),
    /** Distinct users counted in `affiliate_clicks`, kept here so a list of links reads no click rows. */
    clicks: integer('clicks').notNull().default(0),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [uniqueIndex('affiliate_links_creator_product').on(table.creatorId, table.productId), index('affiliate_links_creator_created').on(table.creatorId, table.createdAt, table.id)],
);

/** Who has clicked a link: a user counts once per link. */
export const affiliateClicks = sqliteTable(
  'affiliate_clicks',
  {
    linkId: text('link_id')
      .notNull()
      .references(() => affiliateLinks.id),
    userId: text('user_id').notNull(),
    clickedAt: integer('clicked_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.linkId, table.userId] })],
);

/** A brand's commission deal with one creator, on one product or (productId null) all its products. */
export const creatorCommissions = sqliteTable(
  'creator_commissions',
  {
    id: text('id').primaryKey(),
    brandId: text('brand_id')
      .notNull()
      .references(() => brands.id),
    creatorId: text('creator_id').notNull(),
    productId: text('product_id').references(() => products.id),
    commissionBps: integer('commission_bps').notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [
    check('creator_commissions_bps_range', sql`${table.commissionBps} between 0 and 10000`),
    // NULLs are distinct in a unique index, so product deals and the brand-wide deal get one each.
    uniqueIndex('creator_commissions_product_deal').on(table.creatorId, table.brandId, table.productId).where(sql`${table.productId} is not null`),
    uniqueIndex('creator_commissions_brand_deal').on(table.creatorId, table.brandId).where(sql`${table.productId} is null`),
  ],
);

/**
 * An order: one brand's products bought by one user. Money in integer minor units of `currency`.
 * The commission owed to the attributed creator is recorded at checkout, per line; what happens
 * to it afterwards (refunds, payouts) is kept on the lines (`order_lines`), and its state is
 * worked out from them, the order's status and `returns_until` when it is read (settlement.ts).
 */
export const orders = sqliteTable(
  'orders',
  {
    id: text('id').primaryKey(),
    buyerId: text('buyer_id').notNull(),
    brandId: text('brand_id')
      .notNull()
      .references(() => brands.id),
    status: text('status', { enum: ORDER_STATUSES }).notNull(),
    currency: text('currency').notNull(),
    totalAmount: integer('total_amount').notNull(),
    commissionAmount: integer('commission_amount').notNull(),
    /** The creator the sale is attributed to; null without attribution. */
    creatorId: text('creator_id'),
    affiliateLinkId: text('affiliate_link_id').references(() => affiliateLinks.id),
    /** Owned by content, hence no foreign key. */
    liveStreamId: text('live_stream_id'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    fulfilledAt: integer('fulfilled_at', { mode: 'timestamp_ms' }),
    /** The shipment, as the brand gave it at fulfilment. */
    carrier: text('carrier'),
    trackingNumber: text('tracking_number'),
    /**
     * The end of the return window, set at fulfilment from the window then configured: a buyer may
     * ask for a return before it, and the commission stays LOCKED until it.
     */
    returnsUntil: integer('returns_until', { mode: 'timestamp_ms' }),
    cancelledAt: integer('cancelled_at', { mode: 'timestamp_ms' }),
    cancelledBy: text('cancelled_by', { enum: CANCELLERS }),
  },
  (table) => [
    check('orders_total_not_negative', sql`${table.totalAmount} >= 0`),
    check('orders_commission_range', sql`${table.commissionAmount} between 0 and ${table.totalAmount}`),
    check('orders_one_attribution', sql`${table.affiliateLinkId} is null or ${table.liveStreamId} is null`),
    index('orders_buyer_created').on(table.buyerId, table.createdAt, table.id),
    index('orders_brand_created').on(table.brandId, table.createdAt, table.id),
    index('orders_creator_status').on(table.creatorId, table.status),
    index('orders_link_status').on(table.affiliateLinkId, table.status),
    index('orders_live_stream_status').on(table.liveStreamId, table.status),
  ],
);

/**
 * A creator's withdrawal of payable commission: REQUESTED while the payout provider is asked, then
 * PAID or FAILED. The lines it pays point at it (`order_lines.payout_id`); a failed payout lets
 * go of them, so their commission is payable again.
 */
export const commissionPayouts = sqliteTable(
  'commission_payouts',
  {
    id: text('id').primaryKey(),
    creatorId: text('creator_id').notNull(),
    status: text('status', { enum: PAYOUT_STATUSES }).notNull(),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    /** What the creator named to be paid to; the test provider fails `test_fail`. */
    payoutMethod: text('payout_method'),
    providerTransferId: text('provider_transfer_id'),
    failureReason: text('failure_reason'),
    requestedAt: integer('requested_at', { mode: 'timestamp_ms' }).notNull(),
    settledAt: integer('settled_at', { mode: 'timestamp_ms' }),
  },
  (table) => [check('commission_payouts_amount_positive', sql`${table.amount} > 0`), index('commission_payouts_creator_requested').on(table.creatorId, table.requestedAt, table.id)],
);

/** A line of an order, priced as paid: a later price or title change leaves it. */
export const orderLines = sqliteTable(
  'order_lines',
  {
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id),
    position: integer('position').notNull(),
    productId: text('product_id')
      .notNull()
      .references(() => products.id),
    title: text('title').notNull(),
    quantity: integer('quantity').notNull(),
    unitPriceAmount: integer('unit_price_amount').notNull(),
    totalAmount: integer('total_amount').notNull(),
    /** 0 when the line earns no commission. */
    commissionBps: integer('commission_bps').notNull(),
    commissionAmount: integer('commission_amount').notNull(),
    /**
     * Whether the order's attribution covers this line: the affiliate link's product, or a
     * product pinned on the live stream at checkout. Kept apart from the commission, which is 0
     * on a covered line when the buyer is the creator: a stream's sales count the line all the same.
     */
    attributed: integer('attributed', { mode: 'boolean' }).notNull().default(false),
    /** Units refunded by approved returns. */
    refundedQuantity: integer('refunded_quantity').notNull().default(0),
    /** Commission clawed back: on the refunded units, or all of it when the order was cancelled. */
    commissionReversed: integer('commission_reversed').notNull().default(0),
    /** The payout that pays this line's commission; null until one does (and again if it fails). */
    payoutId: text('payout_id').references(() => commissionPayouts.id),
  },
  (table) => [
    primaryKey({ columns: [table.orderId, table.position] }),
    check('order_lines_quantity_positive', sql`${table.quantity} > 0`),
    check('order_lines_total', sql`${table.totalAmount} = ${table.unitPriceAmount} * ${table.quantity}`),
    check('order_lines_refunded_range', sql`${table.refundedQuantity} between 0 and ${table.quantity}`),
    check('order_lines_reversed_range', sql`${table.commissionReversed} between 0 and ${table.commissionAmount}`),
    index('order_lines_payout').on(table.payoutId),
  ],
);

/** A buyer's request to send units back: the brand approves it (refunding them) or declines it. */
export const orderReturns = sqliteTable(
  'order_returns',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id),
    status: text('status', { enum: RETURN_STATUSES }).notNull(),
    reason: text('reason').notNull(),
    requestedAt: integer('requested_at', { mode: 'timestamp_ms' }).notNull(),
    decidedAt: integer('decided_at', { mode: 'timestamp_ms' }),
    /** Whether the brand put the units back in stock on approval (the goods came back). */
    restocked: integer('restocked', { mode: 'boolean' }),
    /** What approval refunded, and the commission it clawed back: both 0 until approved. */
    refundAmount: integer('refund_amount').notNull().default(0),
    commissionReversed: integer('commission_reversed').notNull().default(0),
  },
  (table) => [
    index('order_returns_order').on(table.orderId, table.requestedAt),
    // One open return per order: the next one waits for the brand's answer.
    uniqueIndex('order_returns_one_open').on(table.orderId).where(sql`${table.status} = 'REQUESTED'`),
  ],
);

/** The units of each order line a return asks to send back. */
export const orderReturnLines = sqliteTable(
  'order_return_lines',
  {
    returnId: text('return_id')
      .notNull()
      .references(() => orderReturns.id),
    orderId: text('order_id').notNull(),
    /** The order line's position. */
    position: integer('position').notNull(),
    quantity: integer('quantity').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.returnId, table.position] }),
    check('order_return_lines_quantity_positive', sql`${table.quantity} > 0`),
    index('order_return_lines_line').on(table.orderId, table.position),
  ],
);

export type BrandRow = typeof brands.$inferSelect;
export type ProductRow = typeof products.$inferSelect;
export type CatalogRow = typeof catalogs.$inferSelect;
export type AffiliateLinkRow = typeof affiliateLinks.$inferSelect;
export type CommissionDealRow = typeof creatorCommissions.$inferSelect;
export type OrderRow = typeof orders.$inferSelect;
export type OrderLineRow = typeof orderLines.$inferSelect;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export type OrderReturnRow = typeof orderReturns.$inferSelect;
export type OrderReturnLineRow = typeof orderReturnLines.$inferSelect;
export type CommissionPayoutRow = typeof commissionPayouts.$inferSelect;
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

/** A product as the rules that show or sell it see it: whose it is and whether it is on sale. */
export type ProductState = Pick<ProductRow, 'id' | 'brandId' | 'status'>;

/** What a feed import compares an item with: the fields a feed sets on a product it imported. */
export type ImportedProduct = Pick<ProductRow, 'id' | 'externalId' | 'title' | 'description' | 'priceAmount' | 'currency' | 'inventory' | 'status' | 'imageUrl' | 'commissionBps'>;

/** What `recordAffiliateClick` answers: the link it counted (or not). */
export interface AffiliateClickRow {
  link: AffiliateLinkRow;
  counted: boolean;
}

/** What `checkout` answers: the order placed (or placed before, on a replay). */
export interface CheckoutResult {
  order: OrderRow;
  replayed: boolean;
}

/** An entity another subgraph owns: commerce knows its id and nothing else. */
export interface EntityRef {
  id: string;
}

type RequiredMoney = { amount: number; currencyCode: string };

/** A creator as commerce sees it: the id, and the gift earnings `earnings` requires from gifts. */
export interface CreatorRef extends EntityRef {
  giftEarnings?: {
    value?: RequiredMoney | null;
    /** Null when gifts refused or failed to give it. */
    balance?: Record<'available' | 'pending' | 'locked' | 'inPayout' | 'paidOut', RequiredMoney> | null;
  } | null;
}

export const schema = {
  brands,
  products,
  catalogs,
  catalogProducts,
  creatorCatalogs,
  showcaseItems,
  videoProducts,
  liveStreamPins,
  affiliateLinks,
  affiliateClicks,
  creatorCommissions,
  orders,
  orderLines,
  orderReturns,
  orderReturnLines,
  commissionPayouts,
  idempotencyKeys,
  liveEvents,
  liveEventTopics,
  usedNonces,
};

/** The connection the seed and the store's statements write through. */
export type CommerceDb = BetterSQLite3Database<typeof schema>;

/** The kinds of LIVE shopping event, as the outbox stores them and the API names them. */
export const LIVE_SHOPPING_EVENT_KINDS = ['PRODUCT_PINNED', 'PRODUCT_UNPINNED', 'PURCHASED'] as const;
export type LiveShoppingEventKind = (typeof LIVE_SHOPPING_EVENT_KINDS)[number];

/** What the outbox keeps of a LIVE shopping event: which product, and for a purchase how many units. Never who bought. */
export interface LiveShoppingPayload {
  productId: string;
  quantity: number | null;
}

/** What a subscription to a stream's shopping events hands its resolvers: one outbox event. */
export interface LiveShoppingEventView extends LiveShoppingPayload {
  id: string;
  kind: LiveShoppingEventKind;
}

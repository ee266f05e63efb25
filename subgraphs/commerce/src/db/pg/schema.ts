/**
 * The commerce store's tables on Postgres: the same tables, columns, checks and indexes as
 * `../schema.ts`, in Postgres' types (timestamps as timestamps).
 */
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { idempotencyKeysPg } from '@app/kit/idempotency-pg';
import { liveEventsPg, liveEventTopicsPg } from '@app/kit/live-pg';
import { usedNoncesPg } from '@app/kit/nonces-pg';
import { CANCELLERS, ORDER_STATUSES, PAYOUT_STATUSES, PLATFORMS, PRODUCT_STATUSES, RETURN_STATUSES } from '../schema.ts';

// The kit's tables: idempotency keys, the outbox of LIVE shopping events, and the signature nonces every replica shares.
export { idempotencyKeysPg, liveEventsPg, liveEventTopicsPg, usedNoncesPg };

const at = (name: string) => timestamp(name, { mode: 'date', precision: 3 });

export const brands = pgTable(
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

export const products = pgTable(
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
    createdAt: at('created_at').notNull(),
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

export const catalogs = pgTable(
  'catalogs',
  {
    id: text('id').primaryKey(),
    brandId: text('brand_id')
      .notNull()
      .references(() => brands.id),
    name: text('name').notNull(),
    description: text('description').notNull(),
    createdAt: at('created_at').notNull(),
  },
  (table) => [index('catalogs_brand_created').on(table.brandId, table.createdAt)],
);

export const catalogProducts = pgTable(
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
export const creatorCatalogs = pgTable(
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
export const showcaseItems = pgTable(
  'showcase_items',
  {
    creatorId: text('creator_id').notNull(),
    productId: text('product_id')
      .notNull()
      .references(() => products.id),
    position: integer('position').notNull(),
    addedAt: at('added_at').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.creatorId, table.productId] }),
    index('showcase_items_position').on(table.creatorId, table.position),
  ],
);

/** Products tagged in a video (owned by content, hence no foreign key on `videoId`). */
export const videoProducts = pgTable(
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
export const liveStreamPins = pgTable(
  'live_stream_pins',
  {
    liveStreamId: text('live_stream_id').notNull(),
    productId: text('product_id')
      .notNull()
      .references(() => products.id),
    position: integer('position').notNull(),
    pinnedAt: at('pinned_at').notNull(),
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
export const affiliateLinks = pgTable(
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
    createdAt: at('created_at').notNull(),
  },
  (table) => [uniqueIndex('affiliate_links_creator_product').on(table.creatorId, table.productId), index('affiliate_links_creator_created').on(table.creatorId, table.createdAt, table.id)],
);

/** Who has clicked a link: a user counts once per link. */
export const affiliateClicks = pgTable(
  'affiliate_clicks',
  {
    linkId: text('link_id')
      .notNull()
      .references(() => affiliateLinks.id),
    userId: text('user_id').notNull(),
    clickedAt: at('clicked_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.linkId, table.userId] })],
);

/** A brand's commission deal with one creator, on one product or (productId null) all its products. */
export const creatorCommissions = pgTable(
  'creator_commissions',
  {
    id: text('id').primaryKey(),
    brandId: text('brand_id')
      .notNull()
      .references(() => brands.id),
    creatorId: text('creator_id').notNull(),
    productId: text('product_id').references(() => products.id),
    commissionBps: integer('commission_bps').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (table) => [
    check('creator_commissions_bps_range', sql`${table.commissionBps} between 0 and 10000`),
    // NULLs are distinct in a unique index, so product deals and the brand-wide deal get one each.
    uniqueIndex('creator_commissions_product_deal').on(table.creatorId, table.brandId, table.productId).where(sql`${table.productId} is not null`),
    uniqueIndex('creator_commissions_brand_deal').on(table.creatorId, table.brandId).where(sql`${table.productId} is null`),
  ],
);

/** An order, as `../schema.ts` describes it. */
export const orders = pgTable(
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
    createdAt: at('created_at').notNull(),
    fulfilledAt: at('fulfilled_at'),
    carrier: text('carrier'),
    trackingNumber: text('tracking_number'),
    returnsUntil: at('returns_until'),
    cancelledAt: at('cancelled_at'),
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

/** A creator's withdrawal of payable commission, as `../schema.ts` describes it. */
export const commissionPayouts = pgTable(
  'commission_payouts',
  {
    id: text('id').primaryKey(),
    creatorId: text('creator_id').notNull(),
    status: text('status', { enum: PAYOUT_STATUSES }).notNull(),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    payoutMethod: text('payout_method'),
    providerTransferId: text('provider_transfer_id'),
    failureReason: text('failure_reason'),
    requestedAt: at('requested_at').notNull(),
    settledAt: at('settled_at'),
  },
  (table) => [check('commission_payouts_amount_positive', sql`${table.amount} > 0`), index('commission_payouts_creator_requested').on(table.creatorId, table.requestedAt, table.id)],
);

/** A line of an order, priced as paid: a later price or title change leaves it. */
export const orderLines = pgTable(
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
    attributed: boolean('attributed').notNull().default(false),
    refundedQuantity: integer('refunded_quantity').notNull().default(0),
    commissionReversed: integer('commission_reversed').notNull().default(0),
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

/** A buyer's request to send units back, as `../schema.ts` describes it. */
export const orderReturns = pgTable(
  'order_returns',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id),
    status: text('status', { enum: RETURN_STATUSES }).notNull(),
    reason: text('reason').notNull(),
    requestedAt: at('requested_at').notNull(),
    decidedAt: at('decided_at'),
    restocked: boolean('restocked'),
    refundAmount: integer('refund_amount').notNull().default(0),
    commissionReversed: integer('commission_reversed').notNull().default(0),
  },
  (table) => [
    index('order_returns_order').on(table.orderId, table.requestedAt),
    uniqueIndex('order_returns_one_open').on(table.orderId).where(sql`${table.status} = 'REQUESTED'`),
  ],
);

export const orderReturnLines = pgTable(
  'order_return_lines',
  {
    returnId: text('return_id')
      .notNull()
      .references(() => orderReturns.id),
    orderId: text('order_id').notNull(),
    position: integer('position').notNull(),
    quantity: integer('quantity').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.returnId, table.position] }),
    check('order_return_lines_quantity_positive', sql`${table.quantity} > 0`),
    index('order_return_lines_line').on(table.orderId, table.position),
  ],
);

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
  idempotencyKeysPg,
  liveEventsPg,
  liveEventTopicsPg,
  usedNoncesPg,
};

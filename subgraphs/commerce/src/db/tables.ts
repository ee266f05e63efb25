/**
 * The commerce store's tables, described once: `commerceTables.sqlite` and
 * `commerceTables.postgres` are built from this one description (see `@app/kit/db/tables`).
 * drizzle-kit reads the SQLite set from this file and the Postgres set from `tables-postgres.ts`.
 */
import { sql } from 'drizzle-orm';
import { defineTables } from '@app/kit/db/tables';
import { kitTables } from '@app/kit/db/kit-tables';
import { webhookTables } from '@app/kit/db/webhook-tables';
import { SAMPLE_CONTENT_KINDS, SAMPLE_DELIVERERS, SAMPLE_STATUSES, CAMPAIGN_MEMBER_STATUSES, CAMPAIGN_STATUSES, CANCELLERS, FLASH_DEAL_END_REASONS, FLASH_DEAL_STATUSES, KEPT_COMMISSION_STATES, ORDER_STATUSES, PAYOUT_STATUSES, PLATFORMS, PRODUCT_STATUSES, RETURN_STATUSES, SALES_KINDS } from '../vocabulary.ts';

// `creator_id`, `buyer_id` and `user_id` name users, `video_id` and `live_stream_id` content's
// videos and streams: owned by other subgraphs, no foreign key can reach them.
export const commerceTables = defineTables((c) => {
  const brands = c.table(
    'brands',
    {
      id: c.text('id').primaryKey(),
      name: c.text('name').notNull(),
      slug: c.text('slug').notNull().unique(),
      description: c.text('description').notNull(),
      platform: c.text('platform', { enum: PLATFORMS }).notNull(),
      logoUrl: c.text('logo_url').notNull(),
    },
    (table) => [c.index('brands_name').on(table.name, table.id)],
  );

  /** The topics a brand's products suit (what creators of that topic make videos about): search filters by them. */
  const brandTopics = c.table(
    'brand_topics',
    {
      brandId: c
        .text('brand_id')
        .notNull()
        .references(() => brands.id),
      topic: c.text('topic').notNull(),
    },
    (table) => [c.primaryKey({ columns: [table.topic, table.brandId] })],
  );

  const products = c.table(
    'products',
    {
      id: c.text('id').primaryKey(),
      brandId: c
        .text('brand_id')
        .notNull()
        .references(() => brands.id),
      title: c.text('title').notNull(),
      description: c.text('description').notNull(),
      /** Integer minor units of `currency`. */
      priceAmount: c.money('price_amount').notNull(),
      currency: c.text('currency').notNull().default('USD'),
      inventory: c.count('inventory').notNull().default(0),
      status: c.text('status', { enum: PRODUCT_STATUSES }).notNull().default('ACTIVE'),
      /** Basis points (1500 is 15%), so commission arithmetic stays in integers. */
      commissionBps: c.int('commission_bps').notNull(),
      imageUrl: c.text('image_url').notNull(),
      /** The id on the platform a merch feed imported it from; null for native products. */
      externalId: c.text('external_id'),
      createdAt: c.time('created_at').notNull(),
    },
    (table) => [
      // The store, not the checkout code, is the last guard against overselling.
      c.check('products_inventory_not_negative', sql`${table.inventory} >= 0`),
      c.check('products_price_not_negative', sql`${table.priceAmount} >= 0`),
      c.check('products_commission_bps_range', sql`${table.commissionBps} between 0 and 10000`),
      // A feed import upserts on this; NULLs are distinct, so native products never clash.
      c.uniqueIndex('products_brand_external').on(table.brandId, table.externalId),
      // A search sorted by time or price walks these when its words match many products; each
      // also holds what the walk tests the entry it reads by: the product's search doc id after the
      // key on SQLite (migration 0023), its search document on Postgres (INCLUDE, pg 0021).
      c.index('products_status_created').on(table.status, table.createdAt, table.id),
      c.index('products_status_price').on(table.status, table.priceAmount, table.id),
      c.index('products_brand_status_created').on(table.brandId, table.status, table.createdAt, table.id),
      // A brand's own catalog of every status, newest first.
      c.index('products_brand_created').on(table.brandId, table.createdAt, table.id),
    ],
  );

  const catalogs = c.table(
    'catalogs',
    {
      id: c.text('id').primaryKey(),
      brandId: c
        .text('brand_id')
        .notNull()
        .references(() => brands.id),
      name: c.text('name').notNull(),
      description: c.text('description').notNull(),
      createdAt: c.time('created_at').notNull(),
    },
    (table) => [c.index('catalogs_brand_created_id').on(table.brandId, table.createdAt, table.id)],
  );

  const catalogProducts = c.table(
    'catalog_products',
    {
      catalogId: c
        .text('catalog_id')
        .notNull()
        .references(() => catalogs.id),
      productId: c
        .text('product_id')
        .notNull()
        .references(() => products.id),
      position: c.int('position').notNull(),
    },
    (table) => [c.primaryKey({ columns: [table.catalogId, table.productId] }), c.index('catalog_products_order').on(table.catalogId, table.position, table.productId)],
  );

  /** Catalogs a creator carries. */
  const creatorCatalogs = c.table(
    'creator_catalogs',
    {
      creatorId: c.text('creator_id').notNull(),
      catalogId: c
        .text('catalog_id')
        .notNull()
        .references(() => catalogs.id),
      position: c.int('position').notNull(),
    },
    (table) => [
      c.primaryKey({ columns: [table.creatorId, table.catalogId] }),
      c.index('creator_catalogs_order').on(table.creatorId, table.position, table.catalogId),
      // Deleting a catalog takes it off every profile that carries it, found by catalog.
      c.index('creator_catalogs_catalog').on(table.catalogId),
    ],
  );

  /** A creator's showcase; a product appears at most once in it. */
  const showcaseItems = c.table(
    'showcase_items',
    {
      creatorId: c.text('creator_id').notNull(),
      productId: c
        .text('product_id')
        .notNull()
        .references(() => products.id),
      position: c.int('position').notNull(),
      addedAt: c.time('added_at').notNull(),
    },
    (table) => [c.primaryKey({ columns: [table.creatorId, table.productId] }), c.index('showcase_items_order').on(table.creatorId, table.position, table.productId)],
  );

  /** Products tagged in a video. */
  const videoProducts = c.table(
    'video_products',
    {
      videoId: c.text('video_id').notNull(),
      productId: c
        .text('product_id')
        .notNull()
        .references(() => products.id),
      position: c.int('position').notNull(),
    },
    (table) => [c.primaryKey({ columns: [table.videoId, table.productId] }), c.index('video_products_position').on(table.videoId, table.position)],
  );

  /** The live-shopping overlay: products pinned on a stream. */
  const liveStreamPins = c.table(
    'live_stream_pins',
    {
      liveStreamId: c.text('live_stream_id').notNull(),
      productId: c
        .text('product_id')
        .notNull()
        .references(() => products.id),
      position: c.int('position').notNull(),
      pinnedAt: c.time('pinned_at').notNull(),
    },
    (table) => [c.primaryKey({ columns: [table.liveStreamId, table.productId] }), c.index('live_stream_pins_position').on(table.liveStreamId, table.position)],
  );

  /**
   * A creator's link to a product, one per (creator, product). The rate is not stored: a sale
   * applies the rate in force then (see `creatorCommissions`).
   */
  const affiliateLinks = c.table(
    'affiliate_links',
    {
      id: c.text('id').primaryKey(),
      code: c.text('code').notNull().unique(),
      creatorId: c.text('creator_id').notNull(),
      productId: c
        .text('product_id')
        .notNull()
        .references(() => products.id),
      /** Distinct users counted in `affiliate_clicks`, kept here so a list of links reads no click rows. */
      clicks: c.count('clicks').notNull().default(0),
      createdAt: c.time('created_at').notNull(),
    },
    (table) => [c.uniqueIndex('affiliate_links_creator_product').on(table.creatorId, table.productId), c.index('affiliate_links_creator_created').on(table.creatorId, table.createdAt, table.id)],
  );

  /** Who has clicked a link: a user counts once per link. */
  const affiliateClicks = c.table(
    'affiliate_clicks',
    {
      linkId: c
        .text('link_id')
        .notNull()
        .references(() => affiliateLinks.id),
      userId: c.text('user_id').notNull(),
      clickedAt: c.time('clicked_at').notNull(),
    },
    (table) => [c.primaryKey({ columns: [table.linkId, table.userId] })],
  );

  /** A brand's commission deal with one creator, on one product or (productId null) all its products. */
  const creatorCommissions = c.table(
    'creator_commissions',
    {
      id: c.text('id').primaryKey(),
      brandId: c
        .text('brand_id')
        .notNull()
        .references(() => brands.id),
      creatorId: c.text('creator_id').notNull(),
      productId: c.text('product_id').references(() => products.id),
      commissionBps: c.int('commission_bps').notNull(),
      updatedAt: c.time('updated_at').notNull(),
    },
    (table) => [
      c.check('creator_commissions_bps_range', sql`${table.commissionBps} between 0 and 10000`),
      // NULLs are distinct in a unique index, so product deals and the brand-wide deal get one each.
      c.uniqueIndex('creator_commissions_product_deal').on(table.creatorId, table.brandId, table.productId).where(sql`${table.productId} is not null`),
      c.uniqueIndex('creator_commissions_brand_deal').on(table.creatorId, table.brandId).where(sql`${table.productId} is null`),
      c.index('creator_commissions_brand_updated').on(table.brandId, table.updatedAt, table.id),
    ],
  );

  /**
   * An order: one brand's products bought by one user. Money in integer minor units of `currency`.
   * The commission owed to the attributed creator is recorded at checkout, per line; what happens
   * to it afterwards (refunds, payouts) is kept on the lines (`order_lines`), and its state is
   * worked out from them, the order's status and `returns_until` when it is read (statements/settlement.ts).
   */
  const orders = c.table(
    'orders',
    {
      id: c.text('id').primaryKey(),
      buyerId: c.text('buyer_id').notNull(),
      brandId: c
        .text('brand_id')
        .notNull()
        .references(() => brands.id),
      status: c.text('status', { enum: ORDER_STATUSES }).notNull(),
      currency: c.text('currency').notNull(),
      totalAmount: c.money('total_amount').notNull(),
      commissionAmount: c.money('commission_amount').notNull(),
      /** The creator the sale is attributed to; null without attribution. */
      creatorId: c.text('creator_id'),
      affiliateLinkId: c.text('affiliate_link_id').references(() => affiliateLinks.id),
      liveStreamId: c.text('live_stream_id'),
      /** The video the buyer bought from (its creator is `creatorId`); null otherwise. */
      videoId: c.text('video_id'),
      createdAt: c.time('created_at').notNull(),
      fulfilledAt: c.time('fulfilled_at'),
      /** The shipment, as the brand gave it at fulfilment. */
      carrier: c.text('carrier'),
      trackingNumber: c.text('tracking_number'),
      /**
       * The end of the return window, set at fulfilment from the window then configured: a buyer may
       * ask for a return before it, and the commission stays LOCKED until it.
       */
      returnsUntil: c.time('returns_until'),
      cancelledAt: c.time('cancelled_at'),
      cancelledBy: c.text('cancelled_by', { enum: CANCELLERS }),
    },
    (table) => [
      c.check('orders_total_not_negative', sql`${table.totalAmount} >= 0`),
      c.check('orders_commission_range', sql`${table.commissionAmount} between 0 and ${table.totalAmount}`),
      c.check('orders_one_attribution', sql`${table.affiliateLinkId} is null or ${table.liveStreamId} is null`),
      c.index('orders_buyer_created').on(table.buyerId, table.createdAt, table.id),
      c.index('orders_brand_created').on(table.brandId, table.createdAt, table.id),
      c.index('orders_creator_status').on(table.creatorId, table.status),
      // A creator's statement, newest order first.
      c.index('orders_creator_created').on(table.creatorId, table.createdAt, table.id),
      c.index('orders_link_status').on(table.affiliateLinkId, table.status),
      c.index('orders_live_stream_status').on(table.liveStreamId, table.status),
    ],
  );

  /**
   * A creator's withdrawal of payable commission: REQUESTED while the payout provider is asked, then
   * PAID or FAILED. The lines it pays point at it (`order_lines.payout_id`); a failed payout lets
   * go of them, so their commission is payable again.
   */
  const commissionPayouts = c.table(
    'commission_payouts',
    {
      id: c.text('id').primaryKey(),
      creatorId: c.text('creator_id').notNull(),
      status: c.text('status', { enum: PAYOUT_STATUSES }).notNull(),
      amount: c.money('amount').notNull(),
      currency: c.text('currency').notNull(),
      /** What the creator named to be paid to; the test provider fails `test_fail`. */
      payoutMethod: c.text('payout_method'),
      providerTransferId: c.text('provider_transfer_id'),
      failureReason: c.text('failure_reason'),
      requestedAt: c.time('requested_at').notNull(),
      settledAt: c.time('settled_at'),
    },
    (table) => [c.check('commission_payouts_amount_positive', sql`${table.amount} > 0`), c.index('commission_payouts_creator_requested').on(table.creatorId, table.requestedAt, table.id)],
  );

  /** A line of an order, priced as paid: a later price or title change leaves it. */
  const orderLines = c.table(
    'order_lines',
    {
      orderId: c
        .text('order_id')
        .notNull()
        .references(() => orders.id),
      position: c.int('position').notNull(),
      productId: c
        .text('product_id')
        .notNull()
        .references(() => products.id),
      title: c.text('title').notNull(),
      quantity: c.count('quantity').notNull(),
      unitPriceAmount: c.money('unit_price_amount').notNull(),
      totalAmount: c.money('total_amount').notNull(),
      /** 0 when the line earns no commission. */
      commissionBps: c.int('commission_bps').notNull(),
      commissionAmount: c.money('commission_amount').notNull(),
      /**
       * Whether the order's attribution covers this line: the affiliate link's product, or a
       * product pinned on the live stream at checkout. Kept apart from the commission, which is 0
       * on a covered line when the buyer is the creator: a stream's sales count the line all the same.
       */
      attributed: c.flag('attributed').notNull().default(false),
      /** Units refunded by approved returns. */
      refundedQuantity: c.count('refunded_quantity').notNull().default(0),
      /** Commission clawed back: on the refunded units, or all of it when the order was cancelled. */
      commissionReversed: c.money('commission_reversed').notNull().default(0),
      /** The payout that pays this line's commission; null until one does (and again if it fails). */
      payoutId: c.text('payout_id').references(() => commissionPayouts.id),
      /** The campaign whose rate the line earned (`saleRate`), when it was a campaign's; its creator's statement names it. */
      campaignId: c.text('campaign_id'),
    },
    (table) => [
      c.primaryKey({ columns: [table.orderId, table.position] }),
      c.check('order_lines_quantity_positive', sql`${table.quantity} > 0`),
      c.check('order_lines_total', sql`${table.totalAmount} = ${table.unitPriceAmount} * ${table.quantity}`),
      c.check('order_lines_refunded_range', sql`${table.refundedQuantity} between 0 and ${table.quantity}`),
      c.check('order_lines_reversed_range', sql`${table.commissionReversed} between 0 and ${table.commissionAmount}`),
      c.index('order_lines_payout').on(table.payoutId),
      // A product's update checks its lines through this foreign key: without it, every line of every order.
      c.index('order_lines_product').on(table.productId),
    ],
  );

  /** A buyer's request to send units back: the brand approves it (refunding them) or declines it. */
  const orderReturns = c.table(
    'order_returns',
    {
      id: c.text('id').primaryKey(),
      orderId: c
        .text('order_id')
        .notNull()
        .references(() => orders.id),
      status: c.text('status', { enum: RETURN_STATUSES }).notNull(),
      reason: c.text('reason').notNull(),
      requestedAt: c.time('requested_at').notNull(),
      decidedAt: c.time('decided_at'),
      /** Whether the brand put the units back in stock on approval (the goods came back). */
      restocked: c.flag('restocked'),
      /** What approval refunded, and the commission it clawed back: both 0 until approved. */
      refundAmount: c.money('refund_amount').notNull().default(0),
      commissionReversed: c.money('commission_reversed').notNull().default(0),
    },
    (table) => [
      c.index('order_returns_order').on(table.orderId, table.requestedAt, table.id),
      // One open return per order: the next one waits for the brand's answer.
      c.uniqueIndex('order_returns_one_open').on(table.orderId).where(sql`${table.status} = 'REQUESTED'`),
    ],
  );

  /** The units of each order line a return asks to send back. */
  const orderReturnLines = c.table(
    'order_return_lines',
    {
      returnId: c
        .text('return_id')
        .notNull()
        .references(() => orderReturns.id),
      orderId: c.text('order_id').notNull(),
      /** The order line's position. */
      position: c.int('position').notNull(),
      quantity: c.count('quantity').notNull(),
    },
    (table) => [
      c.primaryKey({ columns: [table.returnId, table.position] }),
      c.check('order_return_lines_quantity_positive', sql`${table.quantity} > 0`),
      c.index('order_return_lines_line').on(table.orderId, table.position),
    ],
  );

  // Kept rows. Each write that changes an order, its lines, a return or a payout restates the
  // orders it touched in the same transaction (statements/kept.ts): what those orders added to
  // these rows before the write is taken off and what they add after it is put on, both worked out
  // by one pure function (`kept-rows.ts`) that the seed and `keptCountDifferences` use too. Money
  // here is summed over many orders: integer minor units, as everywhere.

  /**
   * A brand's sales per UTC day (of the order's placing) and per what they are for: the brand as a
   * whole (`key` ''), a product, the attributed creator, the live stream. Orders that stand only
   * (not cancelled), net of refunds, as `statements/analytics.ts` reports them.
   */
  const salesDays = c.table(
    'sales_days',
    {
      brandId: c.text('brand_id').notNull(),
      currency: c.text('currency').notNull(),
      kind: c.text('kind', { enum: SALES_KINDS }).notNull(),
      /** Days since the epoch, UTC. */
      day: c.int('day').notNull(),
      key: c.text('key').notNull(),
      orders: c.count('orders').notNull().default(0),
      units: c.count('units').notNull().default(0),
      revenueAmount: c.money('revenue_amount').notNull().default(0),
      refundAmount: c.money('refund_amount').notNull().default(0),
      commissionAmount: c.money('commission_amount').notNull().default(0),
    },
    // A period's rows of one view are one walk down this key.
    (table) => [c.primaryKey({ columns: [table.brandId, table.currency, table.kind, table.day, table.key] })],
  );

  /** What a product has sold in all: units of the orders that stand, net of refunds (search's BEST_SELLING). */
  const productSales = c.table(
    'product_sales',
    {
      productId: c.text('product_id').primaryKey(),
      units: c.count('units').notNull().default(0),
    },
    // Best sellers first, for a search sorted by sales. The row also holds a copy of its product's
    // search doc id (SQLite, migration 0023) or document (Postgres, GIN-indexed, pg 0021), and
    // this index holds it beside the key.
    (table) => [c.index('product_sales_units').on(table.units, table.productId)],
  );

  /** What an affiliate link's orders come to: those that stand, and the commission of the shipped and of the unshipped ones (net of clawbacks). */
  const affiliateLinkSales = c.table('affiliate_link_sales', {
    linkId: c.text('link_id').primaryKey(),
    orders: c.count('orders').notNull().default(0),
    earnedAmount: c.money('earned_amount').notNull().default(0),
    pendingAmount: c.money('pending_amount').notNull().default(0),
  });

  /**
   * What checkouts from a video sold: its orders that stand, and their lines of products tagged in
   * it, net of refunds (kept with the orders, like the rows above). Its creator sees them.
   */
  const videoSales = c.table(
    'video_sales',
    {
      videoId: c.text('video_id').notNull(),
      creatorId: c.text('creator_id').notNull(),
      orders: c.count('orders').notNull().default(0),
      units: c.count('units').notNull().default(0),
      revenueAmount: c.money('revenue_amount').notNull().default(0),
      commissionAmount: c.money('commission_amount').notNull().default(0),
    },
    // Keyed as the kept rows are (every column but the figures); a creator's videos, best selling first.
    (table) => [c.primaryKey({ columns: [table.creatorId, table.videoId] }), c.index('video_sales_creator_revenue').on(table.creatorId, table.revenueAmount, table.videoId)],
  );

  /** A creator's commission per kept state (earning lines only): what it earns (credited − reversed) and what was clawed back. */
  const creatorCommissionTotals = c.table(
    'creator_commission_totals',
    {
      creatorId: c.text('creator_id').notNull(),
      state: c.text('state', { enum: KEPT_COMMISSION_STATES }).notNull(),
      net: c.money('net').notNull().default(0),
      reversed: c.money('reversed').notNull().default(0),
    },
    (table) => [c.primaryKey({ columns: [table.creatorId, table.state] })],
  );

  /** The same per UTC day the orders were placed on: a statement over a period reads its days. */
  const creatorCommissionDays = c.table(
    'creator_commission_days',
    {
      creatorId: c.text('creator_id').notNull(),
      state: c.text('state', { enum: KEPT_COMMISSION_STATES }).notNull(),
      day: c.int('day').notNull(),
      net: c.money('net').notNull().default(0),
      reversed: c.money('reversed').notNull().default(0),
    },
    (table) => [c.primaryKey({ columns: [table.creatorId, table.state, table.day] })],
  );

  /**
   * SETTLING commission by when its lock ends: the order's return window, or never while a return
   * on the line is open. LOCKED at `now` is the rows ending after `now` (one walk down the key, as
   * long as the return window), PAYABLE the rest of SETTLING.
   */
  const creatorCommissionLocks = c.table(
    'creator_commission_locks',
    {
      creatorId: c.text('creator_id').notNull(),
      unlocksAt: c.time('unlocks_at').notNull(),
      /** The UTC day the orders were placed on, for a statement's period. */
      day: c.int('day').notNull(),
      net: c.money('net').notNull().default(0),
      reversed: c.money('reversed').notNull().default(0),
    },
    (table) => [c.primaryKey({ columns: [table.creatorId, table.unlocksAt, table.day] })],
  );

  /**
   * A flash deal on a product pinned on a LIVE stream. Its `quantity` was taken from the product's
   * stock when it was made; checkouts take from `units_left` (guarded); when it ends by time the
   * units left go back to the product's stock (`units_returned`, `units_left` 0). `due_at` is when
   * the deal's clock next moves it (its start while SCHEDULED, its end while LIVE, none once ENDED);
   * `units_announce_due_at` when a units-left announcement a busy second held back is due.
   */
  const flashDeals = c.table(
    'flash_deals',
    {
      id: c.text('id').primaryKey(),
      liveStreamId: c.text('live_stream_id').notNull(),
      productId: c
        .text('product_id')
        .notNull()
        .references(() => products.id),
      /** Integer minor units of `currency`, below the product's price when the deal was made. */
      dealPriceAmount: c.money('deal_price_amount').notNull(),
      currency: c.text('currency').notNull(),
      quantity: c.count('quantity').notNull(),
      unitsLeft: c.count('units_left').notNull(),
      unitsReturned: c.count('units_returned').notNull().default(0),
      perBuyerLimit: c.int('per_buyer_limit').notNull(),
      status: c.text('status', { enum: FLASH_DEAL_STATUSES }).notNull(),
      endedReason: c.text('ended_reason', { enum: FLASH_DEAL_END_REASONS }),
      startsAt: c.time('starts_at').notNull(),
      endsAt: c.time('ends_at').notNull(),
      dueAt: c.time('due_at'),
      /** The last DEAL_UNITS_LEFT (or DEAL_STARTED) sent: when, and the units left it said. */
      announcedAt: c.time('announced_at'),
      announcedUnits: c.int('announced_units'),
      unitsAnnounceDueAt: c.time('units_announce_due_at'),
      /** Who made it: the stream's creator (a user id) or the product's brand (a brand id). */
      createdBy: c.text('created_by').notNull(),
      createdAt: c.time('created_at').notNull(),
    },
    (table) => [
      c.check('flash_deals_units', sql`${table.unitsLeft} >= 0 and ${table.unitsLeft} <= ${table.quantity}`),
      // The last guard of "one scheduled-or-running deal per (stream, product)".
      c.uniqueIndex('flash_deals_open_per_product').on(table.liveStreamId, table.productId).where(sql`${table.status} <> 'ENDED'`),
      // The clock's polls: deals due to move, and announcements due, each an index range.
      c.index('flash_deals_due').on(table.status, table.dueAt),
      c.index('flash_deals_units_announce_due').on(table.unitsAnnounceDueAt).where(sql`${table.unitsAnnounceDueAt} is not null`),
      // A product's deals, for the foreign key's checks when a product row changes.
      c.index('flash_deals_product').on(table.productId),
    ],
  );

  /** What each buyer has taken from a deal, guarded against its per-buyer limit. */
  const flashDealBuyers = c.table(
    'flash_deal_buyers',
    {
      dealId: c
        .text('deal_id')
        .notNull()
        .references(() => flashDeals.id),
      buyerId: c.text('buyer_id').notNull(),
      units: c.count('units').notNull(),
    },
    (table) => [c.primaryKey({ columns: [table.dealId, table.buyerId] })],
  );

  /**
   * A brand's campaign: a brief, its products (`campaign_products`), the rate it pays accepted
   * creators' sales of them while OPEN, a fixed fee per creator, a content deadline and how many
   * creators it takes. `accepted_count` is kept by the transaction that accepts a creator, by a
   * guarded UPDATE (`accepted_count < capacity`); the CHECK is the last guard.
   */
  const campaigns = c.table(
    'campaigns',
    {
      id: c.text('id').primaryKey(),
      brandId: c
        .text('brand_id')
        .notNull()
        .references(() => brands.id),
      name: c.text('name').notNull(),
      brief: c.text('brief').notNull(),
      /** Basis points, above every product's own rate when the campaign was made. */
      commissionBps: c.int('commission_bps').notNull(),
      /** Integer minor units of `currency`, paid to each creator whose content is delivered; 0 for none. */
      feeAmount: c.money('fee_amount').notNull().default(0),
      currency: c.text('currency').notNull(),
      contentDeadline: c.time('content_deadline').notNull(),
      capacity: c.int('capacity').notNull(),
      acceptedCount: c.count('accepted_count').notNull().default(0),
      /** A creator whose sample fulfilment rate is below this (basis points) cannot request its samples; null: no threshold. */
      minFulfilmentBps: c.int('min_fulfilment_bps'),
      status: c.text('status', { enum: CAMPAIGN_STATUSES }).notNull(),
      createdAt: c.time('created_at').notNull(),
      closedAt: c.time('closed_at'),
    },
    (table) => [
      c.check('campaigns_within_capacity', sql`${table.acceptedCount} between 0 and ${table.capacity}`),
      c.check('campaigns_bps_range', sql`${table.commissionBps} between 1 and 10000`),
      c.check('campaigns_fee_not_negative', sql`${table.feeAmount} >= 0`),
      // A brand's campaigns, newest first; open campaigns, newest first.
      c.index('campaigns_brand_created').on(table.brandId, table.createdAt, table.id),
      c.index('campaigns_status_created').on(table.status, table.createdAt, table.id),
    ],
  );

  const campaignProducts = c.table(
    'campaign_products',
    {
      campaignId: c
        .text('campaign_id')
        .notNull()
        .references(() => campaigns.id),
      productId: c
        .text('product_id')
        .notNull()
        .references(() => products.id),
      position: c.int('position').notNull(),
    },
    (table) => [
      c.primaryKey({ columns: [table.campaignId, table.productId] }),
      c.index('campaign_products_position').on(table.campaignId, table.position),
      // A sale's rate looks for the campaigns of its product (saleRate), and a product's update checks the foreign key.
      c.index('campaign_products_product').on(table.productId, table.campaignId),
    ],
  );

  /** Where a creator stands with a campaign: one row per (campaign, creator), moved by guarded UPDATEs (campaigns.ts). */
  const campaignMembers = c.table(
    'campaign_members',
    {
      campaignId: c
        .text('campaign_id')
        .notNull()
        .references(() => campaigns.id),
      creatorId: c.text('creator_id').notNull(),
      status: c.text('status', { enum: CAMPAIGN_MEMBER_STATUSES }).notNull(),
      /** Whether the brand invited them (else they applied). */
      invited: c.flag('invited').notNull(),
      /** The creator's note with an application. */
      message: c.text('message'),
      createdAt: c.time('created_at').notNull(),
      updatedAt: c.time('updated_at').notNull(),
    },
    (table) => [
      c.primaryKey({ columns: [table.campaignId, table.creatorId] }),
      // A creator's invitations (and campaigns by status), a campaign's applicants (and members by status): latest change first.
      c.index('campaign_members_creator').on(table.creatorId, table.status, table.updatedAt, table.campaignId),
      c.index('campaign_members_campaign').on(table.campaignId, table.status, table.updatedAt, table.creatorId),
    ],
  );

  /**
   * A free sample of a campaign product for an accepted creator. `decide_by` ends the brand's window
   * to answer a request (past it, a REQUESTED sample reads LAPSED); `content_due_at` (set at
   * delivery) ends the creator's window for content, after which the samples' clock marks it MISSED.
   */
  const campaignSamples = c.table(
    'campaign_samples',
    {
      id: c.text('id').primaryKey(),
      campaignId: c
        .text('campaign_id')
        .notNull()
        .references(() => campaigns.id),
      brandId: c.text('brand_id').notNull(),
      creatorId: c.text('creator_id').notNull(),
      productId: c
        .text('product_id')
        .notNull()
        .references(() => products.id),
      status: c.text('status', { enum: SAMPLE_STATUSES }).notNull(),
      requestedAt: c.time('requested_at').notNull(),
      decideBy: c.time('decide_by').notNull(),
      decidedAt: c.time('decided_at'),
      carrier: c.text('carrier'),
      trackingNumber: c.text('tracking_number'),
      shippedAt: c.time('shipped_at'),
      deliveredAt: c.time('delivered_at'),
      deliveredBy: c.text('delivered_by', { enum: SAMPLE_DELIVERERS }),
      contentDueAt: c.time('content_due_at'),
      fulfilledAt: c.time('fulfilled_at'),
      contentKind: c.text('content_kind', { enum: SAMPLE_CONTENT_KINDS }),
      /** The video or live stream that fulfilled it. */
      contentId: c.text('content_id'),
    },
    (table) => [
      // One sample of a product per creator and campaign.
      c.uniqueIndex('campaign_samples_one').on(table.campaignId, table.creatorId, table.productId),
      c.index('campaign_samples_creator').on(table.creatorId, table.requestedAt, table.id),
      c.index('campaign_samples_campaign').on(table.campaignId, table.requestedAt, table.id),
      // The clock's poll: delivered samples whose content window ended.
      c.index('campaign_samples_due').on(table.status, table.contentDueAt),
      c.index('campaign_samples_product').on(table.productId),
    ],
  );

  /**
   * A creator's sample record, kept by the writes that settle a sample's content: fulfilled in time,
   * or missed (the clock). The fulfilment rate is fulfilled / (fulfilled + missed).
   */
  const creatorFulfilment = c.table('creator_fulfilment', {
    creatorId: c.text('creator_id').primaryKey(),
    fulfilled: c.count('fulfilled').notNull().default(0),
    missed: c.count('missed').notNull().default(0),
  });

  /**
   * A campaign's fixed fee owed to a creator, one per (campaign, creator), made payable when their
   * content first fulfils a sample. It joins the creator's commission payouts (`payout_id`, as an
   * order line does) and the kept commission rows (kept-rows.ts).
   */
  const campaignFees = c.table(
    'campaign_fees',
    {
      id: c.text('id').primaryKey(),
      campaignId: c
        .text('campaign_id')
        .notNull()
        .references(() => campaigns.id),
      creatorId: c.text('creator_id').notNull(),
      amount: c.money('amount').notNull(),
      currency: c.text('currency').notNull(),
      payableAt: c.time('payable_at').notNull(),
      payoutId: c.text('payout_id').references(() => commissionPayouts.id),
    },
    (table) => [
      c.check('campaign_fees_amount_positive', sql`${table.amount} > 0`),
      c.uniqueIndex('campaign_fees_one').on(table.campaignId, table.creatorId),
      // A creator's fees by when they became payable (a payout's, a statement's period), and a payout's fees.
      c.index('campaign_fees_creator').on(table.creatorId, table.payableAt, table.id),
      c.index('campaign_fees_payout').on(table.payoutId),
    ],
  );

  // The kit's tables: idempotency keys (checkout takes one), the outbox of LIVE shopping events
  // (pins, unpins, purchases), and the signature nonces accepted, kept across restarts.
  return {
    brands,
    brandTopics,
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
    salesDays,
    productSales,
    affiliateLinkSales,
    videoSales,
    creatorCommissionTotals,
    creatorCommissionDays,
    creatorCommissionLocks,
    flashDeals,
    flashDealBuyers,
    campaigns,
    campaignProducts,
    campaignMembers,
    campaignSamples,
    creatorFulfilment,
    campaignFees,
    ...kitTables(c),
    // Partner webhooks' queues (the kit's): deliveries a write enqueues in its own transaction.
    ...webhookTables(c),
  };
});

export type CommerceTables = typeof commerceTables.sqlite;

// The SQLite tables by name, for drizzle-kit and for tests that read what a write left behind.
export const {
  brands,
  brandTopics,
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
  salesDays,
  productSales,
  affiliateLinkSales,
  videoSales,
  creatorCommissionTotals,
  creatorCommissionDays,
  creatorCommissionLocks,
  flashDeals,
  flashDealBuyers,
  campaigns,
  campaignProducts,
  campaignMembers,
  campaignSamples,
  creatorFulfilment,
  campaignFees,
  idempotencyKeys,
  liveEvents,
  liveEventTopics,
  usedNonces,
  webhookEndpoints,
  webhookSubscriptions,
  webhookDeliveries,
} = commerceTables.sqlite;

export type BrandRow = typeof brands.$inferSelect;
export type ProductRow = typeof products.$inferSelect;
export type CatalogRow = typeof catalogs.$inferSelect;
export type AffiliateLinkRow = typeof affiliateLinks.$inferSelect;
export type CommissionDealRow = typeof creatorCommissions.$inferSelect;
export type OrderRow = typeof orders.$inferSelect;
export type OrderLineRow = typeof orderLines.$inferSelect;
export type OrderReturnRow = typeof orderReturns.$inferSelect;
export type OrderReturnLineRow = typeof orderReturnLines.$inferSelect;
export type CommissionPayoutRow = typeof commissionPayouts.$inferSelect;
export type SalesDayRow = typeof salesDays.$inferSelect;
export type ProductSalesRow = typeof productSales.$inferSelect;
export type AffiliateLinkSalesRow = typeof affiliateLinkSales.$inferSelect;
export type VideoSalesRow = typeof videoSales.$inferSelect;
export type CreatorCommissionTotalRow = typeof creatorCommissionTotals.$inferSelect;
export type CreatorCommissionDayRow = typeof creatorCommissionDays.$inferSelect;
export type CreatorCommissionLockRow = typeof creatorCommissionLocks.$inferSelect;
export type FlashDealRow = typeof flashDeals.$inferSelect;
export type CampaignRow = typeof campaigns.$inferSelect;
export type CampaignMemberRow = typeof campaignMembers.$inferSelect;
export type CampaignSampleRow = typeof campaignSamples.$inferSelect;
export type CampaignFeeRow = typeof campaignFees.$inferSelect;

export type NewBrand = typeof brands.$inferInsert;
export type NewBrandTopic = typeof brandTopics.$inferInsert;
export type NewProduct = typeof products.$inferInsert;
export type NewCatalog = typeof catalogs.$inferInsert;
export type NewCatalogProduct = typeof catalogProducts.$inferInsert;
export type NewCreatorCatalog = typeof creatorCatalogs.$inferInsert;
export type NewShowcaseItem = typeof showcaseItems.$inferInsert;
export type NewVideoProduct = typeof videoProducts.$inferInsert;
export type NewLiveStreamPin = typeof liveStreamPins.$inferInsert;
export type NewAffiliateLink = typeof affiliateLinks.$inferInsert;
export type NewAffiliateClick = typeof affiliateClicks.$inferInsert;
export type NewCommissionDealRow = typeof creatorCommissions.$inferInsert;
export type NewOrder = typeof orders.$inferInsert;
export type NewOrderLine = typeof orderLines.$inferInsert;
export type NewOrderReturn = typeof orderReturns.$inferInsert;
export type NewOrderReturnLine = typeof orderReturnLines.$inferInsert;
export type NewPayout = typeof commissionPayouts.$inferInsert;
export type NewFlashDeal = typeof flashDeals.$inferInsert;
export type NewCampaign = typeof campaigns.$inferInsert;
export type NewCampaignMember = typeof campaignMembers.$inferInsert;
export type NewCampaignSample = typeof campaignSamples.$inferInsert;
export type NewCampaignFee = typeof campaignFees.$inferInsert;

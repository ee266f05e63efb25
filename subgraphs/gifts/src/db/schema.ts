import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** A Small Gestures offer. `brandId` names a commerce brand: no foreign key crosses subgraphs. */
export const giftOffers = sqliteTable(
  'gift_offers',
  {
    id: text('id').primaryKey(),
    brandId: text('brand_id').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    /** Integer minor units of `currency`. */
    retailValueAmount: integer('retail_value_amount').notNull(),
    currency: text('currency').notNull().default('USD'),
    /** ISO country codes, as a JSON array. */
    regions: text('regions', { mode: 'json' }).$type<string[]>().notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    startsAt: integer('starts_at', { mode: 'timestamp_ms' }).notNull(),
    endsAt: integer('ends_at', { mode: 'timestamp_ms' }),
  },
  (table) => [check('gift_offers_retail_value_not_negative', sql`${table.retailValueAmount} >= 0`)],
);

/**
 * An offer's pool of codes. A send claims one by setting `claimedAt` where it is still null,
 * in the same transaction that records the send; the unique code means no code exists twice.
 */
export const giftOfferCodes = sqliteTable(
  'gift_offer_codes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    offerId: text('offer_id')
      .notNull()
      .references(() => giftOffers.id),
    code: text('code').notNull().unique(),
    claimedAt: integer('claimed_at', { mode: 'timestamp_ms' }),
  },
  // Serves both counting a pool's unclaimed codes and finding the next one to claim.
  (table) => [index('gift_offer_codes_offer_claimed').on(table.offerId, table.claimedAt)],
);

/** The LIVE gift catalog. */
export const liveGifts = sqliteTable(
  'live_gifts',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    coinPrice: integer('coin_price').notNull(),
    imageUrl: text('image_url').notNull(),
  },
  (table) => [check('live_gifts_coin_price_positive', sql`${table.coinPrice} > 0`), index('live_gifts_price').on(table.coinPrice, table.id)],
);

/**
 * One LIVE gift send: `quantity` of one gift from a viewer to a creator during a stream.
 * Coins and diamonds are stored as they were at the time of the send, so a later price or
 * payout change never rewrites past earnings. Users and streams live in other subgraphs,
 * so their ids carry no foreign key.
 */
export const liveGiftSends = sqliteTable(
  'live_gift_sends',
  {
    id: text('id').primaryKey(),
    senderId: text('sender_id').notNull(),
    creatorId: text('creator_id').notNull(),
    liveStreamId: text('live_stream_id').notNull(),
    giftId: text('gift_id')
      .notNull()
      .references(() => liveGifts.id),
    quantity: integer('quantity').notNull(),
    coins: integer('coins').notNull(),
    diamonds: integer('diamonds').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [
    check('live_gift_sends_quantity_positive', sql`${table.quantity} > 0`),
    check('live_gift_sends_coins_not_negative', sql`${table.coins} >= 0`),
    check('live_gift_sends_diamonds_not_negative', sql`${table.diamonds} >= 0`),
    index('live_gift_sends_creator').on(table.creatorId),
    // Leads with the stream for its totals; the sender next groups a stream's gifters (counts, leaderboards).
    index('live_gift_sends_stream_sender').on(table.liveStreamId, table.senderId),
  ],
);

export type GiftOfferRow = typeof giftOffers.$inferSelect;
export type GiftOfferCodeRow = typeof giftOfferCodes.$inferSelect;
export type LiveGiftRow = typeof liveGifts.$inferSelect;
export type LiveGiftSendRow = typeof liveGiftSends.$inferSelect;

/** A creator as gifts knows one: only the id; the users subgraph decides whether it exists. */
export interface CreatorRef {
  id: string;
}
/** A live stream as gifts knows one: only the id; the content subgraph owns the rest. */
export interface LiveStreamRef {
  id: string;
}

export const schema = { giftOffers, giftOfferCodes, liveGifts, liveGiftSends };

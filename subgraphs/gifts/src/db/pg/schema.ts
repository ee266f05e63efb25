/**
 * The gifts store's tables on Postgres: the same tables, columns, checks and indexes as
 * `../schema.ts`, in Postgres' types (timestamps, booleans, jsonb, identity ids).
 */
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { idempotencyKeysPg } from '@app/kit/idempotency-pg';
import { liveEventsPg, liveEventTopicsPg } from '@app/kit/live-pg';
import { usedNoncesPg } from '@app/kit/nonces-pg';
import { COIN_PURCHASE_STATUSES, GIFT_PAYOUT_STATUSES, LEDGER_KINDS, LEDGER_UNITS, SMALL_GESTURE_LIMIT, SMALL_GESTURE_MESSAGE_MAX } from '../../vocabulary.ts';

// The kit's tables: idempotency keys, the outbox of LIVE gift events, and the signature nonces every replica shares.
export { idempotencyKeysPg, liveEventsPg, liveEventTopicsPg, usedNoncesPg };

const at = (name: string) => timestamp(name, { mode: 'date', precision: 3 });

export const giftOffers = pgTable(
  'gift_offers',
  {
    id: text('id').primaryKey(),
    brandId: text('brand_id').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    retailValueAmount: integer('retail_value_amount').notNull(),
    currency: text('currency').notNull().default('USD'),
    regions: jsonb('regions').$type<string[]>().notNull(),
    active: boolean('active').notNull().default(true),
    startsAt: at('starts_at').notNull(),
    endsAt: at('ends_at'),
  },
  (table) => [check('gift_offers_retail_value_not_negative', sql`${table.retailValueAmount} >= 0`), index('gift_offers_brand').on(table.brandId, table.startsAt, table.id)],
);

export const giftOfferCodes = pgTable(
  'gift_offer_codes',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    offerId: text('offer_id')
      .notNull()
      .references(() => giftOffers.id),
    code: text('code').notNull(),
    claimedAt: at('claimed_at'),
  },
  (table) => [index('gift_offer_codes_offer_claimed').on(table.offerId, table.claimedAt), uniqueIndex('gift_offer_codes_offer_code').on(table.offerId, table.code)],
);

export const liveGifts = pgTable(
  'live_gifts',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    coinPrice: integer('coin_price').notNull(),
    imageUrl: text('image_url').notNull(),
  },
  (table) => [check('live_gifts_coin_price_positive', sql`${table.coinPrice} > 0`), index('live_gifts_price').on(table.coinPrice, table.id)],
);

export const liveGiftSends = pgTable(
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
    createdAt: at('created_at').notNull(),
    combo: integer('combo').notNull().default(1),
    eventSeq: integer('event_seq'),
    shareDiamonds: integer('share_diamonds'),
    shareCoins: integer('share_coins'),
  },
  (table) => [
    check('live_gift_sends_quantity_positive', sql`${table.quantity} > 0`),
    check('live_gift_sends_coins_not_negative', sql`${table.coins} >= 0`),
    check('live_gift_sends_diamonds_not_negative', sql`${table.diamonds} >= 0`),
    index('live_gift_sends_creator').on(table.creatorId, table.createdAt, table.id),
    index('live_gift_sends_sender').on(table.senderId, table.createdAt, table.id),
    index('live_gift_sends_creator_sender').on(table.creatorId, table.senderId),
    index('live_gift_sends_stream_sender').on(table.liveStreamId, table.senderId),
    uniqueIndex('live_gift_sends_stream_event').on(table.liveStreamId, table.eventSeq),
  ],
);

export const creatorGiftShares = pgTable(
  'creator_gift_shares',
  {
    creatorId: text('creator_id').primaryKey(),
    diamonds: integer('diamonds').notNull(),
    coins: integer('coins').notNull(),
    note: text('note'),
    updatedAt: at('updated_at').notNull(),
  },
  (table) => [check('creator_gift_shares_fraction', sql`${table.diamonds} > 0 and ${table.coins} > 0 and ${table.diamonds} <= ${table.coins}`)],
);

export const smallGestureSends = pgTable(
  'small_gesture_sends',
  {
    id: text('id').primaryKey(),
    offerId: text('offer_id')
      .notNull()
      .references(() => giftOffers.id),
    codeId: integer('code_id')
      .unique()
      .references(() => giftOfferCodes.id),
    senderId: text('sender_id').notNull(),
    senderSlot: integer('sender_slot'),
    recipientId: text('recipient_id'),
    message: text('message').notNull(),
    createdAt: at('created_at').notNull(),
    redeemedAt: at('redeemed_at'),
    claimExpiresAt: at('claim_expires_at'),
    claimedAt: at('claimed_at'),
  },
  (table) => [
    check('small_gesture_sends_slot_in_limit', sql`${table.senderSlot} between 1 and ${sql.raw(String(SMALL_GESTURE_LIMIT))}`),
    check('small_gesture_sends_message_length', sql`length(${table.message}) <= ${sql.raw(String(SMALL_GESTURE_MESSAGE_MAX))}`),
    check('small_gesture_sends_not_to_self', sql`${table.senderId} <> ${table.recipientId}`),
    check('small_gesture_sends_recipient_or_link', sql`${table.recipientId} is not null or ${table.claimExpiresAt} is not null`),
    uniqueIndex('small_gesture_sends_sender_slot').on(table.senderId, table.senderSlot),
    index('small_gesture_sends_recipient').on(table.recipientId, table.createdAt, table.id),
    index('small_gesture_sends_sender').on(table.senderId, table.createdAt, table.id),
    index('small_gesture_sends_offer').on(table.offerId, table.redeemedAt),
  ],
);

export const wallets = pgTable(
  'wallets',
  {
    userId: text('user_id').primaryKey(),
    coins: integer('coins').notNull().default(0),
    updatedAt: at('updated_at').notNull(),
  },
  (table) => [check('wallets_coins_not_negative', sql`${table.coins} >= 0`)],
);

export const coinPurchases = pgTable(
  'coin_purchases',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    packageId: text('package_id').notNull(),
    coins: integer('coins').notNull(),
    priceAmount: integer('price_amount').notNull(),
    currency: text('currency').notNull(),
    paymentMethod: text('payment_method'),
    status: text('status', { enum: COIN_PURCHASE_STATUSES }).notNull(),
    providerChargeId: text('provider_charge_id').unique(),
    declineReason: text('decline_reason'),
    createdAt: at('created_at').notNull(),
    settledAt: at('settled_at'),
  },
  (table) => [
    check('coin_purchases_coins_positive', sql`${table.coins} > 0`),
    check('coin_purchases_price_not_negative', sql`${table.priceAmount} >= 0`),
    check('coin_purchases_status', sql`${table.status} in ('PENDING', 'COMPLETED', 'DECLINED')`),
    index('coin_purchases_user').on(table.userId, table.createdAt, table.id),
  ],
);

export const creatorBalances = pgTable(
  'creator_balances',
  {
    creatorId: text('creator_id').primaryKey(),
    diamonds: integer('diamonds').notNull().default(0),
    updatedAt: at('updated_at').notNull(),
  },
  (table) => [check('creator_balances_diamonds_not_negative', sql`${table.diamonds} >= 0`)],
);

export const giftPayouts = pgTable(
  'gift_payouts',
  {
    id: text('id').primaryKey(),
    creatorId: text('creator_id').notNull(),
    diamonds: integer('diamonds').notNull(),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    diamondsPerDollar: integer('diamonds_per_dollar').notNull(),
    payoutMethod: text('payout_method'),
    status: text('status', { enum: GIFT_PAYOUT_STATUSES }).notNull(),
    providerPayoutId: text('provider_payout_id').unique(),
    failureReason: text('failure_reason'),
    createdAt: at('created_at').notNull(),
    settledAt: at('settled_at'),
  },
  (table) => [
    check('gift_payouts_diamonds_positive', sql`${table.diamonds} > 0`),
    check('gift_payouts_amount_positive', sql`${table.amount} > 0`),
    check('gift_payouts_status', sql`${table.status} in ('REQUESTED', 'PAID', 'FAILED')`),
    index('gift_payouts_creator').on(table.creatorId, table.createdAt, table.id),
  ],
);

export const ledgerTransactions = pgTable(
  'ledger_transactions',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: LEDGER_KINDS }).notNull(),
    referenceId: text('reference_id').notNull(),
    createdAt: at('created_at').notNull(),
  },
  (table) => [uniqueIndex('ledger_transactions_reference').on(table.kind, table.referenceId)],
);

export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    transactionId: text('transaction_id')
      .notNull()
      .references(() => ledgerTransactions.id),
    account: text('account').notNull(),
    unit: text('unit', { enum: LEDGER_UNITS }).notNull(),
    amount: integer('amount').notNull(),
  },
  (table) => [
    check('ledger_entries_amount_not_zero', sql`${table.amount} <> 0`),
    check('ledger_entries_unit', sql`${table.unit} in ('COIN', 'DIAMOND')`),
    index('ledger_entries_transaction').on(table.transactionId),
    index('ledger_entries_account').on(table.account, table.unit),
  ],
);

export const schema = {
  giftOffers,
  giftOfferCodes,
  liveGifts,
  liveGiftSends,
  creatorGiftShares,
  smallGestureSends,
  wallets,
  coinPurchases,
  creatorBalances,
  giftPayouts,
  ledgerTransactions,
  ledgerEntries,
  idempotencyKeysPg,
  liveEventsPg,
  liveEventTopicsPg,
  usedNoncesPg,
};

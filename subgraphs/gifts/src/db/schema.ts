import { sql } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { idempotencyKeys } from '@app/kit/idempotency';
import { liveEvents, liveEventTopics } from '@app/kit/live';
import { usedNonces } from '@app/kit/nonces';
// The rules own their limits; the table enforces them too, as a last line behind the rules.
import { COIN_PURCHASE_STATUSES, GIFT_PAYOUT_STATUSES, LEDGER_KINDS, LEDGER_UNITS, SMALL_GESTURE_LIMIT, SMALL_GESTURE_MESSAGE_MAX } from '../vocabulary.ts';

// The kit's tables live in this store too, so drizzle-kit migrates them here: idempotency keys,
// the outbox of LIVE gift events, and the signature nonces accepted, kept across restarts.
export { idempotencyKeys, liveEvents, liveEventTopics, usedNonces };

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
  (table) => [
    check('gift_offers_retail_value_not_negative', sql`${table.retailValueAmount} >= 0`),
    // A brand's offers, newest first.
    index('gift_offers_brand').on(table.brandId, table.startsAt, table.id),
  ],
);

/**
 * An offer's pool of codes. A send claims one by setting `claimedAt` where it is still null,
 * in the same transaction that records the send. A code is unique within its offer; another
 * brand's pool may hold the same string (it is that brand's code at that brand's site), so
 * adding codes never depends on, nor tells anything of, other brands' pools.
 */
export const giftOfferCodes = sqliteTable(
  'gift_offer_codes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    offerId: text('offer_id')
      .notNull()
      .references(() => giftOffers.id),
    code: text('code').notNull(),
    claimedAt: integer('claimed_at', { mode: 'timestamp_ms' }),
  },
  (table) => [
    // Serves both counting a pool's unclaimed codes and finding the next one to claim.
    index('gift_offer_codes_offer_claimed').on(table.offerId, table.claimedAt),
    uniqueIndex('gift_offer_codes_offer_code').on(table.offerId, table.code),
  ],
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
    /** Which send of a combo this is (1, 2, 3 …), by the rule in `liveGiftEvents.ts`. */
    combo: integer('combo').notNull().default(1),
    /**
     * The number of this send's event in its stream's outbox: the send's place in the stream's
     * commit order. Null only for sends made before gift events existed.
     */
    eventSeq: integer('event_seq'),
    /**
     * The creator's share this send was credited at (`diamonds` per `coins`): theirs then, kept
     * so a later change of share never rewrites it. Null for sends from before shares were kept.
     */
    shareDiamonds: integer('share_diamonds'),
    shareCoins: integer('share_coins'),
  },
  (table) => [
    check('live_gift_sends_quantity_positive', sql`${table.quantity} > 0`),
    check('live_gift_sends_coins_not_negative', sql`${table.coins} >= 0`),
    check('live_gift_sends_diamonds_not_negative', sql`${table.diamonds} >= 0`),
    // A creator's receipts newest first.
    index('live_gift_sends_creator').on(table.creatorId, table.createdAt, table.id),
    // A sender's history newest first.
    index('live_gift_sends_sender').on(table.senderId, table.createdAt, table.id),
    // Groups a creator's gifters for the creator leaderboard.
    index('live_gift_sends_creator_sender').on(table.creatorId, table.senderId),
    // Leads with the stream for its totals; the sender next groups a stream's gifters (counts, leaderboards).
    index('live_gift_sends_stream_sender').on(table.liveStreamId, table.senderId),
    // A stream's sends in commit order: the last one decides the next send's combo.
    uniqueIndex('live_gift_sends_stream_event').on(table.liveStreamId, table.eventSeq),
  ],
);

/**
 * A creator's own share of the coins their LIVE gifts cost, overriding the default
 * (GIFT_DIAMONDS_PER_COIN) from the next send on. Set by an operator (`npm run gift-shares`).
 */
export const creatorGiftShares = sqliteTable(
  'creator_gift_shares',
  {
    creatorId: text('creator_id').primaryKey(),
    /** Diamonds credited per `coins` coins. */
    diamonds: integer('diamonds').notNull(),
    coins: integer('coins').notNull(),
    /** Why the creator has this share (a program, a mission tier), for whoever reads the table next. */
    note: text('note'),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [check('creator_gift_shares_fraction', sql`${table.diamonds} > 0 and ${table.coins} > 0 and ${table.diamonds} <= ${table.coins}`)],
);

/**
 * One Small Gesture: a code from an offer's pool, sent by one user to another with a message, or
 * to whoever first claims its link (then `recipientId` stays null until the claim, and
 * `claimExpiresAt` says until when). The unique `code_id` means a code is in at most one send.
 * Each send takes one of the sender's slots (1 to 3), unique per sender, so a fourth send cannot
 * exist even if a rule were skipped. A link nobody claimed in time gives both back: its code
 * returns to the pool and its slot to the sender (`code_id`, `sender_slot` set to null).
 */
export const smallGestureSends = sqliteTable(
  'small_gesture_sends',
  {
    id: text('id').primaryKey(),
    offerId: text('offer_id')
      .notNull()
      .references(() => giftOffers.id),
    /** Null only once an unclaimed link has expired and given its code back. */
    codeId: integer('code_id')
      .unique()
      .references(() => giftOfferCodes.id),
    senderId: text('sender_id').notNull(),
    /** Null only once an unclaimed link has expired and given its slot back. */
    senderSlot: integer('sender_slot'),
    /** Null while a claim link waits for whoever claims it. */
    recipientId: text('recipient_id'),
    message: text('message').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    /** When the recipient redeemed it, which is also when the code was first shown. */
    redeemedAt: integer('redeemed_at', { mode: 'timestamp_ms' }),
    /** A claim link's end: unclaimed by then, it has expired. Null for a gift sent to a user. */
    claimExpiresAt: integer('claim_expires_at', { mode: 'timestamp_ms' }),
    /** When a claim link was claimed (its recipient set). */
    claimedAt: integer('claimed_at', { mode: 'timestamp_ms' }),
  },
  (table) => [
    check('small_gesture_sends_slot_in_limit', sql`${table.senderSlot} between 1 and ${sql.raw(String(SMALL_GESTURE_LIMIT))}`),
    check('small_gesture_sends_message_length', sql`length(${table.message}) <= ${sql.raw(String(SMALL_GESTURE_MESSAGE_MAX))}`),
    check('small_gesture_sends_not_to_self', sql`${table.senderId} <> ${table.recipientId}`),
    // Either a recipient, or a claim link.
    check('small_gesture_sends_recipient_or_link', sql`${table.recipientId} is not null or ${table.claimExpiresAt} is not null`),
    uniqueIndex('small_gesture_sends_sender_slot').on(table.senderId, table.senderSlot),
    // The inbox: a recipient's gifts newest first.
    index('small_gesture_sends_recipient').on(table.recipientId, table.createdAt, table.id),
    // The sender's list of gifts sent, newest first.
    index('small_gesture_sends_sender').on(table.senderId, table.createdAt, table.id),
    // An offer's sent and redeemed counts.
    index('small_gesture_sends_offer').on(table.offerId, table.redeemedAt),
  ],
);

/** A user's coins. The CHECK is the last line against a negative balance; debits are conditional updates. */
export const wallets = sqliteTable(
  'wallets',
  {
    userId: text('user_id').primaryKey(),
    coins: integer('coins').notNull().default(0),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [check('wallets_coins_not_negative', sql`${table.coins} >= 0`)],
);

/**
 * A purchase of a coin package. It is recorded PENDING before the payment provider is asked
 * (with the purchase id as the provider's idempotency reference), then settled once: COMPLETED
 * with the coins credited in the same transaction, or DECLINED with nothing credited.
 */
export const coinPurchases = sqliteTable(
  'coin_purchases',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    packageId: text('package_id').notNull(),
    coins: integer('coins').notNull(),
    /** Integer minor units of `currency`, as the package cost at the time of purchase. */
    priceAmount: integer('price_amount').notNull(),
    currency: text('currency').notNull(),
    paymentMethod: text('payment_method'),
    status: text('status', { enum: COIN_PURCHASE_STATUSES }).notNull(),
    providerChargeId: text('provider_charge_id').unique(),
    declineReason: text('decline_reason'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    settledAt: integer('settled_at', { mode: 'timestamp_ms' }),
  },
  (table) => [
    check('coin_purchases_coins_positive', sql`${table.coins} > 0`),
    check('coin_purchases_price_not_negative', sql`${table.priceAmount} >= 0`),
    check('coin_purchases_status', sql`${table.status} in ('PENDING', 'COMPLETED', 'DECLINED')`),
    // A buyer's history newest first.
    index('coin_purchases_user').on(table.userId, table.createdAt, table.id),
  ],
);

/**
 * A creator's diamonds not yet paid out: credited by each LIVE gift, taken by a payout request,
 * given back by a failed payout. The row is the creator's ledger account's balance kept where a
 * guarded UPDATE can take from it (as `wallets` is for coins); the CHECK is the last line against
 * paying out more than was earned.
 */
export const creatorBalances = sqliteTable(
  'creator_balances',
  {
    creatorId: text('creator_id').primaryKey(),
    diamonds: integer('diamonds').notNull().default(0),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [check('creator_balances_diamonds_not_negative', sql`${table.diamonds} >= 0`)],
);

/**
 * A creator's withdrawal of LIVE gift earnings. Recorded REQUESTED with its diamonds taken from
 * the balance, before the payout provider is asked (with the payout id as the provider's
 * idempotency reference); then settled once: PAID, or FAILED with the diamonds given back.
 * The amount and the rate it was converted at are kept, so a later rate never rewrites it.
 */
export const giftPayouts = sqliteTable(
  'gift_payouts',
  {
    id: text('id').primaryKey(),
    creatorId: text('creator_id').notNull(),
    /** Diamonds taken from the balance for this payout. */
    diamonds: integer('diamonds').notNull(),
    /** Integer minor units of `currency` paid (or to be paid) out. */
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    /** GIFT_DIAMONDS_PER_DOLLAR when it was requested. */
    diamondsPerDollar: integer('diamonds_per_dollar').notNull(),
    /** The payout destination token from the provider's onboarding, if the creator gave one. */
    payoutMethod: text('payout_method'),
    status: text('status', { enum: GIFT_PAYOUT_STATUSES }).notNull(),
    providerPayoutId: text('provider_payout_id').unique(),
    failureReason: text('failure_reason'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    settledAt: integer('settled_at', { mode: 'timestamp_ms' }),
  },
  (table) => [
    check('gift_payouts_diamonds_positive', sql`${table.diamonds} > 0`),
    check('gift_payouts_amount_positive', sql`${table.amount} > 0`),
    check('gift_payouts_status', sql`${table.status} in ('REQUESTED', 'PAID', 'FAILED')`),
    // A creator's payouts newest first, and their totals per status.
    index('gift_payouts_creator').on(table.creatorId, table.createdAt, table.id),
  ],
);

/**
 * The double-entry ledger: every movement of coins or diamonds is one transaction whose
 * entries sum to zero per unit. One transaction per purchase or send (unique reference), so
 * nothing is ever posted twice.
 */
export const ledgerTransactions = sqliteTable(
  'ledger_transactions',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: LEDGER_KINDS }).notNull(),
    /** The coin purchase or LIVE gift send this transaction records. */
    referenceId: text('reference_id').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [uniqueIndex('ledger_transactions_reference').on(table.kind, table.referenceId)],
);

/** One leg of a ledger transaction: a signed amount of one unit on one account (see `src/ledger.ts`). */
export const ledgerEntries = sqliteTable(
  'ledger_entries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
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

export type GiftOfferRow = typeof giftOffers.$inferSelect;
export type GiftOfferCodeRow = typeof giftOfferCodes.$inferSelect;
export type LiveGiftRow = typeof liveGifts.$inferSelect;
export type LiveGiftSendRow = typeof liveGiftSends.$inferSelect;
export type SmallGestureSendRow = typeof smallGestureSends.$inferSelect;
export type CoinPurchaseRow = typeof coinPurchases.$inferSelect;
export type GiftPayoutRow = typeof giftPayouts.$inferSelect;
export type CreatorGiftShareRow = typeof creatorGiftShares.$inferSelect;

/** A creator as gifts knows one: only the id; the users subgraph decides whether it exists. */
export interface CreatorRef {
  id: string;
}
/** A brand as gifts knows one: only the id; the commerce subgraph owns the rest. */
export interface BrandRef {
  id: string;
}
/** A live stream as gifts knows one: only the id; the content subgraph owns the rest. */
export interface LiveStreamRef {
  id: string;
}

/** A user as gifts knows one: only the id; the users subgraph owns the rest. */
export interface UserRef {
  id: string;
}

/** A user's wallet as the API shows it: whose it is; the coins are loaded per request. */
export interface WalletRef {
  userId: string;
}

/** A creator's gift earnings as the API shows them: whose they are; the amounts are loaded per request. */
export interface GiftEarningsRef {
  creatorId: string;
}

/** One place on a stream's (or creator's) leaderboard: a sender's coins summed there. */
export interface TopGifterRow {
  /** The stream or creator the leaderboard belongs to. */
  key: string;
  userId: string;
  coins: number;
  rank: number;
}

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
  idempotencyKeys,
  liveEvents,
  liveEventTopics,
  usedNonces,
};

/** The connection the seed and the store's statements run on. */
export type GiftsDb = BetterSQLite3Database<typeof schema>;

/** A stream's gift totals: what its viewers gifted so far. */
export interface GiftTotals {
  coins: number;
  diamonds: number;
  /** Gifts sent; a send of several of the same gift counts each one. */
  giftCount: number;
  /** Distinct senders. */
  gifterCount: number;
}

/**
 * What a gift event keeps in the outbox (its topic is the stream's id): the send, and the
 * stream's totals right after it, so a reader who comes late still sees them as of this event.
 */
export interface LiveGiftEventPayload {
  sendId: string;
  totals: GiftTotals;
}

/** What a subscription to a stream's gift events hands its resolvers: one outbox event. */
export interface LiveGiftEventView extends LiveGiftEventPayload {
  /** The event id, as the API shows it. */
  id: string;
  liveStreamId: string;
}

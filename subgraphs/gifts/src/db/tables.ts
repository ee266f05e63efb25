/**
 * The gifts store's tables, described once: `giftsTables.sqlite` and `giftsTables.postgres` are
 * built from this one description (see `@app/kit/db/tables`). drizzle-kit reads the SQLite set
 * from this file and the Postgres set from `tables-postgres.ts`.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { defineTables } from '@app/kit/db/tables';
import { kitTables } from '@app/kit/db/kit-tables';
// The rules own their limits; the tables enforce them too, as a last line behind the rules.
import { COIN_PURCHASE_STATUSES, GIFT_PAYOUT_STATUSES, LEDGER_KINDS, LEDGER_UNITS, SMALL_GESTURE_LIMIT, SMALL_GESTURE_MESSAGE_MAX } from '../vocabulary.ts';

/**
 * An index column in the order `ORDER BY column DESC` reads it, so a leaderboard's "most first" is
 * one walk down the index with no sort. Postgres' index columns say so themselves, with nulls first
 * as its `DESC` puts them (drizzle's default, nulls last, would not serve it); SQLite's take it as
 * the column named in SQL.
 */
const descending = (column: SQLiteColumn): SQLiteColumn | SQL => {
  const asPg = column as unknown as { desc?: () => { nullsFirst: () => SQLiteColumn } };
  return typeof asPg.desc === 'function' ? asPg.desc().nullsFirst() : sql`${sql.identifier(column.name)} desc`;
};

// Users, creators, streams and brands live in other subgraphs: their ids carry no foreign key.
export const giftsTables = defineTables((c) => {
  /** A Small Gestures offer. `brandId` names a commerce brand. */
  const giftOffers = c.table(
    'gift_offers',
    {
      id: c.text('id').primaryKey(),
      brandId: c.text('brand_id').notNull(),
      title: c.text('title').notNull(),
      description: c.text('description').notNull(),
      /** Integer minor units of `currency`. */
      retailValueAmount: c.money('retail_value_amount').notNull(),
      currency: c.text('currency').notNull().default('USD'),
      /** ISO country codes. */
      regions: c.json('regions').$type<string[]>().notNull(),
      active: c.flag('active').notNull().default(true),
      startsAt: c.time('starts_at').notNull(),
      endsAt: c.time('ends_at'),
    },
    (table) => [
      c.check('gift_offers_retail_value_not_negative', sql`${table.retailValueAmount} >= 0`),
      // A brand's offers, newest first.
      c.index('gift_offers_brand').on(table.brandId, table.startsAt, table.id),
    ],
  );

  /**
   * An offer's pool of codes. A send claims one by setting `claimedAt` where it is still null,
   * in the same transaction that records the send. A code is unique within its offer; another
   * brand's pool may hold the same string (it is that brand's code at that brand's site), so
   * adding codes never depends on, nor tells anything of, other brands' pools.
   */
  const giftOfferCodes = c.table(
    'gift_offer_codes',
    {
      id: c.serial('id'),
      offerId: c
        .text('offer_id')
        .notNull()
        .references(() => giftOffers.id),
      code: c.text('code').notNull(),
      claimedAt: c.time('claimed_at'),
    },
    (table) => [
      // Serves both counting a pool's unclaimed codes and finding the next one to claim.
      c.index('gift_offer_codes_offer_claimed').on(table.offerId, table.claimedAt),
      c.uniqueIndex('gift_offer_codes_offer_code').on(table.offerId, table.code),
    ],
  );

  /** The LIVE gift catalog. */
  const liveGifts = c.table(
    'live_gifts',
    {
      id: c.text('id').primaryKey(),
      name: c.text('name').notNull(),
      coinPrice: c.money('coin_price').notNull(),
      imageUrl: c.text('image_url').notNull(),
    },
    (table) => [c.check('live_gifts_coin_price_positive', sql`${table.coinPrice} > 0`), c.index('live_gifts_price').on(table.coinPrice, table.id)],
  );

  /**
   * One LIVE gift send: `quantity` of one gift from a viewer to a creator during a stream.
   * Coins and diamonds are stored as they were at the time of the send, so a later price or
   * payout change never rewrites past earnings.
   */
  const liveGiftSends = c.table(
    'live_gift_sends',
    {
      id: c.text('id').primaryKey(),
      senderId: c.text('sender_id').notNull(),
      creatorId: c.text('creator_id').notNull(),
      liveStreamId: c.text('live_stream_id').notNull(),
      giftId: c
        .text('gift_id')
        .notNull()
        .references(() => liveGifts.id),
      quantity: c.count('quantity').notNull(),
      coins: c.money('coins').notNull(),
      diamonds: c.money('diamonds').notNull(),
      createdAt: c.time('created_at').notNull(),
      /** Which send of a combo this is (1, 2, 3 …), by the rule in `liveGiftEvents.ts`. */
      combo: c.int('combo').notNull().default(1),
      /**
       * The number of this send's event in its stream's outbox: the send's place in the stream's
       * commit order. Null only for sends made before gift events existed.
       */
      eventSeq: c.int('event_seq'),
      /**
       * The creator's share this send was credited at (`diamonds` per `coins`): theirs then, kept
       * so a later change of share never rewrites it. Null for sends from before shares were kept.
       */
      shareDiamonds: c.int('share_diamonds'),
      shareCoins: c.int('share_coins'),
    },
    (table) => [
      c.check('live_gift_sends_quantity_positive', sql`${table.quantity} > 0`),
      c.check('live_gift_sends_coins_not_negative', sql`${table.coins} >= 0`),
      c.check('live_gift_sends_diamonds_not_negative', sql`${table.diamonds} >= 0`),
      // A creator's receipts newest first.
      c.index('live_gift_sends_creator').on(table.creatorId, table.createdAt, table.id),
      // A sender's history newest first.
      c.index('live_gift_sends_sender').on(table.senderId, table.createdAt, table.id),
      // Groups a creator's gifters for the creator leaderboard.
      c.index('live_gift_sends_creator_sender').on(table.creatorId, table.senderId),
      // Leads with the stream for its totals; the sender next groups a stream's gifters (counts,
      // leaderboards); the event number last makes a sender's last send to a stream (their combo)
      // one entry read backwards, however many sends the stream or the sender has.
      c.index('live_gift_sends_stream_sender_event').on(table.liveStreamId, table.senderId, table.eventSeq),
      // A stream's sends in commit order: the last one decides the next send's combo.
      c.uniqueIndex('live_gift_sends_stream_event').on(table.liveStreamId, table.eventSeq),
      // A stream's recent gifts, newest first (what a viewer joining the room sees).
      c.index('live_gift_sends_stream_recent').on(table.liveStreamId, table.createdAt, table.id),
    ],
  );

  // Kept by the send's own transaction (`insertLiveGiftSend`), so totals and leaderboards are one
  // row or one page down an index whatever the stream's history; `keptCountDifferences` recounts
  // them from the sends.

  /** A stream's gift totals: what `live_gift_sends` sums to for it, and how many distinct senders. */
  const liveStreamGiftTotals = c.table('live_stream_gift_totals', {
    liveStreamId: c.text('live_stream_id').primaryKey(),
    coins: c.money('coins').notNull().default(0),
    diamonds: c.money('diamonds').notNull().default(0),
    /** Gifts sent: the sum of the sends' quantities. */
    giftCount: c.count('gift_count').notNull().default(0),
    /** Distinct senders: one more at a sender's first send to the stream, never recounted on read. */
    gifterCount: c.count('gifter_count').notNull().default(0),
  });

  /** A sender's place on a stream's leaderboard: their sends to it, summed. */
  const liveStreamGifters = c.table(
    'live_stream_gifters',
    {
      liveStreamId: c.text('live_stream_id').notNull(),
      senderId: c.text('sender_id').notNull(),
      coins: c.money('coins').notNull().default(0),
      diamonds: c.money('diamonds').notNull().default(0),
      giftCount: c.count('gift_count').notNull().default(0),
      /** Their earliest send here: of two with the same coins, who gifted first ranks first. */
      firstGiftAt: c.time('first_gift_at').notNull(),
    },
    (table) => [
      c.primaryKey({ columns: [table.liveStreamId, table.senderId] }),
      // The leaderboard in rank order (most coins, then who gifted first, then sender id): a page is a walk down it.
      c.index('live_stream_gifters_rank').on(table.liveStreamId, descending(table.coins), table.firstGiftAt, table.senderId),
    ],
  );

  /** A sender's place on a creator's leaderboard: their sends to all the creator's streams, summed. */
  const creatorGifters = c.table(
    'creator_gifters',
    {
      creatorId: c.text('creator_id').notNull(),
      senderId: c.text('sender_id').notNull(),
      coins: c.money('coins').notNull().default(0),
      diamonds: c.money('diamonds').notNull().default(0),
      giftCount: c.count('gift_count').notNull().default(0),
      /** Their earliest send to any of the creator's streams. */
      firstGiftAt: c.time('first_gift_at').notNull(),
    },
    (table) => [
      c.primaryKey({ columns: [table.creatorId, table.senderId] }),
      c.index('creator_gifters_rank').on(table.creatorId, descending(table.coins), table.firstGiftAt, table.senderId),
    ],
  );

  /**
   * A creator's own share of the coins their LIVE gifts cost, overriding the default
   * (GIFT_DIAMONDS_PER_COIN) from the next send on. Set by an operator (`npm run gift-shares`).
   */
  const creatorGiftShares = c.table(
    'creator_gift_shares',
    {
      creatorId: c.text('creator_id').primaryKey(),
      /** Diamonds credited per `coins` coins. */
      diamonds: c.int('diamonds').notNull(),
      coins: c.int('coins').notNull(),
      /** Why the creator has this share (a program, a mission tier), for whoever reads the table next. */
      note: c.text('note'),
      updatedAt: c.time('updated_at').notNull(),
    },
    (table) => [c.check('creator_gift_shares_fraction', sql`${table.diamonds} > 0 and ${table.coins} > 0 and ${table.diamonds} <= ${table.coins}`)],
  );

  /**
   * One Small Gesture: a code from an offer's pool, sent by one user to another with a message, or
   * to whoever first claims its link (then `recipientId` stays null until the claim, and
   * `claimExpiresAt` says until when). The unique `code_id` means a code is in at most one send.
   * Each send takes one of the sender's slots (1 to SMALL_GESTURE_LIMIT), unique per sender, so
   * one more send cannot exist even if a rule were skipped. A link nobody claimed in time gives
   * both back: its code returns to the pool and its slot to the sender (`code_id`, `sender_slot`
   * set to null).
   */
  const smallGestureSends = c.table(
    'small_gesture_sends',
    {
      id: c.text('id').primaryKey(),
      offerId: c
        .text('offer_id')
        .notNull()
        .references(() => giftOffers.id),
      /** Null only once an unclaimed link has expired and given its code back. */
      codeId: c
        .int('code_id')
        .unique()
        .references(() => giftOfferCodes.id),
      senderId: c.text('sender_id').notNull(),
      /** Null only once an unclaimed link has expired and given its slot back. */
      senderSlot: c.int('sender_slot'),
      /** Null while a claim link waits for whoever claims it. */
      recipientId: c.text('recipient_id'),
      message: c.text('message').notNull(),
      createdAt: c.time('created_at').notNull(),
      /** When the recipient redeemed it, which is also when the code was first shown. */
      redeemedAt: c.time('redeemed_at'),
      /** A claim link's end: unclaimed by then, it has expired. Null for a gift sent to a user. */
      claimExpiresAt: c.time('claim_expires_at'),
      /** When a claim link was claimed (its recipient set). */
      claimedAt: c.time('claimed_at'),
    },
    (table) => [
      c.check('small_gesture_sends_slot_in_limit', sql`${table.senderSlot} between 1 and ${sql.raw(String(SMALL_GESTURE_LIMIT))}`),
      c.check('small_gesture_sends_message_length', sql`length(${table.message}) <= ${sql.raw(String(SMALL_GESTURE_MESSAGE_MAX))}`),
      c.check('small_gesture_sends_not_to_self', sql`${table.senderId} <> ${table.recipientId}`),
      // Either a recipient, or a claim link.
      c.check('small_gesture_sends_recipient_or_link', sql`${table.recipientId} is not null or ${table.claimExpiresAt} is not null`),
      c.uniqueIndex('small_gesture_sends_sender_slot').on(table.senderId, table.senderSlot),
      // The inbox: a recipient's gifts newest first.
      c.index('small_gesture_sends_recipient').on(table.recipientId, table.createdAt, table.id),
      // The sender's list of gifts sent, newest first.
      c.index('small_gesture_sends_sender').on(table.senderId, table.createdAt, table.id),
      // An offer's sent and redeemed counts.
      c.index('small_gesture_sends_offer').on(table.offerId, table.redeemedAt),
    ],
  );

  /** A user's coins. The CHECK is the last line against a negative balance; debits are conditional updates. */
  const wallets = c.table(
    'wallets',
    {
      userId: c.text('user_id').primaryKey(),
      coins: c.money('coins').notNull().default(0),
      updatedAt: c.time('updated_at').notNull(),
    },
    (table) => [c.check('wallets_coins_not_negative', sql`${table.coins} >= 0`)],
  );

  /**
   * A purchase of a coin package. It is recorded PENDING before the payment provider is asked
   * (with the purchase id as the provider's idempotency reference), then settled once: COMPLETED
   * with the coins credited in the same transaction, or DECLINED with nothing credited.
   */
  const coinPurchases = c.table(
    'coin_purchases',
    {
      id: c.text('id').primaryKey(),
      userId: c.text('user_id').notNull(),
      packageId: c.text('package_id').notNull(),
      coins: c.money('coins').notNull(),
      /** Integer minor units of `currency`, as the package cost at the time of purchase. */
      priceAmount: c.money('price_amount').notNull(),
      currency: c.text('currency').notNull(),
      paymentMethod: c.text('payment_method'),
      status: c.text('status', { enum: COIN_PURCHASE_STATUSES }).notNull(),
      providerChargeId: c.text('provider_charge_id').unique(),
      declineReason: c.text('decline_reason'),
      createdAt: c.time('created_at').notNull(),
      settledAt: c.time('settled_at'),
    },
    (table) => [
      c.check('coin_purchases_coins_positive', sql`${table.coins} > 0`),
      c.check('coin_purchases_price_not_negative', sql`${table.priceAmount} >= 0`),
      c.check('coin_purchases_status', sql`${table.status} in ('PENDING', 'COMPLETED', 'DECLINED')`),
      // A buyer's history newest first.
      c.index('coin_purchases_user').on(table.userId, table.createdAt, table.id),
    ],
  );

  /**
   * A creator's diamonds not yet paid out: credited by each LIVE gift, taken by a payout request,
   * given back by a failed payout. The row is the creator's ledger account's balance kept where a
   * guarded UPDATE can take from it (as `wallets` is for coins); the CHECK is the last line against
   * paying out more than was earned.
   */
  const creatorBalances = c.table(
    'creator_balances',
    {
      creatorId: c.text('creator_id').primaryKey(),
      diamonds: c.money('diamonds').notNull().default(0),
      /**
       * Kept sums of the creator's payouts in flight (REQUESTED) and paid out (PAID), diamonds and
       * money, moved by the transaction that requests or settles one. With the balance they make what
       * the creator ever earned (balance + in flight + paid), so no read sums their history.
       */
      inFlightDiamonds: c.money('in_flight_diamonds').notNull().default(0),
      inFlightAmount: c.money('in_flight_amount').notNull().default(0),
      paidDiamonds: c.money('paid_diamonds').notNull().default(0),
      paidAmount: c.money('paid_amount').notNull().default(0),
      updatedAt: c.time('updated_at').notNull(),
    },
    (table) => [c.check('creator_balances_diamonds_not_negative', sql`${table.diamonds} >= 0`)],
  );

  /**
   * A creator's withdrawal of LIVE gift earnings. Recorded REQUESTED with its diamonds taken from
   * the balance, before the payout provider is asked (with the payout id as the provider's
   * idempotency reference); then settled once: PAID, or FAILED with the diamonds given back.
   * The amount and the rate it was converted at are kept, so a later rate never rewrites it.
   */
  const giftPayouts = c.table(
    'gift_payouts',
    {
      id: c.text('id').primaryKey(),
      creatorId: c.text('creator_id').notNull(),
      /** Diamonds taken from the balance for this payout. */
      diamonds: c.money('diamonds').notNull(),
      /** Integer minor units of `currency` paid (or to be paid) out. */
      amount: c.money('amount').notNull(),
      currency: c.text('currency').notNull(),
      /** GIFT_DIAMONDS_PER_DOLLAR when it was requested. */
      diamondsPerDollar: c.int('diamonds_per_dollar').notNull(),
      /** The payout destination token from the provider's onboarding, if the creator gave one. */
      payoutMethod: c.text('payout_method'),
      status: c.text('status', { enum: GIFT_PAYOUT_STATUSES }).notNull(),
      providerPayoutId: c.text('provider_payout_id').unique(),
      failureReason: c.text('failure_reason'),
      createdAt: c.time('created_at').notNull(),
      settledAt: c.time('settled_at'),
    },
    (table) => [
      c.check('gift_payouts_diamonds_positive', sql`${table.diamonds} > 0`),
      c.check('gift_payouts_amount_positive', sql`${table.amount} > 0`),
      c.check('gift_payouts_status', sql`${table.status} in ('REQUESTED', 'PAID', 'FAILED')`),
      // A creator's payouts newest first, and their totals per status.
      c.index('gift_payouts_creator').on(table.creatorId, table.createdAt, table.id),
    ],
  );

  /**
   * The double-entry ledger: every movement of coins or diamonds is one transaction whose
   * entries sum to zero per unit. One transaction per purchase or send (unique reference), so
   * nothing is ever posted twice.
   */
  const ledgerTransactions = c.table(
    'ledger_transactions',
    {
      id: c.text('id').primaryKey(),
      kind: c.text('kind', { enum: LEDGER_KINDS }).notNull(),
      /** The coin purchase or LIVE gift send this transaction records. */
      referenceId: c.text('reference_id').notNull(),
      createdAt: c.time('created_at').notNull(),
    },
    (table) => [c.uniqueIndex('ledger_transactions_reference').on(table.kind, table.referenceId)],
  );

  /** One leg of a ledger transaction: a signed amount of one unit on one account (see `src/ledger.ts`). */
  const ledgerEntries = c.table(
    'ledger_entries',
    {
      id: c.serial('id'),
      transactionId: c
        .text('transaction_id')
        .notNull()
        .references(() => ledgerTransactions.id),
      account: c.text('account').notNull(),
      unit: c.text('unit', { enum: LEDGER_UNITS }).notNull(),
      amount: c.money('amount').notNull(),
    },
    (table) => [
      c.check('ledger_entries_amount_not_zero', sql`${table.amount} <> 0`),
      c.check('ledger_entries_unit', sql`${table.unit} in ('COIN', 'DIAMOND')`),
      c.index('ledger_entries_transaction').on(table.transactionId),
      c.index('ledger_entries_account').on(table.account, table.unit),
    ],
  );

  // The kit's tables: idempotency keys, the outbox of LIVE gift events, and the signature nonces
  // accepted, kept across restarts (and shared by every replica on Postgres).
  return {
    giftOffers,
    giftOfferCodes,
    liveGifts,
    liveGiftSends,
    liveStreamGiftTotals,
    liveStreamGifters,
    creatorGifters,
    creatorGiftShares,
    smallGestureSends,
    wallets,
    coinPurchases,
    creatorBalances,
    giftPayouts,
    ledgerTransactions,
    ledgerEntries,
    ...kitTables(c),
  };
});

export type GiftsTables = typeof giftsTables.sqlite;

// The SQLite tables by name, for drizzle-kit and for tests that read what a write left behind.
export const {
  giftOffers,
  giftOfferCodes,
  liveGifts,
  liveGiftSends,
  liveStreamGiftTotals,
  liveStreamGifters,
  creatorGifters,
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
} = giftsTables.sqlite;

export type GiftOfferRow = typeof giftOffers.$inferSelect;
export type GiftOfferCodeRow = typeof giftOfferCodes.$inferSelect;
export type LiveGiftRow = typeof liveGifts.$inferSelect;
export type LiveGiftSendRow = typeof liveGiftSends.$inferSelect;
export type SmallGestureSendRow = typeof smallGestureSends.$inferSelect;
export type CoinPurchaseRow = typeof coinPurchases.$inferSelect;
export type GiftPayoutRow = typeof giftPayouts.$inferSelect;
export type CreatorGiftShareRow = typeof creatorGiftShares.$inferSelect;
export type LedgerTransactionRow = typeof ledgerTransactions.$inferSelect;

export type NewGiftOffer = typeof giftOffers.$inferInsert;
export type NewGiftOfferCode = typeof giftOfferCodes.$inferInsert;
export type NewLiveGift = typeof liveGifts.$inferInsert;
export type NewLiveGiftSend = typeof liveGiftSends.$inferInsert;
export type NewSmallGestureSend = typeof smallGestureSends.$inferInsert;
export type NewWallet = typeof wallets.$inferInsert;
export type NewCoinPurchase = typeof coinPurchases.$inferInsert;
export type NewCreatorBalance = typeof creatorBalances.$inferInsert;
export type NewGiftPayout = typeof giftPayouts.$inferInsert;
export type NewLedgerTransaction = typeof ledgerTransactions.$inferInsert;
export type NewLedgerEntry = typeof ledgerEntries.$inferInsert;
export type NewLiveStreamGiftTotals = typeof liveStreamGiftTotals.$inferInsert;
export type NewLiveStreamGifter = typeof liveStreamGifters.$inferInsert;
export type NewCreatorGifter = typeof creatorGifters.$inferInsert;

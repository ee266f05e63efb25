/**
 * The gifts subgraph's store: every statement it runs, and nothing else runs SQL. Reads are
 * batch-shaped (one statement for many keys) for the loaders, and a write's body reads single
 * rows through them too (`offersByIds([id])`); writes are what the domain asks for. Writes run
 * inside the store's `transaction`, taken up front, so every read there sees what the write
 * will commit on top of.
 */
import { and, asc, count, countDistinct, desc, eq, exists, gt, inArray, isNotNull, isNull, lte, not, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { idempotencyStatements } from '@app/kit/idempotency';
import { LiveEventBus, liveEventStatements } from '@app/kit/live';
import { SqliteNonceStore } from '@app/kit/nonces';
import { perOwnerOf, before, countsPerKey, pagesPerOwner } from '@app/kit/sql';
import type { Page } from '@app/kit/pagination';
import { migrationsFolderFor, openStore, sqliteStore, type Queries, type SqliteConnection, type Store, type StoreOptions } from '@app/kit/store';
import {
  coinPurchases,
  creatorBalances,
  creatorGiftShares,
  giftOfferCodes,
  giftPayouts,
  giftOffers,
  ledgerEntries,
  ledgerTransactions,
  liveGiftSends,
  liveGifts,
  schema,
  smallGestureSends,
  wallets,
  type CoinPurchaseRow,
  type CreatorGiftShareRow,
  type GiftOfferRow,
  type GiftPayoutRow,
  type GiftsDb,
  type GiftTotals,
  type LiveGiftRow,
  type LiveGiftSendRow,
  type SmallGestureSendRow,
  type TopGifterRow,
} from './schema.ts';
import type { LedgerKind, LedgerUnit } from '../vocabulary.ts';
import { giftsSeed } from './seed.ts';

export interface StreamGiftTotals extends GiftTotals {
  liveStreamId: string;
}

/** What the next send's combo is decided from: the sender's last send to the stream, in commit order. */
export type LastStreamSend = Pick<LiveGiftSendRow, 'senderId' | 'giftId' | 'createdAt' | 'combo'>;

export interface OfferStats {
  offerId: string;
  sent: number;
  redeemed: number;
}

export interface LedgerLeg {
  account: string;
  unit: LedgerUnit;
  amount: number;
}

export type PurchaseOutcome = { status: 'COMPLETED'; providerChargeId: string } | { status: 'DECLINED'; declineReason: string };

export type PayoutOutcome = { status: 'PAID'; providerPayoutId: string } | { status: 'FAILED'; failureReason: string };

/** A creator's payouts of one status, summed: what is in flight (REQUESTED) or paid out (PAID). */
export interface PayoutTotal {
  creatorId: string;
  status: 'REQUESTED' | 'PAID';
  diamonds: number;
  amount: number;
}

/** A claim link nobody claimed before it expired, as of `now`. */
const lapsedClaim = (now: Date) => and(isNull(smallGestureSends.recipientId), lte(smallGestureSends.claimExpiresAt, now)) as SQL;

/** SQLite's sum() of an integer column, read back as a number rather than drizzle's string. */
const total = (column: AnyColumn) => sql<number>`sum(${column})`.mapWith(Number);

function statements(db: GiftsDb, connection: SqliteConnection<Record<string, unknown>>, bus: LiveEventBus) {
  return {
    ...idempotencyStatements(db),
    ...liveEventStatements(connection, bus),

    // Offers and their pools of codes.

    giftOffersByIds: (ids: readonly string[]): GiftOfferRow[] => db.select().from(giftOffers).where(inArray(giftOffers.id, [...ids])).all(),

    /** One page of offers, active first, then by title and id, with one extra row to tell whether more follow. */
    giftOffersPage: (page: Page): GiftOfferRow[] => {
      // `active` sorts descending and the rest ascending, so one row-value comparison cannot express "after".
      const after = page.after
        ? sql`(${giftOffers.active} < ${Number(page.after[0])} or (${giftOffers.active} = ${Number(page.after[0])} and (${giftOffers.title}, ${giftOffers.id}) > (${String(page.after[1])}, ${String(page.after[2])})))`
        : undefined;
      return db
        .select()
        .from(giftOffers)
        .where(after)
        .orderBy(desc(giftOffers.active), asc(giftOffers.title), asc(giftOffers.id))
        .limit(page.first + 1)
        .all();
    },

    /**
     * Offers switched on, started and not yet ended at `now`, by title. Whether they have codes
     * left and are offered in a country is for the caller (one statement each, through the loaders).
     */
    offersOpenAt: (now: Date): GiftOfferRow[] =>
      db
        .select()
        .from(giftOffers)
        .where(and(eq(giftOffers.active, true), lte(giftOffers.startsAt, now), or(isNull(giftOffers.endsAt), gt(giftOffers.endsAt, now))))
        .orderBy(asc(giftOffers.title), asc(giftOffers.id))
        .all(),

    /**
     * Codes left per offer at `now`: unclaimed, or held by a claim link that expired unclaimed
     * (given back at the next write, see `releaseLapsedClaims`); offers with none left have no row.
     */
    unclaimedCodeCounts: (offerIds: readonly string[], now: Date) =>
      countsPerKey(
        db,
        giftOfferCodes,
        giftOfferCodes.offerId,
        offerIds,
        or(isNull(giftOfferCodes.claimedAt), exists(db.select({ one: sql`1` }).from(smallGestureSends).where(and(eq(smallGestureSends.codeId, giftOfferCodes.id), lapsedClaim(now))))),
      ),

    /** Small Gestures sent (expired claim links left out) and redeemed per offer; offers never sent have no row. */
    offerStats: (offerIds: readonly string[], now: Date): OfferStats[] =>
      db
        .select({ offerId: smallGestureSends.offerId, sent: count(), redeemed: count(smallGestureSends.redeemedAt) })
        .from(smallGestureSends)
        .where(and(inArray(smallGestureSends.offerId, [...offerIds]), not(lapsedClaim(now))))
        .groupBy(smallGestureSends.offerId)
        .all(),

    insertOffer: (row: typeof giftOffers.$inferInsert): GiftOfferRow => db.insert(giftOffers).values(row).returning().get(),

    /** Codes among `codes` already in this offer's pool (and only this offer's). */
    existingCodes: (offerId: string, codes: readonly string[]): string[] =>
      db
        .select({ code: giftOfferCodes.code })
        .from(giftOfferCodes)
        .where(and(eq(giftOfferCodes.offerId, offerId), inArray(giftOfferCodes.code, [...codes])))
        .all()
        .map((row) => row.code),

    /** A page of the offers of each of many brands in one statement, newest first, `first + 1` each. */
    giftOfferPagesByBrand: (brandIds: readonly string[], page: Page) =>
      pagesPerOwner(db, {
        from: giftOffers,
        owner: giftOffers.brandId,
        ownerIds: brandIds,
        orderBy: [desc(giftOffers.startsAt), desc(giftOffers.id)],
        where: before([giftOffers.startsAt, giftOffers.id], page.after),
        node: { table: giftOffers, id: giftOffers.id, ref: giftOffers.id },
        perOwner: perOwnerOf(page),
      }),

    /** Switches an offer on or off; the offer after it. */
    setOfferActive: (id: string, active: boolean): GiftOfferRow | undefined => db.update(giftOffers).set({ active }).where(eq(giftOffers.id, id)).returning().get(),

    /** Sets (or with null, removes) an offer's end; the offer after it. */
    setOfferEndsAt: (id: string, endsAt: Date | null): GiftOfferRow | undefined => db.update(giftOffers).set({ endsAt }).where(eq(giftOffers.id, id)).returning().get(),

    insertCodes: (offerId: string, codes: readonly string[]): void => {
      // Well under SQLite's bound-parameter limit per statement.
      for (let i = 0; i < codes.length; i += 500) {
        db.insert(giftOfferCodes)
          .values(codes.slice(i, i + 500).map((code) => ({ offerId, code })))
          .run();
      }
    },

    /**
     * Takes the offer's next unclaimed code: one UPDATE that only succeeds on a code still
     * unclaimed, so the same code can never be taken twice. Undefined when the pool is empty.
     */
    claimCode: (offerId: string, now: Date): { id: number; code: string } | undefined => {
      const next = db
        .select({ id: giftOfferCodes.id })
        .from(giftOfferCodes)
        .where(and(eq(giftOfferCodes.offerId, offerId), isNull(giftOfferCodes.claimedAt)))
        .orderBy(asc(giftOfferCodes.id))
        .limit(1);
      return db
        .update(giftOfferCodes)
        .set({ claimedAt: now })
        .where(and(sql`${giftOfferCodes.id} = (${next})`, isNull(giftOfferCodes.claimedAt)))
        .returning({ id: giftOfferCodes.id, code: giftOfferCodes.code })
        .get();
    },

    codeById: (id: number): string | undefined => db.select({ code: giftOfferCodes.code }).from(giftOfferCodes).where(eq(giftOfferCodes.id, id)).get()?.code,

    // Small Gestures sent.

    smallGesturesByIds: (ids: readonly string[]): SmallGestureSendRow[] => db.select().from(smallGestureSends).where(inArray(smallGestureSends.id, [...ids])).all(),

    /** Small Gestures counting against each sender's allowance at `now` (expired claim links do not); senders with none have no row. */
    smallGestureSentCounts: (senderIds: readonly string[], now: Date) =>
      countsPerKey(db, smallGestureSends, smallGestureSends.senderId, senderIds, and(isNotNull(smallGestureSends.senderSlot), not(lapsedClaim(now)))),

    /** The allowance slots a sender holds (after `releaseLapsedClaims`, inside a send's transaction). */
    senderSlotsTaken: (senderId: string): number[] =>
      db
        .select({ slot: smallGestureSends.senderSlot })
        .from(smallGestureSends)
        .where(and(eq(smallGestureSends.senderId, senderId), isNotNull(smallGestureSends.senderSlot)))
        .all()
        .map((row) => row.slot as number),

    /**
     * Gives back what claim links that expired unclaimed still hold, of one sender or one offer:
     * their codes return to the pool, their slots to their senders. How many links it released.
     */
    releaseLapsedClaims: (senderId: string, offerId: string, now: Date): number => {
      const lapsed = db
        .select({ id: smallGestureSends.id, codeId: smallGestureSends.codeId })
        .from(smallGestureSends)
        .where(and(lapsedClaim(now), isNotNull(smallGestureSends.codeId), or(eq(smallGestureSends.senderId, senderId), eq(smallGestureSends.offerId, offerId))))
        .all();
      if (lapsed.length === 0) return 0;
      db.update(smallGestureSends)
        .set({ codeId: null, senderSlot: null })
        .where(inArray(smallGestureSends.id, lapsed.map((row) => row.id)))
        .run();
      db.update(giftOfferCodes)
        .set({ claimedAt: null })
        .where(inArray(giftOfferCodes.id, lapsed.map((row) => row.codeId as number)))
        .run();
      return lapsed.length;
    },

    /** Makes `recipientId` the recipient of a claim link still unclaimed and not expired at `now`; undefined otherwise. */
    claimSmallGesture: (id: string, recipientId: string, now: Date): SmallGestureSendRow | undefined =>
      db
        .update(smallGestureSends)
        .set({ recipientId, claimedAt: now })
        .where(and(eq(smallGestureSends.id, id), isNull(smallGestureSends.recipientId), gt(smallGestureSends.claimExpiresAt, now)))
        .returning()
        .get(),

    /** A page of the Small Gestures each of many senders sent, newest first, `first + 1` each. */
    smallGestureSentPages: (senderIds: readonly string[], page: Page) =>
      pagesPerOwner(db, {
        from: smallGestureSends,
        owner: smallGestureSends.senderId,
        ownerIds: senderIds,
        orderBy: [desc(smallGestureSends.createdAt), desc(smallGestureSends.id)],
        where: before([smallGestureSends.createdAt, smallGestureSends.id], page.after),
        node: { table: smallGestureSends, id: smallGestureSends.id, ref: smallGestureSends.id },
        perOwner: perOwnerOf(page),
      }),

    /** A page of the inbox for each of many recipients in one statement, newest first, `first + 1` each. */
    inboxPages: (recipientIds: readonly string[], page: Page) =>
      pagesPerOwner(db, {
        from: smallGestureSends,
        owner: smallGestureSends.recipientId,
        ownerIds: recipientIds,
        orderBy: [desc(smallGestureSends.createdAt), desc(smallGestureSends.id)],
        where: before([smallGestureSends.createdAt, smallGestureSends.id], page.after),
        node: { table: smallGestureSends, id: smallGestureSends.id, ref: smallGestureSends.id },
        perOwner: perOwnerOf(page),
      }),

    insertSmallGesture: (row: typeof smallGestureSends.$inferInsert): SmallGestureSendRow => db.insert(smallGestureSends).values(row).returning().get(),

    /** Marks a gift redeemed if it was not yet; undefined when it already was. */
    markRedeemed: (id: string, now: Date): SmallGestureSendRow | undefined =>
      db
        .update(smallGestureSends)
        .set({ redeemedAt: now })
        .where(and(eq(smallGestureSends.id, id), isNull(smallGestureSends.redeemedAt)))
        .returning()
        .get(),

    // LIVE gifts: the catalog, sends, totals and leaderboards.

    /** The whole LIVE gift catalog, cheapest first: a dozen rows, so no paging. */
    liveGiftCatalog: (): LiveGiftRow[] => db.select().from(liveGifts).orderBy(asc(liveGifts.coinPrice), asc(liveGifts.id)).all(),

    liveGiftsByIds: (ids: readonly string[]): LiveGiftRow[] => db.select().from(liveGifts).where(inArray(liveGifts.id, [...ids])).all(),

    liveGiftSendsByIds: (ids: readonly string[]): LiveGiftSendRow[] => db.select().from(liveGiftSends).where(inArray(liveGiftSends.id, [...ids])).all(),

    insertLiveGiftSend: (row: typeof liveGiftSends.$inferInsert): void => {
      db.insert(liveGiftSends).values(row).run();
    },

    /** A page of the sends of each of many senders in one statement, newest first, `first + 1` each. */
    liveGiftSendPagesBySender: (senderIds: readonly string[], page: Page) =>
      pagesPerOwner(db, {
        from: liveGiftSends,
        owner: liveGiftSends.senderId,
        ownerIds: senderIds,
        orderBy: [desc(liveGiftSends.createdAt), desc(liveGiftSends.id)],
        where: before([liveGiftSends.createdAt, liveGiftSends.id], page.after),
        node: { table: liveGiftSends, id: liveGiftSends.id, ref: liveGiftSends.id },
        perOwner: perOwnerOf(page),
      }),

    /** A page of the sends each of many creators received, newest first, `first + 1` each; one stream's only when given. */
    liveGiftSendPagesByCreator: (creatorIds: readonly string[], page: Page, liveStreamId: string | null) =>
      pagesPerOwner(db, {
        from: liveGiftSends,
        owner: liveGiftSends.creatorId,
        ownerIds: creatorIds,
        orderBy: [desc(liveGiftSends.createdAt), desc(liveGiftSends.id)],
        where: and(before([liveGiftSends.createdAt, liveGiftSends.id], page.after), liveStreamId === null ? undefined : eq(liveGiftSends.liveStreamId, liveStreamId)),
        node: { table: liveGiftSends, id: liveGiftSends.id, ref: liveGiftSends.id },
        perOwner: perOwnerOf(page),
      }),

    /** Records which outbox event announced a send (written after the send, in its transaction). */
    setLiveGiftSendEvent: (id: string, eventSeq: number): void => {
      db.update(liveGiftSends).set({ eventSeq }).where(eq(liveGiftSends.id, id)).run();
    },

    /** A sender's last announced send to a stream, in commit order; undefined before their first. */
    lastSendTo: (liveStreamId: string, senderId: string): LastStreamSend | undefined =>
      db
        .select({ senderId: liveGiftSends.senderId, giftId: liveGiftSends.giftId, createdAt: liveGiftSends.createdAt, combo: liveGiftSends.combo })
        .from(liveGiftSends)
        .where(and(eq(liveGiftSends.liveStreamId, liveStreamId), eq(liveGiftSends.senderId, senderId), isNotNull(liveGiftSends.eventSeq)))
        .orderBy(desc(liveGiftSends.eventSeq))
        .limit(1)
        .get(),

    /** Diamonds received per creator; creators never gifted have no row. */
    creatorDiamonds: (creatorIds: readonly string[]): { creatorId: string; diamonds: number }[] =>
      db
        .select({ creatorId: liveGiftSends.creatorId, diamonds: total(liveGiftSends.diamonds) })
        .from(liveGiftSends)
        .where(inArray(liveGiftSends.creatorId, [...creatorIds]))
        .groupBy(liveGiftSends.creatorId)
        .all(),

    /** Gift totals per stream; streams without gifts have no row. */
    streamGiftTotals: (liveStreamIds: readonly string[]): StreamGiftTotals[] =>
      db
        .select({
          liveStreamId: liveGiftSends.liveStreamId,
          coins: total(liveGiftSends.coins),
          diamonds: total(liveGiftSends.diamonds),
          giftCount: total(liveGiftSends.quantity),
          gifterCount: countDistinct(liveGiftSends.senderId),
        })
        .from(liveGiftSends)
        .where(inArray(liveGiftSends.liveStreamId, [...liveStreamIds]))
        .groupBy(liveGiftSends.liveStreamId)
        .all(),

    /**
     * The top `first` gifters of each of many streams (or creators) in one statement: senders'
     * coins summed per stream, ranked by coins, ties going to whoever gifted first.
     */
    topGifters: (by: 'liveStream' | 'creator', keys: readonly string[], first: number): TopGifterRow[] => {
      const keyColumn: SQLiteColumn = by === 'liveStream' ? liveGiftSends.liveStreamId : liveGiftSends.creatorId;
      const ranked = db
        .select({
          key: sql<string>`${keyColumn}`.as('key'),
          userId: liveGiftSends.senderId,
          coins: sql<number>`sum(${liveGiftSends.coins})`.as('coins'),
          rank: sql<number>`row_number() over (partition by ${keyColumn} order by sum(${liveGiftSends.coins}) desc, min(${liveGiftSends.createdAt}), ${liveGiftSends.senderId})`.as(
            'rank',
          ),
        })
        .from(liveGiftSends)
        .where(inArray(keyColumn, [...keys]))
        .groupBy(keyColumn, liveGiftSends.senderId)
        .as('ranked');
      return db.select().from(ranked).where(lte(ranked.rank, first)).orderBy(asc(ranked.key), asc(ranked.rank)).all();
    },

    // Wallets and coin purchases.

    walletsByUserIds: (userIds: readonly string[]): { userId: string; coins: number }[] =>
      db
        .select({ userId: wallets.userId, coins: wallets.coins })
        .from(wallets)
        .where(inArray(wallets.userId, [...userIds]))
        .all(),

    /** Adds coins to a wallet, creating it on first credit. */
    creditWallet: (userId: string, coins: number, now: Date): void => {
      db.insert(wallets)
        .values({ userId, coins, updatedAt: now })
        .onConflictDoUpdate({ target: wallets.userId, set: { coins: sql`${wallets.coins} + ${coins}`, updatedAt: now } })
        .run();
    },

    /**
     * Takes coins from a wallet only if it holds enough, in one conditional UPDATE.
     * Returns the new balance, or undefined (and changes nothing) when it does not.
     */
    debitWallet: (userId: string, coins: number, now: Date): number | undefined =>
      db
        .update(wallets)
        .set({ coins: sql`${wallets.coins} - ${coins}`, updatedAt: now })
        .where(and(eq(wallets.userId, userId), sql`${wallets.coins} >= ${coins}`))
        .returning({ coins: wallets.coins })
        .get()?.coins,

    coinPurchasesByIds: (ids: readonly string[]): CoinPurchaseRow[] => db.select().from(coinPurchases).where(inArray(coinPurchases.id, [...ids])).all(),

    /** A page of the purchases of each of many buyers in one statement, newest first, `first + 1` each. */
    coinPurchasePages: (userIds: readonly string[], page: Page) =>
      pagesPerOwner(db, {
        from: coinPurchases,
        owner: coinPurchases.userId,
        ownerIds: userIds,
        orderBy: [desc(coinPurchases.createdAt), desc(coinPurchases.id)],
        where: before([coinPurchases.createdAt, coinPurchases.id], page.after),
        node: { table: coinPurchases, id: coinPurchases.id, ref: coinPurchases.id },
        perOwner: perOwnerOf(page),
      }),

    insertCoinPurchase: (row: typeof coinPurchases.$inferInsert): CoinPurchaseRow => db.insert(coinPurchases).values(row).returning().get(),

    /** Settles a purchase that is still pending; undefined when something settled it first. */
    settleCoinPurchase: (id: string, outcome: PurchaseOutcome, now: Date): CoinPurchaseRow | undefined =>
      db
        .update(coinPurchases)
        .set({ ...outcome, settledAt: now })
        .where(and(eq(coinPurchases.id, id), eq(coinPurchases.status, 'PENDING')))
        .returning()
        .get(),

    // Creators' own shares.

    creatorGiftSharesByIds: (creatorIds: readonly string[]): CreatorGiftShareRow[] => db.select().from(creatorGiftShares).where(inArray(creatorGiftShares.creatorId, [...creatorIds])).all(),

    /** Every creator with a share of their own, by creator id. */
    allCreatorGiftShares: (): CreatorGiftShareRow[] => db.select().from(creatorGiftShares).orderBy(asc(creatorGiftShares.creatorId)).all(),

    /** Sets a creator's own share, replacing the one they had. */
    upsertCreatorGiftShare: (row: CreatorGiftShareRow): void => {
      db.insert(creatorGiftShares)
        .values(row)
        .onConflictDoUpdate({ target: creatorGiftShares.creatorId, set: { diamonds: row.diamonds, coins: row.coins, note: row.note, updatedAt: row.updatedAt } })
        .run();
    },

    /** Drops a creator's own share (they go back to the default); whether they had one. */
    deleteCreatorGiftShare: (creatorId: string): boolean => db.delete(creatorGiftShares).where(eq(creatorGiftShares.creatorId, creatorId)).run().changes > 0,

    // Creators' diamond balances and gift payouts.

    /** Diamonds not yet paid out per creator; creators never gifted have no row. */
    creatorBalancesByIds: (creatorIds: readonly string[]): { creatorId: string; diamonds: number }[] =>
      db
        .select({ creatorId: creatorBalances.creatorId, diamonds: creatorBalances.diamonds })
        .from(creatorBalances)
        .where(inArray(creatorBalances.creatorId, [...creatorIds]))
        .all(),

    /** Adds diamonds to a creator's balance, creating it on first credit. */
    creditCreatorBalance: (creatorId: string, diamonds: number, now: Date): void => {
      db.insert(creatorBalances)
        .values({ creatorId, diamonds, updatedAt: now })
        .onConflictDoUpdate({ target: creatorBalances.creatorId, set: { diamonds: sql`${creatorBalances.diamonds} + ${diamonds}`, updatedAt: now } })
        .run();
    },

    /**
     * Takes diamonds from a creator's balance only if it holds enough, in one conditional UPDATE.
     * Returns the new balance, or undefined (and changes nothing) when it does not.
     */
    debitCreatorBalance: (creatorId: string, diamonds: number, now: Date): number | undefined =>
      db
        .update(creatorBalances)
        .set({ diamonds: sql`${creatorBalances.diamonds} - ${diamonds}`, updatedAt: now })
        .where(and(eq(creatorBalances.creatorId, creatorId), sql`${creatorBalances.diamonds} >= ${diamonds}`))
        .returning({ diamonds: creatorBalances.diamonds })
        .get()?.diamonds,

    giftPayoutsByIds: (ids: readonly string[]): GiftPayoutRow[] => db.select().from(giftPayouts).where(inArray(giftPayouts.id, [...ids])).all(),

    insertGiftPayout: (row: typeof giftPayouts.$inferInsert): GiftPayoutRow => db.insert(giftPayouts).values(row).returning().get(),

    /** Settles a payout still REQUESTED; undefined when something settled it first. */
    settleGiftPayout: (id: string, outcome: PayoutOutcome, now: Date): GiftPayoutRow | undefined =>
      db
        .update(giftPayouts)
        .set({ ...outcome, settledAt: now })
        .where(and(eq(giftPayouts.id, id), eq(giftPayouts.status, 'REQUESTED')))
        .returning()
        .get(),

    /** Payouts in flight and paid out per creator, summed; a creator with none of a status has no row for it. */
    giftPayoutTotals: (creatorIds: readonly string[]): PayoutTotal[] =>
      db
        .select({ creatorId: giftPayouts.creatorId, status: sql<'REQUESTED' | 'PAID'>`${giftPayouts.status}`, diamonds: total(giftPayouts.diamonds), amount: total(giftPayouts.amount) })
        .from(giftPayouts)
        .where(and(inArray(giftPayouts.creatorId, [...creatorIds]), inArray(giftPayouts.status, ['REQUESTED', 'PAID'])))
        .groupBy(giftPayouts.creatorId, giftPayouts.status)
        .all(),

    /** A page of payouts for each of many creators in one statement, newest first, `first + 1` each. */
    giftPayoutPages: (creatorIds: readonly string[], page: Page) =>
      pagesPerOwner(db, {
        from: giftPayouts,
        owner: giftPayouts.creatorId,
        ownerIds: creatorIds,
        orderBy: [desc(giftPayouts.createdAt), desc(giftPayouts.id)],
        where: before([giftPayouts.createdAt, giftPayouts.id], page.after),
        node: { table: giftPayouts, id: giftPayouts.id, ref: giftPayouts.id },
        perOwner: perOwnerOf(page),
      }),

    // The ledger.

    /** One ledger transaction and its legs; balancing them is the ledger's rule (`ledger.ts`). */
    insertLedgerTransaction: (row: { id: string; kind: LedgerKind; referenceId: string; createdAt: Date }, legs: readonly LedgerLeg[]): void => {
      db.insert(ledgerTransactions).values(row).run();
      db.insert(ledgerEntries)
        .values(legs.map((leg) => ({ transactionId: row.id, ...leg })))
        .run();
    },
  };
}

/** Every statement the gifts subgraph runs, as SQLite runs them; `pg/store.ts` has the same on Postgres. */
export type GiftsStatements = ReturnType<typeof statements>;
export type GiftsStore = Store<GiftsStatements> & {
  /** Who waits for which stream's next gift event, in this process. */
  liveEvents: LiveEventBus;
};
/** The statements a write's transaction body runs: the same ones, inside the open transaction. */
export type GiftsTx = Queries<GiftsStatements>;

function seedGifts(db: GiftsDb): void {
  const seed = giftsSeed();
  db.transaction((tx) => {
    tx.insert(giftOffers).values(seed.giftOffers).run();
    for (let i = 0; i < seed.giftOfferCodes.length; i += 200) tx.insert(giftOfferCodes).values(seed.giftOfferCodes.slice(i, i + 200)).run();
    tx.insert(liveGifts).values(seed.liveGifts).run();
    const history = seed.history;
    tx.insert(coinPurchases).values(history.coinPurchases).run();
    tx.insert(wallets).values(history.wallets).run();
    tx.insert(liveGiftSends).values(history.liveGiftSends).run();
    tx.insert(creatorBalances).values(history.creatorBalances).run();
    tx.insert(giftPayouts).values(history.giftPayouts).run();
    tx.insert(ledgerTransactions).values(history.ledgerTransactions).run();
    tx.insert(ledgerEntries).values(history.ledgerEntries).run();
    for (const { code, ...gesture } of history.smallGestures) {
      const taken = tx
        .select({ id: giftOfferCodes.id })
        .from(giftOfferCodes)
        .where(and(eq(giftOfferCodes.offerId, gesture.offerId), eq(giftOfferCodes.code, code)))
        .get();
      if (!taken) throw new Error(`The seed's Small Gesture ${gesture.id} names code ${code}, which its offer does not hold`);
      tx.insert(smallGestureSends)
        .values({ ...gesture, codeId: taken.id })
        .run();
    }
  });
}

export const migrationsFolder = migrationsFolderFor(import.meta.url);

/**
 * Opens (creating and migrating as needed) the gifts store, seeding it when empty. It holds
 * value (codes, coins, diamonds), so every commit syncs fully.
 */
export function openGiftsStore(path: string, options: Pick<StoreOptions, 'onStatement'> = {}) {
  const opened = openStore(schema, { path, migrationsFolder, holdsValue: true, ...options });
  if (!opened.db.select({ id: giftOffers.id }).from(giftOffers).limit(1).get()) seedGifts(opened.db);
  const bus = new LiveEventBus();
  const store: GiftsStore = { ...sqliteStore(opened.connection, statements(opened.db, opened.connection, bus)), liveEvents: bus };
  return { ...store, nonces: new SqliteNonceStore(opened.connection), db: opened.db, isOpen: () => opened.sqlite.open, close: opened.close };
}

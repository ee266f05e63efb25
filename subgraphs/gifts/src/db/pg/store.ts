/**
 * The gifts store on Postgres: every statement of `../store.ts` again, in Postgres' dialect,
 * typed as the same `Queries<GiftsStatements>`. The guarded writes are the same guarded writes
 * (a conditional debit, a claim of a code still unclaimed, a settle of a purchase still pending);
 * what SQLite's up-front write lock gave the reads around them, serializable transactions give
 * here (`@app/kit/pg`).
 */
import { and, asc, count, countDistinct, desc, eq, exists, gt, inArray, isNotNull, isNull, lte, not, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { idempotencyPgStatements } from '@app/kit/idempotency-pg';
import { LiveEventBus } from '@app/kit/live';
import { listenForLiveEvents, liveEventPgStatements } from '@app/kit/live-pg';
import { PgNonceStore } from '@app/kit/nonces-pg';
import { insertChunks, isEmpty, openPgConnection, pgStore, type PgConnectionOptions, type PgDb } from '@app/kit/pg';
import { perOwnerOf } from '@app/kit/sql';
import { beforePg, countsPerKeyPg, pagesPerOwnerPg } from '@app/kit/sql-pg';
import { migrationsFolderFor, type Queries } from '@app/kit/store';
import { giftsSeed } from '../seed.ts';
import type { GiftsStatements, GiftsStore } from '../store.ts';
import { coinPurchases, creatorBalances, creatorGiftShares, giftOfferCodes, giftOffers, giftPayouts, ledgerEntries, ledgerTransactions, liveGiftSends, liveGifts, smallGestureSends, wallets } from './schema.ts';

/** A claim link nobody claimed before it expired, as of `now`. */
const lapsedClaim = (now: Date) => and(isNull(smallGestureSends.recipientId), lte(smallGestureSends.claimExpiresAt, now)) as SQL;

/** Postgres' sum() of an integer column is a bigint, which the driver answers as a string. */
const total = (column: AnyColumn) => sql<number>`sum(${column})`.mapWith(Number);

function statementsOn(outbox: ReturnType<typeof liveEventPgStatements>) {
  return (db: PgDb): Queries<GiftsStatements> => ({
    ...idempotencyPgStatements(db),
    ...outbox(db),

    giftOffersByIds: async (ids) => db.select().from(giftOffers).where(inArray(giftOffers.id, [...ids])),

    giftOffersPage: async (page) => {
      // The cursor carries `active` as 1 or 0, as SQLite stores it.
      const after = page.after
        ? sql`(${giftOffers.active}::int < ${Number(page.after[0])} or (${giftOffers.active}::int = ${Number(page.after[0])} and (${giftOffers.title}, ${giftOffers.id}) > (${String(page.after[1])}, ${String(page.after[2])})))`
        : undefined;
      return db
        .select()
        .from(giftOffers)
        .where(after)
        .orderBy(desc(giftOffers.active), asc(giftOffers.title), asc(giftOffers.id))
        .limit(page.first + 1);
    },

    offersOpenAt: async (now) =>
      db
        .select()
        .from(giftOffers)
        .where(and(eq(giftOffers.active, true), lte(giftOffers.startsAt, now), or(isNull(giftOffers.endsAt), gt(giftOffers.endsAt, now))))
        .orderBy(asc(giftOffers.title), asc(giftOffers.id)),

    unclaimedCodeCounts: (offerIds, now) =>
      countsPerKeyPg(
        db,
        giftOfferCodes,
        giftOfferCodes.offerId,
        offerIds,
        or(isNull(giftOfferCodes.claimedAt), exists(db.select({ one: sql`1` }).from(smallGestureSends).where(and(eq(smallGestureSends.codeId, giftOfferCodes.id), lapsedClaim(now))))),
      ),

    offerStats: async (offerIds, now) =>
      db
        .select({ offerId: smallGestureSends.offerId, sent: count(), redeemed: count(smallGestureSends.redeemedAt) })
        .from(smallGestureSends)
        .where(and(inArray(smallGestureSends.offerId, [...offerIds]), not(lapsedClaim(now))))
        .groupBy(smallGestureSends.offerId),

    insertOffer: async (row) => (await db.insert(giftOffers).values(row).returning())[0]!,

    existingCodes: async (offerId, codes) =>
      (
        await db
          .select({ code: giftOfferCodes.code })
          .from(giftOfferCodes)
          .where(and(eq(giftOfferCodes.offerId, offerId), inArray(giftOfferCodes.code, [...codes])))
      ).map((row) => row.code),

    giftOfferPagesByBrand: (brandIds, page) =>
      pagesPerOwnerPg<typeof giftOffers>(db, {
        from: giftOffers,
        owner: giftOffers.brandId,
        ownerIds: brandIds,
        orderBy: [desc(giftOffers.startsAt), desc(giftOffers.id)],
        where: beforePg([giftOffers.startsAt, giftOffers.id], page.after),
        node: { table: giftOffers, id: giftOffers.id, ref: giftOffers.id },
        perOwner: perOwnerOf(page),
      }),

    setOfferActive: async (id, active) => (await db.update(giftOffers).set({ active }).where(eq(giftOffers.id, id)).returning())[0],

    setOfferEndsAt: async (id, endsAt) => (await db.update(giftOffers).set({ endsAt }).where(eq(giftOffers.id, id)).returning())[0],

    insertCodes: async (offerId, codes) => {
      await insertChunks(codes, 1_000, (chunk) => db.insert(giftOfferCodes).values(chunk.map((code) => ({ offerId, code }))));
    },

    claimCode: async (offerId, now) => {
      const next = db
        .select({ id: giftOfferCodes.id })
        .from(giftOfferCodes)
        .where(and(eq(giftOfferCodes.offerId, offerId), isNull(giftOfferCodes.claimedAt)))
        .orderBy(asc(giftOfferCodes.id))
        .limit(1);
      return (
        await db
          .update(giftOfferCodes)
          .set({ claimedAt: now })
          .where(and(sql`${giftOfferCodes.id} = (${next})`, isNull(giftOfferCodes.claimedAt)))
          .returning({ id: giftOfferCodes.id, code: giftOfferCodes.code })
      )[0];
    },

    codeById: async (id) => (await db.select({ code: giftOfferCodes.code }).from(giftOfferCodes).where(eq(giftOfferCodes.id, id)))[0]?.code,

    smallGesturesByIds: async (ids) => db.select().from(smallGestureSends).where(inArray(smallGestureSends.id, [...ids])),

    smallGestureSentCounts: (senderIds, now) =>
      countsPerKeyPg(db, smallGestureSends, smallGestureSends.senderId, senderIds, and(isNotNull(smallGestureSends.senderSlot), not(lapsedClaim(now)))),

    senderSlotsTaken: async (senderId) =>
      (
        await db
          .select({ slot: smallGestureSends.senderSlot })
          .from(smallGestureSends)
          .where(and(eq(smallGestureSends.senderId, senderId), isNotNull(smallGestureSends.senderSlot)))
      ).map((row) => row.slot as number),

    releaseLapsedClaims: async (senderId, offerId, now) => {
      const lapsed = await db
        .select({ id: smallGestureSends.id, codeId: smallGestureSends.codeId })
        .from(smallGestureSends)
        .where(and(lapsedClaim(now), isNotNull(smallGestureSends.codeId), or(eq(smallGestureSends.senderId, senderId), eq(smallGestureSends.offerId, offerId))));
      if (lapsed.length === 0) return 0;
      await db
        .update(smallGestureSends)
        .set({ codeId: null, senderSlot: null })
        .where(inArray(smallGestureSends.id, lapsed.map((row) => row.id)));
      await db
        .update(giftOfferCodes)
        .set({ claimedAt: null })
        .where(inArray(giftOfferCodes.id, lapsed.map((row) => row.codeId as number)));
      return lapsed.length;
    },

    claimSmallGesture: async (id, recipientId, now) =>
      (
        await db
          .update(smallGestureSends)
          .set({ recipientId, claimedAt: now })
          .where(and(eq(smallGestureSends.id, id), isNull(smallGestureSends.recipientId), gt(smallGestureSends.claimExpiresAt, now)))
          .returning()
      )[0],

    smallGestureSentPages: (senderIds, page) =>
      pagesPerOwnerPg<typeof smallGestureSends>(db, {
        from: smallGestureSends,
        owner: smallGestureSends.senderId,
        ownerIds: senderIds,
        orderBy: [desc(smallGestureSends.createdAt), desc(smallGestureSends.id)],
        where: beforePg([smallGestureSends.createdAt, smallGestureSends.id], page.after),
        node: { table: smallGestureSends, id: smallGestureSends.id, ref: smallGestureSends.id },
        perOwner: perOwnerOf(page),
      }),

    inboxPages: (recipientIds, page) =>
      pagesPerOwnerPg<typeof smallGestureSends>(db, {
        from: smallGestureSends,
        owner: smallGestureSends.recipientId,
        ownerIds: recipientIds,
        orderBy: [desc(smallGestureSends.createdAt), desc(smallGestureSends.id)],
        where: beforePg([smallGestureSends.createdAt, smallGestureSends.id], page.after),
        node: { table: smallGestureSends, id: smallGestureSends.id, ref: smallGestureSends.id },
        perOwner: perOwnerOf(page),
      }),

    insertSmallGesture: async (row) => (await db.insert(smallGestureSends).values(row).returning())[0]!,

    markRedeemed: async (id, now) =>
      (
        await db
          .update(smallGestureSends)
          .set({ redeemedAt: now })
          .where(and(eq(smallGestureSends.id, id), isNull(smallGestureSends.redeemedAt)))
          .returning()
      )[0],

    liveGiftCatalog: async () => db.select().from(liveGifts).orderBy(asc(liveGifts.coinPrice), asc(liveGifts.id)),

    liveGiftsByIds: async (ids) => db.select().from(liveGifts).where(inArray(liveGifts.id, [...ids])),

    liveGiftSendsByIds: async (ids) => db.select().from(liveGiftSends).where(inArray(liveGiftSends.id, [...ids])),

    insertLiveGiftSend: async (row) => {
      await db.insert(liveGiftSends).values(row);
    },

    liveGiftSendPagesBySender: (senderIds, page) =>
      pagesPerOwnerPg<typeof liveGiftSends>(db, {
        from: liveGiftSends,
        owner: liveGiftSends.senderId,
        ownerIds: senderIds,
        orderBy: [desc(liveGiftSends.createdAt), desc(liveGiftSends.id)],
        where: beforePg([liveGiftSends.createdAt, liveGiftSends.id], page.after),
        node: { table: liveGiftSends, id: liveGiftSends.id, ref: liveGiftSends.id },
        perOwner: perOwnerOf(page),
      }),

    liveGiftSendPagesByCreator: (creatorIds, page, liveStreamId) =>
      pagesPerOwnerPg<typeof liveGiftSends>(db, {
        from: liveGiftSends,
        owner: liveGiftSends.creatorId,
        ownerIds: creatorIds,
        orderBy: [desc(liveGiftSends.createdAt), desc(liveGiftSends.id)],
        where: and(beforePg([liveGiftSends.createdAt, liveGiftSends.id], page.after), liveStreamId === null ? undefined : eq(liveGiftSends.liveStreamId, liveStreamId)),
        node: { table: liveGiftSends, id: liveGiftSends.id, ref: liveGiftSends.id },
        perOwner: perOwnerOf(page),
      }),

    setLiveGiftSendEvent: async (id, eventSeq) => {
      await db.update(liveGiftSends).set({ eventSeq }).where(eq(liveGiftSends.id, id));
    },

    lastSendTo: async (liveStreamId, senderId) =>
      (
        await db
          .select({ senderId: liveGiftSends.senderId, giftId: liveGiftSends.giftId, createdAt: liveGiftSends.createdAt, combo: liveGiftSends.combo })
          .from(liveGiftSends)
          .where(and(eq(liveGiftSends.liveStreamId, liveStreamId), eq(liveGiftSends.senderId, senderId), isNotNull(liveGiftSends.eventSeq)))
          .orderBy(desc(liveGiftSends.eventSeq))
          .limit(1)
      )[0],

    creatorDiamonds: async (creatorIds) =>
      db
        .select({ creatorId: liveGiftSends.creatorId, diamonds: total(liveGiftSends.diamonds) })
        .from(liveGiftSends)
        .where(inArray(liveGiftSends.creatorId, [...creatorIds]))
        .groupBy(liveGiftSends.creatorId),

    streamGiftTotals: async (liveStreamIds) =>
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
        .groupBy(liveGiftSends.liveStreamId),

    topGifters: async (by, keys, first) => {
      const keyColumn: PgColumn = by === 'liveStream' ? liveGiftSends.liveStreamId : liveGiftSends.creatorId;
      const ranked = db
        .select({
          key: sql<string>`${keyColumn}`.as('key'),
          userId: liveGiftSends.senderId,
          coins: sql<number>`sum(${liveGiftSends.coins})`.as('coins'),
          rank: sql<number>`row_number() over (partition by ${keyColumn} order by sum(${liveGiftSends.coins}) desc, min(${liveGiftSends.createdAt}), ${liveGiftSends.senderId})`.as('rank'),
        })
        .from(liveGiftSends)
        .where(inArray(keyColumn, [...keys]))
        .groupBy(keyColumn, liveGiftSends.senderId)
        .as('ranked');
      const rows = await db.select().from(ranked).where(lte(ranked.rank, first)).orderBy(asc(ranked.key), asc(ranked.rank));
      // sum() and row_number() are bigints, answered as strings.
      return rows.map((row) => ({ key: row.key, userId: row.userId, coins: Number(row.coins), rank: Number(row.rank) }));
    },

    walletsByUserIds: async (userIds) =>
      db
        .select({ userId: wallets.userId, coins: wallets.coins })
        .from(wallets)
        .where(inArray(wallets.userId, [...userIds])),

    creditWallet: async (userId, coins, now) => {
      await db
        .insert(wallets)
        .values({ userId, coins, updatedAt: now })
        .onConflictDoUpdate({ target: wallets.userId, set: { coins: sql`${wallets.coins} + ${coins}`, updatedAt: now } });
    },

    debitWallet: async (userId, coins, now) =>
      (
        await db
          .update(wallets)
          .set({ coins: sql`${wallets.coins} - ${coins}`, updatedAt: now })
          .where(and(eq(wallets.userId, userId), sql`${wallets.coins} >= ${coins}`))
          .returning({ coins: wallets.coins })
      )[0]?.coins,

    coinPurchasesByIds: async (ids) => db.select().from(coinPurchases).where(inArray(coinPurchases.id, [...ids])),

    coinPurchasePages: (userIds, page) =>
      pagesPerOwnerPg<typeof coinPurchases>(db, {
        from: coinPurchases,
        owner: coinPurchases.userId,
        ownerIds: userIds,
        orderBy: [desc(coinPurchases.createdAt), desc(coinPurchases.id)],
        where: beforePg([coinPurchases.createdAt, coinPurchases.id], page.after),
        node: { table: coinPurchases, id: coinPurchases.id, ref: coinPurchases.id },
        perOwner: perOwnerOf(page),
      }),

    insertCoinPurchase: async (row) => (await db.insert(coinPurchases).values(row).returning())[0]!,

    settleCoinPurchase: async (id, outcome, now) =>
      (
        await db
          .update(coinPurchases)
          .set({ ...outcome, settledAt: now })
          .where(and(eq(coinPurchases.id, id), eq(coinPurchases.status, 'PENDING')))
          .returning()
      )[0],

    creatorGiftSharesByIds: async (creatorIds) => db.select().from(creatorGiftShares).where(inArray(creatorGiftShares.creatorId, [...creatorIds])),

    allCreatorGiftShares: async () => db.select().from(creatorGiftShares).orderBy(asc(creatorGiftShares.creatorId)),

    upsertCreatorGiftShare: async (row) => {
      await db
        .insert(creatorGiftShares)
        .values(row)
        .onConflictDoUpdate({ target: creatorGiftShares.creatorId, set: { diamonds: row.diamonds, coins: row.coins, note: row.note, updatedAt: row.updatedAt } });
    },

    deleteCreatorGiftShare: async (creatorId) => ((await db.delete(creatorGiftShares).where(eq(creatorGiftShares.creatorId, creatorId)).returning({ creatorId: creatorGiftShares.creatorId })).length > 0),

    creatorBalancesByIds: async (creatorIds) =>
      db
        .select({ creatorId: creatorBalances.creatorId, diamonds: creatorBalances.diamonds })
        .from(creatorBalances)
        .where(inArray(creatorBalances.creatorId, [...creatorIds])),

    creditCreatorBalance: async (creatorId, diamonds, now) => {
      await db
        .insert(creatorBalances)
        .values({ creatorId, diamonds, updatedAt: now })
        .onConflictDoUpdate({ target: creatorBalances.creatorId, set: { diamonds: sql`${creatorBalances.diamonds} + ${diamonds}`, updatedAt: now } });
    },

    debitCreatorBalance: async (creatorId, diamonds, now) =>
      (
        await db
          .update(creatorBalances)
          .set({ diamonds: sql`${creatorBalances.diamonds} - ${diamonds}`, updatedAt: now })
          .where(and(eq(creatorBalances.creatorId, creatorId), sql`${creatorBalances.diamonds} >= ${diamonds}`))
          .returning({ diamonds: creatorBalances.diamonds })
      )[0]?.diamonds,

    giftPayoutsByIds: async (ids) => db.select().from(giftPayouts).where(inArray(giftPayouts.id, [...ids])),

    insertGiftPayout: async (row) => (await db.insert(giftPayouts).values(row).returning())[0]!,

    settleGiftPayout: async (id, outcome, now) =>
      (
        await db
          .update(giftPayouts)
          .set({ ...outcome, settledAt: now })
          .where(and(eq(giftPayouts.id, id), eq(giftPayouts.status, 'REQUESTED')))
          .returning()
      )[0],

    giftPayoutTotals: async (creatorIds) =>
      db
        .select({ creatorId: giftPayouts.creatorId, status: sql<'REQUESTED' | 'PAID'>`${giftPayouts.status}`, diamonds: total(giftPayouts.diamonds), amount: total(giftPayouts.amount) })
        .from(giftPayouts)
        .where(and(inArray(giftPayouts.creatorId, [...creatorIds]), inArray(giftPayouts.status, ['REQUESTED', 'PAID'])))
        .groupBy(giftPayouts.creatorId, giftPayouts.status),

    giftPayoutPages: (creatorIds, page) =>
      pagesPerOwnerPg<typeof giftPayouts>(db, {
        from: giftPayouts,
        owner: giftPayouts.creatorId,
        ownerIds: creatorIds,
        orderBy: [desc(giftPayouts.createdAt), desc(giftPayouts.id)],
        where: beforePg([giftPayouts.createdAt, giftPayouts.id], page.after),
        node: { table: giftPayouts, id: giftPayouts.id, ref: giftPayouts.id },
        perOwner: perOwnerOf(page),
      }),

    insertLedgerTransaction: async (row, legs) => {
      await db.insert(ledgerTransactions).values(row);
      await db.insert(ledgerEntries).values(legs.map((leg) => ({ transactionId: row.id, ...leg })));
    },
  });
}

export const pgMigrationsFolder = migrationsFolderFor(import.meta.url, 'drizzle-pg');

async function seed(db: PgDb): Promise<void> {
  if (!(await isEmpty(db, 'gift_offers'))) return;
  const rows = giftsSeed();
  await db.transaction(async (tx) => {
    await tx.insert(giftOffers).values(rows.giftOffers);
    await insertChunks(rows.giftOfferCodes, 1_000, (chunk) => tx.insert(giftOfferCodes).values(chunk));
    await tx.insert(liveGifts).values(rows.liveGifts);
    const history = rows.history;
    await tx.insert(coinPurchases).values(history.coinPurchases);
    await tx.insert(wallets).values(history.wallets);
    await tx.insert(liveGiftSends).values(history.liveGiftSends);
    await tx.insert(creatorBalances).values(history.creatorBalances);
    await tx.insert(giftPayouts).values(history.giftPayouts);
    await tx.insert(ledgerTransactions).values(history.ledgerTransactions);
    await tx.insert(ledgerEntries).values(history.ledgerEntries);
    for (const { code, ...gesture } of history.smallGestures) {
      const [taken] = await tx
        .select({ id: giftOfferCodes.id })
        .from(giftOfferCodes)
        .where(and(eq(giftOfferCodes.offerId, gesture.offerId), eq(giftOfferCodes.code, code)));
      if (!taken) throw new Error(`The seed's Small Gesture ${gesture.id} names code ${code}, which its offer does not hold`);
      await tx.insert(smallGestureSends).values({ ...gesture, codeId: taken.id });
    }
  });
}

/**
 * Opens the gifts store on a Postgres database (migrating and seeding it as needed), with a
 * listening connection that wakes this process's subscribers when any replica commits a gift event.
 */
export async function openGiftsPgStore(url: string, options: Pick<PgConnectionOptions, 'onStatement'> = {}) {
  const connection = await openPgConnection({ url, migrationsFolder: pgMigrationsFolder, seed, ...options });
  const bus = new LiveEventBus();
  const listener = listenForLiveEvents(url, bus);
  await listener.ready;
  const store: GiftsStore = { ...pgStore(connection, statementsOn(liveEventPgStatements())), liveEvents: bus };
  return {
    ...store,
    nonces: new PgNonceStore(connection.db),
    isOpen: () => connection.isOpen,
    ping: () => connection.ping(),
    close: async () => {
      await listener.close();
      await connection.close();
    },
  };
}

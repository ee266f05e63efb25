import { and, asc, count, countDistinct, desc, eq, getTableColumns, gt, inArray, isNull, lte, or, sql, type AnyColumn } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { CursorKey, Page } from '@app/kit/pagination';
import {
  giftOfferCodes,
  giftOffers,
  liveGiftSends,
  liveGifts,
  smallGestureSends,
  wallets,
  type GiftOfferRow,
  type LiveGiftRow,
  type LiveGiftSendRow,
  type SmallGestureSendRow,
  type schema,
} from './schema.ts';

/** The gifts subgraph's SQL. Every read is batch-shaped: one statement for many keys. */
export type GiftsDb = BetterSQLite3Database<typeof schema>;

/** SQLite's sum() of an integer column, read back as a number rather than drizzle's string. */
const total = (column: AnyColumn) => sql<number>`sum(${column})`.mapWith(Number);

export function giftOffersByIds(db: GiftsDb, ids: readonly string[]): GiftOfferRow[] {
  return db.select().from(giftOffers).where(inArray(giftOffers.id, [...ids])).all();
}

/** The offer list's order, active offers first, then by title: the cursor holds this key. */
export const giftOfferSortKey = (row: GiftOfferRow): CursorKey => [row.active ? 1 : 0, row.title, row.id];

/** One page of offers in `giftOfferSortKey` order, with one extra row to tell whether more follow. */
export function giftOffersPage(db: GiftsDb, page: Page): GiftOfferRow[] {
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
}

export interface CodeCount {
  offerId: string;
  count: number;
}

/** Unclaimed codes per offer; offers with none left have no row. */
export function unclaimedCodeCounts(db: GiftsDb, offerIds: readonly string[]): CodeCount[] {
  return db
    .select({ offerId: giftOfferCodes.offerId, count: count() })
    .from(giftOfferCodes)
    .where(and(inArray(giftOfferCodes.offerId, [...offerIds]), isNull(giftOfferCodes.claimedAt)))
    .groupBy(giftOfferCodes.offerId)
    .all();
}

/** The whole LIVE gift catalog, cheapest first: a dozen rows, so no paging. */
export function liveGiftCatalog(db: GiftsDb): LiveGiftRow[] {
  return db.select().from(liveGifts).orderBy(asc(liveGifts.coinPrice), asc(liveGifts.id)).all();
}

export function liveGiftsByIds(db: GiftsDb, ids: readonly string[]): LiveGiftRow[] {
  return db.select().from(liveGifts).where(inArray(liveGifts.id, [...ids])).all();
}

export interface CreatorDiamonds {
  creatorId: string;
  diamonds: number;
}

/** Diamonds received per creator; creators never gifted have no row. */
export function creatorDiamonds(db: GiftsDb, creatorIds: readonly string[]): CreatorDiamonds[] {
  return db
    .select({ creatorId: liveGiftSends.creatorId, diamonds: total(liveGiftSends.diamonds) })
    .from(liveGiftSends)
    .where(inArray(liveGiftSends.creatorId, [...creatorIds]))
    .groupBy(liveGiftSends.creatorId)
    .all();
}

export interface StreamGiftTotals {
  liveStreamId: string;
  coins: number;
  diamonds: number;
  giftCount: number;
  gifterCount: number;
}

/** Gift totals per stream; streams without gifts have no row. */
export function streamGiftTotals(db: GiftsDb, liveStreamIds: readonly string[]): StreamGiftTotals[] {
  return db
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
    .all();
}

/**
 * Offers switched on, started and not yet ended at `now`, by title. Whether they have codes left
 * and are offered in a country is for the caller (one statement each, through the loaders).
 */
export function offersOpenAt(db: GiftsDb, now: Date): GiftOfferRow[] {
  return db
    .select()
    .from(giftOffers)
    .where(and(eq(giftOffers.active, true), lte(giftOffers.startsAt, now), or(isNull(giftOffers.endsAt), gt(giftOffers.endsAt, now))))
    .orderBy(asc(giftOffers.title), asc(giftOffers.id))
    .all();
}

export interface OfferStats {
  offerId: string;
  sent: number;
  redeemed: number;
}

/** Small Gestures sent and redeemed per offer; offers never sent have no row. */
export function offerStats(db: GiftsDb, offerIds: readonly string[]): OfferStats[] {
  return db
    .select({ offerId: smallGestureSends.offerId, sent: count(), redeemed: count(smallGestureSends.redeemedAt) })
    .from(smallGestureSends)
    .where(inArray(smallGestureSends.offerId, [...offerIds]))
    .groupBy(smallGestureSends.offerId)
    .all();
}

export interface KeyCount {
  key: string;
  count: number;
}

/** Small Gestures sent per sender; senders who sent none have no row. */
export function smallGestureSentCounts(db: GiftsDb, senderIds: readonly string[]): KeyCount[] {
  return db
    .select({ key: smallGestureSends.senderId, count: count() })
    .from(smallGestureSends)
    .where(inArray(smallGestureSends.senderId, [...senderIds]))
    .groupBy(smallGestureSends.senderId)
    .all();
}

export function smallGesturesByIds(db: GiftsDb, ids: readonly string[]): SmallGestureSendRow[] {
  return db.select().from(smallGestureSends).where(inArray(smallGestureSends.id, [...ids])).all();
}

/** The inbox order, newest first: the cursor holds this key. */
export const inboxSortKey = (row: SmallGestureSendRow): CursorKey => [row.createdAt.getTime(), row.id];

/**
 * A page of the inbox for each of many recipients in one statement: gifts are numbered per
 * recipient, newest first, and each recipient keeps `first + 1` of them.
 */
export function inboxPages(db: GiftsDb, recipientIds: readonly string[], page: Page): SmallGestureSendRow[] {
  const after = page.after
    ? sql`(${smallGestureSends.createdAt}, ${smallGestureSends.id}) < (${Number(page.after[0])}, ${String(page.after[1])})`
    : undefined;
  const ranked = db
    .select({
      ...getTableColumns(smallGestureSends),
      position: sql<number>`row_number() over (partition by ${smallGestureSends.recipientId} order by ${smallGestureSends.createdAt} desc, ${smallGestureSends.id} desc)`.as(
        'position',
      ),
    })
    .from(smallGestureSends)
    .where(and(inArray(smallGestureSends.recipientId, [...recipientIds]), after))
    .as('ranked');
  return db
    .select()
    .from(ranked)
    .where(lte(ranked.position, page.first + 1))
    .orderBy(asc(ranked.recipientId), asc(ranked.position))
    .all()
    .map(({ position: _position, ...row }) => row);
}

export function walletsByUserIds(db: GiftsDb, userIds: readonly string[]): { userId: string; coins: number }[] {
  return db
    .select({ userId: wallets.userId, coins: wallets.coins })
    .from(wallets)
    .where(inArray(wallets.userId, [...userIds]))
    .all();
}

export function liveGiftSendsByIds(db: GiftsDb, ids: readonly string[]): LiveGiftSendRow[] {
  return db.select().from(liveGiftSends).where(inArray(liveGiftSends.id, [...ids])).all();
}

export interface TopGifterRow {
  /** The stream or creator the leaderboard belongs to. */
  key: string;
  userId: string;
  coins: number;
  rank: number;
}

/**
 * The top `first` gifters of each of many streams (or creators) in one statement: senders'
 * coins summed per stream, ranked by coins, ties going to whoever gifted first.
 */
export function topGifters(db: GiftsDb, by: 'liveStream' | 'creator', keys: readonly string[], first: number): TopGifterRow[] {
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
}

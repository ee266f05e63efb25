import { and, asc, count, countDistinct, desc, inArray, isNull, sql, type AnyColumn } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { CursorKey, Page } from '@app/kit/pagination';
import { giftOfferCodes, giftOffers, liveGiftSends, liveGifts, type GiftOfferRow, type LiveGiftRow, type schema } from './schema.ts';

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

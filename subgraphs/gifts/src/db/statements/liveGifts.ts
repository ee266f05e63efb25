import { and, asc, countDistinct, desc, eq, inArray, isNotNull, lte, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Engine } from '@app/kit/db/engine';
import type { Page } from '@app/kit/pagination';
import { before, pagesPerOwner, perOwnerOf, sumOf } from '@app/kit/db/shapes';
import type { GiftsStatements } from '../contract.ts';
import type { GiftsTables } from '../tables.ts';

/** LIVE gifts: the catalog, sends, totals and leaderboards. */
export function liveGiftStatements(engine: Engine<GiftsTables>) {
  const { db } = engine;
  const { liveGifts, liveGiftSends } = engine.tables;

  /** A page of each owner's sends (whose: `owner`), newest first; `where` narrows the list. */
  const sendPages = (owner: SQLiteColumn, ownerIds: readonly string[], page: Page, where?: SQL) =>
    pagesPerOwner(engine, {
      from: liveGiftSends,
      owner,
      ownerIds,
      orderBy: [desc(liveGiftSends.createdAt), desc(liveGiftSends.id)],
      where: and(before(engine, [liveGiftSends.createdAt, liveGiftSends.id], page.after), where),
      node: { table: liveGiftSends, id: liveGiftSends.id, ref: liveGiftSends.id },
      perOwner: perOwnerOf(page),
    });

  return {
    liveGiftCatalog: async () => db.select().from(liveGifts).orderBy(asc(liveGifts.coinPrice), asc(liveGifts.id)),

    liveGiftsByIds: async (ids) => db.select().from(liveGifts).where(inArray(liveGifts.id, [...ids])),

    liveGiftSendsByIds: async (ids) => db.select().from(liveGiftSends).where(inArray(liveGiftSends.id, [...ids])),

    insertLiveGiftSend: async (row) => {
      await db.insert(liveGiftSends).values(row);
    },

    liveGiftSendPagesBySender: (senderIds, page) => sendPages(liveGiftSends.senderId, senderIds, page),

    liveGiftSendPagesByCreator: (creatorIds, page, liveStreamId) =>
      sendPages(liveGiftSends.creatorId, creatorIds, page, liveStreamId === null ? undefined : eq(liveGiftSends.liveStreamId, liveStreamId)),

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
        .select({ creatorId: liveGiftSends.creatorId, diamonds: sumOf(liveGiftSends.diamonds) })
        .from(liveGiftSends)
        .where(inArray(liveGiftSends.creatorId, [...creatorIds]))
        .groupBy(liveGiftSends.creatorId),

    streamGiftTotals: async (liveStreamIds) =>
      db
        .select({
          liveStreamId: liveGiftSends.liveStreamId,
          coins: sumOf(liveGiftSends.coins),
          diamonds: sumOf(liveGiftSends.diamonds),
          giftCount: sumOf(liveGiftSends.quantity),
          gifterCount: countDistinct(liveGiftSends.senderId),
        })
        .from(liveGiftSends)
        .where(inArray(liveGiftSends.liveStreamId, [...liveStreamIds]))
        .groupBy(liveGiftSends.liveStreamId),

    topGifters: async (by, keys, first) => {
      const keyColumn: SQLiteColumn = by === 'liveStream' ? liveGiftSends.liveStreamId : liveGiftSends.creatorId;
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
      // A sum and a row number are bigints on Postgres, which the driver answers as strings.
      return db
        .select({ key: ranked.key, userId: ranked.userId, coins: sql<number>`${ranked.coins}`.mapWith(Number), rank: sql<number>`${ranked.rank}`.mapWith(Number) })
        .from(ranked)
        .where(lte(ranked.rank, first))
        .orderBy(asc(ranked.key), asc(ranked.rank));
    },
  } satisfies Partial<GiftsStatements>;
}

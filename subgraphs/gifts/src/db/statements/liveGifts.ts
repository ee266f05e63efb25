import { and, asc, countDistinct, desc, eq, inArray, isNotNull, isNull, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Engine } from '@app/kit/db/engine';
import type { KeptCountDifference } from '@app/kit/db/reconcile';
import type { Page } from '@app/kit/pagination';
import { keysetPage, pagesPerOwner, perOwnerOf, sumOf } from '@app/kit/db/shapes';
import type { GiftsStatements, TopGifterRow } from '../contract.ts';
import type { GiftsTables } from '../tables.ts';

/** The value an upsert's conflicting insert would have written to `column`. */
const excluded = (column: SQLiteColumn): SQL => sql`excluded.${sql.identifier(column.name)}`;

/** A kept table as its recount sees it: whose rows (kept column, the sends' column) and what they keep. */
interface KeptRows {
  /** What it is kept for, as the API names it: `LiveStream.giftTotals`. */
  name: string;
  table: SQLiteTable;
  /** The history it is recounted from: the sends, unless said otherwise (a creator's payouts). */
  history?: SQLiteTable;
  keys: readonly (readonly [kept: SQLiteColumn, sends: SQLiteColumn])[];
  values: readonly (readonly [field: string, kept: SQLWrapper, recount: SQL])[];
}

/** LIVE gifts: the catalog, sends, totals and leaderboards. */
export function liveGiftStatements(engine: Engine<GiftsTables>) {
  const { db } = engine;
  const { liveGifts, liveGiftSends, liveStreamGiftTotals, liveStreamGifters, creatorGifters, creatorBalances, giftPayouts, ledgerTransactions, ledgerEntries } = engine.tables;
  /** A creator's payouts of one status, summed: the recount of a kept payout total. */
  const payoutsOf = (status: 'REQUESTED' | 'PAID', value: SQLiteColumn) => sumOf(sql`case when ${giftPayouts.status} = ${status} then ${value} else 0 end`);

  /** Every kept row, and how the sends recount it (`keptCountDifferences`). */
  const keptRows: readonly KeptRows[] = [
    {
      name: 'LiveStream.giftTotals',
      table: liveStreamGiftTotals,
      keys: [[liveStreamGiftTotals.liveStreamId, liveGiftSends.liveStreamId]],
      values: [
        ['coins', liveStreamGiftTotals.coins, sumOf(liveGiftSends.coins)],
        ['diamonds', liveStreamGiftTotals.diamonds, sumOf(liveGiftSends.diamonds)],
        ['giftCount', liveStreamGiftTotals.giftCount, sumOf(liveGiftSends.quantity)],
        ['gifterCount', liveStreamGiftTotals.gifterCount, countDistinct(liveGiftSends.senderId)],
      ],
    },
    ...(
      [
        ['LiveStream.topGifters', liveStreamGifters, liveStreamGifters.liveStreamId, liveGiftSends.liveStreamId],
        ['Creator.topGifters', creatorGifters, creatorGifters.creatorId, liveGiftSends.creatorId],
      ] as const
    ).map(([name, table, owner, sendsOwner]) => ({
      name,
      table,
      keys: [
        [owner, sendsOwner],
        [table.senderId, liveGiftSends.senderId],
      ] as const,
      values: [
        ['coins', table.coins, sumOf(liveGiftSends.coins)],
        ['diamonds', table.diamonds, sumOf(liveGiftSends.diamonds)],
        ['giftCount', table.giftCount, sumOf(liveGiftSends.quantity)],
      ] as const,
    })),
    {
      name: 'GiftEarnings',
      table: creatorBalances,
      history: giftPayouts,
      keys: [[creatorBalances.creatorId, giftPayouts.creatorId]],
      values: [
        ['inFlightDiamonds', creatorBalances.inFlightDiamonds, payoutsOf('REQUESTED', giftPayouts.diamonds)],
        ['inFlightAmount', creatorBalances.inFlightAmount, payoutsOf('REQUESTED', giftPayouts.amount)],
        ['paidDiamonds', creatorBalances.paidDiamonds, payoutsOf('PAID', giftPayouts.diamonds)],
        ['paidAmount', creatorBalances.paidAmount, payoutsOf('PAID', giftPayouts.amount)],
      ],
    },
    {
      // What a creator ever earned is read as balance + in flight + paid: it must be what their gifts credited.
      name: 'GiftEarnings',
      table: creatorBalances,
      keys: [[creatorBalances.creatorId, liveGiftSends.creatorId]],
      values: [['diamonds', sql`${creatorBalances.diamonds} + ${creatorBalances.inFlightDiamonds} + ${creatorBalances.paidDiamonds}`, sumOf(liveGiftSends.diamonds)]],
    },
  ];

  /**
   * The differences between one kept table and its recount: rows the sends make that are missing
   * or different, then kept rows no send makes (unless all zero).
   */
  const differencesOf = async ({ name, table, history = liveGiftSends, keys, values }: KeptRows): Promise<KeptCountDifference[]> => {
    const recount = db
      .select({
        ...Object.fromEntries(keys.map(([, sends], i) => [`k${i}`, sql<string>`${sends}`.as(`k${i}`)])),
        ...Object.fromEntries(values.map(([field, , counted]) => [field, sql<number>`${counted}`.as(`recounted_${field}`)])),
      })
      .from(history)
      .groupBy(...keys.map(([, sends]) => sends))
      .as('recount');
    const counted = recount as unknown as Record<string, SQL.Aliased>;
    const keyOf = (row: Record<string, unknown>) => keys.map((_, i) => row[`k${i}`]).join('/');
    const columns = {
      ...Object.fromEntries(keys.map(([kept], i) => [`k${i}`, sql<string>`coalesce(${counted[`k${i}`]}, ${kept})`])),
      ...Object.fromEntries(values.map(([field, kept]) => [`kept_${field}`, sql<number>`coalesce(${kept}, 0)`.mapWith(Number)])),
      ...Object.fromEntries(values.map(([field]) => [`recounted_${field}`, sql<number>`coalesce(${counted[field]}, 0)`.mapWith(Number)])),
    };
    const on = and(...keys.map(([kept], i) => eq(kept, counted[`k${i}`]!)));
    const differs = or(...values.map(([field, kept]) => sql`coalesce(${kept}, 0) <> coalesce(${counted[field]}, 0)`));
    const rows = [
      ...(await db.select(columns).from(recount).leftJoin(table, on).where(differs)),
      ...(await db.select(columns).from(table).leftJoin(recount, on).where(and(isNull(counted.k0!), differs))),
    ] as Record<string, unknown>[];
    return rows.flatMap((row) =>
      values
        .filter(([field]) => row[`kept_${field}`] !== row[`recounted_${field}`])
        .map(([field]) => ({ count: `${name}.${field}`, key: keyOf(row), kept: row[`kept_${field}`] as number, recounted: row[`recounted_${field}`] as number })),
    );
  };

  /** One leaderboard's first `first` places: a walk down its rank index, whatever its length. */
  const leaderboard = async (table: typeof liveStreamGifters | typeof creatorGifters, owner: SQLiteColumn, key: string, first: number): Promise<TopGifterRow[]> => {
    const rows = await db
      .select({ userId: table.senderId, coins: table.coins })
      .from(table)
      .where(eq(owner, key))
      .orderBy(desc(table.coins), asc(table.firstGiftAt), asc(table.senderId))
      .limit(first);
    return rows.map((row, i) => ({ key, userId: row.userId, coins: row.coins, rank: i + 1 }));
  };

  /** A page of each owner's sends (whose: `owner`), newest first; `where` narrows the list. */
  const sendPages = (owner: SQLiteColumn, ownerIds: readonly string[], page: Page, where?: SQL) => {
    const keyset = keysetPage(engine, [liveGiftSends.createdAt, liveGiftSends.id], 'desc', page);
    return pagesPerOwner(engine, {
      from: liveGiftSends,
      owner,
      ownerIds,
      orderBy: keyset.orderBy,
      where: and(keyset.where, where),
      node: { table: liveGiftSends, id: liveGiftSends.id, ref: liveGiftSends.id },
      perOwner: perOwnerOf(page),
    });
  };

  return {
    liveGiftCatalog: async () => db.select().from(liveGifts).orderBy(asc(liveGifts.coinPrice), asc(liveGifts.id)),

    liveGiftsByIds: async (ids) => db.select().from(liveGifts).where(inArray(liveGifts.id, [...ids])),

    liveGiftSendsByIds: async (ids) => db.select().from(liveGiftSends).where(inArray(liveGiftSends.id, [...ids])),

    insertLiveGiftSend: async (row, ledger) => {
      const sent = { coins: row.coins, diamonds: row.diamonds, giftCount: row.quantity };
      // One more gifter when the sender has no row on the stream's board yet, read as the board
      // was before this send: `together` runs this part first on SQLite, and on Postgres every
      // part of the one statement reads the rows as they were before it.
      const firstToStream = sql`(case when exists (select 1 from ${liveStreamGifters} where ${liveStreamGifters.liveStreamId} = ${row.liveStreamId} and ${liveStreamGifters.senderId} = ${row.senderId}) then 0 else 1 end)`;
      const totals = db
        .insert(liveStreamGiftTotals)
        .values({ liveStreamId: row.liveStreamId, ...sent, gifterCount: firstToStream })
        .onConflictDoUpdate({
          target: liveStreamGiftTotals.liveStreamId,
          set: {
            coins: sql`${liveStreamGiftTotals.coins} + ${row.coins}`,
            diamonds: sql`${liveStreamGiftTotals.diamonds} + ${row.diamonds}`,
            giftCount: sql`${liveStreamGiftTotals.giftCount} + ${row.quantity}`,
            gifterCount: sql`${liveStreamGiftTotals.gifterCount} + ${excluded(liveStreamGiftTotals.gifterCount)}`,
          },
        })
        .returning({ coins: liveStreamGiftTotals.coins, diamonds: liveStreamGiftTotals.diamonds, giftCount: liveStreamGiftTotals.giftCount, gifterCount: liveStreamGiftTotals.gifterCount });
      const boards = [
        db
          .insert(liveStreamGifters)
          .values({ liveStreamId: row.liveStreamId, senderId: row.senderId, ...sent, firstGiftAt: row.createdAt })
          .onConflictDoUpdate({
            target: [liveStreamGifters.liveStreamId, liveStreamGifters.senderId],
            set: {
              coins: sql`${liveStreamGifters.coins} + ${row.coins}`,
              diamonds: sql`${liveStreamGifters.diamonds} + ${row.diamonds}`,
              giftCount: sql`${liveStreamGifters.giftCount} + ${row.quantity}`,
              firstGiftAt: engine.least(liveStreamGifters.firstGiftAt, excluded(liveStreamGifters.firstGiftAt)),
            },
          }),
        db
          .insert(creatorGifters)
          .values({ creatorId: row.creatorId, senderId: row.senderId, ...sent, firstGiftAt: row.createdAt })
          .onConflictDoUpdate({
            target: [creatorGifters.creatorId, creatorGifters.senderId],
            set: {
              coins: sql`${creatorGifters.coins} + ${row.coins}`,
              diamonds: sql`${creatorGifters.diamonds} + ${row.diamonds}`,
              giftCount: sql`${creatorGifters.giftCount} + ${row.quantity}`,
              firstGiftAt: engine.least(creatorGifters.firstGiftAt, excluded(creatorGifters.firstGiftAt)),
            },
          }),
      ];
      // The creator's balance holds what the send credits them, kept like the rest.
      const balance =
        row.diamonds > 0
          ? [
              db
                .insert(creatorBalances)
                .values({ creatorId: row.creatorId, diamonds: row.diamonds, updatedAt: row.createdAt })
                .onConflictDoUpdate({ target: creatorBalances.creatorId, set: { diamonds: sql`${creatorBalances.diamonds} + ${row.diamonds}`, updatedAt: row.createdAt } }),
            ]
          : [];
      const posted = ledger ? [db.insert(ledgerTransactions).values(ledger.head), ...(ledger.legs.length ? [db.insert(ledgerEntries).values(ledger.legs.map((leg) => ({ transactionId: ledger.head.id, ...leg })))] : [])] : [];
      // The send, its kept rows and its ledger transaction: one round trip on Postgres, the totals answered.
      const [kept] = await engine.together<Record<string, number | string>>([totals, ...boards, ...balance, db.insert(liveGiftSends).values(row), ...posted], 0);
      return { coins: Number(kept!.coins), diamonds: Number(kept!.diamonds), giftCount: Number(kept!.gift_count), gifterCount: Number(kept!.gifter_count) };
    },

    liveGiftSendPagesBySender: (senderIds, page) => sendPages(liveGiftSends.senderId, senderIds, page),

    recentLiveGiftSends: (liveStreamIds, first) =>
      pagesPerOwner(engine, {
        from: liveGiftSends,
        owner: liveGiftSends.liveStreamId,
        ownerIds: liveStreamIds,
        orderBy: [desc(liveGiftSends.createdAt), desc(liveGiftSends.id)],
        node: { table: liveGiftSends, id: liveGiftSends.id, ref: liveGiftSends.id },
        perOwner: first,
      }),

    liveGiftSendPagesByCreator: (creatorIds, page, liveStreamId) =>
      sendPages(liveGiftSends.creatorId, creatorIds, page, liveStreamId === null ? undefined : eq(liveGiftSends.liveStreamId, liveStreamId)),

    lastSendTo: async (liveStreamId, senderId) =>
      (
        await db
          .select({ senderId: liveGiftSends.senderId, giftId: liveGiftSends.giftId, createdAt: liveGiftSends.createdAt, combo: liveGiftSends.combo })
          .from(liveGiftSends)
          .where(and(eq(liveGiftSends.liveStreamId, liveStreamId), eq(liveGiftSends.senderId, senderId), isNotNull(liveGiftSends.eventSeq)))
          .orderBy(desc(liveGiftSends.eventSeq))
          .limit(1)
      )[0],


    streamGiftTotals: async (liveStreamIds) =>
      liveStreamIds.length === 0
        ? []
        : db
            .select({
              liveStreamId: liveStreamGiftTotals.liveStreamId,
              coins: liveStreamGiftTotals.coins,
              diamonds: liveStreamGiftTotals.diamonds,
              giftCount: liveStreamGiftTotals.giftCount,
              gifterCount: liveStreamGiftTotals.gifterCount,
            })
            .from(liveStreamGiftTotals)
            .where(inArray(liveStreamGiftTotals.liveStreamId, [...liveStreamIds])),

    topGifters: async (by, keys, first) => {
      const [table, owner] = by === 'liveStream' ? [liveStreamGifters, liveStreamGifters.liveStreamId] : [creatorGifters, creatorGifters.creatorId];
      // One walk per key, side by side: numbering every key's rows in one statement would read each whole board.
      const boards = await Promise.all([...new Set(keys)].sort().map((key) => leaderboard(table, owner, key, first)));
      return boards.flat();
    },

    keptCountDifferences: async () => {
      const differences: KeptCountDifference[] = [];
      for (const kept of keptRows) differences.push(...(await differencesOf(kept)));
      return differences;
    },
  } satisfies Partial<GiftsStatements>;
}

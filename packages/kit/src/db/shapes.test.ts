/**
 * Keyset pages of lists whose columns run different ways (`keysetWalks`), on both engines: every
 * page, forward and backward, from every cursor (ties at the page's edges included), is the
 * list's own order cut at the cursor, and the plan guard sees each range the walks read.
 */
import { rmSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { afterAll, expect, it } from 'vitest';
import type { CursorKey, Page } from '../pagination.ts';
import { expectPagesBothWays } from './paging-testing.ts';
import type { Engine } from './engine.ts';
import { openPgStore, openSqliteStore, type EngineStore, type StoreDefinition } from './open-store.ts';
import { insertRows, keysetWalks, type KeysetRange } from './shapes.ts';
import { migrationsFor } from './table-migrations.ts';
import { defineTables, type Columns } from './tables.ts';
import { describeOnEachEngine, type StoreOpeners } from './testing.ts';

function rankedTables(c: Columns) {
  const ranked = c.table(
    'ranked',
    {
      id: c.text('id').primaryKey(),
      board: c.text('board').notNull(),
      score: c.int('score').notNull(),
      label: c.text('label').notNull(),
    },
    (table) => [
      // Highest score first, ties to the lower id.
      c.index('ranked_board_score_id').on(table.board, c.descending(table.score), table.id),
      // Lowest score first, then the label backwards, ties to the lower id: three runs of a direction.
      c.index('ranked_board_score_label_id').on(table.board, table.score, c.descending(table.label), table.id),
    ],
  );
  return { ranked };
}
type RankedTables = ReturnType<typeof rankedTables>;
type Row = RankedTables['ranked']['$inferSelect'];

function rankedStatements(engine: Engine<RankedTables>) {
  const { db } = engine;
  const { ranked } = engine.tables;
  const onBoard = (board: string) => (range: KeysetRange, limit: number) =>
    db
      .select()
      .from(ranked)
      .where(and(eq(ranked.board, board), range.where))
      .orderBy(...range.orderBy)
      .limit(limit);
  return {
    insertRanked: (rows: Row[]) => insertRows(engine, ranked, rows),
    highestFirst: (board: string, page: Page) =>
      keysetWalks(engine, { columns: [ranked.score, ranked.id], order: ['desc', 'asc'], values: (key) => [Number(key[0]), String(key[1])], tiebreakOf: (row: Row) => row.id }, page, onBoard(board)),
    lowestThenLabelBack: (board: string, page: Page) =>
      keysetWalks(
        engine,
        { columns: [ranked.score, ranked.label, ranked.id], order: ['asc', 'desc', 'asc'], values: (key) => [Number(key[0]), String(key[1]), String(key[2])], tiebreakOf: (row: Row) => row.id },
        page,
        onBoard(board),
      ),
  };
}
type RankedStatements = ReturnType<typeof rankedStatements>;

const tables = defineTables(rankedTables);
const migrations = await migrationsFor(tables);
afterAll(() => {
  for (const folder of Object.values(migrations)) rmSync(folder, { recursive: true, force: true });
});
const definition: StoreDefinition<RankedTables, RankedStatements> = { tables, statements: rankedStatements, migrations, liveEvents: false };
const openers: StoreOpeners<EngineStore<RankedStatements>> = { sqlite: (path, options) => openSqliteStore(definition, path, options), postgres: (url) => openPgStore(definition, url) };

/** A board with long ties (eight rows at 5, six at 2), single rows between, and another board's rows interleaved. */
const rows: Row[] = [
  ...Array.from({ length: 8 }, (_, i) => ({ id: `r${String(20 - i).padStart(2, '0')}`, board: 'b', score: 5, label: i % 2 ? 'x' : 'y' })),
  ...Array.from({ length: 6 }, (_, i) => ({ id: `r${String(30 + i).padStart(2, '0')}`, board: 'b', score: 2, label: i < 3 ? 'm' : 'n' })),
  { id: 'r01', board: 'b', score: 9, label: 'a' },
  { id: 'r02', board: 'b', score: 4, label: 'a' },
  { id: 'r03', board: 'b', score: 0, label: 'z' },
  ...Array.from({ length: 5 }, (_, i) => ({ id: `r${String(10 + i).padStart(2, '0')}a`, board: 'other', score: 5, label: 'x' })),
];
const onB = rows.filter((row) => row.board === 'b');
const byId = (a: Row, b: Row) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const highestFirst = [...onB].sort((a, b) => b.score - a.score || byId(a, b));
const lowestThenLabelBack = [...onB].sort((a, b) => a.score - b.score || (a.label < b.label ? 1 : a.label > b.label ? -1 : 0) || byId(a, b));

const lists = [
  { name: 'highest score first, ties to the lower id', expected: highestFirst, keyOf: (row: Row): CursorKey => [row.score, row.id], read: (store: RankedStatements) => (page: Page) => store.highestFirst('b', page) },
  {
    name: 'lowest score first, then the label backwards, ties to the lower id',
    expected: lowestThenLabelBack,
    keyOf: (row: Row): CursorKey => [row.score, row.label, row.id],
    read: (store: RankedStatements) => (page: Page) => store.lowestThenLabelBack('b', page),
  },
];

describeOnEachEngine(
  'keyset pages of a mixed-direction order',
  openers,
  (store) => {
    for (const list of lists) {
      it(`${list.name}: from every cursor, forward and backward, the next rows of the list's order`, async () => {
        const ids = list.expected.map((row) => row.id);
        const read = list.read(store());
        for (const size of [1, 2, 3, 7]) {
          expect((await read({ first: size, after: null })).map((row) => row.id)).toEqual(ids.slice(0, size + 1));
          expect((await read({ first: size, after: null, backward: { before: null } })).map((row) => row.id)).toEqual(ids.slice(-size - 1).reverse());
          for (const [i, row] of list.expected.entries()) {
            const key = list.keyOf(row);
            expect((await read({ first: size, after: key })).map((each) => each.id), `${size} after ${row.id}`).toEqual(ids.slice(i + 1, i + 2 + size));
            expect((await read({ first: size, after: null, backward: { before: key } })).map((each) => each.id), `${size} before ${row.id}`).toEqual(ids.slice(Math.max(0, i - size - 1), i).reverse());
          }
        }
      });

      it(`${list.name}: walked both ways through connections, the same rows once each`, async () => {
        for (const size of [1, 3, 8]) {
          const walked = await expectPagesBothWays({ arity: list.keyOf(list.expected[0]!).length, keyOf: list.keyOf }, list.read(store()), size);
          expect(walked.map((row) => row.id)).toEqual(list.expected.map((row) => row.id));
        }
      });
    }
  },
  { seed: (store) => store.insertRanked(rows), plans: { exceptions: { insertRanked: 'the suite seeds its rows' } } },
);

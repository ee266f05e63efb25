/**
 * Statement shapes every subgraph's store repeats, written once for both engines: counts per key,
 * keyset conditions, a page of many owners' lists in one statement, inserts of many rows.
 */
import { and, asc, Column, count, desc, eq, getTableColumns, getTableName, inArray, is, sql, SQL as SQLChunk, type InferSelectModel, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { SelectResultFields } from 'drizzle-orm/query-builders/select.types';
import type { SelectedFieldsFlat, SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { CursorKey, Page } from '../pagination.ts';
import type { Engine } from './engine.ts';

/** A row of a per-parent list: `ownerId` is whose list it is (a creator, brand, catalog, stream). */
export interface Owned<T> {
  ownerId: string;
  node: T;
}

export interface KeyCount {
  key: string;
  count: number;
}

/** How many rows each key has, one statement; keys with none have no row (a count loader makes them 0). */
export async function countsPerKey(engine: Engine<unknown>, table: SQLiteTable, key: SQLiteColumn, keys: readonly string[], where?: SQL): Promise<KeyCount[]> {
  if (keys.length === 0) return [];
  return engine.db
    .select({ key: sql<string>`${key}`, count: count() })
    .from(table)
    .where(and(inArray(key, [...keys]), where))
    .groupBy(key);
}

/** `coalesce(sum(expr), 0)` read as a number: Postgres answers a sum of integers as a bigint string. */
export function sumOf(expression: SQLWrapper): SQL<number> {
  return sql`coalesce(sum(${expression}), 0)`.mapWith(Number);
}

function rowValue(engine: Engine<unknown>, columns: readonly Column[], after: CursorKey): SQL {
  return sql`(${sql.join(
    after.map((part, i) => engine.cursorPart(columns[i] as Column, part)),
    sql`, `,
  )})`;
}

/** Keyset condition "strictly before `after`" for a list sorted descending by `columns`. */
export function before(engine: Engine<unknown>, columns: readonly Column[], after: CursorKey | null): SQL | undefined {
  if (!after) return undefined;
  return sql`(${sql.join([...columns], sql`, `)}) < ${rowValue(engine, columns, after)}`;
}

/** Keyset condition "strictly after `after`" for a list sorted ascending by `columns`. */
export function beyond(engine: Engine<unknown>, columns: readonly Column[], after: CursorKey | null): SQL | undefined {
  if (!after) return undefined;
  return sql`(${sql.join([...columns], sql`, `)}) > ${rowValue(engine, columns, after)}`;
}

/** Which way a list runs down one of its sort columns. */
export type SortOrder = 'asc' | 'desc';

/** A sort column: a column, or an expression over one (e.g. a flag cast to a number, which the cursor carries). */
export type SortColumn = Column | SQL;

function cursorValueOf(engine: Engine<unknown>, column: SortColumn, part: string | number): SQL {
  return is(column, Column) ? engine.cursorPart(column, part) : sql`${part}`;
}

/** "Strictly past `key`" for a read walking `columns` all one way (`order`): one row-value comparison, one index range. */
function pastKey(engine: Engine<unknown>, columns: readonly SortColumn[], order: SortOrder, key: CursorKey): SQL {
  const values = key.map((part, i) => cursorValueOf(engine, columns[i] as SortColumn, part));
  const operator = sql.raw(order === 'desc' ? '<' : '>');
  if (columns.length === 1) return sql`${columns[0]} ${operator} ${values[0]}`;
  return sql`(${sql.join([...columns], sql`, `)}) ${operator} (${sql.join(values, sql`, `)})`;
}

const reversed = (orders: readonly SortOrder[]): SortOrder[] => orders.map((each) => (each === 'desc' ? 'asc' : 'desc'));

/**
 * Where a page starts and which way it walks a list kept in `order` by `columns` (one order for
 * every column): forward from `after` in the list's order, or (a `last`/`before` page) back from
 * `before` against it, so either way the read walks the list's index from the cursor and costs
 * the page, never an OFFSET or a count. `values` turns a client's cursor into the columns' SQL
 * values. A list whose columns run different ways pages with `keysetWalks`.
 */
export function keysetPage(
  engine: Engine<unknown>,
  columns: readonly SortColumn[],
  order: SortOrder,
  page: Page,
  values: (key: CursorKey) => CursorKey = (key) => key,
): KeysetRange {
  const reading = page.backward ? reversed([order])[0]! : order;
  const from = page.backward ? page.backward.before : page.after;
  return {
    where: from ? pastKey(engine, columns, reading, values(from)) : undefined,
    orderBy: columns.map((column) => (reading === 'desc' ? desc(column) : asc(column))),
  };
}

/** One index range a page reads: which rows, in which order. */
export interface KeysetRange {
  where: SQL | undefined;
  orderBy: SQL[];
}

/** How a list whose columns run different ways is paged (`keysetWalks`). */
export interface MixedKeyset<R> {
  columns: readonly SortColumn[];
  /** One order per column, e.g. `['desc', 'asc']`: most viewers first, ties to the lower id. */
  order: readonly SortOrder[];
  /** A client's cursor as the columns' SQL values. */
  values?: (key: CursorKey) => CursorKey;
  /** The row's last column (the tiebreak, unique): a row read by two walks is shown once. */
  tiebreakOf: (row: R) => unknown;
}

/**
 * The index ranges a page of a mixed-direction list reads after its cursor, in list order. "Past
 * (v, x)" for most viewers first, ties to the lower id is "viewers = v and id > x, then viewers <
 * v": no row value says "down one column, up the next", and the expanded condition in one
 * statement (`viewers <= v and (viewers < v or (viewers = v and id > x))`) makes the index seek to
 * v only and step over every tied row before the cursor, a cost that grows with the tie. Split at
 * each change of direction, each range is an equality on the columns before it and one row-value
 * comparison over a run of columns that run one way: the rest of the cursor's tie first (the
 * longest equal prefix), then the rows past it, each one seek.
 */
function keysetRanges(engine: Engine<unknown>, columns: readonly SortColumn[], orders: readonly SortOrder[], key: CursorKey): SQL[] {
  const runStarts = orders.flatMap((order, i) => (i === 0 || order !== orders[i - 1] ? [i] : []));
  return runStarts
    .map((start, r) => {
      const end = runStarts[r + 1] ?? columns.length;
      const equalBefore = columns.slice(0, start).map((column, j) => sql`${column} = ${cursorValueOf(engine, column, key[j] as string | number)}`);
      return sql.join([...equalBefore, pastKey(engine, columns.slice(start, end), orders[start] as SortOrder, key.slice(start, end))], sql` and `);
    })
    .reverse();
}

/**
 * A page of a list whose columns run different ways (`keyset.order`), forward from `after` or
 * backward from `before` as `keysetPage` reads: without a cursor one read; after one, the ranges
 * of `keysetRanges` one after another, each limited to what the page still needs, so a page reads
 * at most its size from each range whatever the tie it starts in. `read` runs one range (the
 * list's own statement with `range.where` added, ordered by `range.orderBy`, limited to `limit`).
 * @returns up to `page.first + 1` rows in reading order, as a single read of the list would.
 */
export async function keysetWalks<R>(engine: Engine<unknown>, keyset: MixedKeyset<R>, page: Page, read: (range: KeysetRange, limit: number) => Promise<R[]>): Promise<R[]> {
  const { columns, values = (key) => key } = keyset;
  const reading = page.backward ? reversed(keyset.order) : keyset.order;
  const orderBy = columns.map((column, i) => (reading[i] === 'desc' ? desc(column) : asc(column)));
  const limit = perOwnerOf(page);
  const from = page.backward ? page.backward.before : page.after;
  if (!from) return read({ where: undefined, orderBy }, limit);
  const rows: R[] = [];
  const seen = new Set<unknown>();
  for (const where of keysetRanges(engine, columns, reading, values(from))) {
    if (rows.length >= limit) break;
    // Each range is its own statement: a row that moved from one to the next between them (a
    // stream's viewers changed) is read twice, and shown once.
    for (const row of await read({ where, orderBy }, limit - rows.length)) {
      if (seen.has(keyset.tiebreakOf(row))) continue;
      seen.add(keyset.tiebreakOf(row));
      rows.push(row);
    }
  }
  return rows;
}

export interface PagesPerOwnerSpec<TNode extends SQLiteTable, TExtra extends Record<string, SQLiteColumn>> {
  /** The table the list is made of (the nodes themselves, or a link table pointing at them). */
  from: SQLiteTable;
  /** The column naming whose list a row is in. */
  owner: SQLiteColumn;
  ownerIds: readonly string[];
  /** The list's order, also the order rows are numbered in (e.g. `desc(videos.publishedAt), desc(videos.id)`). */
  orderBy: readonly SQL[];
  /** Which rows are in the list: the cursor's keyset condition, a status. */
  where?: SQL | undefined;
  /** The rows shown: their table, and the column of `from` that points at their id. */
  node: { table: TNode; id: SQLiteColumn; ref: SQLiteColumn };
  /** Columns of `from` returned beside each node (a hand-ordered list's position). */
  extra?: TExtra;
  /** How many rows each owner keeps: a page's `first + 1`. */
  perOwner: number;
}

type ExtraValues<TExtra extends Record<string, SQLiteColumn>> = { [K in keyof TExtra]: TExtra[K]['_']['data'] };

/** The first `perOwner` rows of each of many owners' lists, in list order, owner by owner. */
export async function pagesPerOwner<TNode extends SQLiteTable, TExtra extends Record<string, SQLiteColumn> = Record<string, never>>(
  engine: Engine<unknown>,
  spec: PagesPerOwnerSpec<TNode, TExtra>,
): Promise<(Owned<InferSelectModel<TNode>> & ExtraValues<TExtra>)[]> {
  return (await pagesPerOwnerShowing(engine, spec, { columns: getTableColumns(spec.node.table) })) as (Owned<InferSelectModel<TNode>> & ExtraValues<TExtra>)[];
}

/** What each node of a `pagesPerOwnerShowing` page is made of. */
export interface ShownColumns<TColumns extends SelectedFieldsFlat> {
  /** The node's columns: its table's, those of `joins`, and computed ones (e.g. a link's sales so far). */
  columns: TColumns;
  /** Tables joined to the node's table for those columns (e.g. a link's product, for its currency). */
  joins?: readonly { table: SQLiteTable; on: SQL }[];
}

/**
 * `pagesPerOwner` for nodes shown with columns of other tables or computed ones: they are worked
 * out in the same statement, for the rows of the page only, so a page stays one statement.
 */
export async function pagesPerOwnerShowing<TColumns extends SelectedFieldsFlat, TExtra extends Record<string, SQLiteColumn> = Record<string, never>>(
  engine: Engine<unknown>,
  spec: PagesPerOwnerSpec<SQLiteTable, TExtra>,
  shown: ShownColumns<TColumns>,
): Promise<(Owned<SelectResultFields<TColumns>> & ExtraValues<TExtra>)[]> {
  // Side by side: on Postgres outside a transaction each read takes a pooled connection of its own.
  const pages = await Promise.all([...new Set(spec.ownerIds)].map((ownerId) => onePage(engine, spec, ownerId, shown)));
  return pages.flat() as unknown as (Owned<SelectResultFields<TColumns>> & ExtraValues<TExtra>)[];
}

/**
 * One owner's page: a plain ordered, limited read that walks the owner's index from the cursor,
 * so it costs the page whatever the length of the list. Many owners' pages are one such read each:
 * numbering every owner's rows in one statement (`row_number() over (partition by owner)`) reads
 * each owner's whole list, and one owner can have a million rows.
 */
function onePage<TColumns extends SelectedFieldsFlat, TExtra extends Record<string, SQLiteColumn>>(engine: Engine<unknown>, spec: PagesPerOwnerSpec<SQLiteTable, TExtra>, ownerId: string, shown: ShownColumns<TColumns>) {
  const query = engine.db
    .select({ ...(spec.extra ?? ({} as TExtra)), ownerId: sql<string>`${spec.owner}`, node: shown.columns })
    .from(spec.from)
    .$dynamic();
  // The list's table is the node's own table, or a link table joined to it.
  if (spec.from !== spec.node.table) query.innerJoin(spec.node.table, eq(spec.node.id, spec.node.ref));
  for (const join of shown.joins ?? []) query.innerJoin(join.table, join.on);
  return query
    .where(and(eq(spec.owner, ownerId), spec.where))
    .orderBy(...spec.orderBy)
    .limit(spec.perOwner);
}

type ListShape<TExtra extends Record<string, SQLiteColumn>> = Pick<PagesPerOwnerSpec<SQLiteTable, TExtra>, 'from' | 'owner' | 'orderBy' | 'node' | 'extra'>;

/** A hand-ordered or newest-first list, paged by a keyset: what `preparedPagesPerOwner` needs besides the page. */
export interface PagedListSpec<TNode extends SQLiteTable, TExtra extends Record<string, SQLiteColumn>> extends ListShape<TExtra> {
  node: { table: TNode; id: SQLiteColumn; ref: SQLiteColumn };
  /** Which rows are in the list whatever the page (a status). */
  where?: SQL | undefined;
  /** The cursor's columns, in order, whether the list runs down them (`<`, newest first) or up (`>`), and a cursor's parts as their values. */
  keyset: { columns: readonly SQLiteColumn[]; direction: '<' | '>'; values: (after: CursorKey) => unknown[] };
  /** Unique per statement (Postgres keeps prepared statements by name). */
  name: string;
}

/**
 * `pagesPerOwner`, prepared: one owner's page as one statement (one with a cursor, one without),
 * its owner, cursor and page size bound as parameters, run once per owner side by side. Like
 * `pagesPerOwner`, each is a walk down the owner's index from the cursor, whatever the list's length.
 */
export function preparedPagesPerOwner<TNode extends SQLiteTable, TExtra extends Record<string, SQLiteColumn> = Record<string, never>>(
  engine: Engine<unknown>,
  spec: PagedListSpec<TNode, TExtra>,
): (ownerIds: readonly string[], page: Page) => Promise<(Owned<InferSelectModel<TNode>> & ExtraValues<TExtra>)[]> {
  const { columns, direction } = spec.keyset;
  const build = (withCursor: boolean) => () => {
    const keyset = withCursor
      ? sql`(${sql.join([...columns], sql`, `)}) ${sql.raw(direction)} (${sql.join(
          columns.map((column, i) => engine.cursorPlaceholder(column, `after${i}`)),
          sql`, `,
        )})`
      : undefined;
    const query = engine.db
      .select({ ...(spec.extra ?? ({} as TExtra)), ownerId: sql<string>`${spec.owner}`, node: getTableColumns(spec.node.table) })
      .from(spec.from)
      .$dynamic();
    if (spec.from !== spec.node.table) query.innerJoin(spec.node.table, eq(spec.node.id, spec.node.ref));
    return query
      .where(and(eq(spec.owner, sql.placeholder('owner')), spec.where, keyset))
      .orderBy(...spec.orderBy)
      .limit(sql.placeholder('perOwner'));
  };
  const first = engine.prepared<Owned<InferSelectModel<TNode>> & ExtraValues<TExtra>>(spec.name, build(false));
  const later = engine.prepared<Owned<InferSelectModel<TNode>> & ExtraValues<TExtra>>(`${spec.name}_after`, build(true));
  return async (ownerIds, page) => {
    const values: Record<string, unknown> = { perOwner: perOwnerOf(page) };
    if (page.after) spec.keyset.values(page.after).forEach((value, i) => (values[`after${i}`] = engine.cursorValue(columns[i] as Column, value)));
    const pages = await Promise.all([...new Set(ownerIds)].map((owner) => (page.after ? later : first)({ ...values, owner })));
    return pages.flat();
  };
}

/** A page's share of rows per owner: `first + 1`, the extra row saying that another page exists. */
export function perOwnerOf(page: Page): number {
  return page.first + 1;
}

/** Inserts many rows, as few statements as the engine's parameter limit allows. */
export async function insertRows<TTable extends SQLiteTable>(engine: Engine<unknown>, table: TTable, rows: readonly TTable['$inferInsert'][]): Promise<void> {
  if (rows.length === 0) return;
  const size = engine.rowsPerInsert(Object.keys(getTableColumns(table)).length);
  for (let i = 0; i < rows.length; i += size) await engine.db.insert(table).values(rows.slice(i, i + size));
}

/** A column's value where a row leaves it out: its default, as the insert would have written it. */
function defaultOf(column: Column): unknown {
  if (column.defaultFn) return column.mapToDriverValue(column.defaultFn());
  if (column.default !== undefined && !is(column.default, SQLChunk)) return column.mapToDriverValue(column.default);
  return null;
}

/**
 * Inserts many rows for a bulk load (the large world), as `insertRows` does but without building
 * each row through the query builder: each value is mapped as its column maps it and the engine
 * inserts them (`Engine.insertValues`). Columns no row gives (an identity) are left to the database.
 */
export async function insertBulk<TTable extends SQLiteTable>(engine: Engine<unknown>, table: TTable, rows: readonly TTable['$inferInsert'][]): Promise<void> {
  if (rows.length === 0) return;
  const given = Object.entries(getTableColumns(table)).filter(([key]) => rows.some((row) => (row as Record<string, unknown>)[key] !== undefined));
  const values = rows.map((row) =>
    given.map(([key, column]) => {
      const value = (row as Record<string, unknown>)[key];
      if (value === undefined) return defaultOf(column);
      return value === null ? null : column.mapToDriverValue(value);
    }),
  );
  await engine.insertValues(
    getTableName(table),
    given.map(([, column]) => ({ name: column.name, sqlType: column.getSQLType() })),
    values,
  );
}

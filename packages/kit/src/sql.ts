/**
 * Statement shapes every subgraph's store repeats, written once. SQLite dialect: they run on the
 * connection of a subgraph's `src/db/` store and nowhere else.
 */
import { and, asc, count, eq, getTableColumns, inArray, sql, type Column, type InferSelectModel, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { SelectResultFields } from 'drizzle-orm/query-builders/select.types';
import type { SelectedFieldsFlat, SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { CursorKey, Page } from './pagination.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySqliteDb = BetterSQLite3Database<any>;

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
export function countsPerKey(db: AnySqliteDb, table: SQLiteTable, key: SQLiteColumn, keys: readonly string[], where?: SQL): KeyCount[] {
  return db
    .select({ key: sql<string>`${key}`, count: count() })
    .from(table)
    .where(and(inArray(key, [...keys]), where))
    .groupBy(key)
    .all();
}

/** Keyset condition "strictly before `after`" for a list sorted descending by `columns`. */
export function before(columns: readonly Column[], after: CursorKey | null): SQL | undefined {
  if (!after) return undefined;
  return sql`(${sql.join([...columns], sql`, `)}) < (${sql.join(
    after.map((part) => sql`${part}`),
    sql`, `,
  )})`;
}

/** Keyset condition "strictly after `after`" for a list sorted ascending by `columns`. */
export function beyond(columns: readonly Column[], after: CursorKey | null): SQL | undefined {
  if (!after) return undefined;
  return sql`(${sql.join([...columns], sql`, `)}) > (${sql.join(
    after.map((part) => sql`${part}`),
    sql`, `,
  )})`;
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

/**
 * The first `perOwner` rows of many owners' lists in one statement: the inner query numbers each
 * owner's rows in list order and the outer one keeps the first of them per owner, joined to the
 * rows they show. This is what lets a list of 50 creators with a page of videos each cost one
 * statement rather than 51.
 */
export function pagesPerOwner<TNode extends SQLiteTable, TExtra extends Record<string, SQLiteColumn> = Record<string, never>>(
  db: AnySqliteDb,
  spec: PagesPerOwnerSpec<TNode, TExtra>,
): (Owned<InferSelectModel<TNode>> & ExtraValues<TExtra>)[] {
  return pagesPerOwnerShowing(db, spec, { columns: getTableColumns(spec.node.table) }) as (Owned<InferSelectModel<TNode>> & ExtraValues<TExtra>)[];
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
export function pagesPerOwnerShowing<TColumns extends SelectedFieldsFlat, TExtra extends Record<string, SQLiteColumn> = Record<string, never>>(
  db: AnySqliteDb,
  spec: PagesPerOwnerSpec<SQLiteTable, TExtra>,
  shown: ShownColumns<TColumns>,
): (Owned<SelectResultFields<TColumns>> & ExtraValues<TExtra>)[] {
  if (spec.ownerIds.length === 0) return [];
  return pagesQuery(db, spec, and(inArray(spec.owner, [...spec.ownerIds]), spec.where), sql`${spec.perOwner}`, shown).all() as unknown as (Owned<SelectResultFields<TColumns>> &
    ExtraValues<TExtra>)[];
}

type ListShape<TExtra extends Record<string, SQLiteColumn>> = Pick<PagesPerOwnerSpec<SQLiteTable, TExtra>, 'from' | 'owner' | 'orderBy' | 'node' | 'extra'>;

/** The statement of `pagesPerOwnerShowing`: owners' rows numbered in list order, the first `perOwner` of each kept. */
function pagesQuery<TColumns extends SelectedFieldsFlat, TExtra extends Record<string, SQLiteColumn>>(db: AnySqliteDb, spec: ListShape<TExtra>, where: SQL | undefined, perOwner: SQLWrapper, shown: ShownColumns<TColumns>) {
  const extra = spec.extra ?? ({} as TExtra);
  const ranked = db
    .select({
      ...extra,
      ownerId: sql<string>`${spec.owner}`.as('owner_id'),
      nodeId: sql<string>`${spec.node.ref}`.as('node_id'),
      rank: sql<number>`row_number() over (partition by ${spec.owner} order by ${sql.join([...spec.orderBy], sql`, `)})`.as('rank'),
    })
    .from(spec.from)
    .where(where)
    .as('ranked');
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const columns = ranked as any;
  const extraColumns = Object.fromEntries(Object.keys(extra).map((name) => [name, columns[name]]));
  const query = db
    .select({ ...extraColumns, ownerId: columns.ownerId, node: shown.columns })
    .from(ranked)
    .innerJoin(spec.node.table, eq(spec.node.id, columns.nodeId))
    .$dynamic();
  // A dynamic query builder adds each join to itself.
  for (const join of shown.joins ?? []) query.innerJoin(join.table, join.on);
  return query.where(sql`${columns.rank} <= ${perOwner}`).orderBy(asc(columns.ownerId), asc(columns.rank));
}

/**
 * `column in (the keys)` with the keys bound as one parameter (a JSON array, see `keysValue`),
 * so one prepared statement serves any number of keys where `in (?, ?, …)` would be a new
 * statement for each count.
 */
export function inKeys(column: SQLiteColumn, placeholder = 'keys'): SQL {
  return sql`${column} in (select value from json_each(${sql.placeholder(placeholder)}))`;
}

/** The value an `inKeys` placeholder takes. */
export function keysValue(keys: readonly string[]): string {
  return JSON.stringify(keys);
}

/**
 * A statement built (and prepared) on first use, then run as it is: Drizzle builds a query's SQL
 * anew on every run, which cost commerce as much CPU as SQLite spent running them.
 */
export function preparedOnce<T>(build: () => T): () => T {
  let prepared: T | undefined;
  return () => (prepared ??= build());
}

/** A hand-ordered or newest-first list, paged by a keyset: what `preparedPagesPerOwner` needs besides the page. */
export interface PagedListSpec<TNode extends SQLiteTable, TExtra extends Record<string, SQLiteColumn>> extends ListShape<TExtra> {
  node: { table: TNode; id: SQLiteColumn; ref: SQLiteColumn };
  /** Which rows are in the list whatever the page (a status). */
  where?: SQL | undefined;
  /** The cursor's columns, in order, whether the list runs down them (`<`, newest first) or up (`>`), and a cursor's parts as their values. */
  keyset: { columns: readonly SQLiteColumn[]; direction: '<' | '>'; values: (after: CursorKey) => unknown[] };
}

/**
 * `pagesPerOwner`, prepared: the same statement (one with a cursor, one without) for any owners
 * and page, the owners, the cursor and the page size bound as parameters.
 */
export function preparedPagesPerOwner<TNode extends SQLiteTable, TExtra extends Record<string, SQLiteColumn> = Record<string, never>>(
  db: AnySqliteDb,
  spec: PagedListSpec<TNode, TExtra>,
): (ownerIds: readonly string[], page: Page) => (Owned<InferSelectModel<TNode>> & ExtraValues<TExtra>)[] {
  const { columns, direction } = spec.keyset;
  const build = (withCursor: boolean) => {
    const keyset = withCursor ? sql`(${sql.join([...columns], sql`, `)}) ${sql.raw(direction)} (${sql.join(columns.map((_, i) => sql.placeholder(`after${i}`)), sql`, `)})` : undefined;
    return pagesQuery(db, spec, and(inKeys(spec.owner, 'owners'), spec.where, keyset), sql.placeholder('perOwner'), { columns: getTableColumns(spec.node.table) }).prepare();
  };
  const first = preparedOnce(() => build(false));
  const later = preparedOnce(() => build(true));
  return (ownerIds, page) => {
    if (ownerIds.length === 0) return [];
    const values: Record<string, unknown> = { owners: keysValue(ownerIds), perOwner: perOwnerOf(page) };
    if (page.after) spec.keyset.values(page.after).forEach((value, i) => (values[`after${i}`] = value));
    return (page.after ? later() : first()).all(values) as unknown as (Owned<InferSelectModel<TNode>> & ExtraValues<TExtra>)[];
  };
}

/** A page's share of rows per owner: `first + 1`, the extra row saying that another page exists. */
export function perOwnerOf(page: Page): number {
  return page.first + 1;
}

/**
 * `sql.ts`'s statement shapes in Postgres' dialect, for the Postgres half of a subgraph's store.
 * They answer the same rows as their SQLite twins.
 */
import { and, asc, count, eq, getTableColumns, inArray, sql, type Column, type InferSelectModel, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { SelectResultFields } from 'drizzle-orm/query-builders/select.types';
import { PgTimestamp, type PgColumn, type PgTable, type SelectedFieldsFlat } from 'drizzle-orm/pg-core';
import type { CursorKey, Page } from './pagination.ts';
import type { PgDb } from './pg.ts';
import { perOwnerOf, preparedOnce, type KeyCount, type Owned } from './sql.ts';

/** How many rows each key has, one statement; keys with none have no row. */
export async function countsPerKeyPg(db: PgDb, table: PgTable, key: PgColumn, keys: readonly string[], where?: SQL): Promise<KeyCount[]> {
  return db
    .select({ key: sql<string>`${key}`, count: count() })
    .from(table)
    .where(and(inArray(key, [...keys]), where))
    .groupBy(key);
}

/**
 * A cursor's part as a parameter of its column's type. Cursors carry times as epoch
 * milliseconds (what SQLite stores); a Postgres timestamp column compares with a timestamp.
 */
export function cursorValue(column: Column, part: string | number): SQL {
  if (column instanceof PgTimestamp) return sql`${new Date(Number(part)).toISOString()}::timestamp`;
  return sql`${part}`;
}

function rowValue(columns: readonly Column[], after: CursorKey): SQL {
  return sql`(${sql.join(
    after.map((part, i) => cursorValue(columns[i] as Column, part)),
    sql`, `,
  )})`;
}

/** Keyset condition "strictly before `after`" for a list sorted descending by `columns`. */
export function beforePg(columns: readonly Column[], after: CursorKey | null): SQL | undefined {
  if (!after) return undefined;
  return sql`(${sql.join([...columns], sql`, `)}) < ${rowValue(columns, after)}`;
}

/** Keyset condition "strictly after `after`" for a list sorted ascending by `columns`. */
export function beyondPg(columns: readonly Column[], after: CursorKey | null): SQL | undefined {
  if (!after) return undefined;
  return sql`(${sql.join([...columns], sql`, `)}) > ${rowValue(columns, after)}`;
}

export interface PgPagesPerOwnerSpec<TNode extends PgTable, TExtra extends Record<string, PgColumn>> {
  from: PgTable;
  owner: PgColumn;
  ownerIds: readonly string[];
  orderBy: readonly SQL[];
  where?: SQL | undefined;
  node: { table: TNode; id: PgColumn; ref: PgColumn };
  extra?: TExtra;
  perOwner: number;
}

type ExtraValues<TExtra extends Record<string, PgColumn>> = { [K in keyof TExtra]: TExtra[K]['_']['data'] };

/** `pagesPerOwner` (sql.ts) on Postgres: the first `perOwner` rows of many owners' lists in one statement. */
export async function pagesPerOwnerPg<TNode extends PgTable, TExtra extends Record<string, PgColumn> = Record<string, never>>(
  db: PgDb,
  spec: PgPagesPerOwnerSpec<TNode, TExtra>,
): Promise<(Owned<InferSelectModel<TNode>> & ExtraValues<TExtra>)[]> {
  return (await pagesPerOwnerShowingPg(db, spec, { columns: getTableColumns(spec.node.table) })) as (Owned<InferSelectModel<TNode>> & ExtraValues<TExtra>)[];
}

/** `pagesPerOwnerShowing` (sql.ts) on Postgres. */
export async function pagesPerOwnerShowingPg<TColumns extends SelectedFieldsFlat, TExtra extends Record<string, PgColumn> = Record<string, never>>(
  db: PgDb,
  spec: PgPagesPerOwnerSpec<PgTable, TExtra>,
  shown: { columns: TColumns; joins?: readonly { table: PgTable; on: SQL }[] },
): Promise<(Owned<SelectResultFields<TColumns>> & ExtraValues<TExtra>)[]> {
  if (spec.ownerIds.length === 0) return [];
  return (await pagesQueryPg(db, spec, and(inArray(spec.owner, [...spec.ownerIds]), spec.where), sql`${spec.perOwner}`, shown)) as unknown as (Owned<SelectResultFields<TColumns>> &
    ExtraValues<TExtra>)[];
}

type ListShapePg<TExtra extends Record<string, PgColumn>> = Pick<PgPagesPerOwnerSpec<PgTable, TExtra>, 'from' | 'owner' | 'orderBy' | 'node' | 'extra'>;

/** The statement of `pagesPerOwnerShowingPg`: owners' rows numbered in list order, the first `perOwner` of each kept. */
function pagesQueryPg<TColumns extends SelectedFieldsFlat, TExtra extends Record<string, PgColumn>>(
  db: PgDb,
  spec: ListShapePg<TExtra>,
  where: SQL | undefined,
  perOwner: SQLWrapper,
  shown: { columns: TColumns; joins?: readonly { table: PgTable; on: SQL }[] },
) {
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
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    .from(ranked as any)
    .innerJoin(spec.node.table, eq(spec.node.id, columns.nodeId))
    .$dynamic();
  for (const join of shown.joins ?? []) query.innerJoin(join.table, join.on);
  return query.where(sql`${columns.rank} <= ${perOwner}`).orderBy(asc(columns.ownerId), asc(columns.rank));
}

/** `inKeys` (sql.ts) on Postgres: the keys bound as one text[] parameter. */
export function inKeysPg(column: PgColumn, placeholder = 'keys'): SQL {
  return sql`${column} = any(${sql.placeholder(placeholder)}::text[])`;
}

/** A cursor's part bound to a placeholder of its column's type (see `cursorValue`). */
function cursorPlaceholder(column: Column, name: string): SQL {
  return column instanceof PgTimestamp ? sql`${sql.placeholder(name)}::timestamp` : sql`${sql.placeholder(name)}`;
}

function cursorParameter(column: Column, part: unknown): unknown {
  return column instanceof PgTimestamp ? new Date(Number(part)).toISOString() : part;
}

/** `PagedListSpec` (sql.ts) on Postgres, with the names its two prepared statements take on each connection. */
export interface PgPagedListSpec<TNode extends PgTable, TExtra extends Record<string, PgColumn>> extends ListShapePg<TExtra> {
  node: { table: TNode; id: PgColumn; ref: PgColumn };
  where?: SQL | undefined;
  keyset: { columns: readonly PgColumn[]; direction: '<' | '>'; values: (after: CursorKey) => unknown[] };
  /** Unique per statement: Postgres keeps a named statement per connection and reuses it. */
  name: string;
}

/** `preparedPagesPerOwner` (sql.ts) on Postgres: named prepared statements, parsed once per connection. */
export function preparedPagesPerOwnerPg<TNode extends PgTable, TExtra extends Record<string, PgColumn> = Record<string, never>>(
  db: PgDb,
  spec: PgPagedListSpec<TNode, TExtra>,
): (ownerIds: readonly string[], page: Page) => Promise<(Owned<InferSelectModel<TNode>> & ExtraValues<TExtra>)[]> {
  const { columns, direction } = spec.keyset;
  const build = (withCursor: boolean) => {
    const keyset = withCursor ? sql`(${sql.join([...columns], sql`, `)}) ${sql.raw(direction)} (${sql.join(columns.map((column, i) => cursorPlaceholder(column, `after${i}`)), sql`, `)})` : undefined;
    const query = pagesQueryPg(db, spec, and(inKeysPg(spec.owner, 'owners'), spec.where, keyset), sql.placeholder('perOwner'), { columns: getTableColumns(spec.node.table) });
    return query.prepare(`${spec.name}${withCursor ? '_after' : ''}`);
  };
  const first = preparedOnce(() => build(false));
  const later = preparedOnce(() => build(true));
  return async (ownerIds, page) => {
    if (ownerIds.length === 0) return [];
    const values: Record<string, unknown> = { owners: [...ownerIds], perOwner: perOwnerOf(page) };
    if (page.after) spec.keyset.values(page.after).forEach((value, i) => (values[`after${i}`] = cursorParameter(columns[i] as Column, value)));
    return (await (page.after ? later() : first()).execute(values)) as unknown as (Owned<InferSelectModel<TNode>> & ExtraValues<TExtra>)[];
  };
}

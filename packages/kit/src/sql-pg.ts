/**
 * `sql.ts`'s statement shapes in Postgres' dialect, for the Postgres half of a subgraph's store.
 * They answer the same rows as their SQLite twins.
 */
import { and, asc, count, eq, getTableColumns, inArray, lte, sql, type Column, type InferSelectModel, type SQL } from 'drizzle-orm';
import type { SelectResultFields } from 'drizzle-orm/query-builders/select.types';
import { PgTimestamp, type PgColumn, type PgTable, type SelectedFieldsFlat } from 'drizzle-orm/pg-core';
import type { CursorKey } from './pagination.ts';
import type { PgDb } from './pg.ts';
import type { KeyCount, Owned } from './sql.ts';

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
  const extra = spec.extra ?? ({} as TExtra);
  const ranked = db
    .select({
      ...extra,
      ownerId: sql<string>`${spec.owner}`.as('owner_id'),
      nodeId: sql<string>`${spec.node.ref}`.as('node_id'),
      rank: sql<number>`row_number() over (partition by ${spec.owner} order by ${sql.join([...spec.orderBy], sql`, `)})`.as('rank'),
    })
    .from(spec.from)
    .where(and(inArray(spec.owner, [...spec.ownerIds]), spec.where))
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
  return (await query.where(lte(columns.rank, spec.perOwner)).orderBy(asc(columns.ownerId), asc(columns.rank))) as unknown as (Owned<SelectResultFields<TColumns>> & ExtraValues<TExtra>)[];
}

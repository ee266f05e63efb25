/**
 * Tables described once, for both engines. A subgraph describes its tables with this small
 * column vocabulary (what a column is: an id, a time, money, a flag, JSON, a count), and
 * `defineTables` builds them twice, as SQLite tables and as Postgres tables, from the one
 * description. drizzle-kit reads each dialect's set and generates that dialect's migrations.
 *
 * Both sets are typed as the SQLite tables: their columns read and write the same TypeScript
 * values on either engine (a time is a `Date`, a flag a `boolean`, JSON its own type), and the
 * query builder calls statements use are the same on both, so a statement written against the
 * one type runs on either set.
 */
import { sql, type SQL } from 'drizzle-orm';
import * as sqlite from 'drizzle-orm/sqlite-core';
import * as pg from 'drizzle-orm/pg-core';

export type EngineName = 'sqlite' | 'postgres';

/** How each kind of column is stored on SQLite. */
const sqliteColumns = {
  table: sqlite.sqliteTable,
  /** Free text, an external id, or one of a set of values (`{ enum }`). */
  text: sqlite.text,
  /** A whole number. */
  int: (name: string) => sqlite.integer(name),
  /** An amount in minor units (cents, coins, diamonds). */
  money: (name: string) => sqlite.integer(name),
  /** How many of something: a kept count or a quantity. */
  count: (name: string) => sqlite.integer(name),
  /** A moment, to the millisecond: epoch milliseconds on SQLite, `timestamp(3)` on Postgres. */
  time: (name: string) => sqlite.integer(name, { mode: 'timestamp_ms' }),
  /** True or false: 0/1 on SQLite, `boolean` on Postgres. */
  flag: (name: string) => sqlite.integer(name, { mode: 'boolean' }),
  /** A JSON value: text on SQLite, `jsonb` on Postgres. */
  json: (name: string) => sqlite.text(name, { mode: 'json' }),
  /** A numeric primary key the database gives out in order: AUTOINCREMENT, or an identity column. */
  serial: (name: string) => sqlite.integer(name).primaryKey({ autoIncrement: true }),
  index: sqlite.index,
  /**
   * An index column read in `ORDER BY column DESC` order, for an order that mixes directions (most
   * viewers first, ties to the lower id): an index serves it only if its columns run the same ways.
   * SQLite takes it as the column named in SQL; Postgres' says so itself, nulls first as its `DESC`
   * puts them (nulls last would not serve `ORDER BY column DESC`).
   */
  descending: (column: sqlite.SQLiteColumn): SQL | sqlite.SQLiteColumn => sql`${sql.identifier(column.name)} desc`,
  uniqueIndex: sqlite.uniqueIndex,
  primaryKey: sqlite.primaryKey,
  check: sqlite.check,
};

/** The column vocabulary a table description is written in. */
export type Columns = typeof sqliteColumns;

/** The same vocabulary on Postgres, typed as SQLite's (see the module's comment). */
const pgColumns = {
  table: pg.pgTable,
  text: pg.text,
  int: (name: string) => pg.integer(name),
  money: (name: string) => pg.integer(name),
  count: (name: string) => pg.integer(name),
  time: (name: string) => pg.timestamp(name, { mode: 'date', precision: 3 }),
  flag: (name: string) => pg.boolean(name),
  json: (name: string) => pg.jsonb(name),
  serial: (name: string) => pg.integer(name).primaryKey().generatedByDefaultAsIdentity(),
  index: pg.index,
  // In a table's index list a Postgres column is an `ExtraConfigColumn`, which says its own order.
  descending: (column: pg.ExtraConfigColumn) => column.desc().nullsFirst(),
  uniqueIndex: pg.uniqueIndex,
  primaryKey: pg.primaryKey,
  check: pg.check,
} as unknown as Columns;

/** A subgraph's tables on each engine, built from one description. */
export type TablesByEngine<T> = Record<EngineName, T>;

export function defineTables<T>(describe: (c: Columns) => T): TablesByEngine<T> {
  return { sqlite: describe(sqliteColumns), postgres: describe(pgColumns) };
}

/** Whether a column holds a time (cursors carry times as epoch milliseconds). */
export function isTimeColumn(column: { columnType: string }): boolean {
  return column.columnType === 'SQLiteTimestamp' || column.columnType === 'PgTimestamp';
}

/**
 * One data layer over two engines. A subgraph writes each statement once, as a function of an
 * `Engine`: the engine's query builder (`db`), its tables, and the handful of places where
 * SQLite and Postgres really differ, as named hooks. The kit runs those statements on SQLite
 * (`openSqliteStore`) or on Postgres (`openPgStore`) behind the same `Store` shape.
 *
 * Statements await Drizzle's builders (never `.get()`, `.all()` or `.run()`, which only SQLite
 * has) and read the answer the same way on both engines.
 */
import { sql, type Column, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { LiveEventBus } from '../live.ts';
import { LIVE_EVENTS_CHANNEL } from '../live-pg.ts';
import type { PgDb } from '../pg.ts';
import type { SqliteConnection } from '../store.ts';
import { isTimeColumn, type EngineName } from './tables.ts';

export type { EngineName } from './tables.ts';

/**
 * The query builder a statement is written against: typed as SQLite's (see `tables.ts`), and on
 * Postgres the Postgres builder, whose select, insert, update and delete read the same.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type StoreDb = BetterSQLite3Database<any>;

/** A query Drizzle can prepare: SQLite's `prepare()` and Postgres' `prepare(name)`. */
interface Preparable {
  prepare(name?: string): unknown;
}

export interface Engine<T> {
  readonly name: EngineName;
  /** The builder to run statements on: the connection, or the open transaction's. */
  readonly db: StoreDb;
  readonly tables: T;
  /** Rows of a hand-written query (a recursive or windowed one the builder cannot say). */
  rows<R>(query: SQL): Promise<R[]>;
  /** The larger of the values, per row: SQLite's two-argument `max`, Postgres' `greatest`. */
  greatest(...values: (SQLWrapper | number)[]): SQL;
  /** The smaller of the values, per row: SQLite's two-argument `min`, Postgres' `least`. */
  least(...values: (SQLWrapper | number)[]): SQL;
  /**
   * `column in (the keys)` with every key bound as one parameter (a JSON array on SQLite, a
   * `text[]` on Postgres), so one prepared statement serves any number of keys; `keysValue`
   * makes the parameter's value.
   */
  inKeys(column: Column, placeholder: string): SQL;
  keysValue(keys: readonly string[]): unknown;
  /** A cursor's part as a value of its column's type: cursors carry times as epoch milliseconds. */
  cursorPart(column: Column, part: unknown): SQL;
  /** A placeholder of its column's type, for a cursor part bound at run time (`cursorValue`). */
  cursorPlaceholder(column: Column, name: string): SQL;
  cursorValue(column: Column, part: unknown): unknown;
  /**
   * A query prepared once (per connection) and run with its placeholders' values: a statement
   * run all day is then never rebuilt. `name` is unique per statement (Postgres keeps it).
   */
  prepared<R>(name: string, build: () => Preparable): (values?: Record<string, unknown>) => Promise<R[]>;
  /** The most rows of `columns` columns one INSERT can carry (each value is a parameter). */
  rowsPerInsert(columns: number): number;
  /**
   * Inserts rows of values already as the driver takes them (`insertBulk` in shapes.ts makes
   * them), without the query builder, which costs more per row than the insert: SQLite runs one
   * prepared multi-row INSERT per `rowsPerInsert` rows, Postgres one INSERT … SELECT FROM
   * unnest(…) with an array per column. For bulk loads (the large world), not request paths.
   */
  insertValues(table: string, columns: readonly BulkColumn[], rows: readonly (readonly unknown[])[]): Promise<void>;
  /**
   * Wakes this topic's LIVE subscribers once the running transaction commits (never if it rolls
   * back): the bus of this process on SQLite, `pg_notify` to every replica on Postgres.
   */
  announce(topic: string): Promise<void>;
  /** A value kept for the store's lifetime (a timer's last run), made on first use. */
  kept<V>(key: string, make: () => V): V;
  /**
   * Runs several writes as one round trip where that saves one: on Postgres one statement, each
   * write a data-modifying CTE, answering the RETURNING rows of `parts[answer]`; on SQLite (in
   * process: no round trip to save) one after another in the order given. On Postgres every part
   * sees the rows as they were before the statement, and two parts must not change the same row;
   * so the parts are ordered such that none reads what an earlier one writes, and then the two
   * engines agree. Rows come keyed by column name, as `rows` gives them.
   */
  together<R>(parts: readonly SQLWrapper[], answer: number): Promise<R[]>;
}

/** A column of an `insertValues` call: its name and its type as the database names it. */
export interface BulkColumn {
  name: string;
  sqlType: string;
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

const epochMs = (part: unknown) => Number(part);

/** Values kept for one store's lifetime (`Engine.kept`). */
export function keeper(): Engine<unknown>['kept'] {
  const memory = new Map<string, unknown>();
  return <V>(key: string, make: () => V): V => {
    if (!memory.has(key)) memory.set(key, make());
    return memory.get(key) as V;
  };
}

/** The engine over an open SQLite connection (`openSqliteStore` makes one; tests may too). */
export function sqliteEngine<T>(connection: SqliteConnection<Record<string, unknown>>, tables: T, bus: LiveEventBus): Engine<T> {
  const db = connection.db as StoreDb;
  const kept = keeper();
  return {
    name: 'sqlite',
    db,
    tables,
    rows: async <R>(query: SQL) => db.all(query) as R[],
    greatest: (...values) => sql`max(${sql.join(values.map((value) => sql`${value}`), sql`, `)})`,
    least: (...values) => sql`min(${sql.join(values.map((value) => sql`${value}`), sql`, `)})`,
    inKeys: (column, placeholder) => sql`${column} in (select value from json_each(${sql.placeholder(placeholder)}))`,
    keysValue: (keys) => JSON.stringify(keys),
    cursorPart: (column, part) => sql`${isTimeColumn(column) ? epochMs(part) : part}`,
    cursorPlaceholder: (_column, name) => sql`${sql.placeholder(name)}`,
    cursorValue: (column, part) => (isTimeColumn(column) ? epochMs(part) : part),
    // Built on first use: a store's statements are made before any of them runs.
    prepared: <R>(name: string, build: () => Preparable) => async (values?: Record<string, unknown>) =>
      kept(`prepared:${name}`, () => build().prepare() as { all(values?: Record<string, unknown>): unknown }).all(values) as R[],
    // better-sqlite3's SQLite takes up to 32,766 parameters.
    rowsPerInsert: (columns) => Math.max(1, Math.floor(32_000 / columns)),
    insertValues: async (table, columns, rows) => {
      const size = Math.max(1, Math.floor(32_000 / columns.length));
      const names = columns.map((column) => quoted(column.name)).join(', ');
      const row = `(${columns.map(() => '?').join(', ')})`;
      for (let start = 0; start < rows.length; start += size) {
        const chunk = rows.slice(start, start + size);
        const statement = kept(`insertValues:${table}:${names}:${chunk.length}`, () =>
          connection.sqlite.prepare(`insert into ${quoted(table)} (${names}) values ${Array.from({ length: chunk.length }, () => row).join(', ')}`),
        );
        statement.run(chunk.flat());
      }
    },
    announce: async (topic) => connection.afterCommit(() => bus.publish(topic)),
    kept,
    together: async <R>(parts: readonly SQLWrapper[], answer: number) => {
      let rows: R[] = [];
      for (const [i, part] of parts.entries()) {
        if (i === answer) rows = db.all(part.getSQL()) as R[];
        else db.run(part.getSQL());
      }
      return rows;
    },
  };
}

const isoTime = (part: unknown) => new Date(Number(part)).toISOString();

/** The engine over a Postgres pool or transaction (`openPgStore` makes one per transaction attempt). */
export function pgEngine<T>(db: PgDb, tables: T, kept: Engine<T>['kept']): Engine<T> {
  // Prepared statements belong to a connection: the pool's are kept, a transaction's live with it.
  const preparedHere = new Map<string, unknown>();
  return {
    name: 'postgres',
    db: db as unknown as StoreDb,
    tables,
    rows: async <R>(query: SQL) => (await db.execute(query)).rows as R[],
    greatest: (...values) => sql`greatest(${sql.join(values.map((value) => sql`${value}`), sql`, `)})`,
    least: (...values) => sql`least(${sql.join(values.map((value) => sql`${value}`), sql`, `)})`,
    inKeys: (column, placeholder) => sql`${column} = any(${sql.placeholder(placeholder)}::text[])`,
    keysValue: (keys) => [...keys],
    cursorPart: (column, part) => (isTimeColumn(column) ? sql`${isoTime(part)}::timestamp` : sql`${part}`),
    cursorPlaceholder: (column, name) => (isTimeColumn(column) ? sql`${sql.placeholder(name)}::timestamp` : sql`${sql.placeholder(name)}`),
    cursorValue: (column, part) => (isTimeColumn(column) ? isoTime(part) : part),
    // Built on first use: the statements are made again for every transaction attempt, and most
    // attempts run none of the prepared ones (building a 100-row feed statement is not free).
    prepared: <R>(name: string, build: () => Preparable) => async (values?: Record<string, unknown>) => {
      let statement = preparedHere.get(name) as { execute(values?: Record<string, unknown>): Promise<unknown> } | undefined;
      if (!statement) preparedHere.set(name, (statement = build().prepare(name) as typeof statement & object));
      return (await statement.execute(values)) as R[];
    },
    rowsPerInsert: (columns) => Math.max(1, Math.floor(65_000 / columns)),
    insertValues: async (table, columns, rows) => {
      const arrays = columns.map((column, i) => sql`${sql.param(rows.map((row) => row[i]))}::${sql.raw(column.sqlType)}[]`);
      await db.execute(sql`insert into ${sql.identifier(table)} (${sql.join(columns.map((column) => sql.identifier(column.name)), sql`, `)}) select * from unnest(${sql.join(arrays, sql`, `)})`);
    },
    // Delivered when (and only if) this transaction commits.
    announce: async (topic) => {
      await db.execute(sql`select pg_notify(${LIVE_EVENTS_CHANNEL}, ${topic})`);
    },
    kept,
    together: async <R>(parts: readonly SQLWrapper[], answer: number) => {
      const named = parts.map((part, i) => sql`${sql.identifier(`part${i}`)} as (${part.getSQL()})`);
      return (await db.execute(sql`with ${sql.join(named, sql`, `)} select * from ${sql.identifier(`part${answer}`)}`)).rows as R[];
    },
  };
}

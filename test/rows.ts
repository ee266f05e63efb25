/**
 * Reads a store's rows directly, whichever engine it is on, for tests that check invariants in
 * the rows themselves. Queries are plain SQL both engines read alike, with `?` placeholders;
 * Postgres' 64-bit counts and sums come back as numbers, as SQLite's do.
 */
import Database from 'better-sqlite3';
import pg from 'pg';

export interface RowReader {
  all<T = Record<string, unknown>>(query: string, ...params: unknown[]): Promise<T[]>;
  /** The first column of the first row (0 when there is none or it is null). */
  scalar<T = number>(query: string, ...params: unknown[]): Promise<T>;
  close(): Promise<void>;
}

const INT8 = 20;
const NUMERIC = 1700;

function reader(all: (query: string, params: unknown[]) => Promise<Record<string, unknown>[]>, close: () => Promise<void>): RowReader {
  return {
    all: async <T>(query: string, ...params: unknown[]) => (await all(query, params)) as T[],
    scalar: async <T>(query: string, ...params: unknown[]) => {
      const [row] = await all(query, params);
      const value = row ? Object.values(row)[0] : undefined;
      return (value ?? 0) as T;
    },
    close,
  };
}

/** An open SQLite connection (an in-memory store of the in-process graph). */
export function sqliteConnectionRows(db: Database.Database): RowReader {
  return reader(
    async (query, params) => db.prepare(query).all(...params) as Record<string, unknown>[],
    async () => undefined,
  );
}

/** A SQLite store file, opened read-only: it never takes the serving process's write lock. */
export function sqliteRows(path: string): RowReader {
  return reader(
    async (query, params) => {
      const db = new Database(path, { readonly: true, fileMustExist: true });
      try {
        return db.prepare(query).all(...params) as Record<string, unknown>[];
      } finally {
        db.close();
      }
    },
    async () => undefined,
  );
}

/** A Postgres store's database. */
export function pgRows(url: string): RowReader {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const types = { getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === INT8 || oid === NUMERIC ? Number : pg.types.getTypeParser(oid, format)) };
  return reader(
    async (query, params) => {
      let n = 0;
      const text = query.replace(/\?/g, () => `$${++n}`);
      return (await pool.query({ text, values: params, types: types as pg.CustomTypesConfig })).rows;
    },
    () => pool.end(),
  );
}

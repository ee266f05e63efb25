import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';

export type SqliteDatabase = Database.Database;

export interface StoreOptions {
  /** A file path, or ':memory:' for tests. */
  path: string;
  /** The drizzle-kit output folder of the subgraph. */
  migrationsFolder: string;
  /** Stores that hold value (wallets, ledger, codes, orders) sync fully on every commit. */
  holdsValue?: boolean;
  /** Called after every SQL statement the connection runs, with its time: metrics and tests count them. */
  onStatement?: (sql: string, durationMs: number) => void;
}

export interface Store<TSchema extends Record<string, unknown>> {
  sqlite: SqliteDatabase;
  db: BetterSQLite3Database<TSchema>;
  close(): void;
}

export class StoreOpenError extends Error {
  override name = 'StoreOpenError';
}

/**
 * Opens a subgraph's SQLite file with the project's pragmas and applies its migrations.
 * WAL lets readers run beside the single writer; the busy timeout makes a second writer
 * wait instead of failing at once.
 */
export function openStore<TSchema extends Record<string, unknown>>(
  schema: TSchema,
  options: StoreOptions,
): Store<TSchema> {
  let sqlite: SqliteDatabase;
  try {
    if (options.path !== ':memory:') fs.mkdirSync(path.dirname(options.path), { recursive: true });
    sqlite = new Database(options.path);
    if (options.onStatement) instrumentStatements(sqlite, options.onStatement);
    if (options.path !== ':memory:') sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma(`synchronous = ${options.holdsValue ? 'FULL' : 'NORMAL'}`);
  } catch (error) {
    throw new StoreOpenError(`Cannot open the store at ${options.path}: ${(error as Error).message}`, { cause: error });
  }
  const db = drizzle(sqlite, { schema });
  try {
    migrate(db, { migrationsFolder: options.migrationsFolder });
  } catch (error) {
    sqlite.close();
    throw new StoreOpenError(`Cannot migrate the store at ${options.path}: ${(error as Error).message}`, { cause: error });
  }
  return {
    sqlite,
    db,
    // Fold the WAL back into the main file so a stopped store is one self-contained file.
    close: () => {
      if (!sqlite.open) return;
      if (options.path !== ':memory:') sqlite.pragma('wal_checkpoint(TRUNCATE)');
      sqlite.close();
    },
  };
}

const EXECUTING_METHODS = new Set(['run', 'get', 'all', 'iterate']);

/**
 * Times every execution of every statement the connection prepares (better-sqlite3's `verbose`
 * hook fires before a statement runs, so it cannot time it).
 */
function instrumentStatements(sqlite: SqliteDatabase, onStatement: (sql: string, durationMs: number) => void): void {
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((source: string) => {
    const statement = prepare(source);
    const proxy: typeof statement = new Proxy(statement, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        // raw(), pluck() and the like return the statement itself: keep handing out the proxy.
        if (!EXECUTING_METHODS.has(property as string)) {
          return (...args: unknown[]) => {
            const result = value.apply(target, args);
            return result === target ? proxy : result;
          };
        }
        return (...args: unknown[]) => {
          const started = performance.now();
          try {
            return value.apply(target, args);
          } finally {
            onStatement(source, performance.now() - started);
          }
        };
      },
    });
    return proxy;
  }) as typeof sqlite.prepare;
}

/**
 * The drizzle-kit migrations folder of the package a module belongs to: the nearest `drizzle/`
 * above it. The same code runs from `src/` in tests and bundled into `dist/` at start.
 */
export function migrationsFolderFor(moduleUrl: string): string {
  let dir = path.dirname(new URL(moduleUrl).pathname);
  for (;;) {
    const candidate = path.join(dir, 'drizzle');
    if (fs.existsSync(path.join(candidate, 'meta', '_journal.json'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new StoreOpenError(`No drizzle migrations folder above ${moduleUrl}`);
    dir = parent;
  }
}

/**
 * Where a subgraph on SQLite keeps the signature nonces it accepted: a small SQLite file of their
 * own beside the store (`<store>-nonces`, next to SQLite's own `-wal` and `-shm`), on a connection
 * of their own, in WAL mode with `synchronous = NORMAL`.
 *
 * Every signed subgraph request accepts one nonce. In the store's own file that was an autocommit
 * INSERT on the store's connection: it waited its turn behind any open write transaction, and in
 * the stores that hold value (`synchronous = FULL`: gifts, commerce) every one of them synced the
 * WAL to disk. A nonce is worth less than that. Kept in its own file it never waits for the store's
 * transactions, never takes the store's write lock, and commits without a sync: a commit in WAL
 * mode with NORMAL survives the process being killed (the frame is in the OS's page cache), so a
 * restarted subgraph still refuses a captured request (`test/replay-restart.e2e.ts`); only an OS
 * crash or power loss can lose the last commits, which reopens a replay window of at most the
 * signature lifetime (`SIGNATURE_TTL_MS`, 30 s) for the few requests signed just before it. The
 * store's value is not touched by this: its own commits still sync.
 *
 * The file holds nothing but nonces that expire within 30 s, so it is made here, not migrated:
 * losing it, or deleting it while the subgraph is stopped, costs one replay window. The table
 * has the columns of the kit's `used_nonces` (`kit-tables.ts`), whose statements run on it
 * unchanged (`nonceStatements`), keyed by the nonce without a separate rowid (one B-tree per
 * insert, not two).
 */
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { LiveEventBus } from '../live.ts';
import { reusePreparedStatements } from '../sqlite-statements.ts';
import { SqliteConnection, sqliteStore, StoreOpenError, instrumentStatements, type StoreOptions } from '../store.ts';
import { tracedStatements } from '../tracing.ts';
import type { NonceStore } from '../viewer.ts';
import { sqliteEngine } from './engine.ts';
import { nonceStatements, nonceStoreOf } from './kit-statements.ts';
import { kitTables } from './kit-tables.ts';
import { defineTables } from './tables.ts';

const { usedNonces } = defineTables(kitTables).sqlite;

/** The nonce file of the store at `storePath` (a store in memory keeps its nonces in memory too). */
export function nonceFileFor(storePath: string): string {
  return storePath === ':memory:' ? ':memory:' : `${storePath}-nonces`;
}

export interface SqliteNonces {
  nonces: NonceStore;
  /** The file's connection (tests read its table). */
  sqlite: Database.Database;
  close(): void;
}

/** Opens (creating as needed) the nonce file of the store at `storePath`. */
export function openSqliteNonces(storePath: string, options: Pick<StoreOptions, 'onStatement'> = {}): SqliteNonces {
  const file = nonceFileFor(storePath);
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file);
    if (options.onStatement) instrumentStatements(sqlite, options.onStatement);
    reusePreparedStatements(sqlite);
    if (file !== ':memory:') sqlite.pragma('journal_mode = WAL');
    // Another process over the same file (two subgraph processes on one DATA_DIR) waits its turn.
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.exec(`
      create table if not exists used_nonces (nonce text primary key not null, expires_at integer not null) without rowid;
      create index if not exists used_nonces_expires on used_nonces (expires_at);
    `);
  } catch (error) {
    throw new StoreOpenError(`Cannot open the nonce file at ${file}: ${(error as Error).message}`, { cause: error });
  }
  const connection = new SqliteConnection(sqlite, drizzle(sqlite));
  const statements = tracedStatements(nonceStatements, 'sqlite')(sqliteEngine(connection, { usedNonces }, new LiveEventBus()));
  return {
    nonces: nonceStoreOf(sqliteStore(connection, statements)),
    sqlite,
    close: () => {
      if (!sqlite.open) return;
      if (file !== ':memory:') sqlite.pragma('wal_checkpoint(TRUNCATE)');
      sqlite.close();
    },
  };
}

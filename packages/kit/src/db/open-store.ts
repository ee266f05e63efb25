/**
 * Opening a subgraph's store on either engine: its definition (tables, statements written once,
 * migrations), the engine under it, tracing, its LIVE bus, and the kit's nonce statements where
 * the store has them. Apart from `engine.ts` because the kit's own statements (nonces) are written
 * over the engine, and a store is opened with them.
 */
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { LiveEventBus } from '../live.ts';
import { listenForLiveEvents } from '../live-pg.ts';
import { openPgConnection, PgConnection, pgStore, type PgConnectionOptions } from '../pg.ts';
import { openStore, sqliteStore, type SqliteConnection, type StoreOptions, type Transactional } from '../store.ts';
import { tracedStatements, tracedTransactions } from '../tracing.ts';
import type { NonceStore } from '../viewer.ts';
import { keeper, pgEngine, sqliteEngine, type Engine } from './engine.ts';
import { nonceStatements, nonceStoreOf } from './kit-statements.ts';
import type { KitTables } from './kit-tables.ts';
import { openSqliteNonces } from './nonce-file.ts';
import type { EngineName, TablesByEngine } from './tables.ts';
/** A subgraph's store, described once: its tables, its statements, its migrations per engine. */
export interface StoreDefinition<T, S extends object> {
  tables: TablesByEngine<T>;
  /** Every statement of the store, written once over an engine. */
  statements: (engine: Engine<T>) => S;
  /** drizzle-kit's output folders: `drizzle/` and `drizzle-pg/`. */
  migrations: Record<EngineName, string>;
  /** Stores that hold value (wallets, ledger, codes, orders) sync fully on every commit (SQLite). */
  holdsValue?: boolean;
  /** False for a store with no LIVE outbox: no listening connection on Postgres. */
  liveEvents?: boolean;
}

/** What every opened store has besides its statements. */
export interface OpenedStore {
  readonly engine: EngineName;
  /** Who waits for which topic's next LIVE events, in this process. */
  liveEvents: LiveEventBus;
  /** Whether the store can serve (`/ready`). */
  isOpen(): boolean;
  /** Whether the store's server answers now (Postgres). */
  ping?(): Promise<boolean>;
  close(): void | Promise<void>;
}

/**
 * A store: its statements (each answering a promise), `transaction`, and what every store has;
 * a store with the kit's nonce statements (every subgraph's) also hands out its `nonces`, where
 * the signature nonces it accepted are kept.
 */
export type EngineStore<S extends object> = S & Transactional<S> & OpenedStore & (S extends { acceptNonce: unknown } ? { nonces: NonceStore } : unknown);

function noncesOf(statements: object): { nonces?: NonceStore } {
  const { acceptNonce } = statements as { acceptNonce?: (nonce: string, expiresAt: number, now: number) => Promise<boolean> };
  return acceptNonce ? { nonces: { accept: (nonce, expiresAt, now) => acceptNonce(nonce, expiresAt, now) } } : {};
}

/** Opens (creating and migrating as needed) a store in a SQLite file, or ':memory:'. */
export function openSqliteStore<T extends Record<string, unknown>, S extends object>(
  definition: StoreDefinition<T, S>,
  path: string,
  options: Pick<StoreOptions, 'onStatement' | 'onCommit'> = {},
): EngineStore<S> & { sqlite: SqliteConnection<T>; db: BetterSQLite3Database<T> } {
  const opened = openStore(definition.tables.sqlite, { path, migrationsFolder: definition.migrations.sqlite, holdsValue: definition.holdsValue, ...options });
  const bus = new LiveEventBus();
  const statements = tracedStatements(definition.statements, 'sqlite')(sqliteEngine(opened.connection as SqliteConnection<Record<string, unknown>>, definition.tables.sqlite, bus));
  const store = tracedTransactions(sqliteStore(opened.connection as SqliteConnection<Record<string, unknown>>, statements), 'sqlite') as unknown as S & Transactional<S>;
  // The nonces the subgraph server accepts go to a file of their own (`nonce-file.ts`): no sync and
  // no wait behind the store's transactions per signed request. `acceptNonce` on the store itself
  // still runs on the store's table (the statement's contract, and Postgres' place for them).
  const nonceFile = noncesOf(store).nonces ? openSqliteNonces(path, options) : null;
  return {
    ...store,
    ...(nonceFile ? { nonces: nonceFile.nonces } : {}),
    engine: 'sqlite',
    liveEvents: bus,
    sqlite: opened.connection,
    db: opened.db,
    isOpen: () => opened.sqlite.open,
    close: () => {
      nonceFile?.close();
      opened.close();
    },
  } as unknown as EngineStore<S> & { sqlite: SqliteConnection<T>; db: BetterSQLite3Database<T> };
}

/**
 * What a store's connections start with. No parallel plans: every statement answers a page, and
 * the planner's parallel walk of an index (chosen for a model number in 0.2–0.8 % of 200,000
 * products) waits for worker processes to start and then walks thousands of rows: 90 to 140 ms
 * where the serial plan takes 3 to 5 ms (design notes, "Product search at scale").
 */
const STORE_SETTINGS = { max_parallel_workers_per_gather: '0' };

/**
 * Opens a store on a Postgres database, migrating it as needed, with a listening connection that
 * wakes this process's LIVE subscribers when any replica commits an event.
 */
export async function openPgStore<T extends Record<string, unknown>, S extends object>(
  definition: StoreDefinition<T, S>,
  url: string,
  options: Pick<PgConnectionOptions, 'onStatement' | 'onRetry' | 'poolSize'> = {},
): Promise<EngineStore<S> & { pg: PgConnection }> {
  const connection = await openPgConnection({ url, migrationsFolder: definition.migrations.postgres, settings: STORE_SETTINGS, ...options });
  const bus = new LiveEventBus();
  const listener = definition.liveEvents === false ? null : listenForLiveEvents(url, bus);
  await listener?.ready;
  const kept = keeper();
  const statements = tracedStatements(definition.statements, 'postgresql');
  const store = tracedTransactions(pgStore(connection, (db) => statements(pgEngine(db, definition.tables.postgres, kept))), 'postgresql');
  const nonces = noncesOf(store).nonces ? pgNonces(definition as unknown as StoreDefinition<Pick<KitTables, 'usedNonces'>, object>, url, options, kept) : null;
  return {
    ...store,
    ...(nonces ? { nonces: nonces.nonces } : {}),
    engine: 'postgres',
    liveEvents: bus,
    pg: connection,
    isOpen: () => connection.isOpen,
    ping: () => connection.ping(),
    close: async () => {
      await listener?.close();
      await nonces?.connection.close();
      await connection.close();
    },
  } as unknown as EngineStore<S> & { pg: PgConnection };
}

/** Connections of a Postgres store's nonce pool: one INSERT each, a round trip long. */
const NONCE_POOL_SIZE = 4;

/**
 * The nonces a subgraph on Postgres accepts (without Redis, or while Redis is away): the store's
 * `used_nonces` table, shared by its replicas, on a small pool of its own whose connections commit
 * with `synchronous_commit = off`. A nonce's INSERT then returns without waiting for the WAL to
 * reach the disk; it is visible to every replica at once, and only a crash of the Postgres server
 * can lose the last few hundred milliseconds of them (three `wal_writer_delay`s at most), which
 * reopens a replay window of at most the signature lifetime for the requests signed just before
 * it. The store's own commits keep the server's setting. (An UNLOGGED table would cost less still,
 * but a crash empties it whole, and it would be a migration of every subgraph's table.)
 */
function pgNonces(definition: StoreDefinition<Pick<KitTables, 'usedNonces'>, object>, url: string, options: Pick<PgConnectionOptions, 'onStatement'>, kept: Engine<unknown>['kept']): { nonces: NonceStore; connection: PgConnection } {
  const connection = new PgConnection({ url, poolSize: NONCE_POOL_SIZE, settings: { synchronous_commit: 'off' }, ...(options.onStatement ? { onStatement: options.onStatement } : {}) });
  const statements = tracedStatements(nonceStatements, 'postgresql');
  return { nonces: nonceStoreOf(pgStore(connection, (db) => statements(pgEngine(db, { usedNonces: definition.tables.postgres.usedNonces }, kept)))), connection };
}

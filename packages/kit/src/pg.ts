/**
 * Postgres under the same store shape SQLite has (`store.ts`): a pool, its transactions, and
 * `pgStore`, which runs a store's statements (written once, `db/engine.ts`) on them.
 *
 * Transactions run at SERIALIZABLE. The domain's bodies were written against SQLite, where a
 * write transaction holds the whole database from its first statement: they read, decide, then
 * write (three Small Gestures at most, stock left, a code still free). Serializable isolation
 * gives every such body the same guarantee, that the outcome is that of some one-at-a-time
 * order, without each body having to name the rows (or absent rows) it depends on for a lock.
 * The price is that Postgres may abort a transaction that could not be ordered (40001) or that
 * deadlocked (40P01); the body is then run again from the start, a bounded number of times.
 * So a body must do nothing outside the database (the domain already makes network calls before
 * it): what it computed in a failed attempt is thrown away with that attempt. A body written to
 * wait its turn at one row instead (`TransactionOptions`, READ COMMITTED) is retried the same way.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { drizzle, type NodePgDatabase, type NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { GraphQLError } from 'graphql';
import { ConcurrentCommitError, StoreMisuseError, StoreOpenError, type Transactional, type TransactionOptions } from './store.ts';
import { lines, type Lines } from './lines.ts';

/** What Postgres statements run on: the pool outside a transaction, the transaction inside one. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type PgDb = PgDatabase<NodePgQueryResultHKT, any>;

/** SQLSTATEs after which the whole transaction is worth running again. */
const RETRYABLE = new Set(['40001', '40P01']);
/** How many times a transaction is tried before the caller is told to try again later. */
export const TRANSACTION_ATTEMPTS = 25;

/** A write that collided TRANSACTION_ATTEMPTS times: nothing was written, and the same request may be sent again. */
export const WRITE_CONTENDED = 'WRITE_CONTENDED';

function isRetryable(error: unknown): boolean {
  if (error instanceof ConcurrentCommitError) return true;
  const state = sqlState(error);
  return state !== undefined && RETRYABLE.has(state);
}

/** The SQLSTATE of a failed statement, through Drizzle's wrapping. */
export function sqlState(error: unknown): string | undefined {
  for (let current = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; current && depth < 5; current = current.cause as typeof current, depth++) {
    if (typeof current.code === 'string' && /^[0-9A-Z]{5}$/.test(current.code)) return current.code;
  }
  return undefined;
}

/**
 * SQLSTATEs of a server that is going away or not taking connections: admin, crash and immediate
 * shutdown (57P01-57P03) and the connection exceptions (class 08).
 */
const UNREACHABLE_STATES = /^(57P0[1-3]|08[0-9A-Z]{3})$/;
/** Socket errors of a server that cannot be reached (refused, reset, unroutable, unresolvable). */
const UNREACHABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENOTFOUND', 'EAI_AGAIN']);
/**
 * node-postgres' own messages for a connection that broke or never came: these errors carry no
 * code (the pool's connection timeout, a socket closed under a query, a client that broke earlier).
 */
const UNREACHABLE_MESSAGES = /^(Connection terminated|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error and is not queryable)/;

/**
 * Whether an error says the database cannot be reached right now, as opposed to a statement that
 * failed on a working server: the one place that tells an outage from a bug, through Drizzle's
 * and GraphQL's wrapping (`cause`, `originalError`, an AggregateError's `errors`).
 */
export function isUnreachable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const walk = (current: unknown, depth: number): boolean => {
    if (!current || typeof current !== 'object' || depth > 6 || seen.has(current)) return false;
    seen.add(current);
    const { code, message, cause, originalError, errors } = current as { code?: unknown; message?: unknown; cause?: unknown; originalError?: unknown; errors?: unknown };
    if (typeof code === 'string' && (UNREACHABLE_STATES.test(code) || UNREACHABLE_SOCKET_CODES.has(code))) return true;
    if (current instanceof Error && typeof message === 'string' && UNREACHABLE_MESSAGES.test(message)) return true;
    if (Array.isArray(errors) && errors.some((inner) => walk(inner, depth + 1))) return true;
    return walk(cause, depth + 1) || walk(originalError, depth + 1);
  };
  return walk(error, 0);
}

/** Which connection's transaction body the running code is part of. */
const insideTransaction = new AsyncLocalStorage<object>();

/** Transaction control is bookkeeping, not a statement of the request: leave it out of counts. */
const TRANSACTION_CONTROL = /^\s*(begin|commit|rollback|savepoint|release)\b/i;

export interface PgConnectionOptions {
  /** `postgres://user@host:port/database` */
  url: string;
  /** Called after every SQL statement with its time: metrics and tests count them. */
  onStatement?: (sql: string, durationMs: number) => void;
  /** Called each time a transaction is run again after a serialization failure or deadlock (metrics). */
  onRetry?: () => void;
  /** Connections in the pool (default 10). */
  poolSize?: number;
  /**
   * How long a statement waits for a connection, new or from a full pool, before it fails
   * (default 5 s): a server that does not answer turns into an error, not a request that hangs.
   */
  connectTimeoutMs?: number;
  /**
   * Server settings every connection of the pool starts with (sent as startup options, so they
   * hold over the database's and role's defaults), e.g. `{ synchronous_commit: 'off' }`.
   */
  settings?: Record<string, string>;
}

/** The most pooled connections one line's transactions hold at once (`TransactionOptions.line`). */
export const LINE_CONNECTIONS = 2;

/** How long a readiness probe waits for `select 1`. */
export const PROBE_TIMEOUT_MS = 1_000;

/**
 * A pool of connections to one subgraph's database, with Drizzle over it. Statements outside a
 * transaction take any free connection (autocommit); a transaction holds one until it ends.
 */
export class PgConnection {
  readonly pool: pg.Pool;
  readonly db: NodePgDatabase;
  /** Times a transaction was run again after a serialization failure or deadlock (metrics, tests). */
  retries = 0;
  private closed = false;
  private readonly url: string;
  /** One connection of its own for readiness probes: a busy pool is not an unreachable server. */
  private probePool: pg.Pool | null = null;
  private readonly onRetry?: () => void;
  /** `TransactionOptions.line`: one transaction holding the line's row, the next doing its work up to it; never the whole pool. */
  private readonly lines: Lines;

  constructor(options: PgConnectionOptions) {
    this.url = options.url;
    this.onRetry = options.onRetry;
    this.lines = lines(Math.max(1, Math.min(LINE_CONNECTIONS, (options.poolSize ?? 10) - 1)));
    const settings = Object.entries(options.settings ?? {}).map(([name, value]) => `-c ${name}=${value}`);
    this.pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      idleTimeoutMillis: 30_000,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
      ...(settings.length ? { options: settings.join(' ') } : {}),
    });
    // A connection that breaks while idle must not crash the process: the pool drops it.
    this.pool.on('error', () => undefined);
    const onStatement = options.onStatement;
    if (onStatement) this.pool.on('connect', (client) => timeQueries(client, onStatement));
    this.db = drizzle({ client: this.pool });
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  /**
   * Runs `body` in one SERIALIZABLE transaction (or READ COMMITTED, for a body written for it:
   * `TransactionOptions`), again from the start after a serialization failure, a deadlock or a
   * `ConcurrentCommitError` (up to TRANSACTION_ATTEMPTS times in all), committed when it
   * resolves, rolled back when it throws. With a `line`, it first waits its turn in that line.
   */
  async transaction<T>(body: (tx: PgDb) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    if (options.line !== undefined) return this.lines.run(options.line, () => this.transactionNow(body, options));
    return this.transactionNow(body, options);
  }

  private async transactionNow<T>(body: (tx: PgDb) => Promise<T>, options: TransactionOptions): Promise<T> {
    const isolationLevel = options.isolation === 'readCommitted' ? 'read committed' : 'serializable';
    const run = () => this.db.transaction((tx) => insideTransaction.run(this, () => body(tx)), { isolationLevel });
    try {
      return await run();
    } catch (error) {
      if (!isRetryable(error)) throw error;
    }
    // It collided. Its retries take turns with the other retries of this process: contenders on one
    // hot row (a stream's event counter, a wallet) then stop aborting each other over and over,
    // and commit one after another, as on SQLite. Across processes, the retry alone orders them.
    const release = await this.retryTurn();
    try {
      for (let attempt = 2; ; attempt++) {
        this.retries++;
        this.onRetry?.();
        try {
          return await run();
        } catch (error) {
          if (!isRetryable(error)) throw error;
          if (attempt >= TRANSACTION_ATTEMPTS) {
            throw new GraphQLError('Too many writes to the same data at once: nothing was written. Send the request again (with the same idempotency key).', {
              extensions: { code: WRITE_CONTENDED },
              originalError: error as Error,
            });
          }
          // Another process's writer (or a first attempt here) won again: a short, growing, random pause.
          await sleep(Math.random() * Math.min(100, 2 ** attempt));
        }
      }
    } finally {
      release();
    }
  }

  private retrying: Promise<void> = Promise.resolve();

  /** Waits for this process's retrying transactions before this one, FIFO; resolves with the release. */
  private async retryTurn(): Promise<() => void> {
    let release: () => void = () => undefined;
    const previous = this.retrying;
    this.retrying = new Promise<void>((resolve) => (release = resolve));
    await previous;
    return release;
  }

  /** Throws when a transaction body of this connection calls the store (or a loader) instead of its `tx`. */
  checkOutside(): void {
    if (insideTransaction.getStore() === this) {
      throw new StoreMisuseError('A transaction body ran a statement outside its transaction (the store or a loader, not `tx`); it would read around its own transaction.');
    }
  }

  /**
   * Whether the server answers `select 1` within `timeoutMs`, on a connection kept for probes.
   * Never throws: false for any failure, and false once closed.
   */
  async ping(timeoutMs = PROBE_TIMEOUT_MS): Promise<boolean> {
    if (this.closed) return false;
    if (!this.probePool) {
      this.probePool = new pg.Pool({ connectionString: this.url, max: 1, idleTimeoutMillis: 10_000, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
      this.probePool.on('error', () => undefined);
    }
    let timer: NodeJS.Timeout | undefined;
    try {
      const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
      return await Promise.race([this.probePool.query('select 1').then(() => true), timedOut]);
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([this.pool.end(), this.probePool?.end()]);
  }
}

function timeQueries(client: pg.PoolClient, onStatement: (sql: string, durationMs: number) => void): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (...args: unknown[]) => {
    const first = args[0];
    const text = typeof first === 'string' ? first : ((first as { text?: string } | undefined)?.text ?? '');
    if (TRANSACTION_CONTROL.test(text)) return query(...args);
    const started = performance.now();
    const done = () => onStatement(text, performance.now() - started);
    // The pool's own `query` passes a callback; Drizzle inside a transaction awaits a promise.
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === 'function') {
      args[last] = (...results: unknown[]) => {
        done();
        return (callback as (...results: unknown[]) => unknown)(...results);
      };
      return query(...args);
    }
    const result = query(...args);
    return result instanceof Promise ? result.finally(done) : result;
  };
}

/**
 * Builds a subgraph's store from its Postgres statements. `statements(db)` is called once for the
 * pool and once per transaction attempt with that transaction, so the body's `tx` runs on the
 * transaction's connection and the store's own statements on the pool.
 */
export function pgStore<S extends object>(connection: PgConnection, statements: (db: PgDb) => S): S & Transactional<S> {
  const outside = {} as Record<string, unknown>;
  for (const [name, statement] of Object.entries(statements(connection.db))) {
    const call = statement as (...args: unknown[]) => Promise<unknown>;
    outside[name] = (...args: unknown[]) => {
      connection.checkOutside();
      return call(...args);
    };
  }
  const transaction = <T>(body: (tx: S) => Promise<T>, options?: TransactionOptions) => connection.transaction((tx) => body(statements(tx)), options);
  return { ...(outside as S), transaction };
}

export interface OpenPgOptions extends PgConnectionOptions {
  /** The drizzle-kit output folder of the subgraph's Postgres migrations. */
  migrationsFolder: string;
  /** Fills an empty database (the same world the SQLite seed makes); runs inside the migration lock. */
  seed?: (db: PgDb) => Promise<void>;
}

/**
 * Opens a subgraph's Postgres database: applies its migrations and seeds it when empty. Replicas
 * starting together take turns under an advisory lock, so exactly one migrates and seeds.
 * @throws StoreOpenError naming the database (never its password) when it cannot.
 */
export async function openPgConnection(options: OpenPgOptions): Promise<PgConnection> {
  const connection = new PgConnection(options);
  const where = describeUrl(options.url);
  let client: pg.PoolClient;
  try {
    client = await connection.pool.connect();
  } catch (error) {
    await connection.close();
    throw new StoreOpenError(`Cannot connect to the Postgres database ${where}: ${(error as Error).message}`, { cause: error });
  }
  try {
    // One lock id for "this database's schema and seed" (the same in every replica).
    await client.query('select pg_advisory_lock(727274)');
    const db = drizzle({ client });
    await migrate(db, { migrationsFolder: options.migrationsFolder });
    await options.seed?.(db);
  } catch (error) {
    client.release(true);
    await connection.close();
    throw new StoreOpenError(`Cannot migrate or seed the Postgres database ${where}: ${(error as Error).message}`, { cause: error });
  }
  await client.query('select pg_advisory_unlock(727274)');
  client.release();
  return connection;
}

/** Host, port and database of a URL, without user or password: what an error may show. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    return '(an unreadable URL)';
  }
}

/** True when a database URL names Postgres. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//.test(location);
}

import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { reusePreparedStatements } from './sqlite-statements.ts';

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
  /** Called after every commit, with how many transactions it made durable (group commit): metrics. */
  onCommit?: (transactions: number) => void;
}

/**
 * The shape every subgraph's store has, whatever the engine: its statements (batch-shaped reads
 * for the loaders, the writes its domain asks for), each answering a promise, and `transaction`,
 * which runs a body against the same statements inside one transaction. The statements are
 * written once over an engine (`db/engine.ts`); this module is SQLite's connection under them.
 */

/** The statements as the domain sees them: every call answers a promise. */
export type Queries<S> = {
  [K in keyof S]: S[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
};

export interface Transactional<Tx> {
  /**
   * Runs `body` in one write transaction, its write lock taken up front (SQLite's BEGIN
   * IMMEDIATE), committed when the body resolves, rolled back when it throws. No network call
   * may run inside a body: gather facts from other services first.
   */
  transaction<T>(body: (tx: Tx) => Promise<T>, options?: TransactionOptions): Promise<T>;
}

/**
 * How a transaction is isolated where transactions run side by side (Postgres). SQLite's write
 * lock, taken up front, runs every body alone whatever is asked.
 */
export interface TransactionOptions {
  /**
   * `serializable` (the default): any body, as written (see `pg.ts`). `readCommitted`: a body whose
   * every concurrent contender first updates one row (a stream's event counter) and which reads
   * what its decisions rest on only after that update: holding the row's lock then orders such
   * bodies as SQLite's write lock does, and a contender waits for the row instead of being aborted
   * and run again. The body's other writes must be right at READ COMMITTED by themselves (guarded
   * or additive updates, inserts a unique key decides).
   */
  isolation?: 'serializable' | 'readCommitted';
  /**
   * Transactions naming the same line (a stream's id) hold at most two of this process's pooled
   * connections at once (Postgres); the others wait in memory, in order, before taking one. Bodies
   * that all wait for one row would otherwise fill the pool behind its holder, and every other
   * statement of the service would wait for a connection. SQLite runs every body in turn over its
   * one connection already: there the line changes nothing.
   */
  line?: string;
}

/**
 * Thrown inside a transaction body when another transaction committed first what this one was
 * about to write (an idempotency key taken by a racing request at READ COMMITTED): the body is
 * run again from the start on Postgres, as after a serialization failure, and finds it.
 */
export class ConcurrentCommitError extends Error {
  override name = 'ConcurrentCommitError';
}

export type Store<S extends object> = Queries<S> & Transactional<Queries<S>>;

export class StoreOpenError extends Error {
  override name = 'StoreOpenError';
}

/**
 * One SQLite connection shared by every request of a process. better-sqlite3 is synchronous,
 * so a statement can never interleave with another; a transaction whose body awaits, though,
 * could let another request's statement run on the same connection mid-transaction, where it
 * would read uncommitted rows or join the transaction. So while a transaction is open, every
 * other statement and transaction waits its turn (FIFO); when none is open, a statement runs at
 * once with no queueing cost.
 *
 * Transactions waiting in line commit together (group commit): when a body ends and the next in
 * line is another transaction, the transaction stays open and the next body runs in a savepoint
 * of it, on the event loop's next turn, up to `GROUP_MAX_BODIES` bodies or `GROUP_MAX_MS`. One
 * COMMIT (one sync of the log, on a store that syncs fully) then makes them all durable, and only
 * then is each answered and are its after-commit hooks run: nobody hears of a write before it is
 * on disk, as before, but a queue of eight sends on a hot stream syncs once, not eight times. A
 * body that throws is rolled back to its savepoint and answered at once; the others stand.
 */
/** Which connection's transaction body the running code is part of. */
const insideTransaction = new AsyncLocalStorage<object>();

/** The most transaction bodies one commit makes durable. */
export const GROUP_MAX_BODIES = 32;
/** How long a group stays open for more bodies, from its first (bounds what waiting adds to an answer). */
export const GROUP_MAX_MS = 10;

export class StoreMisuseError extends Error {
  override name = 'StoreMisuseError';
}

interface Waiter {
  /** A transaction (which may join an open group) or a lone statement (which waits for the group's commit). */
  kind: 'transaction' | 'statement';
  wake: () => void;
}

/** A transaction left open for the bodies waiting in line, and those whose answers wait for its commit. */
interface Group {
  startedAt: number;
  bodies: number;
  /** Bodies that succeeded: answered, and their hooks run, once the group commits. */
  done: { hooks: (() => void)[]; answer: () => void; fail: (error: unknown) => void }[];
}

export class SqliteConnection<TSchema extends Record<string, unknown>> {
  readonly sqlite: SqliteDatabase;
  readonly db: BetterSQLite3Database<TSchema>;
  private locked = false;
  /** Work to run once the open transaction commits (publishing its events); dropped on rollback. */
  private commitHooks: (() => void)[] | null = null;
  /** Who waits for the connection, in order; each is handed it directly by the one before. */
  private readonly waiting: Waiter[] = [];
  private group: Group | null = null;
  /** Commits made, and bodies they made durable (tests, metrics). */
  readonly commits = { commits: 0, bodies: 0 };

  constructor(
    sqlite: SqliteDatabase,
    db: BetterSQLite3Database<TSchema>,
    private readonly onCommit?: (transactions: number) => void,
    /** Whether a commit waits a turn for more transactions to share it (a store whose commits sync fully). */
    private readonly lingers = false,
  ) {
    this.sqlite = sqlite;
    this.db = db;
  }

  /**
   * Runs a statement outside any transaction, holding the connection until it has answered: at
   * once when the connection is free, else in turn. A statement that awaits (every statement
   * awaits Drizzle's builder) must hold it, or a transaction begun meanwhile by another request
   * would take in the statement's next query.
   */
  async run<T>(statement: () => T | Promise<T>): Promise<T> {
    // A body that asks the store (or a loader) instead of its `tx` would wait for itself forever.
    if (insideTransaction.getStore() === this) {
      throw new StoreMisuseError('A transaction body ran a statement outside its transaction (the store or a loader, not `tx`); it would wait for itself.');
    }
    if (this.locked) await this.wait('statement');
    else this.locked = true;
    try {
      return await statement();
    } finally {
      this.handOver();
    }
  }

  async transaction<T>(body: () => Promise<T>): Promise<T> {
    if (this.locked) await this.wait('transaction');
    else this.locked = true;
    // Handed the connection: either free (a transaction begins) or with a group open to join.
    if (!this.group) {
      try {
        this.sqlite.exec('BEGIN IMMEDIATE');
      } catch (error) {
        this.handOver();
        throw error;
      }
      this.group = { startedAt: performance.now(), bodies: 0, done: [] };
    }
    const group = this.group;
    const savepoint = `body${group.bodies++}`;
    const hooks: (() => void)[] = [];
    let result: T;
    try {
      this.sqlite.exec(`SAVEPOINT ${savepoint}`);
      this.commitHooks = hooks;
      result = await insideTransaction.run(this, body);
      this.sqlite.exec(`RELEASE ${savepoint}`);
    } catch (error) {
      this.commitHooks = null;
      if (this.sqlite.inTransaction) {
        this.sqlite.exec(`ROLLBACK TO ${savepoint}`);
        this.sqlite.exec(`RELEASE ${savepoint}`);
        this.endBodyTurn(group);
      } else {
        // SQLite rolled the whole transaction back (an I/O error, a full disk): the group is lost.
        this.endGroup(group, error);
      }
      throw error;
    }
    this.commitHooks = null;
    const answered = new Promise<T>((resolve, reject) => group.done.push({ hooks, answer: () => resolve(result), fail: reject }));
    this.endBodyTurn(group);
    return answered;
  }

  /**
   * Runs `hook` after the open transaction commits, or at once when none is open (a lone
   * statement has committed by the time it returns). A rolled-back transaction runs none.
   */
  afterCommit(hook: () => void): void {
    if (this.commitHooks) this.commitHooks.push(hook);
    else queueMicrotask(hook);
  }

  /** After a body: the next transaction in line joins the group, unless the group is full or old enough; else it commits. */
  private endBodyTurn(group: Group, lingered = false): void {
    const next = this.waiting[0];
    const open = group.bodies < GROUP_MAX_BODIES && performance.now() - group.startedAt < GROUP_MAX_MS;
    if (open && next?.kind === 'transaction') {
      this.waiting.shift();
      // On the next turn, as any handover: one body is the most one task of the event loop does.
      setImmediate(next.wake);
      return;
    }
    // A body runs in one task, so nothing can have come into line during it: where a commit syncs,
    // it waits one turn for the requests that arrived meanwhile to come into line and share it.
    if (this.lingers && open && !next && !lingered) {
      setImmediate(() => this.endBodyTurn(group, true));
      return;
    }
    let failure: unknown = null;
    try {
      this.sqlite.exec('COMMIT');
    } catch (error) {
      failure = error;
      if (this.sqlite.inTransaction) this.sqlite.exec('ROLLBACK');
    }
    this.endGroup(group, failure);
  }

  /** Answers the group's bodies (each with its hooks first) or fails them, and hands the connection on. */
  private endGroup(group: Group, failure: unknown): void {
    this.group = null;
    // A group whose every body threw committed nothing worth counting.
    if (failure === null && group.done.length > 0) {
      this.commits.commits++;
      this.commits.bodies += group.done.length;
      this.onCommit?.(group.done.length);
    }
    this.handOver();
    for (const body of group.done) {
      if (failure !== null) {
        body.fail(failure);
        continue;
      }
      for (const hook of body.hooks) hook();
      body.answer();
    }
  }

  private wait(kind: Waiter['kind']): Promise<void> {
    return new Promise<void>((wake) => this.waiting.push({ kind, wake }));
  }

  /**
   * The connection passes to the next in line on the event loop's next turn, not at once: every
   * statement here runs synchronously, so a handover inside the same task would run the whole
   * queue as one task, and no timer, socket or other request would run until the queue was empty.
   */
  private handOver(): void {
    const next = this.waiting.shift();
    if (next) setImmediate(next.wake);
    else this.locked = false;
  }
}

/**
 * Builds a subgraph's store from its synchronous SQLite statements: outside a transaction each
 * call waits for the connection (`run`); inside one, the body gets the same statements bound to
 * the open transaction.
 */
export function sqliteStore<S extends object>(connection: SqliteConnection<Record<string, unknown>>, statements: S): Store<S> {
  const outside = {} as Record<string, unknown>;
  const inside = {} as Record<string, unknown>;
  for (const [name, statement] of Object.entries(statements)) {
    const call = statement as (...args: unknown[]) => unknown;
    outside[name] = (...args: unknown[]) => connection.run(() => call(...args));
    // Already holding the connection: run now, answer a promise so the body's shape is the same on every engine.
    inside[name] = (...args: unknown[]) => {
      try {
        return Promise.resolve(call(...args));
      } catch (error) {
        return Promise.reject(error);
      }
    };
  }
  const tx = inside as Queries<S>;
  // Every body runs alone under the write lock: an isolation asked for is already given.
  const transaction = <T>(body: (tx: Queries<S>) => Promise<T>) => connection.transaction(() => body(tx));
  return { ...(outside as Queries<S>), transaction };
}

export interface OpenedStore<TSchema extends Record<string, unknown>> {
  connection: SqliteConnection<TSchema>;
  sqlite: SqliteDatabase;
  db: BetterSQLite3Database<TSchema>;
  close(): void;
}

/**
 * Opens a subgraph's SQLite file with the project's pragmas and applies its migrations.
 * WAL lets readers run beside the single writer; the busy timeout makes a second writer
 * wait instead of failing at once.
 */
export function openStore<TSchema extends Record<string, unknown>>(schema: TSchema, options: StoreOptions): OpenedStore<TSchema> {
  let sqlite: SqliteDatabase;
  try {
    if (options.path !== ':memory:') fs.mkdirSync(path.dirname(options.path), { recursive: true });
    sqlite = new Database(options.path);
    if (options.onStatement) instrumentStatements(sqlite, options.onStatement);
    // After the instrumentation, so the statements kept are the timed ones.
    reusePreparedStatements(sqlite);
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
    connection: new SqliteConnection(sqlite, db, options.onCommit, options.holdsValue === true && options.path !== ':memory:'),
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
export function instrumentStatements(sqlite: SqliteDatabase, onStatement: (sql: string, durationMs: number) => void): void {
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((source: string) => {
    const statement = prepare(source);
    // One wrapper per method and statement: a kept statement (see reusePreparedStatements) is run
    // many times, and a wrapper per property read would be garbage on every run.
    const wrappers = new Map<PropertyKey, (...args: unknown[]) => unknown>();
    const proxy: typeof statement = new Proxy(statement, {
      get(target, property) {
        // The statement itself as the receiver: its accessors (busy, reader) are native and refuse a proxy.
        const value = Reflect.get(target, property, target) as unknown;
        if (typeof value !== 'function') return value;
        let wrapper = wrappers.get(property);
        if (wrapper) return wrapper;
        const method = value as (...args: unknown[]) => unknown;
        // raw(), pluck() and the like return the statement itself: keep handing out the proxy.
        wrapper = !EXECUTING_METHODS.has(property as string)
          ? (...args: unknown[]) => {
              const result = method.apply(target, args);
              return result === target ? proxy : result;
            }
          : (...args: unknown[]) => {
              const started = performance.now();
              try {
                return method.apply(target, args);
              } finally {
                onStatement(source, performance.now() - started);
              }
            };
        wrappers.set(property, wrapper);
        return wrapper;
      },
    });
    return proxy;
  }) as typeof sqlite.prepare;
}

/**
 * Refuses a journal whose migrations are not dated in the order they run. Drizzle's migrator runs
 * the migrations dated after the newest one a store has applied, so one dated before its
 * predecessor is skipped on every store that already has the predecessor (drizzle-kit dates a
 * migration by the clock of the machine that made it).
 */
export function assertMigrationsInOrder(journalPath: string): void {
  const { entries } = JSON.parse(fs.readFileSync(journalPath, 'utf8')) as { entries: { tag: string; when: number }[] };
  for (let i = 1; i < entries.length; i++) {
    const [before, after] = [entries[i - 1]!, entries[i]!];
    if (after.when <= before.when) throw new StoreOpenError(`Migration ${after.tag} is dated no later than ${before.tag} in ${journalPath}: a store that has ${before.tag} would never run it`);
  }
}

/**
 * The drizzle-kit migrations folder of the package a module belongs to: the nearest `drizzle/`
 * (SQLite's; `drizzle-pg/` for Postgres') above it. The same code runs from `src/` in tests and
 * bundled into `dist/` at start.
 */
export function migrationsFolderFor(moduleUrl: string, folder: 'drizzle' | 'drizzle-pg' = 'drizzle'): string {
  let dir = path.dirname(new URL(moduleUrl).pathname);
  for (;;) {
    const candidate = path.join(dir, folder);
    const journal = path.join(candidate, 'meta', '_journal.json');
    if (fs.existsSync(journal)) {
      assertMigrationsInOrder(journal);
      return candidate;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new StoreOpenError(`No ${folder} migrations folder above ${moduleUrl}`);
    dir = parent;
  }
}

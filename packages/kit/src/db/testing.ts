/**
 * Contract suites: one suite of a store's statements run on both engines, SQLite in memory and a
 * throwaway Postgres (`pg-cluster.ts`), so a statement that answers differently on one engine is
 * caught by `npm test` without the whole end-to-end suite on Postgres.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startThrowawayCluster, type ThrowawayCluster } from '../pg-cluster.ts';
import type { Engine } from './engine.ts';
import { kitStatements } from './kit-statements.ts';
import type { KitTables } from './kit-tables.ts';
import type { EngineName } from './tables.ts';

export interface StoreOpeners<S> {
  sqlite: (path: string, options?: { onStatement?: (sql: string, durationMs: number) => void }) => S;
  postgres: (url: string) => Promise<S>;
}

/** Not statements: what every store has besides them. */
const LIFECYCLE = new Set(['transaction', 'close', 'isOpen', 'ping', 'nonces', 'engine', 'liveEvents', 'sqlite', 'pg', 'db']);

/** The kit's own statements, which the kit's tests and content's suite cover for every store. */
const KIT_STATEMENTS = new Set(Object.keys(kitStatements({ tables: {}, kept: (_key: string, make: () => unknown) => make() } as unknown as Engine<KitTables>)));

export interface PlanGuard {
  /**
   * Statements allowed to scan or sort a whole table, each with the reason (a recount of history
   * is one by nature). Every other statement must reach its rows through an index.
   */
  exceptions?: Record<string, string>;
}

/** What the SQLite suite saw: which statement ran which SQL. */
class StatementLog {
  readonly current = new AsyncLocalStorage<string>();
  readonly sqlByStatement = new Map<string, Set<string>>();
  readonly called = new Set<string>();

  onStatement = (text: string) => {
    if (/^\s*(begin|commit|rollback|savepoint|release|pragma)\b/i.test(text)) return;
    // Migrations and the like run outside any statement of the store.
    const name = this.current.getStore();
    if (!name) return;
    let texts = this.sqlByStatement.get(name);
    if (!texts) this.sqlByStatement.set(name, (texts = new Set()));
    texts.add(text);
  };

  /**
   * Notes the SQL a Postgres store sends, when it sends it (the statement running then is the one
   * that asked): through the pool outside a transaction, through the transaction's client inside one.
   */
  watchPool(pool: pg.Pool): void {
    const note = (query: unknown) => this.onStatement(typeof query === 'string' ? query : ((query as { text?: string } | undefined)?.text ?? ''));
    const poolQuery = pool.query.bind(pool) as (...args: unknown[]) => unknown;
    (pool as { query: unknown }).query = (...args: unknown[]) => {
      note(args[0]);
      return poolQuery(...args);
    };
    const connect = pool.connect.bind(pool) as (...args: unknown[]) => unknown;
    const watched = new WeakSet<object>();
    (pool as { connect: unknown }).connect = (...args: unknown[]) => {
      // With a callback it is the pool's own `query` taking a client: already noted above.
      if (args.length > 0) return connect(...args);
      return (connect() as Promise<pg.PoolClient>).then((client) => {
        if (!watched.has(client)) {
          watched.add(client);
          const clientQuery = client.query.bind(client) as (...args: unknown[]) => unknown;
          (client as { query: unknown }).query = (...args: unknown[]) => {
            if (typeof args.at(-1) !== 'function') note(args[0]);
            return clientQuery(...args);
          };
        }
        return client;
      });
    };
  }

  /** The store with every statement (its transactions' too) noting its name while it runs. */
  watch<S extends object>(store: S): S {
    const wrap = (target: object): object =>
      new Proxy(target, {
        get: (object, property, receiver) => {
          const value = Reflect.get(object, property, receiver) as unknown;
          if (typeof property !== 'string' || typeof value !== 'function' || LIFECYCLE.has(property)) {
            if (property === 'transaction' && typeof value === 'function') {
              return (body: (tx: object) => Promise<unknown>) => (value as (b: (tx: object) => Promise<unknown>) => Promise<unknown>).call(object, (tx) => body(wrap(tx)));
            }
            return value;
          }
          return (...args: unknown[]) => {
            this.called.add(property);
            return this.current.run(property, () => (value as (...a: unknown[]) => unknown).apply(object, args));
          };
        },
      });
    return wrap(store) as S;
  }
}

/**
 * A temporary sort. `RIGHT PART OF ORDER BY` and `LAST TERM(S) OF ORDER BY` sort only the rows that
 * tie on the index's columns, but a tie group can be a whole list (a creator's followers bulk-loaded at
 * one time, streams with equal viewers), and the page must read all of it before its first row: an
 * index that ends with the order's tiebreak makes the page a walk that stops at its size.
 */
const TEMP_SORT = /^USE TEMP B-TREE FOR (ORDER BY|RIGHT PART OF ORDER BY|LAST (TERM|\d+ TERMS) OF ORDER BY|GROUP BY|DISTINCT)/;

/** What in a SQLite query plan reads or sorts a whole table. */
export function wholeTableSteps(plan: { detail: string }[], tables: ReadonlySet<string>): string[] {
  return plan
    .map((step) => step.detail)
    .filter((detail) => {
      const scan = /^SCAN (\S+)(.*)$/.exec(detail);
      // A full-text table read for a MATCH (FTS5's plan names it `VIRTUAL TABLE INDEX n:M…`) reads its index, not its rows.
      if (scan) return tables.has(scan[1] as string) && !/USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY|VIRTUAL TABLE INDEX \d+:M/.test(scan[2] as string);
      return TEMP_SORT.test(detail);
    });
}

/** One throwaway server per test file, started by the first suite that needs it. */
let cluster: Promise<ThrowawayCluster> | null = null;
let databases = 0;

async function freshDatabase(): Promise<string> {
  const server = await (cluster ?? Promise.reject(new Error('No throwaway Postgres was started')));
  return server.createDatabase(`contract_${process.pid}_${++databases}`);
}

/**
 * Runs `suite` once per engine, each time on a store of its own, opened (and, with `seed`,
 * filled) before the suite's tests and closed after them. `store()` answers that store.
 */
export function describeOnEachEngine<S extends { close(): void | Promise<void> }>(
  title: string,
  open: StoreOpeners<S>,
  suite: (store: () => S, engine: EngineName) => void,
  options: { seed?: (store: S) => Promise<void>; plans?: PlanGuard } = {},
): void {
  // The cluster's stop is registered at the file's top level, where vitest allows hooks.
  if (!cluster) {
    let started: ThrowawayCluster | undefined;
    cluster = startThrowawayCluster().then((server) => (started = server));
    cluster.catch(() => undefined);
    afterAll(() => started?.stop());
  }
  describe.each(['sqlite', 'postgres'] as const)(`${title} (%s)`, (engine) => {
    let opened: S | undefined;
    let postgresUrl = '';
    const log = new StatementLog();
    beforeAll(async () => {
      if (engine === 'sqlite') opened = log.watch(open.sqlite(':memory:', { onStatement: log.onStatement }));
      else {
        postgresUrl = await freshDatabase();
        const store = await open.postgres(postgresUrl);
        if (options.plans) log.watchPool((store as unknown as { pg: { pool: pg.Pool } }).pg.pool);
        opened = options.plans ? log.watch(store) : store;
      }
      await options.seed?.(opened);
    }, 120_000);
    afterAll(async () => {
      await opened?.close();
    });
    suite(() => {
      if (!opened) throw new Error('The store is not open yet: use it inside a test or hook.');
      return opened;
    }, engine);
    const plans = options.plans;
    if (engine === 'sqlite' && plans) {
      // Last, after the suite: every statement has run, so its SQL is known.
      it('runs every statement of the store, each through an index: no full scan or sort of a table that grows', () => {
        const store = opened as unknown as Record<string, unknown> & { db: { $client: { prepare(sql: string): { all(...values: unknown[]): { detail: string }[] } } } };
        const statements = Object.keys(store).filter((name) => typeof store[name] === 'function' && !LIFECYCLE.has(name));
        expect(statements.filter((name) => !log.called.has(name) && !KIT_STATEMENTS.has(name)), 'statements the suite never ran').toEqual([]);
        const client = store.db.$client;
        const tables = new Set(client.prepare("select name from sqlite_master where type = 'table'").all().map((row) => (row as unknown as { name: string }).name));
        const exceptions = plans.exceptions ?? {};
        const found: string[] = [];
        for (const [name, texts] of log.sqlByStatement) {
          if (name in exceptions) continue;
          for (const text of texts) {
            const parameters = new Array((text.match(/\?/g) ?? []).length).fill(null);
            const steps = wholeTableSteps(client.prepare(`explain query plan ${text}`).all(...parameters), tables);
            if (steps.length > 0) found.push(`${name}: ${steps.join('; ')}\n    ${text}`);
          }
        }
        expect(found, 'statements that read or sort a whole table').toEqual([]);
      });
    }
    if (engine === 'postgres' && plans) {
      it('sorts no ties on Postgres: no Incremental Sort where an index could end with the tiebreak', async () => {
        const found = await incrementalSorts(postgresUrl, log.sqlByStatement, plans.exceptions ?? {});
        expect(found, 'statements whose index stops before the order ends').toEqual([]);
      });
    }
  });
}

/**
 * Statements whose Postgres plan sorts what an index almost orders (`Incremental Sort`: the rows
 * tied on the index's columns, which can be a whole list). Each is planned as a generic prepared
 * statement (its parameters unknown, as the pool's statements are) with scans and whole sorts
 * priced out, as a table of millions would price them, so the plan shows whether an index gives
 * the whole order. A statement whose parameters' types Postgres cannot infer alone is left to the
 * SQLite guard.
 */
async function incrementalSorts(url: string, sqlByStatement: ReadonlyMap<string, ReadonlySet<string>>, exceptions: Record<string, string>): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('set enable_seqscan = off; set enable_bitmapscan = off; set enable_sort = off; set plan_cache_mode = force_generic_plan');
    const found: string[] = [];
    for (const [name, texts] of sqlByStatement) {
      if (name in exceptions) continue;
      for (const text of texts) {
        const parameters = Math.max(0, ...[...text.matchAll(/\$(\d+)/g)].map((match) => Number(match[1])));
        try {
          await client.query(`prepare plan_guard as ${text}`);
        } catch {
          continue;
        }
        try {
          const args = parameters > 0 ? `(${new Array(parameters).fill('null').join(', ')})` : '';
          const [row] = (await client.query<{ 'QUERY PLAN': PgPlan[] }>(`explain (format json) execute plan_guard${args}`)).rows;
          const sorts = nodesOf(row!['QUERY PLAN'][0]!.Plan).filter((node) => node['Node Type'] === 'Incremental Sort');
          if (sorts.length > 0) found.push(`${name}: ${sorts.map((node) => `Incremental Sort by ${node['Sort Key']?.join(', ')} (presorted ${node['Presorted Key']?.join(', ')})`).join('; ')}\n    ${text}`);
        } finally {
          await client.query('deallocate plan_guard');
        }
      }
    }
    return found;
  } finally {
    await client.end();
  }
}

interface PgPlanNode {
  'Node Type': string;
  'Sort Key'?: string[];
  'Presorted Key'?: string[];
  Plans?: PgPlanNode[];
}
type PgPlan = { Plan: PgPlanNode };

function nodesOf(node: PgPlanNode): PgPlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(nodesOf)];
}

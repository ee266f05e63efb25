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

/** What in a SQLite query plan reads or sorts a whole table. */
function wholeTableSteps(plan: { detail: string }[], tables: ReadonlySet<string>): string[] {
  return plan
    .map((step) => step.detail)
    .filter((detail) => {
      const scan = /^SCAN (\S+)(.*)$/.exec(detail);
      // A full-text table read for a MATCH (FTS5's plan names it `VIRTUAL TABLE INDEX n:M…`) reads its index, not its rows.
      if (scan) return tables.has(scan[1] as string) && !/USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY|VIRTUAL TABLE INDEX \d+:M/.test(scan[2] as string);
      return /^USE TEMP B-TREE FOR (ORDER BY|GROUP BY|DISTINCT)/.test(detail);
    });
}

/** One throwaway server per test file, started by the first suite that needs it. */
let cluster: Promise<ThrowawayCluster> | null = null;
let databases = 0;

async function freshDatabase(): Promise<string> {
  const server = await (cluster ?? Promise.reject(new Error('No throwaway Postgres was started')));
  const name = `contract_${process.pid}_${++databases}`;
  const admin = new pg.Client({ connectionString: server.urlFor('postgres') });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  return server.urlFor(name);
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
    const log = new StatementLog();
    beforeAll(async () => {
      opened = engine === 'sqlite' ? log.watch(open.sqlite(':memory:', { onStatement: log.onStatement })) : await open.postgres(await freshDatabase());
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
  });
}

/**
 * Contract suites: one suite of a store's statements run on both engines, SQLite in memory and a
 * throwaway Postgres (`pg-cluster.ts`), so a statement that answers differently on one engine is
 * caught by `npm test` without the whole end-to-end suite on Postgres.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { startThrowawayCluster, type ThrowawayCluster } from '../pg-cluster.ts';
import type { EngineName } from './tables.ts';

export interface StoreOpeners<S> {
  sqlite: (path: string) => S;
  postgres: (url: string) => Promise<S>;
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
  options: { seed?: (store: S) => Promise<void> } = {},
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
    beforeAll(async () => {
      opened = engine === 'sqlite' ? open.sqlite(':memory:') : await open.postgres(await freshDatabase());
      await options.seed?.(opened);
    }, 120_000);
    afterAll(async () => {
      await opened?.close();
    });
    suite(() => {
      if (!opened) throw new Error('The store is not open yet: use it inside a test or hook.');
      return opened;
    }, engine);
  });
}

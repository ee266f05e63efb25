/**
 * The end-to-end suite on Postgres. `npm run test:postgres` starts a throwaway cluster, makes one
 * seeded template database per store (`prepareTemplates`), and runs the suite with
 * TEST_POSTGRES_URL set; then every graph a test starts gets fresh databases copied from the
 * templates (`CREATE DATABASE … TEMPLATE …`, a file copy: no migration or seed per test).
 * Without TEST_POSTGRES_URL the suite runs on SQLite, as `npm test` does.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPgGatewayStore } from '@app/gateway/src/db/open.ts';
import type { ThrowawayCluster } from '@app/kit/pg-cluster';
import { openUsersPgStore } from '@app/subgraph-users/src/db/store.ts';
import { seedUsersStore } from '@app/subgraph-users/src/db/seed.ts';
import { openContentPgStore } from '@app/subgraph-content/src/db/store.ts';
import { seedContentStore } from '@app/subgraph-content/src/db/seed.ts';
import { openGiftsPgStore } from '@app/subgraph-gifts/src/db/store.ts';
import { seedGiftsStore } from '@app/subgraph-gifts/src/db/seed.ts';
import { openCommercePgStore } from '@app/subgraph-commerce/src/db/store.ts';
import { seedCommerceStore } from '@app/subgraph-commerce/src/db/seed.ts';

/** The throwaway server's address (`postgres://postgres@127.0.0.1:<port>/`), when the suite runs on Postgres. */
export const testPostgresUrl: string | null = process.env.TEST_POSTGRES_URL || null;

/** How each store opens on Postgres; migrating and seeding a template is opening it once. */
export const PG_OPENERS = {
  users: openUsersPgStore,
  content: openContentPgStore,
  gifts: openGiftsPgStore,
  commerce: openCommercePgStore,
} as const;
export type PgSubgraph = keyof typeof PG_OPENERS;

/** How each store is filled with the seed world once opened (stores not listed seed as they open). */
export const SEEDS: Partial<Record<PgSubgraph, (store: any) => Promise<void>>> = {
  users: seedUsersStore,
  content: seedContentStore,
  gifts: seedGiftsStore,
  commerce: seedCommerceStore,
};
export const PG_SUBGRAPHS = Object.keys(PG_OPENERS) as PgSubgraph[];
/** Every database a graph needs on Postgres: the subgraphs' and the gateway's. */
export type PgStoreName = PgSubgraph | 'gateway';

const urlOf = (serverUrl: string, database: string) => new URL(database, serverUrl).toString();
const templateOf = (name: PgStoreName) => `${name}_template`;

async function admin<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: urlOf(serverUrl, 'postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates, migrates and seeds one template database per store on the run's cluster (once per run). */
export async function prepareTemplates(cluster: ThrowawayCluster): Promise<void> {
  for (const name of [...PG_SUBGRAPHS, 'gateway'] as PgStoreName[]) {
    const url = await cluster.createDatabase(templateOf(name));
    if (name === 'gateway') await (await openPgGatewayStore(url)).keys.close();
    else {
      const store = await PG_OPENERS[name](url);
      await SEEDS[name]?.(store);
      await store.close();
    }
  }
}

/**
 * Fresh databases for one graph, copied from the templates: `prefix_<name>` each, or reused when
 * they exist already (a restart on the same stores).
 */
export async function freshDatabases(serverUrl: string, names: readonly PgStoreName[], prefix = `g${randomBytes(5).toString('hex')}`): Promise<Record<PgStoreName, string>> {
  const urls = {} as Record<PgStoreName, string>;
  await admin(serverUrl, async (client) => {
    for (const name of names) {
      const database = `${prefix}_${name}`;
      const exists = await client.query('select 1 from pg_database where datname = $1', [database]);
      if (exists.rowCount === 0) await client.query(`create database ${database} template ${templateOf(name)}`);
      urls[name] = urlOf(serverUrl, database);
    }
  });
  return urls;
}

export async function dropDatabases(serverUrl: string, urls: Iterable<string>): Promise<void> {
  await admin(serverUrl, async (client) => {
    for (const url of urls) await client.query(`drop database if exists ${new URL(url).pathname.slice(1)} with (force)`);
  });
}

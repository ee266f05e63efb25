/**
 * Upgrading a store that holds orders from before returns and settlement (migrations 0004 and
 * 0005), and from before kept rows and search (0008 to 0011): the old rows keep their data and
 * get what the new rules need.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { getTableColumns, getTableName } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgTable } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startThrowawayCluster, type ThrowawayCluster } from '@app/kit/pg-cluster';
import { migrationsFolderFor } from '@app/kit/store';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { commerceSeedRows } from './seed.ts';
import { migrationsFolder, openCommercePgStore, openCommerceStore } from './store.ts';
import * as tables from './tables.ts';
import { commerceTables } from './tables.ts';

/**
 * An INSERT of `rows` naming only the columns the rows hold, as a store from before a later
 * migration takes them (the query builder would name every column today's table has), with
 * each value as its column hands it to the driver; `$n` placeholders on Postgres, `?` on SQLite.
 */
function insertOf(table: object, rows: readonly object[], engine: 'sqlite' | 'postgres'): { text: string; values: unknown[] } {
  const columns = getTableColumns(table as SQLiteTable) as Record<string, { name: string; mapToDriverValue(value: unknown): unknown }>;
  const keys = Object.keys(columns).filter((key) => rows.some((row) => (row as Record<string, unknown>)[key] !== undefined));
  const values: unknown[] = [];
  const tuples = rows.map(
    (row) =>
      `(${keys
        .map((key) => {
          const value = (row as Record<string, unknown>)[key];
          values.push(value == null ? null : columns[key]!.mapToDriverValue(value));
          return engine === 'postgres' ? `$${values.length}` : '?';
        })
        .join(', ')})`,
  );
  return { text: `insert into "${getTableName(table as SQLiteTable)}" (${keys.map((key) => `"${columns[key]!.name}"`).join(', ')}) values ${tuples.join(', ')}`, values };
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'commerce-migrations-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A copy of a migrations folder whose journal stops before the migration tagged `before` (or with it, `including`). */
function migrationsBefore(from: string, to: string, before: string, including = false): string {
  const folder = path.join(dir, to);
  cpSync(from, folder, { recursive: true });
  const journalPath = path.join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  journal.entries = journal.entries.slice(0, journal.entries.findIndex((entry) => entry.tag.endsWith(before)) + (including ? 1 : 0));
  writeFileSync(journalPath, JSON.stringify(journal));
  return folder;
}

/** A store migrated up to (not including) the migration tagged `before`. */
function storeBefore(file: string, before: string) {
  const sqlite = new Database(file);
  migrate(drizzle(sqlite), { migrationsFolder: migrationsBefore(migrationsFolder, `drizzle-${path.basename(file)}`, before) });
  return sqlite;
}

describe('migrating orders from before returns and settlement', () => {
  it('gives fulfilled orders a 30-day window, reverses cancelled orders in full, and leaves paid ones as they were', () => {
    const file = path.join(dir, 'commerce.db');
    const old = storeBefore(file, '_returns_and_payouts');
    const fulfilledAt = Date.UTC(2026, 0, 10);
    old.exec(`
      insert into brands (id, name, slug, description, platform, logo_url) values ('brd_old', 'Old', 'old', '', 'NATIVE', 'https://x');
      insert into products (id, brand_id, title, description, price_amount, commission_bps, image_url, created_at) values ('prd_old', 'brd_old', 'Old', '', 1000, 1000, 'https://x', 0);
      insert into orders (id, buyer_id, brand_id, status, currency, total_amount, commission_amount, creator_id, created_at, fulfilled_at, cancelled_at) values
        ('ord_shipped', 'usr_b', 'brd_old', 'FULFILLED', 'USD', 2000, 200, 'usr_c', 0, ${fulfilledAt}, null),
        ('ord_cancelled', 'usr_b', 'brd_old', 'CANCELLED', 'USD', 1000, 100, 'usr_c', 0, null, 5),
        ('ord_paid', 'usr_b', 'brd_old', 'PAID', 'USD', 1000, 100, 'usr_c', 0, null, null);
      insert into order_lines (order_id, position, product_id, title, quantity, unit_price_amount, total_amount, commission_bps, commission_amount, attributed) values
        ('ord_shipped', 0, 'prd_old', 'Old', 2, 1000, 2000, 1000, 200, 1),
        ('ord_cancelled', 0, 'prd_old', 'Old', 1, 1000, 1000, 1000, 100, 1),
        ('ord_paid', 0, 'prd_old', 'Old', 1, 1000, 1000, 1000, 100, 1);
    `);
    old.close();

    const store = openCommerceStore(file);
    try {
      const orders = store.sqlite.sqlite.prepare('select id, returns_until, cancelled_by from orders order by id').all();
      expect(orders).toEqual([
        { id: 'ord_cancelled', returns_until: null, cancelled_by: 'BUYER' },
        { id: 'ord_paid', returns_until: null, cancelled_by: null },
        { id: 'ord_shipped', returns_until: fulfilledAt + 30 * 86_400_000, cancelled_by: null },
      ]);
      const lines = store.sqlite.sqlite.prepare('select order_id, quantity, commission_amount, refunded_quantity, commission_reversed, payout_id from order_lines order by order_id').all();
      expect(lines).toEqual([
        { order_id: 'ord_cancelled', quantity: 1, commission_amount: 100, refunded_quantity: 0, commission_reversed: 100, payout_id: null },
        { order_id: 'ord_paid', quantity: 1, commission_amount: 100, refunded_quantity: 0, commission_reversed: 0, payout_id: null },
        { order_id: 'ord_shipped', quantity: 2, commission_amount: 200, refunded_quantity: 0, commission_reversed: 0, payout_id: null },
      ]);
    } finally {
      store.close();
    }
  });
});

describe('migrating a store with history to kept rows and search', () => {
  it('fills the kept sales, commission and best-seller rows from the orders already there, exactly as the writes keep them, and indexes its products for search', async () => {
    const file = path.join(dir, 'commerce-kept.db');
    const old = storeBefore(file, '_kept_rows_and_list_indexes');
    const world = commerceSeedRows();
    const put = <T extends SQLiteTable>(table: T, rows: readonly T['$inferInsert'][]) => {
      for (let i = 0; i < rows.length; i += 50) {
        const { text, values } = insertOf(table, rows.slice(i, i + 50), 'sqlite');
        old.prepare(text).run(...values);
      }
    };
    put(tables.brands, world.brands);
    put(tables.products, world.products);
    put(tables.affiliateLinks, world.affiliateLinks);
    put(tables.commissionPayouts, world.commissionPayouts);
    put(tables.orders, world.orders);
    put(tables.orderLines, world.orderLines);
    put(tables.orderReturns, world.orderReturns);
    put(tables.orderReturnLines, world.orderReturnLines);
    old.close();

    const store = openCommerceStore(file);
    try {
      expect(await store.keptCountDifferences()).toEqual([]);
      const count = (table: string) => (store.sqlite.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
      for (const table of ['sales_days', 'product_sales', 'affiliate_link_sales', 'creator_commission_totals', 'creator_commission_days', 'creator_commission_locks']) expect({ table, rows: count(table) > 0 }).toEqual({ table, rows: true });
      const product = world.products.find((row) => row.status === 'ACTIVE')!;
      const word = product.title.toLowerCase().match(/[a-z]{4,}/)![0];
      const hits = await store.searchProducts({ terms: [word], brandId: null, minPrice: null, maxPrice: null, inStock: null, topic: null, sort: 'RELEVANCE' }, { first: 100, after: null });
      expect(hits.map((hit) => hit.id)).toContain(product.id);
      // Every product and sales row holds its doc id (0023), which a sorted walk tests.
      expect(count('products where search_doc is null') + count('product_sales where search_doc is null')).toBe(0);
      expect(count('products')).toBe(world.products.length);
    } finally {
      store.close();
    }
  });
});

describe('migrating a Postgres store with history to kept rows and search', () => {
  let cluster: ThrowawayCluster | undefined;
  afterAll(() => cluster?.stop());

  /** A new, empty database on the suite's cluster (started by the first that asks), by its URL. */
  const freshDatabase = async (name: string): Promise<string> => {
    cluster ??= await startThrowawayCluster();
    return cluster.createDatabase(name);
  };

  it("fills the same kept rows from the same orders on Postgres, and keeps each product's search document on its row", async () => {
    const url = await freshDatabase('commerce_migrations');
    const pool = new pg.Pool({ connectionString: url });
    try {
      const db = drizzlePg(pool);
      await migratePg(db, { migrationsFolder: migrationsBefore(migrationsFolderFor(import.meta.url, 'drizzle-pg'), 'drizzle-pg-before', '_kept_rows_and_list_indexes') });
      const world = commerceSeedRows();
      // The Postgres half, typed as its SQLite twin by `defineTables`: here it is what it is.
      const t = commerceTables.postgres as unknown as Record<keyof typeof commerceTables.postgres, PgTable>;
      const put = async (table: PgTable, rows: readonly object[]) => {
        for (let i = 0; i < rows.length; i += 50) {
          const { text, values } = insertOf(table, rows.slice(i, i + 50), 'postgres');
          await pool.query(text, values);
        }
      };
      await put(t.brands, world.brands);
      await put(t.products, world.products);
      await put(t.affiliateLinks, world.affiliateLinks);
      await put(t.commissionPayouts, world.commissionPayouts);
      await put(t.orders, world.orders);
      await put(t.orderLines, world.orderLines);
      await put(t.orderReturns, world.orderReturns);
      await put(t.orderReturnLines, world.orderReturnLines);
    } finally {
      await pool.end();
    }
    const store = await openCommercePgStore(url);
    try {
      expect(await store.keptCountDifferences()).toEqual([]);
      const product = commerceSeedRows().products.find((row) => row.status === 'ACTIVE')!;
      const word = product.title.toLowerCase().match(/[a-z]{4,}/)![0];
      const hits = await store.searchProducts({ terms: [word], brandId: null, minPrice: null, maxPrice: null, inStock: null, topic: null, sort: 'RELEVANCE' }, { first: 100, after: null });
      expect(hits.map((hit) => hit.id)).toContain(product.id);
      // A brand's rename restates its products' documents (no statement renames one yet; the trigger does).
      await store.pg.pool.query(`update brands set name = 'Zzyzxbrand' where id = $1`, [product.brandId]);
      const renamed = await store.searchProducts({ terms: ['zzyzxbrand'], brandId: null, minPrice: null, maxPrice: null, inStock: null, topic: null, sort: 'NEWEST' }, { first: 100, after: null });
      expect(renamed.map((hit) => hit.id)).toContain(product.id);
      const bestSelling = await store.searchProducts({ terms: ['zzyzxbrand'], brandId: null, minPrice: null, maxPrice: null, inStock: null, topic: null, sort: 'BEST_SELLING' }, { first: 100, after: null });
      expect(bestSelling.map((hit) => hit.id)).toContain(product.id);
    } finally {
      await store.close();
    }
  }, 120_000);

  it('upgrades a store that stopped at 0019, and one migrated by the last release, whose 0020 was dated before 0019 (so a store at 0019 skipped it)', async () => {
    const folder = migrationsFolderFor(import.meta.url, 'drizzle-pg');
    // The journal as the last release shipped it: up to 0020, dated as drizzle-kit dated it.
    const shipped = migrationsBefore(folder, 'drizzle-pg-shipped', '_product_search_on_the_row', true);
    const journalPath = path.join(shipped, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string; when: number }[] };
    journal.entries.find((entry) => entry.tag.endsWith('_product_search_on_the_row'))!.when = 1796590356748;
    writeFileSync(journalPath, JSON.stringify(journal));
    const upTo0019 = migrationsBefore(folder, 'drizzle-pg-0019', '_product_search_on_the_row');
    const world = commerceSeedRows();
    const product = world.products.find((row) => row.status === 'ACTIVE')!;
    const brand = world.brands.find((row) => row.id === product.brandId)!;
    const word = product.title.toLowerCase().match(/[a-z]{4,}/)![0];
    for (const [name, migrationsFolder] of [
      ['commerce_shipped', shipped],
      ['commerce_at_0019', upTo0019],
    ] as const) {
      const url = await freshDatabase(name);
      const pool = new pg.Pool({ connectionString: url });
      try {
        await migratePg(drizzlePg(pool), { migrationsFolder });
        const t = commerceTables.postgres as unknown as Record<keyof typeof commerceTables.postgres, PgTable>;
        for (const [table, rows] of [
          [t.brands, [brand]],
          [t.products, [product]],
        ] as const) {
          const { text, values } = insertOf(table, rows, 'postgres');
          await pool.query(text, values);
        }
      } finally {
        await pool.end();
      }
      const store = await openCommercePgStore(url);
      try {
        for (const sort of ['RELEVANCE', 'NEWEST', 'PRICE_ASC', 'BEST_SELLING'] as const) {
          const hits = await store.searchProducts({ terms: [word], brandId: null, minPrice: null, maxPrice: null, inStock: null, topic: null, sort }, { first: 10, after: null });
          expect({ name, sort, ids: hits.map((hit) => hit.id) }).toEqual({ name, sort, ids: [product.id] });
        }
      } finally {
        await store.close();
      }
    }
  }, 120_000);
});

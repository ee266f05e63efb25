/**
 * Upgrading a store that holds orders from before returns and settlement (migrations 0004 and
 * 0005): the old rows keep their data and get what the new rules need.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterAll, describe, expect, it } from 'vitest';
import { migrationsFolder, openCommerceStore } from './store.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'commerce-migrations-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A store migrated up to (not including) the migration tagged `before`. */
function storeBefore(file: string, before: string) {
  const folder = path.join(dir, 'drizzle');
  cpSync(migrationsFolder, folder, { recursive: true });
  const journalPath = path.join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  journal.entries = journal.entries.slice(0, journal.entries.findIndex((entry) => entry.tag.endsWith(before)));
  writeFileSync(journalPath, JSON.stringify(journal));
  const sqlite = new Database(file);
  migrate(drizzle(sqlite), { migrationsFolder: folder });
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

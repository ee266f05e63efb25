import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sqliteEngine } from './db/engine.ts';
import { kitTables } from './db/kit-tables.ts';
import { NONCE_SWEEP_BATCH, nonceStatements, nonceStoreOf } from './db/kit-statements.ts';
import { defineTables } from './db/tables.ts';
import { LiveEventBus } from './live.ts';
import { SqliteConnection, sqliteStore } from './store.ts';

const tables = defineTables(kitTables);
import { SIGNATURE_TTL_MS } from './viewer.ts';

let dir: string;
const opened: Database.Database[] = [];
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'nonces-'));
});
afterEach(() => {
  for (const sqlite of opened.splice(0)) if (sqlite.open) sqlite.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * What a subgraph process does at start: opens its file and hands a nonce store over the
 * connection. The table is the one the subgraphs' migrations create from `usedNonces`.
 */
function openNonces(statements: string[] = []) {
  const sqlite = new Database(path.join(dir, 'store.db'), { verbose: (statement) => statements.push(String(statement)) });
  opened.push(sqlite);
  sqlite.pragma('journal_mode = WAL');
  const db = drizzle(sqlite);
  db.run(sql`create table if not exists used_nonces (nonce text primary key not null, expires_at integer not null)`);
  db.run(sql`create index if not exists used_nonces_expires on used_nonces (expires_at)`);
  const connection = new SqliteConnection(sqlite, db);
  const count = () => (sqlite.prepare('select count(*) as n from used_nonces').get() as { n: number }).n;
  const store = sqliteStore(connection, nonceStatements(sqliteEngine(connection, tables.sqlite, new LiveEventBus())));
  return { nonces: nonceStoreOf(store), connection, sqlite, count };
}

const T0 = Date.parse('2026-01-01T00:00:00Z');

describe('nonces kept in the SQLite store', () => {
  it('refuses a nonce accepted before a restart when offered to a store opened again over the same file', async () => {
    const first = openNonces();
    expect(await first.nonces.accept('captured', T0 + SIGNATURE_TTL_MS, T0)).toBe(true);
    expect(await first.nonces.accept('captured', T0 + SIGNATURE_TTL_MS, T0 + 100)).toBe(false);
    first.sqlite.close();

    const restarted = openNonces();
    expect(await restarted.nonces.accept('captured', T0 + SIGNATURE_TTL_MS, T0 + 2_400)).toBe(false);
    expect(await restarted.nonces.accept('another', T0 + 2_400 + SIGNATURE_TTL_MS, T0 + 2_400)).toBe(true);
  });

  it('accepts a nonce once when two stores are open over the same file at once', async () => {
    const stores = [openNonces(), openNonces()];
    const offers = await Promise.all(Array.from({ length: 6 }, (_, i) => stores[i % 2]!.nonces.accept('raced', T0 + SIGNATURE_TTL_MS, T0)));
    expect(offers.filter(Boolean)).toHaveLength(1);
  });

  it("keeps a nonce accepted while another request's transaction is open, even when that transaction rolls back", async () => {
    const { nonces, connection } = openNonces();
    let begun!: () => void;
    let release!: () => void;
    const open = new Promise<void>((resolve) => (begun = resolve));
    const held = new Promise<void>((resolve) => (release = resolve));
    const rolledBack = connection.transaction(async () => {
      begun();
      await held;
      throw new Error('rolled back');
    });
    await open;
    const accepted = nonces.accept('during', T0 + SIGNATURE_TTL_MS, T0);
    release();
    await expect(rolledBack).rejects.toThrow('rolled back');
    expect(await accepted).toBe(true);
    expect(await nonces.accept('during', T0 + SIGNATURE_TTL_MS, T0 + 1)).toBe(false);
  });

  it('prunes expired nonces in bounded batches, after which they no longer block', async () => {
    const { nonces, count } = openNonces();
    const expired = NONCE_SWEEP_BATCH + 100;
    for (let i = 0; i < expired; i++) expect(await nonces.accept(`old-${i}`, T0 + SIGNATURE_TTL_MS, T0)).toBe(true);
    expect(count()).toBe(expired);

    // Past their expiry: one accept sweeps one batch, the next the rest.
    const later = T0 + 2 * SIGNATURE_TTL_MS;
    expect(await nonces.accept('new-1', later + SIGNATURE_TTL_MS, later)).toBe(true);
    expect(count()).toBe(expired - NONCE_SWEEP_BATCH + 1);
    expect(await nonces.accept('new-2', later + SIGNATURE_TTL_MS, later + 1)).toBe(true);
    expect(count()).toBe(2);

    // Pruned, an old nonce is free again (a real request carrying it is refused as stale first).
    expect(await nonces.accept('old-0', later + 2 + SIGNATURE_TTL_MS, later + 2)).toBe(true);
    expect(await nonces.accept('new-1', later + SIGNATURE_TTL_MS, later + 3)).toBe(false);
  });

  it('finds expired nonces through the expiry index and each nonce by its key: no statement scans the table', async () => {
    const statements: string[] = [];
    const { nonces, sqlite } = openNonces(statements);
    statements.length = 0;
    await nonces.accept('a', T0 + SIGNATURE_TTL_MS, T0);
    await nonces.accept('a', T0 + SIGNATURE_TTL_MS, T0 + 1);
    const run = [...new Set(statements)];
    expect(run.some((statement) => /^delete from "used_nonces"/i.test(statement))).toBe(true);
    expect(run.some((statement) => /^insert into "used_nonces"/i.test(statement))).toBe(true);
    for (const statement of run) {
      const plan = (sqlite.prepare(`explain query plan ${statement}`).all() as { detail: string }[]).map((step) => step.detail);
      expect(plan.filter((detail) => /^SCAN /.test(detail)), `${statement}\n${plan.join('\n')}`).toEqual([]);
    }
  });
});

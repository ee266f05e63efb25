import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SIGNATURE_TTL_MS } from '../viewer.ts';
import { openSqliteStore, type StoreDefinition } from './open-store.ts';
import { kitStatements, type KitStatements } from './kit-statements.ts';
import { kitTables, type KitTables } from './kit-tables.ts';
import { nonceFileFor, openSqliteNonces } from './nonce-file.ts';
import { migrationsFor } from './table-migrations.ts';
import { defineTables } from './tables.ts';

const tables = defineTables(kitTables);
const migrations = await migrationsFor(tables);
afterAll(() => {
  for (const folder of Object.values(migrations)) rmSync(folder, { recursive: true, force: true });
});
/** A store that holds value, as gifts' and commerce's do: its own commits sync in full. */
const definition: StoreDefinition<KitTables, KitStatements> = { tables, statements: kitStatements, migrations, holdsValue: true, liveEvents: false };

const T0 = Date.parse('2026-01-01T00:00:00Z');
let dir: string;
const toClose: { close(): void }[] = [];
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'nonce-file-'));
});
afterEach(() => {
  for (const each of toClose.splice(0)) each.close();
  rmSync(dir, { recursive: true, force: true });
});
const open = (file = path.join(dir, 'gifts.db')) => {
  const store = openSqliteStore(definition, file);
  toClose.push(store);
  return store;
};
const usedIn = (file: string) => {
  const sqlite = new Database(file, { readonly: true });
  try {
    return (sqlite.prepare('select nonce from used_nonces order by nonce').all() as { nonce: string }[]).map((row) => row.nonce);
  } finally {
    sqlite.close();
  }
};

describe("a SQLite store's signature nonces, in a file of their own", () => {
  it("keeps them beside the store, not in the store's table, and refuses a nonce offered twice", async () => {
    const store = open();
    expect(await store.nonces.accept('once', T0 + SIGNATURE_TTL_MS, T0)).toBe(true);
    expect(await store.nonces.accept('once', T0 + SIGNATURE_TTL_MS, T0 + 1)).toBe(false);
    expect(existsSync(path.join(dir, 'gifts.db-nonces'))).toBe(true);
    expect(usedIn(path.join(dir, 'gifts.db-nonces'))).toEqual(['once']);
    expect(usedIn(path.join(dir, 'gifts.db'))).toEqual([]);
  });

  it('commits them without a sync while the store itself still syncs in full', () => {
    const store = open();
    expect(store.sqlite.sqlite.pragma('synchronous', { simple: true })).toBe(2); // FULL
    const nonces = openSqliteNonces(path.join(dir, 'other.db'));
    toClose.push(nonces);
    expect(nonces.sqlite.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(nonces.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('refuses, after a restart over the same files, a nonce accepted before it', async () => {
    const file = path.join(dir, 'gifts.db');
    const first = openSqliteStore(definition, file);
    expect(await first.nonces.accept('captured', T0 + SIGNATURE_TTL_MS, T0)).toBe(true);
    first.close();
    const restarted = open(file);
    expect(await restarted.nonces.accept('captured', T0 + SIGNATURE_TTL_MS, T0 + 2_000)).toBe(false);
    expect(await restarted.nonces.accept('fresh', T0 + 2_000 + SIGNATURE_TTL_MS, T0 + 2_000)).toBe(true);
  });

  it("accepts a nonce while one of the store's write transactions is open, without waiting for it", async () => {
    const store = open();
    let begun!: () => void;
    let release!: () => void;
    const open_ = new Promise<void>((resolve) => (begun = resolve));
    const held = new Promise<void>((resolve) => (release = resolve));
    const writing = store.transaction(async (tx) => {
      await tx.recordIdempotency({ scope: 'u', key: 'k', operation: 'op', requestHash: 'h', response: {}, createdAt: new Date(T0) });
      begun();
      await held;
    });
    await open_;
    // On the store's connection the accept would queue behind the transaction: still waiting when
    // the event loop next turns. In its own file it has answered by then.
    const accepted = Promise.resolve(store.nonces.accept('during', T0 + SIGNATURE_TTL_MS, T0)).then((ok) => ({ ok }));
    const first = await Promise.race([accepted, new Promise<'waiting'>((resolve) => setImmediate(() => resolve('waiting')))]);
    expect(first).toEqual({ ok: true });
    release();
    await writing;
  });

  it('keeps the nonces of a store in memory in memory', async () => {
    expect(nonceFileFor(':memory:')).toBe(':memory:');
    const store = open(':memory:');
    expect(await store.nonces.accept('m', T0 + SIGNATURE_TTL_MS, T0)).toBe(true);
    expect(await store.nonces.accept('m', T0 + SIGNATURE_TTL_MS, T0)).toBe(false);
  });

  it('finds each nonce by its key and expired ones through the expiry index: no statement scans', async () => {
    const seen: string[] = [];
    const nonces = openSqliteNonces(path.join(dir, 'plans.db'), { onStatement: (statement) => seen.push(statement) });
    toClose.push(nonces);
    await nonces.nonces.accept('a', T0 + SIGNATURE_TTL_MS, T0);
    await nonces.nonces.accept('a', T0 + SIGNATURE_TTL_MS, T0 + 1);
    const run = [...new Set(seen)];
    expect(run.some((statement) => /^delete from "used_nonces"/i.test(statement))).toBe(true);
    expect(run.some((statement) => /^insert into "used_nonces"/i.test(statement))).toBe(true);
    for (const statement of run) {
      const parameters = Array.from(statement.matchAll(/\?/g), () => 0);
      const plan = (nonces.sqlite.prepare(`explain query plan ${statement}`).all(...parameters) as { detail: string }[]).map((step) => step.detail);
      expect(plan.filter((detail) => /^SCAN /.test(detail)), `${statement}\n${plan.join('\n')}`).toEqual([]);
    }
  });
});

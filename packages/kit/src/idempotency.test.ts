import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { describe, expect, it } from 'vitest';
import { sqliteEngine } from './db/engine.ts';
import { kitTables } from './db/kit-tables.ts';
import { idempotencyStatements } from './db/kit-statements.ts';
import { defineTables } from './db/tables.ts';
import { idempotent } from './idempotency.ts';
import { LiveEventBus } from './live.ts';
import { SqliteConnection, sqliteStore } from './store.ts';

const tables = defineTables(kitTables);

function freshStore() {
  const sqlite = new Database(':memory:');
  const db = drizzle(sqlite);
  db.run(sql`create table idempotency_keys (scope text not null, key text not null, operation text not null, request_hash text not null, response text not null, created_at integer not null, primary key (scope, key))`);
  db.run(sql`create table counter (n integer not null)`);
  db.run(sql`insert into counter values (0)`);
  const counter = () => db.get<{ n: number }>(sql`select n from counter`).n;
  const connection = new SqliteConnection(sqlite, db);
  const store = sqliteStore(connection, {
    ...idempotencyStatements(sqliteEngine(connection, tables.sqlite, new LiveEventBus())),
    add: async (n: number) => {
      db.run(sql`update counter set n = n + ${n}`);
      return { n: counter() };
    },
  });
  return { store, counter };
}

describe('idempotent writes', () => {
  it('runs once per key and returns the first result to a retry', async () => {
    const { store, counter } = freshStore();
    const request = { scope: 'usr_1', key: 'key-00000001', operation: 'bump', input: { a: 1, b: [2] } };
    expect(await idempotent(store, request, (tx) => tx.add(1))).toEqual({ result: { n: 1 }, replayed: false });
    expect(await idempotent(store, { ...request, input: { b: [2], a: 1 } }, (tx) => tx.add(1))).toEqual({ result: { n: 1 }, replayed: true });
    expect(counter()).toBe(1);
  });

  it('refuses the same key with other input, scopes keys per viewer, and records nothing for a refused write', async () => {
    const { store, counter } = freshStore();
    const request = { scope: 'usr_1', key: 'key-00000002', operation: 'bump', input: { a: 1 } };
    await idempotent(store, request, (tx) => tx.add(1));
    await expect(idempotent(store, { ...request, input: { a: 2 } }, (tx) => tx.add(1))).rejects.toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED' }) }),
    );
    expect((await idempotent(store, { ...request, scope: 'usr_2' }, (tx) => tx.add(1))).replayed).toBe(false);
    const failing = { ...request, key: 'key-00000003' };
    await expect(
      idempotent(store, failing, async (tx) => {
        await tx.add(100);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(counter()).toBe(2);
    expect(await idempotent(store, failing, (tx) => tx.add(1))).toEqual({ result: { n: 3 }, replayed: false });
    await expect(idempotent(store, { ...request, key: 'short' }, (tx) => tx.add(1))).rejects.toThrow(/idempotencyKey/);
  });
});

describe('one SQLite connection shared by concurrent requests', () => {
  it('keeps a statement outside a transaction from reading what an open transaction has not committed', async () => {
    const { store, counter } = freshStore();
    let reads: number[] = [];
    const transaction = store.transaction(async (tx) => {
      await tx.add(10);
      // While this body awaits, another request reads: it must wait and see the committed value.
      await new Promise((resolve) => setTimeout(resolve, 20));
      await tx.add(5);
      throw new Error('rolled back');
    });
    const read = store.add(0).then((row) => {
      reads.push(row.n);
    });
    await expect(transaction).rejects.toThrow('rolled back');
    await read;
    expect(reads).toEqual([0]);
    expect(counter()).toBe(0);
    reads = [];
  });

  it('runs racing transactions one after another, in order, each seeing the one before', async () => {
    const { store } = freshStore();
    const seen = await Promise.all(
      Array.from({ length: 5 }, () =>
        store.transaction(async (tx) => {
          const before = (await tx.add(0)).n;
          await new Promise((resolve) => setImmediate(resolve));
          return { before, after: (await tx.add(1)).n };
        }),
      ),
    );
    expect(seen).toEqual([0, 1, 2, 3, 4].map((n) => ({ before: n, after: n + 1 })));
  });
});

describe('a transaction body that asks the store instead of its tx', () => {
  it('fails at once with a clear error rather than waiting for itself', async () => {
    const { store } = freshStore();
    await expect(store.transaction(async () => store.add(1))).rejects.toThrow(/outside its transaction/);
    // The connection is free again afterwards.
    expect(await store.add(1)).toEqual({ n: 1 });
  });
});

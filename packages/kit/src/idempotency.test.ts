import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { describe, expect, it } from 'vitest';
import { idempotencyKeys, idempotent } from './idempotency.ts';

function freshDb() {
  const db = drizzle(new Database(':memory:'), { schema: { idempotencyKeys } });
  db.run(sql`create table idempotency_keys (scope text not null, key text not null, operation text not null, request_hash text not null, response text not null, created_at integer not null, primary key (scope, key))`);
  db.run(sql`create table counter (n integer not null)`);
  db.run(sql`insert into counter values (0)`);
  return db;
}
const bump = (db: ReturnType<typeof freshDb>) => () => {
  db.run(sql`update counter set n = n + 1`);
  return { n: db.get<{ n: number }>(sql`select n from counter`).n };
};

describe('idempotent writes', () => {
  it('runs once per key and returns the first result to a retry', () => {
    const db = freshDb();
    const request = { scope: 'usr_1', key: 'key-00000001', operation: 'bump', input: { a: 1, b: [2] } };
    expect(idempotent(db, request, bump(db))).toEqual({ result: { n: 1 }, replayed: false });
    expect(idempotent(db, { ...request, input: { b: [2], a: 1 } }, bump(db))).toEqual({ result: { n: 1 }, replayed: true });
    expect(db.get<{ n: number }>(sql`select n from counter`).n).toBe(1);
  });

  it('refuses the same key with other input, scopes keys per viewer, and records nothing for a refused write', () => {
    const db = freshDb();
    const request = { scope: 'usr_1', key: 'key-00000002', operation: 'bump', input: { a: 1 } };
    idempotent(db, request, bump(db));
    expect(() => idempotent(db, { ...request, input: { a: 2 } }, bump(db))).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED' }) }));
    expect(idempotent(db, { ...request, scope: 'usr_2' }, bump(db)).replayed).toBe(false);
    const failing = { ...request, key: 'key-00000003' };
    expect(() =>
      idempotent(db, failing, () => {
        db.run(sql`update counter set n = n + 100`);
        throw new Error('refused');
      }),
    ).toThrow('refused');
    expect(db.get<{ n: number }>(sql`select n from counter`).n).toBe(2);
    expect(idempotent(db, failing, bump(db))).toEqual({ result: { n: 3 }, replayed: false });
    expect(() => idempotent(db, { ...request, key: 'short' }, bump(db))).toThrow(/idempotencyKey/);
  });
});

import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import { reusePreparedStatements } from './sqlite-statements.ts';

const things = sqliteTable('things', { id: text('id').primaryKey(), size: integer('size').notNull() });

function opened() {
  const sqlite = new Database(':memory:');
  let compiled = 0;
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((source: string) => {
    compiled++;
    return prepare(source);
  }) as typeof sqlite.prepare;
  reusePreparedStatements(sqlite, 3);
  sqlite.exec("create table things (id text primary key, size integer not null); insert into things values ('a', 1), ('b', 2), ('c', 3);");
  return { sqlite, db: drizzle(sqlite), compiled: () => compiled };
}

describe('prepared statements kept by their text', () => {
  it('compiles a statement once however often Drizzle runs it, with the same answers', () => {
    const { db, compiled } = opened();
    const before = compiled();
    for (let i = 0; i < 5; i++) expect(db.select().from(things).where(sql`${things.size} > ${1}`).all()).toEqual([{ id: 'b', size: 2 }, { id: 'c', size: 3 }]);
    expect(compiled() - before).toBe(1);
  });

  it('hands a reused statement out in plain-row mode, whatever the last run asked of it', () => {
    const { sqlite } = opened();
    expect(sqlite.prepare('select id from things order by id').raw().all()).toEqual([['a'], ['b'], ['c']]);
    expect(sqlite.prepare('select id from things order by id').all()).toEqual([{ id: 'a' }, { id: 'b' }, { id: 'c' }]);
    expect(sqlite.prepare('select id from things order by id').pluck().all()).toEqual(['a', 'b', 'c']);
    expect(sqlite.prepare('select id from things order by id').get()).toEqual({ id: 'a' });
  });

  it('never hands out a statement still iterating, and keeps at most its bound', () => {
    const { sqlite, compiled } = opened();
    const iterating = sqlite.prepare('select id from things order by id').iterate();
    iterating.next();
    expect(sqlite.prepare('select id from things order by id').all()).toHaveLength(3);
    iterating.return?.();
    const before = compiled();
    for (const size of [1, 2, 3, 4]) sqlite.prepare(`select id from things where size = ${size}`).all();
    // Four texts through three places: the first was dropped and is compiled again.
    sqlite.prepare('select id from things where size = 1').all();
    expect(compiled() - before).toBe(5);
  });
});

/** The SQLite connection's turns: one holder's work is the most any one task of the event loop does. */
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { expect, it } from 'vitest';
import { SqliteConnection } from './store.ts';

function connection() {
  const sqlite = new Database(':memory:');
  sqlite.exec('create table things (id text primary key)');
  return new SqliteConnection(sqlite, drizzle(sqlite));
}

it('lets the event loop run between two transactions waiting for the connection: other work queued in the first runs before the second begins', async () => {
  const connected = connection();
  const order: string[] = [];
  const first = connected.transaction(async () => {
    // A timer, a socket's data, another request: whatever is due when this transaction ends.
    setImmediate(() => order.push('other work'));
    connected.sqlite.exec("insert into things values ('a')");
    order.push('first');
  });
  const second = connected.transaction(async () => {
    order.push('second');
  });
  const read = connected.run(() => order.push('a read'));
  await Promise.all([first, second, read]);
  expect(order).toEqual(['first', 'other work', 'second', 'a read']);
});

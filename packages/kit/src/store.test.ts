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

/** Five transactions in line behind a first that is still running, each inserting its row. */
function queueOfTransactions(connected: ReturnType<typeof connection>, failing: number | null = null) {
  const answered: string[] = [];
  const hooks: string[] = [];
  const bodies = ['a', 'b', 'c', 'd', 'e'].map((id, i) =>
    connected
      .transaction(async () => {
        connected.sqlite.prepare('insert into things values (?)').run(id);
        connected.afterCommit(() => hooks.push(id));
        if (i === failing) throw new Error(`refused ${id}`);
        return id;
      })
      .then(
        (value) => {
          // Answered only once the row is committed: no transaction is open any more.
          answered.push(`${value}${connected.sqlite.inTransaction ? ' (uncommitted!)' : ''}`);
          return value;
        },
        (error: Error) => {
          answered.push(error.message);
          return null;
        },
      ),
  );
  return { answered, hooks, done: Promise.all(bodies) };
}

it('commits the transactions waiting in line together, answering each only once all are committed', async () => {
  const connected = connection();
  const { answered, hooks, done } = queueOfTransactions(connected);
  await done;
  expect(answered).toEqual(['a', 'b', 'c', 'd', 'e']);
  expect(hooks).toEqual(['a', 'b', 'c', 'd', 'e']);
  expect(connected.commits).toEqual({ commits: 1, bodies: 5 });
  expect(connected.sqlite.prepare('select count(*) as n from things').get()).toEqual({ n: 5 });
});

it('rolls back only the body that threw; the others in its group commit', async () => {
  const connected = connection();
  const { answered, hooks, done } = queueOfTransactions(connected, 2);
  await done;
  expect(answered).toEqual(['refused c', 'a', 'b', 'd', 'e']);
  expect(hooks).toEqual(['a', 'b', 'd', 'e']);
  expect((connected.sqlite.prepare('select id from things order by id').all() as { id: string }[]).map((row) => row.id)).toEqual(['a', 'b', 'd', 'e']);
});

it('counts no commit for a group whose every body threw', async () => {
  const connected = connection();
  await expect(connected.transaction(async () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
  expect(connected.commits).toEqual({ commits: 0, bodies: 0 });
  expect(connected.sqlite.inTransaction).toBe(false);
});

it('fails every body of a group whose commit fails, and keeps none of their rows', async () => {
  const connected = connection();
  connected.sqlite.exec('create table parents (id text primary key); create table children (id text primary key, parent text references parents (id) deferrable initially deferred)');
  connected.sqlite.pragma('foreign_keys = ON');
  const first = connected.transaction(async () => connected.sqlite.exec("insert into parents values ('p')"));
  const orphan = connected.transaction(async () => connected.sqlite.exec("insert into children values ('c', 'nobody')"));
  const outcomes = await Promise.allSettled([first, orphan]);
  expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
  expect(connected.sqlite.inTransaction).toBe(false);
  expect(connected.sqlite.prepare('select count(*) as n from parents').get()).toEqual({ n: 0 });
});

it('lets a lone statement in line read only after the group before it has committed', async () => {
  const connected = connection();
  const { done } = queueOfTransactions(connected);
  const read = connected.run(() => ({ inTransaction: connected.sqlite.inTransaction, rows: connected.sqlite.prepare('select count(*) as n from things').get() }));
  const later = connected.transaction(async () => connected.sqlite.exec("insert into things values ('f')"));
  await Promise.all([done, later]);
  expect(await read).toEqual({ inTransaction: false, rows: { n: 5 } });
  expect(connected.commits).toEqual({ commits: 2, bodies: 6 });
});

it('where a commit syncs, waits one turn for a transaction that arrives meanwhile to share it', async () => {
  const sqlite = new Database(':memory:');
  sqlite.exec('create table things (id text primary key)');
  const lingering = new SqliteConnection(sqlite, drizzle(sqlite), undefined, true);
  const first = lingering.transaction(async () => sqlite.exec("insert into things values ('a')"));
  // A request whose data came in while the first body ran: it asks on the next turn.
  const second = new Promise((resolve) => setImmediate(() => resolve(lingering.transaction(async () => sqlite.exec("insert into things values ('b')")))));
  await Promise.all([first, second]);
  expect(lingering.commits).toEqual({ commits: 1, bodies: 2 });
  // Alone, it commits after that one turn.
  await lingering.transaction(async () => sqlite.exec("insert into things values ('c')"));
  expect(lingering.commits).toEqual({ commits: 2, bodies: 3 });
});

import { rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idempotent } from './idempotency.ts';
import { LiveEventBus } from './live.ts';
import { listenForLiveEvents } from './live-pg.ts';
import { keeper, pgEngine } from './db/engine.ts';
import { openPgStore, type StoreDefinition } from './db/open-store.ts';
import { migrationsFor } from './db/table-migrations.ts';
import { kitTables, type KitTables } from './db/kit-tables.ts';
import { idempotencyStatements, kitStatements, liveEventStatements, nonceStatements, nonceStoreOf, type KitStatements } from './db/kit-statements.ts';
import { defineTables } from './db/tables.ts';
import { PgConnection, pgStore, TRANSACTION_ATTEMPTS, WRITE_CONTENDED, type PgDb } from './pg.ts';
import { startThrowawayCluster, type ThrowawayCluster } from './pg-cluster.ts';
import { StoreMisuseError } from './store.ts';

/** A real server, started for this file and removed after it. */
let cluster: ThrowawayCluster;
let databases = 0;

async function freshDatabase(): Promise<string> {
  const url = await cluster.createDatabase(`kit_${++databases}`);
  const setup = new pg.Client({ connectionString: url });
  await setup.connect();
  await setup.query(`
    create table idempotency_keys (scope text not null, key text not null, operation text not null, request_hash text not null, response jsonb not null, created_at timestamp(3) not null, primary key (scope, key));
    create table accounts (id text primary key, balance integer not null);
    create table live_events (topic text not null, seq integer not null, kind text not null, payload jsonb not null, created_at timestamp(3) not null, primary key (topic, seq));
    create table live_event_topics (topic text primary key, last_seq integer not null, pruned_through integer not null default 0);
    create table used_nonces (nonce text primary key, expires_at timestamp(3) not null);
    insert into accounts values ('a', 10);`);
  await setup.end();
  return url;
}

/** What a subgraph's statements look like: the kit's, and a read and a write of its own. */
const tables = defineTables(kitTables).postgres;
const kept = keeper();
function statements(db: PgDb) {
  const engine = pgEngine(db, tables, kept);
  return {
    ...idempotencyStatements(engine),
    ...liveEventStatements(engine, { maxAgeMs: 60_000, maxEvents: 1_000 }),
    balance: async (id: string): Promise<number> => {
      const result = await db.execute<{ balance: number }>(sql`select balance from accounts where id = ${id}`);
      return (result.rows[0] as { balance: number }).balance;
    },
    setBalance: async (id: string, balance: number): Promise<void> => {
      await db.execute(sql`update accounts set balance = ${balance} where id = ${id}`);
    },
  };
}
/** A replica's nonces: the kit's nonce statements on its pool. */
const nonceStoresOn = (connection: PgConnection) => nonceStoreOf(pgStore(connection, (db) => nonceStatements(pgEngine(db, tables, keeper()))));
const storeOn = (connection: PgConnection) => pgStore(connection, statements);

beforeAll(async () => {
  cluster = await startThrowawayCluster({ maxConnections: 100 });
}, 60_000);
afterAll(() => cluster?.stop());

describe('the Postgres store', () => {
  it('keeps a read-then-write invariant when two processes race: twenty withdrawals of 1 from 10 leave 0, never below', async () => {
    const url = await freshDatabase();
    // Two pools: as far as the server can tell, two processes.
    let reported = 0;
    const connections = [new PgConnection({ url, onRetry: () => reported++ }), new PgConnection({ url, onRetry: () => reported++ })];
    const stores = connections.map(storeOn);
    try {
      // Read, decide, write: correct only if no other withdrawal runs between the read and the write.
      const withdraw = (i: number) =>
        (stores[i % 2] as ReturnType<typeof storeOn>).transaction(async (tx) => {
          const balance = await tx.balance('a');
          if (balance < 1) return false;
          await tx.setBalance('a', balance - 1);
          return true;
        });
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => withdraw(i)));
      expect(results.filter(Boolean)).toHaveLength(10);
      expect(await stores[0]!.balance('a')).toBe(0);
      // They did collide: the server refused to order some, and those ran again.
      expect(connections[0]!.retries + connections[1]!.retries).toBeGreaterThan(0);
      // Each one reported as it happened (the subgraph's `sql_transaction_retries_total`).
      expect(reported).toBe(connections[0]!.retries + connections[1]!.retries);
    } finally {
      await Promise.all(connections.map((connection) => connection.close()));
    }
  });

  it('rolls back a body that throws, and refuses a body that asks the store instead of its tx', async () => {
    const url = await freshDatabase();
    const connection = new PgConnection({ url });
    const store = storeOn(connection);
    try {
      await expect(
        store.transaction(async (tx) => {
          await tx.setBalance('a', 99);
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      expect(await store.balance('a')).toBe(10);
      await expect(store.transaction(() => store.balance('a'))).rejects.toBeInstanceOf(StoreMisuseError);
    } finally {
      await connection.close();
    }
  });

  it('runs an idempotent write once when the same key races in two processes', async () => {
    const url = await freshDatabase();
    const connections = [new PgConnection({ url }), new PgConnection({ url })];
    const stores = connections.map(storeOn);
    try {
      const request = { scope: 'usr_1', key: 'key-00000001', operation: 'withdraw', input: { amount: 3 } };
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          idempotent(stores[i % 2]!, request, async (tx) => {
            const balance = await tx.balance('a');
            await tx.setBalance('a', balance - 3);
            return { balance: balance - 3 };
          }),
        ),
      );
      expect(results.filter((result) => !result.replayed)).toHaveLength(1);
      expect(results.every((result) => (result.result as { balance: number }).balance === 7)).toBe(true);
      expect(await stores[0]!.balance('a')).toBe(7);
    } finally {
      await Promise.all(connections.map((connection) => connection.close()));
    }
  });

  it('at READ COMMITTED, orders bodies that first take a topic’s number by that row: twenty read-then-write withdrawals across two processes leave 0, none run again, the same key still runs once', async () => {
    const url = await freshDatabase();
    const connections = [new PgConnection({ url }), new PgConnection({ url })];
    const stores = connections.map(storeOn);
    try {
      // The read comes after the counter's update, so each body sees the one before it committed.
      const withdraw = (i: number) =>
        (stores[i % 2] as ReturnType<typeof storeOn>).transaction(
          async (tx) => {
            await tx.nextLiveEventSeq('account-a');
            const balance = await tx.balance('a');
            if (balance < 1) return false;
            await tx.setBalance('a', balance - 1);
            return true;
          },
          { isolation: 'readCommitted' },
        );
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => withdraw(i)));
      expect(results.filter(Boolean)).toHaveLength(10);
      expect(await stores[0]!.balance('a')).toBe(0);
      expect(connections[0]!.retries + connections[1]!.retries).toBe(0);
      expect((await stores[0]!.liveEventTopic('account-a')).lastSeq).toBe(20);

      // Six requests with one key, split over both processes, each withdrawing 3 unless the balance is short.
      const sameKeyRace = (key: string) => {
        const request = { scope: 'usr_1', key, operation: 'withdraw', input: { amount: 3 } };
        return Promise.all(
          Array.from({ length: 6 }, (_, i) =>
            idempotent(
              stores[i % 2]!,
              request,
              async (tx) => {
                await tx.nextLiveEventSeq('account-a');
                const balance = await tx.balance('a');
                if (balance < 3) throw new Error('refused: the balance does not cover it');
                await tx.setBalance('a', balance - 3);
                return { balance: balance - 3 };
              },
              { isolation: 'readCommitted' },
            ),
          ),
        );
      };

      // One key racing: the later record does nothing, its attempt is rolled back and replays the first.
      await stores[0]!.setBalance('a', 10);
      const replies = await sameKeyRace('key-00000002');
      expect(replies.filter((reply) => !reply.replayed)).toHaveLength(1);
      expect(replies.every((reply) => (reply.result as { balance: number }).balance === 7)).toBe(true);
      expect(await stores[0]!.balance('a')).toBe(7);

      // The same when the balance covers one: a request that finds it spent by its own first
      // attempt's twin replays that one instead of refusing.
      await stores[0]!.setBalance('a', 3);
      const answers = await sameKeyRace('key-00000003');
      expect(answers.filter((reply) => !reply.replayed)).toHaveLength(1);
      expect(answers.every((reply) => (reply.result as { balance: number }).balance === 0)).toBe(true);
    } finally {
      await Promise.all(connections.map((connection) => connection.close()));
    }
  });

  it('lets the transactions of one line hold at most two pooled connections while they wait for a row, so other statements still get one', async () => {
    const url = await freshDatabase();
    const connection = new PgConnection({ url, poolSize: 4, connectTimeoutMs: 2_000 });
    const store = storeOn(connection);
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    // Inside the holder's transaction the activity view keeps its first read: cleared before each.
    const waitingForTheRow = async () => {
      await holder.query('select pg_stat_clear_snapshot()');
      return Number((await holder.query(`select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`)).rows[0].n);
    };
    try {
      // Another process holds the row every body below first updates (a hot stream's counter).
      await holder.query('begin');
      await holder.query(`select * from accounts where id = 'a' for update`);
      const bodies = Array.from({ length: 8 }, (_, i) =>
        store.transaction(
          async (tx) => {
            await tx.setBalance('a', i);
            return i;
          },
          { isolation: 'readCommitted', line: 'account-a' },
        ),
      );
      for (let tries = 0; (await waitingForTheRow()) < 2 && tries < 100; tries++) await sleep(20);
      expect(await waitingForTheRow()).toBe(2);
      // Without the line all four connections would wait there, and this read would wait 2 s for
      // one and fail.
      expect(await store.balance('a')).toBe(10);
      await sleep(100);
      expect(await waitingForTheRow()).toBe(2);

      await holder.query('commit');
      expect((await Promise.all(bodies)).sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      expect(connection.retries).toBe(0);
    } finally {
      await holder.end();
      await connection.close();
    }
  });

  it('numbers a topic’s events in commit order across processes and wakes listeners in every process only on commit', async () => {
    const url = await freshDatabase();
    const connections = [new PgConnection({ url }), new PgConnection({ url })];
    const stores = connections.map(storeOn);
    const buses = [new LiveEventBus(), new LiveEventBus()];
    const listeners = buses.map((bus) => listenForLiveEvents(url, bus));
    try {
      await Promise.all(listeners.map((listener) => listener.ready));
      const woken = [0, 0];
      buses.forEach((bus, i) => bus.listen('stream-1', () => (woken[i] = (woken[i] ?? 0) + 1)));
      const appended = await Promise.all(
        Array.from({ length: 12 }, (_, i) => stores[i % 2]!.transaction((tx) => tx.appendLiveEvent('stream-1', 'GIFT', { i }, new Date()))),
      );
      expect(appended.map((event) => event.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
      const stored = await stores[1]!.liveEventsAfter('stream-1', 0, 100);
      expect(stored.map((event) => event.seq)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
      expect(stored.map((event) => (event.payload as { i: number }).i).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i));
      // One notification per committed transaction, to each listening process.
      await expect.poll(() => woken[0], { timeout: 5_000 }).toBe(12);
      await expect.poll(() => woken[1], { timeout: 5_000 }).toBe(12);

      // A rolled-back append leaves no event, no number and no wake-up.
      const before = [...woken];
      await expect(
        stores[0]!.transaction(async (tx) => {
          await tx.appendLiveEvent('stream-1', 'GIFT', { i: 99 }, new Date());
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      await stores[1]!.transaction((tx) => tx.appendLiveEvent('stream-2', 'GIFT', {}, new Date()));
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(woken).toEqual(before);
      expect(await stores[0]!.liveEventTopic('stream-1')).toEqual({ lastSeq: 12, prunedThrough: 0 });
    } finally {
      await Promise.all(listeners.map((listener) => listener.close()));
      await Promise.all(connections.map((connection) => connection.close()));
    }
  });

  it('counts the statements a request runs, not the transaction control around them', async () => {
    const url = await freshDatabase();
    const seen: string[] = [];
    const connection = new PgConnection({ url, onStatement: (text) => seen.push(text) });
    const store = storeOn(connection);
    try {
      await store.balance('a');
      await store.transaction(async (tx) => tx.setBalance('a', (await tx.balance('a')) + 1));
      expect(seen).toHaveLength(3);
      expect(seen.some((text) => /^\s*(begin|commit)/i.test(text))).toBe(false);
    } finally {
      await connection.close();
    }
  });

  it('shares used signature nonces between replicas and across a restart, and forgets them once expired', async () => {
    const url = await freshDatabase();
    const first = new PgConnection({ url });
    const second = new PgConnection({ url });
    const now = Date.now();
    try {
      const replicas = [nonceStoresOn(first), nonceStoresOn(second)];
      const offers = await Promise.all(Array.from({ length: 6 }, (_, i) => replicas[i % 2]!.accept('nonce-a', now + 30_000, now)));
      expect(offers.filter(Boolean)).toHaveLength(1);
      await first.close();
      const restarted = nonceStoresOn(second);
      expect(await restarted.accept('nonce-a', now + 30_000, now + 1_000)).toBe(false);
      expect(await restarted.accept('nonce-b', now + 30_000, now + 1_000)).toBe(true);
      // A sweep after expiry drops the row (a stale signature is refused before the store is asked).
      await nonceStoresOn(second).accept('nonce-c', now + 90_000, now + 60_000);
      const left = await second.db.execute<{ nonce: string }>(sql`select nonce from used_nonces order by nonce`);
      expect(left.rows.map((row) => row.nonce)).toEqual(['nonce-c']);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('starts a pool with the settings it is given, over the database default, and only that pool', async () => {
    const url = await freshDatabase();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`alter database ${new URL(url).pathname.slice(1)} set synchronous_commit = on`);
    await admin.end();
    const relaxed = new PgConnection({ url, settings: { synchronous_commit: 'off' } });
    const plain = new PgConnection({ url });
    try {
      const setting = async (connection: PgConnection) => (await connection.pool.query<{ s: string }>(`select current_setting('synchronous_commit') as s`)).rows[0]!.s;
      expect(await setting(relaxed)).toBe('off');
      expect(await setting(plain)).toBe('on');
    } finally {
      await relaxed.close();
      await plain.close();
    }
  });

  it("keeps an opened store's nonces in its table, shared by two stores over the database and across a restart, and plans without parallel workers", async () => {
    const url = await cluster.createDatabase('kit_nonce_store');
    const definition: StoreDefinition<KitTables, KitStatements> = { tables: defineTables(kitTables), statements: kitStatements, migrations: await migrationsFor(defineTables(kitTables)), liveEvents: false };
    const first = await openPgStore(definition, url);
    let second = await openPgStore(definition, url);
    const now = Date.now();
    try {
      const offers = await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? first : second).nonces.accept('opened-a', now + 30_000, now)));
      expect(offers.filter(Boolean)).toHaveLength(1);
      await second.close();
      second = await openPgStore(definition, url);
      expect(await second.nonces.accept('opened-a', now + 30_000, now + 1_000)).toBe(false);
      expect(await second.nonces.accept('opened-b', now + 30_000, now + 1_000)).toBe(true);
      // The store's own statements see them: one table.
      expect(await second.acceptNonce('opened-b', now + 30_000, now + 1_000)).toBe(false);
      // Its statements are planned without parallel workers (a page never waits for processes to start).
      expect((await second.pg.pool.query<{ s: string }>(`select current_setting('max_parallel_workers_per_gather') as s`)).rows[0]!.s).toBe('0');
    } finally {
      await first.close();
      await second.close();
      for (const folder of Object.values(definition.migrations)) rmSync(folder, { recursive: true, force: true });
    }
  });

  it('runs a body again after a serialization failure or deadlock, and after too many tells the caller WRITE_CONTENDED with nothing written', async () => {
    const url = await freshDatabase();
    const connection = new PgConnection({ url });
    const store = storeOn(connection);
    const failure = (code: string) => Object.assign(new Error('could not serialize access'), { code });
    try {
      let attempts = 0;
      const settled = await store.transaction(async (tx) => {
        attempts++;
        await tx.setBalance('a', 10 + attempts);
        if (attempts < 3) throw failure(attempts === 1 ? '40001' : '40P01');
        return attempts;
      });
      expect(settled).toBe(3);
      expect(await store.balance('a')).toBe(13);

      attempts = 0;
      const refused = store.transaction(async (tx) => {
        attempts++;
        await tx.setBalance('a', 0);
        throw failure('40001');
      });
      await expect(refused).rejects.toMatchObject({ extensions: { code: WRITE_CONTENDED } });
      expect(attempts).toBe(TRANSACTION_ATTEMPTS);
      expect(await store.balance('a')).toBe(13);

      // Any other failure is the caller's at once.
      attempts = 0;
      await expect(
        store.transaction(async () => {
          attempts++;
          throw failure('23505');
        }),
      ).rejects.toThrow('could not serialize');
      expect(attempts).toBe(1);
    } finally {
      await connection.close();
    }
  }, 30_000);
});

import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphQLHandler, listen, type RunningHttpServer } from './http.ts';
import { sqliteEngine } from './db/engine.ts';
import { kitTables } from './db/kit-tables.ts';
import { liveEventStatements } from './db/kit-statements.ts';
import { defineTables } from './db/tables.ts';
import { LiveEventBus, liveSubscription, parseEventId, type LiveEvent } from './live.ts';
import { createLogger } from './log.ts';
import { subscribeSigned, subscriptionServer, type SubscriptionServer } from './sse.ts';
import { SqliteConnection, sqliteStore } from './store.ts';
import { anonymousViewer, NonceGuard, verifyViewer } from './viewer.ts';
import { ApolloServer } from '@apollo/server';

const SECRET = 'live-test-secret-0123456789abcdef0123456789';

function outbox(retention = { maxAgeMs: 600_000, maxEvents: 10_000 }) {
  const sqlite = new Database(':memory:');
  const db = drizzle(sqlite);
  db.run(sql`create table live_events (topic text not null, seq integer not null, kind text not null, payload text not null, created_at integer not null, primary key (topic, seq))`);
  db.run(sql`create table live_event_topics (topic text primary key, last_seq integer not null, pruned_through integer not null default 0)`);
  const bus = new LiveEventBus();
  const connection = new SqliteConnection(sqlite, db);
  const store = sqliteStore(connection, liveEventStatements(sqliteEngine(connection, defineTables(kitTables).sqlite, bus), retention));
  return { store, bus };
}

/** Waits (up to 3 s) for a condition the test cannot await directly, such as a subscription being open. */
async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 3_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Takes `count` events from a stream, or fails after a second. */
async function take(stream: AsyncIterator<LiveEvent>, count: number): Promise<LiveEvent[]> {
  const taken: LiveEvent[] = [];
  while (taken.length < count) {
    const step = await Promise.race([stream.next(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`only ${taken.length} of ${count} events arrived`)), 1_000))]);
    if (step.done) break;
    taken.push(step.value);
  }
  return taken;
}

describe('the LIVE outbox', () => {
  it('numbers a topic’s events in commit order and publishes only what committed', async () => {
    const { store, bus } = outbox();
    const loaders = {};
    const stream = await liveSubscription({ loaders }, { store, bus, topic: 'lst_1', after: null });
    const first = stream.next();
    await store.transaction(async (tx) => {
      await tx.appendLiveEvent('lst_1', 'GIFT', { n: 1 }, new Date());
    });
    await expect(
      store.transaction(async (tx) => {
        await tx.appendLiveEvent('lst_1', 'GIFT', { n: 'rolled back' }, new Date());
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    await store.transaction(async (tx) => {
      await tx.appendLiveEvent('lst_2', 'GIFT', { n: 'other topic' }, new Date());
      await tx.appendLiveEvent('lst_1', 'GIFT', { n: 2 }, new Date());
    });
    const events = [(await first).value as LiveEvent, ...(await take(stream, 1))];
    expect(events.map((event) => [event.seq, event.payload])).toEqual([
      [1, { n: 1 }],
      [2, { n: 2 }],
    ]);
    await stream.return(undefined);
    expect(bus.size.listeners).toBe(0);
  });

  it('wakes a service’s own worker on its topic like a subscriber, without counting it as one', () => {
    const bus = new LiveEventBus();
    let woken = 0;
    let subscriberWoken = 0;
    const stopWorker = bus.listen('webhooks:queued', () => (woken += 1), 'worker');
    const stopSubscriber = bus.listen('lst_1', () => (subscriberWoken += 1));
    expect(bus.size).toEqual({ topics: 1, listeners: 1 });
    bus.publish('webhooks:queued');
    bus.publishAll();
    expect([woken, subscriberWoken]).toEqual([2, 1]);
    stopSubscriber();
    expect(bus.size).toEqual({ topics: 0, listeners: 0 });
    stopWorker();
    bus.publish('webhooks:queued');
    expect(woken).toBe(2);
  });

  it('replays what a subscriber missed after `after`, refuses an expired position, and completes once the topic has ended', async () => {
    const { store, bus } = outbox({ maxAgeMs: 600_000, maxEvents: 5 });
    for (let n = 1; n <= 8; n += 1) await store.transaction((tx) => tx.appendLiveEvent('lst_1', 'GIFT', { n }, new Date()));
    const replay = await liveSubscription({ loaders: {} }, { store, bus, topic: 'lst_1', after: 4 });
    expect((await take(replay, 4)).map((event) => event.seq)).toEqual([5, 6, 7, 8]);
    await replay.return(undefined);

    await expect(liveSubscription({ loaders: {} }, { store, bus, topic: 'lst_1', after: 2 })).rejects.toMatchObject({ extensions: { code: 'EVENTS_EXPIRED' } });
    await expect(liveSubscription({ loaders: {} }, { store, bus, topic: 'lst_1', after: 99 })).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(() => parseEventId('abc')).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }));

    let end!: () => void;
    const ended = new Promise<void>((resolve) => (end = resolve));
    const last = await liveSubscription({ loaders: {} }, { store, bus, topic: 'lst_1', after: 8, ended });
    const next = last.next();
    await store.transaction((tx) => tx.appendLiveEvent('lst_1', 'GIFT', { n: 9 }, new Date()));
    end();
    expect(((await next).value as LiveEvent).seq).toBe(9);
    expect((await last.next()).done).toBe(true);
  });
});

describe('subscriptions over SSE between services', () => {
  const { store, bus } = outbox();
  const logger = createLogger('test', { level: 'silent' });
  let http: RunningHttpServer;
  let subscriptions: SubscriptionServer;
  const guard = new NonceGuard();
  const seenViewers: (string | null)[] = [];

  beforeAll(async () => {
    const schema = makeExecutableSchema({
      typeDefs: 'type Query { ok: Boolean } type Event { id: ID! n: Int } type Subscription { events(topic: ID!, after: ID): Event! }',
      resolvers: {
        Subscription: {
          events: {
            subscribe: (_: unknown, args: { topic: string; after?: string | null }, context: { loaders: Record<string, unknown> }) =>
              liveSubscription(context, { store, bus, topic: args.topic, after: parseEventId(args.after) }),
            resolve: (event: LiveEvent<{ n: number }>) => ({ id: String(event.seq), n: event.payload.n }),
          },
        },
      },
    });
    subscriptions = subscriptionServer({
      schema,
      readViewer: async (req, body) =>
        (await verifyViewer({ viewer: req.headers['x-viewer'] as string, signature: req.headers['x-viewer-signature'] as string }, body, { secret: SECRET, audience: 'events', nonces: guard })).viewer,
      context: (viewer) => {
        seenViewers.push(viewer.userId);
        return { loaders: {} };
      },
      maxBodyBytes: 100_000,
      logger,
    });
    const server = new ApolloServer({ schema });
    await server.start();
    http = await listen(graphQLHandler({ server, context: () => ({}), routes: [subscriptions.route], logger }), 0, '127.0.0.1');
  });
  afterAll(async () => {
    await subscriptions.close();
    await http.close();
  });

  it('streams committed events with their outbox ids, resumes after one, and ends the stream when the server closes', async () => {
    const viewer = { ...anonymousViewer(), userId: 'usr_signed' };
    const subscribe = (after?: string) =>
      subscribeSigned({ url: `${http.url}graphql`, secret: SECRET, audience: 'events', viewer, query: 'subscription ($after: ID) { events(topic: "t", after: $after) { id n } }', variables: { after } });
    const live = subscribe();
    const results: unknown[] = [];
    const reading = (async () => {
      for await (const result of live) {
        results.push(result);
        if (results.length === 4) break;
      }
    })();
    await until(() => subscriptions.open === 1);
    for (let n = 1; n <= 3; n += 1) await store.transaction((tx) => tx.appendLiveEvent('t', 'E', { n }, new Date()));
    await reading;
    // First where the subscription starts (no data), then each event with its outbox id.
    expect(results).toEqual([{ extensions: { eventId: '0' } }, ...[1, 2, 3].map((n) => ({ data: { events: { id: String(n), n } }, extensions: { eventId: String(n) } }))]);
    expect(seenViewers).toContain('usr_signed');

    const resumed: unknown[] = [];
    const again = subscribe('1');
    for await (const result of again) {
      resumed.push(result);
      if (resumed.length === 3) break;
    }
    expect(resumed.map((result: any) => result.data?.events.n ?? `from ${result.extensions.eventId}`)).toEqual(['from 1', 2, 3]);

    const cut = subscribe('2');
    expect((await cut.next()).value).toEqual({ extensions: { eventId: '2' } });
    expect(((await cut.next()).value as any).data.events.n).toBe(3);
    const failed = cut.next();
    await subscriptions.close();
    await expect(failed).rejects.toThrow();
    // Every subscriber that left, or was let go, stopped listening for its topic.
    await until(() => bus.size.listeners === 0);
  });
});

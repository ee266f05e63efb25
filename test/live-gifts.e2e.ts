/**
 * LIVE gift events through the gateway: `liveGiftEvents` over WebSocket and SSE, each event
 * completed across the graph (the sender from users, the stream's creator from content, the
 * leaderboards from gifts), one event per committed send, resumable after a
 * disconnect or a restart of the gifts subgraph without a gap or a repeat.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen } from '@app/kit/http';
import { createLogger } from '@app/kit/log';
import { createPeerClient } from '@app/kit/peers';
import { seedId } from '@app/fixtures/ids';
import { creatorIds, userIds } from '@app/fixtures/world';
import { serve as serveContent } from '@app/subgraph-content/src/server.ts';
import { serve as serveGifts } from '@app/subgraph-gifts/src/server.ts';
import { serve as serveUsers } from '@app/subgraph-users/src/server.ts';
import { createGateway } from '@app/gateway/src/gateway.ts';
import { openKeyStore } from '@app/gateway/src/db/keys.ts';
import { startGraph, TEST_INTERNAL_SECRET, type RunningGraph } from './harness.ts';
import { eventually } from './eventually.ts';
import { rawEventStream, subscribeOverSse, subscribeOverWebSocket, webSocketClient, type Received } from './live-clients.ts';
import { startProcesses, type RunningProcesses } from './processes.ts';

let graph: RunningGraph;
beforeAll(async () => {
  graph = await startGraph();
});
afterAll(() => graph?.stop());

const rose = seedId('lgf', 0); // 1 coin
const doughnut = seedId('lgf', 2); // 30 coins, 15 diamonds

const GIFT_EVENTS = /* GraphQL */ `
  subscription GiftEvents($id: ID!, $after: ID) {
    liveGiftEvents(liveStreamId: $id, after: $after) {
      id
      combo
      send { id quantity coins diamonds sender { id handle } gift { name coinPrice } }
      totals { coins diamonds giftCount gifterCount }
      stream { id topGifters(first: 3) { rank coins user { handle } } creator { id topGifters(first: 1) { coins } } }
    }
  }
`;
/** The same events with only what the ordering tests compare. */
const GIFT_IDS = 'subscription GiftIds($id: ID!, $after: ID) { liveGiftEvents(liveStreamId: $id, after: $after) { id combo send { id } totals { coins } } }';
const SEND_GIFT = 'mutation ($input: SendLiveGiftInput!) { sendLiveGift(input: $input) { send { id coins } } }';

let keyCounter = 0;
const key = () => `live-gifts-e2e-${Date.now()}-${++keyCounter}`;
const codeOf = (result: { body: { errors?: { extensions?: { code?: string } }[] } }) => result.body.errors?.[0]?.extensions?.code ?? 'OK';
const eventsOf = (received: Received) => received.results.map((result) => result.data?.liveGiftEvents);
const idsOf = (received: Received) => eventsOf(received).map((event) => Number(event.id));

/** A graph to act on: the in-process harness, or separate processes. */
type Graph = Pick<RunningGraph, 'query' | 'tokenFor' | 'url'>;

const bearer = async (userId: string, on: Graph = graph) => ({ authorization: `Bearer ${await on.tokenFor(userId)}` });

/** A new stream of `creatorId`, scheduled and started through the gateway. */
async function liveStreamOf(creatorId: string, on: Graph = graph): Promise<string> {
  const creator = await bearer(creatorId, on);
  const scheduled = await on.query(
    'mutation ($input: ScheduleLiveStreamInput!) { scheduleLiveStream(input: $input) { id } }',
    { input: { title: 'Gifts live', scheduledFor: new Date(Date.now() + 3_600_000).toISOString(), idempotencyKey: key() } },
    creator,
  );
  expect(scheduled.body.errors).toBeUndefined();
  const id = scheduled.body.data.scheduleLiveStream.id as string;
  const started = await on.query('mutation ($id: ID!) { startLiveStream(id: $id) { status } }', { id }, creator);
  expect(started.body.data.startLiveStream.status).toBe('LIVE');
  return id;
}

async function buyCoins(userId: string, packageId = 'cpk_700', on: Graph = graph): Promise<void> {
  const bought = await on.query('mutation ($input: PurchaseCoinsInput!) { purchaseCoins(input: $input) { wallet { coins } } }', { input: { packageId, idempotencyKey: key() } }, await bearer(userId, on));
  expect(bought.body.errors).toBeUndefined();
}

async function sendGift(userId: string, liveStreamId: string, giftId = doughnut, on: Graph = graph) {
  return on.query(SEND_GIFT, { input: { liveStreamId, giftId, quantity: 1, idempotencyKey: key() } }, await bearer(userId, on));
}

async function sentGift(userId: string, liveStreamId: string, giftId = doughnut): Promise<string> {
  const result = await sendGift(userId, liveStreamId, giftId);
  expect(result.body.errors).toBeUndefined();
  return result.body.data.sendLiveGift.send.id as string;
}

async function handleOf(userId: string): Promise<string> {
  return (await graph.query('query ($id: ID!) { user(id: $id) { handle } }', { id: userId })).body.data.user.handle;
}

/**
 * Sends roses one after another until stopped, keeping the ids of those the gateway answered
 * as sent (a send cut off by a crash may have committed without its answer).
 */
function giftLoop(userId: string, liveStreamId: string, on: Graph = graph) {
  const answered: string[] = [];
  let sending = true;
  const running = (async () => {
    while (sending) {
      const result = await sendGift(userId, liveStreamId, rose, on).catch(() => null);
      if (result && codeOf(result) === 'OK') answered.push(result.body.data.sendLiveGift.send.id);
      // Paced, so a long run stays inside the caller's rate limit.
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  return {
    answered,
    async stop() {
      sending = false;
      await running;
    },
  };
}

describe('a gift sent through the gateway', () => {
  it('reaches a WebSocket and an SSE subscriber with the sender’s handle, the new totals, the stream’s and the creator’s leaderboards, with combos 1, 2, 3', async () => {
    const creator = creatorIds[5] as string;
    const sender = userIds[28] as string;
    const stream = await liveStreamOf(creator);
    await buyCoins(sender);
    const ws = webSocketClient(graph.url);
    const overWs = subscribeOverWebSocket(ws, GIFT_EVENTS, { id: stream });
    const overSse = subscribeOverSse(graph.url, GIFT_EVENTS, { id: stream });
    await eventually(() => graph.gateway.subscriptions.listeningSubscriptions === 2, 'two open subscriptions');
    expect(graph.gateway.subscriptions.upstreamSubscriptions).toBe(1);

    const handle = await handleOf(sender);
    const sends: string[] = [];
    for (let n = 1; n <= 3; n += 1) {
      sends.push(await sentGift(sender, stream));
      // One at a time, so each event's leaderboards (read when it is completed) are those after it.
      await eventually(() => overWs.results.length === n && overSse.results.length === n, `gift event ${n} on both`);
    }
    for (const received of [overWs, overSse]) {
      expect(received.results.map((result) => result.errors)).toEqual([undefined, undefined, undefined]);
      expect(eventsOf(received)).toEqual(
        [1, 2, 3].map((n) => ({
          id: String(n),
          combo: n,
          send: { id: sends[n - 1], quantity: 1, coins: 30, diamonds: 15, sender: { id: sender, handle }, gift: { name: 'Doughnut', coinPrice: 30 } },
          totals: { coins: 30 * n, diamonds: 15 * n, giftCount: n, gifterCount: 1 },
          stream: { id: stream, topGifters: [{ rank: 1, coins: 30 * n, user: { handle } }], creator: { id: creator, topGifters: [{ coins: 30 * n }] } },
        })),
      );
      expect(received.results.map((result) => result.extensions?.eventId)).toEqual(['1', '2', '3']);
    }
    overWs.stop();
    overSse.stop();
    await ws.dispose();
    await eventually(() => graph.gateway.subscriptions.upstreamSubscriptions === 0, 'the upstream to close');
  });
});

describe('one event per committed gift', () => {
  it('announces no refused gift, and of 40 racing gifts from a wallet covering 23 exactly the 23 that committed, each once, in commit order', async () => {
    const stream = await liveStreamOf(creatorIds[6] as string);
    const [viewer, racer] = [userIds[30] as string, userIds[31] as string];
    await buyCoins(viewer, 'cpk_70');
    await buyCoins(racer, 'cpk_700'); // 23 doughnuts of 30 coins, and 10 coins left
    const ws = webSocketClient(graph.url);
    const received = subscribeOverWebSocket(ws, GIFT_IDS, { id: stream });
    await eventually(() => graph.gateway.subscriptions.listeningSubscriptions === 1, 'the subscription');

    expect(codeOf(await sendGift(viewer, stream, seedId('lgf', 10)))).toBe('INSUFFICIENT_COINS'); // a Lion, 29,999 coins
    const first = await sentGift(viewer, stream);
    await eventually(() => received.results.length === 1, 'the committed gift');
    expect(eventsOf(received)).toEqual([{ id: '1', combo: 1, send: { id: first }, totals: { coins: 30 } }]);

    const racers = await Promise.all(Array.from({ length: 40 }, () => sendGift(racer, stream)));
    const codes = racers.map(codeOf);
    expect(codes.filter((code) => code === 'OK')).toHaveLength(23);
    expect(codes.filter((code) => code === 'INSUFFICIENT_COINS')).toHaveLength(17);
    const committed = racers.filter((result) => codeOf(result) === 'OK').map((result) => result.body.data.sendLiveGift.send.id as string);
    // Nothing else is on its way: a gift sent after the race is the very next event.
    const marker = await sentGift(viewer, stream, rose);
    await eventually(() => eventsOf(received).some((event) => event.send.id === marker), 'the gift after the race', 15_000);

    const events = eventsOf(received);
    expect(received.results.every((result) => result.errors === undefined)).toBe(true);
    expect(idsOf(received)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    const raced = events.slice(1, 24);
    expect(raced.map((event) => event.send.id).sort()).toEqual([...committed].sort());
    // Each event's totals were taken in its send's transaction: they climb 30 coins per event, so event order is commit order.
    expect(raced.map((event) => event.totals.coins)).toEqual(Array.from({ length: 23 }, (_, i) => 30 * (i + 2)));
    expect(events[24]).toMatchObject({ send: { id: marker }, totals: { coins: 721 } });
    received.stop();
    await ws.dispose();
  });
});

describe('coming back after missing events', () => {
  it('over SSE with Last-Event-ID: all 10 missed events arrive, in order, none twice', async () => {
    const stream = await liveStreamOf(creatorIds[7] as string);
    const sender = userIds[36] as string;
    await buyCoins(sender);

    const before = rawEventStream(graph.url, GIFT_IDS, { id: stream });
    await eventually(() => graph.gateway.subscriptions.listeningSubscriptions === 1, 'the first subscription');
    const seen = [await sentGift(sender, stream), await sentGift(sender, stream)];
    await eventually(() => before.next().length === 2, 'the first two events');
    // The gateway names each event on an `id:` line: what an EventSource sends back as Last-Event-ID.
    expect(before.next().map((message) => message.id)).toEqual(['1', '2']);
    expect(before.next().map((message) => message.data.data.liveGiftEvents.send.id)).toEqual(seen);
    before.stop();
    await before.done;
    await eventually(() => graph.gateway.subscriptions.openSubscriptions === 0, 'the first subscription to close');

    const missed: string[] = [];
    for (let i = 0; i < 10; i += 1) missed.push(await sentGift(sender, stream, rose));
    const after = rawEventStream(graph.url, GIFT_IDS, { id: stream }, { 'last-event-id': '2' });
    await eventually(() => after.next().length >= 10, 'the 10 missed events');
    const later = await sentGift(sender, stream, rose);
    await eventually(() => after.next().length >= 11, 'the next event');
    after.stop();
    await after.done;
    const messages = after.next();
    expect(messages.map((message) => message.id)).toEqual(Array.from({ length: 11 }, (_, i) => String(i + 3)));
    expect(messages.map((message) => message.data.data.liveGiftEvents.send.id)).toEqual([...missed, later]);
  });

  it('over WebSocket by subscribing again with `after`: all 10 missed events arrive, in order, none twice', async () => {
    const stream = await liveStreamOf(creatorIds[8] as string);
    const sender = userIds[37] as string;
    await buyCoins(sender);
    const ws = webSocketClient(graph.url);

    const before = subscribeOverWebSocket(ws, GIFT_IDS, { id: stream });
    await eventually(() => graph.gateway.subscriptions.listeningSubscriptions === 1, 'the first subscription');
    await sentGift(sender, stream);
    await eventually(() => before.results.length === 1, 'the first event');
    before.stop();
    const last = before.results.at(-1).extensions.eventId as string;
    expect(last).toBe('1');
    await eventually(() => graph.gateway.subscriptions.openSubscriptions === 0, 'the first subscription to close');

    const missed: string[] = [];
    for (let i = 0; i < 10; i += 1) missed.push(await sentGift(sender, stream, rose));
    const after = subscribeOverWebSocket(ws, GIFT_IDS, { id: stream, after: last });
    await eventually(() => after.results.length >= 10, 'the 10 missed events');
    const later = await sentGift(sender, stream, rose);
    await eventually(() => after.results.length >= 11, 'the next event');
    expect(idsOf(after)).toEqual(Array.from({ length: 11 }, (_, i) => i + 2));
    expect(eventsOf(after).map((event) => event.send.id)).toEqual([...missed, later]);
    // Ten roses in a row from one sender, after a doughnut: one combo.
    expect(eventsOf(after).map((event) => event.combo)).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
    after.stop();
    await ws.dispose();
  });
});

describe('the end of a stream', () => {
  it('completes every gifts subscription after its last gift event, and a subscription to the ended stream replays after `after` and completes', async () => {
    const creator = creatorIds[9] as string;
    const stream = await liveStreamOf(creator);
    const sender = userIds[38] as string;
    await buyCoins(sender);
    const ws = webSocketClient(graph.url);
    const overWs = subscribeOverWebSocket(ws, GIFT_IDS, { id: stream });
    const overSse = subscribeOverSse(graph.url, GIFT_IDS, { id: stream });
    await eventually(() => graph.gateway.subscriptions.listeningSubscriptions === 2, 'two open subscriptions');

    const sends = [await sentGift(sender, stream), await sentGift(sender, stream)];
    // Ended at once, before the gateway has necessarily delivered the gifts: they still come first.
    const ended = await graph.query('mutation ($id: ID!) { endLiveStream(id: $id) { status } }', { id: stream }, await bearer(creator));
    expect(ended.body.data.endLiveStream.status).toBe('ENDED');
    await Promise.all([overWs.done, overSse.done]);
    for (const received of [overWs, overSse]) {
      expect(received.completed).toBe(true);
      expect(eventsOf(received).map((event) => event.send.id)).toEqual(sends);
    }
    expect(codeOf(await sendGift(sender, stream))).toBe('STREAM_NOT_LIVE');

    const replay = subscribeOverWebSocket(ws, GIFT_IDS, { id: stream, after: '1' });
    await replay.done;
    expect(replay.completed).toBe(true);
    expect(eventsOf(replay).map((event) => event.send.id)).toEqual([sends[1]]);
    const fresh = subscribeOverWebSocket(ws, GIFT_IDS, { id: stream });
    await fresh.done;
    expect(fresh).toMatchObject({ completed: true, results: [] });

    const unknown = subscribeOverWebSocket(ws, GIFT_IDS, { id: 'liv_nope' });
    await unknown.done;
    expect(unknown.results[0]?.errors?.[0]?.extensions?.code ?? (unknown.error as any)?.[0]?.extensions?.code).toBe('NOT_FOUND');
    await ws.dispose();
  });
});

describe('the end of a stream, heard across a restart of content', () => {
  it('still completes the gifts subscription: gifts watches content’s stream updates again after content comes back', async () => {
    const creator = creatorIds[12] as string;
    const stream = await liveStreamOf(creator);
    const sender = userIds[26] as string;
    await buyCoins(sender);
    const ws = webSocketClient(graph.url);
    const received = subscribeOverWebSocket(ws, GIFT_IDS, { id: stream });
    await eventually(() => graph.gateway.subscriptions.listeningSubscriptions === 1, 'the subscription');
    const sends = [await sentGift(sender, stream)];
    await eventually(() => received.results.length === 1, 'the first gift');

    const { port } = graph.subgraphs.content;
    await graph.subgraphs.content.stop();
    const peers = createPeerClient({ urls: graph.subgraphUrls, secret: TEST_INTERNAL_SECRET, logger: createLogger('peers', { level: 'silent' }) });
    graph.subgraphs.content = await serveContent(graph.stores.content, { port, host: '127.0.0.1', logger: createLogger('content', { level: 'silent' }), internalSecret: TEST_INTERNAL_SECRET, peers });
    sends.push(await sentGift(sender, stream));
    await eventually(() => received.results.length === 2, 'the gift after the restart');
    expect(received.completed).toBe(false);

    await graph.query('mutation ($id: ID!) { endLiveStream(id: $id) { status } }', { id: stream }, await bearer(creator));
    await received.done;
    expect(received.completed).toBe(true);
    expect(eventsOf(received).map((event) => event.send.id)).toEqual(sends);
    await ws.dispose();
  });
});

describe('an event while users, which completes its sender, is unavailable', () => {
  const SENDER_EVENTS = 'subscription ($id: ID!) { liveGiftEvents(liveStreamId: $id) { id send { id sender { handle } } } }';

  /** Subscribes on `on`, sends one gift through the graph, and checks the event keeps its own fields. */
  async function expectEventWithoutSender(on: { url: string; listening: () => number }, stream: string, sender: string, promptlyMs: number) {
    const ws = webSocketClient(on.url);
    const received = subscribeOverWebSocket(ws, SENDER_EVENTS, { id: stream });
    try {
      await eventually(() => on.listening() === 1, 'the subscription');
      const sent = Date.now();
      const sendId = await sentGift(sender, stream);
      await eventually(() => received.results.length === 1, 'the event', promptlyMs + 5_000);
      expect(Date.now() - sent).toBeLessThan(promptlyMs);
      const [event] = received.results;
      // The gift's own data arrives; only what users completes is null, with the error at its path.
      expect(event.data).toEqual({ liveGiftEvents: { id: '1', send: { id: sendId, sender: null } } });
      expect(event.errors).toEqual([expect.objectContaining({ path: ['liveGiftEvents', 'send', 'sender'], extensions: expect.objectContaining({ code: 'SERVICE_UNAVAILABLE', service: 'users' }) })]);
      expect(received.completed).toBe(false);
    } finally {
      received.stop();
      await ws.dispose();
    }
  }

  it('stopped: arrives at once with send.id, sender null and SERVICE_UNAVAILABLE at send.sender', async () => {
    // Scheduling a stream asks users whether its creator is one: before users stops.
    const [stream, sender] = [await liveStreamOf(creatorIds[13] as string), userIds[40] as string];
    await buyCoins(sender);
    const { port } = graph.subgraphs.users;
    await graph.subgraphs.users.stop();
    try {
      await expectEventWithoutSender({ url: graph.url, listening: () => graph.gateway.subscriptions.listeningSubscriptions }, stream, sender, 2_000);
    } finally {
      const peers = createPeerClient({ urls: graph.subgraphUrls, secret: TEST_INTERNAL_SECRET, logger: createLogger('peers', { level: 'silent' }) });
      graph.subgraphs.users = await serveUsers(graph.stores.users, { port, host: '127.0.0.1', logger: createLogger('users', { level: 'silent' }), internalSecret: TEST_INTERNAL_SECRET, peers });
    }
  });

  it('paused (accepts, never answers): arrives after the subgraph timeout with send.id, sender null and SERVICE_UNAVAILABLE at send.sender', async () => {
    const [stream, sender] = [await liveStreamOf(creatorIds[14] as string), userIds[41] as string];
    await buyCoins(sender);
    // A paused process: the connection is accepted and nothing comes back.
    const paused = http.createServer(() => undefined);
    await new Promise<void>((resolve) => paused.listen(0, '127.0.0.1', resolve));
    const keys = openKeyStore(':memory:');
    const gateway = createGateway({
      config: { ...graph.config, subgraphTimeoutMs: 500 },
      keys,
      logger: createLogger('gateway', { level: 'silent' }),
      subgraphUrls: { ...graph.subgraphUrls, users: `http://127.0.0.1:${(paused.address() as AddressInfo).port}/graphql` },
    });
    await gateway.start();
    const server = await listen(gateway.handler, 0, '127.0.0.1');
    server.server.on('upgrade', gateway.handleUpgrade);
    try {
      await expectEventWithoutSender({ url: server.url, listening: () => gateway.subscriptions.listeningSubscriptions }, stream, sender, 3_000);
    } finally {
      await gateway.stopSubscriptions();
      await server.close();
      await gateway.stop();
      keys.close();
      paused.closeAllConnections();
      await new Promise((resolve) => paused.close(resolve));
    }
  });
});

describe('a restart of the gifts subgraph while gifts flow', () => {
  it('costs subscribers a pause, not an event: each committed gift arrives once, in order, over WebSocket and SSE', async () => {
    const stream = await liveStreamOf(creatorIds[10] as string);
    const sender = userIds[39] as string;
    await buyCoins(sender, 'cpk_3500');
    const ws = webSocketClient(graph.url);
    const overWs = subscribeOverWebSocket(ws, GIFT_IDS, { id: stream });
    const overSse = subscribeOverSse(graph.url, GIFT_IDS, { id: stream });
    await eventually(() => graph.gateway.subscriptions.listeningSubscriptions === 2, 'two open subscriptions');

    const gifts = giftLoop(sender, stream);
    try {
      await eventually(() => gifts.answered.length >= 5, 'gifts flowing', 15_000);
      const { port } = graph.subgraphs.gifts;
      await graph.subgraphs.gifts.stop();
      const beforeRestart = gifts.answered.length;
      await new Promise((resolve) => setTimeout(resolve, 300));
      const peers = createPeerClient({ urls: graph.subgraphUrls, secret: TEST_INTERNAL_SECRET, logger: createLogger('peers', { level: 'silent' }) });
      graph.subgraphs.gifts = await serveGifts(graph.stores.gifts, { port, host: '127.0.0.1', logger: createLogger('gifts', { level: 'silent' }), internalSecret: TEST_INTERNAL_SECRET, peers });
      await eventually(() => gifts.answered.length >= beforeRestart + 5, 'gifts flowing again', 15_000);
    } finally {
      await gifts.stop();
    }

    // What committed is what the store holds, in commit order.
    const committed = (await graph.rows('gifts').all<{ id: string }>('select id from live_gift_sends where live_stream_id = ? order by event_seq', stream)).map((row) => row.id);
    expect(committed).toEqual(expect.arrayContaining(gifts.answered));
    await expectEachOnceInOrder([overWs, overSse], committed);
    overWs.stop();
    overSse.stop();
    await ws.dispose();
  }, 60_000);
});

/** Every committed send reaches every subscriber once, in commit order, and the subscriptions stay open. */
async function expectEachOnceInOrder(subscribers: Received[], committed: string[]): Promise<void> {
  await eventually(() => subscribers.every((received) => received.results.length >= committed.length), 'every committed gift on every subscriber', 20_000);
  for (const received of subscribers) {
    expect(received.completed).toBe(false);
    expect(received.results.every((result) => result.errors === undefined)).toBe(true);
    expect(idsOf(received)).toEqual(committed.map((_, i) => i + 1));
    expect(eventsOf(received).map((event) => event.send.id)).toEqual(committed);
  }
}

describe('kill -9 of the gifts process while gifts flow', () => {
  let processes: RunningProcesses;
  beforeAll(async () => {
    // What a gift event reaches: gifts, the sender in users, the stream in content.
    processes = await startProcesses({ subgraphs: ['users', 'content', 'gifts'] });
  }, 90_000);
  afterAll(() => processes?.stop());

  const openSubscriptions = async () => Number(/^graphql_subscriptions_open (\d+)/m.exec(await (await fetch(`${processes.url}metrics`)).text())?.[1]);

  it('costs subscribers a pause, not an event: once gifts is back on its store, every committed gift arrives once, in order', async () => {
    const stream = await liveStreamOf(creatorIds[11] as string, processes);
    const sender = userIds[27] as string;
    await buyCoins(sender, 'cpk_3500', processes);
    const ws = webSocketClient(processes.url);
    const overWs = subscribeOverWebSocket(ws, GIFT_IDS, { id: stream });
    const overSse = subscribeOverSse(processes.url, GIFT_IDS, { id: stream });
    let open = 0;
    const poll = setInterval(() => void openSubscriptions().then((count) => (open = count), () => undefined), 50);
    try {
      await eventually(() => open === 2, 'two open subscriptions', 10_000);
    } finally {
      clearInterval(poll);
    }

    const gifts = giftLoop(sender, stream, processes);
    let answeredBeforeKill = 0;
    try {
      await eventually(() => gifts.answered.length >= 5, 'gifts flowing', 15_000);
      await processes.kill('gifts', 'SIGKILL');
      answeredBeforeKill = gifts.answered.length;
      await new Promise((resolve) => setTimeout(resolve, 300));
      await processes.start('gifts');
      await eventually(() => gifts.answered.length >= answeredBeforeKill + 5, 'gifts flowing again', 20_000);
    } finally {
      await gifts.stop();
    }

    // The store is what committed: a send cut off by the kill may have committed without its answer.
    const store = processes.rows('gifts');
    const committed = (await store.all<{ id: string }>('select id from live_gift_sends where live_stream_id = ? order by event_seq', stream)).map((row) => row.id);
    await store.close();
    expect(committed).toEqual(expect.arrayContaining(gifts.answered));
    // One sender, one send at a time: at most the one in flight at the kill went unanswered.
    expect(committed.length - gifts.answered.length).toBeLessThanOrEqual(1);
    await expectEachOnceInOrder([overWs, overSse], committed);
    overWs.stop();
    overSse.stop();
    await ws.dispose();
  }, 90_000);
});

/**
 * What the gateway guarantees about subscriptions whatever subgraph owns them: one upstream
 * subscription for many clients, admission like a query (credentials, limits, cost, caps),
 * partial data when a completing subgraph is down, metrics, and a clean shutdown.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import net from 'node:net';
import WebSocket from 'ws';
import { creatorIds, liveStreamIds, userIds } from '@app/fixtures/world';
import { createLogger } from '@app/kit/log';
import { serve as serveGifts } from '@app/subgraph-gifts/src/server.ts';
import { DEFAULT_COST_CONFIG } from '@app/gateway/src/cost.ts';
import { DEFAULT_SUBSCRIPTION_CAPS } from '@app/gateway/src/subscriptions/admission.ts';
import { startGraph, TEST_INTERNAL_SECRET, type RunningGraph } from './harness.ts';
import { eventually } from './eventually.ts';
import { subscribeOverWebSocket, webSocketClient } from './live-clients.ts';

const UPDATES = 'subscription ($id: ID!) { liveStreamUpdates(liveStreamId: $id) { id status stream { status creator { handle } } } }';
let keyCounter = 0;
const key = () => `live-gw-${Date.now()}-${++keyCounter}`;

async function scheduled(graph: RunningGraph, creatorId: string) {
  const result = await graph.query(
    'mutation ($input: ScheduleLiveStreamInput!) { scheduleLiveStream(input: $input) { id } }',
    { input: { title: 'Gateway test', scheduledFor: new Date(Date.now() + 3_600_000).toISOString(), idempotencyKey: key() } },
    { authorization: `Bearer ${await graph.tokenFor(creatorId)}` },
  );
  expect(result.body.errors).toBeUndefined();
  return result.body.data.scheduleLiveStream.id as string;
}

const changeStatus = async (graph: RunningGraph, mutation: 'startLiveStream' | 'endLiveStream', id: string, creatorId: string) =>
  graph.query(`mutation ($id: ID!) { ${mutation}(id: $id) { status } }`, { id }, { authorization: `Bearer ${await graph.tokenFor(creatorId)}` });

const metricsText = async (graph: RunningGraph) => (await fetch(`${graph.url}metrics`)).text();

describe('many clients, one upstream', () => {
  let graph: RunningGraph;
  beforeAll(async () => {
    graph = await startGraph();
  });
  afterAll(() => graph?.stop());

  it('serves 200 WebSocket clients of one stream from exactly one upstream subscription, and every client receives every event', async () => {
    const creator = creatorIds[5] as string;
    const streamId = await scheduled(graph, creator);
    const clients = Array.from({ length: 20 }, () => webSocketClient(graph.url));
    // Ten subscriptions on each of twenty connections, the way tabs of one app share a socket.
    const received = clients.flatMap((client) => Array.from({ length: 10 }, () => subscribeOverWebSocket(client, UPDATES, { id: streamId })));
    await eventually(() => graph.gateway.subscriptions.listeningSubscriptions === 200, '200 open subscriptions', 10_000);
    expect(graph.gateway.subscriptions.upstreamSubscriptions).toBe(1);
    const metrics = await metricsText(graph);
    expect(metrics).toMatch(/graphql_upstream_subscriptions 1\b/);
    expect(metrics).toMatch(/graphql_subscriptions_open 200\b/);

    await changeStatus(graph, 'startLiveStream', streamId, creator);
    await changeStatus(graph, 'endLiveStream', streamId, creator);
    await Promise.all(received.map((one) => one.done));
    for (const one of received) {
      expect(one.completed).toBe(true);
      expect(one.results.map((result) => result.data.liveStreamUpdates.status)).toEqual(['LIVE', 'ENDED']);
    }
    const after = await metricsText(graph);
    expect(after).toMatch(/graphql_subscription_events_delivered_total 400\b/);
    expect(after).toMatch(/graphql_subscription_delivery_seconds_count [1-9]/);
    expect(graph.gateway.subscriptions.upstreamSubscriptions).toBe(0);
    await Promise.all(clients.map((client) => client.dispose()));
  });

  it('delivers an event with the fields of a subgraph that is down set to null and an error at their path', async () => {
    const creator = creatorIds[6] as string;
    const streamId = await scheduled(graph, creator);
    const ws = webSocketClient(graph.url);
    // The stream's gift totals come from gifts, a nullable field: gifts down nulls it alone.
    const received = subscribeOverWebSocket(ws, 'subscription ($id: ID!) { liveStreamUpdates(liveStreamId: $id) { status stream { status giftTotals { coins } } } }', { id: streamId });
    await eventually(() => graph.gateway.subscriptions.listeningSubscriptions === 1, 'the subscription');
    const token = await graph.tokenFor(creator);
    const port = graph.subgraphs.gifts.port;
    await graph.subgraphs.gifts.stop();
    try {
      await graph.query('mutation ($id: ID!) { startLiveStream(id: $id) { status } }', { id: streamId }, { authorization: `Bearer ${token}` });
      await eventually(() => received.results.length === 1, 'the LIVE event');
    } finally {
      graph.subgraphs.gifts = await serveGifts(graph.stores.gifts, { port, host: '127.0.0.1', logger: createLogger('gifts', { level: 'silent' }), internalSecret: TEST_INTERNAL_SECRET });
    }
    const [event] = received.results;
    expect(event.data.liveStreamUpdates).toMatchObject({ status: 'LIVE', stream: { status: 'LIVE', giftTotals: null } });
    // The error is placed at the entity the gifts fetch was to complete.
    expect(event.errors?.[0]).toMatchObject({ path: ['liveStreamUpdates', 'stream'], extensions: { code: 'SERVICE_UNAVAILABLE', service: 'gifts' } });
    received.stop();
    await ws.dispose();
  });
});

describe('admission, the same as for a query', () => {
  let graph: RunningGraph;
  beforeAll(async () => {
    graph = await startGraph({ gateway: { subscriptions: { ...DEFAULT_SUBSCRIPTION_CAPS, perCaller: 2, perIp: 5, connectionsPerIp: 4 } } });
  });
  afterAll(() => graph?.stop());

  it('lets an anonymous viewer watch a public stream, and refuses a bad credential with 4401 over WebSocket and 401 over SSE', async () => {
    const streamId = await scheduled(graph, creatorIds[7] as string);
    const anonymous = webSocketClient(graph.url);
    const watching = subscribeOverWebSocket(anonymous, UPDATES, { id: streamId });
    await eventually(() => graph.gateway.subscriptions.listeningSubscriptions === 1, 'the anonymous subscription');
    watching.stop();
    await anonymous.dispose();

    let closed: { code: number; reason: string } | null = null;
    const forged = webSocketClient(graph.url, { authorization: 'Bearer not-a-token' }, (event) => (closed = event));
    const refused = subscribeOverWebSocket(forged, UPDATES, { id: streamId });
    await refused.done;
    expect(closed).toMatchObject({ code: 4401 });
    await forged.dispose();

    const response = await fetch(`${graph.url}graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: 'Bearer not-a-token' },
      body: JSON.stringify({ query: UPDATES, variables: { id: streamId } }),
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('refuses over-deep, too costly, malformed and non-subscription operations with their codes', async () => {
    const ws = webSocketClient(graph.url);
    const codeOf = async (query: string, variables: Record<string, unknown> = {}) => {
      const received = subscribeOverWebSocket(ws, query, variables);
      await received.done;
      return (received.error as { extensions?: { code?: string } }[] | undefined)?.[0]?.extensions?.code;
    };
    const deep = `subscription { liveStreamUpdates(liveStreamId: "x") { stream { creator { videos(first: 1) { edges { node { creator { videos(first: 1) { edges { node { creator { videos(first: 1) { edges { node { id } } } } } } } } } } } } } } }`;
    expect(await codeOf(deep)).toBe('MAX_DEPTH_EXCEEDED');
    const costly = `subscription { liveStreamUpdates(liveStreamId: "x") { stream { creator { videos(first: 100) { edges { node { creator { videos(first: 100) { edges { node { id } } } } } } } } } } }`;
    expect(await codeOf(costly)).toBe('COST_LIMIT_EXCEEDED');
    expect(await codeOf('subscription { liveStreamUpdates(liveStreamId: "x") { nope } }')).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(await codeOf('subscription ($id: ID!) { liveStreamUpdates(liveStreamId: $id) { id } }', {})).toBe('BAD_USER_INPUT');
    expect(await codeOf('{ feed(first: 1) { edges { cursor } } }')).toBe('SUBSCRIPTION_REQUIRED');
    // And the other way round: a subscription as a plain HTTP request says how to subscribe.
    const plain = await graph.query(UPDATES, { id: 'liv_any' });
    expect(plain.status).toBe(400);
    expect(plain.body.errors?.[0]?.extensions?.code).toBe('SUBSCRIPTION_TRANSPORT_REQUIRED');
    const unknown = subscribeOverWebSocket(ws, UPDATES, { id: 'lst_unknown' });
    await unknown.done;
    expect(unknown.results[0]?.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    await ws.dispose();
  });

  it('refuses a subscription over the caller’s cap with SUBSCRIPTION_LIMIT_REACHED, and a connection over the address’s cap with 429', async () => {
    const streamId = await scheduled(graph, creatorIds[8] as string);
    const user = creatorIds[9] as string;
    const ws = webSocketClient(graph.url, { authorization: `Bearer ${await graph.tokenFor(user)}` });
    const held = [subscribeOverWebSocket(ws, UPDATES, { id: streamId }), subscribeOverWebSocket(ws, UPDATES, { id: streamId })];
    await eventually(() => graph.gateway.subscriptions.openSubscriptions === 2, 'two subscriptions');
    const third = subscribeOverWebSocket(ws, UPDATES, { id: streamId });
    await third.done;
    expect((third.error as { extensions?: { code?: string } }[])[0]?.extensions?.code).toBe('SUBSCRIPTION_LIMIT_REACHED');
    // One closes: there is room again.
    held[0]!.stop();
    await eventually(() => graph.gateway.subscriptions.openSubscriptions === 1, 'the slot to be given back');
    const again = subscribeOverWebSocket(ws, UPDATES, { id: streamId });
    await eventually(() => graph.gateway.subscriptions.openSubscriptions === 2, 'a subscription in the freed slot');
    again.stop();
    held[1]!.stop();
    await ws.dispose();

    const sockets = await Promise.all(
      Array.from({ length: 4 }, () => new Promise<WebSocket>((resolve, reject) => {
        const socket = new WebSocket(`${graph.url.replace(/^http/, 'ws')}graphql`, 'graphql-transport-ws');
        socket.once('open', () => resolve(socket));
        socket.once('error', reject);
      })),
    );
    const refusal = await new Promise<number>((resolve) => {
      const fifth = new WebSocket(`${graph.url.replace(/^http/, 'ws')}graphql`, 'graphql-transport-ws');
      fifth.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      fifth.once('open', () => resolve(101));
    });
    expect(refusal).toBe(429);
    for (const socket of sockets) socket.close();
  });

  it('gives an address its connection slots back from handshakes that never complete', async () => {
    const { port } = new URL(graph.url);
    // Upgrades the WebSocket server refuses (no key) or that the client drops half-way, more than the cap of 4.
    for (let i = 0; i < 6; i++) {
      const socket = net.connect(Number(port), '127.0.0.1');
      await new Promise((resolve) => socket.once('connect', resolve));
      const closed = new Promise((resolve) => socket.once('close', resolve));
      socket.resume();
      const head = `GET /graphql HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: Upgrade\r\nupgrade: websocket\r\nsec-websocket-version: 13\r\n`;
      if (i % 2 === 0) socket.end(`${head}\r\n`);
      else {
        socket.write(`${head}sec-websocket-key: ${Buffer.from('0123456789abcdef').toString('base64')}\r\nsec-websocket-protocol: graphql-transport-ws\r\n\r\n`);
        socket.destroy();
      }
      await closed;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    const sockets = await Promise.all(
      Array.from({ length: 4 }, () => new Promise<WebSocket>((resolve, reject) => {
        const socket = new WebSocket(`${graph.url.replace(/^http/, 'ws')}graphql`, 'graphql-transport-ws');
        socket.once('open', () => resolve(socket));
        socket.once('unexpected-response', (_request, response) => reject(new Error(`refused with ${response.statusCode}`)));
        socket.once('error', reject);
      })),
    );
    for (const socket of sockets) socket.close();
  });
});

describe('a client that reads too slowly', () => {
  let graph: RunningGraph;
  beforeAll(async () => {
    graph = await startGraph({
      gateway: {
        subscriptions: { ...DEFAULT_SUBSCRIPTION_CAPS, perIp: 1_000, connectionsPerIp: 1_000, maxBufferedEvents: 20 },
        // Large events on purpose (below), priced above the default maximum.
        cost: { ...DEFAULT_COST_CONFIG, maxCost: 100_000, tiers: { ...DEFAULT_COST_CONFIG.tiers, anonymous: { max: 1e9, restoreRate: 1e9 }, user: { max: 1e9, restoreRate: 1e9 } } },
      },
    });
  });
  afterAll(() => graph?.stop());

  /**
   * A sender with coins, the cheapest gift, and a subscription whose every event is large (the
   * creator's videos, ten times over), so socket buffers fill within a few hundred events.
   */
  async function giftsWithLargeEvents(sender: string) {
    const auth = { authorization: `Bearer ${await graph.tokenFor(sender)}` };
    const bought = await graph.query('mutation ($input: PurchaseCoinsInput!) { purchaseCoins(input: $input) { wallet { coins } } }', { input: { packageId: 'cpk_700', idempotencyKey: key() } }, auth);
    expect(bought.body.errors).toBeUndefined();
    const rose = ((await graph.query('{ liveGifts { id coinPrice } }')).body.data.liveGifts as { id: string; coinPrice: number }[]).sort((a, b) => a.coinPrice - b.coinPrice)[0]!.id;
    const page = 'videos(first: 100) { edges { node { id caption hashtags playbackUrl thumbnailUrl } } }';
    const query = `subscription ($id: ID!) { liveGiftEvents(liveStreamId: $id) { id send { id } stream { creator { ${Array.from({ length: 10 }, (_, i) => `v${i}: ${page}`).join(' ')} } } } }`;
    return { auth, rose, query };
  }

  it('is disconnected with SLOW_CONSUMER once its buffer passes the limit, while another client of the same stream receives every event', async () => {
    const stream = liveStreamIds[4] as string;
    const sender = userIds[45] as string;
    const { auth, rose, query } = await giftsWithLargeEvents(sender);

    // The slow client speaks the protocol by hand, then stops reading its socket.
    const slow = new WebSocket(`${graph.url.replace(/^http/, 'ws')}graphql`, 'graphql-transport-ws');
    const closed = new Promise<{ code: number; reason: string }>((resolve) => slow.once('close', (code, reason) => resolve({ code, reason: String(reason) })));
    await new Promise((resolve) => slow.once('open', resolve));
    slow.send(JSON.stringify({ type: 'connection_init' }));
    await new Promise((resolve) => slow.once('message', resolve));
    slow.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query, variables: { id: stream } } }));
    const fastClient = webSocketClient(graph.url);
    const fast = subscribeOverWebSocket(fastClient, query, { id: stream });
    await eventually(() => graph.gateway.subscriptions.listeningSubscriptions === 2, 'both subscriptions');
    (slow as unknown as { _socket: { pause(): void } })._socket.pause();

    // The gateway gives a closing socket 30 s to finish its close handshake: the slow client starts
    // reading again as soon as it was found slow, so it reads the queued events and then the 1008
    // (on a loaded CI box, waiting for all 300 events first took longer, and the client saw 1006).
    const sends = 300;
    const slowBefore = graph.gateway.subscriptions.slowConsumers;
    const watch = setInterval(() => {
      if (graph.gateway.subscriptions.slowConsumers === slowBefore) return;
      clearInterval(watch);
      (slow as unknown as { _socket: { resume(): void } })._socket.resume();
    }, 20);
    try {
      for (let n = 0; n < sends; n++) {
        const sent = await graph.query('mutation ($input: SendLiveGiftInput!) { sendLiveGift(input: $input) { send { id } } }', { input: { liveStreamId: stream, giftId: rose, idempotencyKey: key() } }, auth);
        expect(sent.body.errors).toBeUndefined();
      }
      await eventually(() => fast.results.length === sends, 'every event at the fast client', 60_000);
      expect(new Set(fast.results.map((result) => result.data.liveGiftEvents.send.id)).size).toBe(sends);
      await eventually(() => graph.gateway.subscriptions.slowConsumers > slowBefore, 'the slow client found slow');
    } finally {
      clearInterval(watch);
    }
    expect(await closed).toMatchObject({ code: 1008, reason: expect.stringContaining('SLOW_CONSUMER') });
    fast.stop();
    await fastClient.dispose();
  }, 120_000);

  it('lets an event stream whose client stopped reading and went away give back its connection and its subscription', async () => {
    const stream = liveStreamIds[3] as string;
    const sender = userIds[44] as string;
    const { auth, rose, query } = await giftsWithLargeEvents(sender);
    const connectionsBefore = graph.gateway.subscriptionConnections();
    const openBefore = graph.gateway.subscriptions.openSubscriptions;

    // The client reads the head of the stream, then nothing more (its socket paused), then leaves.
    const { port } = new URL(graph.url);
    const request = http.request({ host: '127.0.0.1', port: Number(port), path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/event-stream' } });
    const response = new Promise<http.IncomingMessage>((resolve) => request.once('response', resolve));
    request.on('error', () => undefined);
    request.end(JSON.stringify({ query, variables: { id: stream } }));
    const head = await response;
    expect(head.statusCode).toBe(200);
    head.socket.pause();
    head.on('error', () => undefined);
    await eventually(() => graph.gateway.subscriptions.listeningSubscriptions >= 1, 'the event stream listening');
    // Each event is about 200 kB: a dozen fill the socket's buffers, so the gateway waits for a drain.
    for (let n = 0; n < 15; n++) {
      const sent = await graph.query('mutation ($input: SendLiveGiftInput!) { sendLiveGift(input: $input) { send { id } } }', { input: { liveStreamId: stream, giftId: rose, idempotencyKey: key() } }, auth);
      expect(sent.body.errors).toBeUndefined();
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(graph.gateway.subscriptionConnections()).toBe(connectionsBefore + 1);
    head.socket.destroy();
    await eventually(() => graph.gateway.subscriptionConnections() === connectionsBefore, 'the connection slot given back', 10_000);
    await eventually(() => graph.gateway.subscriptions.openSubscriptions === openBefore, 'the subscription let go', 10_000);
  }, 60_000);
});

describe('shutdown', () => {
  it('closes every open subscription so its client comes back (WebSocket 1012, SSE retry:), and refuses new ones', async () => {
    const graph = await startGraph();
    try {
      const creator = creatorIds[10] as string;
      const streamId = await scheduled(graph, creator);
      let closed: { code: number; reason: string } | null = null;
      const ws = webSocketClient(graph.url, {}, (event) => (closed = event));
      const overWs = subscribeOverWebSocket(ws, UPDATES, { id: streamId });
      const raw = await fetch(`${graph.url}graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ query: UPDATES, variables: { id: streamId } }),
      });
      const sseText = raw.text();
      await eventually(() => graph.gateway.subscriptions.listeningSubscriptions === 2, 'two subscriptions');
      await changeStatus(graph, 'startLiveStream', streamId, creator);
      await eventually(() => overWs.results.length === 1, 'the LIVE event');
      await graph.gateway.stopSubscriptions();

      // Neither is told the subscription is complete: each is told to come back.
      await overWs.done;
      expect(overWs.completed).toBe(false);
      await eventually(() => closed !== null, 'the socket to close');
      expect(closed).toMatchObject({ code: 1012 });
      const text = await sseText;
      expect(text).toMatch(/id: 2\nevent: next/); // 1 was SCHEDULED
      expect(text).not.toMatch(/event: complete/);
      expect(text.trimEnd().endsWith('retry: 1000')).toBe(true);
      const refused = await fetch(`${graph.url}graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ query: UPDATES, variables: { id: streamId } }),
      });
      expect(refused.status).toBe(503);
    } finally {
      await graph.stop();
    }
  });
});

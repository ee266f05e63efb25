/**
 * Every way a subscription is refused or dropped, as a client meets it: the same codes over
 * WebSocket and SSE, every slot given back, nothing a caller sends on one socket costing
 * everyone else, a reader that stops told why, and caps that count clients, not the balancer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { liveStreamIds, userIds } from '@app/fixtures/world';
import { DEFAULT_SUBSCRIPTION_CAPS } from '@app/gateway/src/subscriptions/admission.ts';
import { SUBSCRIBE_MESSAGES_PER_SECOND } from '@app/gateway/src/subscriptions/websocket.ts';
import { startGraph, type RunningGraph } from './harness.ts';
import { buyCoins, idempotencyKey } from './live-api.ts';
import { eventually } from './eventually.ts';
import { subscribeOverWebSocket, webSocketClient } from './live-clients.ts';

const UPDATES = 'subscription ($id: ID!) { liveStreamUpdates(liveStreamId: $id) { id status } }';
const wsUrl = (graph: RunningGraph) => `${graph.url.replace(/^http/, 'ws')}graphql`;

/** A graphql-ws connection spoken by hand, collecting every message the gateway sends. */
async function rawSocket(graph: RunningGraph, headers: Record<string, string> = {}) {
  const socket = new WebSocket(wsUrl(graph), 'graphql-transport-ws', { headers });
  const messages: any[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: String(reason) })));
  socket.on('message', (data) => messages.push(JSON.parse(String(data))));
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  socket.send(JSON.stringify({ type: 'connection_init' }));
  await eventually(() => messages.some((message) => message.type === 'connection_ack'), 'the connection ack');
  return { socket, messages, closed };
}

async function overSse(graph: RunningGraph, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await fetch(`${graph.url}graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  return { status: response.status, body: response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
}

describe('refusals, the same over WebSocket and SSE', () => {
  let graph: RunningGraph;
  beforeAll(async () => {
    graph = await startGraph({ gateway: { subscriptions: { ...DEFAULT_SUBSCRIPTION_CAPS, perCaller: 3, perIp: 1_000, connectionsPerIp: 1_000 } } });
  });
  afterAll(() => graph?.stop());

  it('refuses a subscription whose root field carries @skip or @include with BAD_USER_INPUT, and gives every slot back', async () => {
    const user = userIds[30] as string;
    const auth = `Bearer ${await graph.tokenFor(user)}`;
    const ws = webSocketClient(graph.url, { authorization: auth });
    const skipped = ['subscription ($id: ID!) { liveStreamUpdates(liveStreamId: $id) @skip(if: true) { id } }', 'subscription ($id: ID!, $on: Boolean!) { liveStreamUpdates(liveStreamId: $id) @include(if: $on) { id } }'];
    // Far more attempts than the user's cap of 3: a slot held by any of them would show.
    for (let i = 0; i < 10; i++) {
      const refused = subscribeOverWebSocket(ws, skipped[i % 2] as string, { id: liveStreamIds[0], on: false });
      await refused.done;
      expect((refused.error as { extensions?: { code?: string } }[])[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      const sse = await overSse(graph, skipped[i % 2] as string, { id: liveStreamIds[0], on: false }, { authorization: auth });
      expect(sse.status).toBe(400);
      expect(sse.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    }
    expect(graph.gateway.subscriptions.openSubscriptions).toBe(0);
    const held = [0, 1, 2].map(() => subscribeOverWebSocket(ws, UPDATES, { id: liveStreamIds[0] }));
    await eventually(() => graph.gateway.subscriptions.openSubscriptions === 3, 'the user’s three subscriptions');
    for (const one of held) one.stop();
    await ws.dispose();
  });

  it('answers an SSE refusal with its code and an HTTP status for it, as over WebSocket and HTTP', async () => {
    const invalid = await overSse(graph, 'subscription { liveStreamUpdates(liveStreamId: "x") { nope } }', {});
    expect(invalid).toMatchObject({ status: 400, body: { errors: [{ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] } });
    const query = await overSse(graph, '{ feed(first: 1) { edges { cursor } } }', {});
    expect(query).toMatchObject({ status: 400, body: { errors: [{ extensions: { code: 'SUBSCRIPTION_REQUIRED' } }] } });
    const variables = await overSse(graph, UPDATES, {});
    expect(variables).toMatchObject({ status: 400, body: { errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] } });

    const user = userIds[31] as string;
    const auth = `Bearer ${await graph.tokenFor(user)}`;
    const ws = webSocketClient(graph.url, { authorization: auth });
    const held = [0, 1, 2].map(() => subscribeOverWebSocket(ws, UPDATES, { id: liveStreamIds[0] }));
    await eventually(() => graph.gateway.subscriptions.openSubscriptions === 3, 'the user’s three subscriptions');
    const overCap = await overSse(graph, UPDATES, { id: liveStreamIds[0] }, { authorization: auth });
    expect(overCap).toMatchObject({ status: 429, body: { errors: [{ extensions: { code: 'SUBSCRIPTION_LIMIT_REACHED' } }] } });
    for (const one of held) one.stop();
    await ws.dispose();
  });

  it('refuses a flood of subscribe messages on one socket unread past its budget, while other callers are answered', async () => {
    const flood = await rawSocket(graph);
    const frames = 2_000;
    const started = Date.now();
    for (let i = 0; i < frames; i++) flood.socket.send(JSON.stringify({ id: `f${i}`, type: 'subscribe', payload: { query: UPDATES, variables: { id: liveStreamIds[0] } } }));
    const other = await graph.query('{ feed(first: 1) { edges { cursor } } }');
    expect(other.body.errors).toBeUndefined();
    await eventually(() => flood.messages.filter((message) => message.type === 'error').length >= frames - 200, 'the flood refused', 20_000);
    const seconds = (Date.now() - started) / 1000;
    const refusedUnread = flood.messages.filter((message) => message.type === 'error' && /Too many subscribe messages/.test(message.payload?.[0]?.message ?? ''));
    expect(refusedUnread[0]?.payload[0].extensions.code).toBe('THROTTLED');
    // Only the connection's budget was read at all (a burst of 40, then 20 a second); the rest cost nothing.
    expect(frames - refusedUnread.length).toBeLessThanOrEqual(40 + Math.ceil(seconds + 1) * SUBSCRIBE_MESSAGES_PER_SECOND);
    flood.socket.close();
    await flood.closed;
    await eventually(() => graph.gateway.subscriptions.openSubscriptions === 0, 'the flood’s subscriptions gone');
  });
});

describe('in production', () => {
  let graph: RunningGraph;
  beforeAll(async () => {
    graph = await startGraph({ production: true });
  });
  afterAll(() => graph?.stop());

  it('names no field in a refusal over WebSocket or SSE, as over HTTP', async () => {
    const typo = 'subscription { liveGiftEvent(liveStreamId: "x") { id } }';
    const ws = webSocketClient(graph.url);
    const refused = subscribeOverWebSocket(ws, typo);
    await refused.done;
    const [error] = refused.error as { message: string; extensions?: { code?: string } }[];
    expect(error?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(error?.message).not.toMatch(/Did you mean|liveGiftEvents/);
    await ws.dispose();
    const sse = await overSse(graph, typo, {});
    expect(sse.status).toBe(400);
    expect(sse.body.errors[0].message).not.toMatch(/Did you mean|liveGiftEvents/);
  });
});

describe('a client that stops reading', () => {
  let graph: RunningGraph;
  beforeAll(async () => {
    // A short keep-alive, the default buffer: the missed ping trips long before 1,000 events wait.
    graph = await startGraph({ gateway: { subscriptions: { ...DEFAULT_SUBSCRIPTION_CAPS, perIp: 1_000, connectionsPerIp: 1_000, keepAliveMs: 300 } } });
  });
  afterAll(() => graph?.stop());

  it('hears 1008 SLOW_CONSUMER once it reads again, not a bare 1006, when the keep-alive finds it first', async () => {
    const stream = liveStreamIds[1] as string;
    const sender = userIds[32] as string;
    await buyCoins(graph, sender);
    const slow = await rawSocket(graph);
    slow.socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription ($id: ID!) { liveGiftEvents(liveStreamId: $id) { id } }', variables: { id: stream } } }));
    await eventually(() => graph.gateway.subscriptions.listeningSubscriptions === 1, 'the subscription');
    const slowBefore = graph.gateway.subscriptions.slowConsumers;
    (slow.socket as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
    const gifts = (await graph.query('{ liveGifts { id coinPrice } }')).body.data.liveGifts as { id: string; coinPrice: number }[];
    const rose = gifts.sort((a, b) => a.coinPrice - b.coinPrice)[0]!.id;
    const auth = { authorization: `Bearer ${await graph.tokenFor(sender)}` };
    for (let i = 0; i < 5; i++) {
      const sent = await graph.query('mutation ($input: SendLiveGiftInput!) { sendLiveGift(input: $input) { send { id } } }', { input: { liveStreamId: stream, giftId: rose, quantity: 1, idempotencyKey: idempotencyKey('stalled') } }, auth);
      expect(sent.body.errors).toBeUndefined();
    }
    await eventually(() => graph.gateway.subscriptions.slowConsumers > slowBefore, 'the gateway to find the client stalled', 10_000);
    (slow.socket as unknown as { _socket: { resume(): void } })._socket.resume();
    expect(await slow.closed).toMatchObject({ code: 1008, reason: expect.stringContaining('SLOW_CONSUMER') });
    await eventually(() => graph.gateway.subscriptions.openSubscriptions === 0, 'its subscription given back', 10_000);
  });
});

describe('behind a trusted load balancer', () => {
  let graph: RunningGraph;
  beforeAll(async () => {
    graph = await startGraph({ gateway: { trustedProxies: ['loopback'], subscriptions: { ...DEFAULT_SUBSCRIPTION_CAPS, perIp: 2, connectionsPerIp: 2 } } });
  });
  afterAll(() => graph?.stop());

  it('counts each forwarded client address against its own caps, not the balancer’s', async () => {
    const open = (address: string) =>
      new Promise<number | WebSocket>((resolve) => {
        const socket = new WebSocket(wsUrl(graph), 'graphql-transport-ws', { headers: { 'x-forwarded-for': address } });
        socket.once('open', () => resolve(socket));
        socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      });
    // Two connections each from three clients, all through the one balancer on 127.0.0.1.
    const sockets = await Promise.all(['198.51.100.1', '198.51.100.2', '198.51.100.3'].flatMap((address) => [open(address), open(address)]));
    expect(sockets.every((socket) => socket instanceof WebSocket)).toBe(true);
    // A third from one of them is over that client's cap alone.
    expect(await open('198.51.100.2')).toBe(429);
    for (const socket of sockets) (socket as WebSocket).close();

    // And the subscription cap per address follows the forwarded address.
    const subscribe = (raw: Awaited<ReturnType<typeof rawSocket>>, id: string) =>
      raw.socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query: UPDATES, variables: { id: liveStreamIds[2] } } }));
    const [first, second] = await Promise.all([rawSocket(graph, { 'x-forwarded-for': '198.51.100.4' }), rawSocket(graph, { 'x-forwarded-for': '198.51.100.5' })]);
    for (const id of ['a', 'b']) {
      subscribe(first!, id);
      subscribe(second!, id);
    }
    await eventually(() => graph.gateway.subscriptions.openSubscriptions === 4, 'two subscriptions from each client');
    subscribe(first!, 'c');
    await eventually(() => first!.messages.some((message) => message.id === 'c'), 'the third subscription answered');
    expect(first!.messages.find((message) => message.id === 'c')).toMatchObject({ type: 'error', payload: [{ extensions: { code: 'SUBSCRIPTION_LIMIT_REACHED' } }] });
    first!.socket.close();
    second!.socket.close();
  });
});

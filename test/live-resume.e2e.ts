/**
 * A client's start position is its own: whatever else shares a stream's upstream subscription
 * at the gateway, a client that resumes with `after` (or `Last-Event-ID`) gets exactly the events
 * after its position, in order, once, and then every later one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedId } from '@app/fixtures/ids';
import { creatorIds, userIds } from '@app/fixtures/world';
import { startGraph, type RunningGraph } from './harness.ts';
import { asUser, buyCoins, idempotencyKey, startOwnStream } from './live-api.ts';
import { eventually } from './eventually.ts';
import { rawEventStream, subscribeOverWebSocket, webSocketClient, type Received } from './live-clients.ts';

let graph: RunningGraph;
beforeAll(async () => {
  graph = await startGraph();
});
afterAll(() => graph?.stop());

const rose = seedId('lgf', 0);
const GIFT_IDS = 'subscription GiftIds($id: ID!, $after: ID) { liveGiftEvents(liveStreamId: $id, after: $after) { id send { id } } }';
const idsOf = (received: Received) => received.results.map((result) => Number(result.data?.liveGiftEvents?.id));
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

async function sendRose(sender: string, stream: string): Promise<void> {
  const sent = await graph.query('mutation ($input: SendLiveGiftInput!) { sendLiveGift(input: $input) { send { id } } }', { input: { liveStreamId: stream, giftId: rose, quantity: 1, idempotencyKey: idempotencyKey('resume') } }, await asUser(graph, sender));
  expect(sent.body.errors).toBeUndefined();
}

describe('resuming from a position while others share the stream', () => {
  it('gives a client resuming from an id another client already passed every event after it, over WebSocket and SSE, from one shared upstream', async () => {
    const stream = await startOwnStream(graph, creatorIds[13] as string, 'Resume while shared');
    const sender = userIds[40] as string;
    await buyCoins(graph, sender);
    for (let i = 0; i < 2; i++) await sendRose(sender, stream);

    const ws = webSocketClient(graph.url);
    const first = subscribeOverWebSocket(ws, GIFT_IDS, { id: stream, after: '2' });
    await eventually(() => graph.gateway.subscriptions.listeningSubscriptions === 1, 'the first client');
    for (let i = 0; i < 3; i++) await sendRose(sender, stream);
    await eventually(() => first.results.length === 3, 'events 3 to 5 on the first client');

    // Three more clients, each from its own position: one far back, one the first passed, one close to now.
    const fromStart = subscribeOverWebSocket(ws, GIFT_IDS, { id: stream, after: '0' });
    const second = subscribeOverWebSocket(ws, GIFT_IDS, { id: stream, after: '2' });
    // `after` written into the document rather than passed as a variable: shared all the same.
    const recent = subscribeOverWebSocket(ws, 'subscription GiftIds($id: ID!) { liveGiftEvents(liveStreamId: $id, after: "4") { id send { id } } }', { id: stream });
    const overSse = rawEventStream(graph.url, GIFT_IDS, { id: stream }, { 'last-event-id': '3' });
    await eventually(() => second.results.length === 3 && fromStart.results.length === 5 && recent.results.length === 1 && overSse.next().length === 2, 'each client’s missed events');
    for (let i = 0; i < 2; i++) await sendRose(sender, stream);
    await eventually(() => [first, fromStart, second, recent].every((one) => idsOf(one).at(-1) === 7) && overSse.next().length === 4, 'the two new events everywhere');

    expect(idsOf(first)).toEqual(range(3, 7));
    expect(idsOf(second)).toEqual(range(3, 7));
    expect(idsOf(fromStart)).toEqual(range(1, 7));
    expect(idsOf(recent)).toEqual(range(5, 7));
    expect(overSse.next().map((message) => Number(message.id))).toEqual(range(4, 7));
    // Every client caught up and joined the one upstream: nobody is left on a subscription of its own.
    expect(graph.gateway.subscriptions.upstreamSubscriptions).toBe(1);
    expect(graph.gateway.subscriptions.catchingUpSubscriptions).toBe(0);
    // The event payloads are the same sends, whichever way each client got them.
    const sends = first.results.map((result) => result.data.liveGiftEvents.send.id);
    expect(second.results.map((result) => result.data.liveGiftEvents.send.id)).toEqual(sends);
    expect(fromStart.results.slice(2).map((result) => result.data.liveGiftEvents.send.id)).toEqual(sends);

    for (const one of [first, fromStart, second, recent]) one.stop();
    overSse.stop();
    await overSse.done;
    await ws.dispose();
    await eventually(() => graph.gateway.subscriptions.openSubscriptions === 0 && graph.gateway.subscriptions.upstreamSubscriptions === 0, 'every subscription let go');
  });

  it('loses nothing at the seam while events flow: clients resuming from different ids during a burst each get exactly the events after their own position', async () => {
    const stream = await startOwnStream(graph, creatorIds[14] as string, 'Resume during a burst');
    const sender = userIds[41] as string;
    await buyCoins(graph, sender);
    const ws = webSocketClient(graph.url);
    const live = subscribeOverWebSocket(ws, GIFT_IDS, { id: stream });
    await eventually(() => graph.gateway.subscriptions.listeningSubscriptions === 1, 'the live client');

    const total = 40;
    const resumed: { from: number; received: Received }[] = [];
    for (let i = 1; i <= total; i++) {
      await sendRose(sender, stream);
      // Every fifth send, a client comes back from a position somewhere behind.
      if (i % 5 === 0) resumed.push({ from: i - 3, received: subscribeOverWebSocket(ws, GIFT_IDS, { id: stream, after: String(i - 3) }) });
    }
    await eventually(() => idsOf(live).length === total && resumed.every(({ from, received }) => received.results.length === total - from), 'every client at the last event', 15_000);
    expect(idsOf(live)).toEqual(range(1, total));
    for (const { from, received } of resumed) expect(idsOf(received)).toEqual(range(from + 1, total));
    live.stop();
    for (const { received } of resumed) received.stop();
    await ws.dispose();
  });

  it('lets the subgraph refuse a position it never gave out, to that client alone, and gives its slot back', async () => {
    const stream = await startOwnStream(graph, creatorIds[15] as string, 'Bad positions');
    const ws = webSocketClient(graph.url);
    const live = subscribeOverWebSocket(ws, GIFT_IDS, { id: stream });
    await eventually(() => graph.gateway.subscriptions.listeningSubscriptions === 1, 'the live client');
    for (const after of ['not-an-id', '99']) {
      const refused = subscribeOverWebSocket(ws, GIFT_IDS, { id: stream, after });
      await refused.done;
      expect(refused.results[0]?.errors?.[0]?.extensions?.code ?? (refused.error as { extensions?: { code?: string } }[] | undefined)?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    await eventually(() => graph.gateway.subscriptions.openSubscriptions === 1, 'the refused subscriptions gone');
    expect(live.completed).toBe(false);
    live.stop();
    await ws.dispose();
  });

  it('joins a room from its recent gifts: subscribing after the newest one shown hears every later gift and none of those again', async () => {
    const stream = await startOwnStream(graph, creatorIds[12] as string, 'Join from recent gifts');
    const sender = userIds[41] as string;
    await buyCoins(graph, sender);
    for (let i = 0; i < 3; i++) await sendRose(sender, stream);
    const RECENT = 'query ($id: ID!) { liveStream(id: $id) { recentGifts(first: 2) { id eventId sender { id } } } }';
    const { body } = await graph.query(RECENT, { id: stream });
    expect(body.errors).toBeUndefined();
    const recent = body.data.liveStream.recentGifts as { id: string; eventId: string; sender: { id: string } }[];
    expect(recent.map((send) => send.eventId)).toEqual(['3', '2']);
    expect(recent.every((send) => send.sender.id === sender)).toBe(true);

    const ws = webSocketClient(graph.url);
    const joined = subscribeOverWebSocket(ws, GIFT_IDS, { id: stream, after: recent[0]!.eventId });
    await eventually(() => graph.gateway.subscriptions.listeningSubscriptions >= 1, 'the joined client');
    await sendRose(sender, stream);
    await eventually(() => joined.results.length === 1, 'the next gift');
    expect(idsOf(joined)).toEqual([4]);
    expect(joined.results[0]!.data?.liveGiftEvents?.send?.id).not.toBe(recent[0]!.id);
    await ws.dispose();

    const tooMany = await graph.query('query ($id: ID!) { liveStream(id: $id) { recentGifts(first: 51) { id } } }', { id: stream });
    expect(tooMany.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
  });
});

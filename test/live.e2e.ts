/**
 * LIVE in real time, through the gateway: subscriptions over WebSocket (graphql-ws) and
 * Server-Sent Events (graphql-sse), planned by the gateway, one upstream subscription to the
 * owning subgraph, each event completed across the graph.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creatorIds, LIVE_NOW_COUNT, liveStreamIds, userIds } from '@app/fixtures/world';
import { startGraph, type RunningGraph } from './harness.ts';
import { eventually } from './eventually.ts';
import { subscribeOverSse, subscribeOverWebSocket, webSocketClient } from './live-clients.ts';

let graph: RunningGraph;
beforeAll(async () => {
  graph = await startGraph();
});
afterAll(() => graph?.stop());

const bearer = async (userId: string) => ({ authorization: `Bearer ${await graph.tokenFor(userId)}` });
let keyCounter = 0;
const key = () => `live-e2e-${Date.now()}-${++keyCounter}`;

const STREAM_UPDATES = /* GraphQL */ `
  subscription StreamUpdates($id: ID!) {
    liveStreamUpdates(liveStreamId: $id) { id status stream { id status startedAt endedAt creator { handle } } }
  }
`;

async function scheduleStream(creatorId: string, title = 'Cooking live') {
  const scheduled = await graph.query(
    'mutation ($input: ScheduleLiveStreamInput!) { scheduleLiveStream(input: $input) { id status } }',
    { input: { title, scheduledFor: new Date(Date.now() + 3_600_000).toISOString(), idempotencyKey: key() } },
    await bearer(creatorId),
  );
  expect(scheduled.body.errors).toBeUndefined();
  return scheduled.body.data.scheduleLiveStream.id as string;
}

describe('a live stream’s lifecycle, as subscribers see it', () => {
  it('reaches a WebSocket and an SSE subscriber through one upstream subscription, completed with the creator from users, and completes both when the stream ends', async () => {
    const creator = creatorIds[3] as string;
    const streamId = await scheduleStream(creator);
    const ws = webSocketClient(graph.url);
    const overWs = subscribeOverWebSocket(ws, STREAM_UPDATES, { id: streamId });
    const overSse = subscribeOverSse(graph.url, STREAM_UPDATES, { id: streamId });
    await eventually(() => graph.gateway.subscriptions.listeningSubscriptions === 2, 'two open subscriptions');
    expect(graph.gateway.subscriptions.upstreamSubscriptions).toBe(1);

    const outsider = await graph.query('mutation ($id: ID!) { startLiveStream(id: $id) { id } }', { id: streamId }, await bearer(userIds[50] as string));
    expect(outsider.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_STREAM_CREATOR' });

    const started = await graph.query('mutation ($id: ID!) { startLiveStream(id: $id) { status startedAt } }', { id: streamId }, await bearer(creator));
    expect(started.body.data.startLiveStream.status).toBe('LIVE');
    await eventually(() => overWs.results.length === 1 && overSse.results.length === 1, 'the LIVE event on both');
    const handle = (await graph.query('query ($id: ID!) { creator(id: $id) { handle } }', { id: creator })).body.data.creator.handle;
    for (const received of [overWs, overSse]) {
      expect(received.results[0].errors).toBeUndefined();
      expect(received.results[0].data.liveStreamUpdates).toMatchObject({ status: 'LIVE', stream: { id: streamId, status: 'LIVE', creator: { handle } } });
    }

    await graph.query('mutation ($id: ID!) { endLiveStream(id: $id) { status } }', { id: streamId }, await bearer(creator));
    await Promise.all([overWs.done, overSse.done]);
    for (const received of [overWs, overSse]) {
      expect(received.completed).toBe(true);
      expect(received.results.map((result) => result.data.liveStreamUpdates.status)).toEqual(['LIVE', 'ENDED']);
      expect(received.results[1].data.liveStreamUpdates.stream.endedAt).toEqual(expect.any(String));
    }
    await eventually(() => graph.gateway.subscriptions.upstreamSubscriptions === 0, 'the upstream to close');
    await ws.dispose();
  });
});

describe('a seeded stream that has ended', () => {
  const ENDED_UPDATES = 'subscription ($id: ID!) { liveStreamUpdates(liveStreamId: $id) { id status stream { id status endedAt } } }';
  // The seed's streams after those live now have ended (then come the scheduled ones).
  const ended = [liveStreamIds[LIVE_NOW_COUNT] as string, liveStreamIds[LIVE_NOW_COUNT + 1] as string];

  async function updatesOf(streamId: string) {
    const received = subscribeOverSse(graph.url, ENDED_UPDATES, { id: streamId });
    await received.done;
    expect(received.error).toBeUndefined();
    expect(received.completed).toBe(true);
    return received.results;
  }

  it('sends its ENDED event (LIVE, then ENDED: id 2), then completes, also once the retention window has dropped it', async () => {
    const [first, second] = ended as [string, string];
    const { endedAt } = (await graph.query('query ($id: ID!) { liveStream(id: $id) { endedAt } }', { id: first })).body.data.liveStream;
    expect(endedAt).toEqual(expect.any(String));
    const endedEvent = (id: string) => [{ data: { liveStreamUpdates: { id: '2', status: 'ENDED', stream: { id, status: 'ENDED', endedAt: expect.any(String) } } } }];
    expect(await updatesOf(first)).toMatchObject(endedEvent(first));
    expect((await updatesOf(first))[0].data.liveStreamUpdates.stream.endedAt).toBe(endedAt);

    // Any new event prunes what is older than the window: the seeded ones, dated when each stream ran.
    await scheduleStream(creatorIds[4] as string, 'Pruning the outbox');
    expect(await graph.rows('content').scalar('select count(*) from live_events where topic = ?', second)).toBe(0);
    expect(await updatesOf(second)).toMatchObject(endedEvent(second));
    expect(await updatesOf(first)).toMatchObject(endedEvent(first));
  });
});

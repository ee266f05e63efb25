import { readFileSync } from 'node:fs';
import { getOperationAST, parse, type ExecutionResult, type OperationDefinitionNode } from 'graphql';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createLogger } from '@app/kit/log';
import { anonymousViewer, type Viewer } from '@app/kit/viewer';
import type { ClientStream } from './client-stream.ts';
import { DELIVERY_BATCH, DELIVERY_CHUNK, SubscriptionHub } from './hub.ts';
import { SubscriptionPlanner } from './plan.ts';
import { splitPosition } from './position.ts';
import type { UpstreamOptions, UpstreamSubscription } from './upstream.ts';

const planner = new SubscriptionPlanner(readFileSync(new URL('../../../schema/supergraph.graphql', import.meta.url), 'utf8'));

/** An upstream the test drives: it says where it starts and sends events when told. */
class FakeUpstream implements UpstreamSubscription {
  lastEventId: string | null = null;
  startedAfter: string | null = null;
  stopped = false;
  constructor(readonly options: UpstreamOptions) {}
  get listening() {
    return this.lastEventId !== null;
  }
  start() {
    this.startedAfter = this.lastEventId;
  }
  async stop() {
    this.stopped = true;
  }
  /** The subgraph's first answer: the position the subscription starts after. */
  listen(position: number) {
    this.lastEventId = String(position);
    this.options.onListening?.(this.lastEventId);
  }
  send(id: number) {
    this.lastEventId = String(id);
    this.options.onResult({ data: { liveGiftEvents: { id: String(id) } }, extensions: { eventId: String(id) } });
  }
}

function hubWithFakeUpstreams() {
  const upstreams: FakeUpstream[] = [];
  const hub = new SubscriptionHub({
    planner,
    serviceMap: () => ({}),
    subgraphUrl: () => 'http://127.0.0.1:9/graphql',
    secret: 'unit-test-secret-0123456789abcdef0123456789',
    logger: createLogger('hub', { level: 'silent' }),
    registry: new Registry(),
    maxBuffered: 100,
    formatError: (formatted) => formatted,
    connectUpstream: (options) => {
      const upstream = new FakeUpstream(options);
      upstreams.push(upstream);
      return upstream;
    },
  });
  return { hub, upstreams };
}

/** Events only the gifts subgraph answers: completing one needs no other subgraph. */
const GIFT_IDS = 'subscription Ids($id: ID!, $after: ID) { liveGiftEvents(liveStreamId: $id, after: $after) { id } }';

function subscribe(hub: SubscriptionHub, variables: Record<string, unknown>, viewer: Viewer = anonymousViewer()) {
  const document = parse(GIFT_IDS);
  const split = splitPosition(document, getOperationAST(document) as OperationDefinitionNode, GIFT_IDS, variables);
  const stream = hub.subscribe({ ...split, operationName: 'Ids', context: { viewer, clientIp: '127.0.0.1' }, onSlow: () => undefined });
  const ids: number[] = [];
  void (async () => {
    for await (const result of stream as AsyncIterable<ExecutionResult>) ids.push(Number((result.data as { liveGiftEvents: { id: string } }).liveGiftEvents.id));
  })();
  return { stream: stream as ClientStream, ids };
}

/** Lets the hub's completion chains run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('the subscription hub', () => {
  it('hands an event to at most DELIVERY_CHUNK clients a turn, every client each event once and in order', async () => {
    const { hub, upstreams } = hubWithFakeUpstreams();
    const clients = Array.from({ length: 2 * DELIVERY_CHUNK + 50 }, () => subscribe(hub, { id: 'ls_chunks' }));
    upstreams[0]!.listen(0);
    await settle();
    upstreams[0]!.send(1);
    upstreams[0]!.send(2);
    // Counted on each turn while the events are handed out.
    const perTurn: number[] = [];
    let before = 0;
    for (let turn = 0; turn < 20; turn++) {
      await new Promise((resolve) => setImmediate(resolve));
      const now = clients.reduce((sum, client) => sum + client.ids.length, 0);
      perTurn.push(now - before);
      before = now;
    }
    await settle();
    expect(Math.max(...perTurn)).toBeLessThanOrEqual(DELIVERY_CHUNK);
    for (const client of clients) expect(client.ids).toEqual([1, 2]);
  });

  it('hands the events that waited together to each client in one turn, still at most DELIVERY_CHUNK hand-outs a turn', async () => {
    const { hub, upstreams } = hubWithFakeUpstreams();
    const clients = Array.from({ length: 2 * DELIVERY_CHUNK + 50 }, () => subscribe(hub, { id: 'ls_batches' }));
    upstreams[0]!.listen(0);
    await settle();
    // Event 1 starts the hand-out; 2 to 6 complete while it is handed out, so they wait together.
    for (const id of [1, 2, 3, 4, 5, 6]) upstreams[0]!.send(id);
    const turnOf = clients.map(() => new Map<number, number>());
    const perTurn: number[] = [];
    let before = 0;
    for (let turn = 0; turn < 40; turn++) {
      await new Promise((resolve) => setImmediate(resolve));
      clients.forEach((client, i) => client.ids.forEach((id) => turnOf[i]!.has(id) || turnOf[i]!.set(id, turn)));
      const now = clients.reduce((sum, client) => sum + client.ids.length, 0);
      perTurn.push(now - before);
      before = now;
    }
    await settle();
    expect(Math.max(...perTurn)).toBeLessThanOrEqual(DELIVERY_CHUNK);
    for (const client of clients) expect(client.ids).toEqual([1, 2, 3, 4, 5, 6]);
    for (const turns of turnOf) {
      expect(new Set([2, 3, 4, 5, 6].map((id) => turns.get(id))).size).toBe(1);
      expect(turns.get(2)).toBeGreaterThan(turns.get(1) as number);
    }
    // The whole backlog took fewer turns than one event at a time would (3 chunks each).
    expect(perTurn.filter((count) => count > 0).length).toBeLessThan(6 * 3);
  });

  it('hands a backlog out a batch at a time (at most DELIVERY_BATCH, at most a quarter of a client buffer), in order, each once', async () => {
    const { hub, upstreams } = hubWithFakeUpstreams();
    const clients = Array.from({ length: DELIVERY_CHUNK + 1 }, () => subscribe(hub, { id: 'ls_backlog' }));
    upstreams[0]!.listen(0);
    await settle();
    const ids = Array.from({ length: 2 * DELIVERY_BATCH + 5 }, (_, i) => i + 1);
    for (const id of ids) upstreams[0]!.send(id);
    // How many events the first client is handed on each turn while the backlog goes out.
    const perTurn: number[] = [];
    for (let turn = 0; turn < 40; turn++) {
      const before = clients[0]!.ids.length;
      await new Promise((resolve) => setImmediate(resolve));
      perTurn.push(clients[0]!.ids.length - before);
    }
    await settle();
    // A batch is DELIVERY_BATCH events, or a quarter of a client's buffer (100 here) if less.
    expect(Math.max(...perTurn)).toBe(Math.min(DELIVERY_BATCH, 100 / 4));
    for (const client of clients) expect(client.ids).toEqual(ids);
  });

  it('shares one upstream and one completion among clients of the same stream, and lets the upstream go with the last client', async () => {
    const { hub, upstreams } = hubWithFakeUpstreams();
    const first = subscribe(hub, { id: 'lst_1' });
    const second = subscribe(hub, { id: 'lst_1' });
    expect(upstreams).toHaveLength(1);
    upstreams[0]!.listen(0);
    for (const id of [1, 2, 3]) upstreams[0]!.send(id);
    await settle();
    expect(first.ids).toEqual([1, 2, 3]);
    expect(second.ids).toEqual([1, 2, 3]);
    // Another stream is another upstream.
    subscribe(hub, { id: 'lst_2' }).stream.end();
    expect(upstreams).toHaveLength(2);
    await first.stream.return();
    expect(upstreams[0]!.stopped).toBe(false);
    await second.stream.return();
    expect(upstreams[0]!.stopped).toBe(true);
    expect(hub.upstreamSubscriptions).toBe(0);
  });

  it('serves a client resuming from an id the group still holds from its recent events, with no upstream of its own', async () => {
    const { hub, upstreams } = hubWithFakeUpstreams();
    const live = subscribe(hub, { id: 'lst_1' });
    upstreams[0]!.listen(10);
    for (const id of [11, 12, 13]) upstreams[0]!.send(id);
    await settle();
    const resumed = subscribe(hub, { id: 'lst_1', after: '11' });
    await settle();
    expect(upstreams).toHaveLength(1);
    expect(resumed.ids).toEqual([12, 13]);
    upstreams[0]!.send(14);
    await settle();
    expect(resumed.ids).toEqual([12, 13, 14]);
    expect(live.ids).toEqual([11, 12, 13, 14]);
    expect(hub.catchingUpSubscriptions).toBe(0);
  });

  it('catches a client up from further back on an upstream of its own, then joins the shared one without a gap or a repeat at the seam', async () => {
    const { hub, upstreams } = hubWithFakeUpstreams();
    subscribe(hub, { id: 'lst_1' });
    upstreams[0]!.listen(10);
    for (const id of [11, 12]) upstreams[0]!.send(id);
    await settle();
    const resumed = subscribe(hub, { id: 'lst_1', after: '5' });
    await settle();
    // Before the group's first event: the client resumes from its own position, on its own.
    expect(upstreams).toHaveLength(2);
    const own = upstreams[1]!;
    expect(own.startedAfter).toBe('5');
    expect(hub.catchingUpSubscriptions).toBe(1);
    // Both deliver while it catches up: the shared stream moves on, the outbox replays.
    for (const id of [6, 7, 8, 9, 10]) own.send(id);
    upstreams[0]!.send(13);
    own.send(11);
    await settle();
    expect(own.stopped).toBe(true);
    expect(hub.catchingUpSubscriptions).toBe(0);
    // What the catch-up still had on its way is dropped, the shared stream's events are kept.
    own.send(12);
    upstreams[0]!.send(14);
    await settle();
    expect(resumed.ids).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 14]);
  });

  it('keeps a viewer’s own answers apart: a document that reaches an @auth field gets an upstream per viewer', () => {
    const { hub, upstreams } = hubWithFakeUpstreams();
    const source = 'subscription ($id: ID!) { liveGiftEvents(liveStreamId: $id) { id stream { creator { giftEarnings { diamonds } } } } }';
    const document = parse(source);
    const as = (userId: string): Viewer => ({ ...anonymousViewer(), userId });
    for (const viewer of [as('usr_a'), as('usr_b'), as('usr_a')]) hub.subscribe({ document, source, operationName: null, variables: { id: 'lst_1' }, position: null, context: { viewer, clientIp: null }, onSlow: () => undefined });
    expect(upstreams).toHaveLength(2);
    expect(upstreams.map((upstream) => upstream.options.viewer.userId)).toEqual(['usr_a', 'usr_b']);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { parse, subscribe, type ExecutionResult } from 'graphql';
import { subgraphSchema } from '@app/kit/subgraph';
import { fakePeers, runOperation, subgraphTestbed } from '@app/kit/testing';
import { anonymousViewer } from '@app/kit/viewer';
import { seedId } from '@app/fixtures/ids';
import { liveStreamIds, userIds } from '@app/fixtures/world';
import { createContext, type Context } from './context.ts';
import type { LastStreamSend } from './db/store.ts';
import { seedGiftsStore } from './db/seed.ts';
import { openGiftsStore } from './db/store.ts';
import { nextCombo } from './liveGiftEvents.ts';
import { resolvers } from './resolvers.ts';
import { createServer, typeDefs } from './server.ts';

const { store, server } = subgraphTestbed({ open: openGiftsStore, createServer, context: createContext, seed: seedGiftsStore });
const schema = subgraphSchema<Context>({ name: 'gifts', typeDefs, resolvers: resolvers as never });

/** Content as a map of streams, with each stream's end under the test's control. */
const streams = new Map<string, { status: 'LIVE' | 'ENDED'; creator: { id: string } }>();
const peers = fakePeers({ LiveStream: streams });

const contextOf = (userId: string | null) => createContext(store, { ...anonymousViewer(), userId, country: 'US' }, peers.client);
const run = (userId: string | null, query: string, variables?: Record<string, unknown>) => runOperation(server, contextOf(userId), query, variables);

const SEND = 'mutation ($input: SendLiveGiftInput!) { sendLiveGift(input: $input) { send { id coins diamonds } wallet { coins } } }';
const EVENTS = `subscription ($id: ID!, $after: ID) {
  liveGiftEvents(liveStreamId: $id, after: $after) {
    id combo
    send { id quantity coins diamonds sender { id } gift { name coinPrice } }
    totals { coins diamonds giftCount gifterCount }
    stream { id }
  }
}`;

const rose = seedId('lgf', 0); // 1 coin
const fingerHeart = seedId('lgf', 1); // 5 coins
const doughnut = seedId('lgf', 2); // 30 coins
const lion = seedId('lgf', 10); // 29,999 coins
const creator = userIds[0] as string;

let keyCounter = 0;
const key = () => `events-key-${++keyCounter}`;
const scalar = (query: string) => store.db.get<{ value: number }>(sql.raw(query))?.value ?? 0;
const eventCount = (streamId: string) => scalar(`select count(*) as value from live_events where topic = '${streamId}'`);
const comboOf = (sendId: string) => scalar(`select combo as value from live_gift_sends where id = '${sendId}'`);

/** A stream this test marks live. Streams 0–4 hold the seed's gift history: tests that count totals or events from zero use 5 and up. */
function liveStream(index: number): string {
  const id = liveStreamIds[index] as string;
  streams.set(id, { status: 'LIVE', creator: { id: creator } });
  return id;
}

async function buy(userId: string, packageId = 'cpk_700') {
  const result = await run(userId, 'mutation ($input: PurchaseCoinsInput!) { purchaseCoins(input: $input) { wallet { coins } } }', { input: { packageId, idempotencyKey: key() } });
  expect(result.errors).toBeUndefined();
}

async function send(userId: string, liveStreamId: string, giftId: string, options: { quantity?: number; idempotencyKey?: string } = {}) {
  return run(userId, SEND, { input: { liveStreamId, giftId, quantity: options.quantity ?? 1, idempotencyKey: options.idempotencyKey ?? key() } });
}

async function sent(userId: string, liveStreamId: string, giftId: string, quantity = 1): Promise<string> {
  const result = await send(userId, liveStreamId, giftId, { quantity });
  expect(result.errors).toBeUndefined();
  return result.data?.sendLiveGift.send.id as string;
}

/** Subscribes in-process, as the subgraph's SSE route does; a refusal comes back as errors. */
async function subscribeTo(liveStreamId: string, after?: string) {
  const result = await subscribe({ schema, document: parse(EVENTS), contextValue: contextOf(null), variableValues: { id: liveStreamId, after } });
  return result as AsyncGenerator<ExecutionResult> | ExecutionResult;
}

async function opened(liveStreamId: string, after?: string): Promise<AsyncGenerator<ExecutionResult>> {
  const result = await subscribeTo(liveStreamId, after);
  if (!(Symbol.asyncIterator in result)) throw new Error(`subscription refused: ${JSON.stringify(result.errors)}`);
  return result;
}

/** The next step of a subscription, or a failure after a second (never a hang). */
async function nextOf(events: AsyncGenerator<ExecutionResult>): Promise<IteratorResult<ExecutionResult>> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([events.next(), new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('no event within a second')), 1_000)))]);
  } finally {
    clearTimeout(timer);
  }
}

async function take(events: AsyncGenerator<ExecutionResult>, count: number): Promise<any[]> {
  const taken = [];
  for (let i = 0; i < count; i += 1) {
    const step = await nextOf(events);
    if (step.done) throw new Error(`the subscription completed after ${taken.length} of ${count} events`);
    expect(step.value.errors).toBeUndefined();
    taken.push((step.value.data as any).liveGiftEvents);
  }
  return taken;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the combo rule', () => {
  const at = (seconds: number) => new Date(Date.UTC(2030, 0, 1, 12, 0, seconds));
  const previous = (combo: number, seconds: number, senderId = 'usr_a', giftId = 'lgf_rose'): LastStreamSend => ({ senderId, giftId, combo, createdAt: at(seconds) });
  const next = (senderId = 'usr_a', giftId = 'lgf_rose', seconds = 0) => ({ senderId, giftId, at: at(seconds) });

  it('continues the stream’s last send when it was the same sender’s same gift at most the window before', () => {
    expect(nextCombo(undefined, next(), 10_000)).toBe(1);
    expect(nextCombo(previous(1, 0), next('usr_a', 'lgf_rose', 3), 10_000)).toBe(2);
    expect(nextCombo(previous(6, 0), next('usr_a', 'lgf_rose', 10), 10_000)).toBe(7);
    // A clock that stepped back between two sends still counts as right after.
    expect(nextCombo(previous(2, 5), next('usr_a', 'lgf_rose', 4), 10_000)).toBe(3);
  });

  it('starts again at 1 after a gap over the window, another gift or another sender', () => {
    expect(nextCombo(previous(4, 0), { senderId: 'usr_a', giftId: 'lgf_rose', at: new Date(at(10).getTime() + 1) }, 10_000)).toBe(1);
    expect(nextCombo(previous(4, 0), next('usr_a', 'lgf_heart', 1), 10_000)).toBe(1);
    expect(nextCombo(previous(4, 0), next('usr_b', 'lgf_rose', 1), 10_000)).toBe(1);
    expect(nextCombo(previous(4, 0), next('usr_a', 'lgf_rose', 5), 4_000)).toBe(1);
  });
});

describe('gift events in the outbox', () => {
  it('are written once per committed send, in its transaction, and never for a refused, replayed or rolled-back one', async () => {
    const stream = liveStream(8);
    const ended = liveStreamIds[10] as string;
    streams.set(ended, { status: 'ENDED', creator: { id: creator } });
    const sender = userIds[40] as string;
    await buy(sender, 'cpk_70');

    const input = { idempotencyKey: 'events-once-0001' };
    const first = await send(sender, stream, doughnut, input);
    expect(first.errors).toBeUndefined();
    const sendId = first.data?.sendLiveGift.send.id as string;
    expect(eventCount(stream)).toBe(1);
    const [event] = store.db.all<{ seq: number; kind: string; payload: string }>(sql`select seq, kind, payload from live_events where topic = ${stream}`);
    expect(event).toMatchObject({ seq: 1, kind: 'GIFT_SENT' });
    expect(JSON.parse(event!.payload)).toEqual({ sendId, totals: { coins: 30, diamonds: 15, giftCount: 1, gifterCount: 1 } });
    expect(scalar(`select event_seq as value from live_gift_sends where id = '${sendId}'`)).toBe(1);

    expect((await send(sender, stream, doughnut, input)).data?.sendLiveGift.send.id).toBe(sendId);
    expect((await send(sender, stream, doughnut, { ...input, quantity: 2 })).errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await send(sender, stream, lion)).errors?.[0]?.extensions?.code).toBe('INSUFFICIENT_COINS');
    expect((await send(sender, ended, rose)).errors?.[0]?.extensions?.code).toBe('STREAM_NOT_LIVE');
    peers.unavailable.add('content');
    try {
      expect((await send(sender, stream, rose)).errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      peers.unavailable.delete('content');
    }
    expect(eventCount(stream)).toBe(1);
    expect(eventCount(ended)).toBe(0);

    // A send whose transaction fails after its event was written: the event goes with it.
    const failing = contextOf(sender);
    const real = failing.store;
    failing.store = Object.create(real, {
      transaction: { value: (body: Parameters<typeof real.transaction>[0], options: Parameters<typeof real.transaction>[1]) => real.transaction((tx) => body({ ...tx, recordIdempotency: () => Promise.reject(new Error('disk full')) }), options) },
    });
    const failed = await runOperation(server, failing, SEND, { input: { liveStreamId: stream, giftId: rose, quantity: 1, idempotencyKey: key() } });
    expect(failed.errors?.[0]?.message).toMatch(/unexpected|internal/i);
    expect(eventCount(stream)).toBe(1);
    expect(scalar(`select count(*) as value from live_gift_sends where live_stream_id = '${stream}'`)).toBe(1);

    // The next committed send takes the next number: the failed one left no gap.
    await sent(sender, stream, rose);
    expect(store.db.all<{ seq: number }>(sql`select seq from live_events where topic = ${stream} order by seq`).map((row) => row.seq)).toEqual([1, 2]);
  });

  it('number combos by each sender’s line of sends to a stream: the same gift within the window continues, another gift or a longer gap starts at 1, other senders do not break it', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = new Date('2030-01-01T12:00:00Z').getTime();
    const at = (seconds: number) => vi.setSystemTime(start + seconds * 1000);
    const stream = liveStream(1);
    const elsewhere = liveStream(2);
    const [ana, ben] = [userIds[41] as string, userIds[42] as string];
    await buy(ana);
    await buy(ben);

    const combos: number[] = [];
    const step = async (seconds: number, userId: string, giftId: string, on = stream) => {
      at(seconds);
      combos.push(comboOf(await sent(userId, on, giftId)));
    };
    await step(0, ana, rose); // 1: the stream's first
    await step(2, ana, rose, stream); // 2
    await step(4, ana, rose, elsewhere); // 1 on another stream, which does not break this one's line
    await step(12, ana, rose); // 3: exactly the window after the last on this stream
    at(22.001);
    expect((await send(ana, stream, lion)).errors?.[0]?.extensions?.code).toBe('INSUFFICIENT_COINS'); // refused: not in the line
    await step(22.001, ana, rose); // 1: 10.001 s after the last
    await step(23, ana, fingerHeart); // 1: another gift
    await step(24, ana, fingerHeart); // 2
    await step(25, ben, fingerHeart); // 1: Ben's own first
    await step(26, ana, fingerHeart); // 3: Ben's gift does not break Ana's line
    await step(27, ana, fingerHeart); // 4
    expect(combos).toEqual([1, 2, 1, 3, 1, 1, 2, 1, 3, 4]);

    // The combo a subscriber sees is the one stored with the send.
    const events = await opened(stream, '0');
    const seen = await take(events, 9);
    expect(seen.map((event) => event.combo)).toEqual([1, 2, 3, 1, 1, 2, 1, 3, 4]);
    await events.return(undefined);
  });
});

describe('liveGiftEvents', () => {
  it('sends each committed send in order with its sender, gift, combo, the totals right after it and the stream, and completes when content reports the end', async () => {
    const stream = liveStream(9);
    const [cleo, dan] = [userIds[43] as string, userIds[44] as string];
    await buy(cleo);
    await buy(dan);
    const events = await opened(stream);
    const first = nextOf(events);

    const sends = [await sent(cleo, stream, rose, 3), await sent(cleo, stream, rose), await sent(dan, stream, doughnut, 2)];
    const seen = [(await first).value.data.liveGiftEvents, ...(await take(events, 2))];
    expect(seen).toEqual([
      { id: '1', combo: 1, send: { id: sends[0], quantity: 3, coins: 3, diamonds: 1, sender: { id: cleo }, gift: { name: 'Rose', coinPrice: 1 } }, totals: { coins: 3, diamonds: 1, giftCount: 3, gifterCount: 1 }, stream: { id: stream } },
      { id: '2', combo: 2, send: { id: sends[1], quantity: 1, coins: 1, diamonds: 0, sender: { id: cleo }, gift: { name: 'Rose', coinPrice: 1 } }, totals: { coins: 4, diamonds: 1, giftCount: 4, gifterCount: 1 }, stream: { id: stream } },
      { id: '3', combo: 1, send: { id: sends[2], quantity: 2, coins: 60, diamonds: 30, sender: { id: dan }, gift: { name: 'Doughnut', coinPrice: 30 } }, totals: { coins: 64, diamonds: 31, giftCount: 6, gifterCount: 2 }, stream: { id: stream } },
    ]);

    // Sent before the end reached gifts but not read yet: still sent, then the subscription completes.
    const last = await sent(dan, stream, rose);
    streams.set(stream, { status: 'ENDED', creator: { id: creator } });
    peers.finishWatches({ liveStreamId: stream });
    expect((await take(events, 1))[0]).toMatchObject({ id: '4', send: { id: last } });
    expect((await nextOf(events)).done).toBe(true);
    expect(store.liveEvents.size.listeners).toBe(0);
  });

  it('replays what came after `after` with the totals as of each event, not as of now', async () => {
    const stream = liveStream(11);
    const erin = userIds[45] as string;
    await buy(erin);
    for (let i = 0; i < 4; i += 1) await sent(erin, stream, fingerHeart);
    const events = await opened(stream, '2');
    const replayed = await take(events, 2);
    expect(replayed.map((event) => [event.id, event.totals.coins, event.totals.giftCount])).toEqual([
      ['3', 15, 3],
      ['4', 20, 4],
    ]);
    const next = nextOf(events);
    await sent(erin, stream, fingerHeart);
    expect((await next).value.data.liveGiftEvents).toMatchObject({ id: '5', totals: { coins: 25 } });
    await events.return(undefined);
  });

  it('for a stream that has ended, sends what came after `after` and completes; without `after` it completes at once', async () => {
    const stream = liveStream(5);
    const fay = userIds[46] as string;
    await buy(fay);
    const sends = [await sent(fay, stream, rose), await sent(fay, stream, rose)];
    streams.set(stream, { status: 'ENDED', creator: { id: creator } });

    const replay = await opened(stream, '1');
    expect((await take(replay, 1))[0]).toMatchObject({ id: '2', send: { id: sends[1] } });
    expect((await nextOf(replay)).done).toBe(true);
    const fresh = await opened(stream);
    expect((await nextOf(fresh)).done).toBe(true);
  });

  it('refuses an unknown stream with NOT_FOUND, an `after` this stream never sent with BAD_USER_INPUT, and a stream it never saw with SERVICE_UNAVAILABLE while content is down', async () => {
    const stream = liveStream(6);
    const codeOf = async (liveStreamId: string, after?: string) => {
      const result = await subscribeTo(liveStreamId, after);
      if (!(Symbol.asyncIterator in result)) return result.errors?.[0]?.extensions?.code;
      await result.return(undefined);
      return 'OPENED';
    };
    expect(await codeOf('liv_nope')).toBe('NOT_FOUND');
    expect(await codeOf(stream, '7')).toBe('BAD_USER_INPUT');
    expect(await codeOf(stream, 'latest')).toBe('BAD_USER_INPUT');
    peers.unavailable.add('content');
    try {
      expect(await codeOf(stream)).toBe('SERVICE_UNAVAILABLE');
    } finally {
      peers.unavailable.delete('content');
    }
    expect(store.liveEvents.size.listeners).toBe(0);
  });

  it('opens a stream it already has events of while content is down (a gateway resuming after a restart), and completes when content, back, reports the end', async () => {
    const stream = liveStream(7);
    const gus = userIds[47] as string;
    await buy(gus);
    const sends = [await sent(gus, stream, rose), await sent(gus, stream, rose)];
    peers.unavailable.add('content');
    let events: AsyncGenerator<ExecutionResult>;
    try {
      events = await opened(stream, '1');
    } finally {
      peers.unavailable.delete('content');
    }
    expect((await take(events, 1))[0]).toMatchObject({ id: '2', send: { id: sends[1] } });
    peers.finishWatches({ liveStreamId: stream });
    expect((await nextOf(events)).done).toBe(true);
  });
});

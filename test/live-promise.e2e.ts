/**
 * The LIVE promise as clients see it (issue 19, "Proved"): many subscribers on one stream,
 * over WebSocket and SSE, starting live or from different past ids while gifts flow, some
 * joining late, through a kill -9 and a SIGTERM of the gateway and a kill -9 of the gifts
 * subgraph. Each client is the README's reference client (it keeps its last event id and comes
 * back after a jittered backoff from it); each must end with exactly the committed events after
 * its starting position, in order, once. Five real processes (`processes.ts`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedId } from '@app/fixtures/ids';
import { creatorIds, userIds } from '@app/fixtures/world';
import { asUser, idempotencyKey, startOwnStream } from './live-api.ts';
import { eventually } from './eventually.ts';
import { resumeOverSse, resumeOverWebSocket, type Backoff, type ResumingSubscriber } from './live-clients.ts';
import { startProcesses, type RunningProcesses } from './processes.ts';

const rose = seedId('lgf', 0); // 1 coin
const GIFT_IDS = 'subscription GiftIds($id: ID!, $after: ID) { liveGiftEvents(liveStreamId: $id, after: $after) { id send { id } } }';
const SEND_GIFT = 'mutation ($input: SendLiveGiftInput!) { sendLiveGift(input: $input) { send { id } } }';
/** The README's 0.5 s → 10 s, scaled down twentyfold so a restart costs clients a second, not ten; jittered all the same. */
const BACKOFF: Backoff = { initialMs: 50, maxMs: 1_000 };

let processes: RunningProcesses;
beforeAll(async () => {
  // What a gift event reaches: gifts, the sender in users, the stream in content.
  processes = await startProcesses({ subgraphs: ['users', 'content', 'gifts'] });
}, 120_000);
afterAll(() => processes?.stop(), 60_000);

const codeOf = (body: { errors?: { extensions?: { code?: string } }[] }) => body.errors?.[0]?.extensions?.code ?? 'OK';
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function metric(name: string): Promise<number> {
  try {
    const text = await (await fetch(`${processes.url}metrics`, { signal: AbortSignal.timeout(2_000) })).text();
    return Number(new RegExp(`^${name} (\\d+)`, 'm').exec(text)?.[1] ?? NaN);
  } catch {
    return NaN; // the gateway is down or starting
  }
}

/**
 * Roses from one sender at a steady pace, through the gateway, until stopped. `issued` counts
 * sends on their way (no more events than that can have committed); `answered` those the
 * gateway answered as sent. What committed is read from the store at the end.
 */
function giftLoop(sender: string, stream: string) {
  const loop = { issued: 0, answered: [] as string[], refusals: new Map<string, number>() };
  let sending = true;
  const running = (async () => {
    const headers = await asUser(processes, sender);
    while (sending) {
      loop.issued++;
      const result = await processes.query(SEND_GIFT, { input: { liveStreamId: stream, giftId: rose, quantity: 1, idempotencyKey: idempotencyKey('promise') } }, headers).catch(() => null);
      const code = result ? codeOf(result.body) : 'NO_ANSWER';
      if (code === 'OK') loop.answered.push(result!.body.data.sendLiveGift.send.id as string);
      else loop.refusals.set(code, (loop.refusals.get(code) ?? 0) + 1);
      // Paced to stay well inside a user's rate limit for the whole run.
      await pause(60);
    }
  })();
  return { loop, stop: () => ((sending = false), running) };
}

async function buyCoins(userId: string): Promise<void> {
  const bought = await processes.query('mutation ($key: String!) { purchaseCoins(input: { packageId: "cpk_3500", idempotencyKey: $key }) { wallet { coins } } }', { key: idempotencyKey('coins') }, await asUser(processes, userId));
  expect(bought.body.errors).toBeUndefined();
}

interface Client {
  subscriber: ResumingSubscriber;
  /** For a live starter: how many sends were on their way once the gateway counted it listening (its first event is no later than the next). */
  issuedWhenListening?: number;
  /** Gateway restarts before it joined: it must have come back from each later one. */
  restartsBefore: number;
}

/**
 * A client's connections for a report: when each opened (on the timeline), the id it resumed after, the first and
 * last event it carried, and how it ended; failed attempts in a row are told once.
 */
function connectionsOf(subscriber: ResumingSubscriber, began: number): string[] {
  const lines: string[] = [];
  let failed: { first: number; count: number; at: number; why: string } | null = null;
  const flush = () => {
    if (failed) lines.push(`#${failed.first}${failed.count > 1 ? `-#${failed.first + failed.count - 1}` : ''} from +${((failed.at - began) / 1000).toFixed(1)}s: ${failed.count} attempt(s) carried nothing, ended by ${failed.why}`);
    failed = null;
  };
  subscriber.connections.forEach((connection, i) => {
    const ids = subscriber.events.filter((event) => event.connection === i).map((event) => event.id);
    const why = connection.endedBy ?? 'the test';
    if (ids.length === 0) {
      if (failed && failed.why === why) failed.count++;
      else {
        flush();
        failed = { first: i, count: 1, at: connection.at, why };
      }
      return;
    }
    flush();
    lines.push(`#${i} +${((connection.at - began) / 1000).toFixed(1)}s after=${connection.after}: ${ids.length} events ${ids[0]}..${ids.at(-1)}, ended by ${why}`);
  });
  flush();
  return lines;
}

const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);

describe('the LIVE promise, as clients see it', () => {
  it('gives each of 28 resuming clients, over WebSocket and SSE, live or from past ids, exactly the committed gifts after its position, in order, once, through a kill -9 and a SIGTERM of the gateway and a kill -9 of gifts', async () => {
    const began = Date.now();
    const timeline: string[] = [];

    const stream = await startOwnStream(processes, creatorIds[16] as string, 'The LIVE promise');
    const senders = [userIds[58] as string, userIds[59] as string];
    await Promise.all(senders.map(buyCoins));
    const store = processes.rows('gifts');
    const head = async () => Number(await store.scalar('select max(event_seq) from live_gift_sends where live_stream_id = ?', stream));

    const loops = senders.map((sender) => giftLoop(sender, stream));
    const answered = () => loops.reduce((sum, { loop }) => sum + loop.answered.length, 0);
    const issued = () => loops.reduce((sum, { loop }) => sum + loop.issued, 0);
    const note = (what: string) => timeline.push(`+${((Date.now() - began) / 1000).toFixed(1)}s ${what} (answered ${answered()})`);
    const flowing = async (more: number, what: string) => {
      const target = answered() + more;
      await eventually(() => answered() >= target, `${more} more gifts ${what}`, 30_000);
    };

    const clients: Client[] = [];
    let count = 0;
    let restarts = 0;
    /** One client per start position, alternating transports. */
    const join = (after: string | null): Client => {
      const transport = count % 2 === 0 ? 'ws' : 'sse';
      const options = { name: `${transport}-${++count}-${after === null ? 'live' : `after-${after}`}`, gatewayUrl: processes.url, query: GIFT_IDS, variables: { id: stream }, after, backoff: BACKOFF };
      const client: Client = { subscriber: transport === 'ws' ? resumeOverWebSocket(options) : resumeOverSse(options), restartsBefore: restarts };
      clients.push(client);
      return client;
    };
    /**
     * A wave of clients; live starters are timed from when the gateway counts every client
     * listening. They must each hear an event before the next drop: a client that has seen none
     * has no id to resume from (the README's one gap), and would rightly start afresh.
     */
    const wave = async (what: string, positions: (string | null)[], heardBeforeDrop = true) => {
      const joined = positions.map(join);
      note(`${what}: ${joined.map((client) => client.subscriber.name).join(', ')}`);
      let listening = 0;
      const deadline = Date.now() + 20_000;
      while ((listening = await metric('graphql_subscriptions_listening')) < clients.length || Number.isNaN(listening)) {
        if (Date.now() > deadline) throw new Error(`${what}: the gateway counts ${listening} of ${clients.length} clients listening\n${timeline.join('\n')}`);
        await pause(50);
      }
      const sent = issued();
      for (const client of joined) if (client.subscriber.startedAfter === null) client.issuedWhenListening = sent;
      if (heardBeforeDrop) await eventually(() => joined.every((client) => client.subscriber.events.length > 0), `a first event on each client of ${what}`, 20_000);
    };

    let committed: { id: string; event_seq: number }[] = [];
    let settled = '';
    try {
      try {
        await flowing(10, 'before anyone watches');
        const first = await head();
        await wave('wave 1', [null, null, '0', null, null, '0', null, null, '0', String(first - 3), '0', String(first - 3)]);
        await flowing(30, 'after wave 1');
        const second = await head();
        await wave('wave 2', [String(second - 3), String(second - 7), null, String(second - 15), null]);
        await flowing(20, 'after wave 2');

        note('gateway kill -9');
        await processes.kill('gateway', 'SIGKILL');
        restarts++;
        await pause(300);
        await processes.start('gateway');
        note('gateway back');
        // Late joiners, while the others come back from their own positions.
        const third = await head();
        await wave('wave 3, late', [null, String(third - 5), null, '3']);
        await flowing(30, 'after the gateway’s kill -9');

        note('gateway SIGTERM');
        await processes.kill('gateway', 'SIGTERM');
        restarts++;
        await processes.start('gateway');
        note('gateway back');
        await flowing(20, 'after the gateway’s SIGTERM');
        const fourth = await head();
        await wave('wave 4', [null, String(fourth - 2), null, String(fourth - 20)]);
        await flowing(20, 'after wave 4');

        note('gifts kill -9');
        await processes.kill('gifts', 'SIGKILL');
        // Joining while the owning subgraph is down: each waits on its upstream, none is refused.
        const fifth = await head();
        await wave('wave 5, gifts down', [String(fifth - 10), null, String(fifth - 1)], false);
        await pause(300);
        await processes.start('gifts');
        note('gifts back');
        await flowing(30, 'after the gifts’ kill -9');
      } finally {
        await Promise.all(loops.map(({ stop }) => stop()));
        note('sending stopped');
      }
      // The store is what committed, in commit order: event N is the send whose event_seq is N.
      committed = await store.all<{ id: string; event_seq: number }>('select id, event_seq from live_gift_sends where live_stream_id = ? and event_seq is not null order by event_seq', stream);
      settled = await eventually(() => clients.every(({ subscriber }) => subscriber.lastEventId === String(committed.length) || subscriber.problems.length > 0), `every client at event ${committed.length}`, 30_000).then(
        () => 'settled',
        (error: Error) => error.message,
      );
    } finally {
      await Promise.all(clients.map(({ subscriber }) => subscriber.stop()));
      await store.close();
    }
    note(`clients stopped (${settled})`);
    const last = committed.length;
    expect(committed.map((row) => Number(row.event_seq))).toEqual(range(1, last));
    // A send cut off by a kill may have committed without its answer, never the other way round.
    expect(committed.map((row) => row.id)).toEqual(expect.arrayContaining(loops.flatMap(({ loop }) => loop.answered)));
    const sendOf = (id: number) => committed[id - 1]?.id;

    const findings: string[] = [];
    for (const { subscriber, issuedWhenListening, restartsBefore } of clients) {
      const ids = subscriber.events.map((event) => event.id);
      const from = subscriber.startedAfter !== null ? Number(subscriber.startedAfter) + 1 : (ids[0] ?? NaN);
      const expected = range(from, last);
      const problems: string[] = [...subscriber.problems];
      if (ids.length === 0) problems.push('no event at all');
      // Each gateway restart it lived through dropped its connection: it came back each time.
      if (subscriber.connections.length < 1 + restarts - restartsBefore) problems.push(`${subscriber.connections.length} connections through ${restarts - restartsBefore} gateway restarts`);
      if (issuedWhenListening !== undefined && !(from <= issuedWhenListening + 1)) problems.push(`first event ${from}, though at most ${issuedWhenListening} sends were on their way once it was listening`);
      const seen = new Map<number, number>();
      for (const id of ids) seen.set(id, (seen.get(id) ?? 0) + 1);
      const missing = expected.filter((id) => !seen.has(id));
      const twice = [...seen].filter(([, times]) => times > 1).map(([id, times]) => `${id}×${times}`);
      const foreign = ids.filter((id) => id < from || id > last);
      const disordered = ids.findIndex((id, i) => i > 0 && id <= (ids[i - 1] as number));
      if (missing.length) problems.push(`missed ${missing.length}: ${missing.join(',')}`);
      if (twice.length) problems.push(`twice: ${twice.join(',')}`);
      if (foreign.length) problems.push(`outside ${from}..${last}: ${foreign.join(',')}`);
      if (disordered > 0) problems.push(`out of order at ${disordered}: ${ids.slice(Math.max(0, disordered - 2), disordered + 2).join(',')}`);
      const wrongSends = subscriber.events.filter((event) => event.data?.id !== String(event.id) || event.data?.send?.id !== sendOf(event.id)).map((event) => event.id);
      if (wrongSends.length) problems.push(`events not their committed send: ${wrongSends.slice(0, 10).join(',')}`);
      if (problems.length) {
        findings.push(`${subscriber.name}, ${ids.length} events, expected ${from}..${last}: ${problems.join('; ')}\n    ${connectionsOf(subscriber, began).join('\n    ')}`);
      }
    }
    const refusals = loops.map(({ loop }) => `issued ${loop.issued}, answered ${loop.answered.length}, ${[...loop.refusals].map(([code, n]) => `${code} ${n}`).join(', ')}`).join(' / ');
    const report = `${last} events committed (${refusals}); ${clients.length} clients, ${findings.length} wrong:\n${findings.join('\n')}\ntimeline:\n${timeline.join('\n')}`;
    expect(findings, report).toEqual([]);
    // Every phase carried events (`flowing`): at least what the phases waited for committed.
    expect(last, report).toBeGreaterThanOrEqual(10 + 30 + 20 + 30 + 20 + 20 + 30);
  }, 180_000);
});

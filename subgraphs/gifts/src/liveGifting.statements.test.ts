/**
 * What one `sendLiveGift` sends to its store, on each engine: every statement a round trip on
 * Postgres (its transaction's BEGIN and COMMIT aside). The send, its kept rows (the stream's
 * totals, both leaderboards, the creator's balance) and its ledger transaction are one statement
 * there (`together`), the send written with its event's number; on SQLite they run one by one in
 * process, where a statement costs no round trip.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { describeOnEachEngine } from '@app/kit/db/testing';
import { fakePeers, runOperation } from '@app/kit/testing';
import type { PgConnection } from '@app/kit/pg';
import { anonymousViewer } from '@app/kit/viewer';
import { seedId } from '@app/fixtures/ids';
import { liveStreamIds, userIds } from '@app/fixtures/world';
import { createContext } from './context.ts';
import { seedGiftsStore } from './db/seed.ts';
import { openGiftsPgStore, openGiftsStore, type GiftsStore } from './db/store.ts';
import { createServer } from './server.ts';

const statements: string[] = [];
const noted = (text: string) => void statements.push(text);
/** Transactions Postgres ran again after a collision. */
let retries = 0;
const retried = () => void retries++;
const server = createServer();
const stream = liveStreamIds[0] as string;
const creator = userIds[0] as string;
const otherStream = liveStreamIds[1] as string;
const peers = fakePeers({
  LiveStream: new Map([
    [stream, { status: 'LIVE', creator: { id: creator } }],
    [otherStream, { status: 'LIVE', creator: { id: userIds[1] as string } }],
  ]),
});
const SEND = 'mutation ($input: SendLiveGiftInput!) { sendLiveGift(input: $input) { send { id } } }';
const BUY = 'mutation ($key: String!) { purchaseCoins(input: { packageId: "cpk_70", idempotencyKey: $key }) { wallet { coins } } }';

describeOnEachEngine<GiftsStore>(
  'the statements of one LIVE gift send',
  { sqlite: (path) => openGiftsStore(path, { onStatement: noted }), postgres: (url) => openGiftsPgStore(url, { onStatement: noted, onRetry: retried }) },
  (store, engine) => {
    it(`runs ${engine === 'postgres' ? '10 statements in its transaction (17 before the kept rows and the ledger went into one)' : '15 statements in its transaction (16 before: the send is written with its event number)'}, whoever sends and whatever the stream holds`, async () => {
      const counts: number[] = [];
      // The first send of the test runs the outbox's time-based pruning (every few seconds), not measured.
      for (const [i, sender] of [userIds[42], userIds[40], userIds[41], userIds[40]].entries()) {
        const context = createContext(store(), { ...anonymousViewer(), userId: sender as string, country: 'US' }, peers.client);
        expect((await runOperation(server, context, BUY, { key: `statements-buy-${engine}-${i}` })).errors).toBeUndefined();
        statements.length = 0;
        const sent = await runOperation(server, context, SEND, { input: { liveStreamId: stream, giftId: seedId('lgf', 2), quantity: 1, idempotencyKey: `statements-send-${engine}-${i}` } });
        expect(sent.errors).toBeUndefined();
        if (i > 0) counts.push(statements.length);
      }
      // A first send to the stream, another sender's, and a second send of the first sender: the
      // same statements, and one more after the transaction (the send read for the answer).
      expect(counts).toEqual(engine === 'postgres' ? [11, 11, 11] : [16, 16, 16]);
      expect(await store().keptCountDifferences()).toEqual([]);
    });

    it('keeps every guarantee when 40 sends race from a wallet that covers 23: 23 commit, each once, events in commit order, kept rows equal to the recount', async () => {
      const sender = userIds[45] as string;
      const context = () => createContext(store(), { ...anonymousViewer(), userId: sender, country: 'US' }, peers.client);
      // 70 coins, 47 of them spent first (a 30-coin doughnut and 17 roses): 23 roses left.
      expect((await runOperation(server, context(), BUY, { key: `race-buy-${engine}` })).errors).toBeUndefined();
      expect((await runOperation(server, context(), SEND, { input: { liveStreamId: stream, giftId: seedId('lgf', 2), quantity: 1, idempotencyKey: `race-spend-${engine}-1` } })).errors).toBeUndefined();
      expect((await runOperation(server, context(), SEND, { input: { liveStreamId: stream, giftId: seedId('lgf', 0), quantity: 17, idempotencyKey: `race-spend-${engine}-2` } })).errors).toBeUndefined();
      const before = await store().liveEventTopic(stream);
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) => runOperation(server, context(), SEND, { input: { liveStreamId: stream, giftId: seedId('lgf', 0), quantity: 1, idempotencyKey: `race-${engine}-${i}` } })),
      );
      const codes = results.map((result) => (result.errors?.[0]?.extensions?.code as string | undefined) ?? 'OK');
      expect(codes.filter((code) => code === 'OK')).toHaveLength(23);
      expect(codes.filter((code) => code !== 'OK').every((code) => code === 'INSUFFICIENT_COINS')).toBe(true);
      const events = await store().liveEventsAfter(stream, before.lastSeq, 100);
      expect(events.map((event) => event.seq)).toEqual(Array.from({ length: 23 }, (_, i) => before.lastSeq + i + 1));
      const sends = await store().liveGiftSendsByIds(events.map((event) => (event.payload as { sendId: string }).sendId));
      expect(new Set(sends.map((send) => send.eventSeq))).toEqual(new Set(events.map((event) => event.seq)));
      expect(await store().keptCountDifferences()).toEqual([]);
    });

    it('runs sends racing on one stream in its line: none run again on Postgres, numbered and timed in commit order, one sender\'s taps combo 1-2-3, totals one more each', async () => {
      const senders = userIds.slice(50, 56) as string[];
      const contextOf = (sender: string) => createContext(store(), { ...anonymousViewer(), userId: sender, country: 'US' }, peers.client);
      for (const sender of senders) expect((await runOperation(server, contextOf(sender), BUY, { key: `line-buy-${engine}-${sender}` })).errors).toBeUndefined();
      const before = await store().liveEventTopic(stream);
      const [beforeTotals] = await store().streamGiftTotals([stream]);
      retries = 0;
      // Each sender taps three roses at once; 18 sends in all, none waiting for another to be answered.
      const results = await Promise.all(
        senders.flatMap((sender) => [1, 2, 3].map((n) => runOperation(server, contextOf(sender), SEND, { input: { liveStreamId: stream, giftId: seedId('lgf', 0), quantity: 1, idempotencyKey: `line-${engine}-${sender}-${n}` } }))),
      );
      expect(results.map((result) => result.errors)).toEqual(results.map(() => undefined));
      // At SERIALIZABLE every send but one of each round collided on the stream's rows and was run again.
      expect(retries).toBe(0);
      const events = await store().liveEventsAfter(stream, before.lastSeq, 100);
      expect(events.map((event) => event.seq)).toEqual(Array.from({ length: 18 }, (_, i) => before.lastSeq + i + 1));
      const totals = events.map((event) => (event.payload as { totals: { giftCount: number } }).totals.giftCount);
      expect(totals).toEqual(Array.from({ length: 18 }, (_, i) => (beforeTotals?.giftCount ?? 0) + i + 1));
      const sends = await store().liveGiftSendsByIds(events.map((event) => (event.payload as { sendId: string }).sendId));
      const inLine = events.map((event) => sends.find((send) => send.eventSeq === event.seq)!);
      const times = inLine.map((send) => send.createdAt.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
      for (const sender of senders) expect(inLine.filter((send) => send.senderId === sender).map((send) => send.combo)).toEqual([1, 2, 3]);
      expect(await store().keptCountDifferences()).toEqual([]);
    });

    it('sends once when requests with one idempotency key race: one send, one event, one debit, every request answered with it, though the wallet covers one', async () => {
      const sender = userIds[57] as string;
      const context = () => createContext(store(), { ...anonymousViewer(), userId: sender, country: 'US' }, peers.client);
      expect((await runOperation(server, context(), BUY, { key: `key-race-buy-${engine}` })).errors).toBeUndefined();
      const before = await store().liveEventTopic(stream);
      // Two 30-coin doughnuts of the wallet's 70: a request that waited for the first's debit finds
      // 10 coins, yet it is a retry of a send that went through, not a send the wallet cannot pay.
      const results = await Promise.all(
        Array.from({ length: 6 }, () => runOperation(server, context(), SEND, { input: { liveStreamId: stream, giftId: seedId('lgf', 2), quantity: 2, idempotencyKey: `key-race-${engine}` } })),
      );
      expect(results.map((result) => result.errors)).toEqual(results.map(() => undefined));
      const ids = new Set(results.map((result) => (result.data as { sendLiveGift: { send: { id: string } } }).sendLiveGift.send.id));
      expect(ids.size).toBe(1);
      expect((await store().liveEventsAfter(stream, before.lastSeq, 100)).length).toBe(1);
      const [wallet] = await store().walletsByUserIds([sender]);
      expect(wallet?.coins).toBe(70 - 60);
      expect(await store().keptCountDifferences()).toEqual([]);
    });

    it.skipIf(engine !== 'postgres')("keeps a busy stream's waiting sends to two of the pool's connections: a send to another stream goes through meanwhile", async () => {
      const senders = userIds.slice(20, 32) as string[];
      const elsewhere = userIds[33] as string;
      const contextOf = (sender: string) => createContext(store(), { ...anonymousViewer(), userId: sender, country: 'US' }, peers.client);
      const rose = (sender: string, liveStreamId: string, key: string) =>
        runOperation(server, contextOf(sender), SEND, { input: { liveStreamId, giftId: seedId('lgf', 0), quantity: 1, idempotencyKey: key } });
      for (const sender of [...senders, elsewhere]) expect((await runOperation(server, contextOf(sender), BUY, { key: `busy-buy-${sender}` })).errors).toBeUndefined();
      expect((await rose(senders[0]!, stream, 'busy-first')).errors).toBeUndefined();
      // Another replica's send holds the stream's line (its counter row) and does not commit yet.
      const holder = await (store() as unknown as { pg: PgConnection }).pg.pool.connect();
      // Inside the holder's transaction the activity view keeps its first read: cleared before each.
      const waitingForTheRow = async () => {
        await holder.query('select pg_stat_clear_snapshot()');
        return Number((await holder.query(`select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`)).rows[0].n);
      };
      try {
        await holder.query('begin');
        await holder.query('select * from live_event_topics where topic = $1 for update', [stream]);
        const waiting = senders.map((sender, i) => rose(sender, stream, `busy-send-${i}`));
        for (let tries = 0; (await waitingForTheRow()) < 2 && tries < 100; tries++) await sleep(20);
        await holder.query('select pg_stat_clear_snapshot()');
        expect(await waitingForTheRow()).toBe(2);
        // Twelve sends wait for the row; without their line they would hold nine of the ten
        // connections and this send would wait 5 s for one, and fail.
        const other = await rose(elsewhere, otherStream, 'busy-elsewhere');
        expect(other.errors).toBeUndefined();
        expect(await waitingForTheRow()).toBe(2);
        await holder.query('commit');
        expect((await Promise.all(waiting)).map((result) => result.errors)).toEqual(senders.map(() => undefined));
      } finally {
        // Dropped, not returned: after a failed assertion it would still be in its transaction.
        holder.release(true);
      }
      expect(await store().keptCountDifferences()).toEqual([]);
    });
  },
  { seed: seedGiftsStore },
);

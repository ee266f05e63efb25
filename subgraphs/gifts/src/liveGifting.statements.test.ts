/**
 * What one `sendLiveGift` sends to its store, on each engine: every statement a round trip on
 * Postgres (its transaction's BEGIN and COMMIT aside). The send, its kept rows (the stream's
 * totals, both leaderboards, the creator's balance) and its ledger transaction are one statement
 * there (`together`), the send written with its event's number; on SQLite they run one by one in
 * process, where a statement costs no round trip.
 */
import { expect, it } from 'vitest';
import { describeOnEachEngine } from '@app/kit/db/testing';
import { fakePeers, runOperation } from '@app/kit/testing';
import { anonymousViewer } from '@app/kit/viewer';
import { seedId } from '@app/fixtures/ids';
import { liveStreamIds, userIds } from '@app/fixtures/world';
import { createContext } from './context.ts';
import { seedGiftsStore } from './db/seed.ts';
import { openGiftsPgStore, openGiftsStore, type GiftsStore } from './db/store.ts';
import { createServer } from './server.ts';

const statements: string[] = [];
const noted = (text: string) => void statements.push(text);
const server = createServer();
const stream = liveStreamIds[0] as string;
const creator = userIds[0] as string;
const peers = fakePeers({ LiveStream: new Map([[stream, { status: 'LIVE', creator: { id: creator } }]]) });
const SEND = 'mutation ($input: SendLiveGiftInput!) { sendLiveGift(input: $input) { send { id } } }';
const BUY = 'mutation ($key: String!) { purchaseCoins(input: { packageId: "cpk_70", idempotencyKey: $key }) { wallet { coins } } }';

describeOnEachEngine<GiftsStore>(
  'the statements of one LIVE gift send',
  { sqlite: (path) => openGiftsStore(path, { onStatement: noted }), postgres: (url) => openGiftsPgStore(url, { onStatement: noted }) },
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
  },
  { seed: seedGiftsStore },
);

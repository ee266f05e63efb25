/**
 * Sends to one stream from one process take turns (`inStreamTurn` in liveGifting.ts), on SQLite
 * and on Postgres: many at once all commit, none is aborted and run again on Postgres, and what
 * they keep and announce is what one send after another would have made.
 */
import { expect, it } from 'vitest';
import { describeOnEachEngine } from '@app/kit/db/testing';
import { fakePeers } from '@app/kit/testing';
import { anonymousViewer } from '@app/kit/viewer';
import { seedId } from '@app/fixtures/ids';
import { liveStreamCreatorId, liveStreamIds, userIds } from '@app/fixtures/world';
import { createContext } from './context.ts';
import { seedGiftsStore } from './db/seed.ts';
import { openGiftsPgStore, openGiftsStore, type GiftsStore } from './db/store.ts';
import { purchaseCoins, sendLiveGift } from './liveGifting.ts';
import type { LiveGiftEventPayload } from './mappers.ts';

const stream = liveStreamIds[0] as string;
const creator = liveStreamCreatorId(0);
const senders = userIds.slice(40, 48) as string[];
const rose = seedId('lgf', 0);
const SENDS_EACH = 3;

describeOnEachEngine<GiftsStore>(
  'sends to one stream from one process',
  { sqlite: openGiftsStore, postgres: openGiftsPgStore },
  (store, engine) => {
    it('take turns: 24 sends fired at once all commit, none retried, numbered, totalled and comboed as one after another', async () => {
      const peers = fakePeers({ LiveStream: new Map([[stream, { status: 'LIVE', creator: { id: creator } }]]) });
      const as = (userId: string) => createContext(store(), { ...anonymousViewer(), userId, country: 'US' }, peers.client);
      for (const sender of senders) await purchaseCoins(as(sender), { packageId: 'cpk_70', idempotencyKey: `turns-buy-${sender}` });
      const retries = () => (engine === 'postgres' ? (store() as unknown as { pg: { retries: number } }).pg.retries : 0);
      const [totalsBefore] = await store().streamGiftTotals([stream]);
      const { lastSeq } = await store().liveEventTopic(stream);
      const retriesBefore = retries();

      const ids = await Promise.all(
        senders.flatMap((sender) => Array.from({ length: SENDS_EACH }, (_, n) => sendLiveGift(as(sender), { liveStreamId: stream, giftId: rose, quantity: 1, idempotencyKey: `turns-${sender}-${n}` }))),
      );

      expect(new Set(ids).size).toBe(senders.length * SENDS_EACH);
      // Without the turns, concurrent sends on Postgres abort each other on the stream's kept rows and run again.
      expect(retries() - retriesBefore).toBe(0);
      const [totals] = await store().streamGiftTotals([stream]);
      expect(totals!.giftCount).toBe(totalsBefore!.giftCount + ids.length);
      // One event per send, numbered on from the stream's last, each carrying the totals one more send made.
      const events = await store().liveEventsAfter(stream, lastSeq, 100);
      expect(events.map((event) => event.seq)).toEqual(ids.map((_, i) => lastSeq + i + 1));
      expect(events.map((event) => (event.payload as LiveGiftEventPayload).totals.giftCount)).toEqual(ids.map((_, i) => totalsBefore!.giftCount + i + 1));
      expect(new Set(events.map((event) => (event.payload as LiveGiftEventPayload).sendId))).toEqual(new Set(ids));
      // Each sender's roses in a row within the window: combos 1, 2, 3 in their commit order.
      const sends = await store().liveGiftSendsByIds(ids);
      for (const sender of senders) {
        const line = sends.filter((send) => send.senderId === sender).sort((a, b) => (a.eventSeq ?? 0) - (b.eventSeq ?? 0));
        expect(line.map((send) => send.combo)).toEqual([1, 2, 3]);
      }
      expect(await store().keptCountDifferences()).toEqual([]);
    });
  },
  { seed: seedGiftsStore },
);

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { manualClock } from '../clock.ts';
import { createLogger } from '../log.ts';
import { createDispatcher } from '../webhooks/dispatcher.ts';
import type { RetrySchedule } from '../webhooks/schedule.ts';
import { createSender } from '../webhooks/send.ts';
import { newEndpointSecret, verifyDelivery } from '../webhooks/signing.ts';
import { openPgStore, openSqliteStore, type EngineStore, type StoreDefinition } from './open-store.ts';
import { migrationsFor } from './table-migrations.ts';
import { defineTables } from './tables.ts';
import { describeOnEachEngine, type StoreOpeners } from './testing.ts';
import { webhookQueueOf, webhookStatements, type WebhookStatements } from './webhook-statements.ts';
import { webhookTables, type WebhookTables } from './webhook-tables.ts';

const tables = defineTables(webhookTables);
const migrations = await migrationsFor(tables);
afterAll(() => {
  for (const folder of Object.values(migrations)) rmSync(folder, { recursive: true, force: true });
});
const definition: StoreDefinition<WebhookTables, ReturnType<typeof webhookStatements>> = { tables, statements: webhookStatements, migrations, liveEvents: false };

let ids = 0;
const newId = () => `dlv_${String(++ids).padStart(6, '0')}`;
const T0 = new Date(Date.UTC(2027, 0, 1, 12));
const at = (ms: number) => new Date(T0.getTime() + ms);
const attempt = (ms: number, status: number | null, error: string | null = null) => ({ at: at(ms), status, error, durationMs: 5 });
const secret = newEndpointSecret();

/** A receiver on loopback: fails while `failing`, else answers 204; keeps what it got, in order. */
let receiver: http.Server;
let base = '';
let failing = false;
const received: { path: string; id: string; verified: boolean }[] = [];
beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ path: req.url ?? '', id: String(req.headers['webhook-id']), verified: verifyDelivery(secret, Buffer.concat(chunks).toString('utf8'), req.headers) });
      res.writeHead(failing ? 500 : 200).end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(async () => {
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});

const openers: StoreOpeners<EngineStore<WebhookStatements>> = { sqlite: (path, options) => openSqliteStore(definition, path, options), postgres: (url) => openPgStore(definition, url) };

describeOnEachEngine(
  'webhook queues',
  openers,
  (store, engine) => {
    const endpoint = (id: string, ownerId: string, topics: string[], url = `${base}/${id}`) => store().createWebhookEndpoint({ id: `${engine}-${id}`, ownerId: `${engine}-${ownerId}`, url, description: id, secret, topics, createdAt: T0 });
    const enqueue = (ownerId: string, topic: string, eventId: string, ms = 0) =>
      store().transaction((tx) => tx.enqueueWebhookEvent({ ownerId: `${engine}-${ownerId}`, topic, eventId: `${engine}-${eventId}`, body: JSON.stringify({ id: eventId, topic }) }, at(ms), newId));
    const queue = () => webhookQueueOf(store());

    it('enqueues an event for every endpoint of its owner that hears its topic, and none else', async () => {
      await endpoint('a', 'brand1', ['order.created', 'order.paid']);
      await endpoint('b', 'brand1', ['order.paid']);
      await endpoint('c', 'brand2', ['order.paid']);
      expect(await enqueue('brand1', 'order.paid', 'e1')).toBe(2);
      expect(await enqueue('brand1', 'order.created', 'e2')).toBe(1);
      expect(await enqueue('brand1', 'stock.low', 'e3')).toBe(0);
      expect((await store().webhookTopicLists([`${engine}-a`])).map((row) => row.node)).toEqual(['order.created', 'order.paid']);
      expect((await store().webhookTopicLists([`${engine}-b`, `${engine}-a`, `${engine}-none`])).map((row) => [row.ownerId, row.node])).toEqual([
        [`${engine}-a`, 'order.created'],
        [`${engine}-a`, 'order.paid'],
        [`${engine}-b`, 'order.paid'],
      ]);
      expect((await store().webhookEndpointsOf(`${engine}-brand1`)).map((row) => row.id)).toEqual([`${engine}-a`, `${engine}-b`]);
      expect((await store().webhookDeliveriesPage(`${engine}-a`, { first: 10, after: null })).map((row) => [row.seq, row.eventId, row.status])).toEqual([
        [2, `${engine}-e2`, 'PENDING'],
        [1, `${engine}-e1`, 'PENDING'],
      ]);
    });

    it('hands out each endpoint’s head once until its lease runs out, and in order after a success', async () => {
      const first = await queue().claimDue(at(0), at(30_000), 10);
      expect(first.map((due) => [due.endpointId, due.eventId, due.secrets]).sort()).toEqual([
        [`${engine}-a`, `${engine}-e1`, [secret]],
        [`${engine}-b`, `${engine}-e1`, [secret]],
      ]);
      expect(await queue().claimDue(at(1_000), at(31_000), 10)).toEqual([]);
      const a = first.find((due) => due.endpointId === `${engine}-a`)!;
      await queue().markDelivered(a.id, attempt(1_000, 200));
      expect(await store().webhookDelivery(a.id)).toMatchObject({ status: 'DELIVERED', attempts: 1, lastStatusCode: 200, deliveredAt: at(1_000) });
      // a's next event is its head now; b's is still leased.
      expect((await queue().claimDue(at(1_000), at(31_000), 10)).map((due) => [due.endpointId, due.eventId])).toEqual([[`${engine}-a`, `${engine}-e2`]]);
      // The worker that held b's lease died: once the lease runs out b's head is due again, the same event.
      expect((await queue().claimDue(at(30_000), at(60_000), 10)).map((due) => [due.endpointId, due.eventId])).toEqual([[`${engine}-b`, `${engine}-e1`]]);
    });

    it('holds a failed head until its retry, counting attempts, then disables the endpoint with its reason', async () => {
      const [head] = (await queue().claimDue(at(90_000), at(120_000), 10)).filter((due) => due.endpointId === `${engine}-a`);
      expect(head?.eventId).toBe(`${engine}-e2`);
      await queue().markFailed(head!.id, attempt(90_000, 503, 'answered 503'), { kind: 'retry', at: at(150_000) });
      expect((await queue().claimDue(at(149_999), at(180_000), 10)).filter((due) => due.endpointId === `${engine}-a`)).toEqual([]);
      const [again] = (await queue().claimDue(at(150_000), at(180_000), 10)).filter((due) => due.endpointId === `${engine}-a`);
      expect(again).toMatchObject({ id: head!.id, attempts: 1, failingSince: at(90_000) });
      await queue().markFailed(again!.id, attempt(150_000, null, 'no answer within 10000 ms'), { kind: 'disable' });
      expect(await store().webhookEndpoint(`${engine}-a`)).toMatchObject({ enabled: false, headDueAt: null, disabledAt: at(150_000) });
      expect((await store().webhookEndpoint(`${engine}-a`))!.disabledReason).toContain('no answer within 10000 ms');
      expect(await store().webhookDelivery(head!.id)).toMatchObject({ status: 'PENDING', attempts: 2, lastError: 'no answer within 10000 ms', lastStatusCode: null });
      // A disabled endpoint keeps hearing its topics; nothing goes out until it is enabled.
      expect(await enqueue('brand1', 'order.created', 'e4', 160_000)).toBe(1);
      expect((await queue().claimDue(at(200_000), at(230_000), 10)).filter((due) => due.endpointId === `${engine}-a`)).toEqual([]);
      await store().transaction((tx) => tx.enableWebhookEndpoint(`${engine}-a`, at(300_000)));
      const [resumed] = (await queue().claimDue(at(300_000), at(330_000), 10)).filter((due) => due.endpointId === `${engine}-a`);
      expect(resumed).toMatchObject({ id: head!.id, eventId: `${engine}-e2`, failingSince: null });
      await queue().markDelivered(resumed!.id, attempt(300_001, 204));
      expect((await store().webhookEndpoint(`${engine}-a`))!.headDueAt).toEqual(at(160_000));
    });

    it('replays a delivery with its event id at the tail, signs with the old secret through a rotation, and forgets a deleted endpoint', async () => {
      const [delivered] = await store().webhookDeliveriesPage(`${engine}-c`, { first: 1, after: null });
      expect(delivered).toBeUndefined();
      const e1 = (await store().webhookDeliveriesPage(`${engine}-b`, { first: 10, after: null })).at(-1)!;
      const replay = await store().transaction((tx) => tx.replayWebhookDelivery(e1.id, at(400_000), newId));
      expect(replay).toMatchObject({ endpointId: `${engine}-b`, eventId: e1.eventId, seq: 2, status: 'PENDING' });
      expect((await store().webhookDeliveriesPage(`${engine}-b`, { first: 1, after: [2] })).map((row) => row.seq)).toEqual([1]);
      const rotated = newEndpointSecret();
      await store().updateWebhookEndpoint(`${engine}-b`, { secret: rotated, previousSecret: secret, previousSecretUntil: at(24 * 3_600_000) });
      const [due] = (await queue().claimDue(at(400_000), at(430_000), 10)).filter((row) => row.endpointId === `${engine}-b`);
      expect(due?.secrets).toEqual([rotated, secret]);
      await store().transaction((tx) => tx.setWebhookEndpointTopics(`${engine}-b`, `${engine}-brand1`, ['stock.low']));
      expect(await enqueue('brand1', 'order.paid', 'e5', 500_000)).toBe(1); // a's, no longer b's
      expect((await store().webhookTopicLists([`${engine}-b`])).map((row) => row.node)).toEqual(['stock.low']);
      await store().transaction((tx) => tx.disableWebhookEndpoint(`${engine}-b`, 'Disabled by the brand.', at(500_000)));
      expect(await store().webhookEndpoint(`${engine}-b`)).toMatchObject({ enabled: false, disabledReason: 'Disabled by the brand.', headDueAt: null, leasedUntil: null });
      expect((await queue().claimDue(at(600_000), at(630_000), 10)).filter((row) => row.endpointId === `${engine}-b`)).toEqual([]);
      await store().transaction((tx) => tx.deleteWebhookEndpoint(`${engine}-b`));
      expect(await store().webhookEndpoint(`${engine}-b`)).toBeUndefined();
      expect(await store().webhookDeliveriesPage(`${engine}-b`, { first: 10, after: null })).toEqual([]);
    });

    it('feeds the worker: a receiver that fails, then recovers, gets every event in order, signed, once delivered', async () => {
      received.length = 0;
      failing = true;
      const clock = manualClock(new Date());
      await store().createWebhookEndpoint({ id: `${engine}-w`, ownerId: `${engine}-brand3`, url: `${base}/w`, description: '', secret, topics: ['order.paid'], createdAt: clock.now() });
      for (const n of [1, 2, 3]) await store().transaction((tx) => tx.enqueueWebhookEvent({ ownerId: `${engine}-brand3`, topic: 'order.paid', eventId: `${engine}-w${n}`, body: `{"n":${n}}` }, clock.now(), newId));
      const schedule: RetrySchedule = { delaysMs: [1_000], disableAfterMs: 3_600_000, attemptTimeoutMs: 5_000 };
      const dispatcher = createDispatcher({ queue: queue(), sender: createSender({ policy: { requireHttps: false, allowPrivateAddresses: true }, timeoutMs: 5_000 }), schedule, clock, logger: createLogger('webhooks-test', { level: 'silent' }) });
      await dispatcher.runOnce();
      await dispatcher.runOnce();
      clock.advance(1_000);
      await dispatcher.runOnce();
      failing = false;
      clock.advance(1_000);
      while ((await dispatcher.runOnce()) > 0);
      await dispatcher.stop();
      // w1 fails twice (w2 and w3 wait behind it), then all three go, in order.
      expect(received.filter((entry) => entry.path === '/w').map((entry) => entry.id)).toEqual([`${engine}-w1`, `${engine}-w1`, `${engine}-w1`, `${engine}-w2`, `${engine}-w3`]);
      expect(received.every((entry) => entry.verified)).toBe(true);
      expect((await store().webhookDeliveriesPage(`${engine}-w`, { first: 10, after: null })).map((row) => [row.eventId, row.status, row.attempts])).toEqual([
        [`${engine}-w3`, 'DELIVERED', 1],
        [`${engine}-w2`, 'DELIVERED', 1],
        [`${engine}-w1`, 'DELIVERED', 3],
      ]);
    });

    it('prunes delivered deliveries past their retention, oldest first and a batch at a time, never an undelivered one', async () => {
      const clock = manualClock(at(1_000_000));
      await store().createWebhookEndpoint({ id: `${engine}-p`, ownerId: `${engine}-brand4`, url: `${base}/p`, description: '', secret, topics: ['order.paid'], createdAt: clock.now() });
      for (const n of [1, 2, 3, 4, 5, 6]) await store().transaction((tx) => tx.enqueueWebhookEvent({ ownerId: `${engine}-brand4`, topic: 'order.paid', eventId: `${engine}-p${n}`, body: `{"n":${n}}` }, clock.now(), newId));
      // The first five are delivered a minute apart; the sixth fails and waits, however old it gets.
      for (const n of [1, 2, 3, 4, 5]) {
        const [head] = (await queue().claimDue(clock.now(), at(9_000_000), 10)).filter((due) => due.endpointId === `${engine}-p`);
        expect(head?.eventId).toBe(`${engine}-p${n}`);
        await queue().markDelivered(head!.id, { at: clock.now(), status: 200, error: null, durationMs: 5 });
        clock.advance(60_000);
      }
      const [sixth] = (await queue().claimDue(clock.now(), at(9_000_000), 10)).filter((due) => due.endpointId === `${engine}-p`);
      await queue().markFailed(sixth!.id, { at: clock.now(), status: 500, error: 'answered 500', durationMs: 5 }, { kind: 'retry', at: at(99_000_000) });
      const left = async () => (await store().webhookDeliveriesPage(`${engine}-p`, { first: 10, after: null })).map((row) => row.eventId.replace(`${engine}-`, '')).reverse();
      // Delivered before the third's minute: the first two, here a batch of one at a time.
      const third = at(1_000_000 + 2 * 60_000);
      const prune = (limit: number) => store().transaction(async (tx) => tx.pruneWebhookDeliveries((await tx.webhookEndpoint(`${engine}-p`))!, third, limit));
      expect(await prune(1)).toBe(1);
      expect(await left()).toEqual(['p2', 'p3', 'p4', 'p5', 'p6']);
      expect(await prune(1)).toBe(1);
      expect(await prune(5)).toBe(0);
      expect(await left()).toEqual(['p3', 'p4', 'p5', 'p6']);
      // A year on, the queue's walk over every endpoint takes every delivered one; the undelivered head stays.
      expect(await queue().pruneDelivered(at(400 * 86_400_000), 500)).toBeGreaterThanOrEqual(3);
      expect(await left()).toEqual(['p6']);
      expect(await store().webhookEndpoint(`${engine}-p`)).toMatchObject({ deliveredThrough: 5, lastSeq: 6 });
      // The next event still takes the next seq behind the waiting head.
      await store().transaction((tx) => tx.enqueueWebhookEvent({ ownerId: `${engine}-brand4`, topic: 'order.paid', eventId: `${engine}-p7`, body: '{}' }, clock.now(), newId));
      expect(await left()).toEqual(['p6', 'p7']);
    });

    it('has the worker prune on its own turns once retention is set', async () => {
      const clock = manualClock(at(2_000_000));
      await store().createWebhookEndpoint({ id: `${engine}-r`, ownerId: `${engine}-brand5`, url: `${base}/r`, description: '', secret, topics: ['order.paid'], createdAt: clock.now() });
      for (const n of [1, 2]) await store().transaction((tx) => tx.enqueueWebhookEvent({ ownerId: `${engine}-brand5`, topic: 'order.paid', eventId: `${engine}-r${n}`, body: '{}' }, clock.now(), newId));
      failing = false;
      const schedule: RetrySchedule = { delaysMs: [1_000], disableAfterMs: 3_600_000, attemptTimeoutMs: 5_000 };
      const dispatcher = createDispatcher({
        queue: queue(),
        sender: createSender({ policy: { requireHttps: false, allowPrivateAddresses: true }, timeoutMs: 5_000 }),
        schedule,
        clock,
        logger: createLogger('webhooks-test', { level: 'silent' }),
        retention: { keepMs: 86_400_000, everyMs: 3_600_000 },
      });
      while ((await dispatcher.runOnce()) > 0);
      const rows = async () => (await store().webhookDeliveriesPage(`${engine}-r`, { first: 10, after: null })).length;
      expect(await rows()).toBe(2);
      clock.advance(86_400_000 + 1);
      await dispatcher.runOnce();
      expect(await rows()).toBe(0);
      await dispatcher.stop();
    });
  },
  { plans: {} },
);

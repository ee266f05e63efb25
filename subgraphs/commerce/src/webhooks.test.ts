/**
 * Partner webhooks in commerce, through the subgraph's schema, on SQLite and Postgres: which
 * writes enqueue which topics (and that a refused or rolled-back write enqueues nothing), the topic
 * filter, the owner (the brand whose order or product it is), the payload's shape, stock
 * crossings, the partner API (scopes, secret shown once, rotation, another brand's endpoint,
 * URLs refused) and replay. Delivery itself is the kit's (webhook-statements.test.ts) and through
 * the gateway test/webhooks.e2e.ts.
 */
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { creatorIds, shopBrands, userIds } from '@app/fixtures/world';
import { manualClock } from '@app/kit/clock';
import { describeOnEachEngine } from '@app/kit/db/testing';
import { WEBHOOK_QUEUE_TOPIC, webhookQueueOf } from '@app/kit/db/webhook-statements';
import { answeredBy, errorOf, fakePeers, runOperation, type OperationResult } from '@app/kit/testing';
import { anonymousViewer, type Viewer } from '@app/kit/viewer';
import { createContext, defaultServices, type CommerceServices } from './context.ts';
import type { NewFeedProduct } from './db/contract.ts';
import { seedCommerceStore } from './db/seed.ts';
import { openCommercePgStore, openCommerceStore, type CommerceStore } from './db/store.ts';
import { createServer } from './server.ts';
import { DEFAULT_SETTINGS } from './settings.ts';
import { LOW_STOCK_UNITS } from './vocabulary.ts';
import { tellOrderPlaced } from './webhookEvents.ts';

const START = new Date(Date.UTC(2027, 3, 1, 9, 0, 0));
const clock = manualClock(START);
const brandId = shopBrands[2]?.id as string;
const otherBrandId = shopBrands[3]?.id as string;
const buyer = userIds[48] as string;
const streamCreator = creatorIds[12] as string;
const streams = new Map([['lst_webhook_1', { id: 'lst_webhook_1', status: 'LIVE', creator: { id: streamCreator } }]]);
const peers = fakePeers({ LiveStream: streams, Creator: new Map(creatorIds.map((id) => [id, {}])) });
const production: CommerceServices = { ...defaultServices(), clock, settings: { ...DEFAULT_SETTINGS, webhooks: { ...DEFAULT_SETTINGS.webhooks, destinations: { requireHttps: true, allowPrivateAddresses: false } } } };
const development: CommerceServices = { ...defaultServices(), clock };

const partner = (id: string, scopes: string[] = ['webhooks:write']): Viewer => ({ ...anonymousViewer(), partnerId: id, scopes: [...scopes, 'orders:write', 'catalog:write'] });
const brand = partner(brandId);
const other = partner(otherBrandId);
const asUser = (userId: string): Viewer => ({ ...anonymousViewer(), userId });

const server = createServer();
beforeAll(() => server.start());
afterAll(() => server.stop());

const REGISTER = 'mutation ($input: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $input) { secret endpoint { id url topics enabled description } } }';
const ENDPOINT = 'id url topics enabled disabledReason previousSecretExpiresAt';

let made = 0;
function newProduct(inventory: number, owner = brandId): NewFeedProduct {
  made += 1;
  return { id: `prd_webhook_${made}`, brandId: owner, title: `Webhook product ${made}`, description: '', priceAmount: 1_250, currency: 'USD', inventory, status: 'ACTIVE', commissionBps: 1_000, imageUrl: 'https://img.example/w.png', externalId: null, createdAt: START };
}

let keys = 0;
const key = (what: string) => `${what}-webhook-${++keys}`;

describeOnEachEngine<CommerceStore>(
  'partner webhooks',
  { sqlite: openCommerceStore, postgres: openCommercePgStore },
  (store) => {
    const run = (viewer: Viewer, query: string, variables: Record<string, unknown> = {}, services: CommerceServices = development) =>
      runOperation(server, createContext(store(), viewer, peers.client, services), query, variables);
    const ok = answeredBy(run);
    const codeOf = (result: OperationResult<unknown>) => errorOf(result).code;
    /** An endpoint of `viewer`'s brand on a loopback URL (development allows it). */
    const register = async (topics: string[], viewer = brand) => (await ok(viewer, REGISTER, { input: { url: `http://127.0.0.1:9/${++made}`, topics, description: 'test' } })).registerWebhookEndpoint;
    /** What an endpoint's queue holds, oldest first: topic and the parsed body. */
    const queued = async (endpointId: string) =>
      (await store().webhookDeliveriesPage(endpointId, { first: 100, after: null })).reverse().map((row) => ({ id: row.id, topic: row.topic, eventId: row.eventId, body: JSON.parse(row.body) }));
    const buy = async (lines: { productId: string; quantity: number }[], extra: Record<string, unknown> = {}) =>
      run(asUser(buyer), 'mutation ($input: CheckoutInput!) { checkout(input: $input) { order { id } } }', { input: { lines, idempotencyKey: key('buy'), ...extra } });

    it('registers an endpoint showing its secret once, never in the list, and lists the brand’s own endpoints only', async () => {
      const registered = await register(['ORDER_PAID', 'ORDER_CREATED', 'ORDER_PAID']);
      expect(registered.secret).toMatch(/^whsec_/);
      expect(registered.endpoint).toMatchObject({ enabled: true, description: 'test', topics: ['ORDER_CREATED', 'ORDER_PAID'] });
      await register(['ORDER_PAID'], other);
      const listed = await ok(brand, `query ($id: ID!) { brand(id: $id) { webhookEndpoints { ${ENDPOINT} } } }`, { id: brandId });
      expect(listed.brand.webhookEndpoints.map((row: { id: string }) => row.id)).toEqual([registered.endpoint.id]);
      expect(JSON.stringify(listed)).not.toContain(registered.secret);
      // The secret is in the store only, as the worker signs with it.
      expect((await store().webhookEndpoint(registered.endpoint.id))?.secret).toBe(registered.secret);
    });

    it('refuses without webhooks:write, to users, and another brand’s list', async () => {
      const input = { url: 'http://127.0.0.1:9/x', topics: ['ORDER_PAID'] };
      expect(codeOf(await run(partner(brandId, []), REGISTER, { input }))).toBe('FORBIDDEN');
      expect(codeOf(await run(asUser(buyer), REGISTER, { input }))).toBe('FORBIDDEN');
      expect(codeOf(await run(anonymousViewer(), REGISTER, { input }))).toBe('UNAUTHENTICATED');
      expect(codeOf(await run(other, `query ($id: ID!) { brand(id: $id) { webhookEndpoints { id } } }`, { id: brandId }))).toBe('FORBIDDEN');
    });

    it('refuses a URL deliveries may not go to with BAD_USER_INPUT on url, and writes nothing', async () => {
      const before = (await store().webhookEndpointsOf(brandId)).length;
      for (const [url, reason] of [
        ['http://hooks.example.com/in', 'HTTPS_REQUIRED'],
        ['https://127.0.0.1/in', 'PRIVATE_ADDRESS'],
        ['https://10.1.2.3/in', 'PRIVATE_ADDRESS'],
        ['https://169.254.169.254/latest', 'PRIVATE_ADDRESS'],
        ['https://localhost/in', 'PRIVATE_ADDRESS'],
        ['not a url', 'INVALID_URL'],
        ['ftp://hooks.example.com/in', 'INVALID_URL'],
      ]) {
        const result = await run(brand, REGISTER, { input: { url, topics: ['ORDER_PAID'] } }, production);
        expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'url', reason });
      }
      expect(codeOf(await run(brand, REGISTER, { input: { url: 'https://hooks.example.com/in', topics: [] } }, production))).toBe('BAD_USER_INPUT');
      expect((await store().webhookEndpointsOf(brandId)).length).toBe(before);
      // Production takes https on a public name.
      expect((await run(brand, REGISTER, { input: { url: 'https://hooks.example.com/in', topics: ['ORDER_PAID'] } }, production)).errors).toBeUndefined();
    });

    it('enqueues ORDER_CREATED then ORDER_PAID with the checkout, for the brand’s endpoints that hear them only', async () => {
      const both = await register(['ORDER_CREATED', 'ORDER_PAID']);
      const paidOnly = await register(['ORDER_PAID']);
      const otherBrands = await register(['ORDER_CREATED', 'ORDER_PAID'], other);
      const product = newProduct(50);
      await store().insertProducts([product]);
      clock.advance(1_000);
      const result = await buy([{ productId: product.id, quantity: 2 }]);
      expect(result.errors).toBeUndefined();
      const orderId = (result.data as any).checkout.order.id;
      const heard = await queued(both.endpoint.id);
      expect(heard.map((row) => row.topic)).toEqual(['ORDER_CREATED', 'ORDER_PAID']);
      expect(heard[1]!.body).toEqual({
        id: heard[1]!.eventId,
        type: 'order.paid',
        occurredAt: clock.now().toISOString(),
        data: { order: { id: orderId, status: 'PAID', currency: 'USD', totalAmount: 2_500, createdAt: clock.now().toISOString(), lines: [{ position: 0, productId: product.id, title: product.title, quantity: 2, unitPriceAmount: 1_250, totalAmount: 2_500 }] } },
      });
      expect((await queued(paidOnly.endpoint.id)).map((row) => [row.topic, row.eventId])).toEqual([['ORDER_PAID', heard[1]!.eventId]]);
      expect(await queued(otherBrands.endpoint.id)).toEqual([]);
    });

    it('enqueues nothing for a refused checkout or a write that rolls back', async () => {
      const endpoint = await register(['ORDER_CREATED', 'ORDER_PAID', 'PRODUCT_OUT_OF_STOCK', 'PRODUCT_STOCK_LOW']);
      const product = newProduct(1);
      await store().insertProducts([product]);
      expect(codeOf(await buy([{ productId: product.id, quantity: 2 }]))).toBe('OUT_OF_STOCK');
      expect(codeOf(await buy([{ productId: product.id, quantity: 1 }], { affiliateCode: 'NO-SUCH-CODE' }))).toBe('AFFILIATE_CODE_NOT_FOUND');
      const order = { id: 'ord_rolled_back', brandId, status: 'PAID' as const, currency: 'USD', totalAmount: 1, createdAt: START };
      await expect(
        store().transaction(async (tx) => {
          await tellOrderPlaced(tx, order, [], START);
          throw new Error('the write fails after enqueueing');
        }),
      ).rejects.toThrow('the write fails');
      expect(await queued(endpoint.endpoint.id)).toEqual([]);
      expect((await store().webhookEndpoint(endpoint.endpoint.id))?.lastSeq).toBe(0);
    });

    it('tells stock crossings only: low at the threshold, out at zero, nothing while it stays low or goes up', async () => {
      const endpoint = await register(['PRODUCT_STOCK_LOW', 'PRODUCT_OUT_OF_STOCK']);
      const product = newProduct(LOW_STOCK_UNITS + 2);
      await store().insertProducts([product]);
      await buy([{ productId: product.id, quantity: 1 }]); // 6: above
      await buy([{ productId: product.id, quantity: 1 }]); // 5: low
      await buy([{ productId: product.id, quantity: 1 }]); // 4: still low
      const update = 'mutation ($input: UpdateProductInput!) { updateProduct(input: $input) { inventory } }';
      await ok(brand, update, { input: { id: product.id, inventory: 0 } }); // out
      await ok(brand, update, { input: { id: product.id, inventory: 20 } }); // up: nothing
      await ok(brand, update, { input: { id: product.id, inventory: 3 } }); // low again
      const heard = await queued(endpoint.endpoint.id);
      expect(heard.map((row) => [row.topic, row.body.data.product.inventory])).toEqual([
        ['PRODUCT_STOCK_LOW', 5],
        ['PRODUCT_OUT_OF_STOCK', 0],
        ['PRODUCT_STOCK_LOW', 3],
      ]);
      expect(heard[0]!.body).toMatchObject({ type: 'product.stock_low', data: { product: { id: product.id, title: product.title }, lowStockUnits: LOW_STOCK_UNITS } });
    });

    it('tells fulfilment, cancellation and an approved return, and a pin of the brand’s product on a LIVE stream', async () => {
      const endpoint = await register(['ORDER_FULFILLED', 'ORDER_CANCELLED', 'ORDER_RETURNED', 'LIVE_PRODUCT_PINNED']);
      const product = newProduct(100);
      await store().insertProducts([product]);
      const placed = async () => ((await buy([{ productId: product.id, quantity: 3 }])).data as any).checkout.order.id as string;
      const shipped = await placed();
      await ok(brand, 'mutation ($input: FulfillOrderInput!) { fulfillOrder(input: $input) { id } }', { input: { orderId: shipped, carrier: 'DHL', trackingNumber: 'JD1', idempotencyKey: key('ship') } });
      const cancelled = await placed();
      await ok(asUser(buyer), 'mutation ($input: CancelOrderInput!) { cancelOrder(input: $input) { id } }', { input: { orderId: cancelled, idempotencyKey: key('cancel') } });
      const requested = await ok(asUser(buyer), 'mutation ($input: RequestReturnInput!) { requestReturn(input: $input) { id } }', {
        input: { orderId: shipped, lines: [{ productId: product.id, quantity: 1 }], reason: 'too big', idempotencyKey: key('return') },
      });
      await ok(brand, 'mutation ($input: DecideReturnInput!) { approveReturn(input: $input) { id } }', { input: { returnId: requested.requestReturn.id, restock: true, idempotencyKey: key('approve') } });
      await ok(asUser(streamCreator), 'mutation ($s: ID!, $p: ID!) { pinProduct(liveStreamId: $s, productId: $p) { id } }', { s: 'lst_webhook_1', p: product.id });
      const heard = await queued(endpoint.endpoint.id);
      expect(heard.map((row) => [row.body.type, row.body.data.order?.id ?? row.body.data.liveStreamId])).toEqual([
        ['order.fulfilled', shipped],
        ['order.cancelled', cancelled],
        ['order.returned', shipped],
        ['live.product_pinned', 'lst_webhook_1'],
      ]);
      expect(heard[0]!.body.data).toMatchObject({ order: { status: 'FULFILLED' }, shipment: { carrier: 'DHL', trackingNumber: 'JD1' } });
      expect(heard[1]!.body.data).toMatchObject({ order: { status: 'CANCELLED' }, cancelledBy: 'BUYER' });
      expect(heard[2]!.body.data.return).toEqual({ id: requested.requestReturn.id, refundAmount: 1_250, restocked: true, lines: [{ position: 0, productId: product.id, quantity: 1 }] });
      expect(heard[3]!.body.data.product).toEqual({ id: product.id, title: product.title });
    });

    it('rotates the secret (shown once; the old one still signs for the grace period), updates topics, disables and enables, all NOT_FOUND to another brand', async () => {
      const endpoint = await register(['ORDER_PAID']);
      const id = endpoint.endpoint.id;
      for (const [query, variables] of [
        ['mutation ($id: ID!) { rotateWebhookEndpointSecret(endpointId: $id) { secret } }', { id }],
        ['mutation ($id: ID!) { disableWebhookEndpoint(endpointId: $id) { id } }', { id }],
        ['mutation ($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { id } }', { input: { endpointId: id, topics: ['ORDER_CREATED'] } }],
      ] as const) {
        expect(codeOf(await run(other, query, variables))).toBe('NOT_FOUND');
      }
      expect((await ok(other, `query ($b: ID!, $id: ID!) { brand(id: $b) { webhookEndpoint(id: $id) { id } } }`, { b: otherBrandId, id })).brand.webhookEndpoint).toBeNull();

      const rotated = (await ok(brand, `mutation ($id: ID!) { rotateWebhookEndpointSecret(endpointId: $id) { secret endpoint { ${ENDPOINT} } } }`, { id })).rotateWebhookEndpointSecret;
      expect(rotated.secret).toMatch(/^whsec_/);
      expect(rotated.secret).not.toBe(endpoint.secret);
      expect(new Date(rotated.endpoint.previousSecretExpiresAt).getTime()).toBe(clock.now().getTime() + DEFAULT_SETTINGS.webhooks.secretGraceMs);
      // A delivery due now is signed with both: a receiver holding either secret accepts it.
      const product = newProduct(20);
      await store().insertProducts([product]);
      await buy([{ productId: product.id, quantity: 1 }]);
      const due = (await webhookQueueOf(store()).claimDue(clock.now(), new Date(clock.now().getTime() + 60_000), 100)).find((row) => row.endpointId === id)!;
      expect(due.secrets).toEqual([rotated.secret, endpoint.secret]);

      const updated = await ok(brand, `mutation ($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { ${ENDPOINT} } }`, { input: { endpointId: id, topics: ['ORDER_CREATED', 'PRODUCT_STOCK_LOW'] } });
      expect(updated.updateWebhookEndpoint.topics).toEqual(['ORDER_CREATED', 'PRODUCT_STOCK_LOW']);
      const disabled = await ok(brand, `mutation ($id: ID!) { disableWebhookEndpoint(endpointId: $id) { ${ENDPOINT} } }`, { id });
      expect(disabled.disableWebhookEndpoint).toMatchObject({ enabled: false, disabledReason: 'Disabled by the brand.' });
      const enabled = await ok(brand, `mutation ($id: ID!) { enableWebhookEndpoint(endpointId: $id) { ${ENDPOINT} } }`, { id });
      expect(enabled.enableWebhookEndpoint).toMatchObject({ enabled: true, disabledReason: null });
    });

    it('lists an endpoint’s deliveries newest first, both ways, and replays one with its event id; another brand’s delivery is NOT_FOUND', async () => {
      const endpoint = await register(['ORDER_CREATED', 'ORDER_PAID']);
      const product = newProduct(20);
      await store().insertProducts([product]);
      await buy([{ productId: product.id, quantity: 1 }]);
      await buy([{ productId: product.id, quantity: 1 }]);
      const page = `query ($b: ID!, $id: ID!, $first: Int, $last: Int, $after: String, $before: String) { brand(id: $b) { webhookEndpoint(id: $id) {
        deliveries(first: $first, last: $last, after: $after, before: $before) { edges { cursor node { id eventId topic status attempts lastResponseCode lastError nextAttemptAt payload } } pageInfo { hasNextPage hasPreviousPage } } } } }`;
      const first = (await ok(brand, page, { b: brandId, id: endpoint.endpoint.id, first: 3 })).brand.webhookEndpoint.deliveries;
      expect(first.edges.map((edge: any) => edge.node.topic)).toEqual(['ORDER_PAID', 'ORDER_CREATED', 'ORDER_PAID']);
      expect(first.pageInfo.hasNextPage).toBe(true);
      expect(first.edges[0].node).toMatchObject({ status: 'PENDING', attempts: 0, lastResponseCode: null, lastError: null });
      expect(JSON.parse(first.edges[0].node.payload).id).toBe(first.edges[0].node.eventId);
      const rest = (await ok(brand, page, { b: brandId, id: endpoint.endpoint.id, first: 3, after: first.edges[2].cursor })).brand.webhookEndpoint.deliveries;
      expect(rest.edges.map((edge: any) => edge.node.topic)).toEqual(['ORDER_CREATED']);
      const back = (await ok(brand, page, { b: brandId, id: endpoint.endpoint.id, last: 2, before: rest.edges[0].cursor })).brand.webhookEndpoint.deliveries;
      expect(back.edges.map((edge: any) => edge.node.id)).toEqual(first.edges.slice(1).map((edge: any) => edge.node.id));

      const oldest = rest.edges[0].node;
      expect(codeOf(await run(other, 'mutation ($id: ID!) { replayWebhookDelivery(deliveryId: $id) { id } }', { id: oldest.id }))).toBe('NOT_FOUND');
      const replayed = (await ok(brand, 'mutation ($id: ID!) { replayWebhookDelivery(deliveryId: $id) { id eventId topic payload status } }', { id: oldest.id })).replayWebhookDelivery;
      expect(replayed).toMatchObject({ eventId: oldest.eventId, topic: 'ORDER_CREATED', payload: oldest.payload, status: 'PENDING' });
      expect(replayed.id).not.toBe(oldest.id);
      expect((await queued(endpoint.endpoint.id)).at(-1)?.eventId).toBe(oldest.eventId);
    });

    it('gives racing checkouts of one brand each its own place in the endpoint’s queue: none lost, none twice, created before paid', async () => {
      const endpoint = await register(['ORDER_CREATED', 'ORDER_PAID']);
      const product = newProduct(100);
      await store().insertProducts([product]);
      const results = await Promise.all(Array.from({ length: 12 }, () => buy([{ productId: product.id, quantity: 1 }])));
      expect(results.map((result) => result.errors)).toEqual(results.map(() => undefined));
      const orderIds = results.map((result) => (result.data as any).checkout.order.id as string);
      const rows = (await store().webhookDeliveriesPage(endpoint.endpoint.id, { first: 100, after: null })).reverse();
      expect(rows.map((row) => row.seq)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
      const heard = rows.map((row) => JSON.parse(row.body) as { type: string; data: { order: { id: string } } });
      expect(new Set(heard.map((event) => event.data.order.id))).toEqual(new Set(orderIds));
      for (const orderId of orderIds) {
        expect(heard.filter((event) => event.data.order.id === orderId).map((event) => event.type)).toEqual(['order.created', 'order.paid']);
      }
      expect((await store().webhookEndpoint(endpoint.endpoint.id))?.lastSeq).toBe(24);
    });

    it('answers a retried registration with the same key with the endpoint and secret it made, not a second endpoint', async () => {
      const brandOf = shopBrands[3]?.id as string;
      const idempotencyKey = key('register');
      const input = { url: 'http://127.0.0.1:9/retried', topics: ['ORDER_PAID'], idempotencyKey };
      const endpointsOf = async () => (await store().webhookEndpointsOf(brandOf)).map((row) => row.id);
      const before = await endpointsOf();
      const first = (await ok(partner(brandOf), REGISTER, { input })).registerWebhookEndpoint;
      const retried = (await ok(partner(brandOf), REGISTER, { input })).registerWebhookEndpoint;
      expect(retried).toEqual(first);
      expect(await endpointsOf()).toEqual(expect.arrayContaining([...before, first.endpoint.id]));
      expect(await endpointsOf()).toHaveLength(before.length + 1);
      // The same key for another endpoint is refused and registers nothing; another brand's key is its own.
      expect((await run(partner(brandOf), REGISTER, { input: { ...input, url: 'http://127.0.0.1:9/other' } })).errors?.[0]?.extensions).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'idempotencyKey' });
      expect(await endpointsOf()).toHaveLength(before.length + 1);
      expect((await ok(partner(shopBrands[5]?.id as string), REGISTER, { input })).registerWebhookEndpoint.endpoint.id).not.toBe(first.endpoint.id);
      expect(codeOf(await run(partner(brandOf), REGISTER, { input: { ...input, idempotencyKey: 'short' } }))).toBe('BAD_USER_INPUT');
    });

    it('caps a brand’s endpoints, and a removed one (with its queue) frees its place; another brand’s is NOT_FOUND', async () => {
      const brandOf = shopBrands[4]?.id as string;
      const made = [];
      for (let i = 0; i < 10; i++) made.push(await register(['ORDER_PAID'], partner(brandOf)));
      const input = { url: 'http://127.0.0.1:9/cap', topics: ['ORDER_PAID'] };
      const result = await run(partner(brandOf), REGISTER, { input });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'WEBHOOK_ENDPOINT_LIMIT_REACHED', max: 10 });

      const DELETE = 'mutation ($id: ID!) { deleteWebhookEndpoint(endpointId: $id) }';
      const removed = made[0].endpoint.id as string;
      let deliveries = 0;
      await store().transaction((tx) => tx.enqueueWebhookEvent({ ownerId: brandOf, topic: 'ORDER_PAID', eventId: `evt_${removed}`, body: '{}' }, new Date(), () => `whd_${removed}_${++deliveries}`));
      expect((await store().webhookDeliveriesPage(removed, { first: 10, after: null })).length).toBe(1);
      expect(codeOf(await run(other, DELETE, { id: removed }))).toBe('NOT_FOUND');
      expect((await ok(partner(brandOf), DELETE, { id: removed })).deleteWebhookEndpoint).toBe(removed);
      expect(await store().webhookEndpoint(removed)).toBeUndefined();
      expect(await store().webhookDeliveriesPage(removed, { first: 10, after: null })).toEqual([]);
      expect(codeOf(await run(partner(brandOf), DELETE, { id: removed }))).toBe('NOT_FOUND');
      // The other endpoints keep what was queued for them.
      expect((await store().webhookDeliveriesPage(made[1].endpoint.id, { first: 10, after: null })).length).toBe(1);
      expect((await run(partner(brandOf), REGISTER, { input })).errors).toBeUndefined();
    });

    it('wakes the worker when a write that queued a delivery commits, and not for a refused write or a brand no endpoint hears', async () => {
      const wakes = vi.fn();
      const unlisten = store().liveEvents.listen(WEBHOOK_QUEUE_TOPIC, wakes);
      try {
        const quietBrand = shopBrands[6]?.id as string;
        const hearingBrand = shopBrands[7]?.id as string;
        const quiet = newProduct(10, quietBrand);
        const heard = newProduct(10, hearingBrand);
        await store().insertProducts([quiet, heard]);
        await register(['ORDER_PAID'], partner(hearingBrand));
        expect((await buy([{ productId: quiet.id, quantity: 1 }])).errors).toBeUndefined();
        expect(codeOf(await buy([{ productId: heard.id, quantity: 11 }]))).toBe('OUT_OF_STOCK');
        // Postgres announces through pg_notify: give a wake that was wrongly sent time to arrive.
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(wakes).not.toHaveBeenCalled();
        expect((await buy([{ productId: heard.id, quantity: 1 }])).errors).toBeUndefined();
        await vi.waitFor(() => expect(wakes).toHaveBeenCalled(), { timeout: 5_000 });
      } finally {
        unlisten();
      }
    });
  },
  { seed: seedCommerceStore },
);

/**
 * Partner webhooks end to end: a brand's partner key registers an endpoint through the gateway on
 * a receiver this test runs (node:http on loopback, allowed outside production), and orders placed
 * through the gateway arrive signed (verified with the endpoint's secret), in order. The receiver
 * fails (500), then hangs past the attempt deadline, then recovers: the same events arrive with
 * the same ids, their attempts counted in the deliveries list. A replay sends an event again with
 * its id. The commerce process is killed (-9) while an attempt hangs and started again: the
 * delivery arrives (at least once, the same id), none lost. Retries are shortened through the
 * WEBHOOK_* settings; every wait is bounded.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shopBrands, userIds } from '@app/fixtures/world';
import { openKeyStore, type KeyStore } from '@app/gateway/src/db/keys.ts';
import { openPgGatewayStore } from '@app/gateway/src/db/open.ts';
import { verifyDelivery } from '@app/kit/webhooks/signing';
import { eventually } from './eventually.ts';
import { startProcesses, type RunningProcesses } from './processes.ts';

const ATTEMPT_TIMEOUT_MS = 1_500;
// The commerce process reads these at start (processes.ts passes the test's environment on).
Object.assign(process.env, { WEBHOOK_RETRY_DELAYS_MS: '300', WEBHOOK_ATTEMPT_TIMEOUT_MS: String(ATTEMPT_TIMEOUT_MS), WEBHOOK_POLL_MS: '100' });

const brandId = shopBrands[0]?.id as string;
const buyer = userIds[46] as string;

type Mode = 'ok' | 'fail' | 'hang';
interface Received {
  eventId: string;
  type: string;
  orderId: string | undefined;
  verified: boolean;
  answered: number | null;
}

/** The brand's receiver: answers as `mode` says, and keeps every request it got, in arrival order. */
let mode: Mode = 'ok';
let secret = '';
const received: Received[] = [];
const hanging = new Set<http.ServerResponse>();
const receiver = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const parsed = JSON.parse(body) as { type: string; data: { order?: { id: string } } };
    const answered = mode === 'ok' ? 200 : mode === 'fail' ? 500 : null;
    received.push({ eventId: String(req.headers['webhook-id']), type: parsed.type, orderId: parsed.data.order?.id, verified: verifyDelivery(secret, body, req.headers), answered });
    if (answered === null) hanging.add(res);
    else res.writeHead(answered).end();
  });
});
function answerAs(next: Mode): void {
  mode = next;
  // What hung is cut off (the worker gave up on it, or died waiting).
  for (const res of hanging) res.destroy();
  hanging.clear();
}

let graph: RunningProcesses;
let keys: KeyStore & { close(): Promise<void> | void };
let receiverUrl = '';
let webhookKey: Record<string, string> = {};
let productId = '';

const gql = async (query: string, variables: Record<string, unknown>, headers: Record<string, string>) => {
  const { body } = await graph.query(query, variables, headers);
  return body;
};

beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  graph = await startProcesses({ subgraphs: ['users', 'commerce'] });
  const pgUrl = graph.env.GATEWAY_DATABASE_URL;
  keys = pgUrl ? (await openPgGatewayStore(pgUrl)).keys : openKeyStore(path.join(graph.env.DATA_DIR as string, 'gateway.db'));
  webhookKey = { 'x-api-key': (await keys.create({ partnerId: brandId, name: 'webhooks e2e', scopes: ['webhooks:write', 'catalog:write'] })).secret };
  const products = await gql('query ($id: ID!) { brand(id: $id) { products(first: 1) { edges { node { id } } } } }', { id: brandId }, {});
  productId = products.data.brand.products.edges[0].node.id;
  // Stock enough for every order here.
  const stocked = await gql('mutation ($input: UpdateProductInput!) { updateProduct(input: $input) { id } }', { input: { id: productId, inventory: 500 } }, webhookKey);
  expect(stocked.errors).toBeUndefined();
}, 120_000);

afterAll(async () => {
  answerAs('ok');
  await keys?.close();
  await graph?.stop();
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
}, 60_000);

let orders = 0;
async function placeOrder(): Promise<string> {
  const token = await graph.tokenFor(buyer);
  const body = await gql('mutation ($input: CheckoutInput!) { checkout(input: $input) { order { id } } }', { input: { lines: [{ productId, quantity: 1 }], idempotencyKey: `webhooks-e2e-${Date.now()}-${++orders}` } }, { authorization: `Bearer ${token}` });
  expect(body.errors).toBeUndefined();
  return body.data.checkout.order.id;
}

/** The events answered 2xx, in arrival order. */
const delivered = () => received.filter((entry) => entry.answered === 200);
const arrivalsOf = (eventId: string) => received.filter((entry) => entry.eventId === eventId);

const DELIVERIES = `query ($b: ID!, $id: ID!) { brand(id: $b) { webhookEndpoint(id: $id) { enabled deliveries(first: 50) {
  edges { node { id eventId topic status attempts lastResponseCode lastError nextAttemptAt } } } } } }`;
type DeliveryView = { id: string; eventId: string; topic: string; status: string; attempts: number; lastResponseCode: number | null; lastError: string | null };

describe('partner webhooks through the gateway, against a receiver that fails, hangs and recovers', () => {
  let endpointId = '';
  const deliveries = async (): Promise<DeliveryView[]> => {
    const body = await gql(DELIVERIES, { b: brandId, id: endpointId }, webhookKey);
    expect(body.errors).toBeUndefined();
    return body.data.brand.webhookEndpoint.deliveries.edges.map((edge: { node: DeliveryView }) => edge.node);
  };

  it('registers only with webhooks:write, and answers the secret once', async () => {
    const ordersOnly = { 'x-api-key': (await keys.create({ partnerId: brandId, name: 'no webhooks', scopes: ['orders:write'] })).secret };
    const input = { url: receiverUrl, topics: ['ORDER_CREATED', 'ORDER_PAID'], description: 'e2e receiver' };
    const REGISTER = 'mutation ($input: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $input) { secret endpoint { id topics enabled } } }';
    const refused = await gql(REGISTER, { input }, ordersOnly);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const registered = await gql(REGISTER, { input }, webhookKey);
    expect(registered.errors).toBeUndefined();
    secret = registered.data.registerWebhookEndpoint.secret;
    endpointId = registered.data.registerWebhookEndpoint.endpoint.id;
    expect(secret).toMatch(/^whsec_/);
    expect(registered.data.registerWebhookEndpoint.endpoint).toMatchObject({ topics: ['ORDER_CREATED', 'ORDER_PAID'], enabled: true });
  });

  it('delivers an order placed through the gateway, signed, created before paid', async () => {
    const orderId = await placeOrder();
    await eventually(() => delivered().length >= 2, 'both events delivered', 15_000);
    expect(delivered().map((entry) => [entry.type, entry.orderId, entry.verified])).toEqual([
      ['order.created', orderId, true],
      ['order.paid', orderId, true],
    ]);
    expect(received).toHaveLength(2);
    const listed = await deliveries();
    expect(listed.map((row) => [row.topic, row.status, row.attempts, row.lastResponseCode])).toEqual([
      ['ORDER_PAID', 'DELIVERED', 1, 200],
      ['ORDER_CREATED', 'DELIVERED', 1, 200],
    ]);
  }, 30_000);

  it('retries through a 500 and a hang past the deadline, with the same event id, in order, attempts counted', async () => {
    answerAs('fail');
    const orderId = await placeOrder();
    await eventually(() => received.filter((entry) => entry.answered === 500).length >= 2, 'two attempts answered 500', 15_000);
    answerAs('hang');
    await eventually(() => hanging.size > 0, 'an attempt left hanging', 15_000);
    // Past the attempt deadline: the worker gives up on it and schedules the next try.
    await eventually(async () => (await deliveries()).some((row) => row.lastError?.includes(`no answer within ${ATTEMPT_TIMEOUT_MS} ms`) ?? false), 'the hanging attempt given up at its deadline', 15_000);
    answerAs('ok');
    await eventually(() => delivered().filter((entry) => entry.orderId === orderId).length >= 2, "the order's two events delivered", 20_000);

    const created = received.find((entry) => entry.orderId === orderId)!;
    expect(created.type).toBe('order.created');
    // Every attempt carried the same event id and a valid signature; the paid event waited behind it.
    const attempts = arrivalsOf(created.eventId);
    expect(attempts.length).toBeGreaterThanOrEqual(4);
    expect(attempts.every((entry) => entry.verified && entry.type === 'order.created')).toBe(true);
    expect(attempts.map((entry) => entry.answered).slice(0, 2)).toEqual([500, 500]);
    expect(attempts.at(-1)?.answered).toBe(200);
    const paid = received.filter((entry) => entry.orderId === orderId && entry.type === 'order.paid');
    expect(paid.map((entry) => entry.answered)).toEqual([200]);
    expect(received.indexOf(paid[0]!)).toBeGreaterThan(received.indexOf(attempts.at(-1)!));

    const listed = await deliveries();
    const row = listed.find((entry) => entry.eventId === created.eventId)!;
    expect(row).toMatchObject({ status: 'DELIVERED', attempts: attempts.length, lastResponseCode: 200 });
    expect(delivered().map((entry) => entry.type)).toEqual(['order.created', 'order.paid', 'order.created', 'order.paid']);
  }, 60_000);

  it('replays a delivery with the same event id', async () => {
    const first = (await deliveries()).at(-1)!;
    const before = arrivalsOf(first.eventId).length;
    const replayed = await gql('mutation ($id: ID!) { replayWebhookDelivery(deliveryId: $id) { id eventId status } }', { id: first.id }, webhookKey);
    expect(replayed.errors).toBeUndefined();
    expect(replayed.data.replayWebhookDelivery).toMatchObject({ eventId: first.eventId, status: 'PENDING' });
    await eventually(() => arrivalsOf(first.eventId).length > before, 'the replayed delivery', 15_000);
    expect(arrivalsOf(first.eventId).at(-1)).toMatchObject({ answered: 200, verified: true, type: 'order.created' });
  }, 30_000);

  it('delivers, after a kill -9 of commerce mid-attempt and a restart, what was in flight, with the same id, none lost', async () => {
    answerAs('hang');
    const orderId = await placeOrder();
    await eventually(() => received.some((entry) => entry.orderId === orderId && entry.answered === null), "the order's first attempt in flight", 15_000);
    const inFlight = received.find((entry) => entry.orderId === orderId)!;
    await graph.kill('commerce', 'SIGKILL');
    answerAs('ok');
    await graph.start('commerce');
    // The dead worker's lease runs out (twice the attempt deadline and 5 s), then the same event goes again.
    await eventually(() => delivered().filter((entry) => entry.orderId === orderId).length >= 2, "the order's two events delivered after the restart", 30_000);
    expect(arrivalsOf(inFlight.eventId).map((entry) => entry.answered)).toEqual([null, 200]);
    expect(delivered().filter((entry) => entry.orderId === orderId).map((entry) => [entry.type, entry.eventId === inFlight.eventId])).toEqual([
      ['order.created', true],
      ['order.paid', false],
    ]);
    // Every event the brand's endpoint heard was delivered: none lost.
    const listed = await deliveries();
    expect(listed).toHaveLength(7);
    expect(listed.every((row) => row.status === 'DELIVERED')).toBe(true);
    expect(new Set(listed.map((row) => row.eventId))).toEqual(new Set(delivered().map((entry) => entry.eventId)));
  }, 60_000);
});

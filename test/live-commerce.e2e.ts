/**
 * LIVE shopping through the gateway: pins, unpins and purchases of pinned products reach
 * `liveShoppingEvents` subscribers over WebSocket (graphql-ws) and SSE (graphql-sse), each
 * completed by commerce with the product as it is then and never naming the buyer; a refused
 * checkout sends nothing; `endLiveStream` (content) completes the subscriptions after their last
 * event; `LiveStream.sales` counts the purchase. A LIVE room's subscriptions share one WebSocket.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creatorIds, shopBrands, userIds } from '@app/fixtures/world';
import { startGraph, type RunningGraph } from './harness.ts';
import { eventually } from './eventually.ts';
import { subscribeOverSse, subscribeOverWebSocket, webSocketClient, type Received } from './live-clients.ts';

let graph: RunningGraph;
beforeAll(async () => {
  graph = await startGraph();
});
afterAll(() => graph?.stop());

const bearer = async (userId: string) => ({ authorization: `Bearer ${await graph.tokenFor(userId)}` });
let keyCounter = 0;
const key = () => `live-commerce-${Date.now()}-${++keyCounter}`;

const SHOPPING_EVENTS = /* GraphQL */ `
  subscription ShoppingEvents($id: ID!) {
    liveShoppingEvents(liveStreamId: $id) { id kind quantity product { id title inventory price { amount formatted } brand { name } } }
  }
`;
const STREAM_UPDATES = /* GraphQL */ `
  subscription StreamUpdates($id: ID!) {
    liveStreamUpdates(liveStreamId: $id) { id status }
  }
`;
const CHECKOUT = 'mutation ($input: CheckoutInput!) { checkout(input: $input) { order { id total { amount } } } }';

/** A stream of `creatorId`, scheduled and taken LIVE through the gateway. */
async function liveStream(creatorId: string): Promise<string> {
  const headers = await bearer(creatorId);
  const scheduled = await graph.query(
    'mutation ($input: ScheduleLiveStreamInput!) { scheduleLiveStream(input: $input) { id } }',
    { input: { title: 'Shopping live', scheduledFor: new Date(Date.now() + 3_600_000).toISOString(), idempotencyKey: key() } },
    headers,
  );
  expect(scheduled.body.errors).toBeUndefined();
  const id = scheduled.body.data.scheduleLiveStream.id as string;
  const started = await graph.query('mutation ($id: ID!) { startLiveStream(id: $id) { status } }', { id }, headers);
  expect(started.body.data.startLiveStream.status).toBe('LIVE');
  return id;
}

/** Products of one shop, each given a known stock through the brand's own partner key. */
async function productsWithStock(stock: number[]): Promise<{ id: string; title: string; price: number; brand: string }[]> {
  const brandId = shopBrands[0]?.id as string;
  const listed = await graph.query('query ($brand: ID!, $first: Int!) { products(brandId: $brand, first: $first) { edges { node { id title price { amount } brand { name } } } } }', { brand: brandId, first: stock.length });
  const nodes = listed.body.data.products.edges.map((edge: any) => edge.node);
  expect(nodes).toHaveLength(stock.length);
  const partner = { 'x-api-key': (await graph.keys.create({ partnerId: brandId, name: 'live commerce e2e', scopes: ['catalog:write'] })).secret };
  for (const [i, node] of nodes.entries()) {
    const updated = await graph.query('mutation ($id: ID!, $stock: Int!) { updateProduct(input: { id: $id, inventory: $stock }) { inventory } }', { id: node.id, stock: stock[i] }, partner);
    expect(updated.body.data.updateProduct.inventory).toBe(stock[i]);
  }
  return nodes.map((node: any) => ({ id: node.id, title: node.title, price: node.price.amount, brand: node.brand.name }));
}

async function pin(creatorId: string, streamId: string, productId: string, mutation: 'pinProduct' | 'unpinProduct' = 'pinProduct') {
  const { body } = await graph.query(`mutation ($stream: ID!, $product: ID!) { ${mutation}(liveStreamId: $stream, productId: $product) { id } }`, { stream: streamId, product: productId }, await bearer(creatorId));
  expect(body.errors).toBeUndefined();
}

/**
 * Waits until the subgraph subscriptions behind the gateway's have read where they start: a
 * subscription without `after` starts with the next event written, so a write sent before that
 * could fall before it. Each waits on its store's event bus once it has.
 */
async function listening(service: 'commerce' | 'content', listeners: number): Promise<void> {
  await eventually(() => graph.stores[service].liveEvents.size.listeners === listeners, `${listeners} ${service} subscription(s) listening`);
}

const shoppingEvents = (received: Received) => received.results.map((result) => result.data?.liveShoppingEvents);

describe('LIVE shopping events through the gateway', () => {
  it('delivers a pin, an unpin and a purchase over WebSocket and SSE with the product completed and no buyer, nothing for a refused checkout, then completes when the stream ends; sales count the purchase', async () => {
    const creator = creatorIds[4] as string;
    const buyer = userIds[50] as string;
    const streamId = await liveStream(creator);
    const [bought, unpinned] = await productsWithStock([6, 9]);
    if (!bought || !unpinned) throw new Error('two products expected');

    const ws = webSocketClient(graph.url);
    const overWs = subscribeOverWebSocket(ws, SHOPPING_EVENTS, { id: streamId });
    const overSse = subscribeOverSse(graph.url, SHOPPING_EVENTS, { id: streamId });
    await eventually(() => graph.gateway.subscriptions.listeningSubscriptions === 2, 'two open subscriptions');
    expect(graph.gateway.subscriptions.upstreamSubscriptions).toBe(1);
    await listening('commerce', 1);

    await pin(creator, streamId, bought.id);
    await pin(creator, streamId, unpinned.id);
    await pin(creator, streamId, unpinned.id, 'unpinProduct');
    await eventually(() => overWs.results.length === 3 && overSse.results.length === 3, 'the pins and the unpin on both');

    const order = await graph.query(CHECKOUT, { input: { lines: [{ productId: bought.id, quantity: 2 }], liveStreamId: streamId, idempotencyKey: key() } }, await bearer(buyer));
    expect(order.body.errors).toBeUndefined();
    const orderId = order.body.data.checkout.order.id as string;
    await eventually(() => overWs.results.length === 4 && overSse.results.length === 4, 'the purchase on both');

    // 4 left: five is refused and rolls back, announcing nothing.
    const refused = await graph.query(CHECKOUT, { input: { lines: [{ productId: bought.id, quantity: 5 }], liveStreamId: streamId, idempotencyKey: key() } }, await bearer(buyer));
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'OUT_OF_STOCK', available: 4 });

    const sales = await graph.query('query ($id: ID!) { liveStream(id: $id) { sales { orders units revenue { amount currencyCode formatted } } pinnedProducts { id } } }', { id: streamId });
    expect(sales.body.errors).toBeUndefined();
    expect(sales.body.data.liveStream).toEqual({
      sales: { orders: 1, units: 2, revenue: { amount: 2 * bought.price, currencyCode: 'USD', formatted: expect.stringMatching(/^\$\d+\.\d\d$/) } },
      pinnedProducts: [{ id: bought.id }],
    });
    expect(sales.body.data.liveStream.sales.revenue.amount).toBe(order.body.data.checkout.order.total.amount);

    const ended = await graph.query('mutation ($id: ID!) { endLiveStream(id: $id) { status } }', { id: streamId }, await bearer(creator));
    expect(ended.body.data.endLiveStream.status).toBe('ENDED');
    await Promise.all([overWs.done, overSse.done]);

    const productOf = (product: typeof bought, inventory: number) => ({ id: product.id, title: product.title, inventory, price: { amount: product.price, formatted: expect.any(String) }, brand: { name: product.brand } });
    for (const received of [overWs, overSse]) {
      expect(received.completed).toBe(true);
      expect(received.results.every((result) => result.errors === undefined)).toBe(true);
      expect(shoppingEvents(received)).toEqual([
        { id: '1', kind: 'PRODUCT_PINNED', quantity: null, product: productOf(bought, 6) },
        { id: '2', kind: 'PRODUCT_PINNED', quantity: null, product: productOf(unpinned, 9) },
        { id: '3', kind: 'PRODUCT_UNPINNED', quantity: null, product: productOf(unpinned, 9) },
        { id: '4', kind: 'PURCHASED', quantity: 2, product: productOf(bought, 4) },
      ]);
      expect(received.results.map((result) => result.extensions?.eventId)).toEqual(['1', '2', '3', '4']);
      expect(JSON.stringify(received.results)).not.toContain(buyer);
      expect(JSON.stringify(received.results)).not.toContain(orderId);
    }
    await eventually(() => graph.gateway.subscriptions.upstreamSubscriptions === 0, 'the upstream to close');
    await ws.dispose();
  });

  it('refuses a subscription to a stream content does not know with NOT_FOUND, over WebSocket and SSE', async () => {
    const ws = webSocketClient(graph.url);
    const refusals = [subscribeOverWebSocket(ws, SHOPPING_EVENTS, { id: 'lst_nobody_knows' }), subscribeOverSse(graph.url, SHOPPING_EVENTS, { id: 'lst_nobody_knows' })];
    await Promise.all(refusals.map((received) => received.done));
    for (const received of refusals) {
      expect(received.results).toHaveLength(1);
      expect(received.results[0].data ?? null).toBeNull();
      expect(received.results[0].errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    await ws.dispose();
  });

  it('carries a LIVE room’s subscriptions on one WebSocket, and endLiveStream completes them all', async () => {
    const creator = creatorIds[5] as string;
    const streamId = await liveStream(creator);
    const [product] = await productsWithStock([3]);
    if (!product) throw new Error('a product expected');

    // One connection for the whole room: status, gifts and shopping.
    const ws = webSocketClient(graph.url);
    const updates = subscribeOverWebSocket(ws, STREAM_UPDATES, { id: streamId });
    const shopping = subscribeOverWebSocket(ws, SHOPPING_EVENTS, { id: streamId });
    const gifts = subscribeOverWebSocket(ws, 'subscription ($id: ID!) { liveGiftEvents(liveStreamId: $id) { id combo } }', { id: streamId });
    await eventually(() => graph.gateway.subscriptions.listeningSubscriptions === 3, 'the three subscriptions of the room');
    expect(graph.gateway.subscriptions.upstreamSubscriptions).toBe(3);
    // Content serves the room's updates and the watch for the stream's end (in this harness gifts
    // and commerce share one peer client, so one watch serves both).
    await listening('commerce', 1);
    await listening('content', 2);

    await pin(creator, streamId, product.id);
    await eventually(() => shopping.results.length === 1, 'the pin');
    await graph.query('mutation ($id: ID!) { endLiveStream(id: $id) { status } }', { id: streamId }, await bearer(creator));
    await Promise.all([updates.done, shopping.done, gifts.done]);

    expect(updates.completed).toBe(true);
    expect(shopping.completed).toBe(true);
    expect(gifts.completed).toBe(true);
    expect(gifts.results).toEqual([]);
    expect(updates.results.map((result) => result.data?.liveStreamUpdates.status)).toEqual(['ENDED']);
    expect(shoppingEvents(shopping)).toEqual([{ id: '1', kind: 'PRODUCT_PINNED', quantity: null, product: expect.objectContaining({ id: product.id, inventory: 3 }) }]);
    await eventually(() => graph.gateway.subscriptions.upstreamSubscriptions === 0, 'both upstreams to close');
    await ws.dispose();
  });

  it('stops watching content for a stream’s end once its last shopping subscriber leaves', async () => {
    const streamId = await liveStream(creatorIds[6] as string);
    const ws = webSocketClient(graph.url);
    const shopping = subscribeOverWebSocket(ws, SHOPPING_EVENTS, { id: streamId });
    await eventually(() => graph.gateway.subscriptions.listeningSubscriptions === 1, 'the subscription');
    await listening('content', 1);
    shopping.stop();
    // The client left, the gateway's upstream closed, and commerce's watch on content with it.
    await listening('content', 0);
    await ws.dispose();
  });
});

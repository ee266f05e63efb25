/**
 * LIVE shopping against an in-memory store: which writes announce an event (only committed pins,
 * unpins and purchases of pinned products, once each), what an event carries, when a
 * subscription completes, and a stream's sales. Content (streams, and when one ends) and users
 * (who is a creator) are stood in for by a peer client; through the gateway it is
 * test/live-commerce.e2e.ts.
 */
import { describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { parse, subscribe, type ExecutionResult } from 'graphql';
import { creatorIds, shopBrands, userIds } from '@app/fixtures/world';
import { subgraphSchema } from '@app/kit/subgraph';
import { fakePeers, subgraphTestbed } from '@app/kit/testing';
import { anonymousViewer, type Viewer } from '@app/kit/viewer';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import { createContext } from './context.ts';
import { seedCommerceStore } from './db/seed.ts';
import { liveEvents, products } from './db/tables.ts';
import { openCommerceStore } from './db/store.ts';
import { resolvers } from './resolvers.ts';
import { createServer, name, typeDefs } from './server.ts';

type StreamStatus = 'SCHEDULED' | 'LIVE' | 'ENDED';

/** Streams content would know, and who users says is a creator. */
const streams = new Map<string, { id: string; status: StreamStatus; creator: { id: string } }>();
const peers = fakePeers({ LiveStream: streams, Creator: new Map(creatorIds.map((id) => [id, {}])) });

const asUser = (userId: string): Viewer => ({ ...anonymousViewer(), userId });
const { store, counter, run: runAs, entities } = subgraphTestbed({ open: openCommerceStore, createServer, context: (store, viewer) => createContext(store, viewer, peers.client), seed: seedCommerceStore });
const run = (viewer: Viewer, query: string, variables?: Record<string, unknown>) => runAs(query, variables, viewer);
const schema = subgraphSchema({ name, typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> });

const brandId = shopBrands[0]?.id as string;
const buyer = userIds[40] as string;
let streamCount = 0;
let productCount = 0;
let keyCount = 0;

/** A stream content knows, with its own creator; nothing is pinned on it yet. */
function newStream(status: StreamStatus = 'LIVE', creatorId = creatorIds[(streamCount % 10) + 1] as string) {
  const id = `lst_unit_${++streamCount}`;
  streams.set(id, { id, status, creator: { id: creatorId } });
  return { id, creatorId };
}

/** A product of the test's brand with a known price and stock. */
function newProduct(options: { price?: number; inventory?: number; status?: 'ACTIVE' | 'ARCHIVED'; currency?: string } = {}) {
  const id = `prd_unit_${++productCount}`;
  store.db
    .insert(products)
    .values({
      id,
      brandId,
      title: `Title of ${id}`,
      description: '',
      priceAmount: options.price ?? 1_000,
      currency: options.currency ?? 'USD',
      inventory: options.inventory ?? 10,
      status: options.status ?? 'ACTIVE',
      commissionBps: 1_000,
      imageUrl: 'https://img.example/unit.png',
      createdAt: new Date(),
    })
    .run();
  return id;
}

const PIN = 'mutation ($stream: ID!, $product: ID!) { pinProduct(liveStreamId: $stream, productId: $product) { id } }';
const UNPIN = 'mutation ($stream: ID!, $product: ID!) { unpinProduct(liveStreamId: $stream, productId: $product) { id } }';
const CHECKOUT = 'mutation ($input: CheckoutInput!) { checkout(input: $input) { replayed order { id status } } }';
const CANCEL = 'mutation ($id: ID!, $key: String!) { cancelOrder(input: { orderId: $id, idempotencyKey: $key }) { status } }';
const EVENTS = /* GraphQL */ `
  subscription ($stream: ID!, $after: ID) {
    liveShoppingEvents(liveStreamId: $stream, after: $after) { id kind quantity product { id title inventory price { amount } } }
  }
`;

async function pin(streamId: string, creatorId: string, productId: string) {
  return run(asUser(creatorId), PIN, { stream: streamId, product: productId });
}

async function checkout(streamId: string, lines: { productId: string; quantity: number }[], options: { buyerId?: string; key?: string } = {}) {
  return run(asUser(options.buyerId ?? buyer), CHECKOUT, { input: { lines, liveStreamId: streamId, idempotencyKey: options.key ?? `unit-live-${++keyCount}` } });
}

/** A subscriber of a stream's shopping events, as the subgraph runs it for the gateway. */
async function subscribeTo(streamId: string, after?: string) {
  const source = await subscribe({ schema, document: parse(EVENTS), variableValues: { stream: streamId, after }, contextValue: createContext(store, anonymousViewer(), peers.client) });
  const received = { results: [] as ExecutionResult[], completed: false, errors: undefined as ExecutionResult['errors'] };
  if (!(Symbol.asyncIterator in source)) {
    received.errors = source.errors;
    return { ...received, done: Promise.resolve(), stop: async () => undefined };
  }
  const done = (async () => {
    for await (const result of source) received.results.push(result);
    received.completed = true;
  })();
  return Object.assign(received, { done, stop: async () => void (await source.return?.()) });
}

async function eventually(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 3_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const eventsOf = (received: { results: ExecutionResult[] }) => received.results.map((result) => (result.data as any).liveShoppingEvents);
const outbox = (streamId: string) => store.db.select().from(liveEvents).where(eq(liveEvents.topic, streamId)).orderBy(asc(liveEvents.seq)).all();

describe('LIVE shopping events', () => {
  it('announces a pin, a purchase of a pinned product and an unpin, each once, and nothing for writes that changed nothing or rolled back', async () => {
    const { id: stream, creatorId } = newStream();
    const pinned = newProduct({ price: 2_500, inventory: 7 });
    const notPinned = newProduct({ price: 400 });
    const archived = newProduct({ status: 'ARCHIVED' });
    const subscriber = await subscribeTo(stream);

    expect((await pin(stream, creatorId, pinned)).errors).toBeUndefined();
    await eventually(() => subscriber.results.length === 1, 'the pin');
    expect(eventsOf(subscriber)[0]).toEqual({ id: '1', kind: 'PRODUCT_PINNED', quantity: null, product: { id: pinned, title: `Title of ${pinned}`, inventory: 7, price: { amount: 2_500 } } });

    // Changes nothing: the same pin again, an unpin of what is not pinned, a refused pin.
    expect((await pin(stream, creatorId, pinned)).errors).toBeUndefined();
    expect((await run(asUser(creatorId), UNPIN, { stream, product: notPinned })).errors).toBeUndefined();
    expect((await pin(stream, creatorId, archived)).errors?.[0]?.extensions?.code).toBe('PRODUCT_NOT_AVAILABLE');
    expect((await pin(stream, userIds[45] as string, notPinned)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // A purchase of the pinned product (with an unpinned one in the same order).
    const key = `unit-live-buy-${++keyCount}`;
    const bought = await checkout(
      stream,
      [
        { productId: pinned, quantity: 3 },
        { productId: notPinned, quantity: 1 },
      ],
      { key },
    );
    expect(bought.errors).toBeUndefined();
    await eventually(() => subscriber.results.length === 2, 'the purchase');
    expect(eventsOf(subscriber)[1]).toMatchObject({ id: '2', kind: 'PURCHASED', quantity: 3, product: { id: pinned, inventory: 4 } });

    // Rolled back or replayed: out of stock, the same key again, a cancellation.
    const short = await checkout(stream, [{ productId: pinned, quantity: 5 }]);
    expect(short.errors?.[0]?.extensions).toMatchObject({ code: 'OUT_OF_STOCK', available: 4 });
    const replay = await checkout(
      stream,
      [
        { productId: pinned, quantity: 3 },
        { productId: notPinned, quantity: 1 },
      ],
      { key },
    );
    expect(replay.data?.checkout.replayed).toBe(true);
    expect((await run(asUser(buyer), CANCEL, { id: bought.data?.checkout.order.id, key: 'cancel-bought-0001' })).data?.cancelOrder.status).toBe('CANCELLED');

    expect((await run(asUser(creatorId), UNPIN, { stream, product: pinned })).errors).toBeUndefined();
    await eventually(() => subscriber.results.length === 3, 'the unpin');
    // The cancellation put the units back: the product is completed as it is now.
    expect(eventsOf(subscriber)[2]).toEqual({ id: '3', kind: 'PRODUCT_UNPINNED', quantity: null, product: expect.objectContaining({ id: pinned, inventory: 7 }) });

    // Nothing else was written for the stream, and every event carries its outbox id.
    expect(outbox(stream).map((event) => [event.seq, event.kind, event.payload])).toEqual([
      [1, 'PRODUCT_PINNED', { productId: pinned, quantity: null }],
      [2, 'PURCHASED', { productId: pinned, quantity: 3 }],
      [3, 'PRODUCT_UNPINNED', { productId: pinned, quantity: null }],
    ]);
    expect(subscriber.results.every((result) => result.errors === undefined)).toBe(true);
    await subscriber.stop();
    await subscriber.done;
  });

  it('announces one PURCHASED per line of a pinned product, in line order with consecutive ids, and never who bought', async () => {
    const { id: stream, creatorId } = newStream();
    const [first, second, other] = [newProduct(), newProduct(), newProduct()];
    for (const product of [first, second]) await pin(stream, creatorId, product);
    const subscriber = await subscribeTo(stream, '2');
    const bought = await checkout(stream, [
      { productId: second, quantity: 2 },
      { productId: other, quantity: 4 },
      { productId: first, quantity: 1 },
    ]);
    expect(bought.errors).toBeUndefined();
    await eventually(() => subscriber.results.length === 2, 'two purchase events');
    expect(eventsOf(subscriber).map((event) => [event.id, event.kind, event.product.id, event.quantity])).toEqual([
      ['3', 'PURCHASED', second, 2],
      ['4', 'PURCHASED', first, 1],
    ]);
    // What is stored is the product and the units: no buyer, no order.
    const stored = outbox(stream).slice(2);
    for (const event of stored) expect(Object.keys(event.payload as object).sort()).toEqual(['productId', 'quantity']);
    expect(JSON.stringify(stored)).not.toContain(buyer);
    expect(JSON.stringify(stored)).not.toContain(bought.data?.checkout.order.id);
    const fields = await run(anonymousViewer(), '{ __type(name: "LiveShoppingEvent") { fields { name } } }');
    expect(fields.data?.__type.fields.map((field: { name: string }) => field.name)).toEqual(['id', 'kind', 'product', 'quantity', 'deal']);
    await subscriber.stop();
  });

  it('completes when content says the stream ended, after every event committed before, and watches content for it', async () => {
    const { id: stream, creatorId } = newStream('SCHEDULED');
    const [a, b] = [newProduct(), newProduct()];
    const subscriber = await subscribeTo(stream);
    const watch = peers.watches.find((entry) => entry.variables.liveStreamId === stream);
    expect(watch).toMatchObject({ service: 'content', variables: { liveStreamId: stream } });
    expect(watch?.query).toMatch(/liveStreamUpdates\(liveStreamId: \$liveStreamId, after: \$after\)/);
    expect(watch?.isLast({ data: { liveStreamUpdates: { status: 'LIVE' } } })).toBe(false);
    expect(watch?.isLast({ data: { liveStreamUpdates: { status: 'ENDED' } } })).toBe(true);

    await pin(stream, creatorId, a);
    await pin(stream, creatorId, b);
    // Ended before the subscriber has read either event: both still arrive, then it completes.
    peers.finishWatches({ liveStreamId: stream });
    await subscriber.done;
    expect(subscriber.completed).toBe(true);
    expect(eventsOf(subscriber).map((event) => [event.id, event.product.id])).toEqual([
      ['1', a],
      ['2', b],
    ]);
  });

  it('sends a stream that has already ended what it holds after `after`, then completes; refuses unknown streams and bad positions', async () => {
    const { id: stream, creatorId } = newStream();
    const product = newProduct();
    await pin(stream, creatorId, product);
    await run(asUser(creatorId), UNPIN, { stream, product });
    streams.set(stream, { ...(streams.get(stream) as { id: string; status: StreamStatus; creator: { id: string } }), status: 'ENDED' });

    const replay = await subscribeTo(stream, '1');
    await replay.done;
    expect(replay.completed).toBe(true);
    expect(eventsOf(replay).map((event) => [event.id, event.kind])).toEqual([['2', 'PRODUCT_UNPINNED']]);
    const fresh = await subscribeTo(stream);
    await fresh.done;
    expect(fresh.results).toEqual([]);

    expect((await subscribeTo('lst_nobody_knows')).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await subscribeTo(stream, 'seven')).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await subscribeTo(stream, '99')).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('opens a subscription while content is down for a stream it holds events of (a gateway resubscribing after a restart), and still refuses one it has never seen', async () => {
    const { id: stream, creatorId } = newStream();
    const product = newProduct();
    await pin(stream, creatorId, product);
    const { id: unseen } = newStream();
    peers.unavailable.add('content');
    try {
      const resumed = await subscribeTo(stream, '0');
      expect(resumed.errors).toBeUndefined();
      await eventually(() => resumed.results.length === 1, 'the pin, replayed');
      expect(eventsOf(resumed)[0]).toMatchObject({ id: '1', kind: 'PRODUCT_PINNED', product: { id: product } });
      // Content back and reporting the end: the watch completes it.
      peers.finishWatches({ liveStreamId: stream });
      await resumed.done;
      expect(resumed.completed).toBe(true);
      expect((await subscribeTo(unseen)).errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      peers.unavailable.delete('content');
    }
  });
});

describe("a live stream's sales", () => {
  const salesOf = async (ids: string[]) => {
    const result = await entities('LiveStream', ids, 'id sales { orders units revenue { amount currencyCode formatted } }');
    expect(result.errors).toBeUndefined();
    return result.data?._entities.map((entity) => entity?.sales);
  };

  it('counts orders not cancelled, and the units and revenue of their pinned lines only (the creator’s own purchase too); zero for a stream with none', async () => {
    const { id: stream, creatorId } = newStream();
    const [pinned, alsoPinned, notPinned] = [newProduct({ price: 1_250 }), newProduct({ price: 999 }), newProduct({ price: 5_000 })];
    await pin(stream, creatorId, pinned);
    await pin(stream, creatorId, alsoPinned);
    expect(
      (
        await checkout(stream, [
          { productId: pinned, quantity: 2 },
          { productId: notPinned, quantity: 1 },
        ])
      ).errors,
    ).toBeUndefined();
    expect((await checkout(stream, [{ productId: alsoPinned, quantity: 3 }], { buyerId: creatorId })).errors).toBeUndefined();
    const cancelled = await checkout(stream, [{ productId: pinned, quantity: 5 }]);
    await run(asUser(buyer), CANCEL, { id: cancelled.data?.checkout.order.id, key: 'cancel-cancelled-0001' });
    expect((await checkout(stream, [{ productId: pinned, quantity: 99 }])).errors?.[0]?.extensions?.code).toBe('OUT_OF_STOCK');

    const { id: quiet } = newStream();
    expect(await salesOf([stream, quiet])).toEqual([
      { orders: 2, units: 5, revenue: { amount: 2 * 1_250 + 3 * 999, currencyCode: 'USD', formatted: '$54.97' } },
      { orders: 0, units: 0, revenue: { amount: 0, currencyCode: 'USD', formatted: '$0.00' } },
    ]);
  });

  it('refuses to add up sales in several currencies (SALES_CURRENCY_MISMATCH), nulling only that stream’s sales', async () => {
    const { id: stream, creatorId } = newStream();
    const { id: fine } = newStream();
    const [dollars, euros] = [newProduct(), newProduct({ currency: 'EUR' })];
    for (const product of [dollars, euros]) await pin(stream, creatorId, product);
    await checkout(stream, [{ productId: dollars, quantity: 1 }]);
    await checkout(stream, [{ productId: euros, quantity: 1 }]);
    const result = await entities('LiveStream', [stream, fine], 'id sales { orders }');
    expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['SALES_CURRENCY_MISMATCH']);
    expect(result.data?._entities).toEqual([
      { id: stream, sales: null },
      { id: fine, sales: { orders: 0 } },
    ]);
  });

  it('reads the sales of 50 streams in one statement, as of 5', async () => {
    const ids = Array.from({ length: 50 }, () => newStream().id);
    const product = newProduct({ inventory: 1_000 });
    for (const id of ids.slice(0, 5)) {
      await pin(id, (streams.get(id) as { creator: { id: string } }).creator.id, product);
      await checkout(id, [{ productId: product, quantity: 1 }]);
    }
    const statementsFor = async (streamIds: string[]) => {
      counter.reset();
      const sales = await salesOf(streamIds);
      expect(sales?.slice(0, 5).map((entry) => entry.orders)).toEqual([1, 1, 1, 1, 1]);
      return counter.count;
    };
    const five = await statementsFor(ids.slice(0, 5));
    expect(five).toBe(1);
    expect(await statementsFor(ids)).toBe(five);
  });
});

/**
 * Checkout from a video (issue 23) against an in-memory store: which lines a video attributes
 * (commerce's seed tags and the tags content keeps, both), the commission at the open rate, the
 * refusals that change nothing, and the creator's kept sales per video. Content (videos) and
 * users (who is a creator) are stood in for by a peer client; the kept rows are proven on both
 * engines by src/db/store.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { creatorIds, shopBrands, userIds } from '@app/fixtures/world';
import { fakePeers, subgraphTestbed } from '@app/kit/testing';
import { anonymousViewer, type Viewer } from '@app/kit/viewer';
import { createContext } from './context.ts';
import { seedCommerceStore } from './db/seed.ts';
import { products, videoProducts } from './db/tables.ts';
import { openCommerceStore } from './db/store.ts';
import { createServer } from './server.ts';

/** Videos content would know: their creator and the tags the creator wrote. */
const videos = new Map<string, { creator: { id: string }; taggedProducts: { id: string }[] }>();
const peers = fakePeers({ Video: videos, LiveStream: new Map(), Creator: new Map(creatorIds.map((id) => [id, {}])) });
const asUser = (userId: string): Viewer => ({ ...anonymousViewer(), userId });
const { store, run: runAs } = subgraphTestbed({ open: openCommerceStore, createServer, context: (store, viewer) => createContext(store, viewer, peers.client), seed: seedCommerceStore });
const run = (viewer: Viewer, query: string, variables?: Record<string, unknown>) => runAs(query, variables, viewer);

const brandId = shopBrands[0]?.id as string;
const buyer = userIds[41] as string;
const creator = creatorIds[3] as string;
let made = 0;
let keys = 0;

function newProduct(price = 2_000, inventory = 10): string {
  const id = `prd_video_unit_${++made}`;
  store.db
    .insert(products)
    .values({ id, brandId, title: `Title of ${id}`, description: '', priceAmount: price, currency: 'USD', inventory, status: 'ACTIVE', commissionBps: 1_500, imageUrl: 'https://img.example/unit.png', createdAt: new Date() })
    .run();
  return id;
}

const CHECKOUT = 'mutation ($input: CheckoutInput!) { checkout(input: $input) { order { id total { amount } commission { amount } attributedCreator { id } video { id } lines { product { id } commission { amount } } } } }';
const CANCEL = 'mutation ($id: ID!, $key: String!) { cancelOrder(input: { orderId: $id, idempotencyKey: $key }) { status } }';
const SALES = 'query ($id: ID!) { _entities(representations: [{ __typename: "Creator", id: $id }]) { ... on Creator { videoSales(first: 10) { edges { node { video { id } orders units revenue { amount } commission { amount } } } } } } }';

const checkout = (input: Record<string, unknown>, buyerId = buyer) => run(asUser(buyerId), CHECKOUT, { input: { idempotencyKey: `video-key-${++keys}-0000`, ...input } });
const inventoryOf = (id: string) => store.db.select().from(products).all().find((row) => row.id === id)!.inventory;

describe('checkout from a video', () => {
  it('attributes the lines of products tagged in the video, by content or in the seed, to its creator at the open rate; other lines earn nothing', async () => {
    const tagged = newProduct(2_000);
    const seedTagged = newProduct(3_000);
    const untagged = newProduct(1_000);
    videos.set('vid_unit_1', { creator: { id: creator }, taggedProducts: [{ id: tagged }] });
    store.db.insert(videoProducts).values({ videoId: 'vid_unit_1', productId: seedTagged, position: 0 }).run();
    const result = await checkout({ videoId: 'vid_unit_1', lines: [{ productId: tagged, quantity: 2 }, { productId: seedTagged, quantity: 1 }, { productId: untagged, quantity: 1 }] });
    expect(result.errors).toBeUndefined();
    const order = result.data?.checkout.order;
    expect(order.attributedCreator).toEqual({ id: creator });
    expect(order.video).toEqual({ id: 'vid_unit_1' });
    // 15% of 4,000 and of 3,000; nothing on the untagged line.
    expect(order.lines.map((line: { commission: { amount: number } }) => line.commission.amount)).toEqual([600, 450, 0]);
    expect(order.commission.amount).toBe(1_050);

    const sales = await run(asUser(creator), SALES, { id: creator });
    expect(sales.data?._entities[0].videoSales.edges.map((edge: { node: unknown }) => edge.node)).toEqual([
      { video: { id: 'vid_unit_1' }, orders: 1, units: 3, revenue: { amount: 7_000 }, commission: { amount: 1_050 } },
    ]);
    // A cancellation takes the order out of the video's sales, in its own transaction.
    expect((await run(asUser(buyer), CANCEL, { id: order.id, key: 'video-cancel-0001' })).data?.cancelOrder.status).toBe('CANCELLED');
    const after = await run(asUser(creator), SALES, { id: creator });
    expect(after.data?._entities[0].videoSales.edges).toEqual([]);
    expect(await store.keptCountDifferences()).toEqual([]);
  });

  it('lists a creator’s videos best selling first, to the creator only', async () => {
    const product = newProduct(500);
    videos.set('vid_unit_2', { creator: { id: creator }, taggedProducts: [{ id: product }] });
    videos.set('vid_unit_3', { creator: { id: creator }, taggedProducts: [{ id: product }] });
    expect((await checkout({ videoId: 'vid_unit_2', lines: [{ productId: product, quantity: 1 }] })).errors).toBeUndefined();
    expect((await checkout({ videoId: 'vid_unit_3', lines: [{ productId: product, quantity: 3 }] })).errors).toBeUndefined();
    const sales = await run(asUser(creator), SALES, { id: creator });
    expect(sales.data?._entities[0].videoSales.edges.map((edge: { node: { video: { id: string }; revenue: { amount: number } } }) => [edge.node.video.id, edge.node.revenue.amount])).toEqual([
      ['vid_unit_3', 1_500],
      ['vid_unit_2', 500],
    ]);
    const stranger = await run(asUser(buyer), SALES, { id: creator });
    expect(stranger.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await store.keptCountDifferences()).toEqual([]);
  });

  it('refuses a video content does not know, a video with none of the products, and a second attribution, changing nothing', async () => {
    const product = newProduct(800, 5);
    videos.set('vid_unit_4', { creator: { id: creator }, taggedProducts: [] });
    const cases: [Record<string, unknown>, string][] = [
      [{ videoId: 'vid_nobody' }, 'NOT_FOUND'],
      [{ videoId: 'vid_unit_4' }, 'PRODUCT_NOT_TAGGED'],
      [{ videoId: 'vid_unit_4', liveStreamId: 'lst_any' }, 'BAD_USER_INPUT'],
      [{ videoId: 'vid_unit_4', affiliateCode: 'ABCDEFGH' }, 'BAD_USER_INPUT'],
    ];
    for (const [attribution, code] of cases) {
      const result = await checkout({ ...attribution, lines: [{ productId: product, quantity: 2 }] });
      expect({ attribution, code: result.errors?.[0]?.extensions?.code }).toEqual({ attribution, code });
    }
    expect(inventoryOf(product)).toBe(5);
    // Content down: SERVICE_UNAVAILABLE, nothing sold.
    peers.unavailable.add('content');
    try {
      expect((await checkout({ videoId: 'vid_unit_4', lines: [{ productId: product, quantity: 1 }] })).errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      peers.unavailable.delete('content');
    }
    expect(inventoryOf(product)).toBe(5);
  });
});

/**
 * Buying from a video through the gateway (issue 23): a creator publishes a video tagging a
 * product (content keeps the tag), a viewer checks out with the video's id, the line earns the
 * creator commission at the open rate, and the creator sees the video's sales (a kept row that
 * agrees with a recount). Bad ids change nothing. Runs on SQLite and, with
 * `scripts/test-postgres.ts`, on Postgres.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creatorIds, userIds } from '@app/fixtures/world';
import { startGraph, type RunningGraph } from './harness.ts';

const PUBLISH = 'mutation ($input: PublishVideoInput!) { publishVideo(input: $input) { id } }';
const CHECKOUT = 'mutation ($input: CheckoutInput!) { checkout(input: $input) { order { id video { id } attributedCreator { id } lines { product { id } commission { amount } } } } }';
const SALES = 'query ($id: ID!) { node(id: $id) { ... on Creator { videoSales(first: 5) { edges { node { video { id } orders units revenue { amount } commission { amount } } } } } } }';
const PRODUCT = 'query ($id: ID!) { product(id: $id) { id price { amount } commissionRate inventory } }';

const creator = creatorIds[7]!;
const buyer = userIds.filter((id) => !creatorIds.includes(id))[3]!;

describe('checkout from a video through the gateway', () => {
  let graph: RunningGraph;
  let onSale: string[] = [];
  let keys = 0;
  const as = async (userId: string) => ({ authorization: `Bearer ${await graph.tokenFor(userId)}` });
  const checkout = async (input: Record<string, unknown>) => graph.query(CHECKOUT, { input: { idempotencyKey: `video-e2e-${++keys}-0000`, ...input } }, await as(buyer));

  beforeAll(async () => {
    graph = await startGraph();
    // Three products of one brand with stock: an order is one brand's.
    const products = await graph.query('{ products(first: 60) { edges { node { id inventory brand { id } } } } }');
    const byBrand = new Map<string, string[]>();
    for (const { node } of products.body.data.products.edges as { node: { id: string; inventory: number; brand: { id: string } } }[]) {
      if (node.inventory > 5) byBrand.set(node.brand.id, [...(byBrand.get(node.brand.id) ?? []), node.id]);
    }
    onSale = [...byBrand.values()].find((ids) => ids.length >= 3)!;
  });
  afterAll(() => graph?.stop());

  it('attributes the tagged line to the video and its creator at the open rate, and the creator sees the video sales', async () => {
    const published = await graph.query(PUBLISH, { input: { caption: 'What I pack', hashtags: [], durationSeconds: 30, playbackUrl: 'https://media.example.com/v/pack.m3u8', thumbnailUrl: 'https://media.example.com/v/pack.jpg', productIds: [onSale[0]] } }, await as(creator));
    expect(published.body.errors).toBeUndefined();
    const videoId = published.body.data.publishVideo.id as string;
    const product = (await graph.query(PRODUCT, { id: onSale[0] })).body.data.product;

    const bought = await checkout({ videoId, lines: [{ productId: onSale[0], quantity: 2 }, { productId: onSale[1], quantity: 1 }] });
    expect(bought.body.errors).toBeUndefined();
    const order = bought.body.data.checkout.order;
    expect(order.video).toEqual({ id: videoId });
    expect(order.attributedCreator).toEqual({ id: creator });
    const expected = Math.floor((product.price.amount * 2 * Math.round(product.commissionRate * 10_000)) / 10_000);
    expect(order.lines.map((line: { commission: { amount: number } }) => line.commission.amount)).toEqual([expected, 0]);

    const sales = await graph.query(SALES, { id: creator }, await as(creator));
    expect(sales.body.errors).toBeUndefined();
    expect(sales.body.data.node.videoSales.edges.map((edge: { node: unknown }) => edge.node)).toEqual([
      { video: { id: videoId }, orders: 1, units: 2, revenue: { amount: product.price.amount * 2 }, commission: { amount: expected } },
    ]);
    const stranger = await graph.query(SALES, { id: creator }, await as(buyer));
    expect(stranger.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await graph.stores.commerce.keptCountDifferences()).toEqual([]);
  });

  it('refuses an unknown video, a video without the products and a second attribution with stable codes, selling nothing', async () => {
    const published = await graph.query(PUBLISH, { input: { caption: 'Nothing to buy', hashtags: [], durationSeconds: 12, playbackUrl: 'https://media.example.com/v/none.m3u8', thumbnailUrl: 'https://media.example.com/v/none.jpg', productIds: [] } }, await as(creator));
    const bare = published.body.data.publishVideo.id as string;
    const before = (await graph.query(PRODUCT, { id: onSale[2] })).body.data.product.inventory;
    for (const [attribution, code] of [
      [{ videoId: 'vid_nothing_here' }, 'NOT_FOUND'],
      [{ videoId: bare }, 'PRODUCT_NOT_TAGGED'],
      [{ videoId: bare, affiliateCode: 'ANYCODE1' }, 'BAD_USER_INPUT'],
    ] as const) {
      const result = await checkout({ ...attribution, lines: [{ productId: onSale[2], quantity: 1 }] });
      expect({ attribution, code: result.body.errors?.[0]?.extensions?.code }).toEqual({ attribution, code });
    }
    await graph.gateway.entityCache?.settled();
    expect((await graph.query(PRODUCT, { id: onSale[2] })).body.data.product.inventory).toBe(before);
  });
});

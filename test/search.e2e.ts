/**
 * Search through the gateway (issue 22): products by text with filters and every sort, paged by
 * cursor; the index following a merch feed's import; best sellers by what checkouts sold; brands
 * by text; and bad input refused with BAD_USER_INPUT naming the argument.
 *
 * The products searched come from a feed this file imports, with made-up words no seeded product
 * holds, so what each search finds is known exactly.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { shopBrands, userIds } from '@app/fixtures/world';
import { startGraph, type RunningGraph } from './harness.ts';

let graph: RunningGraph;
let catalogKey: Record<string, string>;
const shop = shopBrands[0] as { id: string; name: string; topics: readonly string[] };
const other = shopBrands[1] as { id: string; topics: readonly string[] };
const products: Record<string, string> = {};

const IMPORT = /* GraphQL */ `
  mutation ($brandId: ID!, $feed: ProductFeedInput!) {
    importProductFeed(brandId: $brandId, feed: $feed) { created updated failed }
  }
`;
const SEARCH = /* GraphQL */ `
  query ($text: String!, $brandId: ID, $minPrice: Int, $maxPrice: Int, $inStock: Boolean, $topic: String, $sort: ProductSort, $first: Int, $after: String) {
    searchProducts(text: $text, brandId: $brandId, minPrice: $minPrice, maxPrice: $maxPrice, inStock: $inStock, topic: $topic, sort: $sort, first: $first, after: $after) {
      edges { cursor node { id title price { amount } inStock brand { id name } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;
const CHECKOUT = 'mutation ($input: CheckoutInput!) { checkout(input: $input) { order { id } } }';

const item = (externalId: string, title: string, description: string, priceAmount: number, inventory: number) => ({ externalId, title, description, priceAmount, inventory, status: 'ACTIVE' });

async function importFeed(brandId: string, items: ReturnType<typeof item>[]) {
  const key = brandId === shop.id ? catalogKey : { 'x-api-key': (await graph.keys.create({ partnerId: brandId, name: 'e2e search other', scopes: ['catalog:write'] })).secret };
  const { body } = await graph.query(IMPORT, { brandId, feed: { mode: 'PARTIAL', items } }, key);
  expect(body.errors).toBeUndefined();
  expect(body.data.importProductFeed.failed).toBe(0);
}

async function search(variables: Record<string, unknown>) {
  const { body } = await graph.query(SEARCH, variables);
  expect(body.errors).toBeUndefined();
  return body.data.searchProducts as { edges: { cursor: string; node: { id: string; title: string; price: { amount: number }; inStock: boolean; brand: { id: string; name: string } } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

const ids = async (variables: Record<string, unknown>) => (await search(variables)).edges.map((edge) => edge.node.id);

beforeAll(async () => {
  graph = await startGraph();
  catalogKey = { 'x-api-key': (await graph.keys.create({ partnerId: shop.id, name: 'e2e search', scopes: ['catalog:write', 'catalog:read'] })).secret };
  await importFeed(shop.id, [
    item('search-lantern', 'Glimmerwick lantern', 'A lantern for long evenings.', 4_500, 8),
    item('search-mug', 'Enamel mug', 'Goes with any glimmerwick set.', 1_500, 0),
    item('search-candles', 'Glimmerwick candles, set of three', 'Beeswax.', 2_500, 20),
  ]);
  await importFeed(other.id, [item('search-other-lamp', 'Glimmerwick desk lamp', 'Warm light.', 9_900, 4)]);
  const { body } = await graph.query('query ($text: String!) { searchProducts(text: $text, first: 10) { edges { node { id title } } } }', { text: 'glimmerwick' });
  for (const edge of body.data.searchProducts.edges as { node: { id: string; title: string } }[]) products[edge.node.title] = edge.node.id;
}, 120_000);
afterAll(() => graph?.stop());

it('finds products on sale by every word, title matches before description ones, with their brand from the same subgraph', async () => {
  const found = await search({ text: 'glimmerwick' });
  expect(new Set(found.edges.map((edge) => edge.node.title))).toEqual(new Set(['Glimmerwick lantern', 'Enamel mug', 'Glimmerwick candles, set of three', 'Glimmerwick desk lamp']));
  expect(found.edges.at(-1)!.node.title).toBe('Enamel mug');
  expect(found.edges.find((edge) => edge.node.title === 'Glimmerwick lantern')!.node.brand).toEqual({ id: shop.id, name: shop.name });
  // The last word is also a prefix; words are stemmed; every word must match.
  expect((await ids({ text: 'glimmer' })).length).toBe(4);
  expect(await ids({ text: 'glimmerwick candle' })).toEqual([products['Glimmerwick candles, set of three']]);
  expect(await ids({ text: 'glimmerwick zzzyzx' })).toEqual([]);
});

it('filters exactly by brand, price range, stock and topic', async () => {
  const topic = shop.topics.find((t) => !other.topics.includes(t))!;
  const shopOnly = [products['Glimmerwick lantern'], products['Enamel mug'], products['Glimmerwick candles, set of three']];
  expect(new Set(await ids({ text: 'glimmerwick', brandId: shop.id }))).toEqual(new Set(shopOnly));
  expect(new Set(await ids({ text: 'glimmerwick', topic }))).toEqual(new Set(shopOnly));
  expect(new Set(await ids({ text: 'glimmerwick', minPrice: 2_500, maxPrice: 4_500 }))).toEqual(new Set([products['Glimmerwick lantern'], products['Glimmerwick candles, set of three']]));
  expect(await ids({ text: 'glimmerwick', inStock: false })).toEqual([products['Enamel mug']]);
  expect((await search({ text: 'glimmerwick', inStock: true })).edges.every((edge) => edge.node.inStock)).toBe(true);
});

it('sorts by price both ways, newest and best-selling, and pages every sort whole by cursor with no repeats', async () => {
  const byPrice = [products['Enamel mug'], products['Glimmerwick candles, set of three'], products['Glimmerwick lantern'], products['Glimmerwick desk lamp']];
  expect(await ids({ text: 'glimmerwick', sort: 'PRICE_ASC' })).toEqual(byPrice);
  expect(await ids({ text: 'glimmerwick', sort: 'PRICE_DESC' })).toEqual([...byPrice].reverse());
  expect((await ids({ text: 'glimmerwick', sort: 'NEWEST' }))[0]).toBe(products['Glimmerwick desk lamp']);
  // Three candles sold, one lantern: the kept count orders them, unsold ones after.
  const buyer = userIds[30]!;
  const headers = { authorization: `Bearer ${await graph.tokenFor(buyer)}` };
  for (const [productId, quantity, key] of [
    [products['Glimmerwick candles, set of three'], 3, 'e2e-search-0001'],
    [products['Glimmerwick lantern'], 1, 'e2e-search-0002'],
  ] as const) {
    const { body } = await graph.query(CHECKOUT, { input: { lines: [{ productId, quantity }], idempotencyKey: key } }, headers);
    expect(body.errors).toBeUndefined();
  }
  expect((await ids({ text: 'glimmerwick', sort: 'BEST_SELLING' })).slice(0, 2)).toEqual([products['Glimmerwick candles, set of three'], products['Glimmerwick lantern']]);
  for (const sort of ['RELEVANCE', 'PRICE_ASC', 'PRICE_DESC', 'NEWEST', 'BEST_SELLING']) {
    const whole = await ids({ text: 'glimmerwick', sort });
    const paged: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await search({ text: 'glimmerwick', sort, first: 1, after });
      paged.push(...page.edges.map((edge) => edge.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect({ sort, paged }).toEqual({ sort, paged: whole });
  }
});

it("follows a feed's import: a product renamed is found by its new words only", async () => {
  await importFeed(shop.id, [item('search-mug', 'Quillory mug', 'Plain.', 1_500, 0)]);
  expect(await ids({ text: 'quillory' })).toEqual([products['Enamel mug']]);
  expect(await ids({ text: 'glimmerwick', maxPrice: 2_000 })).toEqual([]);
});

it('finds brands by name, the brand first', async () => {
  const word = shop.name.split(/[^A-Za-z0-9]+/).find((part) => part.length > 3)!;
  const { body } = await graph.query('query ($text: String!) { searchBrands(text: $text) { edges { node { id name } } } }', { text: word });
  expect(body.errors).toBeUndefined();
  expect(body.data.searchBrands.edges[0].node).toEqual({ id: shop.id, name: shop.name });
});

it('refuses bad input with BAD_USER_INPUT naming the argument, and an unknown brand with NOT_FOUND', async () => {
  const refusal = async (variables: Record<string, unknown>) => {
    const { body } = await graph.query(SEARCH, variables);
    expect(body.data).toBeNull();
    return { code: body.errors?.[0]?.extensions?.code, argument: body.errors?.[0]?.extensions?.argument, message: body.errors?.[0]?.message as string };
  };
  expect(await refusal({ text: '  -- !! ' })).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'text' });
  expect(await refusal({ text: 'a'.repeat(201) })).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'text' });
  expect(await refusal({ text: 'lamp', minPrice: 500, maxPrice: 100 })).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'minPrice', message: '`minPrice` must not be above `maxPrice`.' });
  expect(await refusal({ text: 'lamp', minPrice: -1 })).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'minPrice' });
  expect(await refusal({ text: 'lamp', first: 101 })).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
  expect(await refusal({ text: 'lamp', after: 'not-a-cursor' })).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
  expect((await refusal({ text: 'lamp', brandId: 'brd_nope' })).code).toBe('NOT_FOUND');
  const brands = await graph.query('query { searchBrands(text: "") { edges { node { id } } } }');
  expect(brands.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'text' });
});

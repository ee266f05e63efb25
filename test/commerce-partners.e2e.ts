/**
 * A partner running its shop through the graph with its API key: what the key is (`viewerKey`),
 * its brand whatever its scopes (`myBrand`), its whole catalogue with archived products, lookup
 * by a feed's external id, its commission deals, and its sales by product, creator and LIVE
 * stream for a period (`analytics:read`). Commerce runs on a clock this file sets, so the period
 * holds exactly the sales made here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creatorIds, liveStreamCreatorId, liveStreamIds, shopBrands, userIds } from '@app/fixtures/world';
import { DAY_MS, manualClock } from '@app/kit/clock';
import { startGraph, type RunningGraph } from './harness.ts';

const START = new Date(Date.UTC(2028, 0, 10, 12, 0, 0));
const clock = manualClock(START);
let graph: RunningGraph;
const brand = shopBrands[0] as (typeof shopBrands)[number];
const otherBrandId = shopBrands[1]?.id as string;
const products: Record<string, string> = {};
let catalogKey: Record<string, string>;

const as = async (userId: string) => ({ authorization: `Bearer ${await graph.tokenFor(userId)}` });
const keyFor = async (partnerId: string, scopes: string[], more: { name?: string; tier?: string; expiresAt?: Date } = {}) =>
  (await graph.keys.create({ partnerId, name: more.name ?? 'e2e partner', scopes, ...more })).secret;

beforeAll(async () => {
  graph = await startGraph({ commerce: { clock } });
  catalogKey = { 'x-api-key': await keyFor(brand.id, ['catalog:write']) };
  const item = (externalId: string, priceAmount: number, status = 'ACTIVE') => ({ externalId, title: `Partner ${externalId}`, priceAmount, inventory: 100, status, commissionRate: 0.1 });
  const { body } = await graph.query(
    'mutation ($brandId: ID!, $feed: ProductFeedInput!) { importProductFeed(brandId: $brandId, feed: $feed) { created } }',
    { brandId: brand.id, feed: { mode: 'PARTIAL', items: [item('p-serum', 2000), item('p-mask', 1500), item('p-old', 900, 'ARCHIVED')] } },
    catalogKey,
  );
  expect(body.data.importProductFeed.created).toBe(3);
  for (const externalId of ['p-serum', 'p-mask', 'p-old']) products[externalId] = await graph.rows('commerce').scalar<string>('select id from products where brand_id = ? and external_id = ?', brand.id, externalId);
});
afterAll(() => graph?.stop());

describe('a partner key', () => {
  it('describes itself with viewerKey, and learns its brand with myBrand whatever its scopes', async () => {
    const expiresAt = new Date(Date.now() + 90 * DAY_MS);
    const secret = await keyFor(brand.id, ['analytics:read'], { name: 'Glow reporting', tier: 'plus', expiresAt });
    const keyId = secret.split('_')[1];
    const { body } = await graph.query('{ viewerKey { id name brand { id name } scopes tier expiresAt } myBrand { id } }', {}, { 'x-api-key': secret });
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({
      viewerKey: { id: keyId, name: 'Glow reporting', brand: { id: brand.id, name: brand.name }, scopes: ['analytics:read'], tier: 'plus', expiresAt: expiresAt.toISOString() },
      myBrand: { id: brand.id },
    });
    const noScopes = await graph.query('{ myBrand { id } viewerKey { scopes tier expiresAt } }', {}, { 'x-api-key': await keyFor(brand.id, []) });
    expect(noScopes.body.data).toEqual({ myBrand: { id: brand.id }, viewerKey: { scopes: [], tier: 'standard', expiresAt: null } });

    const user = await graph.query('{ viewerKey { id } myBrand { id } }', {}, await as(userIds[40] as string));
    expect(user.body.data).toEqual({ viewerKey: null, myBrand: null });
    expect(user.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'PARTNER_REQUIRED' });
    const anonymous = await graph.query('{ viewerKey { id } myBrand { id } }');
    expect(anonymous.body.data).toEqual({ viewerKey: null, myBrand: null });
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it("lists the brand's whole catalogue with archived products, and finds one by its feed's external id", async () => {
    const readKey = { 'x-api-key': await keyFor(brand.id, ['catalog:read']) };
    const ALL = 'query ($id: ID!, $status: ProductStatus) { brand(id: $id) { allProducts(first: 100, status: $status) { edges { node { id status } } } } }';
    const all = (await graph.query(ALL, { id: brand.id }, readKey)).body.data.brand.allProducts.edges.map((edge: any) => edge.node);
    expect(all).toEqual(expect.arrayContaining([{ id: products['p-old'], status: 'ARCHIVED' }, { id: products['p-serum'], status: 'ACTIVE' }]));
    const archived = (await graph.query(ALL, { id: brand.id, status: 'ARCHIVED' }, readKey)).body.data.brand.allProducts.edges.map((edge: any) => edge.node.status);
    expect(new Set(archived)).toEqual(new Set(['ARCHIVED']));
    // The public list has products on sale only.
    const onSale = (await graph.query('query ($id: ID!) { brand(id: $id) { products(first: 100) { edges { node { id } } } } }', { id: brand.id })).body.data.brand.products.edges.map((edge: any) => edge.node.id);
    expect(onSale).not.toContain(products['p-old']);

    const LOOKUP = 'query ($id: ID!, $ext: String!) { brand(id: $id) { productByExternalId(externalId: $ext) { id externalId status } } }';
    expect((await graph.query(LOOKUP, { id: brand.id, ext: 'p-old' }, readKey)).body.data.brand.productByExternalId).toEqual({ id: products['p-old'], externalId: 'p-old', status: 'ARCHIVED' });
    expect((await graph.query(LOOKUP, { id: brand.id, ext: 'never-imported' }, readKey)).body.data.brand.productByExternalId).toBeNull();

    const foreign = { 'x-api-key': await keyFor(otherBrandId, ['catalog:read', 'catalog:write']) };
    for (const query of [ALL, LOOKUP]) {
      const { body } = await graph.query(query, { id: brand.id, ext: 'p-old' }, foreign);
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_OWNING_PARTNER' });
    }
    const ordersOnly = await graph.query(ALL, { id: brand.id }, { 'x-api-key': await keyFor(brand.id, ['orders:read']) });
    expect(ordersOnly.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScopes: [['catalog:read'], ['catalog:write']] });
    expect((await graph.query(ALL, { id: brand.id })).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('lists the commission deals it set, most recent first', async () => {
    const SET = 'mutation ($input: SetCreatorCommissionInput!) { setCreatorCommission(input: $input) { commissionRate } }';
    await graph.query(SET, { input: { creatorId: creatorIds[5], commissionRate: 0.2 } }, catalogKey);
    clock.advance(1_000);
    await graph.query(SET, { input: { creatorId: creatorIds[6], productId: products["p-serum"], commissionRate: 0.3 } }, catalogKey);
    const DEALS = 'query ($id: ID!) { brand(id: $id) { commissionDeals(first: 10) { edges { node { creator { id } product { id } commissionRate updatedAt } } } } }';
    const { body } = await graph.query(DEALS, { id: brand.id }, { 'x-api-key': await keyFor(brand.id, ['catalog:read']) });
    expect(body.errors).toBeUndefined();
    // The seeded deal (set long before this clock) comes after these two.
    expect(body.data.brand.commissionDeals.edges.map((edge: any) => edge.node).slice(0, 2)).toEqual([
      { creator: { id: creatorIds[6] }, product: { id: products['p-serum'] }, commissionRate: 0.3, updatedAt: clock.now().toISOString() },
      { creator: { id: creatorIds[5] }, product: null, commissionRate: 0.2, updatedAt: new Date(clock.now().getTime() - 1_000).toISOString() },
    ]);
    const foreign = await graph.query(DEALS, { id: brand.id }, { 'x-api-key': await keyFor(otherBrandId, ['catalog:read']) });
    expect(foreign.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_OWNING_PARTNER' });
  });
});

describe("a brand's sales", () => {
  const SALES = /* GraphQL */ `
    query ($id: ID!, $from: DateTime!, $to: DateTime!) {
      brand(id: $id) {
        sales(from: $from, to: $to) {
          totals { ...figures }
          byProduct { product { id } sales { ...figures } }
          byCreator { creator { id } sales { ...figures } }
          byLiveStream { liveStream { id } sales { ...figures } }
        }
      }
    }
    fragment figures on SalesFigures { orders units revenue { amount } refunds { amount } commission { amount } }
  `;
  const figures = (orders: number, units: number, revenue: number, refunds: number, commission: number) => ({ orders, units, revenue: { amount: revenue }, refunds: { amount: refunds }, commission: { amount: commission } });

  it('reports orders, units, revenue, refunds and commission by product, by creator and by LIVE stream, for the period only', async () => {
    const ordersKey = { 'x-api-key': await keyFor(brand.id, ['orders:write']) };
    const analytics = { 'x-api-key': await keyFor(brand.id, ['analytics:read']) };
    let n = 0;
    const buy = async (buyer: string, lines: [string, number][], attribution: Record<string, string> = {}) => {
      const { body } = await graph.query(
        'mutation ($input: CheckoutInput!) { checkout(input: $input) { order { id } } }',
        { input: { lines: lines.map(([externalId, quantity]) => ({ productId: products[externalId], quantity })), idempotencyKey: `sales-${++n}-e2e`, ...attribution }, },
        await as(buyer),
      );
      expect(body.errors).toBeUndefined();
      return body.data.checkout.order.id as string;
    };
    // Before the period: not counted.
    await buy(userIds[41] as string, [['p-serum', 5]]);
    clock.advance(DAY_MS);
    const from = clock.now();

    // Creator 4's link: 3 serums (deal-free 10%: 600) and 1 mask, which the link does not cover.
    const creator = creatorIds[4] as string;
    const code = (await graph.query('mutation ($id: ID!) { createAffiliateLink(productId: $id) { code } }', { id: products['p-serum'] }, await as(creator))).body.data.createAffiliateLink.code;
    const linked = await buy(userIds[42] as string, [['p-serum', 3], ['p-mask', 1]], { affiliateCode: code });
    // A LIVE stream pins the mask; 2 masks bought from it (10%: 300).
    const streamIndex = 2;
    const streamId = liveStreamIds[streamIndex] as string;
    const pinned = await graph.query('mutation ($stream: ID!, $product: ID!) { pinProduct(liveStreamId: $stream, productId: $product) { id } }', { stream: streamId, product: products['p-mask'] }, await as(liveStreamCreatorId(streamIndex)));
    expect(pinned.body.errors).toBeUndefined();
    await buy(userIds[43] as string, [['p-mask', 2]], { liveStreamId: streamId });
    // No attribution: 1 serum. Cancelled: counts for nothing.
    await buy(userIds[44] as string, [['p-serum', 1]]);
    const cancelled = await buy(userIds[45] as string, [['p-serum', 4]]);
    await graph.query('mutation ($input: CancelOrderInput!) { cancelBrandOrder(input: $input) { status } }', { input: { orderId: cancelled, idempotencyKey: 'sales-cancel-0001' } }, ordersKey);
    // One of the linked serums comes back: refund 2000, commission 600 → 400.
    await graph.query('mutation ($input: FulfillOrderInput!) { fulfillOrder(input: $input) { status } }', { input: { orderId: linked, carrier: 'UPS', trackingNumber: '1Z7', idempotencyKey: 'sales-ship-0001' } }, ordersKey);
    const asked = await graph.query('mutation ($input: RequestReturnInput!) { requestReturn(input: $input) { id } }', { input: { orderId: linked, lines: [{ productId: products['p-serum'], quantity: 1 }], idempotencyKey: 'sales-return-0001' } }, await as(userIds[42] as string));
    await graph.query('mutation ($input: DecideReturnInput!) { approveReturn(input: $input) { status } }', { input: { returnId: asked.body.data.requestReturn.id, idempotencyKey: 'sales-approve-0001' } }, ordersKey);
    clock.advance(DAY_MS);
    const to = clock.now();
    clock.advance(DAY_MS);
    // After the period: not counted.
    await buy(userIds[46] as string, [['p-mask', 7]]);

    const { body } = await graph.query(SALES, { id: brand.id, from: from.toISOString(), to: to.toISOString() }, analytics);
    expect(body.errors).toBeUndefined();
    const sales = body.data.brand.sales;
    // Serums: 3 − 1 refunded + 1 = 3 units, 6000; masks: 1 + 2 = 3 units, 4500.
    expect(sales.totals).toEqual(figures(3, 6, 6000 + 4500, 2000, 400 + 300));
    expect(sales.byProduct).toEqual([
      { product: { id: products['p-serum'] }, sales: figures(2, 3, 6000, 2000, 400) },
      { product: { id: products['p-mask'] }, sales: figures(2, 3, 4500, 0, 300) },
    ]);
    // The link covers its serums only; the stream its pinned masks (its creator earns on them).
    expect(sales.byCreator).toEqual(
      expect.arrayContaining([
        { creator: { id: creator }, sales: figures(1, 2, 4000, 2000, 400) },
        { creator: { id: liveStreamCreatorId(streamIndex) }, sales: figures(1, 2, 3000, 0, 300) },
      ]),
    );
    expect(sales.byCreator).toHaveLength(2);
    expect(sales.byLiveStream).toEqual([{ liveStream: { id: streamId }, sales: figures(1, 2, 3000, 0, 300) }]);

    // Another brand's key reads its own brand's report for the same period: none of these sales.
    const other = await graph.query(SALES, { id: otherBrandId, from: from.toISOString(), to: to.toISOString() }, { 'x-api-key': await keyFor(otherBrandId, ['analytics:read']) });
    expect(other.body.errors).toBeUndefined();
    expect(other.body.data.brand.sales).toEqual({ totals: figures(0, 0, 0, 0, 0), byProduct: [], byCreator: [], byLiveStream: [] });
  });

  it('needs analytics:read on its own brand and a period of at most 366 days', async () => {
    const period = { from: START.toISOString(), to: new Date(START.getTime() + DAY_MS).toISOString() };
    const QUERY = 'query ($id: ID!, $from: DateTime!, $to: DateTime!) { brand(id: $id) { sales(from: $from, to: $to) { totals { orders } } } }';
    const cases: [Record<string, string>, Record<string, unknown>, Record<string, unknown>][] = [
      [{ 'x-api-key': await keyFor(brand.id, ['orders:read', 'catalog:write']) }, period, { code: 'FORBIDDEN', requiredScopes: [['analytics:read']] }],
      [{ 'x-api-key': await keyFor(otherBrandId, ['analytics:read']) }, period, { code: 'FORBIDDEN', reason: 'NOT_OWNING_PARTNER' }],
      [{ 'x-api-key': await keyFor(brand.id, ['analytics:read']) }, { from: period.to, to: period.from }, { code: 'BAD_USER_INPUT', field: 'to' }],
      [{ 'x-api-key': await keyFor(brand.id, ['analytics:read']) }, { from: START.toISOString(), to: new Date(START.getTime() + 367 * DAY_MS).toISOString() }, { code: 'BAD_USER_INPUT', field: 'to', maxDays: 366 }],
    ];
    for (const [headers, variables, extensions] of cases) {
      const { body } = await graph.query(QUERY, { id: brand.id, ...variables }, headers);
      expect({ variables, sales: body.data?.brand?.sales ?? null, extensions: body.errors?.[0]?.extensions }).toEqual({ variables, sales: null, extensions: expect.objectContaining(extensions) });
    }
  });
});

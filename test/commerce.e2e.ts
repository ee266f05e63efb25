/**
 * Commerce that pays creators, through the gateway: affiliate links, checkout and its rules,
 * cancellation and fulfilment, live shopping, catalogs and showcases, merch feeds, and
 * Creator.earnings joining commissions with gift earnings from the gifts subgraph.
 *
 * The products bought here come from a merch feed this file imports, so prices, stock and
 * commission rates are known exactly.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { prettyFormatQueryPlan, QueryPlanner, type PlanNode, type SubscriptionNode } from '@apollo/query-planner';
import { creatorIds, LIVE_NOW_COUNT, liveStreamCreatorId, liveStreamIds, shopBrands, userIds } from '@app/fixtures/world';
import { startGraph, type RunningGraph } from './harness.ts';

let graph: RunningGraph;
beforeAll(async () => {
  graph = await startGraph();
});
afterAll(() => graph?.stop());

const brandId = shopBrands[0]?.id as string;
const otherBrandId = shopBrands[1]?.id as string;
const headersFor = async (userId: string) => ({ authorization: `Bearer ${await graph.tokenFor(userId)}` });
const partner = async (partnerId: string, scopes: string[]) => ({ 'x-api-key': (await graph.keys.create({ partnerId, name: 'e2e commerce', scopes })).secret });

const IMPORT = /* GraphQL */ `
  mutation ($brandId: ID!, $feed: ProductFeedInput!) {
    importProductFeed(brandId: $brandId, feed: $feed) { created updated unchanged archived failed errors { index field reason } }
  }
`;
const CHECKOUT = /* GraphQL */ `
  mutation ($input: CheckoutInput!) {
    checkout(input: $input) {
      replayed
      order {
        id status affiliateCode attributedCreator { id } liveStream { id }
        total { amount currencyCode } commission { amount }
        lines { product { id } title quantity unitPrice { amount } total { amount } commissionRate commission { amount } }
      }
    }
  }
`;
const STOCK = 'query ($id: ID!) { product(id: $id) { inventory } }';
const EARNINGS = 'query ($id: ID!) { creator(id: $id) { giftEarnings { value { amount } } earnings { commissions { amount } gifts { amount } total { amount } pending { amount } } } }';
const LINKS = 'query ($id: ID!) { creator(id: $id) { affiliateLinks(first: 50) { edges { node { code product { id } clicks orderCount commissionRate commissionEarned { amount } commissionPending { amount } } } } } }';

/** externalId → product id of the feed imported in beforeAll. */
const feedProducts: Record<string, string> = {};
let catalogKey: Record<string, string>;
let ordersKey: Record<string, string>;

async function stockOf(productId: string): Promise<number> {
  return (await graph.query(STOCK, { id: productId })).body.data.product.inventory;
}

async function earningsOf(creatorId: string) {
  const { body } = await graph.query(EARNINGS, { id: creatorId }, await headersFor(creatorId));
  expect(body.errors).toBeUndefined();
  const { giftEarnings, earnings } = body.data.creator;
  return { giftValue: giftEarnings.value.amount as number, ...(Object.fromEntries(Object.entries(earnings).map(([key, money]: [string, any]) => [key, money.amount])) as Record<'commissions' | 'gifts' | 'total' | 'pending', number>) };
}

async function linkOf(creatorId: string, code: string) {
  const { body } = await graph.query(LINKS, { id: creatorId }, await headersFor(creatorId));
  expect(body.errors).toBeUndefined();
  return body.data.creator.affiliateLinks.edges.map((edge: any) => edge.node).find((node: any) => node.code === code);
}

async function createLink(creatorId: string, productId: string): Promise<string> {
  const { body } = await graph.query('mutation ($id: ID!) { createAffiliateLink(productId: $id) { code } }', { id: productId }, await headersFor(creatorId));
  expect(body.errors).toBeUndefined();
  return body.data.createAffiliateLink.code;
}

let keySequence = 0;
async function checkout(buyerId: string, input: Record<string, unknown>) {
  return graph.query(CHECKOUT, { input: { idempotencyKey: `e2e-checkout-${++keySequence}`, ...input } }, await headersFor(buyerId));
}

const FULFIL = 'mutation ($id: ID!, $key: String!) { fulfillOrder(input: { orderId: $id, carrier: "UPS", trackingNumber: "1Z999AA10123456784", idempotencyKey: $key }) { status } }';
const CANCEL = 'mutation ($id: ID!, $key: String!) { cancelOrder(input: { orderId: $id, idempotencyKey: $key }) { status cancelledAt cancelledBy commission { amount } commissionReversed { amount } } }';

async function fulfil(orderId: string) {
  const { body } = await graph.query(FULFIL, { id: orderId, key: `fulfil-${orderId}` }, ordersKey);
  expect(body.errors).toBeUndefined();
  expect(body.data.fulfillOrder.status).toBe('FULFILLED');
}

beforeAll(async () => {
  catalogKey = await partner(brandId, ['catalog:write']);
  ordersKey = await partner(brandId, ['orders:read', 'orders:write']);
  const item = (externalId: string, priceAmount: number, inventory: number, commissionRate: number, status = 'ACTIVE') => ({
    externalId,
    title: `E2E ${externalId}`,
    priceAmount,
    inventory,
    status,
    commissionRate,
  });
  const items = [
    item('serum', 1999, 100, 0.15),
    item('balm', 2499, 100, 0.1),
    item('deal', 1999, 100, 0.15),
    item('self', 1000, 100, 0.2),
    item('repeat', 1250, 100, 0.12),
    item('price', 3000, 100, 0.1),
    item('cancel', 3333, 100, 0.15),
    item('scarce', 500, 2, 0.1),
    item('retired', 900, 10, 0.1, 'ARCHIVED'),
    item('live', 4999, 100, 0.2),
    item('unpinned', 799, 100, 0.2),
    item('plan', 10_000, 100, 0.1),
  ];
  const { body } = await graph.query(IMPORT, { brandId, feed: { mode: 'PARTIAL', items } }, catalogKey);
  expect(body.errors).toBeUndefined();
  expect(body.data.importProductFeed).toMatchObject({ created: items.length, failed: 0 });
  const listed = await graph.query('query ($id: ID!) { brand(id: $id) { products(first: 100) { edges { node { id externalId } } } } }', { id: brandId });
  for (const { node } of listed.body.data.brand.products.edges) if (node.externalId) feedProducts[node.externalId] = node.id;
  // The archived one is not listed among products on sale; find it by elimination below.
  expect(Object.keys(feedProducts)).toEqual(expect.arrayContaining(items.filter((i) => i.status === 'ACTIVE').map((i) => i.externalId)));
  feedProducts.retired = await graph.rows('commerce').scalar<string>(`select id from products where brand_id = ? and external_id = 'retired'`, brandId);
});

describe('affiliate links', () => {
  it('give a creator one link per product with a short code, and refuse a user who is not a creator with NOT_A_CREATOR', async () => {
    const creator = creatorIds[2] as string;
    const code = await createLink(creator, feedProducts.serum as string);
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
    expect(await createLink(creator, feedProducts.serum as string)).toBe(code);

    const { body } = await graph.query('mutation ($id: ID!) { createAffiliateLink(productId: $id) { code } }', { id: feedProducts.serum }, await headersFor(userIds[30] as string));
    expect(body.data.createAffiliateLink).toBeNull();
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_A_CREATOR' });
    const link = await linkOf(creator, code);
    expect(link).toMatchObject({ product: { id: feedProducts.serum }, commissionRate: 0.15, clicks: 0, orderCount: 0 });
  });

  it("count each signed-in user's click once, never the creator's own, and are visible only to their creator", async () => {
    const creator = creatorIds[3] as string;
    const code = await createLink(creator, feedProducts.balm as string);
    const click = 'mutation ($code: String!) { recordAffiliateClick(code: $code) { counted product { id } creator { id } } }';
    const first = await graph.query(click, { code }, await headersFor(userIds[31] as string));
    expect(first.body.data.recordAffiliateClick).toEqual({ counted: true, product: { id: feedProducts.balm }, creator: { id: creator } });
    expect((await graph.query(click, { code }, await headersFor(userIds[31] as string))).body.data.recordAffiliateClick.counted).toBe(false);
    expect((await graph.query(click, { code: code.toLowerCase() }, await headersFor(userIds[32] as string))).body.data.recordAffiliateClick.counted).toBe(true);
    expect((await graph.query(click, { code }, await headersFor(creator))).body.data.recordAffiliateClick.counted).toBe(false);
    expect((await linkOf(creator, code)).clicks).toBe(2);

    const unknown = await graph.query(click, { code: 'ZZZZZZZZ' }, await headersFor(userIds[31] as string));
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('AFFILIATE_CODE_NOT_FOUND');
    const anonymous = await graph.query(click, { code });
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const someoneElse = await graph.query(LINKS, { id: creator }, await headersFor(userIds[31] as string));
    expect(someoneElse.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_THE_CREATOR' });
  });
});

describe('checkout', () => {
  it('through an affiliate link prices lines from the store, takes stock, and credits floor(total × rate) as pending, earned once fulfilled, with earnings = commissions + gifts', async () => {
    const creator = creatorIds[2] as string;
    const buyer = userIds[33] as string;
    const code = await createLink(creator, feedProducts.serum as string);
    const before = await earningsOf(creator);
    expect(before.gifts).toBe(before.giftValue);
    expect(before.total).toBe(before.commissions + before.gifts);
    const stock = { serum: await stockOf(feedProducts.serum as string), balm: await stockOf(feedProducts.balm as string) };

    const { body } = await checkout(buyer, {
      lines: [
        { productId: feedProducts.serum, quantity: 3 },
        { productId: feedProducts.balm, quantity: 1 },
      ],
      affiliateCode: code,
    });
    expect(body.errors).toBeUndefined();
    const order = body.data.checkout.order;
    // 3 × 19.99 = 59.97 at 15% is 8.9955: the creator is credited 8.99. The balm is not the link's product.
    expect(order).toMatchObject({
      status: 'PAID',
      affiliateCode: code,
      attributedCreator: { id: creator },
      liveStream: null,
      total: { amount: 5997 + 2499, currencyCode: 'USD' },
      commission: { amount: 899 },
    });
    expect(order.lines).toEqual([
      { product: { id: feedProducts.serum }, title: 'E2E serum', quantity: 3, unitPrice: { amount: 1999 }, total: { amount: 5997 }, commissionRate: 0.15, commission: { amount: 899 } },
      { product: { id: feedProducts.balm }, title: 'E2E balm', quantity: 1, unitPrice: { amount: 2499 }, total: { amount: 2499 }, commissionRate: 0, commission: { amount: 0 } },
    ]);
    expect(await stockOf(feedProducts.serum as string)).toBe(stock.serum - 3);
    expect(await stockOf(feedProducts.balm as string)).toBe(stock.balm - 1);

    const pending = await earningsOf(creator);
    expect(pending).toMatchObject({ commissions: before.commissions, pending: before.pending + 899, total: before.total });
    expect(await linkOf(creator, code)).toMatchObject({ orderCount: 1, commissionPending: { amount: 899 }, commissionEarned: { amount: 0 } });

    await fulfil(order.id);
    const earned = await earningsOf(creator);
    expect(earned).toMatchObject({ commissions: before.commissions + 899, pending: before.pending, gifts: before.giftValue });
    expect(earned.total).toBe(earned.commissions + earned.gifts);
    expect(await linkOf(creator, code)).toMatchObject({ orderCount: 1, commissionPending: { amount: 0 }, commissionEarned: { amount: 899 } });
  });

  it("pays a brand's higher targeted rate to that creator only, and never lowers the product's rate", async () => {
    const dealCreator = creatorIds[4] as string;
    const plainCreator = creatorIds[5] as string;
    const setDeal = 'mutation ($input: SetCreatorCommissionInput!) { setCreatorCommission(input: $input) { commissionRate product { id } creator { id } } }';
    const deal = await graph.query(setDeal, { input: { creatorId: dealCreator, productId: feedProducts.deal, commissionRate: 0.25 } }, catalogKey);
    expect(deal.body.errors).toBeUndefined();
    expect(deal.body.data.setCreatorCommission).toEqual({ commissionRate: 0.25, product: { id: feedProducts.deal }, creator: { id: dealCreator } });
    // A brand-wide deal below the product's own rate changes nothing for that product.
    await graph.query(setDeal, { input: { creatorId: plainCreator, commissionRate: 0.05 } }, catalogKey);

    const withDeal = await checkout(userIds[34] as string, { lines: [{ productId: feedProducts.deal, quantity: 2 }], affiliateCode: await createLink(dealCreator, feedProducts.deal as string) });
    const without = await checkout(userIds[34] as string, { lines: [{ productId: feedProducts.deal, quantity: 2 }], affiliateCode: await createLink(plainCreator, feedProducts.deal as string) });
    // 2 × 19.99 = 39.98: 25% is 9.995 → 9.99; 15% is 5.997 → 5.99.
    expect(withDeal.body.data.checkout.order.commission.amount).toBe(999);
    expect(without.body.data.checkout.order.commission.amount).toBe(599);

    const notMine = await graph.query(setDeal, { input: { creatorId: dealCreator, productId: feedProducts.deal, commissionRate: 0.5 } }, await partner(otherBrandId, ['catalog:write']));
    expect(notMine.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_OWNING_PARTNER' });
    const notCreator = await graph.query(setDeal, { input: { creatorId: userIds[40], commissionRate: 0.3 } }, catalogKey);
    expect(notCreator.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it("earns a creator nothing on their own purchase through their own link", async () => {
    const creator = creatorIds[6] as string;
    const before = await earningsOf(creator);
    const { body } = await checkout(creator, { lines: [{ productId: feedProducts.self, quantity: 5 }], affiliateCode: await createLink(creator, feedProducts.self as string) });
    expect(body.errors).toBeUndefined();
    expect(body.data.checkout.order).toMatchObject({ attributedCreator: { id: creator }, total: { amount: 5000 }, commission: { amount: 0 } });
    expect(await earningsOf(creator)).toEqual(before);
  });

  it('returns the same order for the same idempotency key and input, moving stock once, and refuses the key with other input', async () => {
    const buyer = userIds[35] as string;
    const productId = feedProducts.repeat as string;
    const stock = await stockOf(productId);
    const input = { lines: [{ productId, quantity: 4 }], idempotencyKey: 'e2e-same-key-0001' };
    const first = await checkout(buyer, input);
    const retry = await checkout(buyer, input);
    expect(first.body.errors).toBeUndefined();
    expect(retry.body.data.checkout).toMatchObject({ replayed: true, order: { id: first.body.data.checkout.order.id } });
    expect(first.body.data.checkout.replayed).toBe(false);
    expect(await stockOf(productId)).toBe(stock - 4);

    const other = await checkout(buyer, { ...input, lines: [{ productId, quantity: 5 }] });
    expect(other.body.data.checkout).toBeNull();
    expect(other.body.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await stockOf(productId)).toBe(stock - 4);
    // Keys are the buyer's own: another buyer's identical key is a new order.
    const elsewhere = await checkout(userIds[36] as string, input);
    expect(elsewhere.body.data.checkout.order.id).not.toBe(first.body.data.checkout.order.id);
  });

  it("keeps an order's lines and total as paid when the price changes afterwards", async () => {
    const buyer = userIds[37] as string;
    const productId = feedProducts.price as string;
    const { body } = await checkout(buyer, { lines: [{ productId, quantity: 2 }] });
    const orderId = body.data.checkout.order.id;
    const update = await graph.query('mutation ($id: ID!) { updateProduct(input: { id: $id, priceAmount: 9999 }) { price { amount } } }', { id: productId }, catalogKey);
    expect(update.body.data.updateProduct.price.amount).toBe(9999);

    const mine = await graph.query('{ me { orders(first: 10) { edges { node { id total { amount } lines { unitPrice { amount } product { price { amount } } } } } } } }', {}, await headersFor(buyer));
    expect(mine.body.errors).toBeUndefined();
    const order = mine.body.data.me.orders.edges.map((edge: any) => edge.node).find((node: any) => node.id === orderId);
    expect(order).toEqual({ id: orderId, total: { amount: 6000 }, lines: [{ unitPrice: { amount: 3000 }, product: { price: { amount: 9999 } } }] });
  });

  it('cancelling restores stock and reverses exactly the commission credited; twice changes nothing; a fulfilled order stays', async () => {
    const creator = creatorIds[7] as string;
    const buyer = userIds[38] as string;
    const productId = feedProducts.cancel as string;
    const code = await createLink(creator, productId);
    const before = await earningsOf(creator);
    const stock = await stockOf(productId);
    const placed = await checkout(buyer, { lines: [{ productId, quantity: 7 }], affiliateCode: code });
    // 7 × 33.33 = 233.31 at 15% is 34.9965 → 34.99.
    expect(placed.body.data.checkout.order.commission.amount).toBe(3499);
    expect((await earningsOf(creator)).pending).toBe(before.pending + 3499);

    const cancel = CANCEL;
    const orderId = placed.body.data.checkout.order.id;
    const stranger = await graph.query(cancel, { id: orderId, key: 'cancel-stranger-0001' }, await headersFor(userIds[39] as string));
    expect(stranger.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_ORDER_BUYER' });
    const cancelled = await graph.query(cancel, { id: orderId, key: 'cancel-buyer-0001' }, await headersFor(buyer));
    expect(cancelled.body.data.cancelOrder).toMatchObject({ status: 'CANCELLED', cancelledBy: 'BUYER', commission: { amount: 3499 }, commissionReversed: { amount: 3499 } });
    expect(await stockOf(productId)).toBe(stock);
    expect(await earningsOf(creator)).toEqual(before);
    expect(await linkOf(creator, code)).toMatchObject({ orderCount: 0, commissionPending: { amount: 0 }, commissionEarned: { amount: 0 } });

    // The same key replays the cancellation; a new one is told the order is cancelled already.
    const replay = await graph.query(cancel, { id: orderId, key: 'cancel-buyer-0001' }, await headersFor(buyer));
    expect(replay.body.data.cancelOrder.status).toBe('CANCELLED');
    const again = await graph.query(cancel, { id: orderId, key: 'cancel-buyer-0002' }, await headersFor(buyer));
    expect(again.body.errors?.[0]?.extensions?.code).toBe('ORDER_CANCELLED');
    expect(await stockOf(productId)).toBe(stock);
    const fulfilCancelled = await graph.query(FULFIL, { id: orderId, key: 'fulfil-cancelled-0001' }, ordersKey);
    expect(fulfilCancelled.body.errors?.[0]?.extensions?.code).toBe('ORDER_CANCELLED');

    const shipped = await checkout(buyer, { lines: [{ productId, quantity: 1 }] });
    await fulfil(shipped.body.data.checkout.order.id);
    const tooLate = await graph.query(cancel, { id: shipped.body.data.checkout.order.id, key: 'cancel-shipped-0001' }, await headersFor(buyer));
    expect(tooLate.body.errors?.[0]?.extensions?.code).toBe('ORDER_ALREADY_FULFILLED');
    expect(await stockOf(productId)).toBe(stock - 1);
  });

  it('refuses bad input with a clear code and changes nothing', async () => {
    const buyer = userIds[39] as string;
    const headers = await headersFor(buyer);
    const ok = feedProducts.serum as string;
    const scarce = feedProducts.scarce as string;
    const otherBrandProduct = (await graph.query('query ($id: ID!) { brand(id: $id) { products(first: 1) { edges { node { id } } } } }', { id: otherBrandId })).body.data.brand.products.edges[0].node.id;
    const notLive = liveStreamIds[LIVE_NOW_COUNT] as string;
    const line = (productId: string, quantity = 1) => ({ productId, quantity });
    const cases: [string, Record<string, unknown>, Record<string, unknown>][] = [
      ['unknown product', { lines: [line(ok), line('prd_does_not_exist')] }, { code: 'NOT_FOUND', line: 1 }],
      ['quantity 0', { lines: [line(ok, 0)] }, { code: 'BAD_USER_INPUT', field: 'quantity', line: 0 }],
      ['negative quantity', { lines: [line(ok, -1)] }, { code: 'BAD_USER_INPUT', field: 'quantity' }],
      ['huge quantity', { lines: [line(ok, 1_000_000)] }, { code: 'BAD_USER_INPUT', field: 'quantity' }],
      ['no lines', { lines: [] }, { code: 'BAD_USER_INPUT', field: 'lines' }],
      ['51 lines', { lines: Array.from({ length: 51 }, (_, i) => line(`prd_${i}`)) }, { code: 'BAD_USER_INPUT', field: 'lines' }],
      ['the same product twice', { lines: [line(ok), line(ok)] }, { code: 'BAD_USER_INPUT', line: 1 }],
      ['an archived product', { lines: [line(ok), line(feedProducts.retired as string)] }, { code: 'PRODUCT_NOT_AVAILABLE', line: 1 }],
      ['more than is in stock', { lines: [line(ok, 2), line(scarce, 3)] }, { code: 'OUT_OF_STOCK', line: 1, available: 2 }],
      ['an affiliate code that does not exist', { lines: [line(ok)], affiliateCode: 'NOPE2345' }, { code: 'AFFILIATE_CODE_NOT_FOUND' }],
      ['both a code and a stream', { lines: [line(ok)], affiliateCode: 'NOPE2345', liveStreamId: liveStreamIds[0] }, { code: 'BAD_USER_INPUT', field: 'liveStreamId' }],
      ['a stream that does not exist', { lines: [line(ok)], liveStreamId: 'liv_nope' }, { code: 'NOT_FOUND' }],
      ['a stream that is not live', { lines: [line(ok)], liveStreamId: notLive }, { code: 'STREAM_NOT_LIVE' }],
      ["a live stream that pinned none of the products", { lines: [line(feedProducts.unpinned as string)], liveStreamId: liveStreamIds[0] }, { code: 'PRODUCT_NOT_PINNED' }],
      ['two brands in one order', { lines: [line(ok), line(otherBrandProduct)] }, { code: 'MULTIPLE_BRANDS' }],
      ['a short idempotency key', { lines: [line(ok)], idempotencyKey: 'short' }, { code: 'BAD_USER_INPUT', field: 'idempotencyKey' }],
    ];
    const myOrders = async () => (await graph.query('{ me { orders(first: 100) { edges { cursor } } } }', {}, headers)).body.data.me.orders.edges.length;
    const ordersBefore = await myOrders();
    const stockBefore = { ok: await stockOf(ok), scarce: await stockOf(scarce) };
    for (const [what, input, extensions] of cases) {
      const { status, body } = await checkout(buyer, input);
      expect({ what, status, data: body.data?.checkout ?? null }).toEqual({ what, status: 200, data: null });
      expect({ what, extensions: body.errors?.[0]?.extensions }).toEqual({ what, extensions: expect.objectContaining(extensions) });
    }
    expect(await myOrders()).toBe(ordersBefore);
    expect({ ok: await stockOf(ok), scarce: await stockOf(scarce) }).toEqual(stockBefore);

    const anonymous = await graph.query(CHECKOUT, { input: { lines: [line(ok)], idempotencyKey: 'anonymous-0001' } });
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const byKey = await graph.query(CHECKOUT, { input: { lines: [line(ok)], idempotencyKey: 'partner-key-0001' } }, catalogKey);
    expect(byKey.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'USER_REQUIRED' });
    expect(await stockOf(ok)).toBe(stockBefore.ok);
  });

  it("shows orders only to their buyer and their brand's own key, and fulfilment needs orders:write on that brand", async () => {
    const buyer = userIds[42] as string;
    const placed = await checkout(buyer, { lines: [{ productId: feedProducts.balm, quantity: 1 }] });
    const orderId = placed.body.data.checkout.order.id;
    const other = await graph.query('query ($id: ID!) { user(id: $id) { orders { edges { cursor } } } }', { id: buyer }, await headersFor(userIds[43] as string));
    expect(other.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_THE_USER' });

    const brandOrders = await graph.query('query ($id: ID!) { brand(id: $id) { orders(first: 100) { edges { node { id buyer { id } status } } } } }', { id: brandId }, ordersKey);
    expect(brandOrders.body.errors).toBeUndefined();
    expect(brandOrders.body.data.brand.orders.edges.map((edge: any) => edge.node)).toContainEqual({ id: orderId, buyer: { id: buyer }, status: 'PAID' });
    const otherBrand = await graph.query('query ($id: ID!) { brand(id: $id) { orders { edges { cursor } } } }', { id: brandId }, await partner(otherBrandId, ['orders:read']));
    expect(otherBrand.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_OWNING_PARTNER' });

    const readOnly = await graph.query(FULFIL, { id: orderId, key: 'fulfil-read-only-0001' }, await partner(brandId, ['orders:read']));
    expect(readOnly.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScopes: [['orders:write']] });
    const wrongBrand = await graph.query(FULFIL, { id: orderId, key: 'fulfil-wrong-brand-0001' }, await partner(otherBrandId, ['orders:write']));
    expect(wrongBrand.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_OWNING_PARTNER' });
    await fulfil(orderId);
    // A retry with the same key answers the same; the order is shipped once.
    await fulfil(orderId);
  });
});

describe('live shopping', () => {
  const streamIndex = 1;
  const streamId = liveStreamIds[streamIndex] as string;
  const streamCreator = liveStreamCreatorId(streamIndex);
  const PIN = 'mutation ($stream: ID!, $product: ID!) { pinProduct(liveStreamId: $stream, productId: $product) { id pinnedProducts { id } } }';

  it("lets only the stream's own creator pin and unpin active products, at most 20", async () => {
    const someoneElse = await graph.query(PIN, { stream: streamId, product: feedProducts.live }, await headersFor(creatorIds[9] as string));
    expect(someoneElse.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_STREAM_CREATOR' });
    const archived = await graph.query(PIN, { stream: streamId, product: feedProducts.retired }, await headersFor(streamCreator));
    expect(archived.body.errors?.[0]?.extensions?.code).toBe('PRODUCT_NOT_AVAILABLE');

    const headers = await headersFor(streamCreator);
    const pinned = await graph.query(PIN, { stream: streamId, product: feedProducts.live }, headers);
    expect(pinned.body.errors).toBeUndefined();
    const overlay: string[] = pinned.body.data.pinProduct.pinnedProducts.map((product: any) => product.id);
    expect(overlay.at(-1)).toBe(feedProducts.live);
    expect((await graph.query(PIN, { stream: streamId, product: feedProducts.live }, headers)).body.data.pinProduct.pinnedProducts).toHaveLength(overlay.length);

    const candidates = (await graph.query('{ products(first: 60) { edges { node { id } } } }')).body.data.products.edges.map((edge: any) => edge.node.id).filter((id: string) => !overlay.includes(id) && !Object.values(feedProducts).includes(id));
    let count = overlay.length;
    for (const product of candidates.slice(0, 20 - count)) {
      const { body } = await graph.query(PIN, { stream: streamId, product }, headers);
      expect(body.errors).toBeUndefined();
      count = body.data.pinProduct.pinnedProducts.length;
    }
    expect(count).toBe(20);
    const full = await graph.query(PIN, { stream: streamId, product: candidates[30] }, headers);
    expect(full.body.errors?.[0]?.extensions?.code).toBe('PIN_LIMIT_REACHED');

    const unpin = 'mutation ($stream: ID!, $product: ID!) { unpinProduct(liveStreamId: $stream, productId: $product) { pinnedProducts { id } } }';
    const after = await graph.query(unpin, { stream: streamId, product: candidates[0] }, headers);
    expect(after.body.data.unpinProduct.pinnedProducts).toHaveLength(19);
    expect(after.body.data.unpinProduct.pinnedProducts.map((product: any) => product.id)).toContain(feedProducts.live);
  });

  it("attributes a checkout from a live stream to the stream's creator, paying commission on pinned products only", async () => {
    const before = await earningsOf(streamCreator);
    const { body } = await checkout(userIds[44] as string, {
      lines: [
        { productId: feedProducts.live, quantity: 1 },
        { productId: feedProducts.unpinned, quantity: 1 },
      ],
      liveStreamId: streamId,
    });
    expect(body.errors).toBeUndefined();
    // 49.99 at 20% is 9.998 → 9.99; the unpinned line earns nothing.
    expect(body.data.checkout.order).toMatchObject({ liveStream: { id: streamId }, attributedCreator: { id: streamCreator }, affiliateCode: null, commission: { amount: 999 } });
    expect(body.data.checkout.order.lines.map((line: any) => line.commission.amount)).toEqual([999, 0]);
    expect((await earningsOf(streamCreator)).pending).toBe(before.pending + 999);
  });
});

describe('catalogs and showcase', () => {
  it("let a brand curate its own catalogs with catalog:write, refusing another brand's products and catalogs", async () => {
    const create = await graph.query(
      'mutation ($input: CreateCatalogInput!) { createCatalog(input: $input) { id name brand { id } products { edges { node { id } } } } }',
      { input: { brandId, name: 'E2E picks', productIds: [feedProducts.serum, feedProducts.balm] } },
      catalogKey,
    );
    expect(create.body.errors).toBeUndefined();
    const catalog = create.body.data.createCatalog;
    expect(catalog.products.edges.map((edge: any) => edge.node.id)).toEqual([feedProducts.serum, feedProducts.balm]);

    const add = 'mutation ($id: ID!, $products: [ID!]!) { addCatalogProducts(catalogId: $id, productIds: $products) { products { edges { node { id } } } } }';
    const added = await graph.query(add, { id: catalog.id, products: [feedProducts.live, feedProducts.serum] }, catalogKey);
    expect(added.body.data.addCatalogProducts.products.edges.map((edge: any) => edge.node.id)).toEqual([feedProducts.serum, feedProducts.balm, feedProducts.live]);
    const foreignProduct = (await graph.query('query ($id: ID!) { brand(id: $id) { products(first: 1) { edges { node { id } } } } }', { id: otherBrandId })).body.data.brand.products.edges[0].node.id;
    const foreign = await graph.query(add, { id: catalog.id, products: [foreignProduct] }, catalogKey);
    expect(foreign.body.errors?.[0]?.extensions?.code).toBe('PRODUCT_OF_ANOTHER_BRAND');
    const notTheirs = await graph.query(add, { id: catalog.id, products: [foreignProduct] }, await partner(otherBrandId, ['catalog:write']));
    expect(notTheirs.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_OWNING_PARTNER' });

    const removed = await graph.query(
      'mutation ($id: ID!, $products: [ID!]!) { removeCatalogProducts(catalogId: $id, productIds: $products) { products { edges { node { id } } } } }',
      { id: catalog.id, products: [feedProducts.balm] },
      catalogKey,
    );
    expect(removed.body.data.removeCatalogProducts.products.edges.map((edge: any) => edge.node.id)).toEqual([feedProducts.serum, feedProducts.live]);
  });

  it("let a creator curate a showcase of any brand's active products; someone who is not a creator cannot", async () => {
    const creator = creatorIds[8] as string;
    const headers = await headersFor(creator);
    const add = 'mutation ($id: ID!) { addToShowcase(productId: $id) { showcase(first: 100) { edges { node { id } } } } }';
    const added = await graph.query(add, { id: feedProducts.live }, headers);
    expect(added.body.errors).toBeUndefined();
    const ids = added.body.data.addToShowcase.showcase.edges.map((edge: any) => edge.node.id);
    expect(ids.at(-1)).toBe(feedProducts.live);
    const removed = await graph.query('mutation ($id: ID!) { removeFromShowcase(productId: $id) { showcase(first: 100) { edges { node { id } } } } }', { id: feedProducts.live }, headers);
    expect(removed.body.data.removeFromShowcase.showcase.edges).toHaveLength(ids.length - 1);

    const fan = await graph.query(add, { id: feedProducts.live }, await headersFor(userIds[45] as string));
    expect(fan.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_A_CREATOR' });
    const archived = await graph.query(add, { id: feedProducts.retired }, headers);
    expect(archived.body.errors?.[0]?.extensions?.code).toBe('PRODUCT_NOT_AVAILABLE');
  });
});

describe('merch feeds', () => {
  it('import with a partner key: the same feed twice changes nothing, a price change updates, a FULL feed archives what it leaves out', async () => {
    const shop = shopBrands[5]?.id as string;
    const key = await partner(shop, ['catalog:write']);
    const items = [
      { externalId: 'pod:sku-e2e-1', title: 'Drop Tee', priceAmount: 2500, inventory: 40, status: 'ACTIVE' },
      { externalId: 'pod:sku-e2e-2', title: 'Drop Hoodie', priceAmount: 5500, inventory: 15, status: 'ACTIVE', currencyCode: 'USD' },
    ];
    const first = await graph.query(IMPORT, { brandId: shop, feed: { mode: 'PARTIAL', items } }, key);
    expect(first.body.data.importProductFeed).toMatchObject({ created: 2, updated: 0, unchanged: 0, archived: 0 });
    const again = await graph.query(IMPORT, { brandId: shop, feed: { mode: 'PARTIAL', items } }, key);
    expect(again.body.data.importProductFeed).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    const changed = await graph.query(IMPORT, { brandId: shop, feed: { mode: 'PARTIAL', items: [{ ...items[0], priceAmount: 2700 }, { ...items[1], priceAmount: -1 }] } }, key);
    expect(changed.body.data.importProductFeed).toMatchObject({ updated: 1, unchanged: 0, failed: 1, errors: [{ index: 1, field: 'priceAmount' }] });

    const seeded = (await graph.query('query ($id: ID!) { brand(id: $id) { products(first: 100) { edges { node { externalId } } } } }', { id: shop })).body.data.brand.products.edges.length;
    const full = await graph.query(IMPORT, { brandId: shop, feed: { mode: 'FULL', items: [{ ...items[0], priceAmount: 2700 }] } }, key);
    // Everything the shop imported before (its seeded products too) except the one item is archived.
    expect(full.body.data.importProductFeed).toMatchObject({ created: 0, unchanged: 1, archived: seeded - 1 });
    const listed = (await graph.query('query ($id: ID!) { brand(id: $id) { products(first: 100) { edges { node { externalId price { amount } } } } } }', { id: shop })).body.data.brand.products.edges;
    expect(listed.map((edge: any) => edge.node)).toEqual([{ externalId: 'pod:sku-e2e-1', price: { amount: 2700 } }]);
  });
});

describe('Creator.earnings', () => {
  const QUERY = 'query Earnings($id: ID!) { creator(id: $id) { earnings { commissions { amount } gifts { amount } total { amount } pending { amount } } } }';

  it('is planned as users, then gifts for giftEarnings, then commerce with giftEarnings in the representation', () => {
    const supergraph = Supergraph.build(readFileSync(new URL('../schema/supergraph.graphql', import.meta.url), 'utf8'));
    const plan = new QueryPlanner(supergraph).buildQueryPlan(operationFromDocument(supergraph.schema, parse(QUERY)));
    const fetches: { service: string; requires: string; operation: string }[] = [];
    const walk = (node: PlanNode | SubscriptionNode | undefined): void => {
      if (!node) return;
      if (node.kind === 'Fetch') fetches.push({ service: node.serviceName, requires: JSON.stringify(node.requires ?? []), operation: node.operation });
      else if (node.kind === 'Flatten') walk(node.node);
      else if (node.kind === 'Sequence' || node.kind === 'Parallel') node.nodes.forEach(walk);
    };
    expect(plan.node?.kind).toBe('Sequence');
    walk(plan.node);
    const printed = prettyFormatQueryPlan(plan);
    expect(fetches.map((fetch) => fetch.service), printed).toEqual(['users', 'gifts', 'commerce']);
    expect(fetches[1]?.operation).toMatch(/giftEarnings\s*\{\s*value\s*\{\s*amount\s+currencyCode/);
    expect(fetches[2]?.requires).toContain('"giftEarnings"');
    expect(fetches[2]?.operation).toMatch(/earnings/);
  });

  it("adds the creator's gift earnings from gifts to commissions from commerce after a real checkout", async () => {
    const creator = creatorIds[0] as string;
    const before = await earningsOf(creator);
    expect(before.gifts).toBe(before.giftValue);
    const { body } = await checkout(userIds[46] as string, { lines: [{ productId: feedProducts.plan, quantity: 1 }], affiliateCode: await createLink(creator, feedProducts.plan as string) });
    await fulfil(body.data.checkout.order.id);
    const after = await graph.query(QUERY, { id: creator }, await headersFor(creator));
    expect(after.body.errors).toBeUndefined();
    expect(after.body.data.creator.earnings).toEqual({
      commissions: { amount: before.commissions + 1000 },
      gifts: { amount: before.giftValue },
      total: { amount: before.commissions + 1000 + before.giftValue },
      pending: { amount: before.pending },
    });
    const someoneElse = await graph.query(QUERY, { id: creator }, await headersFor(creatorIds[1] as string));
    expect(someoneElse.body.data.creator.earnings).toBeNull();
    // Gifts also refuses the gift balance the gateway requires for `earnings` (gifts.e2e.ts).
    expect(someoneElse.body.errors?.find((error: any) => error.path.join('.') === 'creator.earnings')).toMatchObject({ extensions: { code: 'FORBIDDEN', reason: 'NOT_THE_CREATOR' } });
  });
});

/**
 * An order after checkout, through the gateway: who sees `order(id)` and how much, fulfilment
 * with a shipment, cancellation by the buyer or the brand, returns and refunds with the exact
 * commission clawed back, idempotency keys on each, and Relay's `node(id:)`.
 *
 * Commerce runs on a clock this file moves (the return window is 30 days): nothing sleeps.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creatorIds, shopBrands, userIds } from '@app/fixtures/world';
import { DAY_MS, manualClock } from '@app/kit/clock';
import { startGraph, type RunningGraph } from './harness.ts';

const clock = manualClock(new Date(Date.UTC(2027, 2, 1, 12, 0, 0)));
let graph: RunningGraph;
const brandId = shopBrands[3]?.id as string;
const otherBrandId = shopBrands[4]?.id as string;
const creator = creatorIds[11] as string;
const products: Record<string, string> = {};
let catalogKey: Record<string, string>;
let ordersKey: Record<string, string>;
let readKey: Record<string, string>;
let otherBrandKey: Record<string, string>;

const as = async (userId: string) => ({ authorization: `Bearer ${await graph.tokenFor(userId)}` });
const partner = async (partnerId: string, scopes: string[]) => ({ 'x-api-key': (await graph.keys.create({ partnerId, name: 'e2e orders', scopes })).secret });

beforeAll(async () => {
  graph = await startGraph({ commerce: { clock } });
  catalogKey = await partner(brandId, ['catalog:write']);
  ordersKey = await partner(brandId, ['orders:write']);
  readKey = await partner(brandId, ['orders:read']);
  otherBrandKey = await partner(otherBrandId, ['orders:read', 'orders:write']);
  const items = [
    { externalId: 'ord-mug', title: 'Orders Mug', priceAmount: 3333, inventory: 200, status: 'ACTIVE', commissionRate: 0.15 },
    { externalId: 'ord-tee', title: 'Orders Tee', priceAmount: 2000, inventory: 200, status: 'ACTIVE', commissionRate: 0.1 },
  ];
  const { body } = await graph.query(
    'mutation ($brandId: ID!, $feed: ProductFeedInput!) { importProductFeed(brandId: $brandId, feed: $feed) { created } }',
    { brandId, feed: { mode: 'PARTIAL', items } },
    catalogKey,
  );
  expect(body.data.importProductFeed.created).toBe(2);
  for (const item of items) products[item.externalId] = await graph.rows('commerce').scalar<string>('select id from products where brand_id = ? and external_id = ?', brandId, item.externalId);
});
afterAll(() => graph?.stop());

let sequence = 0;
const key = (what: string) => `${what}-${++sequence}-e2e`;

async function linkCode(productId: string): Promise<string> {
  const { body } = await graph.query('mutation ($id: ID!) { createAffiliateLink(productId: $id) { code } }', { id: productId }, await as(creator));
  return body.data.createAffiliateLink.code;
}

/** A PAID order of `quantity` mugs and one tee through the creator's mug link. */
async function place(buyer: string, quantity: number): Promise<string> {
  const { body } = await graph.query(
    'mutation ($input: CheckoutInput!) { checkout(input: $input) { order { id } } }',
    { input: { lines: [{ productId: products['ord-mug'], quantity }, { productId: products['ord-tee'], quantity: 1 }], affiliateCode: await linkCode(products['ord-mug'] as string), idempotencyKey: key('checkout') } },
    await as(buyer),
  );
  expect(body.errors).toBeUndefined();
  return body.data.checkout.order.id;
}

const FULFIL = /* GraphQL */ `
  mutation ($input: FulfillOrderInput!) {
    fulfillOrder(input: $input) { id status fulfilledAt returnsUntil shipment { carrier trackingNumber shippedAt } }
  }
`;
async function fulfil(orderId: string) {
  const { body } = await graph.query(FULFIL, { input: { orderId, carrier: 'UPS', trackingNumber: '1Z 999 AA1', idempotencyKey: key('fulfil') } }, ordersKey);
  expect(body.errors).toBeUndefined();
  return body.data.fulfillOrder;
}

const REQUEST = /* GraphQL */ `
  mutation ($input: RequestReturnInput!) {
    requestReturn(input: $input) { id status reason refund { amount } lines { product { id } title quantity refund { amount } } order { id } }
  }
`;
const APPROVE = 'mutation ($input: DecideReturnInput!) { approveReturn(input: $input) { id status restocked refund { amount } decidedAt } }';
const DECLINE = 'mutation ($input: DecideReturnInput!) { declineReturn(input: $input) { id status restocked refund { amount } } }';
const ORDER = /* GraphQL */ `
  query ($id: ID!) {
    order(id: $id) {
      id status refunded { amount } commission { amount } commissionReversed { amount }
      lines { product { id } quantity refundedQuantity refunded { amount } commission { amount } commissionReversed { amount } }
      returns { id status }
    }
  }
`;
const stock = async (productId: string) => (await graph.query('query ($id: ID!) { product(id: $id) { inventory } }', { id: productId })).body.data.product.inventory as number;
const earnings = async () => (await graph.query('query ($id: ID!) { creator(id: $id) { earnings { commissions { amount } pending { amount } } } }', { id: creator }, await as(creator))).body.data.creator.earnings;

describe('order(id)', () => {
  it('shows the buyer and the brand everything, the attributed creator the commission view, and anyone else NOT_FOUND', async () => {
    const buyer = userIds[40] as string;
    const orderId = await place(buyer, 2);
    const full = '{ id status buyer { id } total { amount } lines { quantity } commission { amount } attributedCreator { id } brand { id } }';
    const query = `query ($id: ID!) { order(id: $id) ${full} }`;
    const expected = { id: orderId, status: 'PAID', buyer: { id: buyer }, total: { amount: 2 * 3333 + 2000 }, lines: [{ quantity: 2 }, { quantity: 1 }], commission: { amount: 999 }, attributedCreator: { id: creator }, brand: { id: brandId } };
    for (const headers of [await as(buyer), readKey, ordersKey]) {
      const { body } = await graph.query(query, { id: orderId }, headers);
      expect(body.errors).toBeUndefined();
      expect(body.data.order).toEqual(expected);
    }

    const asCreator = await graph.query(query, { id: orderId }, await as(creator));
    expect(asCreator.body.data.order).toEqual({ ...expected, buyer: null, total: null, lines: null });
    expect((asCreator.body.errors ?? []).map((error: any) => [error.path.at(-1), error.extensions.code, error.extensions.reason]).sort()).toEqual([
      ['buyer', 'FORBIDDEN', 'COMMISSION_VIEW_ONLY'],
      ['lines', 'FORBIDDEN', 'COMMISSION_VIEW_ONLY'],
      ['total', 'FORBIDDEN', 'COMMISSION_VIEW_ONLY'],
    ]);

    for (const headers of [await as(userIds[41] as string), otherBrandKey, await partner(brandId, ['catalog:read']), {}]) {
      const { body } = await graph.query('query ($id: ID!) { order(id: $id) { id } }', { id: orderId }, headers);
      expect(body.data.order).toBeNull();
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', type: 'Order' });
    }
  });
});

describe('fulfilment', () => {
  it('records the carrier and tracking number, starts a 30-day return window, and replays by key', async () => {
    const orderId = await place(userIds[40] as string, 1);
    const input = { orderId, carrier: ' DHL Express ', trackingNumber: 'JD014600006281230704', idempotencyKey: key('fulfil') };
    const first = await graph.query(FULFIL, { input }, ordersKey);
    expect(first.body.errors).toBeUndefined();
    const now = clock.now().toISOString();
    expect(first.body.data.fulfillOrder).toEqual({
      id: orderId,
      status: 'FULFILLED',
      fulfilledAt: now,
      returnsUntil: new Date(clock.now().getTime() + 30 * DAY_MS).toISOString(),
      shipment: { carrier: 'DHL Express', trackingNumber: 'JD014600006281230704', shippedAt: now },
    });
    clock.advance(1_000);
    expect((await graph.query(FULFIL, { input }, ordersKey)).body.data.fulfillOrder).toEqual(first.body.data.fulfillOrder);
    const reused = await graph.query(FULFIL, { input: { ...input, carrier: 'UPS' } }, ordersKey);
    expect(reused.body.errors?.[0]?.extensions).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'idempotencyKey' });
    const again = await graph.query(FULFIL, { input: { ...input, idempotencyKey: key('fulfil') } }, ordersKey);
    expect(again.body.errors?.[0]?.extensions).toMatchObject({ code: 'ORDER_ALREADY_FULFILLED', orderId });
  });

  it('refuses a bad shipment, another brand and a read-only key, changing nothing', async () => {
    const orderId = await place(userIds[42] as string, 1);
    const cases: [Record<string, unknown>, Record<string, string>, Record<string, unknown>][] = [
      [{ carrier: '' }, ordersKey, { code: 'BAD_USER_INPUT', field: 'carrier' }],
      [{ carrier: 'x'.repeat(51) }, ordersKey, { code: 'BAD_USER_INPUT', field: 'carrier' }],
      [{ trackingNumber: '<script>' }, ordersKey, { code: 'BAD_USER_INPUT', field: 'trackingNumber' }],
      [{ trackingNumber: '9'.repeat(65) }, ordersKey, { code: 'BAD_USER_INPUT', field: 'trackingNumber' }],
      [{ idempotencyKey: 'short' }, ordersKey, { code: 'BAD_USER_INPUT', field: 'idempotencyKey' }],
      [{ orderId: 'ord_nope' }, ordersKey, { code: 'NOT_FOUND' }],
      [{}, otherBrandKey, { code: 'FORBIDDEN', reason: 'NOT_OWNING_PARTNER' }],
      [{}, readKey, { code: 'FORBIDDEN', requiredScopes: [['orders:write']] }],
      [{}, await as(userIds[42] as string), { code: 'FORBIDDEN', requiredScopes: [['orders:write']] }],
    ];
    for (const [change, headers, extensions] of cases) {
      const { body } = await graph.query(FULFIL, { input: { orderId, carrier: 'UPS', trackingNumber: '1Z1', idempotencyKey: key('bad-fulfil'), ...change } }, headers);
      expect({ change, data: body.data?.fulfillOrder ?? null, extensions: body.errors?.[0]?.extensions }).toEqual({ change, data: null, extensions: expect.objectContaining(extensions) });
    }
    expect(await graph.rows('commerce').scalar('select status from orders where id = ?', orderId)).toBe('PAID');
  });
});

describe('cancellation by the brand', () => {
  const CANCEL = 'mutation ($input: CancelOrderInput!) { cancelBrandOrder(input: $input) { status cancelledBy cancelledAt commissionReversed { amount } } }';

  it('cancels an unfulfilled order of its own: stock back, commission reversed; not a shipped one, not another brand', async () => {
    const buyer = userIds[43] as string;
    const before = { mug: await stock(products['ord-mug'] as string), tee: await stock(products['ord-tee'] as string), earnings: await earnings() };
    const orderId = await place(buyer, 4);
    expect((await earnings()).pending.amount).toBe(before.earnings.pending.amount + 1999);
    const foreign = await graph.query(CANCEL, { input: { orderId, idempotencyKey: key('cancel') } }, otherBrandKey);
    expect(foreign.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_OWNING_PARTNER' });
    const input = { orderId, idempotencyKey: key('cancel') };
    const { body } = await graph.query(CANCEL, { input }, ordersKey);
    expect(body.data.cancelBrandOrder).toEqual({ status: 'CANCELLED', cancelledBy: 'BRAND', cancelledAt: clock.now().toISOString(), commissionReversed: { amount: 1999 } });
    expect({ mug: await stock(products['ord-mug'] as string), tee: await stock(products['ord-tee'] as string), earnings: await earnings() }).toEqual(before);
    expect((await graph.query(CANCEL, { input }, ordersKey)).body.data.cancelBrandOrder.status).toBe('CANCELLED');
    const buyerToo = await graph.query('mutation ($input: CancelOrderInput!) { cancelOrder(input: $input) { status } }', { input: { orderId, idempotencyKey: key('cancel') } }, await as(buyer));
    expect(buyerToo.body.errors?.[0]?.extensions?.code).toBe('ORDER_CANCELLED');

    const shipped = await place(buyer, 1);
    await fulfil(shipped);
    const late = await graph.query(CANCEL, { input: { orderId: shipped, idempotencyKey: key('cancel') } }, ordersKey);
    expect(late.body.errors?.[0]?.extensions?.code).toBe('ORDER_ALREADY_FULFILLED');
  });
});

describe('returns and refunds', () => {
  it('refunds approved units and claws back exactly the commission on them, restocking only when told', async () => {
    const buyer = userIds[44] as string;
    // 7 mugs × $33.33 = $233.31 at 15%: floor(3499.65) = $34.99 commission; the tee earns none.
    const orderId = await place(buyer, 7);
    await fulfil(orderId);
    const start = { stock: await stock(products['ord-mug'] as string), earnings: await earnings() };

    const asked = await graph.query(REQUEST, { input: { orderId, lines: [{ productId: products['ord-mug'], quantity: 3 }], reason: ' Chipped ', idempotencyKey: key('return') } }, await as(buyer));
    expect(asked.body.errors).toBeUndefined();
    expect(asked.body.data.requestReturn).toMatchObject({ status: 'REQUESTED', reason: 'Chipped', refund: { amount: 0 }, lines: [{ product: { id: products['ord-mug'] }, title: 'Orders Mug', quantity: 3, refund: { amount: 9999 } }], order: { id: orderId } });
    // Asking refunds nothing and leaves the commission as it was.
    expect(await earnings()).toEqual(start.earnings);

    const approved = await graph.query(APPROVE, { input: { returnId: asked.body.data.requestReturn.id, restock: false, idempotencyKey: key('approve') } }, ordersKey);
    expect(approved.body.data.approveReturn).toEqual({ id: asked.body.data.requestReturn.id, status: 'APPROVED', restocked: false, refund: { amount: 9999 }, decidedAt: clock.now().toISOString() });
    // 4 mugs kept: floor(13332 × 15%) = 1999, so 3499 − 1999 = 1500 is clawed back.
    let order = (await graph.query(ORDER, { id: orderId }, await as(buyer))).body.data.order;
    expect(order).toMatchObject({ refunded: { amount: 9999 }, commission: { amount: 3499 }, commissionReversed: { amount: 1500 } });
    expect(order.lines[0]).toEqual({ product: { id: products['ord-mug'] }, quantity: 7, refundedQuantity: 3, refunded: { amount: 9999 }, commission: { amount: 3499 }, commissionReversed: { amount: 1500 } });
    expect(order.lines[1]).toMatchObject({ refundedQuantity: 0, commissionReversed: { amount: 0 } });
    expect((await earnings()).commissions.amount).toBe(start.earnings.commissions.amount - 1500);
    expect(await stock(products['ord-mug'] as string)).toBe(start.stock);

    // The other 4 come back too: everything the line earned is reversed, and they go back on the shelf.
    const rest = await graph.query(REQUEST, { input: { orderId, lines: [{ productId: products['ord-mug'], quantity: 4 }], idempotencyKey: key('return') } }, await as(buyer));
    await graph.query(APPROVE, { input: { returnId: rest.body.data.requestReturn.id, restock: true, idempotencyKey: key('approve') } }, ordersKey);
    order = (await graph.query(ORDER, { id: orderId }, readKey)).body.data.order;
    expect(order).toMatchObject({ status: 'FULFILLED', refunded: { amount: 7 * 3333 }, commissionReversed: { amount: 3499 } });
    expect(order.returns.map((found: any) => found.status)).toEqual(['APPROVED', 'APPROVED']);
    expect((await earnings()).commissions.amount).toBe(start.earnings.commissions.amount - 3499);
    expect(await stock(products['ord-mug'] as string)).toBe(start.stock + 4);
    const none = await graph.query(REQUEST, { input: { orderId, lines: [{ productId: products['ord-mug'], quantity: 1 }], idempotencyKey: key('return') } }, await as(buyer));
    expect(none.body.errors?.[0]?.extensions).toMatchObject({ code: 'RETURN_QUANTITY_EXCEEDED', line: 0, returnable: 0 });
  });

  it('takes requests until the window ends, exactly, and only one open return at a time', async () => {
    const buyer = userIds[45] as string;
    const orderId = await place(buyer, 2);
    const ask = async (lines: Record<string, unknown>[], who = buyer, idempotencyKey = key('return')) => graph.query(REQUEST, { input: { orderId, lines, idempotencyKey } }, await as(who));
    const mug = (quantity: number) => ({ productId: products['ord-mug'], quantity });
    expect((await ask([mug(1)])).body.errors?.[0]?.extensions?.code).toBe('ORDER_NOT_FULFILLED');
    await fulfil(orderId);

    const cases: [Record<string, unknown>[], Record<string, unknown>][] = [
      [[], { code: 'BAD_USER_INPUT', field: 'lines' }],
      [[mug(0)], { code: 'BAD_USER_INPUT', field: 'quantity', line: 0 }],
      [[mug(1), mug(1)], { code: 'BAD_USER_INPUT', field: 'productId', line: 1 }],
      [[{ productId: 'prd_not_in_it', quantity: 1 }], { code: 'BAD_USER_INPUT', field: 'productId', line: 0 }],
      [[mug(3)], { code: 'RETURN_QUANTITY_EXCEEDED', line: 0, returnable: 2 }],
    ];
    for (const [lines, extensions] of cases) expect((await ask(lines)).body.errors?.[0]?.extensions).toEqual(expect.objectContaining(extensions));
    expect((await ask([mug(1)], userIds[46] as string)).body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_ORDER_BUYER' });

    // One millisecond before the end it is still open, and a retry of the same key replays it.
    clock.advance(30 * DAY_MS - 1);
    const idempotencyKey = key('return');
    const open = await ask([mug(1)], buyer, idempotencyKey);
    expect(open.body.data.requestReturn.status).toBe('REQUESTED');
    expect((await ask([mug(1)], buyer, idempotencyKey)).body.data.requestReturn.id).toBe(open.body.data.requestReturn.id);
    expect((await ask([mug(2)], buyer, idempotencyKey)).body.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await ask([{ productId: products['ord-tee'], quantity: 1 }])).body.errors?.[0]?.extensions).toMatchObject({ code: 'RETURN_ALREADY_OPEN', returnId: open.body.data.requestReturn.id });

    // Declined: nothing refunded. Then the window has ended.
    const decline = await graph.query(DECLINE, { input: { returnId: open.body.data.requestReturn.id, idempotencyKey: key('decline') } }, ordersKey);
    expect(decline.body.data.declineReturn).toMatchObject({ status: 'DECLINED', restocked: null, refund: { amount: 0 } });
    const reApprove = await graph.query(APPROVE, { input: { returnId: open.body.data.requestReturn.id, idempotencyKey: key('approve') } }, ordersKey);
    expect(reApprove.body.errors?.[0]?.extensions).toMatchObject({ code: 'RETURN_ALREADY_DECIDED', status: 'DECLINED' });
    clock.advance(1);
    const closed = await ask([mug(1)]);
    expect(closed.body.errors?.[0]?.extensions).toMatchObject({ code: 'RETURN_WINDOW_CLOSED', orderId });
    expect((await graph.query(ORDER, { id: orderId }, await as(buyer))).body.data.order).toMatchObject({ refunded: { amount: 0 }, commissionReversed: { amount: 0 } });
  });

  it("lets only the order's brand decide, with orders:write, and hides returns from everyone else", async () => {
    const buyer = userIds[47] as string;
    const orderId = await place(buyer, 1);
    await fulfil(orderId);
    const asked = await graph.query(REQUEST, { input: { orderId, lines: [{ productId: products['ord-tee'], quantity: 1 }], idempotencyKey: key('return') } }, await as(buyer));
    const returnId = asked.body.data.requestReturn.id;
    const input = { returnId, restock: true, idempotencyKey: key('approve') };
    expect((await graph.query(APPROVE, { input }, otherBrandKey)).body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_OWNING_PARTNER' });
    expect((await graph.query(APPROVE, { input }, readKey)).body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScopes: [['orders:write']] });
    expect((await graph.query(APPROVE, { input }, await as(buyer))).body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const node = 'query ($id: ID!) { node(id: $id) { id ... on OrderReturn { status } } }';
    expect((await graph.query(node, { id: returnId }, await as(buyer))).body.data.node).toEqual({ id: returnId, status: 'REQUESTED' });
    for (const headers of [await as(creator), otherBrandKey, {}]) expect((await graph.query(node, { id: returnId }, headers)).body.data.node).toBeNull();
    const approved = await graph.query(APPROVE, { input }, ordersKey);
    expect(approved.body.data.approveReturn).toMatchObject({ status: 'APPROVED', restocked: true, refund: { amount: 2000 } });
    expect((await graph.query(APPROVE, { input }, ordersKey)).body.data.approveReturn.status).toBe('APPROVED');
  });
});

describe('node(id:)', () => {
  it("fetches commerce's objects by global id, joining fields other subgraphs own, and hides what the viewer may not see", async () => {
    const buyer = userIds[48] as string;
    const orderId = await place(buyer, 1);
    const linkId = await graph.rows('commerce').scalar<string>('select id from affiliate_links where creator_id = ? and product_id = ?', creator, products['ord-mug']);
    const catalogId = (await graph.query('query ($id: ID!) { brand(id: $id) { catalogs(first: 1) { edges { node { id } } } } }', { id: brandId })).body.data.brand.catalogs.edges[0].node.id;
    const QUERY = /* GraphQL */ `
      query ($id: ID!) {
        node(id: $id) {
          __typename id
          ... on Product { title brand { name } }
          ... on Brand { slug }
          ... on Catalog { name }
          ... on Order { status buyer { handle } }
          ... on AffiliateLink { code creator { handle } }
        }
      }
    `;
    const nodeOf = async (id: string, headers: Record<string, string> = {}) => {
      const { body } = await graph.query(QUERY, { id }, headers);
      expect(body.errors).toBeUndefined();
      return body.data.node;
    };
    expect(await nodeOf(products['ord-mug'] as string)).toMatchObject({ __typename: 'Product', id: products['ord-mug'], title: 'Orders Mug', brand: { name: expect.any(String) } });
    expect(await nodeOf(brandId)).toMatchObject({ __typename: 'Brand', id: brandId, slug: shopBrands[3]?.slug });
    expect(await nodeOf(catalogId)).toMatchObject({ __typename: 'Catalog', id: catalogId, name: expect.any(String) });
    // The order's buyer comes from the users subgraph: the gateway plans node across subgraphs.
    const handle = (await graph.query('query ($id: ID!) { user(id: $id) { handle } }', { id: buyer })).body.data.user.handle;
    expect(await nodeOf(orderId, await as(buyer))).toEqual({ __typename: 'Order', id: orderId, status: 'PAID', buyer: { handle } });
    expect(await nodeOf(orderId, await as(userIds[49] as string))).toBeNull();
    expect(await nodeOf(orderId)).toBeNull();
    expect(await nodeOf(linkId, await as(creator))).toMatchObject({ __typename: 'AffiliateLink', id: linkId, code: expect.any(String), creator: { handle: expect.any(String) } });
    expect(await nodeOf(linkId, await as(buyer))).toBeNull();
    for (const unknown of ['prd_nope', 'ord_nope', 'usr_nope']) expect(await nodeOf(unknown)).toBeNull();
    // Not an id at all: a client's mistake, told as one (test/node.e2e.ts walks the rest).
    for (const malformed of ['nothing', '']) expect((await graph.query(QUERY, { id: malformed })).body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

/**
 * Checkout under real concurrency: the graph as five processes with their stores (files, or
 * Postgres databases under `npm run test:postgres`), many buyers' requests in flight at once
 * through the gateway. The invariants are checked in the commerce store's rows: stock never below zero, sold + left = initial, one order per
 * idempotency key, and a cancel racing a fulfilment settles exactly one way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shopBrands, userIds } from '@app/fixtures/world';
import type { RowReader } from './rows.ts';
import { startStack, type RunningStack } from './stack.ts';

let stack: RunningStack;
let store: RowReader;
const brandId = shopBrands[2]?.id as string;
const products: Record<string, string> = {};
const INITIAL = { last: 5, mixed: 12, race: 100 };

beforeAll(async () => {
  stack = await startStack();
  const key = (await stack.keys.create({ partnerId: brandId, name: 'concurrency', scopes: ['catalog:write', 'orders:write'] })).secret;
  const items = Object.entries(INITIAL).map(([externalId, inventory]) => ({ externalId: `conc-${externalId}`, title: `Concurrency ${externalId}`, priceAmount: 1000, inventory, status: 'ACTIVE', commissionRate: 0.1 }));
  const { body } = await stack.query(
    'mutation ($brandId: ID!, $feed: ProductFeedInput!) { importProductFeed(brandId: $brandId, feed: $feed) { created } }',
    { brandId, feed: { mode: 'PARTIAL', items } },
    { 'x-api-key': key },
  );
  expect(body.data?.importProductFeed.created).toBe(items.length);
  store = stack.rows('commerce');
  for (const name of Object.keys(INITIAL)) products[name] = await store.scalar<string>('select id from products where brand_id = ? and external_id = ?', brandId, `conc-${name}`);
  ordersKey = { 'x-api-key': key };
}, 90_000);

afterAll(async () => {
  await stack?.stop();
}, 30_000);

let ordersKey: Record<string, string>;
const CHECKOUT = 'mutation ($input: CheckoutInput!) { checkout(input: $input) { replayed order { id lines { quantity } } } }';

async function checkoutAs(userId: string, input: Record<string, unknown>) {
  const token = await stack.tokenFor(userId);
  return stack.query(CHECKOUT, { input }, { authorization: `Bearer ${token}` });
}

const inventoryOf = (productId: string) => store.scalar('select inventory from products where id = ?', productId);
/** Units in orders that still hold stock (not cancelled). */
const soldOf = (productId: string) =>
  store.scalar(`select coalesce(sum(l.quantity), 0) from order_lines l join orders o on o.id = l.order_id where l.product_id = ? and o.status != 'CANCELLED'`, productId);

describe('checkout under concurrency', () => {
  it('sells the last 5 units to exactly 5 of 30 buyers racing for them: stock 0, never negative, sold + left = initial', async () => {
    const productId = products.last as string;
    const buyers = userIds.slice(20, 50);
    const results = await Promise.all(buyers.map((buyer, i) => checkoutAs(buyer, { lines: [{ productId, quantity: 1 }], idempotencyKey: `last-units-${i}-0001` })));
    const succeeded = results.filter((result) => result.body.data?.checkout?.order);
    const refused = results.filter((result) => result.body.errors?.[0]?.extensions?.code === 'OUT_OF_STOCK');
    expect(succeeded).toHaveLength(5);
    expect(refused).toHaveLength(25);
    expect(await inventoryOf(productId)).toBe(0);
    expect(await soldOf(productId)).toBe(5);
    expect((await soldOf(productId)) + (await inventoryOf(productId))).toBe(INITIAL.last);
  });

  it('never oversells when 20 buyers ask for 1 to 3 units of 12 at once', async () => {
    const productId = products.mixed as string;
    const asks = userIds.slice(20, 40).map((buyer, i) => ({ buyer, quantity: (i % 3) + 1 }));
    const results = await Promise.all(asks.map(({ buyer, quantity }, i) => checkoutAs(buyer, { lines: [{ productId, quantity }], idempotencyKey: `mixed-units-${i}-0001` })));
    const soldByResponses = results.reduce((sum, result, i) => sum + (result.body.data?.checkout?.order ? (asks[i]?.quantity ?? 0) : 0), 0);
    for (const result of results) if (!result.body.data?.checkout) expect(result.body.errors?.[0]?.extensions?.code).toBe('OUT_OF_STOCK');
    expect(await inventoryOf(productId)).toBeGreaterThanOrEqual(0);
    expect(await soldOf(productId)).toBe(soldByResponses);
    expect((await soldOf(productId)) + (await inventoryOf(productId))).toBe(INITIAL.mixed);
    // Whatever is left is less than the smallest refused ask: nobody was refused stock that existed.
    const refusedAsks = asks.filter((_, i) => !results[i]?.body.data?.checkout).map((ask) => ask.quantity);
    if (refusedAsks.length) expect(await inventoryOf(productId)).toBeLessThan(Math.max(...refusedAsks));
  });

  it('places one order for 10 simultaneous retries of the same key and input, moving stock once', async () => {
    const productId = products.race as string;
    const before = await inventoryOf(productId);
    const buyer = userIds[50] as string;
    const input = { lines: [{ productId, quantity: 2 }], idempotencyKey: 'same-key-under-load-0001' };
    const results = await Promise.all(Array.from({ length: 10 }, () => checkoutAs(buyer, input)));
    const ids = new Set(results.map((result) => result.body.data?.checkout?.order?.id));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toMatch(/^ord_/);
    expect(results.filter((result) => result.body.data.checkout.replayed === false)).toHaveLength(1);
    expect(await store.scalar('select count(*) from orders where buyer_id = ?', buyer)).toBe(1);
    expect(await inventoryOf(productId)).toBe(before - 2);
  });

  it('settles a cancel racing a fulfilment one way for each of 10 orders, restoring stock only for the cancelled', async () => {
    const productId = products.race as string;
    const buyers = userIds.slice(20, 30);
    const placed = await Promise.all(buyers.map((buyer, i) => checkoutAs(buyer, { lines: [{ productId, quantity: 1 }], idempotencyKey: `race-order-${i}-0001` })));
    const orderIds = placed.map((result) => result.body.data.checkout.order.id as string);
    const tokens = await Promise.all(buyers.map((buyer) => stack.tokenFor(buyer)));
    const races = await Promise.all(
      orderIds.map((id, i) =>
        Promise.all([
          stack.query('mutation ($id: ID!) { cancelOrder(input: { orderId: $id, idempotencyKey: "race-cancel-0001" }) { status } }', { id }, { authorization: `Bearer ${tokens[i]}` }),
          stack.query('mutation ($id: ID!, $key: String!) { fulfillOrder(input: { orderId: $id, carrier: "UPS", trackingNumber: "1Z0001", idempotencyKey: $key }) { status } }', { id, key: `race-fulfil-${i}-0001` }, ordersKey),
        ]),
      ),
    );
    for (const [i, [cancel, fulfil]] of races.entries()) {
      const status = await store.scalar<string>('select status from orders where id = ?', orderIds[i]);
      // The loser is told why, and the winner's answer is what the store holds.
      if (status === 'CANCELLED') {
        expect(cancel.body.data.cancelOrder.status).toBe('CANCELLED');
        expect(fulfil.body.errors?.[0]?.extensions?.code).toBe('ORDER_CANCELLED');
      } else {
        expect(status).toBe('FULFILLED');
        expect(fulfil.body.data.fulfillOrder.status).toBe('FULFILLED');
        expect(cancel.body.errors?.[0]?.extensions?.code).toBe('ORDER_ALREADY_FULFILLED');
      }
    }
    expect((await soldOf(productId)) + (await inventoryOf(productId))).toBe(INITIAL.race);
  });
});

/**
 * Commission payouts racing, against the graph as five processes with their stores (files, or
 * Postgres databases under `npm run test:postgres`). The return window is 0 days here
 * (ORDER_RETURN_WINDOW_DAYS=0: no returns), so commission is payable as soon as an order ships and
 * no clock has to move in another process. What is checked is in the commerce store's rows: no line
 * in two payouts, and what was paid out equals what was payable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creatorIds, shopBrands, userIds } from '@app/fixtures/world';
import type { RowReader } from './rows.ts';
import { startStack, type RunningStack } from './stack.ts';

let stack: RunningStack;
let store: RowReader;
const brandId = shopBrands[7]?.id as string;
let ordersKey: Record<string, string>;
let productId: string;

beforeAll(async () => {
  stack = await startStack({ env: { ORDER_RETURN_WINDOW_DAYS: '0' } });
  const key = (await stack.keys.create({ partnerId: brandId, name: 'payout race', scopes: ['catalog:write', 'orders:write'] })).secret;
  ordersKey = { 'x-api-key': key };
  const { body } = await stack.query(
    'mutation ($brandId: ID!, $feed: ProductFeedInput!) { importProductFeed(brandId: $brandId, feed: $feed) { created } }',
    // $25.00 at 12%: each unit earns $3.00.
    { brandId, feed: { mode: 'PARTIAL', items: [{ externalId: 'race-payout', title: 'Race Payout', priceAmount: 2500, inventory: 1000, status: 'ACTIVE', commissionRate: 0.12 }] } },
    ordersKey,
  );
  expect(body.data?.importProductFeed.created).toBe(1);
  store = stack.rows('commerce');
  productId = await store.scalar<string>('select id from products where brand_id = ? and external_id = ?', brandId, 'race-payout');
}, 90_000);

afterAll(async () => {
  await stack?.stop();
}, 30_000);

const as = async (userId: string) => ({ authorization: `Bearer ${await stack.tokenFor(userId)}` });

/** `orders` shipped orders of `units` each through the creator's link: all payable at once. */
async function payableSales(creator: string, orders: number, units: number): Promise<void> {
  const code = (await stack.query('mutation ($id: ID!) { createAffiliateLink(productId: $id) { code } }', { id: productId }, await as(creator))).body.data.createAffiliateLink.code;
  for (let i = 0; i < orders; i++) {
    const placed = await stack.query(
      'mutation ($input: CheckoutInput!) { checkout(input: $input) { order { id } } }',
      { input: { lines: [{ productId, quantity: units }], affiliateCode: code, idempotencyKey: `race-buy-${creator}-${i}` } },
      await as(userIds[30 + i] as string),
    );
    const shipped = await stack.query(
      'mutation ($input: FulfillOrderInput!) { fulfillOrder(input: $input) { status } }',
      { input: { orderId: placed.body.data.checkout.order.id, carrier: 'UPS', trackingNumber: `1Z${i}`, idempotencyKey: `race-ship-${creator}-${i}` } },
      ordersKey,
    );
    expect(shipped.body.data?.fulfillOrder.status).toBe('FULFILLED');
  }
}

const PAYOUT = 'mutation ($input: RequestCommissionPayoutInput!) { requestCommissionPayout(input: $input) { id status amount { amount } } }';

describe('commission payouts under concurrency', () => {
  it('pays 12 racing requests with different keys out once: exactly what was payable, no line in two payouts', async () => {
    const creator = creatorIds[16] as string;
    await payableSales(creator, 6, 2);
    const payable = 6 * 2 * 300;
    const headers = await as(creator);
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => stack.query(PAYOUT, { input: { idempotencyKey: `race-payout-${i}-0001` } }, headers)));
    const paid = results.filter((result) => result.body.data?.requestCommissionPayout);
    expect(paid).toHaveLength(1);
    expect(paid[0]?.body.data.requestCommissionPayout).toMatchObject({ status: 'PAID', amount: { amount: payable } });
    for (const result of results) if (!result.body.data?.requestCommissionPayout) expect(result.body.errors?.[0]?.extensions).toMatchObject({ code: 'PAYOUT_BELOW_MINIMUM', available: 0 });

    expect(await store.scalar('select count(*) from commission_payouts where creator_id = ?', creator)).toBe(1);
    expect(await store.scalar(`select coalesce(sum(amount), 0) from commission_payouts where creator_id = ? and status = 'PAID'`, creator)).toBe(payable);
    // Every line the payout took, and only those, point at it; their commission adds up to it.
    const inPayout = await store.scalar(
      'select coalesce(sum(l.commission_amount - l.commission_reversed), 0) from order_lines l join orders o on o.id = l.order_id where o.creator_id = ? and l.payout_id is not null',
      creator,
    );
    expect(inPayout).toBe(payable);
    expect(await store.scalar('select count(*) from order_lines l join orders o on o.id = l.order_id where o.creator_id = ? and l.payout_id is null and l.commission_amount > 0', creator)).toBe(0);
  });

  it('records and settles one payout for 10 simultaneous retries of the same key', async () => {
    const creator = creatorIds[17] as string;
    await payableSales(creator, 3, 4);
    const headers = await as(creator);
    const input = { idempotencyKey: 'same-payout-key-0001' };
    const results = await Promise.all(Array.from({ length: 10 }, () => stack.query(PAYOUT, { input }, headers)));
    const ids = new Set(results.map((result) => result.body.data?.requestCommissionPayout?.id));
    expect(ids.size).toBe(1);
    expect(results.every((result) => result.body.data?.requestCommissionPayout?.status === 'PAID')).toBe(true);
    expect(await store.scalar('select count(*) from commission_payouts where creator_id = ?', creator)).toBe(1);
    expect(await store.scalar(`select amount from commission_payouts where creator_id = ?`, creator)).toBe(3 * 4 * 300);
  });
});

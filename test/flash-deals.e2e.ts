/**
 * LIVE flash deals through the gateway, the graph as five processes with their stores (files, or
 * Postgres databases under `npm run test:postgres`): a brand starts a deal with its partner key on
 * a product pinned on a LIVE stream, and 200 checkouts from 40 buyers (each racing themselves)
 * buy from it at once. Checked in the commerce store's rows: never more sold than reserved, no
 * buyer past the limit, stock + deal units + sold = the start, the deal ended SOLD_OUT once.
 * And a stream's end, which content owns, ends its deals in commerce with their units back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creatorIds, liveStreamCreatorId, liveStreamIds, shopBrands, userIds } from '@app/fixtures/world';
import { endStream, idempotencyKey, pinProduct, startOwnStream } from './live-api.ts';
import type { RowReader } from './rows.ts';
import { startStack, type RunningStack } from './stack.ts';

const STREAM = liveStreamIds[2] as string;
const CREATOR = liveStreamCreatorId(2);
const brandId = shopBrands[3]?.id as string;
const START = 100;

let stack: RunningStack;
let store: RowReader;
let brandKey: Record<string, string>;
let productId: string;

beforeAll(async () => {
  // 200 checkouts at once queue in commerce: on a busy machine some wait past the gateway's 5 s,
  // and a checkout answered SERVICE_UNAVAILABLE may still have sold. The race is about what sells,
  // so the gateway waits for every answer here.
  stack = await startStack({ env: { SUBGRAPH_TIMEOUT_MS: '60000' } });
  brandKey = { 'x-api-key': (await stack.keys.create({ partnerId: brandId, name: 'flash deals', scopes: ['catalog:write'] })).secret };
  const items = [{ externalId: 'flash-deal-race', title: 'Flash deal race', priceAmount: 2_000, inventory: START, status: 'ACTIVE', commissionRate: 0.1 }];
  const { body } = await stack.query('mutation ($brandId: ID!, $feed: ProductFeedInput!) { importProductFeed(brandId: $brandId, feed: $feed) { created } }', { brandId, feed: { mode: 'PARTIAL', items } }, brandKey);
  expect(body.data?.importProductFeed.created).toBe(1);
  store = stack.rows('commerce');
  productId = await store.scalar<string>('select id from products where brand_id = ? and external_id = ?', brandId, 'flash-deal-race');
  await pinProduct(stack, CREATOR, STREAM, productId);
}, 90_000);

afterAll(async () => {
  await stack?.stop();
}, 30_000);

describe('LIVE flash deals through the gateway', () => {
  it('sells exactly the 60 reserved units to 200 racing checkouts, at most 2 a buyer, and ends the deal sold out once', async () => {
    const started = await stack.query(
      'mutation ($input: StartFlashDealInput!) { startBrandFlashDeal(input: $input) { id status unitsLeft product { inventory } } }',
      { input: { liveStreamId: STREAM, productId, dealPrice: 1_500, startsIn: 0, durationMinutes: 20, quantity: 60, perBuyerLimit: 2, idempotencyKey: idempotencyKey('race-deal') } },
      brandKey,
    );
    expect(started.body.errors).toBeUndefined();
    const deal = started.body.data.startBrandFlashDeal;
    expect(deal).toMatchObject({ status: 'LIVE', unitsLeft: 60, product: { inventory: START - 60 } });

    const buyers = userIds.slice(10, 50);
    const tokens = new Map(await Promise.all(buyers.map(async (buyer) => [buyer, { authorization: `Bearer ${await stack.tokenFor(buyer)}` }] as const)));
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => {
        const buyer = buyers[i % buyers.length] as string;
        return stack.query(
          'mutation ($input: CheckoutInput!) { checkout(input: $input) { order { id total { amount } } } }',
          { input: { lines: [{ productId, quantity: 1 }], liveStreamId: STREAM, flashDealId: deal.id, idempotencyKey: idempotencyKey(`race-buy-${i}`) } },
          tokens.get(buyer),
        );
      }),
    );
    const sold = results.filter((result) => result.body.data?.checkout?.order);
    expect(sold).toHaveLength(60);
    expect(sold.every((result) => result.body.data.checkout.order.total.amount === 1_500)).toBe(true);
    const codes = new Set(results.flatMap((result) => (result.body.errors ? [result.body.errors[0].extensions.code] : [])));
    expect([...codes].every((code) => code === 'DEAL_SOLD_OUT' || code === 'DEAL_LIMIT_REACHED')).toBe(true);

    expect(await store.scalar('select max(units) from flash_deal_buyers where deal_id = ?', deal.id)).toBeLessThanOrEqual(2);
    expect(await store.scalar('select sum(units) from flash_deal_buyers where deal_id = ?', deal.id)).toBe(60);
    const unitsInOrders = await store.scalar(`select coalesce(sum(l.quantity), 0) from order_lines l join orders o on o.id = l.order_id where l.product_id = ?`, productId);
    const unitsLeft = await store.scalar('select units_left from flash_deals where id = ?', deal.id);
    const inventory = await store.scalar('select inventory from products where id = ?', productId);
    expect(inventory + unitsLeft + unitsInOrders).toBe(START);
    expect(await store.scalar<string>('select status from flash_deals where id = ?', deal.id)).toBe('ENDED');
    expect(await store.scalar<string>('select ended_reason from flash_deals where id = ?', deal.id)).toBe('SOLD_OUT');
    expect(await store.scalar("select count(*) from live_events where topic = ? and kind = 'DEAL_ENDED'", STREAM)).toBe(1);
  }, 120_000);

  it('ends a deal when its stream ends (content tells commerce), its units back on the shelf', async () => {
    const creator = creatorIds[9] as string;
    const streamId = await startOwnStream(stack, creator, 'Flash deal stream that ends');
    await pinProduct(stack, creator, streamId, productId);
    const inventory = await store.scalar<number>('select inventory from products where id = ?', productId);
    const started = await stack.query(
      'mutation ($input: StartFlashDealInput!) { startBrandFlashDeal(input: $input) { id status } }',
      { input: { liveStreamId: streamId, productId, dealPrice: 1_500, startsIn: 0, durationMinutes: 20, quantity: 5, perBuyerLimit: 1, idempotencyKey: idempotencyKey('ending-deal') } },
      brandKey,
    );
    expect(started.body.errors).toBeUndefined();
    const dealId = started.body.data.startBrandFlashDeal.id as string;
    expect(await store.scalar<number>('select inventory from products where id = ?', productId)).toBe(inventory - 5);
    await endStream(stack, creator, streamId);
    await expect.poll(() => store.scalar<string>('select ended_reason from flash_deals where id = ?', dealId), { timeout: 15_000, interval: 200 }).toBe('STREAM_ENDED');
    expect(await store.scalar<number>('select inventory from products where id = ?', productId)).toBe(inventory);
    const deal = await stack.query('query ($id: ID!) { node(id: $id) { ... on FlashDeal { status endedReason unitsLeft } } }', { id: dealId });
    expect(deal.body.data.node).toEqual({ status: 'ENDED', endedReason: 'STREAM_ENDED', unitsLeft: 0 });
  }, 60_000);
});

/**
 * Commission payouts through the gateway: the minimum, a payout taking exactly what is payable,
 * a failed payout giving it back, a provider outage resumed by the same idempotency key without
 * paying twice, and who sees payouts. Commerce runs on a clock this file moves past return windows.
 * (Racing requests against the real processes: commerce-payouts-concurrency.e2e.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creatorIds, shopBrands, userIds } from '@app/fixtures/world';
import { DAY_MS, manualClock } from '@app/kit/clock';
import { testPayoutProvider, type PayoutProvider, type PayoutRequest } from '@app/kit/payouts';
import { startGraph, type RunningGraph } from './harness.ts';

const START = new Date(Date.UTC(2027, 8, 1, 9, 0, 0));
const clock = manualClock(START);
/** The test provider, unreachable while `down` is set, recording every transfer it is asked for. */
const transfers: PayoutRequest[] = [];
let down = false;
const provider: PayoutProvider = {
  name: 'test',
  pay: (request) => {
    transfers.push(request);
    return down ? Promise.reject(new Error('connect ECONNREFUSED')) : testPayoutProvider().pay(request);
  },
};
let graph: RunningGraph;
const brandId = shopBrands[6]?.id as string;
const creator = creatorIds[14] as string;
const buyer = userIds[52] as string;
let productId: string;
let code: string;
let ordersKey: Record<string, string>;

const as = async (userId: string) => ({ authorization: `Bearer ${await graph.tokenFor(userId)}` });

beforeAll(async () => {
  graph = await startGraph({ commerce: { clock, payouts: provider } });
  const catalogKey = { 'x-api-key': (await graph.keys.create({ partnerId: brandId, name: 'payouts', scopes: ['catalog:write'] })).secret };
  ordersKey = { 'x-api-key': (await graph.keys.create({ partnerId: brandId, name: 'payouts', scopes: ['orders:write'] })).secret };
  // $40.00 at 10%: each unit earns $4.00.
  const items = [{ externalId: 'payout-kettle', title: 'Payout Kettle', priceAmount: 4000, inventory: 500, status: 'ACTIVE', commissionRate: 0.1 }];
  const { body } = await graph.query('mutation ($brandId: ID!, $feed: ProductFeedInput!) { importProductFeed(brandId: $brandId, feed: $feed) { created } }', { brandId, feed: { mode: 'PARTIAL', items } }, catalogKey);
  expect(body.data.importProductFeed.created).toBe(1);
  productId = await graph.rows('commerce').scalar<string>('select id from products where brand_id = ? and external_id = ?', brandId, 'payout-kettle');
  code = (await graph.query('mutation ($id: ID!) { createAffiliateLink(productId: $id) { code } }', { id: productId }, await as(creator))).body.data.createAffiliateLink.code;
});
afterAll(() => graph?.stop());

let sequence = 0;
const key = (what: string) => `${what}-${++sequence}-payout`;

/** A shipped order of `units` kettles through the creator's link. */
async function shipped(units: number): Promise<string> {
  const placed = await graph.query('mutation ($input: CheckoutInput!) { checkout(input: $input) { order { id } } }', { input: { lines: [{ productId, quantity: units }], affiliateCode: code, idempotencyKey: key('buy') } }, await as(buyer));
  const orderId = placed.body.data.checkout.order.id;
  const { body } = await graph.query('mutation ($input: FulfillOrderInput!) { fulfillOrder(input: $input) { status } }', { input: { orderId, carrier: 'UPS', trackingNumber: '1Z42', idempotencyKey: key('ship') } }, ordersKey);
  expect(body.data.fulfillOrder.status).toBe('FULFILLED');
  return orderId;
}

const PAYOUT = 'mutation ($input: RequestCommissionPayoutInput!) { requestCommissionPayout(input: $input) { id status amount { amount currencyCode } payoutMethod failureReason requestedAt settledAt } }';
const payout = async (input: Record<string, unknown>, who = creator) => graph.query(PAYOUT, { input }, await as(who));

async function balance() {
  const { body } = await graph.query(
    'query ($id: ID!) { creator(id: $id) { earnings { commissions { amount } commissionBalance { available { amount } locked { amount } inPayout { amount } paidOut { amount } } } } }',
    { id: creator },
    await as(creator),
  );
  expect(body.errors).toBeUndefined();
  const { commissions, commissionBalance } = body.data.creator.earnings;
  return { commissions: commissions.amount, available: commissionBalance.available.amount, locked: commissionBalance.locked.amount, inPayout: commissionBalance.inPayout.amount, paidOut: commissionBalance.paidOut.amount };
}

const stateOf = async (orderId: string) => (await graph.query('query ($id: ID!) { order(id: $id) { commissionLines { state } } }', { id: orderId }, await as(creator))).body.data.order.commissionLines[0].state;

describe('commission payouts', () => {
  it('refuses less than the $10 minimum, saying what is payable, and pays nothing locked', async () => {
    const orderId = await shipped(2);
    // $8.00 is locked in its window: nothing is payable.
    expect((await payout({ idempotencyKey: key('payout') })).body.errors?.[0]?.extensions).toMatchObject({ code: 'PAYOUT_BELOW_MINIMUM', available: 0, minimum: 1000 });
    clock.advance(30 * DAY_MS);
    expect(await stateOf(orderId)).toBe('PAYABLE');
    expect((await payout({ idempotencyKey: key('payout') })).body.errors?.[0]?.extensions).toMatchObject({ code: 'PAYOUT_BELOW_MINIMUM', available: 800, minimum: 1000 });
    expect(transfers).toHaveLength(0);
    expect(await graph.rows('commerce').scalar('select count(*) from commission_payouts where creator_id = ?', creator)).toBe(0);
  });

  it('pays out exactly what is payable, once per idempotency key, leaving locked commission where it is', async () => {
    await shipped(1);
    clock.advance(30 * DAY_MS);
    const locked = await shipped(5);
    const before = await balance();
    expect(before).toMatchObject({ available: 1200, locked: 2000, inPayout: 0, paidOut: 0 });
    const input = { payoutMethod: 'acct_creator_14', idempotencyKey: key('payout') };
    const { body } = await payout(input);
    expect(body.errors).toBeUndefined();
    expect(body.data.requestCommissionPayout).toEqual({
      id: expect.stringMatching(/^pay_/),
      status: 'PAID',
      amount: { amount: 1200, currencyCode: 'USD' },
      payoutMethod: 'acct_creator_14',
      failureReason: null,
      requestedAt: clock.now().toISOString(),
      settledAt: clock.now().toISOString(),
    });
    expect(transfers.at(-1)).toMatchObject({ reference: body.data.requestCommissionPayout.id, creatorId: creator, amount: { amount: 1200, currencyCode: 'USD' }, payoutMethod: 'acct_creator_14' });
    expect(await balance()).toEqual({ ...before, available: 0, paidOut: 1200 });
    expect(await stateOf(locked)).toBe('LOCKED');

    const transfersBefore = transfers.length;
    const replay = await payout(input);
    expect(replay.body.data.requestCommissionPayout).toEqual(body.data.requestCommissionPayout);
    expect(transfers).toHaveLength(transfersBefore);
    expect((await payout({ ...input, payoutMethod: 'acct_other' })).body.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await payout({ idempotencyKey: key('payout') })).body.errors?.[0]?.extensions).toMatchObject({ code: 'PAYOUT_BELOW_MINIMUM', available: 0 });

    const statement = await graph.query('query ($id: ID!, $from: DateTime) { creator(id: $id) { commissionStatement(from: $from) { totals { paid { amount } payable { amount } locked { amount } } } } }', { id: creator, from: START.toISOString() }, await as(creator));
    expect(statement.body.data.creator.commissionStatement.totals).toEqual({ paid: { amount: 1200 }, payable: { amount: 0 }, locked: { amount: 2000 } });
  });

  it('gives a failed payout back to the balance, and the next payout takes it', async () => {
    clock.advance(30 * DAY_MS);
    const before = await balance();
    expect(before.available).toBe(2000);
    const failed = await payout({ payoutMethod: 'test_fail', idempotencyKey: key('payout') });
    expect(failed.body.errors).toBeUndefined();
    expect(failed.body.data.requestCommissionPayout).toMatchObject({ status: 'FAILED', amount: { amount: 2000 }, failureReason: expect.stringContaining('test_fail'), settledAt: clock.now().toISOString() });
    expect(await balance()).toEqual(before);
    expect(await graph.rows('commerce').scalar('select count(*) from order_lines where payout_id = ?', failed.body.data.requestCommissionPayout.id)).toBe(0);

    clock.advance(1_000);
    const paid = await payout({ payoutMethod: 'acct_creator_14', idempotencyKey: key('payout') });
    expect(paid.body.data.requestCommissionPayout).toMatchObject({ status: 'PAID', amount: { amount: 2000 } });
    expect(await balance()).toEqual({ ...before, available: 0, paidOut: before.paidOut + 2000 });
  });

  it('keeps a payout REQUESTED while the provider is down, and a retry with the same key pays it once', async () => {
    await shipped(3);
    clock.advance(30 * DAY_MS);
    const before = await balance();
    const input = { idempotencyKey: key('payout') };
    down = true;
    const unavailable = await payout(input);
    expect(unavailable.body.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', service: 'payouts' });
    expect(await balance()).toEqual({ ...before, available: 0, inPayout: 1200 });
    // Another request meanwhile finds nothing left to pay.
    expect((await payout({ idempotencyKey: key('payout') })).body.errors?.[0]?.extensions).toMatchObject({ code: 'PAYOUT_BELOW_MINIMUM', available: 0 });
    down = false;
    const resumed = await payout(input);
    expect(resumed.body.data.requestCommissionPayout).toMatchObject({ status: 'PAID', amount: { amount: 1200 } });
    const asked = transfers.filter((transfer) => transfer.reference === resumed.body.data.requestCommissionPayout.id);
    expect(asked).toHaveLength(2);
    expect(new Set(asked.map((transfer) => transfer.reference)).size).toBe(1);
    expect(await balance()).toEqual({ ...before, available: 0, paidOut: before.paidOut + 1200 });
  });

  it("lists a creator's payouts to them alone, newest first, and through node", async () => {
    const QUERY = 'query ($id: ID!) { creator(id: $id) { commissionPayouts(first: 10) { edges { node { id status amount { amount } } } } } }';
    const { body } = await graph.query(QUERY, { id: creator }, await as(creator));
    expect(body.data.creator.commissionPayouts.edges.map((edge: any) => [edge.node.status, edge.node.amount.amount])).toEqual([
      ['PAID', 1200],
      ['PAID', 2000],
      ['FAILED', 2000],
      ['PAID', 1200],
    ]);
    const other = await graph.query(QUERY, { id: creator }, await as(creatorIds[15] as string));
    expect(other.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_THE_CREATOR' });
    const id = body.data.creator.commissionPayouts.edges[0].node.id;
    const node = 'query ($id: ID!) { node(id: $id) { id ... on CommissionPayout { status } } }';
    expect((await graph.query(node, { id }, await as(creator))).body.data.node).toEqual({ id, status: 'PAID' });
    expect((await graph.query(node, { id }, await as(buyer))).body.data.node).toBeNull();
    expect((await graph.query(node, { id })).body.data.node).toBeNull();
    const bad = await payout({ payoutMethod: 'x'.repeat(101), idempotencyKey: key('payout') });
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'payoutMethod' });
  });
});

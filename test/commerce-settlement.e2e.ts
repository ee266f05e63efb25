/**
 * Commission settlement through the gateway: each attributed line's state (PENDING, LOCKED,
 * PAYABLE, REVERSED) as orders ship, windows end and refunds land, the creator's statement with
 * its filters and totals, and `Creator.earnings.commissionBalance`. Commerce runs on a clock this
 * file moves; the state changes when the clock says, with nothing run in between.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creatorIds, shopBrands, userIds } from '@app/fixtures/world';
import { DAY_MS, manualClock } from '@app/kit/clock';
import { startGraph, type RunningGraph } from './harness.ts';

const START = new Date(Date.UTC(2027, 5, 1, 9, 0, 0));
const clock = manualClock(START);
let graph: RunningGraph;
const brandId = shopBrands[5]?.id as string;
const creator = creatorIds[12] as string;
const buyer = userIds[50] as string;
let productId: string;
let code: string;
let ordersKey: Record<string, string>;

const as = async (userId: string) => ({ authorization: `Bearer ${await graph.tokenFor(userId)}` });

beforeAll(async () => {
  graph = await startGraph({ commerce: { clock } });
  const catalogKey = { 'x-api-key': (await graph.keys.create({ partnerId: brandId, name: 'settlement', scopes: ['catalog:write'] })).secret };
  ordersKey = { 'x-api-key': (await graph.keys.create({ partnerId: brandId, name: 'settlement', scopes: ['orders:write'] })).secret };
  const { body } = await graph.query(
    'mutation ($brandId: ID!, $feed: ProductFeedInput!) { importProductFeed(brandId: $brandId, feed: $feed) { created } }',
    // $33.33 at 15%: 3 units earn floor(9999 × 0.15) = 1499.
    { brandId, feed: { mode: 'PARTIAL', items: [{ externalId: 'settle-lamp', title: 'Settlement Lamp', priceAmount: 3333, inventory: 500, status: 'ACTIVE', commissionRate: 0.15 }] } },
    catalogKey,
  );
  expect(body.data.importProductFeed.created).toBe(1);
  productId = await graph.rows('commerce').scalar<string>('select id from products where brand_id = ? and external_id = ?', brandId, 'settle-lamp');
  code = (await graph.query('mutation ($id: ID!) { createAffiliateLink(productId: $id) { code } }', { id: productId }, await as(creator))).body.data.createAffiliateLink.code;
});
afterAll(() => graph?.stop());

let sequence = 0;
const key = (what: string) => `${what}-${++sequence}-settle`;

/** Each order a second after the last, so a statement's newest-first order is known. */
async function buy(units: number): Promise<string> {
  clock.advance(1_000);
  const { body } = await graph.query(
    'mutation ($input: CheckoutInput!) { checkout(input: $input) { order { id } } }',
    { input: { lines: [{ productId, quantity: units }], affiliateCode: code, idempotencyKey: key('buy') } },
    await as(buyer),
  );
  expect(body.errors).toBeUndefined();
  return body.data.checkout.order.id;
}

async function ship(orderId: string) {
  const { body } = await graph.query(
    'mutation ($input: FulfillOrderInput!) { fulfillOrder(input: $input) { status } }',
    { input: { orderId, carrier: 'USPS', trackingNumber: '9400 1000 0000', idempotencyKey: key('ship') } },
    ordersKey,
  );
  expect(body.errors).toBeUndefined();
}

async function returnUnits(orderId: string, units: number): Promise<string> {
  const { body } = await graph.query(
    'mutation ($input: RequestReturnInput!) { requestReturn(input: $input) { id } }',
    { input: { orderId, lines: [{ productId, quantity: units }], idempotencyKey: key('return') } },
    await as(buyer),
  );
  expect(body.errors).toBeUndefined();
  return body.data.requestReturn.id;
}

async function decide(returnId: string, decision: 'approveReturn' | 'declineReturn') {
  const { body } = await graph.query(`mutation ($input: DecideReturnInput!) { ${decision}(input: $input) { status } }`, { input: { returnId, idempotencyKey: key('decide') } }, ordersKey);
  expect(body.errors).toBeUndefined();
}

const LINE = 'order { id } product { id } title orderedAt units refundedUnits rate amount { amount } reversed { amount } state lockedUntil';
/** The order's one commission line, as the creator sees it. */
async function lineOf(orderId: string) {
  const { body } = await graph.query(`query ($id: ID!) { order(id: $id) { commissionLines { ${LINE} } } }`, { id: orderId }, await as(creator));
  expect(body.errors).toBeUndefined();
  expect(body.data.order.commissionLines).toHaveLength(1);
  return body.data.order.commissionLines[0];
}

const BALANCE = 'query ($id: ID!) { creator(id: $id) { earnings { commissions { amount } pending { amount } commissionBalance { available { amount } pending { amount } locked { amount } inPayout { amount } paidOut { amount } } } } }';
async function balance(): Promise<Record<'commissions' | 'pending' | 'available' | 'locked' | 'inPayout' | 'paidOut', number>> {
  const { body } = await graph.query(BALANCE, { id: creator }, await as(creator));
  expect(body.errors).toBeUndefined();
  const { commissions, pending, commissionBalance } = body.data.creator.earnings;
  const states = Object.fromEntries(Object.entries(commissionBalance).map(([name, value]: [string, any]) => [name, value.amount]));
  return { commissions: commissions.amount, pending: pending.amount, available: states.available, locked: states.locked, inPayout: states.inPayout, paidOut: states.paidOut };
}

const STATEMENT = /* GraphQL */ `
  query ($id: ID!, $states: [CommissionState!], $from: DateTime, $to: DateTime, $first: Int, $after: String) {
    creator(id: $id) {
      commissionStatement(states: $states, from: $from, to: $to) {
        lines(first: $first, after: $after) { edges { cursor node { order { id } state amount { amount } } } pageInfo { hasNextPage endCursor } }
        totals { pending { amount } locked { amount } payable { amount } paid { amount } reversed { amount } }
      }
    }
  }
`;
async function statement(variables: Record<string, unknown>) {
  const { body } = await graph.query(STATEMENT, { id: creator, ...variables }, await as(creator));
  expect(body.errors).toBeUndefined();
  const found = body.data.creator.commissionStatement;
  return {
    lines: found.lines.edges.map((edge: any) => ({ orderId: edge.node.order.id, state: edge.node.state, amount: edge.node.amount.amount })),
    pageInfo: found.lines.pageInfo,
    totals: Object.fromEntries(Object.entries(found.totals).map(([name, value]: [string, any]) => [name, value.amount])),
  };
}

describe('commission settlement', () => {
  it('is PENDING until shipped, LOCKED through the return window, and PAYABLE exactly when it ends', async () => {
    const before = await balance();
    const orderId = await buy(3);
    const placedAt = clock.now().toISOString();
    expect(await lineOf(orderId)).toEqual({
      order: { id: orderId },
      product: { id: productId },
      title: 'Settlement Lamp',
      orderedAt: placedAt,
      units: 3,
      refundedUnits: 0,
      rate: 0.15,
      amount: { amount: 1499 },
      reversed: { amount: 0 },
      state: 'PENDING',
      lockedUntil: null,
    });
    expect(await balance()).toEqual({ ...before, pending: before.pending + 1499 });

    clock.advance(2 * DAY_MS);
    await ship(orderId);
    const windowEnd = new Date(clock.now().getTime() + 30 * DAY_MS);
    expect(await lineOf(orderId)).toMatchObject({ state: 'LOCKED', lockedUntil: windowEnd.toISOString() });
    const locked = await balance();
    expect(locked).toEqual({ ...before, commissions: before.commissions + 1499, locked: before.locked + 1499 });

    clock.set(new Date(windowEnd.getTime() - 1));
    expect((await lineOf(orderId)).state).toBe('LOCKED');
    clock.set(windowEnd);
    expect(await lineOf(orderId)).toMatchObject({ state: 'PAYABLE', lockedUntil: null, amount: { amount: 1499 } });
    expect(await balance()).toEqual({ ...before, commissions: before.commissions + 1499, available: before.available + 1499 });
  });

  it('keeps a line LOCKED past its window while a return is open, then PAYABLE on decline or REVERSED on full refund', async () => {
    const declined = await buy(1);
    const refunded = await buy(2);
    await ship(declined);
    await ship(refunded);
    clock.advance(29 * DAY_MS);
    const declineId = await returnUnits(declined, 1);
    const refundId = await returnUnits(refunded, 2);
    clock.advance(2 * DAY_MS);
    // The window is over, but both returns wait for the brand.
    expect((await lineOf(declined)).state).toBe('LOCKED');
    expect((await lineOf(refunded)).state).toBe('LOCKED');
    await decide(declineId, 'declineReturn');
    await decide(refundId, 'approveReturn');
    expect(await lineOf(declined)).toMatchObject({ state: 'PAYABLE', amount: { amount: 499 } });
    // 2 × $33.33 at 15% = 999: all of it clawed back.
    expect(await lineOf(refunded)).toMatchObject({ state: 'REVERSED', refundedUnits: 2, amount: { amount: 0 }, reversed: { amount: 999 } });
  });

  it('earns (revenue − refunds) × rate on a partly refunded line, and a cancellation reverses all', async () => {
    const partly = await buy(3);
    await ship(partly);
    await decide(await returnUnits(partly, 1), 'approveReturn');
    // 2 kept: floor(6666 × 15%) = 999 earned, 1499 − 999 = 500 reversed; still inside the window.
    expect(await lineOf(partly)).toMatchObject({ state: 'LOCKED', units: 3, refundedUnits: 1, amount: { amount: 999 }, reversed: { amount: 500 } });

    const cancelled = await buy(1);
    const { body } = await graph.query('mutation ($input: CancelOrderInput!) { cancelOrder(input: $input) { status } }', { input: { orderId: cancelled, idempotencyKey: key('cancel') } }, await as(buyer));
    expect(body.data.cancelOrder.status).toBe('CANCELLED');
    expect(await lineOf(cancelled)).toMatchObject({ state: 'REVERSED', amount: { amount: 0 }, reversed: { amount: 499 } });
  });

  it("shows the creator a statement filtered by state and period, with totals per state that add up to every commission credited", async () => {
    // Everything this file sold is in the period from START; seeded sales are older.
    const all = await statement({ from: START.toISOString(), first: 100 });
    expect(all.totals).toEqual({ pending: 0, locked: 999, payable: 1499 + 499, paid: 0, reversed: 999 + 500 + 499 });
    const credited = 1499 + 499 + 999 + 1499 + 499;
    expect(Object.values(all.totals).reduce((sum: number, value) => sum + (value as number), 0)).toBe(credited);
    expect(all.lines).toHaveLength(5);
    expect(all.lines.map((line: any) => line.state)).toEqual(['REVERSED', 'LOCKED', 'REVERSED', 'PAYABLE', 'PAYABLE']);

    const payable = await statement({ from: START.toISOString(), states: ['PAYABLE'] });
    expect(payable.lines.map((line: any) => line.amount)).toEqual([499, 1499]);
    expect(payable.totals).toEqual(all.totals);
    const twoStates = await statement({ from: START.toISOString(), states: ['LOCKED', 'REVERSED'] });
    expect(twoStates.lines.map((line: any) => line.state)).toEqual(['REVERSED', 'LOCKED', 'REVERSED']);
    expect((await statement({ from: START.toISOString(), states: [] })).lines).toEqual([]);

    // The first order alone: placed a second after START, before the clock moved on.
    const firstDay = await statement({ from: START.toISOString(), to: new Date(START.getTime() + DAY_MS).toISOString() });
    expect(firstDay.lines).toEqual([{ orderId: expect.stringMatching(/^ord_/), state: 'PAYABLE', amount: 1499 }]);
    expect(firstDay.totals).toEqual({ pending: 0, locked: 0, payable: 1499, paid: 0, reversed: 0 });
    expect((await statement({ from: new Date(START.getTime() + 365 * DAY_MS).toISOString() })).lines).toEqual([]);

    // Pages of 2 meet every line once, in order.
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof statement>> = await statement({ from: START.toISOString(), first: 2, after });
      seen.push(...page.lines.map((line: any) => `${line.orderId}:${line.state}`));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(all.lines.map((line: any) => `${line.orderId}:${line.state}`));
  });

  it("refuses someone else's statement, a backwards period and a foreign cursor", async () => {
    const other = await graph.query(STATEMENT, { id: creator }, await as(creatorIds[13] as string));
    expect(other.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_THE_CREATOR' });
    const backwards = await graph.query(STATEMENT, { id: creator, from: START.toISOString(), to: START.toISOString() }, await as(creator));
    expect(backwards.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    const cursor = await graph.query(STATEMENT, { id: creator, after: Buffer.from('["x"]').toString('base64url') }, await as(creator));
    expect(cursor.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    const anonymous = await graph.query(STATEMENT, { id: creator });
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

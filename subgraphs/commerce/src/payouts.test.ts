/**
 * Commission payouts in process (payouts.ts states the rules): the minimum, a payout taking
 * exactly what is PAYABLE, the same idempotency key replayed, a `test_fail` payout giving its
 * lines back, a provider that does not answer, and payouts racing for the same lines. The clock
 * in the context is moved past return windows by hand; the payout provider is the kit's test
 * provider behind a recorder. Through the gateway it is test/commerce-payouts.e2e.ts (and
 * commerce-payouts-concurrency.e2e.ts against the real processes).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { creatorIds, shopBrands, userIds } from '@app/fixtures/world';
import { DAY_MS, manualClock } from '@app/kit/clock';
import { testPayoutProvider, type PayoutProvider, type PayoutRequest } from '@app/kit/payouts';
import { fakePeers, runOperation, subgraphTestbed } from '@app/kit/testing';
import { anonymousViewer, type Viewer } from '@app/kit/viewer';
import { createContext, type CommerceServices } from './context.ts';
import { seedCommerceStore } from './db/seed.ts';
import { openCommerceStore } from './db/store.ts';
import { commissionPayouts, orderLines, products } from './db/tables.ts';
import { createServer } from './server.ts';
import { DEFAULT_SETTINGS } from './settings.ts';

const START = new Date(Date.UTC(2027, 8, 1, 9, 0, 0));
const clock = manualClock(START);

/** The test provider, unreachable while `down`, recording every transfer it is asked for. */
const transfers: PayoutRequest[] = [];
let down = false;
const provider: PayoutProvider = {
  name: 'recording',
  pay: (request) => {
    transfers.push(request);
    return down ? Promise.reject(new Error('connect ECONNREFUSED')) : testPayoutProvider().pay(request);
  },
};
const services = (): CommerceServices => ({ clock, settings: DEFAULT_SETTINGS, payouts: provider });

const peers = fakePeers({ Creator: new Map(creatorIds.map((id) => [id, {}])) });
const { store, server } = subgraphTestbed({ open: openCommerceStore, createServer, context: (store, viewer) => createContext(store, viewer, peers.client, services()), seed: seedCommerceStore });
const run = (viewer: Viewer, query: string, variables: Record<string, unknown>, given: Partial<CommerceServices> = {}) =>
  runOperation(server, createContext(store, viewer, peers.client, { ...services(), ...given }), query, variables);

const asUser = (userId: string): Viewer => ({ ...anonymousViewer(), userId });
const brandId = shopBrands[6]?.id as string;
const brand: Viewer = { ...anonymousViewer(), partnerId: brandId, scopes: ['orders:write'] };
const buyer = userIds[46] as string;
/** $40.00 at 10%: each unit earns 400. */
const kettle = 'prd_payout_kettle';

beforeAll(() => {
  store.db
    .insert(products)
    .values({ id: kettle, brandId, title: 'Payout Kettle', description: '', priceAmount: 4_000, currency: 'USD', inventory: 10_000, status: 'ACTIVE', commissionBps: 1_000, imageUrl: 'https://img.example/kettle.png', createdAt: START })
    .run();
});

async function ok(viewer: Viewer, query: string, variables: Record<string, unknown>): Promise<any> {
  const result = await run(viewer, query, variables);
  expect(result.errors).toBeUndefined();
  return result.data;
}

let keyCount = 0;
const key = (what: string) => `${what}-payout-${++keyCount}`;

/** Orders of these units of kettles through the creator's link, each shipped at once; their order ids. */
async function shippedSales(creator: string, units: readonly number[]): Promise<string[]> {
  const code = (await ok(asUser(creator), 'mutation ($id: ID!) { createAffiliateLink(productId: $id) { code } }', { id: kettle })).createAffiliateLink.code;
  const ids: string[] = [];
  for (const quantity of units) {
    const placed = await ok(asUser(buyer), 'mutation ($input: CheckoutInput!) { checkout(input: $input) { order { id } } }', {
      input: { lines: [{ productId: kettle, quantity }], affiliateCode: code, idempotencyKey: key('buy') },
    });
    const orderId = placed.checkout.order.id;
    await ok(brand, 'mutation ($input: FulfillOrderInput!) { fulfillOrder(input: $input) { status } }', { input: { orderId, carrier: 'UPS', trackingNumber: '1Z42', idempotencyKey: key('ship') } });
    ids.push(orderId);
  }
  return ids;
}

/** Sales whose return windows have ended: all their commission is PAYABLE. */
async function payableSales(creator: string, units: readonly number[]): Promise<string[]> {
  const ids = await shippedSales(creator, units);
  clock.advance(30 * DAY_MS);
  return ids;
}

const PAYOUT = /* GraphQL */ `
  mutation ($input: RequestCommissionPayoutInput!) {
    requestCommissionPayout(input: $input) { id status amount { amount currencyCode } payoutMethod failureReason requestedAt settledAt }
  }
`;
const payout = (creator: string, input: { idempotencyKey: string; payoutMethod?: string }, given: Partial<CommerceServices> = {}) => run(asUser(creator), PAYOUT, { input }, given);

/** The creator's commission by state, as `Creator.earnings` gives it to them. */
async function balanceOf(creator: string) {
  const reps = [{ __typename: 'Creator', id: creator, giftEarnings: { value: { amount: 0, currencyCode: 'USD' }, balance: null } }];
  const data = await ok(
    asUser(creator),
    'query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Creator { earnings { commissionBalance { available { amount } pending { amount } locked { amount } inPayout { amount } paidOut { amount } } } } } }',
    { reps },
  );
  return Object.fromEntries(Object.entries(data._entities[0].earnings.commissionBalance).map(([state, value]: [string, any]) => [state, value.amount]));
}

/** Each order's one commission line's state, as the creator reads it now. */
async function statesOf(creator: string, orderIds: readonly string[]): Promise<string[]> {
  const states: string[] = [];
  for (const id of orderIds) states.push((await ok(asUser(creator), 'query ($id: ID!) { order(id: $id) { commissionLines { state } } }', { id })).order.commissionLines[0].state);
  return states;
}

/** The creator's statement filtered to PAID: its lines and the paid total. */
async function paidInStatement(creator: string) {
  const reps = [{ __typename: 'Creator', id: creator }];
  const data = await ok(
    asUser(creator),
    'query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Creator { commissionStatement(states: [PAID]) { lines { edges { node { order { id } state } } } totals { paid { amount } } } } } }',
    { reps },
  );
  const { lines, totals } = data._entities[0].commissionStatement;
  return { lines: lines.edges.map(({ node }: any) => [node.order.id, node.state]), paid: totals.paid.amount };
}

const payoutRows = (creator: string) => store.db.select().from(commissionPayouts).where(eq(commissionPayouts.creatorId, creator)).all();
/** The lines a payout holds, and their commission. */
function linesIn(payoutId: string) {
  const lines = store.db.select().from(orderLines).where(eq(orderLines.payoutId, payoutId)).all();
  return { count: lines.length, amount: lines.reduce((sum, line) => sum + line.commissionAmount - line.commissionReversed, 0) };
}

describe('commission payouts', () => {
  it('refuses a payout below PAYOUT_MINIMUM_CENTS with PAYOUT_BELOW_MINIMUM and takes nothing: no payout, the lines still PAYABLE, the provider never asked', async () => {
    const creator = creatorIds[6] as string;
    const [orderId] = (await shippedSales(creator, [2])) as [string];
    const asked = transfers.length;
    // $8.00 locked in its window: nothing is payable yet.
    expect((await payout(creator, { idempotencyKey: key('payout') })).errors?.[0]?.extensions).toMatchObject({ code: 'PAYOUT_BELOW_MINIMUM', available: 0, minimum: 1_000 });
    clock.advance(30 * DAY_MS);
    expect((await payout(creator, { idempotencyKey: key('payout') })).errors?.[0]?.extensions).toMatchObject({ code: 'PAYOUT_BELOW_MINIMUM', available: 800, minimum: 1_000 });

    expect(payoutRows(creator)).toEqual([]);
    expect(await statesOf(creator, [orderId])).toEqual(['PAYABLE']);
    expect(await balanceOf(creator)).toEqual({ available: 800, pending: 0, locked: 0, inPayout: 0, paidOut: 0 });
    expect(transfers).toHaveLength(asked);

    // The minimum is the setting's: at PAYOUT_MINIMUM_CENTS 800 the same $8.00 is paid, exactly at the minimum.
    const atMinimum = await payout(creator, { idempotencyKey: key('payout') }, { settings: { ...DEFAULT_SETTINGS, payoutMinimumCents: 800 } });
    expect(atMinimum.data?.requestCommissionPayout).toMatchObject({ status: 'PAID', amount: { amount: 800 } });
  });

  it('pays out exactly what is PAYABLE: PAID with the provider’s transfer, every payable line PAID, and commission still locked left where it is', async () => {
    const creator = creatorIds[7] as string;
    const payable = await payableSales(creator, [1, 2]);
    const [locked] = (await shippedSales(creator, [5])) as [string];
    expect(await balanceOf(creator)).toEqual({ available: 1_200, pending: 0, locked: 2_000, inPayout: 0, paidOut: 0 });

    const { data, errors } = await payout(creator, { payoutMethod: 'acct_creator_7', idempotencyKey: key('payout') });
    expect(errors).toBeUndefined();
    const paid = data?.requestCommissionPayout;
    expect(paid).toEqual({
      id: expect.stringMatching(/^pay_/),
      status: 'PAID',
      amount: { amount: 1_200, currencyCode: 'USD' },
      payoutMethod: 'acct_creator_7',
      failureReason: null,
      requestedAt: clock.now().toISOString(),
      settledAt: clock.now().toISOString(),
    });
    expect(transfers.at(-1)).toMatchObject({ reference: paid.id, creatorId: creator, amount: { amount: 1_200, currencyCode: 'USD' }, payoutMethod: 'acct_creator_7' });
    expect(payoutRows(creator)).toEqual([expect.objectContaining({ id: paid.id, status: 'PAID', amount: 1_200, providerTransferId: `po_test_${paid.id}` })]);
    expect(linesIn(paid.id)).toEqual({ count: 2, amount: 1_200 });

    expect(await statesOf(creator, [...payable, locked])).toEqual(['PAID', 'PAID', 'LOCKED']);
    expect(await balanceOf(creator)).toEqual({ available: 0, pending: 0, locked: 2_000, inPayout: 0, paidOut: 1_200 });
    // Nothing is left to pay until the locked line's window ends.
    expect((await payout(creator, { idempotencyKey: key('payout') })).errors?.[0]?.extensions).toMatchObject({ code: 'PAYOUT_BELOW_MINIMUM', available: 0 });
    clock.advance(30 * DAY_MS);
    expect((await payout(creator, { idempotencyKey: key('payout') })).data?.requestCommissionPayout).toMatchObject({ status: 'PAID', amount: { amount: 2_000 } });
    expect(await balanceOf(creator)).toEqual({ available: 0, pending: 0, locked: 0, inPayout: 0, paidOut: 3_200 });
  });

  it('answers a replayed idempotency key with the first payout, asking the provider nothing and taking nothing new; the key with another input is IDEMPOTENCY_KEY_REUSED', async () => {
    const creator = creatorIds[8] as string;
    await payableSales(creator, [3]);
    const input = { payoutMethod: 'acct_creator_8', idempotencyKey: key('payout') };
    const first = (await payout(creator, input)).data?.requestCommissionPayout;
    expect(first).toMatchObject({ status: 'PAID', amount: { amount: 1_200 } });

    // More becomes payable; a replay of the first key neither pays it nor asks the provider again.
    await payableSales(creator, [4]);
    const asked = transfers.length;
    clock.advance(1_000);
    const replay = await payout(creator, input);
    expect(replay.errors).toBeUndefined();
    expect(replay.data?.requestCommissionPayout).toEqual(first);
    expect(transfers).toHaveLength(asked);
    expect(payoutRows(creator)).toHaveLength(1);
    expect(await balanceOf(creator)).toMatchObject({ available: 1_600, paidOut: 1_200 });

    expect((await payout(creator, { ...input, payoutMethod: 'acct_other' })).errors?.[0]?.extensions).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'idempotencyKey' });
    expect((await payout(creator, { idempotencyKey: key('payout') })).data?.requestCommissionPayout).toMatchObject({ status: 'PAID', amount: { amount: 1_600 } });
  });

  it('answers a payout to `test_fail` FAILED with the reason and gives its lines back: PAYABLE again, and the next payout takes them', async () => {
    const creator = creatorIds[9] as string;
    const orderIds = await payableSales(creator, [2, 3]);
    const input = { payoutMethod: 'test_fail', idempotencyKey: key('payout') };
    const { data, errors } = await payout(creator, input);
    expect(errors).toBeUndefined();
    const failed = data?.requestCommissionPayout;
    expect(failed).toMatchObject({ status: 'FAILED', amount: { amount: 2_000 }, payoutMethod: 'test_fail', failureReason: expect.stringContaining('test_fail'), settledAt: clock.now().toISOString() });
    expect(linesIn(failed.id)).toEqual({ count: 0, amount: 0 });
    expect(await statesOf(creator, orderIds)).toEqual(['PAYABLE', 'PAYABLE']);
    expect(await balanceOf(creator)).toEqual({ available: 2_000, pending: 0, locked: 0, inPayout: 0, paidOut: 0 });

    // Its key answers the failure again and takes nothing; another key pays the same lines.
    expect((await payout(creator, input)).data?.requestCommissionPayout).toEqual(failed);
    expect(await balanceOf(creator)).toMatchObject({ available: 2_000 });
    clock.advance(1_000);
    const paid = (await payout(creator, { payoutMethod: 'acct_creator_9', idempotencyKey: key('payout') })).data?.requestCommissionPayout;
    expect(paid).toMatchObject({ status: 'PAID', amount: { amount: 2_000 } });
    expect(linesIn(paid.id)).toEqual({ count: 2, amount: 2_000 });
    expect(await statesOf(creator, orderIds)).toEqual(['PAID', 'PAID']);
    expect(payoutRows(creator).map((row) => [row.status, row.amount])).toEqual(
      expect.arrayContaining([
        ['FAILED', 2_000],
        ['PAID', 2_000],
      ]),
    );
  });

  it('keeps a payout REQUESTED while the provider does not answer, its lines in the payout and out of reach, and the same key pays it once when the provider is back', async () => {
    const creator = creatorIds[10] as string;
    const [orderId] = (await payableSales(creator, [3])) as [string];
    const input = { idempotencyKey: key('payout') };
    down = true;
    try {
      expect((await payout(creator, input)).errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', service: 'payouts' });
      const [requested] = payoutRows(creator);
      expect(requested).toMatchObject({ status: 'REQUESTED', amount: 1_200, settledAt: null });
      expect(linesIn(requested!.id)).toEqual({ count: 1, amount: 1_200 });
      // In a payout the provider has not answered: PAID to the line, in payout to the balance.
      expect(await statesOf(creator, [orderId])).toEqual(['PAID']);
      expect(await balanceOf(creator)).toEqual({ available: 0, pending: 0, locked: 0, inPayout: 1_200, paidOut: 0 });
      expect(await paidInStatement(creator)).toEqual({ lines: [[orderId, 'PAID']], paid: 1_200 });
      expect((await payout(creator, { idempotencyKey: key('payout') })).errors?.[0]?.extensions).toMatchObject({ code: 'PAYOUT_BELOW_MINIMUM', available: 0 });
    } finally {
      down = false;
    }
    const resumed = (await payout(creator, input)).data?.requestCommissionPayout;
    expect(resumed).toMatchObject({ status: 'PAID', amount: { amount: 1_200 } });
    expect(transfers.filter((transfer) => transfer.creatorId === creator).map((transfer) => transfer.reference)).toEqual([resumed.id, resumed.id]);
    expect(payoutRows(creator)).toHaveLength(1);
    expect(await balanceOf(creator)).toEqual({ available: 0, pending: 0, locked: 0, inPayout: 0, paidOut: 1_200 });
  });

  it('leaves a line under an open return out of a payout past its window, and pays what the brand’s decision leaves of it', async () => {
    const creator = creatorIds[14] as string;
    const [returned, kept] = (await shippedSales(creator, [3, 3])) as [string, string];
    clock.advance(29 * DAY_MS);
    const asked = await ok(asUser(buyer), 'mutation ($input: RequestReturnInput!) { requestReturn(input: $input) { id } }', {
      input: { orderId: returned, lines: [{ productId: kettle, quantity: 1 }], idempotencyKey: key('return') },
    });
    clock.advance(2 * DAY_MS);
    expect(await statesOf(creator, [returned, kept])).toEqual(['LOCKED', 'PAYABLE']);
    const first = (await payout(creator, { idempotencyKey: key('payout') })).data?.requestCommissionPayout;
    expect(first).toMatchObject({ status: 'PAID', amount: { amount: 1_200 } });
    expect(await statesOf(creator, [returned, kept])).toEqual(['LOCKED', 'PAID']);

    // One of 3 refunded: floor(8000 × 10%) = 800 is left, payable at once (the window is over), below the minimum.
    await ok(brand, 'mutation ($input: DecideReturnInput!) { approveReturn(input: $input) { status } }', { input: { returnId: asked.requestReturn.id, idempotencyKey: key('decide') } });
    expect(await statesOf(creator, [returned])).toEqual(['PAYABLE']);
    expect((await payout(creator, { idempotencyKey: key('payout') })).errors?.[0]?.extensions).toMatchObject({ code: 'PAYOUT_BELOW_MINIMUM', available: 800 });
    expect(await balanceOf(creator)).toEqual({ available: 800, pending: 0, locked: 0, inPayout: 0, paidOut: 1_200 });
  });
});

describe('commission payouts racing', () => {
  it('takes each line once when payouts with different keys race: one pays all that was payable, the others find nothing left', async () => {
    const creator = creatorIds[11] as string;
    await payableSales(creator, [2, 2, 2]);
    const results = await Promise.all(Array.from({ length: 4 }, (_, i) => payout(creator, { idempotencyKey: `race-${creator}-${i}` })));
    const paid = results.filter((result) => result.data?.requestCommissionPayout);
    expect(paid).toHaveLength(1);
    const winner = paid[0]?.data?.requestCommissionPayout;
    expect(winner).toMatchObject({ status: 'PAID', amount: { amount: 2_400 } });
    for (const result of results) if (result !== paid[0]) expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'PAYOUT_BELOW_MINIMUM', available: 0 });

    expect(payoutRows(creator)).toHaveLength(1);
    expect(linesIn(winner.id)).toEqual({ count: 3, amount: 2_400 });
    expect(transfers.filter((transfer) => transfer.creatorId === creator)).toHaveLength(1);
    expect(await balanceOf(creator)).toEqual({ available: 0, pending: 0, locked: 0, inPayout: 0, paidOut: 2_400 });
  });

  it('records one payout when requests with the same key race, and every one of them answers it', async () => {
    const creator = creatorIds[12] as string;
    await payableSales(creator, [3, 1]);
    const input = { idempotencyKey: key('payout') };
    const results = await Promise.all(Array.from({ length: 3 }, () => payout(creator, input)));
    expect(results.map((result) => result.errors)).toEqual([undefined, undefined, undefined]);
    const ids = new Set(results.map((result) => result.data?.requestCommissionPayout.id));
    expect(ids.size).toBe(1);
    expect(results.every((result) => result.data?.requestCommissionPayout.status === 'PAID')).toBe(true);
    const [id] = [...ids] as [string];
    expect(payoutRows(creator)).toEqual([expect.objectContaining({ id, status: 'PAID', amount: 1_600 })]);
    expect(linesIn(id)).toEqual({ count: 2, amount: 1_600 });
    // Asked again or not, the provider only ever heard of this one payout.
    expect(new Set(transfers.filter((transfer) => transfer.creatorId === creator).map((transfer) => transfer.reference))).toEqual(new Set([id]));
  });

  it('never puts a line in a second payout, even when two writers read the same payable lines before either took them', async () => {
    const creator = creatorIds[15] as string;
    await payableSales(creator, [3, 3]);
    // Both writers read what is payable first (the read a transaction could hold stale); then each tries to take it.
    const read = await store.payableCommissionLines(creator, 'USD', clock.now());
    expect(read.map((line) => line.amount)).toEqual([1_200, 1_200]);
    const take = (id: string) =>
      store.transaction(async (tx) => {
        await tx.insertPayout({ id, creatorId: creator, status: 'REQUESTED', amount: 2_400, currency: 'USD', payoutMethod: null, requestedAt: clock.now() });
        return tx.assignPayoutLines(id, read);
      });
    expect(await Promise.all([take('pay_race_first'), take('pay_race_second')])).toEqual([2, 0]);
    expect(linesIn('pay_race_first')).toEqual({ count: 2, amount: 2_400 });
    expect(linesIn('pay_race_second')).toEqual({ count: 0, amount: 0 });
    expect(await store.payableCommissionLines(creator, 'USD', clock.now())).toEqual([]);
  });
});

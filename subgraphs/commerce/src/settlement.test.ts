/**
 * Commission settlement in process (settlement.ts states the rules): each attributed line's state
 * as the context's clock passes shipping, the return window, returns and refunds, for a sale
 * through an affiliate link and one through a LIVE pin; the creator's statement filtered by state
 * and period with its totals; and the balance by state. The clock is moved by hand, never slept
 * on: a state changes on the read after the clock says, with nothing run in between. Through the
 * gateway it is test/commerce-settlement.e2e.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { creatorIds, shopBrands, userIds } from '@app/fixtures/world';
import { DAY_MS, manualClock } from '@app/kit/clock';
import { fakePeers, subgraphTestbed } from '@app/kit/testing';
import { anonymousViewer, type Viewer } from '@app/kit/viewer';
import { createContext, defaultServices } from './context.ts';
import { seedCommerceStore } from './db/seed.ts';
import { openCommerceStore } from './db/store.ts';
import { products } from './db/tables.ts';
import { createServer } from './server.ts';

const START = new Date(Date.UTC(2027, 5, 1, 9, 0, 0));
const clock = manualClock(START);

/** Streams content knows, and who users says is a creator. */
const streams = new Map<string, { status: 'LIVE' | 'ENDED'; creator: { id: string } }>();
const peers = fakePeers({ Creator: new Map(creatorIds.map((id) => [id, {}])), LiveStream: streams });
const { store, run: runAs } = subgraphTestbed({
  open: openCommerceStore,
  createServer,
  context: (store, viewer) => createContext(store, viewer, peers.client, { ...defaultServices(), clock }),
  seed: seedCommerceStore,
});

const asUser = (userId: string): Viewer => ({ ...anonymousViewer(), userId });
const brandId = shopBrands[4]?.id as string;
const brand: Viewer = { ...anonymousViewer(), partnerId: brandId, scopes: ['orders:write'] };
const buyer = userIds[44] as string;
/** $33.33 at 15%: 1 unit earns 499, 2 earn 999, 3 earn 1499 (floor of 499.95, 999.9, 1499.85). */
const lamp = 'prd_settle_lamp';
/** $20.00 at 10%: each unit earns 200. */
const mug = 'prd_settle_mug';

beforeAll(() => {
  for (const [id, priceAmount, commissionBps] of [
    [lamp, 3_333, 1_500],
    [mug, 2_000, 1_000],
  ] as const) {
    store.db
      .insert(products)
      .values({ id, brandId, title: `Title of ${id}`, description: '', priceAmount, currency: 'USD', inventory: 10_000, status: 'ACTIVE', commissionBps, imageUrl: 'https://img.example/settle.png', createdAt: START })
      .run();
  }
});

async function ok(viewer: Viewer, query: string, variables: Record<string, unknown>): Promise<any> {
  const result = await runAs(query, variables, viewer);
  expect(result.errors).toBeUndefined();
  return result.data;
}

let keyCount = 0;
const key = (what: string) => `${what}-settle-${++keyCount}`;

async function linkTo(creator: string, productId: string): Promise<string> {
  return (await ok(asUser(creator), 'mutation ($id: ID!) { createAffiliateLink(productId: $id) { code } }', { id: productId })).createAffiliateLink.code;
}

/** A LIVE stream of the creator's, with these products pinned on it. */
async function liveStream(id: string, creator: string, pinned: readonly string[]): Promise<string> {
  streams.set(id, { status: 'LIVE', creator: { id: creator } });
  for (const productId of pinned) await ok(asUser(creator), 'mutation ($stream: ID!, $product: ID!) { pinProduct(liveStreamId: $stream, productId: $product) { id } }', { stream: id, product: productId });
  return id;
}

interface Placed {
  id: string;
  at: Date;
}

/** An order placed a second after the clock's last reading, so a statement's newest-first order is known. */
async function checkout(lines: readonly { productId: string; quantity: number }[], attribution: { affiliateCode: string } | { liveStreamId: string }): Promise<Placed> {
  clock.advance(1_000);
  const data = await ok(asUser(buyer), 'mutation ($input: CheckoutInput!) { checkout(input: $input) { order { id } } }', { input: { lines, ...attribution, idempotencyKey: key('buy') } });
  return { id: data.checkout.order.id, at: clock.now() };
}

/** The brand ships the order; answers when its return window ends. */
async function ship(order: Placed): Promise<Date> {
  const data = await ok(brand, 'mutation ($input: FulfillOrderInput!) { fulfillOrder(input: $input) { status returnsUntil } }', {
    input: { orderId: order.id, carrier: 'USPS', trackingNumber: '9400 1000', idempotencyKey: key('ship') },
  });
  expect(data.fulfillOrder.status).toBe('FULFILLED');
  return new Date(data.fulfillOrder.returnsUntil);
}

async function requestReturn(order: Placed, productId: string, quantity: number): Promise<string> {
  const data = await ok(asUser(buyer), 'mutation ($input: RequestReturnInput!) { requestReturn(input: $input) { id } }', { input: { orderId: order.id, lines: [{ productId, quantity }], idempotencyKey: key('return') } });
  return data.requestReturn.id;
}

async function decide(returnId: string, decision: 'approveReturn' | 'declineReturn'): Promise<void> {
  const data = await ok(brand, `mutation ($input: DecideReturnInput!) { ${decision}(input: $input) { status } }`, { input: { returnId, idempotencyKey: key('decide') } });
  expect(data[decision].status).toBe(decision === 'approveReturn' ? 'APPROVED' : 'DECLINED');
}

/** The order's commission lines as its attributed creator reads them now. */
async function linesOf(creator: string, order: Placed) {
  const data = await ok(asUser(creator), 'query ($id: ID!) { order(id: $id) { commissionLines { product { id } units refundedUnits rate amount { amount } reversed { amount } state lockedUntil } } }', {
    id: order.id,
  });
  return data.order.commissionLines.map((line: any) => ({ ...line, product: line.product.id, amount: line.amount.amount, reversed: line.reversed.amount }));
}

const statesOf = async (creator: string, order: Placed) => (await linesOf(creator, order)).map((line: { product: string; state: string }) => [line.product, line.state]);

const creatorReference = (id: string) => ({ __typename: 'Creator', id, giftEarnings: { value: { amount: 0, currencyCode: 'USD' }, balance: null } });

/** The creator's commission by state, as `Creator.earnings` gives it to them. */
async function balanceOf(creator: string) {
  const data = await ok(
    asUser(creator),
    `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Creator { earnings {
      commissions { amount } pending { amount }
      commissionBalance { available { amount } pending { amount } locked { amount } inPayout { amount } paidOut { amount } } } } } }`,
    { reps: [creatorReference(creator)] },
  );
  const { commissions, pending, commissionBalance } = data._entities[0].earnings;
  expect(commissionBalance.pending).toEqual(pending);
  return {
    commissions: commissions.amount,
    pending: pending.amount,
    available: commissionBalance.available.amount,
    locked: commissionBalance.locked.amount,
    inPayout: commissionBalance.inPayout.amount,
    paidOut: commissionBalance.paidOut.amount,
  };
}

const STATEMENT = /* GraphQL */ `
  query ($reps: [_Any!]!, $states: [CommissionState!], $from: DateTime, $to: DateTime, $first: Int, $after: String) {
    _entities(representations: $reps) {
      ... on Creator {
        commissionStatement(states: $states, from: $from, to: $to) {
          lines(first: $first, after: $after) { edges { node { order { id } state amount { amount } reversed { amount } } } pageInfo { hasNextPage endCursor } }
          totals { pending { amount } locked { amount } payable { amount } paid { amount } reversed { amount } }
        }
      }
    }
  }
`;

interface StatementArgs {
  states?: string[];
  from?: Date;
  to?: Date;
  first?: number;
  after?: string | null;
}

const statementRequest = (creator: string, args: StatementArgs) => ({
  reps: [creatorReference(creator)],
  states: args.states,
  from: args.from?.toISOString(),
  to: args.to?.toISOString(),
  first: args.first ?? 100,
  after: args.after,
});

async function statementOf(creator: string, args: StatementArgs = {}) {
  const found = (await ok(asUser(creator), STATEMENT, statementRequest(creator, args)))._entities[0].commissionStatement;
  return {
    lines: found.lines.edges.map(({ node }: any) => [node.order.id, node.state, node.amount.amount]),
    pageInfo: found.lines.pageInfo,
    totals: Object.fromEntries(Object.entries(found.totals).map(([state, value]: [string, any]) => [state, value.amount])),
  };
}

describe('a commission line’s state, from stored facts and the clock at read time', () => {
  it('is PENDING until the brand ships, LOCKED through the return window and PAYABLE from the instant the window ends, for a sale through an affiliate link', async () => {
    const creator = creatorIds[3] as string;
    const order = await checkout([{ productId: lamp, quantity: 3 }], { affiliateCode: await linkTo(creator, lamp) });
    expect(await linesOf(creator, order)).toEqual([{ product: lamp, units: 3, refundedUnits: 0, rate: 0.15, amount: 1_499, reversed: 0, state: 'PENDING', lockedUntil: null }]);
    expect(await balanceOf(creator)).toEqual({ commissions: 0, pending: 1_499, available: 0, locked: 0, inPayout: 0, paidOut: 0 });

    // Time alone moves nothing before the order ships.
    clock.advance(45 * DAY_MS);
    expect(await statesOf(creator, order)).toEqual([[lamp, 'PENDING']]);

    const windowEnd = await ship(order);
    expect(windowEnd.getTime()).toBe(clock.now().getTime() + 30 * DAY_MS);
    expect(await linesOf(creator, order)).toEqual([expect.objectContaining({ state: 'LOCKED', lockedUntil: windowEnd.toISOString(), amount: 1_499 })]);
    expect(await balanceOf(creator)).toEqual({ commissions: 1_499, pending: 0, available: 0, locked: 1_499, inPayout: 0, paidOut: 0 });

    clock.set(new Date(windowEnd.getTime() - 1));
    expect(await statesOf(creator, order)).toEqual([[lamp, 'LOCKED']]);
    clock.set(windowEnd);
    expect(await linesOf(creator, order)).toEqual([expect.objectContaining({ state: 'PAYABLE', lockedUntil: null, amount: 1_499, reversed: 0 })]);
    expect(await balanceOf(creator)).toEqual({ commissions: 1_499, pending: 0, available: 1_499, locked: 0, inPayout: 0, paidOut: 0 });
  });

  it('earns on a LIVE sale only for the lines of products pinned on the stream, and settles them by the same clock with content ended and silent', async () => {
    const creator = creatorIds[4] as string;
    const stream = await liveStream('lst_settle_pin', creator, [mug]);
    const order = await checkout(
      [
        { productId: lamp, quantity: 1 },
        { productId: mug, quantity: 2 },
      ],
      { liveStreamId: stream },
    );
    expect(await linesOf(creator, order)).toEqual([{ product: mug, units: 2, refundedUnits: 0, rate: 0.1, amount: 400, reversed: 0, state: 'PENDING', lockedUntil: null }]);

    const windowEnd = await ship(order);
    expect(await statesOf(creator, order)).toEqual([[mug, 'LOCKED']]);

    // A line's state is stored facts and the clock: the stream's end, or content down, changes nothing.
    streams.set(stream, { status: 'ENDED', creator: { id: creator } });
    peers.unavailable.add('content');
    try {
      clock.set(windowEnd);
      expect(await statesOf(creator, order)).toEqual([[mug, 'PAYABLE']]);
      expect(await balanceOf(creator)).toEqual({ commissions: 400, pending: 0, available: 400, locked: 0, inPayout: 0, paidOut: 0 });
    } finally {
      peers.unavailable.delete('content');
    }
  });

  it('keeps the line under an open return LOCKED past the window while the order’s other line turns PAYABLE; the brand declining makes it PAYABLE at once', async () => {
    const creator = creatorIds[5] as string;
    const stream = await liveStream('lst_settle_return', creator, [lamp, mug]);
    const order = await checkout(
      [
        { productId: lamp, quantity: 1 },
        { productId: mug, quantity: 2 },
      ],
      { liveStreamId: stream },
    );
    const windowEnd = await ship(order);
    clock.set(new Date(windowEnd.getTime() - DAY_MS));
    const returnId = await requestReturn(order, lamp, 1);

    clock.set(new Date(windowEnd.getTime() + 2 * DAY_MS));
    expect(await linesOf(creator, order)).toEqual([
      expect.objectContaining({ product: lamp, state: 'LOCKED', lockedUntil: windowEnd.toISOString(), amount: 499 }),
      expect.objectContaining({ product: mug, state: 'PAYABLE', lockedUntil: null, amount: 400 }),
    ]);
    expect(await balanceOf(creator)).toEqual({ commissions: 899, pending: 0, available: 400, locked: 499, inPayout: 0, paidOut: 0 });

    await decide(returnId, 'declineReturn');
    expect(await linesOf(creator, order)).toEqual([
      expect.objectContaining({ product: lamp, state: 'PAYABLE', refundedUnits: 0, amount: 499, reversed: 0 }),
      expect.objectContaining({ product: mug, state: 'PAYABLE', amount: 400 }),
    ]);
    expect(await balanceOf(creator)).toMatchObject({ available: 899, locked: 0 });
  });

  it('keeps (revenue − refunds) × rate of a partly refunded line in its state and shows the rest REVERSED; a fully refunded line is REVERSED for good', async () => {
    const creator = creatorIds[6] as string;
    const code = await linkTo(creator, lamp);
    const partly = await checkout([{ productId: lamp, quantity: 3 }], { affiliateCode: code });
    const partlyWindowEnd = await ship(partly);

    await decide(await requestReturn(partly, lamp, 1), 'approveReturn');
    // 2 of 3 kept: floor(6666 × 15%) = 999 earned, 1499 − 999 = 500 clawed back, still in the window.
    expect(await linesOf(creator, partly)).toEqual([expect.objectContaining({ state: 'LOCKED', units: 3, refundedUnits: 1, amount: 999, reversed: 500 })]);
    await decide(await requestReturn(partly, lamp, 1), 'approveReturn');
    // 1 kept: floor(3333 × 15%) = 499; the clawback is cumulative, 1000, never more than was credited.
    expect(await linesOf(creator, partly)).toEqual([expect.objectContaining({ state: 'LOCKED', refundedUnits: 2, amount: 499, reversed: 1_000 })]);
    clock.set(partlyWindowEnd);
    expect(await linesOf(creator, partly)).toEqual([expect.objectContaining({ state: 'PAYABLE', amount: 499, reversed: 1_000 })]);

    const full = await checkout([{ productId: lamp, quantity: 2 }], { affiliateCode: code });
    const fullWindowEnd = await ship(full);
    await decide(await requestReturn(full, lamp, 2), 'approveReturn');
    expect(await linesOf(creator, full)).toEqual([expect.objectContaining({ state: 'REVERSED', refundedUnits: 2, amount: 0, reversed: 999, lockedUntil: null })]);
    clock.set(new Date(fullWindowEnd.getTime() + DAY_MS));
    expect(await statesOf(creator, full)).toEqual([[lamp, 'REVERSED']]);

    // A reversed line is in no part of the balance; the partly refunded one keeps its 499.
    expect(await balanceOf(creator)).toEqual({ commissions: 499, pending: 0, available: 499, locked: 0, inPayout: 0, paidOut: 0 });
  });

  it('REVERSES all of a cancelled order’s commission before it ever ships, and no later time changes that', async () => {
    const creator = creatorIds[7] as string;
    const order = await checkout([{ productId: lamp, quantity: 1 }], { affiliateCode: await linkTo(creator, lamp) });
    const cancelled = await ok(asUser(buyer), 'mutation ($input: CancelOrderInput!) { cancelOrder(input: $input) { status } }', { input: { orderId: order.id, idempotencyKey: key('cancel') } });
    expect(cancelled.cancelOrder.status).toBe('CANCELLED');
    expect(await linesOf(creator, order)).toEqual([expect.objectContaining({ state: 'REVERSED', amount: 0, reversed: 499, lockedUntil: null })]);
    clock.advance(90 * DAY_MS);
    expect(await statesOf(creator, order)).toEqual([[lamp, 'REVERSED']]);
    expect(await balanceOf(creator)).toEqual({ commissions: 0, pending: 0, available: 0, locked: 0, inPayout: 0, paidOut: 0 });
  });
});

describe('a creator’s commission statement', () => {
  const creator = creatorIds[8] as string;
  /** One order (of one line) per state the creator's lines end up in, placed in this order. */
  const orders = {} as Record<'paid' | 'payable' | 'locked' | 'pending' | 'reversed' | 'partly', Placed>;
  let periodStart: Date;

  beforeAll(async () => {
    periodStart = new Date(clock.now().getTime() + 1);
    const code = await linkTo(creator, lamp);
    const buy = (units: number) => checkout([{ productId: lamp, quantity: units }], { affiliateCode: code });

    orders.paid = await buy(3);
    await ship(orders.paid);
    clock.advance(31 * DAY_MS);
    const payout = await ok(asUser(creator), 'mutation ($input: RequestCommissionPayoutInput!) { requestCommissionPayout(input: $input) { status amount { amount } } }', {
      input: { idempotencyKey: key('payout') },
    });
    expect(payout.requestCommissionPayout).toEqual({ status: 'PAID', amount: { amount: 1_499 } });

    orders.payable = await buy(1);
    await ship(orders.payable);
    clock.advance(31 * DAY_MS);

    orders.locked = await buy(2);
    await ship(orders.locked);
    orders.pending = await buy(1);
    orders.reversed = await buy(2);
    await ship(orders.reversed);
    await decide(await requestReturn(orders.reversed, lamp, 2), 'approveReturn');
    orders.partly = await buy(3);
    await ship(orders.partly);
    await decide(await requestReturn(orders.partly, lamp, 1), 'approveReturn');
  });

  it('lists every line newest order first, in its state, with totals per state that add up to every commission credited', async () => {
    const all = await statementOf(creator, { from: periodStart });
    expect(all.lines).toEqual([
      [orders.partly.id, 'LOCKED', 999],
      [orders.reversed.id, 'REVERSED', 0],
      [orders.pending.id, 'PENDING', 499],
      [orders.locked.id, 'LOCKED', 999],
      [orders.payable.id, 'PAYABLE', 499],
      [orders.paid.id, 'PAID', 1_499],
    ]);
    expect(all.totals).toEqual({ pending: 499, locked: 999 + 999, payable: 499, paid: 1_499, reversed: 999 + 500 });
    const credited = 1_499 + 499 + 999 + 499 + 999 + 1_499;
    expect(Object.values(all.totals).reduce((sum: number, amount) => sum + (amount as number), 0)).toBe(credited);
    // The creator has no other sales: the statement without a period is the same.
    expect(await statementOf(creator)).toEqual(all);
    // The balance reads the same states.
    expect(await balanceOf(creator)).toEqual({ commissions: 999 + 999 + 499 + 1_499, pending: 499, available: 499, locked: 999 + 999, inPayout: 0, paidOut: 1_499 });
  });

  it('filters lines by state, keeping the totals of the whole period', async () => {
    const all = await statementOf(creator, { from: periodStart });
    const only = async (states: string[]) => {
      const filtered = await statementOf(creator, { from: periodStart, states });
      expect(filtered.totals).toEqual(all.totals);
      return filtered.lines.map(([orderId, state]: [string, string]) => [orderId, state]);
    };
    expect(await only(['PAYABLE'])).toEqual([[orders.payable.id, 'PAYABLE']]);
    expect(await only(['PAID'])).toEqual([[orders.paid.id, 'PAID']]);
    expect(await only(['PENDING'])).toEqual([[orders.pending.id, 'PENDING']]);
    expect(await only(['LOCKED', 'REVERSED'])).toEqual([
      [orders.partly.id, 'LOCKED'],
      [orders.reversed.id, 'REVERSED'],
      [orders.locked.id, 'LOCKED'],
    ]);
    expect(await only([])).toEqual([]);
  });

  it('takes the period [from, to) by when each order was placed, and totals only that period', async () => {
    const zero = { pending: 0, locked: 0, payable: 0, paid: 0, reversed: 0 };
    const beforeSecond = await statementOf(creator, { from: periodStart, to: orders.payable.at });
    expect(beforeSecond.lines).toEqual([[orders.paid.id, 'PAID', 1_499]]);
    expect(beforeSecond.totals).toEqual({ ...zero, paid: 1_499 });

    const second = await statementOf(creator, { from: orders.payable.at, to: orders.locked.at });
    expect(second.lines).toEqual([[orders.payable.id, 'PAYABLE', 499]]);
    expect(second.totals).toEqual({ ...zero, payable: 499 });

    const latest = await statementOf(creator, { from: orders.locked.at });
    expect(latest.lines.map(([orderId]: [string]) => orderId)).toEqual([orders.partly.id, orders.reversed.id, orders.pending.id, orders.locked.id]);
    expect(latest.totals).toEqual({ pending: 499, locked: 999 + 999, payable: 0, paid: 0, reversed: 999 + 500 });

    // A state and a period together: the LOCKED lines placed before the partly refunded order.
    const lockedEarlier = await statementOf(creator, { from: orders.locked.at, to: orders.partly.at, states: ['LOCKED'] });
    expect(lockedEarlier.lines).toEqual([[orders.locked.id, 'LOCKED', 999]]);
    expect(lockedEarlier.totals).toEqual({ pending: 499, locked: 999, payable: 0, paid: 0, reversed: 999 });

    expect((await statementOf(creator, { from: new Date(clock.now().getTime() + DAY_MS) })).lines).toEqual([]);
  });

  it('moves a line between states on a later read as the clock passes its window, with the totals', async () => {
    clock.advance(31 * DAY_MS);
    const later = await statementOf(creator, { from: periodStart });
    expect(later.lines.map(([, state]: [string, string]) => state)).toEqual(['PAYABLE', 'REVERSED', 'PENDING', 'PAYABLE', 'PAYABLE', 'PAID']);
    expect(later.totals).toEqual({ pending: 499, locked: 0, payable: 999 + 999 + 499, paid: 1_499, reversed: 999 + 500 });
  });

  it('pages through the lines, meeting each once in order', async () => {
    const all = await statementOf(creator, { from: periodStart });
    const seen: unknown[] = [];
    let after: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof statementOf>> = await statementOf(creator, { from: periodStart, first: 4, after });
      seen.push(...page.lines);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(all.lines);
  });

  it('is the creator’s alone, and refuses a period that ends before it starts', async () => {
    const other = await runAs(STATEMENT, statementRequest(creator, {}), asUser(creatorIds[9] as string));
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_THE_CREATOR' });
    const backwards = await runAs(STATEMENT, statementRequest(creator, { from: periodStart, to: periodStart }), asUser(creator));
    expect(backwards.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
  });
});

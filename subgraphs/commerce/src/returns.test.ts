/**
 * Returns and refunds in process (returns.ts states the rules): when a buyer may ask, how much of
 * a line, one open return per order, what approval refunds and claws back from the attributed
 * creator, restocking, who may ask and decide, and replays of the same idempotency key. The return
 * window is read from the context's clock, moved by hand. What a return does to a commission
 * line's state is settlement.test.ts's; through the gateway it is test/commerce-orders.e2e.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { creatorIds, shopBrands, userIds } from '@app/fixtures/world';
import { DAY_MS, manualClock } from '@app/kit/clock';
import { fakePeers, subgraphTestbed } from '@app/kit/testing';
import { anonymousViewer, type Viewer } from '@app/kit/viewer';
import { createContext, defaultServices } from './context.ts';
import { seedCommerceStore } from './db/seed.ts';
import { openCommerceStore } from './db/store.ts';
import { products } from './db/tables.ts';
import { refundOf } from './returns.ts';
import { createServer } from './server.ts';

const START = new Date(Date.UTC(2027, 2, 1, 9, 0, 0));
const clock = manualClock(START);
const peers = fakePeers({ Creator: new Map(creatorIds.map((id) => [id, {}])) });
const { store, run: runAs } = subgraphTestbed({
  open: openCommerceStore,
  createServer,
  context: (store, viewer) => createContext(store, viewer, peers.client, { ...defaultServices(), clock }),
  seed: seedCommerceStore,
});

const asUser = (userId: string): Viewer => ({ ...anonymousViewer(), userId });
const brandId = shopBrands[5]?.id as string;
const brand: Viewer = { ...anonymousViewer(), partnerId: brandId, scopes: ['orders:write'] };
const otherBrand: Viewer = { ...anonymousViewer(), partnerId: shopBrands[6]?.id as string, scopes: ['orders:write'] };
const buyer = userIds[47] as string;
const creator = creatorIds[14] as string;
/** $33.33 at 15%: 3 units earn floor(9999 × 15%) = 1499. */
const lamp = 'prd_return_lamp';
/** $12.50 at 10%: each unit earns 125. */
const candle = 'prd_return_candle';
let code: string;

beforeAll(async () => {
  for (const [id, priceAmount, commissionBps] of [
    [lamp, 3_333, 1_500],
    [candle, 1_250, 1_000],
  ] as const) {
    store.db
      .insert(products)
      .values({ id, brandId, title: `Title of ${id}`, description: '', priceAmount, currency: 'USD', inventory: 100, status: 'ACTIVE', commissionBps, imageUrl: 'https://img.example/return.png', createdAt: START })
      .run();
  }
  code = (await ok(asUser(creator), 'mutation ($id: ID!) { createAffiliateLink(productId: $id) { code } }', { id: lamp })).createAffiliateLink.code;
});

async function ok(viewer: Viewer, query: string, variables: Record<string, unknown>): Promise<any> {
  const result = await runAs(query, variables, viewer);
  expect(result.errors).toBeUndefined();
  return result.data;
}

let keyCount = 0;
const key = (what: string) => `${what}-return-${++keyCount}`;

const inventoryOf = (productId: string) => store.db.select({ inventory: products.inventory }).from(products).where(eq(products.id, productId)).get()?.inventory;

/** An order, through the creator's lamp link when it has lamps (lamp lines earn; candle lines do not). */
async function placeOrder(lines: readonly { productId: string; quantity: number }[]): Promise<string> {
  clock.advance(1_000);
  const affiliateCode = lines.some((line) => line.productId === lamp) ? code : null;
  const input = { lines, affiliateCode, idempotencyKey: key('buy') };
  return (await ok(asUser(buyer), 'mutation ($input: CheckoutInput!) { checkout(input: $input) { order { id } } }', { input })).checkout.order.id;
}

/** The brand ships the order; answers when its return window ends. */
async function ship(orderId: string): Promise<Date> {
  const data = await ok(brand, 'mutation ($input: FulfillOrderInput!) { fulfillOrder(input: $input) { returnsUntil } }', { input: { orderId, carrier: 'DHL', trackingNumber: 'JD0142', idempotencyKey: key('ship') } });
  return new Date(data.fulfillOrder.returnsUntil);
}

async function shippedOrder(lines: readonly { productId: string; quantity: number }[]) {
  const orderId = await placeOrder(lines);
  return { orderId, windowEnd: await ship(orderId) };
}

const REQUEST = 'mutation ($input: RequestReturnInput!) { requestReturn(input: $input) { id status refund { amount } } }';
const requestReturn = (orderId: string, lines: readonly { productId: string; quantity: number }[], idempotencyKey = key('return'), viewer = asUser(buyer)) =>
  runAs(REQUEST, { input: { orderId, lines, reason: 'Not as pictured', idempotencyKey } }, viewer);
const DECIDED = '{ id status refund { amount } restocked decidedAt lines { product { id } quantity refund { amount } } }';
const decide = (decision: 'approveReturn' | 'declineReturn', returnId: string, options: { restock?: boolean; idempotencyKey?: string; viewer?: Viewer } = {}) =>
  runAs(`mutation ($input: DecideReturnInput!) { ${decision}(input: $input) ${DECIDED} }`, { input: { returnId, restock: options.restock, idempotencyKey: options.idempotencyKey ?? key('decide') } }, options.viewer ?? brand);

async function openReturn(orderId: string, lines: readonly { productId: string; quantity: number }[]): Promise<string> {
  const { data, errors } = await requestReturn(orderId, lines);
  expect(errors).toBeUndefined();
  expect(data?.requestReturn).toMatchObject({ status: 'REQUESTED', refund: { amount: 0 } });
  return data?.requestReturn.id;
}

/** The order's money after refunds, as its buyer sees it. */
async function refundsOf(orderId: string) {
  const data = await ok(asUser(buyer), 'query ($id: ID!) { order(id: $id) { refunded { amount } commission { amount } commissionReversed { amount } lines { product { id } refundedQuantity commission { amount } commissionReversed { amount } } } }', { id: orderId });
  const { refunded, commission, commissionReversed, lines } = data.order;
  return {
    refunded: refunded.amount,
    commission: commission.amount,
    commissionReversed: commissionReversed.amount,
    lines: lines.map((line: any) => [line.product.id, line.refundedQuantity, line.commission.amount, line.commissionReversed.amount]),
  };
}

describe('when a return may be asked for', () => {
  it('only of a shipped order: ORDER_NOT_FULFILLED while it is paid, ORDER_CANCELLED once cancelled', async () => {
    const paid = await placeOrder([{ productId: lamp, quantity: 1 }]);
    expect((await requestReturn(paid, [{ productId: lamp, quantity: 1 }])).errors?.[0]?.extensions).toMatchObject({ code: 'ORDER_NOT_FULFILLED', orderId: paid });
    await ok(asUser(buyer), 'mutation ($input: CancelOrderInput!) { cancelOrder(input: $input) { status } }', { input: { orderId: paid, idempotencyKey: key('cancel') } });
    expect((await requestReturn(paid, [{ productId: lamp, quantity: 1 }])).errors?.[0]?.extensions).toMatchObject({ code: 'ORDER_CANCELLED', orderId: paid });
  });

  it('until the last instant of the window, and RETURN_WINDOW_CLOSED from the instant it ends', async () => {
    const { orderId, windowEnd } = await shippedOrder([{ productId: lamp, quantity: 2 }]);
    expect(windowEnd.getTime()).toBe(clock.now().getTime() + 30 * DAY_MS);
    clock.set(new Date(windowEnd.getTime() - 1));
    const returnId = await openReturn(orderId, [{ productId: lamp, quantity: 1 }]);
    expect((await decide('declineReturn', returnId)).errors).toBeUndefined();

    clock.set(windowEnd);
    const late = await requestReturn(orderId, [{ productId: lamp, quantity: 1 }]);
    expect(late.errors?.[0]?.extensions).toMatchObject({ code: 'RETURN_WINDOW_CLOSED', orderId, returnsUntil: windowEnd.toISOString() });
    expect((await refundsOf(orderId)).refunded).toBe(0);
  });

  it('once at a time per order: RETURN_ALREADY_OPEN until the brand decides, then again; a decided return is RETURN_ALREADY_DECIDED', async () => {
    const { orderId } = await shippedOrder([
      { productId: lamp, quantity: 1 },
      { productId: candle, quantity: 2 },
    ]);
    const first = await openReturn(orderId, [{ productId: lamp, quantity: 1 }]);
    expect((await requestReturn(orderId, [{ productId: candle, quantity: 1 }])).errors?.[0]?.extensions).toMatchObject({ code: 'RETURN_ALREADY_OPEN', returnId: first });
    expect((await decide('declineReturn', first)).data?.declineReturn).toMatchObject({ status: 'DECLINED', refund: { amount: 0 }, decidedAt: clock.now().toISOString() });
    expect((await decide('approveReturn', first)).errors?.[0]?.extensions).toMatchObject({ code: 'RETURN_ALREADY_DECIDED', status: 'DECLINED' });
    const second = await openReturn(orderId, [{ productId: candle, quantity: 1 }]);
    expect(second).not.toBe(first);
  });

  it('for at most the units of a line not refunded yet: RETURN_QUANTITY_EXCEEDED says how many are left', async () => {
    const { orderId } = await shippedOrder([
      { productId: candle, quantity: 1 },
      { productId: lamp, quantity: 3 },
    ]);
    expect((await decide('approveReturn', await openReturn(orderId, [{ productId: lamp, quantity: 2 }]))).errors).toBeUndefined();
    const tooMany = await requestReturn(orderId, [
      { productId: candle, quantity: 1 },
      { productId: lamp, quantity: 2 },
    ]);
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'RETURN_QUANTITY_EXCEEDED', line: 1, returnable: 1 });
    expect((await requestReturn(orderId, [{ productId: 'prd_not_in_order', quantity: 1 }])).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'productId', line: 0 });
    // Refused requests left nothing open: the last unit may still go back.
    await openReturn(orderId, [{ productId: lamp, quantity: 1 }]);
  });

  it('by the order’s buyer alone, and decided by its brand’s key alone', async () => {
    const { orderId } = await shippedOrder([{ productId: lamp, quantity: 1 }]);
    expect((await requestReturn(orderId, [{ productId: lamp, quantity: 1 }], key('return'), asUser(userIds[48] as string))).errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'NOT_ORDER_BUYER',
    });
    const returnId = await openReturn(orderId, [{ productId: lamp, quantity: 1 }]);
    expect((await decide('approveReturn', returnId, { viewer: otherBrand })).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_OWNING_PARTNER' });
    expect((await decide('approveReturn', returnId, { viewer: asUser(creator) })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await refundsOf(orderId)).refunded).toBe(0);
  });
});

describe('what an approved return does', () => {
  it('refunds the units at the price paid and claws back exactly the commission on them, leaving other lines alone', async () => {
    const { orderId } = await shippedOrder([
      { productId: lamp, quantity: 3 },
      { productId: candle, quantity: 2 },
    ]);
    // A later price change does not change what the buyer paid, nor so what is refunded.
    store.db.update(products).set({ priceAmount: 9_999 }).where(eq(products.id, lamp)).run();
    try {
      const approved = await decide('approveReturn', await openReturn(orderId, [{ productId: lamp, quantity: 1 }]));
      expect(approved.errors).toBeUndefined();
      expect(approved.data?.approveReturn).toMatchObject({ status: 'APPROVED', refund: { amount: 3_333 }, lines: [{ product: { id: lamp }, quantity: 1, refund: { amount: 3_333 } }] });
    } finally {
      store.db.update(products).set({ priceAmount: 3_333 }).where(eq(products.id, lamp)).run();
    }
    // 2 of 3 kept: floor(6666 × 15%) = 999 of the 1499 credited; the clawback is the 500 difference.
    expect(await refundsOf(orderId)).toEqual({
      refunded: 3_333,
      commission: 1_499,
      commissionReversed: 500,
      lines: [
        [lamp, 1, 1_499, 500],
        [candle, 0, 0, 0],
      ],
    });

    expect((await decide('approveReturn', await openReturn(orderId, [{ productId: lamp, quantity: 2 }]))).data?.approveReturn.refund).toEqual({ amount: 6_666 });
    // Every unit refunded: all of the commission is clawed back, never more.
    expect(await refundsOf(orderId)).toMatchObject({ refunded: 9_999, commissionReversed: 1_499, lines: [[lamp, 3, 1_499, 1_499], [candle, 0, 0, 0]] });
  });

  it('puts the units back in stock when the brand says they came back, and not otherwise', async () => {
    const before = inventoryOf(candle) as number;
    const { orderId } = await shippedOrder([{ productId: candle, quantity: 4 }]);
    expect(inventoryOf(candle)).toBe(before - 4);
    const kept = await decide('approveReturn', await openReturn(orderId, [{ productId: candle, quantity: 1 }]));
    expect(kept.data?.approveReturn).toMatchObject({ restocked: false, refund: { amount: 1_250 } });
    expect(inventoryOf(candle)).toBe(before - 4);
    const restocked = await decide('approveReturn', await openReturn(orderId, [{ productId: candle, quantity: 2 }]), { restock: true });
    expect(restocked.data?.approveReturn).toMatchObject({ restocked: true, refund: { amount: 2_500 } });
    expect(inventoryOf(candle)).toBe(before - 2);
  });

  it('happens once per idempotency key: a replayed request answers the same return, a replayed approval refunds nothing more', async () => {
    const { orderId } = await shippedOrder([{ productId: lamp, quantity: 3 }]);
    const requestKey = key('return');
    const asked = await requestReturn(orderId, [{ productId: lamp, quantity: 1 }], requestKey);
    const askedAgain = await requestReturn(orderId, [{ productId: lamp, quantity: 1 }], requestKey);
    expect(askedAgain.data?.requestReturn.id).toBe(asked.data?.requestReturn.id);
    expect((await requestReturn(orderId, [{ productId: lamp, quantity: 2 }], requestKey)).errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_KEY_REUSED');

    const decisionKey = key('decide');
    const approved = await decide('approveReturn', asked.data?.requestReturn.id, { idempotencyKey: decisionKey });
    const approvedAgain = await decide('approveReturn', asked.data?.requestReturn.id, { idempotencyKey: decisionKey });
    expect(approvedAgain.errors).toBeUndefined();
    expect(approvedAgain.data?.approveReturn).toEqual(approved.data?.approveReturn);
    expect(await refundsOf(orderId)).toMatchObject({ refunded: 3_333, commissionReversed: 500, lines: [[lamp, 1, 1_499, 500]] });
  });
});

describe('the clawback rule', () => {
  const line = { quantity: 3, unitPriceAmount: 3_333, totalAmount: 9_999, commissionBps: 1_500, commissionAmount: 1_499, refundedQuantity: 0, commissionReversed: 0 };

  it('claws back the commission credited less floor((total − refunded) × rate), so refunds one unit at a time add up to all of it and no more', () => {
    const first = refundOf(line, 1);
    expect(first).toEqual({ refundedQuantity: 1, commissionReversed: 500, refund: 3_333, clawedBack: 500 });
    const second = refundOf({ ...line, ...first }, 1);
    expect(second).toEqual({ refundedQuantity: 2, commissionReversed: 1_000, refund: 3_333, clawedBack: 500 });
    const third = refundOf({ ...line, ...second }, 1);
    expect(third).toEqual({ refundedQuantity: 3, commissionReversed: 1_499, refund: 3_333, clawedBack: 499 });
    expect(first.clawedBack + second.clawedBack + third.clawedBack).toBe(line.commissionAmount);
    expect(refundOf(line, 3)).toEqual({ refundedQuantity: 3, commissionReversed: 1_499, refund: 9_999, clawedBack: 1_499 });
  });

  it('claws back nothing from a line that earned nothing, and refuses to refund beyond the line', () => {
    expect(refundOf({ ...line, commissionBps: 0, commissionAmount: 0 }, 2)).toEqual({ refundedQuantity: 2, commissionReversed: 0, refund: 6_666, clawedBack: 0 });
    expect(() => refundOf({ ...line, refundedQuantity: 2, commissionReversed: 1_000 }, 2)).toThrow(/beyond the line/);
  });
});

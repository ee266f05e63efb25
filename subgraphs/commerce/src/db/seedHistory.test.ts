/**
 * The seeded history is what the writes would have left: every row goes into a fresh store (its
 * checks and keys hold), each order adds up, the payout pays exactly its lines, and read at seed
 * time the earning creators' lines are in every state.
 */
import { describe, expect, it } from 'vitest';
import { creatorIds, DAY, SEED_TIME } from '@app/fixtures/world';
import { commerceSeed, seedCommerceStore } from './seed.ts';
import { commerceHistory } from './seedHistory.ts';
import { openCommerceStore } from './store.ts';

describe('the seeded commerce history', () => {
  const history = commerceHistory(commerceSeed());

  it('is the same rows every time', () => {
    expect(commerceHistory(commerceSeed())).toEqual(history);
  });

  it('adds up: order totals and commission are their lines, the payout is the lines it pays, clawbacks stay within the commission', () => {
    for (const order of history.orders) {
      const lines = history.orderLines.filter((line) => line.orderId === order.id);
      expect(order.totalAmount).toBe(lines.reduce((sum, line) => sum + line.totalAmount, 0));
      expect(order.commissionAmount).toBe(lines.reduce((sum, line) => sum + line.commissionAmount, 0));
      if (order.status === 'CANCELLED') for (const line of lines) expect(line.commissionReversed).toBe(line.commissionAmount);
    }
    const [payout] = history.commissionPayouts;
    const paid = history.orderLines.filter((line) => line.payoutId === payout?.id);
    expect(paid.length).toBeGreaterThan(0);
    expect(payout?.amount).toBe(paid.reduce((sum, line) => sum + line.commissionAmount - (line.commissionReversed ?? 0), 0));
    for (const link of history.affiliateLinks) expect(link.clicks).toBe(history.affiliateClicks.filter((click) => click.linkId === link.id).length);
  });

  it('is seeded into a fresh store, with lines in every state at seed time and none PAYABLE before its window ended', async () => {
    const store = openCommerceStore(':memory:');
    try {
      await seedCommerceStore(store);
      const earners = [creatorIds[18], creatorIds[19]] as string[];
      const buckets = await store.commissionBuckets(earners, new Date(SEED_TIME + DAY));
      expect(new Set(buckets.map((row) => row.bucket))).toEqual(new Set(['PENDING', 'LOCKED', 'PAYABLE', 'REVERSED', 'PAID']));
      const payableAt = async (at: number) => (await store.commissionBuckets(earners, new Date(at))).filter((row) => row.bucket === 'PAYABLE').reduce((sum, row) => sum + row.net, 0);
      // The windows of the orders shipped days before seed time end 25 days after it.
      expect(await payableAt(SEED_TIME + 26 * DAY)).toBeGreaterThan(await payableAt(SEED_TIME + DAY));
    } finally {
      store.close();
    }
  });

  it("priced every attributed line at the rate the store's rule gives its creator (the seed's copy of the rule agrees with the store's)", async () => {
    const store = openCommerceStore(':memory:');
    try {
      await seedCommerceStore(store);
      const earning = history.orderLines.filter((line) => line.commissionBps > 0);
      expect(earning.length).toBeGreaterThan(0);
      for (const line of earning) {
        const order = history.orders.find((row) => row.id === line.orderId)!;
        const [rate] = await store.saleRates(order.creatorId!, [line.productId]);
        expect(rate).toEqual({ productId: line.productId, bps: line.commissionBps, campaignId: null });
      }
      // Creator 19's deal lifts some lines above their product's own rate: the deal, not only the product's rate, was applied.
      const ownRate = new Map(commerceSeed().products.map((product) => [product.id, product.commissionBps]));
      expect(earning.some((line) => line.commissionBps > ownRate.get(line.productId)!)).toBe(true);
    } finally {
      store.close();
    }
  });
});

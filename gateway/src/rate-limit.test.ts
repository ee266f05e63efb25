import { describe, expect, it } from 'vitest';
import { MemoryRateLimitStore } from './rate-limit.ts';

const tier = { max: 100, restoreRate: 10 };

describe('the in-memory leaky bucket', () => {
  it('starts full, takes a request\'s cost, and refuses what is not there with the wait until it is', () => {
    const store = new MemoryRateLimitStore();
    expect(store.take('a', 60, tier, 0)).toEqual({ allowed: true, available: 40, retryAfterMs: 0 });
    // 60 asked, 40 there: 20 points at 10 a second is 2 s.
    expect(store.take('a', 60, tier, 0)).toEqual({ allowed: false, available: 40, retryAfterMs: 2_000 });
    expect(store.take('b', 60, tier, 0).allowed).toBe(true);
  });

  it('refills at its rate up to its size, and takes back refunds up to its size', () => {
    const store = new MemoryRateLimitStore();
    store.take('a', 100, tier, 0);
    expect(store.take('a', 30, tier, 2_000)).toMatchObject({ allowed: false, available: 20 });
    expect(store.take('a', 30, tier, 3_000)).toMatchObject({ allowed: true, available: 0 });
    store.refund('a', 25, tier, 3_000);
    expect(store.take('a', 0, tier, 3_000).available).toBe(25);
    store.refund('a', 1_000, tier, 3_000);
    expect(store.take('a', 0, tier, 3_000).available).toBe(100);
    expect(store.take('a', 0, tier, 1_000_000).available).toBe(100);
  });
});

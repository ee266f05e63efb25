/**
 * Rate limiting that outlives an outage of the shared store (the gateway's Postgres). A rate
 * limiter must never be why a request fails: while the shared store does not answer, each
 * replica takes from buckets in its own memory (so a caller spread over N replicas gets up to N
 * buckets for that time), and goes back to the shared buckets as soon as the store answers.
 * The gate (`@app/kit/outage`) says once per outage that this happened, and keeps requests from
 * waiting on a store that does not answer.
 */
import type { OutageGate } from '@app/kit/outage';
import { MemoryRateLimitStore, type RateLimitStore, type TakeResult, type Tier } from './rate-limit.ts';

export function withLocalFallback(shared: RateLimitStore, gate: OutageGate, local: RateLimitStore = new MemoryRateLimitStore()): RateLimitStore {
  return {
    take(id: string, cost: number, tier: Tier, now: number): Promise<TakeResult> {
      return gate.run(
        async () => shared.take(id, cost, tier, now),
        async () => local.take(id, cost, tier, now),
      );
    },
    // A refund only gives points back: one that cannot reach the store that took them is dropped.
    async refund(id: string, points: number, tier: Tier, now: number): Promise<void> {
      if (gate.isDown) return local.refund(id, points, tier, now);
      await gate.run(
        async () => shared.refund(id, points, tier, now),
        () => undefined,
      );
    },
  };
}

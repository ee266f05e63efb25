/**
 * Rate limiting that outlives an outage of the shared store (the gateway's Postgres). A rate
 * limiter must never be why a request fails: while the shared store does not answer, each
 * replica takes from buckets in its own memory (so a caller spread over N replicas gets up to N
 * buckets for that time), and goes back to the shared buckets as soon as the store answers.
 * Only an outage (`isUnreachable`) opens the gate (`@app/kit/outage`), which says so once per
 * outage and keeps requests from waiting on a store that does not answer; any other failure of
 * the store serves that one request from the local bucket and is reported to `onError`.
 */
import type { OutageGate } from '@app/kit/outage';
import { isUnreachable } from '@app/kit/pg';
import { MemoryRateLimitStore, type RateLimitStore, type TakeResult, type Tier } from './rate-limit.ts';

export interface LocalFallbackOptions {
  local?: RateLimitStore;
  /** A failure that is not an outage (a bug to look at). */
  onError?: (error: unknown) => void;
  /** Which failures are the store not answering (Postgres's by default; Redis's for `../redis/rate-limits.ts`). */
  isOutage?: (error: unknown) => boolean;
}

export function withLocalFallback(shared: RateLimitStore, gate: OutageGate, options: LocalFallbackOptions = {}): RateLimitStore {
  const local = options.local ?? new MemoryRateLimitStore();
  const isOutage = options.isOutage ?? isUnreachable;
  return {
    async take(id: string, cost: number, tier: Tier, now: number): Promise<TakeResult> {
      const locally = async () => local.take(id, cost, tier, now);
      try {
        return await gate.run(async () => shared.take(id, cost, tier, now), locally, isOutage);
      } catch (error) {
        options.onError?.(error);
        return locally();
      }
    },
    // A refund only gives points back: one that cannot reach the store that took them is dropped.
    async refund(id: string, points: number, tier: Tier, now: number): Promise<void> {
      if (gate.isDown) return local.refund(id, points, tier, now);
      try {
        await gate.run(async () => shared.refund(id, points, tier, now), () => undefined, isOutage);
      } catch (error) {
        options.onError?.(error);
      }
    },
  };
}

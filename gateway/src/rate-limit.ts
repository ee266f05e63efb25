/**
 * Leaky-bucket rate limiting on query cost. Each caller (API key, user, or IP when anonymous)
 * has a bucket of `max` points that refills at `restoreRate` points a second; a request takes
 * its requested cost up front and gets back what it did not use.
 */
export interface Tier {
  max: number;
  restoreRate: number;
}

export interface TakeResult {
  allowed: boolean;
  /** Points left after this request (or now, when refused). */
  available: number;
  /** When refused: how long until enough points have leaked back. */
  retryAfterMs: number;
}

/** Where buckets live. In memory by default; a shared store (e.g. Redis) lets replicas agree. */
export interface RateLimitStore {
  take(id: string, cost: number, tier: Tier, now: number): TakeResult | Promise<TakeResult>;
  refund(id: string, points: number, tier: Tier, now: number): void | Promise<void>;
}

interface Bucket {
  available: number;
  updatedAt: number;
}

export class MemoryRateLimitStore implements RateLimitStore {
  private readonly buckets = new Map<string, Bucket>();
  private lastSweep = 0;

  private bucket(id: string, tier: Tier, now: number): Bucket {
    const bucket = this.buckets.get(id) ?? { available: tier.max, updatedAt: now };
    bucket.available = Math.min(tier.max, bucket.available + ((now - bucket.updatedAt) / 1000) * tier.restoreRate);
    bucket.updatedAt = now;
    this.buckets.set(id, bucket);
    return bucket;
  }

  take(id: string, cost: number, tier: Tier, now: number): TakeResult {
    this.sweep(tier, now);
    const bucket = this.bucket(id, tier, now);
    if (cost > bucket.available) {
      const retryAfterMs = Math.ceil(((cost - bucket.available) / tier.restoreRate) * 1000);
      return { allowed: false, available: Math.floor(bucket.available), retryAfterMs };
    }
    bucket.available -= cost;
    return { allowed: true, available: Math.floor(bucket.available), retryAfterMs: 0 };
  }

  refund(id: string, points: number, tier: Tier, now: number): void {
    if (points <= 0) return;
    const bucket = this.bucket(id, tier, now);
    bucket.available = Math.min(tier.max, bucket.available + points);
  }

  /** Buckets that have refilled completely carry no state worth keeping. */
  private sweep(tier: Tier, now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [id, bucket] of this.buckets) {
      if (bucket.available + ((now - bucket.updatedAt) / 1000) * tier.restoreRate >= tier.max) this.buckets.delete(id);
    }
  }
}

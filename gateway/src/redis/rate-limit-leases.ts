/**
 * Rate limits in Redis without a round trip per request: a replica takes a lease of points from
 * the caller's shared bucket (`rate-limits.ts`, one atomic script, at least what the request
 * costs and up to `LEASE_SHARE` of the bucket) and spends it in its own memory; unused points and
 * refunds go into the lease, and a lease older than `LEASE_MS` is given back to the bucket (with
 * the caller's next lease, in its script, when the caller is still sending).
 *
 * A caller still never spends more than its bucket holds, across every replica: what a lease holds
 * was taken from the bucket. What changes is where the points wait: while replicas hold leases, a
 * request on another replica may be refused with up to `LEASE_SHARE` of the bucket held per
 * replica, for at most `LEASE_MS`. A small bucket leases little (10 % of the anonymous 1,000 is
 * one or two requests); a partner's large one saves most of its round trips.
 */
import type { RateLimitStore, TakeResult, Tier } from '../rate-limit.ts';
import type { Leased, RedisRateLimitStore } from './rate-limits.ts';

/** The largest share of a bucket one replica takes ahead. */
export const LEASE_SHARE = 0.1;
/** How long a replica keeps what it took ahead before giving the rest back. */
export const LEASE_MS = 1_000;

interface Lease {
  points: number;
  /** What the bucket had left when this lease was taken (the caller is told the sum). */
  bucketLeft: number;
  takenAt: number;
  tier: Tier;
}

/**
 * What the caller is told is left: the bucket as it would be had the lease's points stayed in it
 * (refilled since the lease, capped at its size), less this request's cost. On one replica that is
 * what the bucket alone answers.
 */
function told(lease: Lease, pointsBefore: number, cost: number, now: number): number {
  const refilled = lease.bucketLeft + (Math.max(0, now - lease.takenAt) / 1000) * lease.tier.restoreRate;
  return Math.floor(Math.min(lease.tier.max, refilled + pointsBefore) - cost);
}

export class LeasedRateLimitStore implements RateLimitStore {
  private readonly leases = new Map<string, Lease>();
  /** The lease being asked for each caller, while it is. */
  private readonly asking = new Map<string, Promise<void>>();
  private readonly sweeper: NodeJS.Timeout;
  /** Round trips to the bucket, for tests and the bench. */
  readonly counts = { leases: 0, local: 0, givenBack: 0 };

  constructor(
    private readonly shared: RedisRateLimitStore,
    private readonly now: () => number = Date.now,
  ) {
    this.sweeper = setInterval(() => this.giveBackOld(this.now()), LEASE_MS);
    this.sweeper.unref();
  }

  async take(id: string, cost: number, tier: Tier, now: number): Promise<TakeResult> {
    /** What an expired lease left, given back in the next lease's script: one round trip for both. */
    let returned = 0;
    for (;;) {
      const lease = this.leases.get(id);
      if (lease && now - lease.takenAt > LEASE_MS) {
        if (this.asking.has(id)) void this.giveBack(id, lease, now);
        else {
          this.leases.delete(id);
          if (lease.points > 0) this.counts.givenBack++;
          returned = Math.max(0, lease.points);
        }
      } else if (lease && lease.points >= cost) {
        const available = told(lease, lease.points, cost, now);
        lease.points -= cost;
        this.counts.local++;
        return { allowed: true, available, retryAfterMs: 0 };
      }
      // One lease asked at a time per caller: the requests waiting on it spend from it when it comes.
      const asking = this.asking.get(id);
      if (!asking) break;
      await asking;
    }
    const held = this.leases.get(id)?.points ?? 0;
    const need = cost - held;
    this.counts.leases++;
    const asked = this.shared.lease(id, need, Math.max(need, Math.floor(tier.max * LEASE_SHARE)), tier, now, returned);
    const settled = asked.then(
      () => undefined,
      () => undefined,
    );
    this.asking.set(id, settled);
    let leased: Leased;
    try {
      leased = await asked;
    } finally {
      if (this.asking.get(id) === settled) this.asking.delete(id);
    }
    // The lease may have changed while this request waited (refunds in, or given back): read it
    // again. Whatever was granted goes into it, spent or not, so no point taken is lost.
    const points = (this.leases.get(id)?.points ?? 0) + leased.granted;
    const renewed: Lease = { points, bucketLeft: leased.available, takenAt: now, tier };
    this.leases.set(id, renewed);
    if (points < cost) {
      return { allowed: false, available: Math.floor(Math.min(tier.max, leased.available + points)), retryAfterMs: Math.ceil(((cost - points - leased.available) / tier.restoreRate) * 1000) };
    }
    const available = told(renewed, points, cost, now);
    renewed.points -= cost;
    return { allowed: true, available, retryAfterMs: 0 };
  }

  async refund(id: string, points: number, tier: Tier, now: number): Promise<void> {
    if (points <= 0) return;
    const lease = this.leases.get(id);
    if (lease && now - lease.takenAt <= LEASE_MS) {
      lease.points = Math.min(tier.max, lease.points + points);
      return;
    }
    await this.shared.refund(id, points, tier, now);
  }

  /** Gives every lease back (a replica stopping). */
  async close(): Promise<void> {
    clearInterval(this.sweeper);
    const now = this.now();
    await Promise.all([...this.leases].map(([id, lease]) => this.giveBack(id, lease, now)));
  }

  private giveBackOld(now: number): void {
    for (const [id, lease] of this.leases) if (now - lease.takenAt > LEASE_MS) void this.giveBack(id, lease, now);
  }

  private async giveBack(id: string, lease: Lease, now: number): Promise<void> {
    this.leases.delete(id);
    if (lease.points <= 0) return;
    this.counts.givenBack++;
    // A refund that cannot reach Redis is dropped, as any refund: the bucket refills by itself.
    await this.shared.refund(id, lease.points, lease.tier, now).catch(() => undefined);
  }
}

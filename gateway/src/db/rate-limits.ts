/**
 * Rate-limit buckets every gateway replica shares (`RateLimitStore`, `../../rate-limit.ts`), in
 * the gateway's Postgres database. A take is one upsert: the row is locked for the statement, the
 * bucket is refilled for the time since its last update, the cost is taken if it fits, and the
 * answer comes back, so two replicas taking from one caller's bucket at once cannot both spend
 * the same points. The arithmetic is the in-memory bucket's, in SQL.
 */
import { lt, sql } from 'drizzle-orm';
import type { PgDb } from '@app/kit/pg';
import type { RateLimitStore, TakeResult, Tier } from '../rate-limit.ts';
import { rateLimitBuckets } from './replica-tables.ts';

/** How often a replica deletes buckets that have refilled completely. */
const SWEEP_INTERVAL_MS = 60_000;

export class PgRateLimitStore implements RateLimitStore {
  private lastSweep = 0;

  constructor(private readonly db: PgDb) {}

  async take(id: string, cost: number, tier: Tier, now: number): Promise<TakeResult> {
    await this.sweep(now);
    const max = sql`${tier.max}::float8`;
    const rate = sql`${tier.restoreRate}::float8`;
    const at = sql`${now}::float8`;
    const need = sql`${cost}::float8`;
    // What the bucket holds now, before this take (evaluated against the row as it was).
    const refilled = sql`least(${max}, b.available + greatest(0, ${at} - b.updated_at) / 1000.0 * ${rate})`;
    const after = sql`case when ${refilled} >= ${need} then ${refilled} - ${need} else ${refilled} end`;
    const fresh = sql`case when ${need} <= ${max} then ${max} - ${need} else ${max} end`;
    const result = await this.db.execute<{ available: number; allowed: boolean }>(sql`
      insert into ${rateLimitBuckets} as b (id, available, updated_at, full_at, allowed)
      values (${id}, ${fresh}, ${at}, ${at} + (${max} - ${fresh}) / ${rate} * 1000.0, ${need} <= ${max})
      on conflict (id) do update set
        available = ${after},
        updated_at = ${at},
        full_at = ${at} + (${max} - ${after}) / ${rate} * 1000.0,
        allowed = ${refilled} >= ${need}
      returning available, allowed`);
    const row = result.rows[0] as { available: number; allowed: boolean };
    const available = Number(row.available);
    if (!row.allowed) return { allowed: false, available: Math.floor(available), retryAfterMs: Math.ceil(((cost - available) / tier.restoreRate) * 1000) };
    return { allowed: true, available: Math.floor(available), retryAfterMs: 0 };
  }

  async refund(id: string, points: number, tier: Tier, now: number): Promise<void> {
    if (points <= 0) return;
    const max = sql`${tier.max}::float8`;
    const rate = sql`${tier.restoreRate}::float8`;
    const at = sql`${now}::float8`;
    const back = sql`least(${max}, least(${max}, b.available + greatest(0, ${at} - b.updated_at) / 1000.0 * ${rate}) + ${points}::float8)`;
    await this.db.execute(sql`
      update ${rateLimitBuckets} as b
      set available = ${back}, updated_at = ${at}, full_at = ${at} + (${max} - ${back}) / ${rate} * 1000.0
      where b.id = ${id}`);
  }

  /** A bucket past its `full_at` is what a new bucket would be: dropping it changes nothing. */
  private async sweep(now: number): Promise<void> {
    if (now - this.lastSweep < SWEEP_INTERVAL_MS) return;
    this.lastSweep = now;
    await this.db.delete(rateLimitBuckets).where(lt(rateLimitBuckets.fullAt, now));
  }
}

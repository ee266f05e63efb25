/**
 * Rate-limit buckets every gateway replica shares, in Redis (`RateLimitStore`, `../rate-limit.ts`).
 * A take is one Lua script on the bucket's hash (`<prefix>rl:<caller>`: points available and
 * when they were counted): refill for the time since, take the cost if it fits, write back and
 * answer, atomically (Redis runs one script at a time), so two replicas taking from one caller's
 * bucket at once cannot both spend the same points. The arithmetic is the in-memory bucket's.
 * A bucket expires when it would be full again: a missing bucket is a full one.
 */
import type { Redis } from '@app/kit/redis';
import type { RateLimitStore, TakeResult, Tier } from '../rate-limit.ts';

const REFILLED = `
local max = tonumber(ARGV[2])
local rate = tonumber(ARGV[3])
local now = tonumber(ARGV[4])
local bucket = redis.call('HMGET', KEYS[1], 'available', 'at')
local available = max
if bucket[1] then
  available = math.min(max, tonumber(bucket[1]) + math.max(0, now - tonumber(bucket[2])) / 1000 * rate)
end`;

const SAVE = `
redis.call('HSET', KEYS[1], 'available', tostring(available), 'at', tostring(now))
if rate > 0 then
  redis.call('PEXPIRE', KEYS[1], math.max(1, math.ceil((max - available) / rate * 1000)))
end`;

const TAKE = `${REFILLED}
local cost = tonumber(ARGV[1])
local allowed = 0
if cost <= available then
  available = available - cost
  allowed = 1
end
${SAVE}
return { allowed, tostring(available) }`;

/**
 * Takes at least ARGV[1] points and up to ARGV[5] for a replica's lease (`rate-limit-leases.ts`), or
 * none, after putting back ARGV[6] points its last lease of the caller did not spend.
 */
const LEASE = `${REFILLED}
available = math.min(max, available + tonumber(ARGV[6]))
local need = tonumber(ARGV[1])
local want = tonumber(ARGV[5])
local allowed = 0
local granted = 0
if need <= available then
  allowed = 1
  granted = math.min(available, math.max(need, want))
  available = available - granted
end
${SAVE}
return { allowed, tostring(granted), tostring(available) }`;

const REFUND = `${REFILLED}
if not bucket[1] then return 0 end
available = math.min(max, available + tonumber(ARGV[1]))
${SAVE}
return 1`;

type RateLimitCommands = {
  rateLimitTake(key: string, cost: number, max: number, rate: number, now: number): Promise<[number, string]>;
  rateLimitRefund(key: string, points: number, max: number, rate: number, now: number): Promise<number>;
  rateLimitLease(key: string, need: number, max: number, rate: number, now: number, want: number, returned: number): Promise<[number, string, string]>;
};

/** What a lease took: `granted` points (0 when refused), and what the bucket has left. */
export interface Leased {
  allowed: boolean;
  granted: number;
  available: number;
}

export class RedisRateLimitStore implements RateLimitStore {
  private readonly redis: Redis & RateLimitCommands;

  constructor(
    redis: Redis,
    private readonly prefix = 'gw:',
  ) {
    if (!('rateLimitTake' in redis)) {
      redis.defineCommand('rateLimitTake', { lua: TAKE, numberOfKeys: 1 });
      redis.defineCommand('rateLimitRefund', { lua: REFUND, numberOfKeys: 1 });
      redis.defineCommand('rateLimitLease', { lua: LEASE, numberOfKeys: 1 });
    }
    this.redis = redis as Redis & RateLimitCommands;
  }

  async take(id: string, cost: number, tier: Tier, now: number): Promise<TakeResult> {
    const [allowed, left] = await this.redis.rateLimitTake(`${this.prefix}rl:${id}`, cost, tier.max, tier.restoreRate, now);
    const available = Number(left);
    if (Number(allowed) !== 1) return { allowed: false, available: Math.floor(available), retryAfterMs: Math.ceil(((cost - available) / tier.restoreRate) * 1000) };
    return { allowed: true, available: Math.floor(available), retryAfterMs: 0 };
  }

  /**
   * Takes `need` points and as many more as are there, up to `want`, in one script; nothing when
   * `need` is not there. `returned` points (what the replica's last lease left) go back first.
   */
  async lease(id: string, need: number, want: number, tier: Tier, now: number, returned = 0): Promise<Leased> {
    const [allowed, granted, left] = await this.redis.rateLimitLease(`${this.prefix}rl:${id}`, need, tier.max, tier.restoreRate, now, want, Math.max(0, returned));
    return { allowed: Number(allowed) === 1, granted: Number(granted), available: Number(left) };
  }

  async refund(id: string, points: number, tier: Tier, now: number): Promise<void> {
    if (points <= 0) return;
    await this.redis.rateLimitRefund(`${this.prefix}rl:${id}`, points, tier.max, tier.restoreRate, now);
  }
}

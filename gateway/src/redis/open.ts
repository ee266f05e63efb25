/**
 * The gateway's shared, short-lived state in Redis (`REDIS_URL`): the entity cache with the whole
 * responses beside it, and the rate-limit buckets. Keys, partner keys' secrets and everything
 * durable stay in the gateway's store (SQLite or `GATEWAY_DATABASE_URL`).
 */
import { isRedisUnreachable, openRedis, pingRedis } from '@app/kit/redis';
import type { EntityCacheStore } from '../entity-cache/store.ts';
import type { RateLimitStore } from '../rate-limit.ts';
import { RedisEntityCacheStore } from './entity-cache.ts';
import { RedisRateLimitStore } from './rate-limits.ts';

/** What replicas share on a server of its own, and how to tell that server is away. */
export interface SharedState {
  entityCache: EntityCacheStore;
  rateLimits: RateLimitStore;
  /** Whether the server answers now (`/ready`). */
  ping(): Promise<boolean>;
  /** Whether a failure of the stores above is the server not answering (an outage), not a bug. */
  isOutage(error: unknown): boolean;
  close(): Promise<void>;
}

export async function openRedisSharedState(url: string, options: { prefix?: string } = {}): Promise<SharedState> {
  const redis = await openRedis(url);
  const prefix = options.prefix ?? 'gw:';
  return {
    entityCache: new RedisEntityCacheStore(redis, prefix),
    rateLimits: new RedisRateLimitStore(redis, prefix),
    ping: () => pingRedis(redis),
    isOutage: isRedisUnreachable,
    close: async () => {
      redis.disconnect();
    },
  };
}

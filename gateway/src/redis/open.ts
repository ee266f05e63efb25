/**
 * The gateway's shared, short-lived state in Redis (`REDIS_URL`): the entity cache with the whole
 * responses beside it, and the rate-limit buckets. Keys, partner keys' secrets and everything
 * durable stay in the gateway's store (SQLite or `GATEWAY_DATABASE_URL`).
 */
import { randomUUID } from 'node:crypto';
import { isRedisUnreachable, openRedis, pingRedis } from '@app/kit/redis';
import type { EntityCacheStore } from '../entity-cache/store.ts';
import type { NearCacheCounts } from '../metrics.ts';
import type { RateLimitStore } from '../rate-limit.ts';
import { RedisEntityCacheStore } from './entity-cache.ts';
import { InvalidationFeed } from './invalidation-feed.ts';
import { NearEntityCacheStore } from './near-cache.ts';
import { LeasedRateLimitStore } from './rate-limit-leases.ts';
import { RedisRateLimitStore } from './rate-limits.ts';

/** What replicas share on a server of its own, and how to tell that server is away. */
export interface SharedState {
  entityCache: EntityCacheStore;
  /** What this replica's near copy of the entity cache did (`/metrics`); none without one. */
  nearCache?: { counts: NearCacheCounts };
  rateLimits: RateLimitStore;
  /** Whether the server answers now (`/ready`). */
  ping(): Promise<boolean>;
  /** Whether a failure of the stores above is the server not answering (an outage), not a bug. */
  isOutage(error: unknown): boolean;
  close(): Promise<void>;
}

export interface SharedStateOptions {
  prefix?: string;
  /** How much memory each replica's near copy of the entity cache may take (`near-cache.ts`); none when left out. */
  nearCacheBytes?: number;
  /** Whether the near copy holds a lease on the invalidation feed instead of a sync per request (`invalidation-feed.ts`). */
  nearCacheLeases?: boolean;
  /** Rate-limit points taken ahead per replica (`rate-limit-leases.ts`), not a round trip per request. */
  rateLimitLeases?: boolean;
}

export async function openRedisSharedState(url: string, options: SharedStateOptions = {}): Promise<SharedState> {
  const redis = await openRedis(url);
  const prefix = options.prefix ?? 'gw:';
  const replica = randomUUID();
  const entityCache: RedisEntityCacheStore = new RedisEntityCacheStore(redis, { prefix, replica, heardBy: (seq, holders): Promise<number> => feed.heardBy(seq, holders) });
  // Every replica hears acknowledgements (a write on it may wait on another's lease), whether or not it takes leases itself.
  const feed: InvalidationFeed = new InvalidationFeed(redis.duplicate({ autoResubscribe: false }), redis, entityCache.channels, replica);
  const leases = Boolean(options.nearCacheBytes) && options.nearCacheLeases !== false;
  const rateLimits = new RedisRateLimitStore(redis, prefix);
  const leased = options.rateLimitLeases ? new LeasedRateLimitStore(rateLimits) : null;
  const near = options.nearCacheBytes ? new NearEntityCacheStore(entityCache, { maxBytes: options.nearCacheBytes, ...(leases ? { feed } : {}) }) : null;
  if (!leases) feed.start(null);
  return {
    entityCache: near ?? entityCache,
    ...(near ? { nearCache: near } : {}),
    rateLimits: leased ?? rateLimits,
    ping: () => pingRedis(redis),
    isOutage: isRedisUnreachable,
    close: async () => {
      await leased?.close();
      await near?.close();
      await feed.close();
      redis.disconnect();
    },
  };
}

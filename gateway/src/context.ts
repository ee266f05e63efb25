import type { Viewer } from '@app/kit/viewer';
import type { ResponseParts } from './response-cache/parts.ts';

/** What every request carries through the gateway: who calls, and what their rate limit hangs on. */
export interface GatewayContext {
  viewer: Viewer;
  /** `performance.now()` when the request arrived: caches that keep a near copy catch up with every write before it (`redis/near-cache.ts`). */
  arrivedAt?: number;
  /** The rate-limit tier of the partner key, when a key is used. */
  partnerTier?: string | null;
  /** The caller's address, the rate-limit bucket of anonymous callers. */
  clientIp?: string | null;
  /** Fetch from the subgraphs, not the entity cache (a subscription event, which may outrun its write's answer). */
  bypassEntityCache?: boolean;
  /** Hears whether each fetch could be kept, when the response cache may keep this request's response. */
  responseParts?: ResponseParts;
}

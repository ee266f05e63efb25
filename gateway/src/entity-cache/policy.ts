/**
 * What a subgraph's answer allows the gateway to keep, read from the cache-control header that
 * Apollo Server computes from the subgraph's `@cacheControl` hints (`max-age=30, public`,
 * `max-age=30, private`, `no-store`). Anything else, or nothing, keeps nothing.
 */
export interface CachePolicy {
  maxAgeSeconds: number;
  /** `private`: the answer is one viewer's (it went through `@auth`/`@scopes`), kept for that viewer only. */
  scope: 'public' | 'private';
}

const CACHEABLE = /^max-age=(\d+), (public|private)$/;

export function cachePolicyOf(header: string | undefined): CachePolicy | null {
  if (!header) return null;
  const match = CACHEABLE.exec(header);
  if (!match) return null;
  const maxAgeSeconds = Number(match[1]);
  return maxAgeSeconds > 0 ? { maxAgeSeconds, scope: match[2] as CachePolicy['scope'] } : null;
}

import type { SubgraphName } from '@app/kit/config';
import type { Route } from '@app/kit/http';

export type SubgraphHealth = Record<string, 'up' | 'down'>;

/**
 * Asks every subgraph's `/ready`, at most once a second however often `/ready` is polled, so
 * a load balancer's probes never add load on the subgraphs.
 */
export function subgraphReadiness(graphqlUrls: Record<SubgraphName, string>, timeoutMs = 1_000) {
  let cached: { at: number; health: SubgraphHealth } | null = null;
  let inFlight: Promise<SubgraphHealth> | null = null;
  const probe = async (): Promise<SubgraphHealth> => {
    const entries = await Promise.all(
      Object.entries(graphqlUrls).map(async ([name, url]) => {
        try {
          const response = await fetch(new URL('/ready', url), { signal: AbortSignal.timeout(timeoutMs) });
          return [name, response.ok ? 'up' : 'down'] as const;
        } catch {
          return [name, 'down'] as const;
        }
      }),
    );
    return Object.fromEntries(entries);
  };
  return async (): Promise<SubgraphHealth> => {
    if (cached && Date.now() - cached.at < 1_000) return cached.health;
    inFlight ??= probe().then((health) => {
      cached = { at: Date.now(), health };
      inFlight = null;
      return health;
    });
    return inFlight;
  };
}

export interface HealthOptions {
  /** Whether the supergraph is loaded (false before start and after stop). */
  loaded: () => boolean;
  /** Each subgraph's state; `subgraphReadiness` in the gateway. */
  subgraphs: () => Promise<SubgraphHealth>;
  /**
   * Whether the gateway's own store answers, when it is on another server (Postgres): a short
   * `select 1`, asked at most once a second (`cachedProbe` in `@app/kit/outage`).
   */
  store?: () => Promise<boolean>;
  /**
   * Whether the server of the replicas' shared state (Redis) answers. While it does not, the
   * gateway serves from its own memory: `/ready` stays 200 and says `degraded`, so a load
   * balancer does not take every replica out for a cache.
   */
  shared?: () => Promise<boolean>;
}

/**
 * `GET /health`: the process is up. `GET /ready`: the supergraph is loaded, the gateway's store
 * answers, and every subgraph is ready, with each one's state (503 naming what is not); with
 * Redis, whether it answers (`degraded` while it does not, still 200).
 */
export function useHealth({ loaded, subgraphs, store, shared }: HealthOptions): Route {
  return async (req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' || (path !== '/health' && path !== '/ready')) return false;
    if (path === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok', service: 'gateway' }));
      return true;
    }
    const [states, storeUp, sharedUp] = await Promise.all([subgraphs(), store ? store() : true, shared ? shared() : true]);
    const isLoaded = loaded();
    const ready = isLoaded && storeUp && Object.values(states).every((state) => state === 'up');
    const status = !ready ? 'unavailable' : sharedUp ? 'ok' : 'degraded';
    res
      .writeHead(ready ? 200 : 503, { 'content-type': 'application/json' })
      .end(JSON.stringify({ status, supergraphLoaded: isLoaded, ...(store ? { store: storeUp ? 'up' : 'down' } : {}), ...(shared ? { redis: sharedUp ? 'up' : 'down' } : {}), subgraphs: states }));
    return true;
  };
}

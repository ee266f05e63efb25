import type { SubgraphName } from '@app/kit/config';

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

import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** The gateway's Prometheus metrics, on a registry of its own so several gateways can coexist in tests. */
export function createGatewayMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
  return {
    registry,
    requests: new Counter({
      name: 'graphql_requests_total',
      help: 'GraphQL requests by operation name and outcome (ok, partial, error).',
      labelNames: ['operation', 'outcome'] as const,
      registers: [registry],
    }),
    requestDuration: new Histogram({
      name: 'graphql_request_duration_seconds',
      help: 'Time from receiving a GraphQL request to sending its response.',
      labelNames: ['operation'] as const,
      buckets,
      registers: [registry],
    }),
    subgraphFetchDuration: new Histogram({
      name: 'subgraph_fetch_duration_seconds',
      help: 'Time of each fetch from the gateway to a subgraph, by outcome.',
      labelNames: ['subgraph', 'outcome'] as const,
      buckets,
      registers: [registry],
    }),
    errors: new Counter({
      name: 'graphql_errors_total',
      help: 'Errors returned to clients, by extensions.code.',
      labelNames: ['code'] as const,
      registers: [registry],
    }),
    entityCacheLookups: new Counter({
      name: 'entity_cache_lookups_total',
      help: 'Entity cache lookups by subgraph, kind (an entity of an entity fetch, or a fetch at the root) and outcome (hit, miss).',
      labelNames: ['subgraph', 'kind', 'outcome'] as const,
      registers: [registry],
    }),
    entityCacheInvalidations: new Counter({
      name: 'entity_cache_invalidations_total',
      help: 'Entities (or lists of a type) a subgraph said a write changed, whose cached entries were dropped.',
      labelNames: ['subgraph'] as const,
      registers: [registry],
    }),
    responseCacheLookups: new Counter({
      name: 'response_cache_lookups_total',
      help: 'Requests the response cache could answer: from kept bytes (hit), or run and maybe kept (miss).',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    responseCacheStores: new Counter({
      name: 'response_cache_stores_total',
      help: 'Responses run after a miss, by whether they were kept (kept) or could not be (not_kept: a private, uncacheable or failed part, or a write).',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    responseCacheDrops: new Counter({
      name: 'response_cache_drops_total',
      help: 'Kept responses dropped because a write changed an entity or list they showed.',
      registers: [registry],
    }),
    rateLimited: new Counter({
      name: 'rate_limit_refusals_total',
      help: 'Requests refused by the cost rate limit, by kind of caller.',
      labelNames: ['caller'] as const,
      registers: [registry],
    }),
  };
}

export type GatewayMetrics = ReturnType<typeof createGatewayMetrics>;

/** What a replica's near copy of the shared entity cache did so far (`redis/near-cache.ts`). */
export interface NearCacheCounts {
  readonly syncs: number;
  readonly hits: number;
  readonly misses: number;
  /** Keys answered absent without asking Redis: the gateway had looked them up, found none and kept none (`forgo`). */
  readonly absent: number;
  readonly resets: number;
  /** Leases taken on the invalidation feed (each one a sync). */
  readonly renewals: number;
  /** Invalidations heard from the feed as they were made. */
  readonly pushed: number;
  /** Replicas whose lease this replica's writes waited out (they did not say they heard). */
  readonly unheard: number;
}

/**
 * The near copy's counts on `/metrics`, read from the copy at each scrape: how many keys it
 * answered (hit), knew Redis lacked (absent) or sent on to Redis (miss), its sync round trips, how
 * often it emptied itself because it could not tell what it had missed, and its leases.
 */
export function registerNearCacheMetrics(registry: Registry, counts: NearCacheCounts): void {
  new Counter({
    name: 'entity_cache_near_lookups_total',
    help: "Keys this replica's near copy of the Redis entity cache answered (hit), knew Redis lacked (absent) or sent on to Redis (miss).",
    labelNames: ['outcome'] as const,
    registers: [registry],
    collect() {
      this.reset();
      this.inc({ outcome: 'hit' }, counts.hits);
      this.inc({ outcome: 'absent' }, counts.absent);
      this.inc({ outcome: 'miss' }, counts.misses);
    },
  });
  const counter = (name: string, help: string, read: () => number) =>
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        this.reset();
        this.inc(read());
      },
    });
  counter('entity_cache_near_syncs_total', "Round trips in which this replica's near copy replayed the replicas' invalidations (and read the keys it lacked).", () => counts.syncs);
  counter('entity_cache_near_lease_renewals_total', "Leases this replica's near copy took on the replicas' invalidation feed (each one a sync).", () => counts.renewals);
  counter('entity_cache_near_pushed_total', "Invalidations this replica's near copy heard from the feed as they were made.", () => counts.pushed);
  counter('entity_cache_near_unheard_total', "Replicas whose lease this replica's writes waited out because they did not say they heard the invalidation (a replica stalled or gone).", () => counts.unheard);
  counter('entity_cache_near_resets_total', "Times this replica's near copy emptied itself because it could not tell what it missed (Redis restarted empty, its log trimmed past the copy, a failed call).", () => counts.resets);
}

/**
 * Boots the whole graph for end-to-end tests: the four subgraphs, each on its own store and an
 * ephemeral loopback port, and the gateway in front of them, all over real HTTP. The stores are
 * in memory (SQLite), or fresh seeded Postgres databases when the suite runs on Postgres
 * (`npm run test:postgres`, see `postgres.ts`).
 */
import { randomUUID } from 'node:crypto';
import { createLogger, type Logger } from '@app/kit/log';
import { listen } from '@app/kit/http';
import { createPeerClient } from '@app/kit/peers';
import type { RunningSubgraph } from '@app/kit/subgraph';
import { signUserToken } from '@app/gateway/src/auth.ts';
import { DEFAULT_AUDIENCE, DEFAULT_ENTITY_CACHE, DEFAULT_ISSUER, type GatewayConfig } from '@app/gateway/src/config.ts';
import type { EntityCacheStore } from '@app/gateway/src/entity-cache/store.ts';
import { DEFAULT_COST_CONFIG } from '@app/gateway/src/cost.ts';
import { DEFAULT_LIMITS } from '@app/gateway/src/limits.ts';
import { DEFAULT_SUBSCRIPTION_CAPS } from '@app/gateway/src/subscriptions/admission.ts';
import { createGateway } from '@app/gateway/src/gateway.ts';
import { openKeyStore } from '@app/gateway/src/db/keys.ts';
import { openPgGatewayStore } from '@app/gateway/src/db/open.ts';
import { openRedisSharedState } from '@app/gateway/src/redis/open.ts';
import type { RateLimitStore } from '@app/gateway/src/rate-limit.ts';
import type { StoreHandle } from '@app/kit/subgraph';
import { serve as serveUsers } from '@app/subgraph-users/src/server.ts';
import { openUsersStore, type UsersStore } from '@app/subgraph-users/src/db/store.ts';
import { serve as serveContent } from '@app/subgraph-content/src/server.ts';
import { openContentStore, type ContentStore } from '@app/subgraph-content/src/db/store.ts';
import { giftsService } from '@app/subgraph-gifts/src/server.ts';
import type { GiftsServices } from '@app/subgraph-gifts/src/context.ts';
import { openGiftsStore, type GiftsStore } from '@app/subgraph-gifts/src/db/store.ts';
import { commerceService } from '@app/subgraph-commerce/src/server.ts';
import type { CommerceServices } from '@app/subgraph-commerce/src/context.ts';
import { openCommerceStore, type CommerceStore } from '@app/subgraph-commerce/src/db/store.ts';
import { dropDatabases, freshDatabases, PG_OPENERS, PG_SUBGRAPHS, SEEDS, testPostgresUrl, type PgStoreName } from './postgres.ts';
import { pgRows, sqliteConnectionRows, type RowReader } from './rows.ts';

type SubgraphName = 'users' | 'content' | 'gifts' | 'commerce';
type SqliteClient = Parameters<typeof sqliteConnectionRows>[0];

const host = '127.0.0.1';
/** Secrets of this test run only; a log or error that shows them fails the log test. */
export const TEST_INTERNAL_SECRET = 'e2e-internal-secret-0123456789abcdef0123456789';
export const TEST_JWT_SECRET = 'e2e-jwt-secret-0123456789abcdef0123456789abcdef';

export interface GraphOptions {
  production?: boolean;
  /** Overrides of the gateway's config (limits, cost, timeouts). */
  gateway?: Partial<GatewayConfig>;
  /** Where every service logs (JSON lines); silent by default. */
  logs?: { write(line: string): void };
  /** Commerce's clock and settings (a test moves the clock across a return window). */
  commerce?: Partial<CommerceServices>;
  /** Gifts' clock and providers (a test moves the clock past a claim link's expiry). */
  gifts?: Partial<GiftsServices>;
}

export interface QueryResult<T = any> {
  status: number;
  body: { data?: T; errors?: any[] };
}

export async function startGraph(options: GraphOptions = {}) {
  const logger: (service: string) => Logger = (service) =>
    createLogger(service, options.logs ? { destination: options.logs, level: 'debug' } : { level: 'silent' });
  const config: GatewayConfig = {
    production: options.production ?? false,
    internalSecret: TEST_INTERNAL_SECRET,
    jwt: { secret: TEST_JWT_SECRET, jwksUrl: null, issuer: DEFAULT_ISSUER, audience: DEFAULT_AUDIENCE },
    corsOrigins: [],
    keyStorePath: ':memory:',
    keyStoreUrl: null,
    defaultSecrets: [],
    limits: DEFAULT_LIMITS,
    // Tests send bursts from one address: the default anonymous bucket would throttle them.
    cost: { ...DEFAULT_COST_CONFIG, tiers: { ...DEFAULT_COST_CONFIG.tiers, anonymous: { max: 1_000_000, restoreRate: 100_000 }, user: { max: 1_000_000, restoreRate: 100_000 } } },
    subgraphTimeoutMs: 5_000,
    // Every test client comes from 127.0.0.1: room for a LIVE room's worth of them.
    subscriptions: { ...DEFAULT_SUBSCRIPTION_CAPS, perIp: 1_000, connectionsPerIp: 1_000 },
    ...options.gateway,
  };
  // Filled in as subgraphs start: a subgraph asks the others for facts they own through it.
  const peerUrls: Partial<Record<'users' | 'content' | 'gifts' | 'commerce', string>> = {};
  const peers = createPeerClient({ urls: peerUrls, secret: TEST_INTERNAL_SECRET, logger: logger('peers') });
  const serveOptions = (service: string) => ({ port: 0, host, logger: logger(service), internalSecret: TEST_INTERNAL_SECRET, peers });
  const pgUrls = testPostgresUrl ? await freshDatabases(testPostgresUrl, [...PG_SUBGRAPHS, 'gateway']) : null;
  const readers = new Map<string, RowReader>();
  /** Each store's rows, for tests that check what was written. */
  const sqliteReaders: Partial<Record<SubgraphName, () => RowReader>> = {};
  const onEngine = <K extends SubgraphName, S extends StoreHandle>(name: K, sqlite: () => S & { db: object }): S | Promise<S> => {
    const pgOpen = PG_OPENERS[name as keyof typeof PG_OPENERS] as unknown as ((url: string) => Promise<S>) | undefined;
    if (pgUrls && pgOpen) return pgOpen(pgUrls[name as PgStoreName]);
    const store = sqlite();
    // Drizzle keeps the better-sqlite3 connection it was made with as `$client`.
    sqliteReaders[name] = () => sqliteConnectionRows((store.db as { $client: SqliteClient }).$client);
    const seed = SEEDS[name as keyof typeof SEEDS];
    return seed ? seed(store).then(() => store) : store;
  };
  const stores: { users: UsersStore & StoreHandle; content: ContentStore & StoreHandle; gifts: GiftsStore & StoreHandle; commerce: CommerceStore & StoreHandle } = {
    users: await onEngine('users', () => openUsersStore(':memory:')),
    content: await onEngine('content', () => openContentStore(':memory:')),
    gifts: await onEngine('gifts', () => openGiftsStore(':memory:')),
    commerce: await onEngine('commerce', () => openCommerceStore(':memory:')),
  };
  const rows = (name: SubgraphName): RowReader => {
    let reader = readers.get(name);
    if (!reader) {
      const sqlite = sqliteReaders[name];
      reader = sqlite ? sqlite() : pgRows((pgUrls as Record<PgStoreName, string>)[name as PgStoreName]);
      readers.set(name, reader);
    }
    return reader;
  };
  const subgraphs: Record<keyof typeof stores, RunningSubgraph> = {
    users: await serveUsers(stores.users, serveOptions('users')),
    content: await serveContent(stores.content, serveOptions('content')),
    gifts: await giftsService(options.gifts).serve(stores.gifts, serveOptions('gifts')),
    commerce: await commerceService(options.commerce).serve(stores.commerce, serveOptions('commerce')),
  };
  const subgraphUrls = {
    users: `${subgraphs.users.url}graphql`,
    content: `${subgraphs.content.url}graphql`,
    gifts: `${subgraphs.gifts.url}graphql`,
    commerce: `${subgraphs.commerce.url}graphql`,
  };
  Object.assign(peerUrls, subgraphUrls);
  let rateLimitStore: RateLimitStore | undefined;
  let entityCacheStore: EntityCacheStore | undefined;
  let keys = pgUrls ? null : openKeyStore(':memory:');
  if (!keys) {
    const opened = await openPgGatewayStore((pgUrls as Record<PgStoreName, string>).gateway);
    keys = opened.keys;
    rateLimitStore = opened.rateLimits;
    entityCacheStore = opened.entityCache;
  }
  // With REDIS_URL (`npm run test:postgres` sets it) the cache and buckets are in Redis, as REDIS_URL
  // makes them, under a prefix of this graph's own.
  const sharedState = process.env.REDIS_URL ? await openRedisSharedState(process.env.REDIS_URL, { prefix: `e2e-${randomUUID()}:`, nearCacheBytes: 16 * 1024 * 1024, rateLimitLeases: true }) : undefined;
  // On Postgres the entity cache is the shared one replicas use, as GATEWAY_DATABASE_URL makes it.
  // (`config`, which tests reuse for gateways of their own, keeps the in-memory default.)
  const sharedCache = sharedState ? 'redis' : entityCacheStore ? 'postgres' : null;
  const gatewayConfig: GatewayConfig = sharedCache ? { ...config, entityCache: { ...DEFAULT_ENTITY_CACHE, store: sharedCache, ...options.gateway?.entityCache } } : config;
  const gateway = createGateway({
    config: gatewayConfig,
    keys,
    logger: logger('gateway'),
    subgraphUrls,
    ...(rateLimitStore ? { rateLimitStore } : {}),
    ...(entityCacheStore ? { entityCacheStore } : {}),
    ...(sharedState ? { sharedState } : {}),
  });
  await gateway.start();
  const http = await listen(gateway.handler, 0, host);
  http.server.on('upgrade', gateway.handleUpgrade);

  async function post<T = any>(url: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<QueryResult<T>> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(10_000),
    });
    return { status: response.status, body: (await response.json()) as QueryResult<T>['body'] };
  }

  return {
    url: http.url,
    gateway,
    subgraphs,
    subgraphUrls,
    stores,
    rows,
    /** The Postgres databases of this graph, when it runs on Postgres. */
    databaseUrls: pgUrls,
    /** The gateway's Redis state, when the suite runs with REDIS_URL: a second replica shares it. */
    sharedState,
    keys,
    config,
    post,
    query<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) {
      return post<T>(`${http.url}graphql`, query, variables, headers);
    },
    /** A bearer token for a user, as `npm run token` would issue it. */
    tokenFor(userId: string, options: { country?: string; expiresIn?: string | number } = {}) {
      return signUserToken(config.jwt, { id: userId, country: options.country ?? 'US' }, { expiresIn: options.expiresIn ?? '1h' });
    },
    async stop() {
      await gateway.stopSubscriptions();
      await http.close();
      await gateway.stop();
      for (const subgraph of Object.values(subgraphs)) await subgraph.stop();
      for (const store of Object.values(stores)) await store.close();
      await keys.close();
      await sharedState?.close();
      for (const reader of readers.values()) await reader.close();
      if (pgUrls && testPostgresUrl) await dropDatabases(testPostgresUrl, Object.values(pgUrls));
    },
  };
}

export type RunningGraph = Awaited<ReturnType<typeof startGraph>>;

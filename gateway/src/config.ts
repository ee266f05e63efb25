import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, dataDir, DEV_JWT_SECRET, internalSecret, isProduction, maxBodyBytes, positiveInt } from '@app/kit/config';
import { DEFAULT_COST_CONFIG, type CostConfig } from './cost.ts';
import { SANDBOX_ORIGINS } from './cors.ts';
import { explorerMode, type ExplorerMode } from './explorer-mode.ts';
import { DEFAULT_LIMITS, type OperationLimits } from './limits.ts';
import { trustedProxies } from './client-address.ts';
import { DEFAULT_SUBSCRIPTION_CAPS, type SubscriptionCapsConfig } from './subscriptions/admission.ts';

export interface JwtConfig {
  /** HS256 shared secret; ignored when `jwksUrl` is set. */
  secret: string;
  /** A JWKS endpoint for asymmetric tokens (RS256, ES256, EdDSA) from an identity provider. */
  jwksUrl: string | null;
  issuer: string;
  audience: string;
}

export interface GatewayConfig {
  production: boolean;
  internalSecret: string;
  jwt: JwtConfig;
  corsOrigins: string[];
  keyStorePath: string;
  /** `GATEWAY_DATABASE_URL`: keys and rate-limit buckets in Postgres, shared by replicas, instead of `keyStorePath`. */
  keyStoreUrl: string | null;
  /** Names of secrets still at their development defaults, to say so loudly at start. */
  defaultSecrets: string[];
  limits: OperationLimits;
  cost: CostConfig;
  /** How long the gateway waits for one subgraph fetch. */
  subgraphTimeoutMs: number;
  subscriptions: SubscriptionCapsConfig;
  /** `TRUSTED_PROXIES`: the hops whose `X-Forwarded-For` is believed (see `client-address.ts`); none when left out. */
  trustedProxies?: string[];
  /** Persisted documents; the project's manifest, any text allowed, when left out. */
  trustedDocuments?: {
    /** The manifest (JSON map of id → document) that `npm run documents` writes. */
    path: string;
    /** Refuse free-text operations not in the manifest (partner keys excepted). */
    only: boolean;
  };
  /** What a browser sees at `/` in development (EXPLORER); GraphiQL when left out, nothing in production. */
  explorer?: ExplorerMode;
  /** `PAGE_IMAGE_ORIGINS`: origins the development pages (the LIVE room) may show product images from; none when left out. */
  pageImageOrigins?: string[];
  /** The entity cache (`entity-cache.ts`); in memory with the defaults when left out. */
  entityCache?: EntityCacheConfig;
  /** `REDIS_URL`: the entity and response cache and rate-limit buckets in Redis, shared by replicas (`redis/open.ts`). */
  redisUrl?: string | null;
  /**
   * `REDIS_KEY_PREFIX`: what every key the gateway writes in Redis starts with. By default one per
   * gateway store (a hash of GATEWAY_DATABASE_URL, or of the key store's path): the replicas of one
   * deployment share it, and deployments sharing one Redis server stay apart.
   */
  redisKeyPrefix?: string;
  /**
   * `REDIS_NEAR_CACHE`: with the entity cache in Redis, each replica keeps a near copy of what it
   * read in its own memory, caught up with every write before a request reads it (`redis/near-cache.ts`);
   * on unless `off`.
   */
  redisNearCache?: boolean;
  /**
   * `REDIS_NEAR_CACHE_LEASES`: the near copy holds a lease on the replicas' invalidation feed and
   * a request reads it with no sync, each write waiting for the lease holders to hear it
   * (`redis/invalidation-feed.ts`); on unless `off`. Every replica of a deployment should agree.
   */
  redisNearCacheLeases?: boolean;
  /** `RATE_LIMIT_LEASES`: with REDIS_URL, each replica takes rate-limit points ahead from the shared buckets (`redis/rate-limit-leases.ts`); on unless `off`. */
  rateLimitLeases?: boolean;
  /** `RESPONSE_CACHE`: whole responses kept in the entity cache's store (`response-cache.ts`); on unless `off`, and off with the entity cache. */
  responseCache?: boolean;
}

export interface EntityCacheConfig {
  /**
   * `ENTITY_CACHE`: `memory` (one gateway), `redis` (replicas; the default with REDIS_URL), `postgres`
   * (replicas; the default with GATEWAY_DATABASE_URL and no REDIS_URL), or `off`.
   */
  store: 'memory' | 'redis' | 'postgres' | 'off';
  /** `ENTITY_CACHE_MAX_MB`: roughly how much memory the in-memory store may take. */
  maxBytes: number;
  /** `ENTITY_CACHE_MAX_AGE`: nothing is kept longer than this many seconds, whatever a subgraph allows. */
  maxAgeCapSeconds: number;
}

export const DEFAULT_ENTITY_CACHE: EntityCacheConfig = { store: 'memory', maxBytes: 64 * 1024 * 1024, maxAgeCapSeconds: 300 };

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Each an origin exactly (scheme, host, port: no path), https, or http on loopback (a local image
 * server in development), `https://*.example.com` for every subdomain as CSP allows: it goes into
 * the pages' Content-Security-Policy as written.
 */
function pageImageOrigins(env: NodeJS.ProcessEnv): string[] {
  const listed = (env.PAGE_IMAGE_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  return listed.map((origin) => {
    let url: URL | null = null;
    try {
      url = new URL(origin);
    } catch {
      // Said below.
    }
    const allowedScheme = url && (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)));
    // A host as CSP reads one: a name, optionally `*.` for its subdomains, or an address.
    const allowedHost = url && /^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*$|^\[[0-9a-f:.]+\]$/.test(url.hostname);
    if (!url || !allowedScheme || !allowedHost || url.origin !== origin.replace(/\/$/, '')) {
      throw new ConfigError(`PAGE_IMAGE_ORIGINS: "${origin}" is not an origin such as https://images.example.com (https, or http on loopback; no path).`);
    }
    return url.origin;
  });
}

function entityCacheStore(env: NodeJS.ProcessEnv): EntityCacheConfig['store'] {
  const value = env.ENTITY_CACHE || (env.REDIS_URL ? 'redis' : env.GATEWAY_DATABASE_URL ? 'postgres' : 'memory');
  if (value !== 'memory' && value !== 'redis' && value !== 'postgres' && value !== 'off') throw new ConfigError('ENTITY_CACHE must be memory, redis, postgres or off.');
  if (value === 'redis' && !env.REDIS_URL) throw new ConfigError('ENTITY_CACHE=redis needs REDIS_URL.');
  // Replicas each keeping a copy in memory would answer stale data after a write made through another.
  if (value === 'postgres' && !env.GATEWAY_DATABASE_URL) throw new ConfigError('ENTITY_CACHE=postgres needs GATEWAY_DATABASE_URL.');
  return value;
}

function onOrOff(env: NodeJS.ProcessEnv, name: string): boolean {
  const value = env[name] || 'on';
  if (value !== 'on' && value !== 'off') throw new ConfigError(`${name} must be on or off.`);
  return value === 'on';
}

function redisUrl(env: NodeJS.ProcessEnv): string | null {
  const url = env.REDIS_URL || null;
  if (url && !/^rediss?:\/\//.test(url)) throw new ConfigError('REDIS_URL must be a redis:// or rediss:// URL.');
  return url;
}

/** Where the project's trusted documents manifest is, beside the supergraph. */
export const DEFAULT_TRUSTED_DOCUMENTS_PATH = fileURLToPath(new URL('../../schema/trusted-documents.json', import.meta.url));

/** `RATE_LIMIT_TIERS` is JSON shaped like the defaults, e.g. {"anonymous":{"max":1000,"restoreRate":50}}. */
function tiers(env: NodeJS.ProcessEnv): CostConfig['tiers'] {
  if (!env.RATE_LIMIT_TIERS) return DEFAULT_COST_CONFIG.tiers;
  let parsed: Partial<CostConfig['tiers']>;
  try {
    parsed = JSON.parse(env.RATE_LIMIT_TIERS) as Partial<CostConfig['tiers']>;
  } catch {
    throw new ConfigError('RATE_LIMIT_TIERS must be JSON.');
  }
  return {
    anonymous: parsed.anonymous ?? DEFAULT_COST_CONFIG.tiers.anonymous,
    user: parsed.user ?? DEFAULT_COST_CONFIG.tiers.user,
    partner: { ...DEFAULT_COST_CONFIG.tiers.partner, ...parsed.partner },
  };
}

function onlyTrusted(env: NodeJS.ProcessEnv): boolean {
  const value = env.TRUSTED_DOCUMENTS_ONLY ?? 'false';
  if (value !== 'true' && value !== 'false') throw new ConfigError('TRUSTED_DOCUMENTS_ONLY must be true or false.');
  return value === 'true';
}

export const DEFAULT_ISSUER = 'video-commerce-graph';
export const DEFAULT_AUDIENCE = 'video-commerce-graph';

/**
 * The gateway's configuration from the environment.
 * @throws ConfigError in production when a secret is missing or left at its development default.
 */
export function gatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const production = isProduction(env);
  const internal = internalSecret(env);
  const defaultSecrets = internal.isDefault ? ['INTERNAL_SECRET'] : [];
  const jwksUrl = env.JWKS_URL || null;
  let jwtSecret = env.JWT_SECRET ?? '';
  if (!jwksUrl && (!jwtSecret || jwtSecret === DEV_JWT_SECRET)) {
    if (production) throw new ConfigError('JWT_SECRET (or JWKS_URL) must be set to a secret of your own in production.');
    jwtSecret = DEV_JWT_SECRET;
    defaultSecrets.push('JWT_SECRET');
  }
  if (production && !jwksUrl && jwtSecret.length < 32) throw new ConfigError('JWT_SECRET must be at least 32 characters in production.');
  const configuredOrigins = (env.CORS_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  return {
    production,
    internalSecret: internal.secret,
    jwt: { secret: jwtSecret, jwksUrl, issuer: env.JWT_ISSUER ?? DEFAULT_ISSUER, audience: env.JWT_AUDIENCE ?? DEFAULT_AUDIENCE },
    corsOrigins: production ? configuredOrigins : [...SANDBOX_ORIGINS, ...configuredOrigins],
    keyStorePath: env.GATEWAY_DB ?? path.join(dataDir(env), 'gateway.db'),
    keyStoreUrl: env.GATEWAY_DATABASE_URL || null,
    defaultSecrets,
    limits: {
      maxDepth: positiveInt(env, 'MAX_DEPTH', DEFAULT_LIMITS.maxDepth),
      maxAliases: positiveInt(env, 'MAX_ALIASES', DEFAULT_LIMITS.maxAliases),
      maxRootFields: positiveInt(env, 'MAX_ROOT_FIELDS', DEFAULT_LIMITS.maxRootFields),
      maxDirectives: positiveInt(env, 'MAX_DIRECTIVES', DEFAULT_LIMITS.maxDirectives),
      maxTokens: positiveInt(env, 'MAX_TOKENS', DEFAULT_LIMITS.maxTokens),
      maxBodyBytes: maxBodyBytes(env),
      maxBatch: positiveInt(env, 'MAX_BATCH', DEFAULT_LIMITS.maxBatch),
    },
    cost: { ...DEFAULT_COST_CONFIG, maxCost: positiveInt(env, 'MAX_COST', DEFAULT_COST_CONFIG.maxCost), tiers: tiers(env) },
    subgraphTimeoutMs: positiveInt(env, 'SUBGRAPH_TIMEOUT_MS', 5_000),
    trustedDocuments: { path: env.TRUSTED_DOCUMENTS || DEFAULT_TRUSTED_DOCUMENTS_PATH, only: onlyTrusted(env) },
    subscriptions: {
      perCaller: positiveInt(env, 'SUBSCRIPTIONS_PER_CALLER', DEFAULT_SUBSCRIPTION_CAPS.perCaller),
      perIp: positiveInt(env, 'SUBSCRIPTIONS_PER_IP', DEFAULT_SUBSCRIPTION_CAPS.perIp),
      connectionsPerIp: positiveInt(env, 'CONNECTIONS_PER_IP', DEFAULT_SUBSCRIPTION_CAPS.connectionsPerIp),
      maxBufferedEvents: positiveInt(env, 'SUBSCRIPTION_BUFFER_EVENTS', DEFAULT_SUBSCRIPTION_CAPS.maxBufferedEvents),
      keepAliveMs: positiveInt(env, 'SUBSCRIPTION_KEEPALIVE_MS', DEFAULT_SUBSCRIPTION_CAPS.keepAliveMs),
    },
    trustedProxies: trustedProxies(env),
    explorer: explorerMode(env),
    pageImageOrigins: pageImageOrigins(env),
    entityCache: {
      store: entityCacheStore(env),
      maxBytes: positiveInt(env, 'ENTITY_CACHE_MAX_MB', DEFAULT_ENTITY_CACHE.maxBytes / (1024 * 1024)) * 1024 * 1024,
      maxAgeCapSeconds: positiveInt(env, 'ENTITY_CACHE_MAX_AGE', DEFAULT_ENTITY_CACHE.maxAgeCapSeconds),
    },
    responseCache: onOrOff(env, 'RESPONSE_CACHE'),
    redisUrl: redisUrl(env),
    redisNearCache: onOrOff(env, 'REDIS_NEAR_CACHE'),
    redisNearCacheLeases: onOrOff(env, 'REDIS_NEAR_CACHE_LEASES'),
    rateLimitLeases: onOrOff(env, 'RATE_LIMIT_LEASES'),
    redisKeyPrefix: env.REDIS_KEY_PREFIX || `gw:${createHash('sha256')
      .update(env.GATEWAY_DATABASE_URL || env.GATEWAY_DB || path.join(dataDir(env), 'gateway.db'))
      .digest('hex')
      .slice(0, 12)}:`,
  };
}

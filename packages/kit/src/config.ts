import path from 'node:path';

/** The services of the graph and their default loopback ports. */
export const SERVICES = {
  gateway: { port: 4000 },
  users: { port: 4001 },
  content: { port: 4002 },
  gifts: { port: 4003 },
  commerce: { port: 4004 },
} as const;
export type ServiceName = keyof typeof SERVICES;
export const SUBGRAPH_NAMES = ['users', 'content', 'gifts', 'commerce'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** `USERS_PORT`, `GATEWAY_PORT`, …; `PORT` wins when a single service is started on its own. */
export function portFor(service: ServiceName, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[`${service.toUpperCase()}_PORT`] ?? env.PORT;
  if (raw === undefined || raw === '') return SERVICES[service].port;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new ConfigError(`${service.toUpperCase()}_PORT must be a port number, got ${JSON.stringify(raw)}`);
  }
  return port;
}

/** Services listen on loopback unless told otherwise. */
export function hostFrom(env: NodeJS.ProcessEnv = process.env): string {
  return env.HOST ?? '127.0.0.1';
}

/** Where the SQLite files live: DATA_DIR, or `data/` under the working directory. */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.DATA_DIR ?? 'data');
}

/** `USERS_URL` etc., defaulting to the subgraph's loopback port. */
export function subgraphUrl(name: SubgraphName, env: NodeJS.ProcessEnv = process.env): string {
  return env[`${name.toUpperCase()}_URL`] ?? `http://127.0.0.1:${SERVICES[name].port}/graphql`;
}

/** A whole number above zero from `name`, or `fallback` when it is unset or empty. */
export function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new ConfigError(`${name} must be a positive whole number, got ${JSON.stringify(raw)}.`);
  return value;
}

/**
 * The default request body limit, for the gateway and every subgraph alike. Sized for the
 * largest request the API promises to take, a 10,000-item merch feed import: a realistic item
 * (title, a 130-character description, an image URL) is about 400 bytes of JSON, so 10,000 of
 * them are about 4 MB; the rest is room for longer titles and descriptions.
 */
export const DEFAULT_MAX_BODY_BYTES = 6_000_000;

/**
 * `MAX_BODY_BYTES`: one limit for the whole graph. The gateway refuses a larger client request
 * with 413 before parsing it; a subgraph refuses a larger request from the gateway the same way,
 * and the gateway reports that as PAYLOAD_TOO_LARGE naming the subgraph.
 */
export function maxBodyBytes(env: NodeJS.ProcessEnv = process.env): number {
  return positiveInt(env, 'MAX_BODY_BYTES', DEFAULT_MAX_BODY_BYTES);
}

export function isProduction(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV === 'production';
}

/** Development defaults: obvious, logged as such, and refused in production. */
export const DEV_INTERNAL_SECRET = 'dev-internal-secret-not-for-production';
export const DEV_JWT_SECRET = 'dev-jwt-secret-not-for-production';

/**
 * The secret the gateway signs the viewer with and subgraphs verify it with.
 * @throws ConfigError in production when it is unset or the development default.
 */
export function internalSecret(env: NodeJS.ProcessEnv = process.env): { secret: string; isDefault: boolean } {
  const secret = env.INTERNAL_SECRET;
  if (secret && secret !== DEV_INTERNAL_SECRET) {
    if (isProduction(env) && secret.length < 32) throw new ConfigError('INTERNAL_SECRET must be at least 32 characters in production.');
    return { secret, isDefault: false };
  }
  if (isProduction(env)) throw new ConfigError('INTERNAL_SECRET must be set to a secret of your own in production.');
  return { secret: DEV_INTERNAL_SECRET, isDefault: true };
}

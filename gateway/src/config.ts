import path from 'node:path';
import { ConfigError, dataDir, DEV_JWT_SECRET, internalSecret, isProduction } from '@app/kit/config';
import { SANDBOX_ORIGINS } from './cors.ts';

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
  /** Names of secrets still at their development defaults, to say so loudly at start. */
  defaultSecrets: string[];
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
    defaultSecrets,
  };
}

import type http from 'node:http';
import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, SignJWT, type JWTVerifyGetKey } from 'jose';
import { OutageGate } from '@app/kit/outage';
import { isUnreachable } from '@app/kit/pg';
import type { Viewer } from '@app/kit/viewer';
import type { JwtConfig } from './config.ts';
import type { KeyStore } from './db/keys.ts';

/** A refused credential: the request gets HTTP 401 and this message, never a silent anonymous. */
export class AuthenticationError extends Error {
  override name = 'AuthenticationError';
}

/**
 * An API key that cannot be checked because the key store does not answer: HTTP 503
 * SERVICE_UNAVAILABLE, neither a refusal of the key (it may be good) nor an internal error.
 */
export class KeyStoreUnavailableError extends Error {
  override name = 'KeyStoreUnavailableError';

  constructor() {
    super('API keys cannot be checked right now: the gateway cannot reach its key store. Try again shortly.');
  }
}

const KEY_PROBLEMS = {
  malformed: 'The API key is not in the expected format.',
  unknown: 'The API key is not recognised.',
  revoked: 'The API key has been revoked.',
  expired: 'The API key has expired.',
} as const;

function tokenProblem(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'The bearer token has expired.';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `The bearer token's ${error.claim} claim is not accepted.`;
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'The bearer token signature is not valid.';
  return 'The bearer token is not valid.';
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Turns a request's credentials into a viewer: a bearer JWT for end users, `x-api-key` for
 * partners, nothing for anonymous callers. A bearer token needs no store; an API key does, and
 * while the store is down (`storeGate`) it is answered with `KeyStoreUnavailableError`.
 */
export function createAuthenticator(jwt: JwtConfig, keys: KeyStore, storeGate: OutageGate = new OutageGate()) {
  const key: Uint8Array | JWTVerifyGetKey = jwt.jwksUrl ? createRemoteJWKSet(new URL(jwt.jwksUrl)) : new TextEncoder().encode(jwt.secret);
  const algorithms = jwt.jwksUrl ? ['RS256', 'ES256', 'EdDSA'] : ['HS256'];

  return async function authenticate(req: http.IncomingMessage, givenRequestId?: string): Promise<{ viewer: Viewer; partnerTier: string | null }> {
    const requestId = givenRequestId ?? randomUUID();
    const authorization = header(req, 'authorization');
    const apiKey = header(req, 'x-api-key');
    if (authorization && apiKey) throw new AuthenticationError('Send either a bearer token or an API key, not both.');

    if (authorization) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      if (!match) throw new AuthenticationError('The Authorization header must be "Bearer <token>".');
      try {
        const { payload } = await jwtVerify(match[1] as string, key as Uint8Array, {
          issuer: jwt.issuer,
          audience: jwt.audience,
          algorithms,
          requiredClaims: ['sub', 'exp'],
        });
        const viewer: Viewer = {
          userId: payload.sub as string,
          partnerId: null,
          keyId: null,
          scopes: typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [],
          country: typeof payload.country === 'string' ? payload.country : null,
          requestId,
        };
        return { viewer, partnerTier: null };
      } catch (error) {
        throw new AuthenticationError(tokenProblem(error));
      }
    }

    if (apiKey) {
      const verified = await storeGate.run(
        () => keys.verify(apiKey),
        () => {
          throw new KeyStoreUnavailableError();
        },
        isUnreachable,
      );
      if (!verified.key) throw new AuthenticationError(KEY_PROBLEMS[verified.problem]);
      const { key } = verified;
      const viewer: Viewer = {
        userId: null,
        partnerId: key.partnerId,
        keyId: key.id,
        scopes: key.scopes,
        country: null,
        requestId,
        // Signed along so commerce can answer `viewerKey` without a store of keys of its own.
        key: { name: key.name, tier: key.tier, expiresAt: key.expiresAt ? key.expiresAt.toISOString() : null },
      };
      return { viewer, partnerTier: verified.key.tier };
    }

    return { viewer: { userId: null, partnerId: null, keyId: null, scopes: [], country: null, requestId }, partnerTier: null };
  };
}

/** A 401 error shaped for Apollo Server: it keeps the status when thrown while building context. */
export function unauthenticatedError(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

/** Issues an end-user token the gateway accepts (HS256 only): for `npm run token` and tests. */
export function signUserToken(jwt: JwtConfig, user: { id: string; country?: string | null }, options: { expiresIn?: string | number } = {}): Promise<string> {
  const claims: Record<string, unknown> = {};
  if (user.country) claims.country = user.country;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(user.id)
    .setIssuer(jwt.issuer)
    .setAudience(jwt.audience)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '12h')
    .sign(new TextEncoder().encode(jwt.secret));
}

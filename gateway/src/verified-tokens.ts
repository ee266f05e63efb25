import type http from 'node:http';
import { createHash, randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import type { Viewer } from '@app/kit/viewer';
import type { createAuthenticator } from './auth.ts';

type Authenticate = ReturnType<typeof createAuthenticator>;

export interface VerifiedTokenOptions {
  /** Tokens remembered at most; the oldest go first. */
  maxTokens?: number;
  /** How long a verification is trusted at most, whatever the token's own expiry (a rotated-out key stops working within it). */
  maxAgeMs?: number;
  now?: () => number;
}

interface Verified {
  viewer: Omit<Viewer, 'requestId'>;
  /** Until when the verification holds: the token's `exp`, or sooner by `maxAgeMs`. */
  until: number;
}

/**
 * Remembers bearer tokens already verified, so a client's every request with the same token
 * does not verify its signature again (jose's HS256 verification costs about 70 us through
 * WebCrypto, a noticeable share of a signed-in request). Only tokens that verified are
 * remembered, keyed by their SHA-256 (no token is kept in memory), until their own expiry or
 * `maxAgeMs`, whichever comes first; a token that fails is verified, and refused, every time.
 * Partner keys are not remembered: a revoked key must stop working at once.
 */
export function useVerifiedTokens(authenticate: Authenticate, options: VerifiedTokenOptions = {}): Authenticate {
  const maxTokens = options.maxTokens ?? 10_000;
  const maxAgeMs = options.maxAgeMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  const verified = new Map<string, Verified>();

  return async (req: http.IncomingMessage, requestId?: string) => {
    const authorization = req.headers.authorization;
    const token = typeof authorization === 'string' && !req.headers['x-api-key'] ? /^Bearer\s+(\S+)$/i.exec(authorization)?.[1] : undefined;
    if (!token) return authenticate(req, requestId);
    const key = createHash('sha256').update(token).digest('base64url');
    const known = verified.get(key);
    if (known && known.until > now()) {
      return { viewer: { ...known.viewer, requestId: requestId ?? randomUUID() }, partnerTier: null };
    }
    if (known) verified.delete(key);
    const result = await authenticate(req, requestId);
    const { requestId: _requestId, ...viewer } = result.viewer;
    const exp = decodeJwt(token).exp;
    if (typeof exp === 'number') {
      if (verified.size >= maxTokens) verified.delete(verified.keys().next().value!);
      verified.set(key, { viewer, until: Math.min(exp * 1000, now() + maxAgeMs) });
    }
    return result;
  };
}

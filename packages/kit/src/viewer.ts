import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Who is calling, as the gateway verified it. Subgraphs learn it only from a signed header:
 * `x-viewer` carries the viewer, `x-viewer-signature` an HMAC over the subgraph the request is
 * for (its audience), the viewer, a timestamp, a one-time nonce and the exact request body, under
 * the secret the gateway and subgraphs share.
 */
export interface Viewer {
  /** The signed-in end user, from a verified bearer token. */
  userId: string | null;
  /** The partner brand a verified API key acts for. */
  partnerId: string | null;
  /** The API key's id, for logs and audit. */
  keyId: string | null;
  scopes: readonly string[];
  /** The user's country when the token carries it (ISO 3166-1 alpha-2). */
  country: string | null;
  requestId: string;
  /** What the gateway knows of the API key besides its id and scopes, so a partner can ask what its key may do (`viewerKey`). */
  key?: ViewerKeyFacts | null;
}

export interface ViewerKeyFacts {
  name: string;
  /** The rate-limit tier: standard, plus or enterprise. */
  tier: string;
  /** ISO 8601; null for a key that never expires. */
  expiresAt: string | null;
}

function keyFacts(value: unknown): ViewerKeyFacts | null {
  if (!value || typeof value !== 'object') return null;
  const { name, tier, expiresAt } = value as Record<string, unknown>;
  if (typeof name !== 'string' || typeof tier !== 'string' || (expiresAt !== null && typeof expiresAt !== 'string')) return null;
  return { name, tier, expiresAt };
}

export const VIEWER_HEADER = 'x-viewer';
export const SIGNATURE_HEADER = 'x-viewer-signature';
/** How old a signature may be; also how long a nonce is remembered. */
export const SIGNATURE_TTL_MS = 30_000;

export function anonymousViewer(requestId: string = randomBytes(8).toString('hex')): Viewer {
  return { userId: null, partnerId: null, keyId: null, scopes: [], country: null, requestId };
}

/** The signature's format: v2 names the audience (v1, without it, is refused as malformed). */
const VERSION = 'v2';

function digest(secret: string, audience: string, encodedViewer: string, timestamp: number, nonce: string, body: string): string {
  const bodyHash = createHash('sha256').update(body).digest('base64url');
  return createHmac('sha256', secret).update(`${VERSION}\n${audience}\n${timestamp}\n${nonce}\n${encodedViewer}\n${bodyHash}`).digest('base64url');
}

export function encodeViewer(viewer: Viewer): string {
  return Buffer.from(JSON.stringify(viewer)).toString('base64url');
}

/**
 * The `x-viewer-signature` value for one request to `audience` (the subgraph's name) carrying
 * `encodedViewer` and `body`: a request captured on its way to one subgraph is refused by another.
 */
export function signatureFor(encodedViewer: string, body: string, secret: string, audience: string, now = Date.now()): string {
  const nonce = randomBytes(12).toString('base64url');
  return `${VERSION}.${now}.${nonce}.${digest(secret, audience, encodedViewer, now, nonce, body)}`;
}

/** The two headers sent with one request to the subgraph `audience` whose body is `body`. */
export function signViewer(viewer: Viewer, body: string, secret: string, audience: string, now = Date.now()): Record<string, string> {
  const encoded = encodeViewer(viewer);
  return { [VIEWER_HEADER]: encoded, [SIGNATURE_HEADER]: signatureFor(encoded, body, secret, audience, now) };
}

/**
 * Where a subgraph remembers the nonces it accepted, until they expire. Replicas of a subgraph
 * and a restarted process must share it, or a captured request replays against them: a table in
 * the subgraph's own database (`SqliteNonceStore`, `PgNonceStore`); `NonceGuard`, in memory, only
 * where there is no store (tests).
 */
export interface NonceStore {
  /** True the first time a nonce is offered within its lifetime. */
  accept(nonce: string, expiresAt: number, now: number): boolean | Promise<boolean>;
}

/**
 * Remembers nonces in this process for the signature lifetime, so a captured header replayed
 * within that window is refused; older ones are refused as stale anyway.
 */
export class NonceGuard implements NonceStore {
  private readonly seen = new Map<string, number>();
  private lastSweep = 0;

  /** True the first time a nonce is offered within its lifetime. */
  accept(nonce: string, expiresAt: number, now: number): boolean {
    if (now - this.lastSweep > 1_000) {
      for (const [key, expiry] of this.seen) if (expiry < now) this.seen.delete(key);
      this.lastSweep = now;
    }
    if (this.seen.has(nonce)) return false;
    this.seen.set(nonce, expiresAt);
    return true;
  }
}

/** A viewer that carries no identity: no user, partner, key or scope. */
export function isAnonymous(viewer: Viewer): boolean {
  return viewer.userId === null && viewer.partnerId === null && viewer.keyId === null && viewer.scopes.length === 0;
}

export type ViewerRejection = 'malformed' | 'bad-signature' | 'stale' | 'replayed';

export interface ViewerCheck {
  secret: string;
  /** This subgraph's name: a signature made for another is refused. */
  audience: string;
  nonces: NonceStore;
}

export type VerifiedViewer = { viewer: Viewer; rejected: null } | { viewer: Viewer; rejected: ViewerRejection };

/**
 * Reads the viewer from a subgraph request. A request without the headers is anonymous; one
 * whose headers are forged, stale or replayed is anonymous too, and says why so it can be logged.
 */
export async function verifyViewer(
  headers: { viewer?: string | undefined; signature?: string | undefined },
  body: string,
  check: ViewerCheck,
  now = Date.now(),
): Promise<VerifiedViewer> {
  if (!headers.viewer && !headers.signature) return { viewer: anonymousViewer(), rejected: null };
  const anonymous = anonymousViewer();
  const parts = headers.signature?.split('.') ?? [];
  if (!headers.viewer || parts.length !== 4 || parts[0] !== VERSION) return { viewer: anonymous, rejected: 'malformed' };
  const [, rawTimestamp, nonce, signature] = parts as [string, string, string, string];
  const timestamp = Number(rawTimestamp);
  if (!Number.isSafeInteger(timestamp)) return { viewer: anonymous, rejected: 'malformed' };
  const expected = Buffer.from(digest(check.secret, check.audience, headers.viewer, timestamp, nonce, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { viewer: anonymous, rejected: 'bad-signature' };
  if (Math.abs(now - timestamp) > SIGNATURE_TTL_MS) return { viewer: anonymous, rejected: 'stale' };
  let parsed: Viewer;
  try {
    parsed = JSON.parse(Buffer.from(headers.viewer, 'base64url').toString('utf8')) as Viewer;
  } catch {
    return { viewer: anonymous, rejected: 'malformed' };
  }
  if (!parsed || typeof parsed !== 'object') return { viewer: anonymous, rejected: 'malformed' };
  const viewer: Viewer = {
    userId: typeof parsed.userId === 'string' ? parsed.userId : null,
    partnerId: typeof parsed.partnerId === 'string' ? parsed.partnerId : null,
    keyId: typeof parsed.keyId === 'string' ? parsed.keyId : null,
    scopes: Array.isArray(parsed.scopes) ? parsed.scopes.filter((scope) => typeof scope === 'string') : [],
    country: typeof parsed.country === 'string' ? parsed.country : null,
    requestId: typeof parsed.requestId === 'string' ? parsed.requestId : anonymous.requestId,
    ...(parsed.keyId && parsed.key ? { key: keyFacts(parsed.key) } : {}),
  };
  // Replaying an anonymous viewer grants what sending no header grants: its nonce is not worth a
  // write to the store (on Postgres, a statement per subgraph fetch of every anonymous request).
  if (isAnonymous(viewer)) return { viewer, rejected: null };
  // Only a correctly signed, fresh request reaches the store: forgeries cost it nothing.
  if (!(await check.nonces.accept(nonce, timestamp + SIGNATURE_TTL_MS, now))) return { viewer: anonymous, rejected: 'replayed' };
  return {
    viewer,
    rejected: null,
  };
}

/**
 * How a delivery proves where it came from: the Standard Webhooks scheme (standardwebhooks.com),
 * through its reference library, so a partner verifies with any of its ports instead of code of
 * ours. The signature is HMAC-SHA256 over `<event id>.<unix seconds>.<raw body>` with the
 * endpoint's secret; the id is the event's (a retry repeats it, so receivers dedupe on it) and
 * the timestamp is the attempt's (receivers refuse old ones against replay).
 */
import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** The headers a delivery carries besides `content-type`. */
export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

const SECRET_PREFIX = 'whsec_';

/** A new endpoint secret: 32 random bytes, shown to the partner once. */
export function newEndpointSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

/**
 * Signs one attempt. While a secret is being rotated both the new and the old one sign (the
 * header then holds two signatures, space-separated), so a receiver that still has the old secret
 * keeps accepting until it is updated.
 */
export function signDelivery(secrets: readonly string[], eventId: string, at: Date, body: string): SignedHeaders {
  if (secrets.length === 0) throw new Error('A delivery needs at least one secret to sign with.');
  const signatures = secrets.map((secret) => new Webhook(secret).sign(eventId, at, body));
  return { 'webhook-id': eventId, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': signatures.join(' ') };
}

/**
 * What a receiver does with a delivery: true when one of the signatures is the secret's and the
 * timestamp is within five minutes of now (the library's tolerance).
 */
export function verifyDelivery(secret: string, body: string, headers: Record<string, string | string[] | undefined>): boolean {
  const flat: Record<string, string> = {};
  for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) {
    const value = headers[name];
    if (typeof value !== 'string') return false;
    flat[name] = value;
  }
  try {
    new Webhook(secret).verify(body, flat);
    return true;
  } catch {
    return false;
  }
}

/**
 * Where a delivery may go. A partner names the URL, and the service POSTs to it from inside the
 * network, so the URL must not reach what the partner could not: loopback, private, link-local
 * (cloud metadata) and other reserved addresses are refused unless development allows them, and
 * production takes https only. Checked when the endpoint is registered and again for the address
 * each attempt connects to, so a name that later resolves inward is refused then too.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import ipaddr from 'ipaddr.js';

export interface DestinationPolicy {
  /** Production: https only. */
  requireHttps: boolean;
  /** Development and tests: loopback and private addresses are allowed. */
  allowPrivateAddresses: boolean;
}

export const MAX_URL_LENGTH = 2_048;

export type DestinationRefusal =
  | { reason: 'INVALID_URL'; message: string }
  | { reason: 'HTTPS_REQUIRED'; message: string }
  | { reason: 'PRIVATE_ADDRESS'; message: string };

/** Only unicast addresses on the public internet are allowed without `allowPrivateAddresses`. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() === 'unicast';
}

/** The URL's own shape: a refusal, or the parsed URL. Registration answers a refusal as BAD_USER_INPUT. */
export function checkDestinationUrl(raw: string, policy: DestinationPolicy): DestinationRefusal | URL {
  if (raw.length > MAX_URL_LENGTH) return { reason: 'INVALID_URL', message: `A webhook URL is at most ${MAX_URL_LENGTH} characters.` };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { reason: 'INVALID_URL', message: 'The webhook URL is not an absolute URL.' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { reason: 'INVALID_URL', message: 'A webhook URL is http(s).' };
  if (url.username || url.password) return { reason: 'INVALID_URL', message: 'A webhook URL carries no user or password; authenticate with the signature.' };
  if (policy.requireHttps && url.protocol !== 'https:') return { reason: 'HTTPS_REQUIRED', message: 'Webhook URLs must be https.' };
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (ipaddr.isValid(host) && !policy.allowPrivateAddresses && !isPublicAddress(host)) {
    return { reason: 'PRIVATE_ADDRESS', message: 'A webhook URL may not point at a loopback, private or reserved address.' };
  }
  if (!ipaddr.isValid(host) && !policy.allowPrivateAddresses && (host === 'localhost' || host.endsWith('.localhost'))) {
    return { reason: 'PRIVATE_ADDRESS', message: 'A webhook URL may not point at a loopback, private or reserved address.' };
  }
  return url;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for the connection (undici's `connect.lookup`): resolves as usual, then refuses the
 * connection when an address it would use is not public, unless the policy allows it.
 */
export function guardedLookup(policy: DestinationPolicy, resolve: typeof dnsLookup = dnsLookup) {
  return (hostname: string, options: object, callback: LookupCallback): void => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const all = addresses as LookupAddress[];
      if (!policy.allowPrivateAddresses && all.some((entry) => !isPublicAddress(entry.address))) {
        const refused = Object.assign(new Error(`${hostname} resolves to an address webhooks may not reach`), { code: 'EPRIVATEADDRESS' });
        return callback(refused, []);
      }
      if ((options as { all?: boolean }).all) return callback(null, all);
      const first = all[0];
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), []);
      callback(null, first.address, first.family);
    });
  };
}

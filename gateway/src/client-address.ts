/**
 * Who the client is, as an address: the TCP peer, unless that peer is a proxy the operator
 * trusts (`TRUSTED_PROXIES`), in which case the address that proxy forwarded in
 * `X-Forwarded-For`, hop by hop from the nearest, up to the first hop that is not trusted.
 * Per-address caps and the anonymous rate limit key on it: behind a load balancer the TCP peer
 * is the balancer, and every client would share its one allowance.
 *
 * `proxy-addr` (Express's own) does the walk: forwarded headers are easy to get subtly wrong
 * (a client can send its own `X-Forwarded-For`; only hops added by trusted proxies count).
 */
import type http from 'node:http';
import proxyAddr from 'proxy-addr';
import { ConfigError } from '@app/kit/config';

/** `TRUSTED_PROXIES`: addresses, CIDR ranges, or `loopback`, `linklocal`, `uniquelocal`, comma-separated; none by default. */
export function trustedProxies(env: NodeJS.ProcessEnv): string[] {
  const list = (env.TRUSTED_PROXIES ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  try {
    proxyAddr.compile(list);
  } catch (error) {
    throw new ConfigError(`TRUSTED_PROXIES must list addresses, CIDR ranges, loopback, linklocal or uniquelocal: ${(error as Error).message}.`);
  }
  return list;
}

export type ClientAddressOf = (req: http.IncomingMessage) => string | null;

/** The client address of a request (or a WebSocket upgrade), trusting forwarded addresses only from `trusted` hops. */
export function clientAddressResolver(trusted: readonly string[]): ClientAddressOf {
  if (trusted.length === 0) return (req) => req.socket.remoteAddress ?? null;
  const trust = proxyAddr.compile([...trusted]);
  return (req) => {
    if (!req.socket.remoteAddress) return null;
    return proxyAddr(req as Parameters<typeof proxyAddr>[0], trust);
  };
}

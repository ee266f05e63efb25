import type http from 'node:http';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '@app/kit/config';
import { clientAddressResolver, trustedProxies } from './client-address.ts';

const request = (peer: string, forwardedFor?: string) =>
  ({ socket: { remoteAddress: peer }, connection: { remoteAddress: peer }, headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} }) as unknown as http.IncomingMessage;

describe('the client address behind proxies', () => {
  it('is the TCP peer when no proxy is trusted, whatever X-Forwarded-For claims', () => {
    const addressOf = clientAddressResolver(trustedProxies({}));
    expect(addressOf(request('203.0.113.7', '198.51.100.1'))).toBe('203.0.113.7');
  });

  it('is the address a trusted balancer forwarded, skipping every trusted hop and no further', () => {
    const addressOf = clientAddressResolver(trustedProxies({ TRUSTED_PROXIES: '10.0.0.0/8, loopback' }));
    expect(addressOf(request('10.1.2.3', '198.51.100.1'))).toBe('198.51.100.1');
    // A client that forges a hop before the balancer's gets the address the balancer saw.
    expect(addressOf(request('10.1.2.3', '192.0.2.66, 198.51.100.1, 10.9.9.9'))).toBe('198.51.100.1');
    // A peer that is not a trusted proxy is the client, forwarded header or not.
    expect(addressOf(request('203.0.113.7', '198.51.100.1'))).toBe('203.0.113.7');
  });

  it('refuses a TRUSTED_PROXIES entry that is not an address, a range or a known name at start', () => {
    expect(() => trustedProxies({ TRUSTED_PROXIES: 'the-balancer' })).toThrow(ConfigError);
  });
});

import { describe, expect, it } from 'vitest';
import { ConfigError } from '@app/kit/config';
import { gatewayConfig } from './config.ts';

describe('the response cache setting', () => {
  it('is on unless RESPONSE_CACHE=off, and refuses anything else', () => {
    expect(gatewayConfig({}).responseCache).toBe(true);
    expect(gatewayConfig({ RESPONSE_CACHE: 'on' }).responseCache).toBe(true);
    expect(gatewayConfig({ RESPONSE_CACHE: 'off' }).responseCache).toBe(false);
    expect(() => gatewayConfig({ RESPONSE_CACHE: 'no' })).toThrow(ConfigError);
  });
});

describe('the Redis settings', () => {
  it("keep a near copy of the cache and lease rate-limit points unless told off, and refuse anything else", () => {
    const defaults = gatewayConfig({ REDIS_URL: 'redis://cache:6379' });
    expect([defaults.redisNearCache, defaults.redisNearCacheLeases, defaults.rateLimitLeases]).toEqual([true, true, true]);
    const off = gatewayConfig({ REDIS_URL: 'redis://cache:6379', REDIS_NEAR_CACHE: 'off', REDIS_NEAR_CACHE_LEASES: 'off', RATE_LIMIT_LEASES: 'off' });
    expect([off.redisNearCache, off.redisNearCacheLeases, off.rateLimitLeases]).toEqual([false, false, false]);
    expect(() => gatewayConfig({ REDIS_NEAR_CACHE: 'yes' })).toThrow('REDIS_NEAR_CACHE must be on or off.');
    expect(() => gatewayConfig({ RATE_LIMIT_LEASES: '0' })).toThrow('RATE_LIMIT_LEASES must be on or off.');
  });

  it('put the entity cache in Redis by default with REDIS_URL, under one prefix per gateway store', () => {
    expect(gatewayConfig({}).redisUrl).toBeNull();
    expect(gatewayConfig({ GATEWAY_DATABASE_URL: 'postgres://db/gateway' }).entityCache?.store).toBe('postgres');
    const withRedis = gatewayConfig({ REDIS_URL: 'redis://cache:6379', GATEWAY_DATABASE_URL: 'postgres://db/gateway' });
    expect(withRedis.redisUrl).toBe('redis://cache:6379');
    expect(withRedis.entityCache?.store).toBe('redis');
    // Replicas of one deployment agree on the prefix; another deployment gets its own.
    expect(gatewayConfig({ REDIS_URL: 'redis://cache:6379', GATEWAY_DATABASE_URL: 'postgres://db/gateway' }).redisKeyPrefix).toBe(withRedis.redisKeyPrefix);
    expect(gatewayConfig({ REDIS_URL: 'redis://cache:6379', GATEWAY_DATABASE_URL: 'postgres://db/other' }).redisKeyPrefix).not.toBe(withRedis.redisKeyPrefix);
    expect(gatewayConfig({ REDIS_URL: 'redis://cache:6379', REDIS_KEY_PREFIX: 'mine:' }).redisKeyPrefix).toBe('mine:');
    expect(gatewayConfig({ REDIS_URL: 'redis://cache:6379', ENTITY_CACHE: 'memory' }).entityCache?.store).toBe('memory');
    expect(() => gatewayConfig({ ENTITY_CACHE: 'redis' })).toThrow(ConfigError);
    expect(() => gatewayConfig({ REDIS_URL: 'cache:6379' })).toThrow(ConfigError);
  });
});

describe('the pages’ image origins', () => {
  it('are none by default, and each an https origin (or http on loopback, or `*.` for subdomains) as written, else the gateway does not start', () => {
    expect(gatewayConfig({}).pageImageOrigins).toEqual([]);
    expect(gatewayConfig({ PAGE_IMAGE_ORIGINS: 'https://cdn.example.com, https://img.example.net:8443/' }).pageImageOrigins).toEqual(['https://cdn.example.com', 'https://img.example.net:8443']);
    expect(gatewayConfig({ PAGE_IMAGE_ORIGINS: 'http://127.0.0.1:9000' }).pageImageOrigins).toEqual(['http://127.0.0.1:9000']);
    expect(gatewayConfig({ PAGE_IMAGE_ORIGINS: 'https://*.example.com' }).pageImageOrigins).toEqual(['https://*.example.com']);
    for (const bad of ['cdn.example.com', 'http://cdn.example.com', 'https://cdn.example.com/p/', "https://cdn.example.com 'unsafe-inline'", 'https://a*b.example.com', 'https://*', 'data:', 'https://user@cdn.example.com', 'https://cdn.example.com?x=1']) {
      expect(() => gatewayConfig({ PAGE_IMAGE_ORIGINS: bad }), bad).toThrow(ConfigError);
    }
  });
});

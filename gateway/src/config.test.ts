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

import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_MAX_BODY_BYTES, maxBodyBytes } from './config.ts';

describe('MAX_BODY_BYTES', () => {
  it('is one limit read from the environment, with a default that fits a 10,000-item feed', () => {
    expect(maxBodyBytes({})).toBe(DEFAULT_MAX_BODY_BYTES);
    expect(DEFAULT_MAX_BODY_BYTES).toBeGreaterThanOrEqual(10_000 * 400);
    expect(maxBodyBytes({ MAX_BODY_BYTES: '1234' })).toBe(1234);
    expect(maxBodyBytes({ MAX_BODY_BYTES: '' })).toBe(DEFAULT_MAX_BODY_BYTES);
    for (const bad of ['0', '-1', '2.5', 'lots']) expect(() => maxBodyBytes({ MAX_BODY_BYTES: bad })).toThrow(ConfigError);
  });
});

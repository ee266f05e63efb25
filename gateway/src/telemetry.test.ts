import { describe, expect, it } from 'vitest';
import { apolloTelemetryOffByDefault } from './telemetry.ts';

describe('Apollo usage telemetry', () => {
  it('is off unless the environment says otherwise, and an explicit value wins', () => {
    for (const [given, expected] of [
      [undefined, 'true'],
      ['', 'true'],
      ['false', 'false'],
      ['0', '0'],
      ['1', '1'],
    ] as const) {
      const env: NodeJS.ProcessEnv = given === undefined ? {} : { APOLLO_TELEMETRY_DISABLED: given };
      apolloTelemetryOffByDefault(env);
      expect(env.APOLLO_TELEMETRY_DISABLED, String(given)).toBe(expected);
    }
  });
});

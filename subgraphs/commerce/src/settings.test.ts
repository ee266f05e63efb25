/** Commerce's settings as the process reads them at start: defaults, the webhook destination policy by NODE_ENV, refusals of bad values. */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '@app/kit/config';
import { DEFAULT_RETRY_SCHEDULE } from '@app/kit/webhooks/schedule';
import { commerceSettings, DEFAULT_SETTINGS } from './settings.ts';

describe('commerce settings', () => {
  it('defaults to the kit’s retry schedule, a 1 s poll and a day’s grace for a rotated secret', () => {
    const settings = commerceSettings({});
    expect(settings.webhooks).toEqual({ ...DEFAULT_SETTINGS.webhooks, schedule: DEFAULT_RETRY_SCHEDULE });
    expect(settings.webhooks.secretGraceMs).toBe(24 * 3_600_000);
  });

  it('sends webhooks over https to public addresses only in production, anywhere in development', () => {
    expect(commerceSettings({ NODE_ENV: 'production' }).webhooks.destinations).toEqual({ requireHttps: true, allowPrivateAddresses: false });
    expect(commerceSettings({ NODE_ENV: 'development' }).webhooks.destinations).toEqual({ requireHttps: false, allowPrivateAddresses: true });
    expect(commerceSettings({}).webhooks.destinations).toEqual({ requireHttps: false, allowPrivateAddresses: true });
  });

  it('reads shortened retries for tests, and refuses values that are not positive milliseconds', () => {
    const short = commerceSettings({ WEBHOOK_RETRY_DELAYS_MS: '100, 200', WEBHOOK_ATTEMPT_TIMEOUT_MS: '500', WEBHOOK_DISABLE_AFTER_MS: '60000', WEBHOOK_POLL_MS: '50', WEBHOOK_SECRET_GRACE_HOURS: '2', WEBHOOK_RETENTION_DAYS: '7' });
    expect(short.webhooks).toMatchObject({ schedule: { delaysMs: [100, 200], attemptTimeoutMs: 500, disableAfterMs: 60_000 }, pollMs: 50, secretGraceMs: 2 * 3_600_000, retention: { keepMs: 7 * 86_400_000 } });
    expect(commerceSettings({}).webhooks.retention.keepMs).toBe(30 * 86_400_000);
    for (const env of [{ WEBHOOK_RETRY_DELAYS_MS: '100,soon' }, { WEBHOOK_ATTEMPT_TIMEOUT_MS: '0' }, { WEBHOOK_POLL_MS: '5' }, { WEBHOOK_SECRET_GRACE_HOURS: '-1' }, { WEBHOOK_RETENTION_DAYS: '0' }]) {
      expect(() => commerceSettings(env), JSON.stringify(env)).toThrow(ConfigError);
    }
  });
});

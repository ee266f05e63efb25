/**
 * Commerce's settings, read from the environment once when the service starts (a bad value stops
 * it with a clear message rather than failing the first request).
 *
 * - ORDER_RETURN_WINDOW_DAYS (default 30): how long after fulfilment a buyer may ask for a return,
 *   and so how long a commission stays LOCKED. 0 means no returns: commission is payable as soon
 *   as the order ships. Each order keeps the end of its own window, set when it is fulfilled, so
 *   changing the setting never moves a window already running.
 * - PAYOUT_MINIMUM_CENTS (default 1000, $10): the smallest commission payout a creator may request.
 * - Partner webhooks (docs/webhooks.md): where deliveries may go follows NODE_ENV: in production
 *   only https URLs on public addresses; anywhere else (development, tests) loopback and private
 *   http URLs too, so a receiver on the developer's machine works. WEBHOOK_RETRY_DELAYS_MS,
 *   WEBHOOK_DISABLE_AFTER_MS and WEBHOOK_ATTEMPT_TIMEOUT_MS shape the retries (the kit's
 *   defaults: 8 attempts over 4 h 43 min, disabled after a day of failures, 10 s an attempt);
 *   WEBHOOK_POLL_MS (default 1000) is how often the worker looks for due deliveries;
 *   WEBHOOK_SECRET_GRACE_HOURS (default 24) how long a rotated-out secret still signs;
 *   WEBHOOK_RETENTION_DAYS (default 30) how long a delivered delivery stays listed and replayable
 *   before the worker prunes it (undelivered ones stay until delivered or their endpoint goes).
 * - FLASH_DEAL_CLOCK_POLL_MS (default 250): how often the flash deals' clock (flashDeals.ts) looks
 *   for deals due to start or end and units-left announcements due; a deal starts and ends at
 *   most this late (checkout checks a deal's times itself, so nothing sells late).
 * - Campaign samples (samples.ts): SAMPLE_DECISION_DAYS (default 7) is how long a brand has to
 *   approve or decline a sample request before it lapses; SAMPLE_CONTENT_DAYS (default 14) how
 *   long a creator has after delivery to post content that fulfils it; SAMPLE_CLOCK_POLL_MS
 *   (default 1000) how often the samples' clock marks overdue ones MISSED. Each sample keeps its
 *   own deadlines, set when they start, so changing a setting never moves a window already running.
 */
import { ConfigError } from '@app/kit/config';
import type { DestinationPolicy } from '@app/kit/webhooks/destination';
import type { Retention } from '@app/kit/webhooks/dispatcher';
import { DEFAULT_RETRY_SCHEDULE, retryScheduleFrom, type RetrySchedule } from '@app/kit/webhooks/schedule';

export interface WebhookSettings {
  destinations: DestinationPolicy;
  schedule: RetrySchedule;
  pollMs: number;
  /** How long the secret before a rotation still signs, beside the new one. */
  secretGraceMs: number;
  /** How long delivered deliveries are kept, and how often the worker looks for older ones. */
  retention: Retention;
}

export interface CommerceSettings {
  returnWindowDays: number;
  payoutMinimumCents: number;
  webhooks: WebhookSettings;
  dealClockPollMs: number;
  samples: SampleSettings;
}

export interface SampleSettings {
  decisionDays: number;
  contentDays: number;
  clockPollMs: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Production: https to public addresses only. Elsewhere: loopback and private http too. */
export function webhookDestinations(env: NodeJS.ProcessEnv): DestinationPolicy {
  const production = env.NODE_ENV === 'production';
  return { requireHttps: production, allowPrivateAddresses: !production };
}

export const DEFAULT_SETTINGS: CommerceSettings = {
  returnWindowDays: 30,
  payoutMinimumCents: 1_000,
  webhooks: { destinations: { requireHttps: false, allowPrivateAddresses: true }, schedule: DEFAULT_RETRY_SCHEDULE, pollMs: 1_000, secretGraceMs: 24 * HOUR_MS, retention: { keepMs: 30 * DAY_MS, everyMs: HOUR_MS } },
  dealClockPollMs: 250,
  samples: { decisionDays: 7, contentDays: 14, clockPollMs: 1_000 },
};

/** The most days a return window may run: a year covers every retailer's policy we know of. */
const MAX_RETURN_WINDOW_DAYS = 366;

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}.`);
  return value;
}

/** @throws ConfigError for a value out of range. */
export function commerceSettings(env: NodeJS.ProcessEnv = process.env): CommerceSettings {
  return {
    returnWindowDays: wholeNumber(env, 'ORDER_RETURN_WINDOW_DAYS', DEFAULT_SETTINGS.returnWindowDays, 0, MAX_RETURN_WINDOW_DAYS),
    payoutMinimumCents: wholeNumber(env, 'PAYOUT_MINIMUM_CENTS', DEFAULT_SETTINGS.payoutMinimumCents, 1, 100_000_000),
    webhooks: {
      destinations: webhookDestinations(env),
      schedule: webhookSchedule(env),
      pollMs: wholeNumber(env, 'WEBHOOK_POLL_MS', DEFAULT_SETTINGS.webhooks.pollMs, 10, 60_000),
      secretGraceMs: wholeNumber(env, 'WEBHOOK_SECRET_GRACE_HOURS', 24, 0, 24 * 30) * HOUR_MS,
      retention: { keepMs: wholeNumber(env, 'WEBHOOK_RETENTION_DAYS', 30, 1, 3_650) * DAY_MS, everyMs: DEFAULT_SETTINGS.webhooks.retention.everyMs },
    },
    dealClockPollMs: wholeNumber(env, 'FLASH_DEAL_CLOCK_POLL_MS', DEFAULT_SETTINGS.dealClockPollMs, 10, 60_000),
    samples: {
      decisionDays: wholeNumber(env, 'SAMPLE_DECISION_DAYS', DEFAULT_SETTINGS.samples.decisionDays, 1, 90),
      contentDays: wholeNumber(env, 'SAMPLE_CONTENT_DAYS', DEFAULT_SETTINGS.samples.contentDays, 1, 180),
      clockPollMs: wholeNumber(env, 'SAMPLE_CLOCK_POLL_MS', DEFAULT_SETTINGS.samples.clockPollMs, 10, 60_000),
    },
  };
}

function webhookSchedule(env: NodeJS.ProcessEnv): RetrySchedule {
  try {
    return retryScheduleFrom(env);
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
}

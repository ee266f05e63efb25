/**
 * When a failed delivery is tried again, and when an endpoint is given up on. A delivery that
 * fails waits the next delay in the list (the last one repeats), so the defaults try 9 times in
 * the first 16 hours; an endpoint whose oldest waiting delivery has failed every attempt for
 * `disableAfterMs` (a day) is disabled, and the partner sees why. Tests pass a short schedule.
 */
export interface RetrySchedule {
  /** The wait after the 1st, 2nd, … failed attempt; the last one repeats. */
  delaysMs: readonly number[];
  /** How long an endpoint may fail every attempt before it is disabled. */
  disableAfterMs: number;
  /** How long one attempt may take, connection to the end of the response headers. */
  attemptTimeoutMs: number;
}

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

export const DEFAULT_RETRY_SCHEDULE: RetrySchedule = {
  delaysMs: [30 * SECOND, 2 * MINUTE, 10 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 4 * HOUR, 8 * HOUR],
  disableAfterMs: 24 * HOUR,
  attemptTimeoutMs: 10 * SECOND,
};

/** The wait after `failedAttempts` failures (1 after the first). */
export function retryDelay(schedule: RetrySchedule, failedAttempts: number): number {
  const { delaysMs } = schedule;
  if (delaysMs.length === 0) throw new Error('A retry schedule needs at least one delay.');
  return delaysMs[Math.min(Math.max(failedAttempts, 1), delaysMs.length) - 1]!;
}

export type AfterFailure = { kind: 'retry'; at: Date } | { kind: 'disable' };

/**
 * What follows a failed attempt: the next try, or disabling the endpoint once it has failed every
 * attempt since `failingSince` for the schedule's window (the retry would land past it).
 */
export function afterFailure(schedule: RetrySchedule, failedAttempts: number, failingSince: Date, now: Date): AfterFailure {
  const at = new Date(now.getTime() + retryDelay(schedule, failedAttempts));
  if (now.getTime() - failingSince.getTime() >= schedule.disableAfterMs) return { kind: 'disable' };
  return { kind: 'retry', at };
}

/** Parses `WEBHOOK_RETRY_DELAYS_MS` ("30000,120000,…") and friends over the defaults. */
export function retryScheduleFrom(env: NodeJS.ProcessEnv = process.env): RetrySchedule {
  const delays = env.WEBHOOK_RETRY_DELAYS_MS?.trim();
  const delaysMs = delays ? delays.split(',').map((value) => Number(value.trim())) : DEFAULT_RETRY_SCHEDULE.delaysMs;
  const disableAfterMs = env.WEBHOOK_DISABLE_AFTER_MS ? Number(env.WEBHOOK_DISABLE_AFTER_MS) : DEFAULT_RETRY_SCHEDULE.disableAfterMs;
  const attemptTimeoutMs = env.WEBHOOK_ATTEMPT_TIMEOUT_MS ? Number(env.WEBHOOK_ATTEMPT_TIMEOUT_MS) : DEFAULT_RETRY_SCHEDULE.attemptTimeoutMs;
  for (const [name, value] of [...delaysMs.map((delay) => ['WEBHOOK_RETRY_DELAYS_MS', delay] as const), ['WEBHOOK_DISABLE_AFTER_MS', disableAfterMs] as const, ['WEBHOOK_ATTEMPT_TIMEOUT_MS', attemptTimeoutMs] as const]) {
    if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be positive whole milliseconds, got ${String(value)}`);
  }
  return { delaysMs, disableAfterMs, attemptTimeoutMs };
}

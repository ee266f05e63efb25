/**
 * Where a service reads the time. Every rule that depends on it (a return window, when a
 * commission becomes payable, a claim link's expiry) takes it from the request context, so tests
 * move a clock instead of sleeping, and no cron job is needed: time-driven states are computed
 * from stored timestamps and `now` when they are read.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export const DAY_MS = 86_400_000;

/** A clock a test sets and moves by hand; it never moves on its own. */
export interface ManualClock extends Clock {
  set(at: Date): void;
  advance(ms: number): void;
}

export function manualClock(start: Date = new Date()): ManualClock {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    set: (at) => {
      current = at.getTime();
    },
    advance: (ms) => {
      current += ms;
    },
  };
}

/**
 * The time the time-driven rules of gifts read: a claim link's expiry, an offer's start and end.
 * It is the system clock, plus whatever a test moved it by: time-driven rules are decided from
 * timestamps when they are read or written (no cron, no timers), so a test moves this clock past
 * a deadline instead of sleeping until it.
 */
let offsetMs = 0;

export function now(): Date {
  return new Date(Date.now() + offsetMs);
}

/** For tests in the same process as the subgraph: every later `now()` is `ms` later. */
export function moveClockForTests(ms: number): void {
  offsetMs += ms;
}

/** For tests: back to the system clock. */
export function resetClockForTests(): void {
  offsetMs = 0;
}

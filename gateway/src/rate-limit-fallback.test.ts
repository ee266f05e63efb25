import { describe, expect, it } from 'vitest';
import { OutageGate } from '@app/kit/outage';
import { MemoryRateLimitStore, type RateLimitStore } from './rate-limit.ts';
import { withLocalFallback } from './rate-limit-fallback.ts';

const tier = { max: 100, restoreRate: 10 };
const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

/** A shared store that answers like the in-memory one until `down` is set, then throws as Postgres' pool does. */
function flakyStore() {
  const inner = new MemoryRateLimitStore();
  const state = { down: false, calls: 0 };
  const store: RateLimitStore = {
    async take(...args) {
      state.calls++;
      if (state.down) throw refused;
      return inner.take(...args);
    },
    async refund(...args) {
      state.calls++;
      if (state.down) throw refused;
      return inner.refund(...args);
    },
  };
  return { store, state };
}

describe('rate limiting while the shared store is down', () => {
  it('takes from a local bucket instead of failing, warns once per outage, and goes back to the shared bucket when it answers', async () => {
    let clock = 0;
    const events: string[] = [];
    const gate = new OutageGate({ now: () => clock, onDown: () => events.push('down'), onUp: () => events.push('up') });
    const { store, state } = flakyStore();
    const limits = withLocalFallback(store, gate);

    expect(await limits.take('a', 60, tier, clock)).toMatchObject({ allowed: true, available: 40 });
    state.down = true;
    // The local bucket is full: the outage does not refuse anyone, and does not throw.
    expect(await limits.take('a', 60, tier, clock)).toMatchObject({ allowed: true, available: 40 });
    expect(await limits.take('a', 60, tier, clock)).toMatchObject({ allowed: false, retryAfterMs: 2_000 });
    await limits.refund('a', 10, tier, clock);
    expect((await limits.take('a', 0, tier, clock)).available).toBe(50);
    expect(events).toEqual(['down']);
    // While down, the store is tried at most once a second, not by every request.
    const calls = state.calls;
    for (let i = 0; i < 20; i++) await limits.take('b', 1, tier, clock);
    expect(state.calls).toBe(calls);

    state.down = false;
    clock += 1_000;
    // Back on the shared bucket: what was taken from it before the outage, refilled for 1 s (10 points).
    expect(await limits.take('a', 0, tier, clock)).toMatchObject({ allowed: true, available: 50 });
    expect(events).toEqual(['down', 'up']);
    state.down = true;
    clock += 1_000;
    await limits.take('a', 1, tier, clock);
    expect(events).toEqual(['down', 'up', 'down']);
  });

  it('drops a refund the shared store cannot take, without throwing', async () => {
    const gate = new OutageGate();
    const { store, state } = flakyStore();
    const limits = withLocalFallback(store, gate);
    await limits.take('a', 50, tier, 0);
    state.down = true;
    await expect(limits.refund('a', 50, tier, 0)).resolves.toBeUndefined();
    expect(gate.isDown).toBe(true);
  });

  it('serves a request whose shared take failed for another reason from the local bucket, reports it, and keeps using the shared store', async () => {
    const gate = new OutageGate();
    const errors: unknown[] = [];
    const bug = new Error('column "full_at" does not exist');
    let failing = true;
    const store: RateLimitStore = {
      take: async () => {
        if (failing) throw bug;
        return { allowed: true, available: 7, retryAfterMs: 0 };
      },
      refund: async () => undefined,
    };
    const limits = withLocalFallback(store, gate, { onError: (error) => errors.push(error) });
    expect(await limits.take('a', 10, tier, 0)).toMatchObject({ allowed: true, available: 90 });
    expect(errors).toEqual([bug]);
    expect(gate.isDown).toBe(false);
    failing = false;
    expect((await limits.take('a', 10, tier, 0)).available).toBe(7);
  });
});

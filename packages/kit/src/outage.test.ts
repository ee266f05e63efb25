import { describe, expect, it } from 'vitest';
import { cachedProbe, OutageGate } from './outage.ts';

describe('the outage gate', () => {
  it('takes the fallback instead of throwing, says so once per outage, lets one call a second try the store, and closes when it answers', async () => {
    let clock = 0;
    const events: string[] = [];
    const gate = new OutageGate({ now: () => clock, onDown: () => events.push('down'), onUp: () => events.push('up') });
    let answering = false;
    let tries = 0;
    const work = async () => {
      tries++;
      if (!answering) throw new Error('Connection terminated unexpectedly');
      return 'store';
    };
    expect(await gate.run(work, () => 'fallback')).toBe('fallback');
    expect(await gate.run(work, () => 'fallback')).toBe('fallback');
    expect(tries).toBe(1);
    clock += 999;
    await gate.run(work, () => 'fallback');
    expect(tries).toBe(1);
    clock += 1;
    await gate.run(work, () => 'fallback');
    expect(tries).toBe(2);
    expect(events).toEqual(['down']);
    answering = true;
    clock += 1_000;
    expect(await gate.run(work, () => 'fallback')).toBe('store');
    expect(await gate.run(work, () => 'fallback')).toBe('store');
    expect(events).toEqual(['down', 'up']);
    expect(gate.isDown).toBe(false);
  });

  it('throws errors that are not an outage as they are, and stays closed', async () => {
    const gate = new OutageGate();
    const bug = new Error('column "x" does not exist');
    await expect(
      gate.run(
        async () => {
          throw bug;
        },
        () => 'fallback',
        (error) => error !== bug,
      ),
    ).rejects.toBe(bug);
    expect(gate.isDown).toBe(false);
  });
});

describe('a cached probe', () => {
  it('asks at most once per interval however often it is asked, shares the probe in flight, and counts a throw as false', async () => {
    let clock = 0;
    let probes = 0;
    let answer: boolean | Error = true;
    const ready = cachedProbe(
      async () => {
        probes++;
        if (answer instanceof Error) throw answer;
        return answer;
      },
      { now: () => clock },
    );
    expect(await Promise.all([ready(), ready(), ready()])).toEqual([true, true, true]);
    expect(probes).toBe(1);
    answer = false;
    clock += 999;
    expect(await ready()).toBe(true);
    clock += 1;
    expect(await ready()).toBe(false);
    answer = new Error('ECONNREFUSED');
    clock += 1_000;
    expect(await ready()).toBe(false);
    expect(probes).toBe(3);
  });
});

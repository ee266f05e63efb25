import { describe, expect, it } from 'vitest';
import { OpenCounts } from './admission.ts';

describe('open subscription and connection counts', () => {
  it('takes a slot of every key only when all have room, and gives each back once', () => {
    const open = new OpenCounts();
    const first = open.take([{ key: 'ip:a', max: 2 }, { key: 'user:u', max: 1 }]);
    expect(first).not.toBeNull();
    // The user is at their cap: nothing is taken, not even the address's slot.
    expect(open.take([{ key: 'ip:a', max: 2 }, { key: 'user:u', max: 1 }])).toBeNull();
    expect(open.holding('ip:a')).toBe(1);
    first!();
    first!();
    expect(open.holding('ip:a')).toBe(0);
    expect(open.holding('user:u')).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { percentileOf, ratioInterval } from './ratio-interval.ts';

/** `n` samples of a made-up latency: mostly near `base`, a slow one every `every`. */
const latencies = (n: number, base: number, slow: number, every: number) => Array.from({ length: n }, (_, i) => (i % every === every - 1 ? slow : base + (i % 7) * 0.1));

describe('ratioInterval', () => {
  it('uses the rank rule of the bench figures', () => {
    const sorted = Array.from({ length: 1000 }, (_, i) => i + 1);
    expect(percentileOf(sorted, 50)).toBe(500);
    expect(percentileOf(sorted, 99)).toBe(990);
    expect(percentileOf([7], 99)).toBe(7);
  });

  it('is exact where the samples do not vary', () => {
    expect(ratioInterval(Array(200).fill(4), Array(300).fill(6), 99)).toEqual({ ratio: 1.5, low: 1.5, high: 1.5 });
  });

  it('holds 1 for two draws of the same latencies, and is wide at p99 where the tail is a few samples', () => {
    const under = latencies(1000, 5, 20, 97);
    const over = latencies(1000, 5, 20, 103);
    const p99 = ratioInterval(under, over, 99);
    expect(p99.low).toBeLessThan(1);
    expect(p99.high).toBeGreaterThan(1);
    const p50 = ratioInterval(under, over, 50);
    expect(p50.high - p50.low).toBeLessThan(p99.high - p99.low);
  });

  it('excludes 1 where one side really is slower in the tail', () => {
    const under = latencies(1000, 5, 10, 50);
    const over = latencies(1000, 5, 30, 20);
    const { ratio, low } = ratioInterval(under, over, 99);
    expect(ratio).toBe(3);
    expect(low).toBeGreaterThan(1.5);
  });

  it('gives the same interval for the same samples', () => {
    const [under, over] = [latencies(500, 4, 15, 40), latencies(500, 4.5, 18, 35)];
    expect(ratioInterval(under, over, 99)).toEqual(ratioInterval(under, over, 99));
    expect(() => ratioInterval([], over, 99)).toThrow(/samples on both sides/);
  });
});

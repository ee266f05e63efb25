/**
 * How sure a ratio of two percentiles is, from the samples themselves: a percentile bootstrap.
 * Each world's samples are drawn again with replacement, the ratio of the two percentiles taken,
 * many times; the middle 95 % of those ratios is the interval. A p99 of a thousand samples is the
 * tenth slowest, moved by a few stray requests: the scale bench prints this beside each ratio so
 * a reader sees which ones the run settles and which are within its own noise.
 */

/** The value at percentile `p` (0–100) of ascending `sorted`: the same rank rule as the bench's figures. */
export function percentileOf(sorted: ArrayLike<number>, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

/** A small seeded generator (mulberry32), so an interval is the same for the same samples. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function resampledPercentile(samples: Float64Array, into: Float64Array, p: number, random: () => number): number {
  for (let i = 0; i < into.length; i++) into[i] = samples[Math.floor(random() * samples.length)] as number;
  into.sort();
  return percentileOf(into, p);
}

export interface RatioInterval {
  /** The ratio of the samples as taken (`over` / `under`). */
  ratio: number;
  /** The 2.5th and 97.5th percentiles of the resampled ratios. */
  low: number;
  high: number;
}

/** The ratio of percentile `p` of `over` to that of `under`, with its 95 % bootstrap interval. */
export function ratioInterval(under: readonly number[], over: readonly number[], p: number, resamples = 1_000, seed = 1): RatioInterval {
  if (under.length === 0 || over.length === 0) throw new Error('ratioInterval needs samples on both sides');
  const [a, b] = [Float64Array.from(under), Float64Array.from(over)];
  const ratio = percentileOf(b.slice().sort(), p) / percentileOf(a.slice().sort(), p);
  const random = seeded(seed);
  const [intoA, intoB] = [new Float64Array(a.length), new Float64Array(b.length)];
  const ratios = new Float64Array(resamples);
  for (let i = 0; i < resamples; i++) ratios[i] = resampledPercentile(b, intoB, p, random) / resampledPercentile(a, intoA, p, random);
  ratios.sort();
  return { ratio, low: percentileOf(ratios, 2.5), high: percentileOf(ratios, 97.5) };
}

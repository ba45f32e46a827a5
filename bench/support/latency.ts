// Percentiles of a set of timings, and the one-row summary the benchmarks print for them.
import { formatMs, type Metric } from "./bench-result";

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile: the smallest sample with at least p % of the samples at or below it. */
export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sortedMs.length);
  return sortedMs[Math.min(sortedMs.length, Math.max(1, rank)) - 1];
}

export function summarize(samplesMs: number[]): LatencySummary {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length > 0 ? sorted[sorted.length - 1] : Number.NaN,
  };
}

/** One row: `label p50 / p95 / p99 / max` → `3.1 / 5.0 / 9.2 / 14 ms (200)`. */
export function latencyMetric(label: string, samplesMs: number[]): Metric {
  if (samplesMs.length === 0) return { metric: `${label} p50 / p95 / p99 / max`, value: "no samples" };
  const { count, p50, p95, p99, max } = summarize(samplesMs);
  const figures = [p50, p95, p99, max].map((ms) => formatMs(ms).replace(" ms", "")).join(" / ");
  return { metric: `${label} p50 / p95 / p99 / max`, value: `${figures} ms (${count} samples)` };
}

/** One row for a few repeats of a job: `p50 / max`. */
export function repeatMetric(label: string, samplesMs: number[]): Metric {
  const { count, p50, max } = summarize(samplesMs);
  return { metric: `${label} p50 / max`, value: `${formatMs(p50)} / ${formatMs(max)} (${count} runs)` };
}

/**
 * How well a p99 shift is known from the samples at hand: the shift of the p99 from `before` to `after`, computed
 * again on resamples of each (drawn with replacement, a bootstrap), and the range holding the middle 90 % of those.
 * A fixed seed, so the same samples give the same range.
 */
export function p99ShiftRange(before: number[], after: number[], resamples = 1000): [number, number] {
  const random = seededRandom(17);
  const resampledP99 = (samples: number[]) => summarize(Array.from({ length: samples.length }, () => samples[Math.floor(random() * samples.length)]!)).p99;
  const shifts: number[] = [];
  for (let draw = 0; draw < resamples; draw += 1) {
    const baseline = resampledP99(before);
    shifts.push((resampledP99(after) - baseline) / baseline);
  }
  shifts.sort((a, b) => a - b);
  return [percentile(shifts, 5), percentile(shifts, 95)];
}

/** mulberry32: a small, well-spread generator of numbers in [0, 1), from a 32-bit seed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

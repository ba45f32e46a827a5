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

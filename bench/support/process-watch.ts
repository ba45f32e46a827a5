// Watches this process while a benchmark runs: peak memory (sampled), event-loop busy share and stalls.
// The app and the fake Slack share the process, so every figure covers both.
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { formatMb, formatMs, type Metric } from "./bench-result";

const SAMPLE_EVERY_MS = 50;

export interface ProcessStats {
  peakRssBytes: number;
  peakHeapUsedBytes: number;
  startRssBytes: number;
  startHeapUsedBytes: number;
  samples: number;
  /** Share of the wall time the event loop was busy running JavaScript (0–1). */
  eventLoopUtilization: number;
  /** Undefined when no delay timer got to run at all (the loop never came up for air). */
  eventLoopDelayP99Ms: number | undefined;
  /**
   * The longest time the memory timer was kept waiting past its due time. It catches a stall that spans the
   * whole run, which the delay histogram misses: that records only when its own timer finally runs.
   */
  longestStallMs: number;
}

export interface ProcessWatch {
  stop(): ProcessStats;
}

export function watchProcess(): ProcessWatch {
  const start = process.memoryUsage();
  let peakRss = start.rss;
  let peakHeap = start.heapUsed;
  let samples = 1;
  let lastSampleAt = performance.now();
  let longestStall = 0;
  const sample = () => {
    const now = performance.now();
    longestStall = Math.max(longestStall, now - lastSampleAt - SAMPLE_EVERY_MS);
    lastSampleAt = now;
    const memory = process.memoryUsage();
    peakRss = Math.max(peakRss, memory.rss);
    peakHeap = Math.max(peakHeap, memory.heapUsed);
    samples += 1;
  };
  // A timer only fires when the loop is free, so a long synchronous stretch can hide a short-lived peak.
  const timer = setInterval(sample, SAMPLE_EVERY_MS);
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const utilizationAtStart = performance.eventLoopUtilization();

  return {
    stop() {
      clearInterval(timer);
      sample();
      delay.disable();
      return {
        peakRssBytes: peakRss,
        peakHeapUsedBytes: peakHeap,
        startRssBytes: start.rss,
        startHeapUsedBytes: start.heapUsed,
        samples,
        eventLoopUtilization: performance.eventLoopUtilization(utilizationAtStart).utilization,
        eventLoopDelayP99Ms: delay.count > 0 ? delay.percentile(99) / 1e6 : undefined,
        longestStallMs: Math.max(0, longestStall),
      };
    },
  };
}

/** Peak memory and event-loop load, every figure the watch has. */
export function processMetrics(stats: ProcessStats): Metric[] {
  return [
    ...peakMemoryMetrics(stats),
    { metric: "memory samples (every 50 ms)", value: String(stats.samples) },
    { metric: "event loop busy", value: `${(stats.eventLoopUtilization * 100).toFixed(0)} %` },
    { metric: "event loop delay p99", value: stats.eventLoopDelayP99Ms === undefined ? "n/a (no timer ran)" : formatMs(stats.eventLoopDelayP99Ms) },
    { metric: "longest event-loop stall", value: formatMs(stats.longestStallMs) },
  ];
}

/** Just the memory: RSS and heap at the start of the watch and their sampled peaks. */
export function peakMemoryMetrics(stats: ProcessStats, label = ""): Metric[] {
  const prefix = label ? `${label}: ` : "";
  return [
    { metric: `${prefix}peak RSS (start → peak)`, value: `${formatMb(stats.startRssBytes)} → ${formatMb(stats.peakRssBytes)}` },
    { metric: `${prefix}peak heap used (start → peak)`, value: `${formatMb(stats.startHeapUsedBytes)} → ${formatMb(stats.peakHeapUsedBytes)}` },
  ];
}

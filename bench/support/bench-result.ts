// What a benchmark hands back to bench/run.ts: named figures, already formatted, and any failed checks.

export interface Metric {
  metric: string;
  value: string;
}

export interface BenchResult {
  title: string;
  metrics: Metric[];
  /** Correctness checks that did not hold (wrong DM count, ...): a fast wrong answer is not a result. */
  failures: string[];
}

export function markdownTable(metrics: Metric[]): string {
  const rows = metrics.map(({ metric, value }) => `| ${escapeCell(metric)} | ${escapeCell(value)} |`);
  return ["| metric | value |", "|---|---|", ...rows].join("\n");
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, "\\|");
}

export const formatMs = (ms: number): string => `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
export const formatMb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
export const formatRate = (count: number, ms: number): string => (ms > 0 ? (count / (ms / 1000)).toFixed(0) : "n/a");

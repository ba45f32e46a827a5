// The deadline job for 500 KPIs (125 seats × 4, 52 weeks of history) in a realistic week: 10 % with no number and
// 20 % off track, so it opens and posts 150 issues against a Slack that takes 20 ms to answer. Then the same job
// again, which must post nothing: one issue per KPI, week and source, however often it runs.
import { performance } from "node:perf_hooks";
import type { JobReport } from "../src/services/job-report";
import type { RecordedCall } from "../tools/local-slack/server";
import { formatMs, formatRate, type BenchResult, type Metric } from "./support/bench-result";
import { bootBenchApp, CHANNEL, type BenchApp } from "./support/boot";
import { peakMemoryMetrics, watchProcess, type ProcessStats } from "./support/process-watch";
import type { SeededTeam, TeamSpec } from "./support/seed-team";
import { callsOf, slackCallMetrics, withSlackCalls } from "./support/slack-calls";

const SLACK_LATENCY_MS = 20;
const TEAM: TeamSpec = { seats: 125, ownersCount: 125, kpisPerSeat: 4, weeksOfHistory: 52, askedWeek: { missing: 0.1, offTrack: 0.2 } };

export interface DriftRun {
  wallMs: number;
  report: JobReport;
  /** Issues posted in the cadence channel (top-level chat.postMessage there). */
  posted: number;
  calls: RecordedCall[];
  process: ProcessStats;
}

export async function benchDrift(): Promise<BenchResult[]> {
  const app = await bootBenchApp({ latencyMs: SLACK_LATENCY_MS });
  try {
    const seedStarted = performance.now();
    const team = await app.seedTeam(TEAM);
    const seedMs = performance.now() - seedStarted;
    const first = await timeDriftRun(app);
    const second = await timeDriftRun(app);
    return [describeFirstRun(first, team, seedMs), describeSecondRun(second)];
  } finally {
    await app.stop();
  }
}

/** `/cadence run drift` without the command around it: the job for the last completed week, at the clock's time. */
export async function timeDriftRun(app: BenchApp): Promise<DriftRun> {
  const watch = watchProcess();
  const started = performance.now();
  const { result: report, calls } = await withSlackCalls(app.slack, () => app.cadence.services.loop.runNow("drift", app.clock.now));
  const wallMs = performance.now() - started;
  const posted = callsOf(calls, "chat.postMessage").filter((call) => call.params.channel === CHANNEL && call.ok).length;
  return { wallMs, report, posted, calls, process: watch.stop() };
}

/** Issues the seeded week should open: one per KPI with no number or an off-track one. */
export function expectedIssues(team: SeededTeam): number {
  return team.askedWeekCounts.missing + team.askedWeekCounts.offTrack;
}

/** The figures both the drift and the large-team benchmarks print for a first run. */
export function driftRunMetrics(run: DriftRun, team: SeededTeam): Metric[] {
  const { missing, offTrack } = team.askedWeekCounts;
  return [
    { metric: "drift: wall time of the job", value: formatMs(run.wallMs) },
    { metric: "drift: issues opened", value: `${run.report.sent} (expected ${expectedIssues(team)}: ${missing} missing + ${offTrack} off track)` },
    { metric: "drift: issues posted in the channel", value: String(run.posted) },
    { metric: "drift: issues posted / second", value: formatRate(run.posted, run.wallMs) },
    { metric: "drift: per issue", value: run.posted > 0 ? formatMs(run.wallMs / run.posted) : "n/a" },
  ];
}

export function driftRunFailures(run: DriftRun, team: SeededTeam): string[] {
  const expected = expectedIssues(team);
  const failures: string[] = [];
  if (run.report.sent !== expected) failures.push(`drift opened ${run.report.sent} issues, expected ${expected}`);
  if (run.posted !== expected) failures.push(`drift posted ${run.posted} issues in the channel, expected ${expected}`);
  if (run.report.failed > 0) failures.push(`drift reported ${run.report.failed} failed posts`);
  return failures;
}

function describeFirstRun(run: DriftRun, team: SeededTeam, seedMs: number): BenchResult {
  const metrics: Metric[] = [
    {
      metric: "team",
      value: `${team.seatIds.length} seats, ${team.kpiIds.length} KPIs, ${team.historyWeeks.length} weeks of history (${team.entryCount} entries)`,
    },
    {
      metric: `week judged (${team.askedWeek})`,
      value: `${team.askedWeekCounts.onTrack} on track, ${team.askedWeekCounts.offTrack} off track, ${team.askedWeekCounts.missing} missing`,
    },
    { metric: "fake Slack latency per call", value: formatMs(SLACK_LATENCY_MS) },
    { metric: "setup: seed (not timed below)", value: formatMs(seedMs) },
    ...driftRunMetrics(run, team),
    ...slackCallMetrics(run.calls),
    ...peakMemoryMetrics(run.process),
    { metric: "event loop busy", value: `${(run.process.eventLoopUtilization * 100).toFixed(0)} %` },
  ];
  return { title: "drift: first run (opens and posts the week's issues)", metrics, failures: driftRunFailures(run, team) };
}

function describeSecondRun(run: DriftRun): BenchResult {
  const metrics: Metric[] = [
    { metric: "drift: wall time of the job (idempotent re-run)", value: formatMs(run.wallMs) },
    { metric: "new issues", value: `${run.report.sent} (expected 0; ${run.report.skipped} already open)` },
    { metric: "issues posted", value: `${run.posted} (expected 0)` },
    ...slackCallMetrics(run.calls),
  ];
  const failures: string[] = [];
  if (run.report.sent > 0) failures.push(`the second drift run opened ${run.report.sent} more issues, expected 0`);
  if (run.posted > 0) failures.push(`the second drift run posted ${run.posted} more issues, expected 0`);
  return { title: "drift: second run (nothing new)", metrics, failures };
}

// The Monday check-in fan-out at scale: 1,000 owners all due in one scheduler tick, each to get exactly one DM,
// against a Slack that takes 20 ms to answer every call. Then a second tick, which must send nothing.
import { performance } from "node:perf_hooks";
import type { LocalSlack, RecordedCall } from "../tools/local-slack/server";
import { formatMs, formatRate, type BenchResult, type Metric } from "./support/bench-result";
import { bootBenchApp, type BenchApp } from "./support/boot";
import { processMetrics, watchProcess, type ProcessStats } from "./support/process-watch";
import { callsOf, slackCallMetrics } from "./support/slack-calls";

const OWNERS = 1000;
const SLACK_LATENCY_MS = 20;
const WEEKS_OF_HISTORY = 13;
// Tuesday of 2026-W48, an hour before the default `tue 12:00` deadline: every owner, in every zone, is past
// their Monday 09:00 for week 2026-W47 and not yet cut off, so one tick has all of them due at once.
export const TUESDAY_BEFORE_DEADLINE = "2026-11-24T11:00:00Z";

export interface FanoutOptions {
  owners?: number;
  latencyMs?: number;
}

export interface TickRun {
  wallMs: number;
  startedAtMs: number;
  newDms: number;
  ownersWithOneDm: number;
  ownersWithSeveralDms: number;
  calls: RecordedCall[];
  process: ProcessStats;
}

interface Setup {
  owners: number;
  latencyMs: number;
  seats: number;
  kpis: number;
  entries: number;
  migrateMs: number;
  seedMs: number;
}

export async function benchCheckinFanout(options: FanoutOptions = {}): Promise<BenchResult[]> {
  const owners = options.owners ?? OWNERS;
  const latencyMs = options.latencyMs ?? SLACK_LATENCY_MS;
  const app = await bootBenchApp({ latencyMs, startAt: TUESDAY_BEFORE_DEADLINE });
  try {
    const seedStarted = performance.now();
    const team = await app.seedTeam({ seats: owners, ownersCount: owners, kpisPerSeat: [1, 2], weeksOfHistory: WEEKS_OF_HISTORY });
    const setup: Setup = {
      owners,
      latencyMs,
      seats: team.seatIds.length,
      kpis: team.kpiIds.length,
      entries: team.entryCount,
      migrateMs: app.migrateMs,
      seedMs: performance.now() - seedStarted,
    };
    const first = await timeOneTick(app, team.ownerIds);
    const second = await timeOneTick(app, team.ownerIds);
    return [describeFirstTick(first, setup), describeSecondTick(second)];
  } finally {
    await app.stop();
  }
}

/** One scheduler tick at the clock's time, with the DMs it sent and the Slack calls it made. */
export async function timeOneTick(app: BenchApp, ownerIds: string[]): Promise<TickRun> {
  const dmsBefore = dmCountsByOwner(app.slack, ownerIds);
  const firstCall = app.slack.calls.length;
  const watch = watchProcess();
  const startedAtMs = Date.now(); // the fake Slack stamps calls with Date.now(), so phases line up with this
  const started = performance.now();
  await app.cadence.tick();
  const wallMs = performance.now() - started;
  const processStats = watch.stop();
  const dmsAfter = dmCountsByOwner(app.slack, ownerIds);
  return {
    wallMs,
    startedAtMs,
    newDms: sum(dmsAfter) - sum(dmsBefore),
    ownersWithOneDm: dmsAfter.filter((count) => count === 1).length,
    ownersWithSeveralDms: dmsAfter.filter((count) => count > 1).length,
    calls: app.slack.calls.slice(firstCall),
    process: processStats,
  };
}

function describeFirstTick(run: TickRun, setup: Setup): BenchResult {
  const dms = callsOf(run.calls, "chat.postMessage");
  const lookups = callsOf(run.calls, "users.info");
  const metrics: Metric[] = [
    { metric: "team", value: `${setup.owners} owners, ${setup.seats} seats, ${setup.kpis} KPIs, ${setup.entries} history entries` },
    { metric: "fake Slack latency per call", value: formatMs(setup.latencyMs) },
    { metric: "setup: migrate / seed (not timed below)", value: `${formatMs(setup.migrateMs)} / ${formatMs(setup.seedMs)}` },
    { metric: "wall time of tick()", value: formatMs(run.wallMs) },
    { metric: "DMs sent", value: `${run.newDms} (expected ${setup.owners})` },
    { metric: "owners with exactly one DM", value: `${run.ownersWithOneDm} of ${setup.owners}` },
    { metric: "DMs / second (whole tick)", value: formatRate(run.newDms, run.wallMs) },
    ...slackCallMetrics(run.calls),
    ...phaseMetrics("users.info (time zones)", lookups, run, setup.latencyMs),
    ...phaseMetrics("chat.postMessage (DMs)", dms, run, setup.latencyMs),
    { metric: "DMs / second (DM phase only)", value: formatRate(dms.length, phaseWindowMs(dms, setup.latencyMs)) },
    ...processMetrics(run.process),
  ];
  const failures: string[] = [];
  if (run.newDms !== setup.owners) failures.push(`first tick sent ${run.newDms} DMs, expected ${setup.owners}`);
  if (run.ownersWithOneDm !== setup.owners) {
    failures.push(`${setup.owners - run.ownersWithOneDm} owners do not have exactly one DM (${run.ownersWithSeveralDms} have several)`);
  }
  return { title: "check-in fan-out: first tick (every owner due)", metrics, failures };
}

function describeSecondTick(run: TickRun): BenchResult {
  const metrics: Metric[] = [
    { metric: "wall time of tick() (idempotent re-check)", value: formatMs(run.wallMs) },
    { metric: "new DMs", value: `${run.newDms} (expected 0)` },
    ...slackCallMetrics(run.calls),
    ...processMetrics(run.process),
  ];
  const failures: string[] = [];
  if (run.newDms !== 0) failures.push(`second tick sent ${run.newDms} more DMs, expected 0`);
  if (run.ownersWithSeveralDms > 0) failures.push(`${run.ownersWithSeveralDms} owners now have several DMs`);
  return { title: "check-in fan-out: second tick (nothing left to send)", metrics, failures };
}

/**
 * When a kind of call ran within the tick, and how many were in flight on average (calls × latency ÷ window):
 * the figure to hold against the app's concurrency limits.
 */
function phaseMetrics(label: string, calls: RecordedCall[], run: TickRun, latencyMs: number): Metric[] {
  if (calls.length === 0) return [{ metric: `${label} phase`, value: "no calls" }];
  const windowMs = phaseWindowMs(calls, latencyMs);
  const from = calls[0].at - run.startedAtMs;
  return [
    { metric: `${label} phase`, value: `${formatMs(windowMs)} (from ${formatMs(from)} to ${formatMs(from + windowMs)} into the tick)` },
    { metric: `${label} mean in flight`, value: ((calls.length * latencyMs) / windowMs).toFixed(1) },
  ];
}

/** From the first call's arrival at the fake Slack to the last call's answer. */
function phaseWindowMs(calls: RecordedCall[], latencyMs: number): number {
  if (calls.length === 0) return 0;
  return calls[calls.length - 1].at - calls[0].at + latencyMs;
}

function dmCountsByOwner(slack: LocalSlack, ownerIds: string[]): number[] {
  return ownerIds.map((owner) => slack.dmsTo(owner).length);
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

// Load: the app in its own process, a team of 100 seats × 3 KPIs with 13 weeks of history, driven over HTTP with
// signed slash commands. First each kind of request alone, one at a time (its answer time and CPU cost, hence
// what one process can serve); then 50 a second for 60 s (LOAD_SECONDS shortens it); then 3 bursts of 200 at
// once. Slack gives up on a command not acknowledged within 3 s: any ack that slow, or any failed request, FAILs.
import { positiveFromEnv } from "./support/env-number";
import { performance } from "node:perf_hooks";
import { setTimeout as delay } from "node:timers/promises";
import type { RecordedCall } from "../tools/local-slack/server";
import type { AppUsage } from "../tools/testkit/child-cadence";
import { formatMb, formatMs, type BenchResult, type Metric } from "./support/bench-result";
import { ADMIN } from "./support/boot";
import { bootChildApp, type ChildApp } from "./support/child-app";
import { latencyMetric, summarize } from "./support/latency";
import { atSteadyRate, inOneBurst } from "./support/load-driver";
import type { SeededTeam, TeamSpec } from "./support/seed-team";
import { slackCallMetrics, withSlackCalls } from "./support/slack-calls";
import { slashCommander, type SlashCommander, type TimedCommand } from "./support/slash-commands";
import { openIssuesWithDrift } from "./scorecard";

const SLACK_LATENCY_MS = 20;
const SLACK_ACK_DEADLINE_MS = 3000;
const RATE_PER_SECOND = 50;
const DEFAULT_SECONDS = 60;
const MAX_SECONDS = 600;
const BURST_SIZE = 200;
const BURSTS = 3;
const PAUSE_BETWEEN_BURSTS_MS = 1000;
const WARM_UP_REQUESTS = 20;
const ALONE_REQUESTS_PER_KIND = 20;
// Between phases, let a backlog drain so one phase's queue does not count against the next.
const MAX_DRAIN_MS = 180_000;
export const LOAD_TEAM: TeamSpec = { seats: 100, ownersCount: 100, kpisPerSeat: 3, weeksOfHistory: 13, askedWeek: { missing: 0.05, offTrack: 0.15 } };

export type RequestKind = "/scorecard" | "/issue list" | "/scorecard set" | "/cadence seat list";
const KINDS: RequestKind[] = ["/scorecard", "/issue list", "/scorecard set", "/cadence seat list"];
// Every 10 requests: 4 × /scorecard, 3 × /issue list, 2 × /scorecard set by the KPI's owner, 1 × seat list by an admin.
export const MIX: RequestKind[] = [
  "/scorecard",
  "/issue list",
  "/scorecard set",
  "/scorecard",
  "/issue list",
  "/scorecard",
  "/scorecard set",
  "/issue list",
  "/scorecard",
  "/cadence seat list",
];
export const MIX_DESCRIPTION = "40 % /scorecard, 30 % /issue list, 20 % /scorecard set, 10 % /cadence seat list";

export interface LoadResult {
  kind: RequestKind;
  timed: TimedCommand;
}

interface Phase {
  results: LoadResult[];
  wallMs: number;
  usageBefore: AppUsage;
  usageAfter: AppUsage;
  /** How long the app took to go idle after the phase (its backlog). */
  drainMs: number;
  /** CPU used by this process meanwhile: the load generator and the fake Slack, which must not be the bottleneck. */
  benchCpuMs: number;
}

interface AloneRun {
  kind: RequestKind;
  answersMs: number[];
  cpuMsPerRequest: number;
}

export async function benchLoad(): Promise<BenchResult[]> {
  const seconds = positiveFromEnv("LOAD_SECONDS", DEFAULT_SECONDS, MAX_SECONDS);
  const app = await bootChildApp({ team: LOAD_TEAM, latencyMs: SLACK_LATENCY_MS });
  const commander = slashCommander(app.url, app.slack);
  let sent = 0;
  const send = (kind: RequestKind) => sendRequest(commander, app.team, kind, sent++);
  const sendFromMix = () => send(MIX[sent % MIX.length]);
  try {
    await openIssuesWithDrift(commander);
    for (let request = 0; request < WARM_UP_REQUESTS; request += 1) await sendFromMix();

    const alone: AloneRun[] = [];
    for (const kind of KINDS) alone.push(await timeAlone(app, kind, () => send(kind)));

    const steady = await withSlackCalls(app.slack, () => runPhase(app, () => atSteadyRate(RATE_PER_SECOND, seconds, sendFromMix)));
    const bursts = await runPhase(app, async () => {
      const results: LoadResult[] = [];
      const burstWallMs: number[] = [];
      for (let burst = 0; burst < BURSTS; burst += 1) {
        if (burst > 0) await delay(PAUSE_BETWEEN_BURSTS_MS);
        const run = await inOneBurst(BURST_SIZE, sendFromMix);
        results.push(...run.results);
        burstWallMs.push(run.wallMs);
      }
      return { results, burstWallMs };
    });

    return [describeAlone(alone, app.team), describeSteady(steady.result, seconds, steady.calls), describeBursts(bursts, bursts.outcome.burstWallMs)];
  } finally {
    commander.close();
    await app.stop();
  }
}

/** A request of this kind by a user allowed to make it; `/scorecard set` walks over the KPIs with varied values. */
export async function sendRequest(commander: SlashCommander, team: SeededTeam, kind: RequestKind, index: number): Promise<LoadResult> {
  const owner = team.ownerIds[index % team.ownerIds.length];
  const kpi = team.kpis[(index * 7) % team.kpis.length];
  const input =
    kind === "/scorecard"
      ? { command: "/scorecard", text: "", userId: owner }
      : kind === "/issue list"
        ? { command: "/issue", text: "list", userId: owner }
        : kind === "/scorecard set"
          ? { command: "/scorecard", text: `set "${kpi.seatName}/${kpi.name}" ${8 + (index % 5)}`, userId: kpi.ownerId }
          : { command: "/cadence", text: "seat list", userId: ADMIN };
  return { kind, timed: await commander.send(input) };
}

/** One kind alone, one request at a time: its answer time without queueing, and the app's CPU per request. */
async function timeAlone(app: ChildApp, kind: RequestKind, send: () => Promise<LoadResult>): Promise<AloneRun> {
  const before = await app.usage();
  const answersMs: number[] = [];
  for (let request = 0; request < ALONE_REQUESTS_PER_KIND; request += 1) {
    const { timed } = await send();
    if (timed.answerMs !== undefined) answersMs.push(timed.answerMs);
  }
  const after = await app.usage();
  return { kind, answersMs, cpuMsPerRequest: (after.cpuMs - before.cpuMs) / ALONE_REQUESTS_PER_KIND };
}

async function runPhase<T extends { results: LoadResult[] }>(app: ChildApp, drive: () => Promise<T>): Promise<Phase & { outcome: T }> {
  const usageBefore = await app.usage();
  const benchCpuBefore = process.cpuUsage();
  const started = performance.now();
  const outcome = await drive();
  const wallMs = performance.now() - started;
  const benchCpu = process.cpuUsage(benchCpuBefore);
  const usageAfter = await app.usage();
  const { waitedMs } = await app.waitUntilIdle(MAX_DRAIN_MS);
  return { outcome, results: outcome.results, wallMs, usageBefore, usageAfter, drainMs: waitedMs, benchCpuMs: (benchCpu.user + benchCpu.system) / 1000 };
}

function describeAlone(runs: AloneRun[], team: SeededTeam): BenchResult {
  const cpuPerMixRequest = MIX.reduce((sum, kind) => sum + runs.find((run) => run.kind === kind)!.cpuMsPerRequest, 0) / MIX.length;
  const metrics: Metric[] = [
    {
      metric: "team",
      value: `${team.seatIds.length} seats, ${team.kpiIds.length} KPIs, ${team.historyWeeks.length} weeks of history, ${team.askedWeekCounts.missing + team.askedWeekCounts.offTrack} open issues`,
    },
    { metric: "fake Slack latency per call (response_url posts too)", value: formatMs(SLACK_LATENCY_MS) },
    ...runs.flatMap((run) => [
      {
        metric: `${run.kind} alone: answer p50 / max`,
        value: `${formatMs(summarize(run.answersMs).p50)} / ${formatMs(summarize(run.answersMs).max)} (${run.answersMs.length} requests)`,
      },
      { metric: `${run.kind} alone: app CPU per request`, value: formatMs(run.cpuMsPerRequest) },
    ]),
    { metric: "app CPU per request of the mix", value: `${formatMs(cpuPerMixRequest)} (${MIX_DESCRIPTION})` },
    { metric: "what one app process can serve of the mix (1 core ÷ CPU per request)", value: `about ${(1000 / cpuPerMixRequest).toFixed(0)} requests/s` },
  ];
  return { title: "load: each kind alone, one at a time", metrics, failures: [] };
}

function describeSteady(phase: Phase & { outcome: { sendWindowMs: number } }, seconds: number, calls: RecordedCall[]): BenchResult {
  const offered = Math.round(RATE_PER_SECOND * seconds);
  const metrics: Metric[] = [
    { metric: "offered load", value: `${RATE_PER_SECOND}/s for ${seconds} s = ${offered} requests (${MIX_DESCRIPTION})` },
    { metric: "achieved send rate", value: `${(phase.results.length / (phase.outcome.sendWindowMs / 1000)).toFixed(1)}/s` },
    { metric: "first request sent → last answer", value: formatMs(phase.wallMs) },
    ...timingMetrics(phase.results),
    ...appMetrics(phase),
    ...slackCallMetrics(calls),
  ];
  return { title: `load: steady ${RATE_PER_SECOND} requests/s`, metrics, failures: loadFailures("steady load", phase.results) };
}

function describeBursts(phase: Phase, burstWallMs: number[]): BenchResult {
  const metrics: Metric[] = [
    { metric: "bursts", value: `${BURSTS} × ${BURST_SIZE} requests at once (same mix), ${PAUSE_BETWEEN_BURSTS_MS} ms apart` },
    { metric: "each burst: first sent → last answer", value: burstWallMs.map(formatMs).join(", ") },
    ...timingMetrics(phase.results),
    ...appMetrics(phase),
  ];
  return { title: `load: bursts of ${BURST_SIZE}`, metrics, failures: loadFailures("bursts", phase.results) };
}

function timingMetrics(results: LoadResult[]): Metric[] {
  const acks = results.flatMap(({ timed }) => (timed.ackMs === undefined ? [] : [timed.ackMs]));
  const answersOf = (kind?: RequestKind) =>
    results.flatMap((result) => (result.timed.answerMs === undefined || (kind && result.kind !== kind) ? [] : [result.timed.answerMs]));
  const errors = results.filter(({ timed }) => timed.error);
  return [
    latencyMetric("ack (HTTP status)", acks),
    { metric: `acks ≥ ${formatMs(SLACK_ACK_DEADLINE_MS)} (Slack's deadline) or never`, value: `${missedDeadline(results).length} of ${results.length}` },
    latencyMetric("answer, all kinds", answersOf()),
    ...KINDS.map((kind) => latencyMetric(`answer, ${kind}`, answersOf(kind))),
    { metric: "errors", value: errors.length === 0 ? "0" : `${errors.length}: ${countByKind(errors)}` },
  ];
}

/** "HTTP 404 × 1200, no answer in time × 30" */
function countByKind(errors: LoadResult[]): string {
  const counts = new Map<string, number>();
  for (const { timed } of errors) counts.set(timed.errorKind ?? "other", (counts.get(timed.errorKind ?? "other") ?? 0) + 1);
  return [...counts.entries()]
    .sort(([, a], [, b]) => b - a)
    .map(([kind, count]) => `${kind} × ${count}`)
    .join(", ");
}

function appMetrics({ usageBefore, usageAfter, wallMs, drainMs, benchCpuMs }: Phase): Metric[] {
  const cpuMs = usageAfter.cpuMs - usageBefore.cpuMs;
  const shareOfCore = (ms: number) => `${((ms / wallMs) * 100).toFixed(0)} % of one core`;
  return [
    { metric: "app RSS (before → after)", value: `${formatMb(usageBefore.rssBytes)} → ${formatMb(usageAfter.rssBytes)}` },
    { metric: "app RSS high-water mark (since start)", value: formatMb(usageAfter.maxRssBytes) },
    { metric: "app CPU time", value: `${formatMs(cpuMs)} in ${formatMs(wallMs)} (${shareOfCore(cpuMs)})` },
    { metric: "bench process CPU time (client + fake Slack)", value: `${formatMs(benchCpuMs)} (${shareOfCore(benchCpuMs)})` },
    { metric: "app idle again after (backlog; probed every 0.5 s)", value: formatMs(drainMs) },
  ];
}

function missedDeadline(results: LoadResult[]): LoadResult[] {
  return results.filter(({ timed }) => timed.ackMs === undefined || timed.ackMs >= SLACK_ACK_DEADLINE_MS);
}

function loadFailures(phase: string, results: LoadResult[]): string[] {
  const failures: string[] = [];
  const late = missedDeadline(results);
  if (late.length > 0)
    failures.push(
      `${phase}: ${late.length} of ${results.length} requests were not acknowledged within ${SLACK_ACK_DEADLINE_MS} ms (Slack would have shown the user an error)`,
    );
  const failed = results.filter(({ timed }) => timed.error);
  if (failed.length > 0) failures.push(`${phase}: ${failed.length} of ${results.length} requests failed (first: ${failed[0].timed.error})`);
  return failures;
}

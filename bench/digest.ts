// The weekly digest for 100 seats × 300 KPIs with 52 weeks of history, 60 open issues and 10 closed this week:
// composing it (loading the scorecard and issues, DigestService.compose) and laying it out in Block Kit
// (buildDigestMessages), each timed 20 times with the memory they take; then one full post through the job.
import { performance } from "node:perf_hooks";
import type { DigestModel } from "../src/domain/digest";
import { lastCompletedWeek } from "../src/domain/week";
import { buildDigestMessages, type DigestMessages } from "../src/messages/digest-blocks";
import type { RecordedCall } from "../tools/local-slack/server";
import { formatMs, type BenchResult, type Metric } from "./support/bench-result";
import { ADMIN, bootBenchApp, CHANNEL, type BenchApp } from "./support/boot";
import { repeatMetric } from "./support/latency";
import { peakMemoryMetrics, watchProcess, type ProcessStats } from "./support/process-watch";
import type { SeededTeam, TeamSpec } from "./support/seed-team";
import { maxBlocks, slackLimitProblems } from "./support/slack-limits";
import { callsOf, slackCallMetrics, withSlackCalls } from "./support/slack-calls";

const SLACK_LATENCY_MS = 20;
const REPEATS = 20;
const CLOSED_ISSUES = 10;
// 5 % missing and 15 % off track: 60 open issues for 300 KPIs.
const TEAM: TeamSpec = { seats: 100, ownersCount: 100, kpisPerSeat: 3, weeksOfHistory: 52, askedWeek: { missing: 0.05, offTrack: 0.15 } };

export interface ComposeTimings {
  composeMs: number[];
  buildMs: number[];
  composeProcess: ProcessStats;
  buildProcess: ProcessStats;
  messages: DigestMessages;
}

export async function benchDigest(): Promise<BenchResult[]> {
  const app = await bootBenchApp({ latencyMs: SLACK_LATENCY_MS });
  try {
    const team = await app.seedTeam(TEAM);
    const openIssues = await openAndCloseIssues(app);
    const timings = await timeComposition(app, REPEATS);
    const post = await timeDigestPost(app);
    return [describeComposition(timings, team, openIssues), describePost(post)];
  } finally {
    await app.stop();
  }
}

/** The week's drift and missing issues (the deadline job), then a few of them resolved with a note. */
async function openAndCloseIssues(app: BenchApp): Promise<number> {
  const { services } = app.cadence;
  await services.loop.runNow("drift", app.clock.now);
  const open = await services.issues.listOpen();
  for (const { issue } of open.slice(0, CLOSED_ISSUES)) {
    const closed = await services.issues.resolve(issue.id, ADMIN, "fixed for the benchmark", app.clock.now);
    if (!closed.ok) throw new Error(`resolving #${issue.id} for the digest benchmark failed: ${closed.error}`);
  }
  return open.length - CLOSED_ISSUES;
}

/** compose() `repeats` times, then buildDigestMessages() on its model `repeats` times, each phase watched. */
export async function timeComposition(app: BenchApp, repeats: number): Promise<ComposeTimings> {
  const week = lastCompletedWeek(app.clock.now, app.cadence.config.tz);
  const composeMs: number[] = [];
  let model: DigestModel | undefined;
  const composeWatch = watchProcess();
  for (let run = 0; run < repeats; run += 1) {
    const started = performance.now();
    model = await app.cadence.services.digest.compose(week, app.clock.now);
    composeMs.push(performance.now() - started);
  }
  const composeProcess = composeWatch.stop();

  const buildMs: number[] = [];
  let messages: DigestMessages | undefined;
  const buildWatch = watchProcess();
  for (let run = 0; run < repeats; run += 1) {
    const started = performance.now();
    messages = buildDigestMessages(model!);
    buildMs.push(performance.now() - started);
    await new Promise((resolve) => setImmediate(resolve)); // lets the memory sampler run between builds
  }
  return { composeMs, buildMs, composeProcess, buildProcess: buildWatch.stop(), messages: messages! };
}

export function compositionMetrics(timings: ComposeTimings): Metric[] {
  const { main, thread } = timings.messages;
  return [
    repeatMetric("digest: compose (load + model)", timings.composeMs),
    repeatMetric("digest: buildDigestMessages (Block Kit)", timings.buildMs),
    ...peakMemoryMetrics(timings.composeProcess, "digest: while composing"),
    ...peakMemoryMetrics(timings.buildProcess, "digest: while building"),
    { metric: "digest: messages (main + thread)", value: `1 + ${thread.length}, up to ${maxBlocks([main, ...thread])} blocks each` },
  ];
}

function describeComposition(timings: ComposeTimings, team: SeededTeam, openIssues: number): BenchResult {
  const metrics: Metric[] = [
    {
      metric: "team",
      value: `${team.seatIds.length} seats, ${team.kpiIds.length} KPIs, ${team.historyWeeks.length} weeks of history (${team.entryCount} entries)`,
    },
    { metric: "issues", value: `${openIssues} open, ${CLOSED_ISSUES} resolved this week` },
    ...compositionMetrics(timings),
  ];
  const { main, thread } = timings.messages;
  return { title: "digest: composition", metrics, failures: slackLimitProblems([main, ...thread]).map((problem) => `digest layout: ${problem}`) };
}

interface DigestPost {
  wallMs: number;
  failedParts: number;
  calls: RecordedCall[];
}

/** `/cadence run digest` without the command around it: compose, lay out and post, main message then thread. */
async function timeDigestPost(app: BenchApp): Promise<DigestPost> {
  const started = performance.now();
  const { result: report, calls } = await withSlackCalls(app.slack, () => app.cadence.services.loop.runNow("digest", app.clock.now));
  return { wallMs: performance.now() - started, failedParts: report.failed, calls };
}

function describePost({ wallMs, failedParts, calls }: DigestPost): BenchResult {
  const posts = callsOf(calls, "chat.postMessage").filter((call) => call.params.channel === CHANNEL);
  const messages = posts.map((call) => ({ blocks: Array.isArray(call.params.blocks) ? call.params.blocks : [] }));
  const metrics: Metric[] = [
    { metric: "digest post: wall time of the job", value: formatMs(wallMs) },
    { metric: "digest post: messages (main + thread replies)", value: String(posts.length) },
    { metric: "digest post: max blocks in a message", value: String(maxBlocks(messages)) },
    ...slackCallMetrics(calls),
  ];
  const failures = slackLimitProblems(messages).map((problem) => `digest post: ${problem}`);
  const refused = posts.filter((call) => !call.ok);
  if (refused.length > 0) failures.push(`Slack refused ${refused.length} digest messages (first: ${refused[0].error})`);
  if (failedParts > 0) failures.push(`the digest job reported ${failedParts} failed parts`);
  if (posts.length === 0) failures.push("the digest job posted nothing");
  return { title: "digest: one full post (runNow)", metrics, failures };
}

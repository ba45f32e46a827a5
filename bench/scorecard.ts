// `/scorecard` and `/issue list` for a 500-KPI team (125 seats × 4) with 52 weeks of history and 100 open issues,
// 200 calls each, sent one after another as signed slash commands over HTTP to the app in its own process: the
// acknowledgement, and the time until the whole answer (every message of it) has arrived at the response_url.
import { formatMb, formatMs, type BenchResult, type Metric } from "./support/bench-result";
import { ADMIN } from "./support/boot";
import type { AppUsage } from "../tools/testkit/child-cadence";
import { bootChildApp } from "./support/child-app";
import { latencyMetric } from "./support/latency";
import type { SeededTeam, TeamSpec } from "./support/seed-team";
import { maxBlocks, slackLimitProblems } from "./support/slack-limits";
import { slashCommander, type SlashCommander, type TimedCommand } from "./support/slash-commands";

const SLACK_LATENCY_MS = 20;
const CALLS = 200;
// 5 % missing and 15 % off track: `/cadence run drift` opens 100 issues for 500 KPIs.
const TEAM: TeamSpec = { seats: 125, ownersCount: 125, kpisPerSeat: 4, weeksOfHistory: 52, askedWeek: { missing: 0.05, offTrack: 0.15 } };
// The drift job posts every issue before it answers; give it time.
const SETUP_ANSWER_TIMEOUT_MS = 300_000;

type CommandUnderTest = { command: string; text: string; userId: string };

/** The first call (cold: nothing compiled or cached yet) and `count` calls after it, one at a time. */
export interface RepeatedCommand {
  cold: TimedCommand;
  warm: TimedCommand[];
}

export async function benchScorecard(): Promise<BenchResult[]> {
  const app = await bootChildApp({ team: TEAM, latencyMs: SLACK_LATENCY_MS });
  const commander = slashCommander(app.url, app.slack);
  try {
    const { team } = app;
    await openIssuesWithDrift(commander);
    const owner = team.ownerIds[0];
    const scorecard = await repeatCommand(commander, { command: "/scorecard", text: "", userId: owner }, CALLS);
    const issueList = await repeatCommand(commander, { command: "/issue", text: "list", userId: owner }, CALLS);
    const usage = await app.usage();
    return [describeScorecard(scorecard, team), describeIssueList(issueList, team, usage)];
  } finally {
    commander.close();
    await app.stop();
  }
}

/** Opens the week's drift and missing issues the way a team gets them: `/cadence run drift`. */
export async function openIssuesWithDrift(commander: SlashCommander): Promise<void> {
  const run = await commander.send({ command: "/cadence", text: "run drift", userId: ADMIN }, { answerTimeoutMs: SETUP_ANSWER_TIMEOUT_MS });
  if (run.error) throw new Error(`setting up issues with /cadence run drift failed: ${run.error}`);
}

export async function repeatCommand(commander: SlashCommander, input: CommandUnderTest, count: number): Promise<RepeatedCommand> {
  const cold = await commander.send(input);
  const warm: TimedCommand[] = [];
  for (let call = 0; call < count; call += 1) warm.push(await commander.send(input));
  return { cold, warm };
}

/** Rows every repeated command gets: ack and answer percentiles, the cold call, the answer's shape, errors. */
export function commandTimingMetrics(label: string, run: RepeatedCommand): Metric[] {
  const { cold, warm } = run;
  const answerChars = cold.parts.reduce((sum, part) => sum + JSON.stringify(part).length, 0);
  return [
    latencyMetric(`${label} ack (HTTP 200)`, ackTimes(warm)),
    latencyMetric(`${label} answer (last message at response_url)`, answerTimes(warm)),
    { metric: `${label} first call (cold): ack / answer`, value: `${formatMs(cold.ackMs ?? NaN)} / ${formatMs(cold.answerMs ?? NaN)}` },
    {
      metric: `${label} answer size`,
      value: `${cold.parts.length} message(s), up to ${maxBlocks(cold.parts)} blocks each, ${(answerChars / 1024).toFixed(0)} KB of JSON`,
    },
    { metric: `${label} errors`, value: String([cold, ...warm].filter((call) => call.error).length) },
  ];
}

/** Failed calls and answers Slack would not show, as FAIL lines. */
export function commandFailures(label: string, run: RepeatedCommand): string[] {
  const calls = [run.cold, ...run.warm];
  const failed = calls.filter((call) => call.error);
  const failures = failed.length > 0 ? [`${failed.length} of ${calls.length} ${label} calls failed (first: ${failed[0].error})`] : [];
  return [...failures, ...slackLimitProblems(run.cold.parts).map((problem) => `${label} answer: ${problem}`)];
}

/** "Scorecard for 2026-W47: 400 on track, 75 off track, 25 missing" → how many KPIs the answer covers. */
export function kpisCounted(answer: TimedCommand): number | undefined {
  const match = /(\d+) on track, (\d+) off track, (\d+) missing/.exec(answer.parts[0]?.text ?? "");
  return match ? Number(match[1]) + Number(match[2]) + Number(match[3]) : undefined;
}

function describeScorecard(run: RepeatedCommand, team: SeededTeam): BenchResult {
  const kpis = team.kpiIds.length;
  const issues = team.askedWeekCounts.missing + team.askedWeekCounts.offTrack;
  const metrics: Metric[] = [
    {
      metric: "team",
      value: `${team.seatIds.length} seats, ${kpis} KPIs, ${team.historyWeeks.length} weeks of history (${team.entryCount} entries), ${issues} open issues`,
    },
    { metric: "fake Slack latency per call (response_url posts too)", value: formatMs(SLACK_LATENCY_MS) },
    { metric: "calls", value: `1 cold + ${CALLS}, one at a time` },
    ...commandTimingMetrics("/scorecard", run),
  ];
  const failures = commandFailures("/scorecard", run);
  const counted = kpisCounted(run.cold);
  if (counted !== kpis) failures.push(`/scorecard counted ${counted ?? "no"} KPIs, expected ${kpis}`);
  return { title: "/scorecard: the whole scorecard", metrics, failures };
}

function describeIssueList(run: RepeatedCommand, team: SeededTeam, usage: AppUsage): BenchResult {
  const expected = team.askedWeekCounts.missing + team.askedWeekCounts.offTrack;
  const listed = Number(/^(\d+) open issues/.exec(run.cold.parts[0]?.text ?? "")?.[1] ?? NaN);
  const metrics: Metric[] = [
    { metric: "open issues listed", value: `${listed} (expected ${expected})` },
    ...commandTimingMetrics("/issue list", run),
    { metric: "app process RSS after both runs / high-water mark", value: `${formatMb(usage.rssBytes)} / ${formatMb(usage.maxRssBytes)}` },
  ];
  const failures = commandFailures("/issue list", run);
  if (listed !== expected) failures.push(`/issue list answered "${run.cold.parts[0]?.text ?? "nothing"}", expected ${expected} open issues`);
  return { title: "/issue list: every open issue", metrics, failures };
}

export function ackTimes(calls: TimedCommand[]): number[] {
  return calls.flatMap((call) => (call.ackMs === undefined ? [] : [call.ackMs]));
}

export function answerTimes(calls: TimedCommand[]): number[] {
  return calls.flatMap((call) => (call.answerMs === undefined ? [] : [call.answerMs]));
}

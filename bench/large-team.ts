// A large team: 1,000 seats (one owner each, seven time zones), 3,000 KPIs, 52 weeks of history, a week with
// 5 % missing and 15 % off track. One app, one database, each job in turn, Slack answering in 20 ms: seeding,
// `/scorecard`, the deadline job, the digest's composition and the Monday check-in fan-out; peak memory over all.
// Everything runs in this process (the jobs are called directly), so `/scorecard` is timed to its answer only:
// an acknowledgement measured here would wait behind the app's own work (see support/child-app.ts).
import { performance } from "node:perf_hooks";
import { formatMs, formatRate, type BenchResult, type Metric } from "./support/bench-result";
import { bootBenchApp } from "./support/boot";
import { latencyMetric } from "./support/latency";
import { peakMemoryMetrics, watchProcess } from "./support/process-watch";
import type { TeamSpec } from "./support/seed-team";
import { slashCommander } from "./support/slash-commands";
import { TUESDAY_BEFORE_DEADLINE, timeOneTick } from "./checkin-fanout";
import { compositionMetrics, timeComposition } from "./digest";
import { driftRunFailures, driftRunMetrics, timeDriftRun } from "./drift";
import { answerTimes, commandFailures, kpisCounted, repeatCommand } from "./scorecard";

const SLACK_LATENCY_MS = 20;
const SCORECARD_CALLS = 20;
const DIGEST_REPEATS = 5;
const OWNERS = 1000;
const TEAM: TeamSpec = { seats: OWNERS, ownersCount: OWNERS, kpisPerSeat: 3, weeksOfHistory: 52, askedWeek: { missing: 0.05, offTrack: 0.15 } };

export async function benchLargeTeam(): Promise<BenchResult[]> {
  // Tuesday before the deadline: every owner is due for a check-in, and the jobs judge the week just ended.
  const app = await bootBenchApp({ latencyMs: SLACK_LATENCY_MS, startAt: TUESDAY_BEFORE_DEADLINE });
  const commander = slashCommander(app.cadence.url!, app.slack);
  try {
    const watch = watchProcess();
    const seedStarted = performance.now();
    const team = await app.seedTeam(TEAM);
    const seedMs = performance.now() - seedStarted;

    const scorecard = await repeatCommand(commander, { command: "/scorecard", text: "", userId: team.ownerIds[0] }, SCORECARD_CALLS);
    const drift = await timeDriftRun(app);
    const digest = await timeComposition(app, DIGEST_REPEATS);
    const fanout = await timeOneTick(app, team.ownerIds);
    const memory = watch.stop();

    const metrics: Metric[] = [
      {
        metric: "team",
        value: `${team.seatIds.length} seats, ${team.ownerIds.length} owners, ${team.kpiIds.length} KPIs, ${team.historyWeeks.length} weeks of history (${team.entryCount} entries)`,
      },
      { metric: "fake Slack latency per call", value: formatMs(SLACK_LATENCY_MS) },
      { metric: "seed (straight into SQLite)", value: formatMs(seedMs) },
      latencyMetric("/scorecard answer (in-process)", answerTimes(scorecard.warm)),
      { metric: "/scorecard first call (cold) answer", value: formatMs(scorecard.cold.answerMs ?? NaN) },
      { metric: "/scorecard answer size", value: `${scorecard.cold.parts.length} messages` },
      ...driftRunMetrics(drift, team),
      ...compositionMetrics(digest),
      { metric: "check-in fan-out: wall time of tick()", value: formatMs(fanout.wallMs) },
      { metric: "check-in fan-out: DMs sent", value: `${fanout.newDms} (expected ${OWNERS}), ${formatRate(fanout.newDms, fanout.wallMs)}/s` },
      ...peakMemoryMetrics(memory, "whole run (app + fake Slack)"),
    ];
    const failures = [...commandFailures("/scorecard", scorecard), ...driftRunFailures(drift, team)];
    if (kpisCounted(scorecard.cold) !== team.kpiIds.length)
      failures.push(`/scorecard counted ${kpisCounted(scorecard.cold) ?? "no"} KPIs, expected ${team.kpiIds.length}`);
    if (fanout.newDms !== OWNERS || fanout.ownersWithOneDm !== OWNERS) {
      failures.push(`the check-in tick sent ${fanout.newDms} DMs and ${fanout.ownersWithOneDm} owners have exactly one, expected ${OWNERS}`);
    }
    return [{ title: "large team: 1,000 seats, 3,000 KPIs, 52 weeks", metrics, failures }];
  } finally {
    commander.close();
    await app.stop();
  }
}

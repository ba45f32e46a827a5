// The first check-in of a 1,000-owner team under Slack's real rate-limit tiers (the fake Slack enforces them:
// tools/local-slack/rate-tiers.ts). Nothing is cached: every owner's time zone comes from Slack. The figure to
// hold it against is the floor the tiers impose, computed below from the tiers and the calls that must be made.
import type { RecordedCall } from "../tools/local-slack/server";
import { METHOD_PER_MINUTE, TIER_PER_MINUTE, tierBurst } from "../tools/local-slack/rate-tiers";
import { USERS_PAGE_SIZE } from "../src/slack/slack-api";
import { formatMs, type BenchResult, type Metric } from "./support/bench-result";
import { bootBenchApp } from "./support/boot";
import { TUESDAY_BEFORE_DEADLINE, timeOneTick, type TickRun } from "./checkin-fanout";
import { slackCallMetrics } from "./support/slack-calls";

const OWNERS = 1000;
const SLACK_LATENCY_MS = 20;
const GOAL_RATIO = 1.2;

export async function benchCheckinFanoutUnderTiers(): Promise<BenchResult[]> {
  const app = await bootBenchApp({ latencyMs: SLACK_LATENCY_MS, startAt: TUESDAY_BEFORE_DEADLINE, rateLimits: true });
  try {
    const team = await app.seedTeam({ seats: OWNERS, ownersCount: OWNERS, kpisPerSeat: [1, 2], weeksOfHistory: 4 });
    const members = app.slack.users().length;
    const run = await timeOneTick(app, team.ownerIds);
    return [describe(run, members)];
  } finally {
    await app.stop();
  }
}

/**
 * The least time Slack's tiers allow for this check-in. Time zones for N owners need ⌈members ÷ 200⌉ users.list
 * pages (Tier 2: a burst of B, then one every 60 ÷ 20 = 3 s), fetched one after another because each needs the
 * last page's cursor: (pages − B) × 3 s, plus the last page's round trip. After it, at least one more round trip
 * posts the DMs of that page's owners. chat.postMessage (one a second per channel) does not bind: each owner's
 * DM is its own channel, and Slack publishes no number for its workspace-wide posting limit, so none is modelled.
 */
export function tierFloorMs(members: number, latencyMs: number): { floorMs: number; pages: number; burst: number } {
  const pages = Math.ceil(members / USERS_PAGE_SIZE);
  const perMinute = METHOD_PER_MINUTE["users.list"]!;
  const burst = tierBurst(perMinute);
  return { floorMs: Math.max(0, pages - burst) * (60_000 / perMinute) + 2 * latencyMs, pages, burst };
}

/** For comparison: the same owners' zones one users.info each (Tier 4), as the fan-out used to learn them. */
function usersInfoFloorMs(owners: number): number {
  return Math.max(0, owners - tierBurst(TIER_PER_MINUTE.tier4)) * (60_000 / TIER_PER_MINUTE.tier4);
}

function describe(run: TickRun, members: number): BenchResult {
  const { floorMs, pages, burst } = tierFloorMs(members, SLACK_LATENCY_MS);
  const ratio = run.wallMs / floorMs;
  const rateLimited = run.calls.filter((call: RecordedCall) => call.error === "ratelimited").length;
  const metrics: Metric[] = [
    { metric: "team", value: `${OWNERS} owners, ${members} workspace members, no cached time zones` },
    { metric: "fake Slack", value: `${formatMs(SLACK_LATENCY_MS)} a call, Slack's rate-limit tiers on` },
    { metric: "wall time of tick()", value: formatMs(run.wallMs) },
    {
      metric: "floor the tiers impose",
      value: `${formatMs(floorMs)} = (${pages} users.list pages − burst ${burst}) × 3 s (Tier 2, 20/min) + 2 round trips`,
    },
    { metric: "wall time ÷ floor", value: `${ratio.toFixed(2)}× (goal ≤ ${GOAL_RATIO}×)` },
    { metric: "the same zones by users.info (Tier 4), floor", value: formatMs(usersInfoFloorMs(OWNERS)) },
    { metric: "DMs sent", value: `${run.newDms} (expected ${OWNERS})` },
    { metric: "owners with more than one DM", value: String(run.ownersWithSeveralDms) },
    { metric: "429 answers (waited out)", value: String(rateLimited) },
    ...slackCallMetrics(run.calls),
  ];
  const failures: string[] = [];
  if (run.newDms !== OWNERS) failures.push(`sent ${run.newDms} DMs, expected ${OWNERS}`);
  if (run.ownersWithSeveralDms > 0) failures.push(`${run.ownersWithSeveralDms} owners got duplicate DMs`);
  return { title: "check-in fan-out under Slack's rate-limit tiers: first tick, 1,000 owners", metrics, failures };
}

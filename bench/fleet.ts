// Several instances on one PostgreSQL: the check-in fan-out for 3,000 owners run by one instance, then by three
// sharing it (FOR UPDATE SKIP LOCKED claims, each instance joining on its heartbeat), each in its own processes on
// a copy of one seeded database; then 50 slash commands a second spread round-robin over three instances, as a
// load balancer would. Every DM must reach its owner exactly once (the delivery key in each message's metadata).
// Needs PostgreSQL: CADENCE_BENCH_POSTGRES_URL, or a throwaway server started here (bench/support/postgres-server.ts).
import { positiveFromEnv } from "./support/env-number";
import { performance } from "node:perf_hooks";
import { setTimeout as delay } from "node:timers/promises";
import { loadConfig } from "../src/config/config";
import { openDatabase } from "../src/db/database";
import { applyPendingMigrations } from "../src/db/migrate";
import type { LocalSlack, StoredMessage } from "../tools/local-slack/server";
import { startCadenceProcess, type CadenceProcess } from "../tools/testkit/cadence-process";
import type { AppUsage } from "../tools/testkit/child-cadence";
import { cadenceEnvironment } from "../tools/testkit/environment";
import { formatMs, formatRate, type BenchResult, type Metric } from "./support/bench-result";
import { ADMIN, startBenchSlack } from "./support/boot";
import { TUESDAY_BEFORE_DEADLINE } from "./checkin-fanout";
import { latencyMetric } from "./support/latency";
import { atSteadyRate } from "./support/load-driver";
import { benchPostgres, type BenchPostgres } from "./support/postgres-server";
import { seedTeam, type SeededTeam, type TeamSpec } from "./support/seed-team";
import { slashCommander } from "./support/slash-commands";
import { LOAD_TEAM, MIX, MIX_DESCRIPTION, sendRequest, type LoadResult } from "./load";
import { openIssuesWithDrift } from "./scorecard";

const OWNERS = 3000;
const FLEET = 3;
const SLACK_LATENCY_MS = 20;
const FAN_OUT_TEAM: TeamSpec = { seats: OWNERS, ownersCount: OWNERS, kpisPerSeat: 1, weeksOfHistory: 4 };
const FAN_OUT_TIMEOUT_MS = 600_000;
// After the last DM, how long to keep counting posts: a duplicate would arrive late.
const SETTLE_MS = 3000;
const RATE_PER_SECOND = 50;
const DEFAULT_LOAD_SECONDS = 30;
const SLACK_ACK_DEADLINE_MS = 3000;

interface FanOutRun {
  instances: number;
  wallMs: number;
  dms: number;
  ownersWithOneDm: number;
  duplicates: number;
  /** DMs each instance sent (its claims on the shared queue). */
  sentByInstance: number[];
  cpuMsByInstance: number[];
}

export async function benchFleet(): Promise<BenchResult[]> {
  const server = await benchPostgres();
  const slack = await startBenchSlack(SLACK_LATENCY_MS);
  const now = new Date(TUESDAY_BEFORE_DEADLINE);
  try {
    const fanOutTeam = await seededDatabase(server, slack, FAN_OUT_TEAM, now);
    const runs: FanOutRun[] = [];
    for (const instances of [1, FLEET]) {
      slack.reset();
      runs.push(await timeFanOut(server, slack, fanOutTeam, instances, now));
    }
    slack.reset();
    const loadTeam = await seededDatabase(server, slack, LOAD_TEAM, now);
    const load = await timeLoad(server, slack, loadTeam, now);
    return [describeFanOut(runs, server), describeLoad(load)];
  } finally {
    await slack.close();
    await server.stop();
  }
}

interface SeededDatabase {
  /** The seeded database's name, to copy it for each run. */
  name: string;
  team: SeededTeam;
}

async function seededDatabase(server: BenchPostgres, slack: LocalSlack, spec: TeamSpec, now: Date): Promise<SeededDatabase> {
  const url = await server.createDatabase();
  await applyPendingMigrations(url);
  const db = await openDatabase(url);
  const team = await seedTeam(db, slack, spec, { now, teamTz: loadConfig(cadenceEnvironment(slack.apiUrl, url)).tz }).finally(() => db.$disconnect());
  return { name: new URL(url).pathname.slice(1), team };
}

/** `count` app processes on a copy of the seeded database, with production's heartbeat and no minute tick. */
async function startFleet(server: BenchPostgres, slack: LocalSlack, seeded: SeededDatabase, count: number, now: Date) {
  const databaseUrl = await server.createDatabase(seeded.name);
  const logLevel: Record<string, string> = process.env.BENCH_LOG ? { CADENCE_LOG_LEVEL: process.env.BENCH_LOG } : {};
  const env = { ...cadenceEnvironment(slack.apiUrl, databaseUrl), ...logLevel, CADENCE_NOW: now.toISOString(), CADENCE_SCHEDULER: "off" };
  const instances: CadenceProcess[] = [];
  for (let index = 0; index < count; index += 1) instances.push(await startCadenceProcess(env, { logs: "forward" }));
  return { databaseUrl, instances, stop: () => Promise.all(instances.map((instance) => instance.stop())) };
}

/** `/cadence run checkins` on the first instance; the others join on their heartbeat. Timed to the last DM. */
async function timeFanOut(server: BenchPostgres, slack: LocalSlack, seeded: SeededDatabase, count: number, now: Date): Promise<FanOutRun> {
  const fleet = await startFleet(server, slack, seeded, count, now);
  const dmsByKey = new Map<string, number>();
  let lastDmAt = 0;
  const onMessage = (message: StoredMessage) => {
    const key = String(message.metadata?.event_payload?.key ?? "");
    if (!key.startsWith("checkin:")) return;
    dmsByKey.set(key, (dmsByKey.get(key) ?? 0) + 1);
    lastDmAt = performance.now();
  };
  slack.on("message", onMessage);
  const commander = slashCommander(fleet.instances[0].url, slack);
  try {
    const cpuBefore = await Promise.all(fleet.instances.map((instance) => instance.usage()));
    const started = performance.now();
    const answered = commander.send({ command: "/cadence", text: "run checkins", userId: ADMIN }, { answerTimeoutMs: FAN_OUT_TIMEOUT_MS });
    while (dmsByKey.size < OWNERS && performance.now() - started < FAN_OUT_TIMEOUT_MS) await delay(100);
    await answered;
    await delay(SETTLE_MS);
    const cpuAfter = await Promise.all(fleet.instances.map((instance) => instance.usage()));
    const counts = [...dmsByKey.values()];
    return {
      instances: count,
      wallMs: lastDmAt - started,
      dms: counts.reduce((total, dms) => total + dms, 0),
      ownersWithOneDm: counts.filter((dms) => dms === 1).length,
      duplicates: counts.reduce((total, dms) => total + Math.max(0, dms - 1), 0),
      sentByInstance: await sentByInstance(fleet.databaseUrl, fleet.instances),
      cpuMsByInstance: cpuAfter.map((usage: AppUsage, index) => usage.cpuMs - cpuBefore[index].cpuMs),
    };
  } finally {
    slack.off("message", onMessage);
    commander.close();
    await fleet.stop();
  }
}

/** Which instance claimed each sent DM, in the order the instances started. */
async function sentByInstance(databaseUrl: string, instances: CadenceProcess[]): Promise<number[]> {
  const ids = await Promise.all(instances.map(async (instance) => ((await (await fetch(`${instance.url}/healthz`)).json()) as { instance: string }).instance));
  const db = await openDatabase(databaseUrl);
  try {
    const rows = await db.checkIn.groupBy({ by: ["claimedBy"], where: { sentAt: { not: null } }, _count: { _all: true } });
    return ids.map((id) => rows.find((row) => row.claimedBy === id)?._count._all ?? 0);
  } finally {
    await db.$disconnect();
  }
}

interface LoadRun {
  results: LoadResult[];
  seconds: number;
  sendWindowMs: number;
  perInstance: number[];
}

/** 50 commands a second, request i to instance i mod 3 (a round-robin balancer). */
async function timeLoad(server: BenchPostgres, slack: LocalSlack, seeded: SeededDatabase, now: Date): Promise<LoadRun> {
  const seconds = positiveFromEnv("FLEET_LOAD_SECONDS", DEFAULT_LOAD_SECONDS);
  const fleet = await startFleet(server, slack, seeded, FLEET, now);
  const commanders = fleet.instances.map((instance) => slashCommander(instance.url, slack));
  try {
    await openIssuesWithDrift(commanders[0]);
    const perInstance = commanders.map(() => 0);
    const send = (index: number) => {
      perInstance[index % FLEET] += 1;
      return sendRequest(commanders[index % FLEET], seeded.team, MIX[index % MIX.length], index);
    };
    for (let index = 0; index < 3 * FLEET; index += 1) await send(index); // warm each instance up
    perInstance.fill(0);
    const run = await atSteadyRate(RATE_PER_SECOND, seconds, send);
    return { results: run.results, seconds, sendWindowMs: run.sendWindowMs, perInstance };
  } finally {
    for (const commander of commanders) commander.close();
    await fleet.stop();
  }
}

function describeFanOut(runs: FanOutRun[], server: BenchPostgres): BenchResult {
  const metrics: Metric[] = [
    { metric: "team", value: `${OWNERS} owners, one seat and KPI each, seven time zones` },
    {
      metric: "database",
      value: `PostgreSQL (${server.origin === "given" ? "CADENCE_BENCH_POSTGRES_URL" : "throwaway server, fsync off"}); fake Slack answers in ${formatMs(SLACK_LATENCY_MS)}`,
    },
  ];
  const failures: string[] = [];
  for (const run of runs) {
    const label = `${run.instances} instance${run.instances === 1 ? "" : "s"}`;
    metrics.push(
      { metric: `${label}: command → last DM`, value: `${formatMs(run.wallMs)} (${formatRate(run.dms, run.wallMs)} DMs/s)` },
      { metric: `${label}: DMs sent / duplicates`, value: `${run.dms} (expected ${OWNERS}) / ${run.duplicates}` },
      { metric: `${label}: DMs sent by each instance`, value: run.sentByInstance.join(" / ") },
      { metric: `${label}: app CPU by each instance`, value: run.cpuMsByInstance.map((ms) => formatMs(ms)).join(" / ") },
    );
    if (run.ownersWithOneDm !== OWNERS) failures.push(`${label}: ${OWNERS - run.ownersWithOneDm} owners do not have exactly one DM`);
    if (run.duplicates > 0) failures.push(`${label}: ${run.duplicates} duplicate DMs`);
  }
  return { title: `fleet: check-in fan-out, ${OWNERS} owners, 1 instance vs ${FLEET}`, metrics, failures };
}

function describeLoad(run: LoadRun): BenchResult {
  const acks = run.results.flatMap(({ timed }) => (timed.ackMs === undefined ? [] : [timed.ackMs]));
  const answers = run.results.flatMap(({ timed }) => (timed.answerMs === undefined ? [] : [timed.answerMs]));
  const errors = run.results.filter(({ timed }) => timed.error);
  const late = run.results.filter(({ timed }) => timed.ackMs === undefined || timed.ackMs >= SLACK_ACK_DEADLINE_MS);
  const metrics: Metric[] = [
    { metric: "offered load", value: `${RATE_PER_SECOND}/s for ${run.seconds} s (${MIX_DESCRIPTION}), round-robin over ${FLEET} instances` },
    { metric: "achieved send rate", value: `${(run.results.length / (run.sendWindowMs / 1000)).toFixed(1)}/s` },
    { metric: "requests per instance", value: run.perInstance.join(" / ") },
    latencyMetric("ack (HTTP status)", acks),
    { metric: `acks ≥ ${formatMs(SLACK_ACK_DEADLINE_MS)} or never`, value: `${late.length} of ${run.results.length}` },
    latencyMetric("answer, all kinds", answers),
    { metric: "errors", value: String(errors.length) },
  ];
  const failures = [
    ...(late.length > 0 ? [`${late.length} acks at or past Slack's 3 s deadline`] : []),
    ...(errors.length > 0 ? [`${errors.length} failed requests (first: ${errors[0].timed.error})`] : []),
  ];
  return { title: `fleet: steady ${RATE_PER_SECOND} commands/s over ${FLEET} instances`, metrics, failures };
}

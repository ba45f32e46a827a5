// Boots Cadence in a child process (tools/testkit/cadence-process.ts) for the benchmarks that time it over HTTP. In one
// process the client's callbacks wait behind the app's work, so an acknowledgement would look as slow as the
// answer; apart, each gets its own event loop (and, on two cores, its own CPU), as with Slack and a real server.
// The fake Slack runs here, and the team is seeded here into a fresh database under bench/.tmp/ before the app
// starts on it. stop() ends the child (SIGTERM, then SIGKILL if it hangs) and deletes the folder.
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { loadConfig } from "../../src/config/config";
import { openDatabase } from "../../src/db/database";
import { applyPendingMigrations } from "../../src/db/migrate";
import type { LocalSlack } from "../../tools/local-slack/server";
import { startCadenceProcess, type CadenceProcess } from "../../tools/testkit/cadence-process";
import type { AppUsage } from "../../tools/testkit/child-cadence";
import { cadenceEnvironment } from "../../tools/testkit/environment";
import { startCommand } from "../../tools/testkit/start-command";
import { DEFAULT_START_AT, makeWorkDir, removeWorkDir, SETTLE_MS, startBenchSlack } from "./boot";
import { seedTeam, type SeededTeam, type TeamSpec } from "./seed-team";

const STOP_TIMEOUT_MS = 10_000;

export interface ChildAppOptions {
  team: TeamSpec;
  /** Delay the fake Slack adds to every answer. */
  latencyMs?: number;
  /** The cores the app runs on (support/separate-cores.ts); anywhere when not given. */
  cpus?: string;
  /** The app's frozen clock. */
  startAt?: string;
}

export interface ChildApp {
  /** Base URL of the app's HTTP server; Slack requests go to `${url}/slack/events`. */
  url: string;
  slack: LocalSlack;
  /** The app's SQLite file, for benchmarks that add rows the team seed does not (seat tokens). */
  databaseUrl: string;
  team: SeededTeam;
  now: Date;
  migrateMs: number;
  seedMs: number;
  /** The child's memory and CPU time, asked over IPC. */
  usage(): Promise<AppUsage>;
  /** Moves the app's frozen clock on by `ms` (`now` stays the start). */
  advanceClock(ms: number): Promise<void>;
  /** Resolves once the app has been all but idle for a moment (a backlog drained), or after `maxWaitMs`. */
  waitUntilIdle(maxWaitMs: number): Promise<{ waitedMs: number; idle: boolean }>;
  stop(): Promise<void>;
}

export async function bootChildApp(options: ChildAppOptions): Promise<ChildApp> {
  const workDir = makeWorkDir();
  const databaseUrl = `file:${join(workDir, "cadence.db")}`;
  const now = new Date(options.startAt ?? DEFAULT_START_AT);
  let slack: LocalSlack | undefined;
  let child: CadenceProcess | undefined;
  try {
    const migrateStarted = performance.now();
    await applyPendingMigrations(databaseUrl);
    const migrateMs = performance.now() - migrateStarted;
    // Timed over HTTP, so under Slack's rate-limit tiers: acks and answers must not depend on them.
    slack = await startBenchSlack(options.latencyMs ?? 0, true);
    const env = cadenceEnvironment(slack.apiUrl, databaseUrl);

    const seedStarted = performance.now();
    const db = await openDatabase(databaseUrl);
    const team = await seedTeam(db, slack, options.team, { now, teamTz: loadConfig(env).tz }).finally(() => db.$disconnect());
    const seedMs = performance.now() - seedStarted;

    // No scheduler: nothing runs outside the measured window. The app's logs go to stderr, away from the tables.
    const logLevel: Record<string, string> = process.env.BENCH_LOG ? { CADENCE_LOG_LEVEL: process.env.BENCH_LOG } : {};
    // BENCH_CPU_PROF=<dir>: the app writes a V8 CPU profile there when it stops (open it in Chrome's DevTools).
    const profile = process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
    // With npm start's Node flags and environment: measured as it runs in use, if through tsx rather than the bundle.
    const npmStart = startCommand();
    child = await startCadenceProcess(
      { ...env, ...npmStart.env, ...logLevel, CADENCE_NOW: now.toISOString(), CADENCE_SCHEDULER: "off" },
      { logs: "forward", nodeArgs: [...npmStart.flags, ...profile], cpus: options.cpus },
    );
    const running = child;
    const fakeSlack = slack;
    return {
      url: running.url,
      slack: fakeSlack,
      databaseUrl,
      team,
      now,
      migrateMs,
      seedMs,
      usage: () => running.usage(),
      advanceClock: (ms) => running.advanceClock(ms),
      waitUntilIdle: (maxWaitMs) => waitUntilIdle(running, maxWaitMs),
      async stop() {
        try {
          await delay(SETTLE_MS);
          await running.stop(STOP_TIMEOUT_MS);
          await fakeSlack.close();
        } finally {
          removeWorkDir(workDir);
        }
      },
    };
  } catch (error) {
    if (child) await child.stop(STOP_TIMEOUT_MS).catch(() => undefined);
    await slack?.close().catch(() => undefined);
    removeWorkDir(workDir);
    throw error;
  }
}

const IDLE_PROBE_MS = 500;
// Under 5 % of a core over the probe: nothing left in its queue but timers and heartbeats.
const IDLE_CPU_SHARE = 0.05;

async function waitUntilIdle(child: CadenceProcess, maxWaitMs: number): Promise<{ waitedMs: number; idle: boolean }> {
  const started = performance.now();
  let before = await child.usage();
  while (performance.now() - started < maxWaitMs) {
    await delay(IDLE_PROBE_MS);
    const after = await child.usage();
    if (after.cpuMs - before.cpuMs < IDLE_PROBE_MS * IDLE_CPU_SHARE) return { waitedMs: performance.now() - started, idle: true };
    before = after;
  }
  return { waitedMs: performance.now() - started, idle: false };
}

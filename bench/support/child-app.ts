// Boots Cadence in a child process (support/app-process.ts) for the benchmarks that time it over HTTP. In one
// process the client's callbacks wait behind the app's work, so an acknowledgement would look as slow as the
// answer; apart, each gets its own event loop (and, on two cores, its own CPU), as with Slack and a real server.
// The fake Slack runs here, and the team is seeded here into a fresh database under bench/.tmp/ before the app
// starts on it. stop() ends the child (SIGTERM, then SIGKILL if it hangs) and deletes the folder.
import { spawn, type ChildProcess } from "node:child_process";
import { join, resolve, dirname } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { loadConfig } from "../../src/config/config";
import { openDatabase } from "../../src/db/database";
import { applyPendingMigrations } from "../../src/db/migrate";
import type { LocalSlack } from "../../tools/local-slack/server";
import type { AppUsage } from "./app-process";
import { benchEnvironment, DEFAULT_START_AT, makeWorkDir, removeWorkDir, SETTLE_MS, startBenchSlack } from "./boot";
import { seedTeam, type SeededTeam, type TeamSpec } from "./seed-team";

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const APP_PROCESS = join(PROJECT_ROOT, "bench", "support", "app-process.ts");
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;
const USAGE_TIMEOUT_MS = 30_000;

export interface ChildAppOptions {
  team: TeamSpec;
  /** Delay the fake Slack adds to every answer. */
  latencyMs?: number;
  /** The app's frozen clock. */
  startAt?: string;
}

export interface ChildApp {
  /** Base URL of the app's HTTP server; Slack requests go to `${url}/slack/events`. */
  url: string;
  slack: LocalSlack;
  team: SeededTeam;
  now: Date;
  migrateMs: number;
  seedMs: number;
  /** The child's memory and CPU time, asked over IPC. */
  usage(): Promise<AppUsage>;
  /** Resolves once the app has been all but idle for a moment (a backlog drained), or after `maxWaitMs`. */
  waitUntilIdle(maxWaitMs: number): Promise<{ waitedMs: number; idle: boolean }>;
  stop(): Promise<void>;
}

export async function bootChildApp(options: ChildAppOptions): Promise<ChildApp> {
  const workDir = makeWorkDir();
  const databaseUrl = `file:${join(workDir, "cadence.db")}`;
  const now = new Date(options.startAt ?? DEFAULT_START_AT);
  let slack: LocalSlack | undefined;
  let child: ChildProcess | undefined;
  try {
    const migrateStarted = performance.now();
    await applyPendingMigrations(databaseUrl);
    const migrateMs = performance.now() - migrateStarted;
    // Timed over HTTP, so under Slack's rate-limit tiers: acks and answers must not depend on them.
    slack = await startBenchSlack(options.latencyMs ?? 0, true);
    const env = benchEnvironment(slack, databaseUrl);

    const seedStarted = performance.now();
    const db = await openDatabase(databaseUrl);
    const team = await seedTeam(db, slack, options.team, { now, teamTz: loadConfig(env).tz }).finally(() => db.$disconnect());
    const seedMs = performance.now() - seedStarted;

    child = spawnAppProcess({ ...env, BENCH_NOW: now.toISOString() });
    const url = await waitUntilReady(child);
    const running = child;
    const fakeSlack = slack;
    return {
      url,
      slack: fakeSlack,
      team,
      now,
      migrateMs,
      seedMs,
      usage: () => askUsage(running),
      waitUntilIdle: (maxWaitMs) => waitUntilIdle(running, maxWaitMs),
      async stop() {
        try {
          await delay(SETTLE_MS);
          await endProcess(running);
          await fakeSlack.close();
        } finally {
          removeWorkDir(workDir);
        }
      },
    };
  } catch (error) {
    if (child) await endProcess(child).catch(() => undefined);
    await slack?.close().catch(() => undefined);
    removeWorkDir(workDir);
    throw error;
  }
}

function spawnAppProcess(env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", APP_PROCESS], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...(process.env.BENCH_LOG ? { BENCH_LOG: process.env.BENCH_LOG } : {}), ...env },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  // The app's own logs (errors only, unless BENCH_LOG says otherwise) go to stderr, away from the tables.
  child.stderr!.pipe(process.stderr);
  return child;
}

function waitUntilReady(child: ChildProcess): Promise<string> {
  return new Promise<string>((resolveUrl, reject) => {
    let stdout = "";
    const timer = setTimeout(() => reject(new Error(`the app process did not start within ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /ready (\S+)/.exec(stdout);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off("data", onData);
      child.stdout!.pipe(process.stderr);
      resolveUrl(match[1]);
    };
    child.stdout!.on("data", onData);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the app process exited (${signal ?? code}) before it was ready`));
    });
  });
}

function askUsage(child: ChildProcess): Promise<AppUsage> {
  return new Promise<AppUsage>((resolveUsage, reject) => {
    const timer = setTimeout(() => {
      child.off("message", onMessage);
      reject(new Error(`the app process did not report its usage within ${USAGE_TIMEOUT_MS} ms`));
    }, USAGE_TIMEOUT_MS);
    const onMessage = (message: unknown) => {
      clearTimeout(timer);
      child.off("message", onMessage);
      resolveUsage(message as AppUsage);
    };
    child.on("message", onMessage);
    child.send("usage");
  });
}

const IDLE_PROBE_MS = 500;
// Under 5 % of a core over the probe: nothing left in its queue but timers and heartbeats.
const IDLE_CPU_SHARE = 0.05;

async function waitUntilIdle(child: ChildProcess, maxWaitMs: number): Promise<{ waitedMs: number; idle: boolean }> {
  const started = performance.now();
  let before = await askUsage(child);
  while (performance.now() - started < maxWaitMs) {
    await delay(IDLE_PROBE_MS);
    const after = await askUsage(child);
    if (after.cpuMs - before.cpuMs < IDLE_PROBE_MS * IDLE_CPU_SHARE) return { waitedMs: performance.now() - started, idle: true };
    before = after;
  }
  return { waitedMs: performance.now() - started, idle: false };
}

/** SIGTERM (the app stops cleanly), then SIGKILL if it has not exited in time. Only ever this child. */
async function endProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolveExit) => child.once("exit", () => resolveExit()));
  child.kill("SIGTERM");
  const killer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
  await exited.finally(() => clearTimeout(killer));
}

// Boots the real Cadence (the same startCadence as `npm start`) for a benchmark, without vitest: a freshly
// migrated SQLite file in its own folder under bench/.tmp/, the local fake Slack on 127.0.0.1 with a fixed
// latency on every answer, and a clock the benchmark sets. stop() shuts everything and deletes the folder.
import { mkdirSync, mkdtempSync, rmdirSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { LogLevel } from "@slack/bolt";
import { loadConfig } from "../../src/config/config";
import { applyPendingMigrations } from "../../src/db/migrate";
import { startCadence, type RunningCadence } from "../../src/main";
import { startLocalSlack, type LocalSlack } from "../../tools/local-slack/server";
import { ADMIN, CHANNEL, cadenceEnvironment, settableClock, type SettableClock } from "../../tools/testkit/environment";
import { seedTeam, type SeededTeam, type TeamSpec } from "./seed-team";

export { ADMIN, CHANNEL, SIGNING_SECRET } from "../../tools/testkit/environment";

/** Monday of 2026-W48, 10:00 UTC: the last completed week is 2026-W47. */
export const DEFAULT_START_AT = "2026-11-23T10:00:00Z";
/** How long stop() lets calls still in flight finish (an answer the fake Slack recorded but has not replied to). */
export const SETTLE_MS = 250;

const BENCH_TMP = resolve(dirname(fileURLToPath(import.meta.url)), "..", ".tmp");

export type BenchClock = SettableClock;

export interface BenchBootOptions {
  /** Delay the fake Slack adds to every answer. */
  latencyMs?: number;
  /** Where the clock starts; benchmarks usually set it before each tick. */
  startAt?: string;
  /** Extra environment for loadConfig (CHECKIN_AT, CADENCE_TZ, ...). */
  env?: Record<string, string>;
  /** Slack's rate-limit tiers in the fake Slack (tools/local-slack/rate-tiers.ts). */
  rateLimits?: boolean;
  /** Called once per SQL statement the app sends (bench/queries.ts counts them). */
  onQuery?: () => void;
}

export interface BenchApp {
  cadence: RunningCadence;
  slack: LocalSlack;
  clock: BenchClock;
  databaseUrl: string;
  /** How long `prisma migrate deploy` took on the fresh file (not part of any measured run). */
  migrateMs: number;
  /** Seeds seats, KPIs and history straight into the database, and the owners into the fake Slack. */
  seedTeam(spec: TeamSpec): Promise<SeededTeam>;
  stop(): Promise<void>;
}

export async function bootBenchApp(options: BenchBootOptions = {}): Promise<BenchApp> {
  const workDir = makeWorkDir();
  const databaseUrl = `file:${join(workDir, "cadence.db")}`;
  const clock = settableClock(options.startAt ?? DEFAULT_START_AT);
  let slack: LocalSlack | undefined;
  try {
    const migrateStarted = performance.now();
    await applyPendingMigrations(databaseUrl);
    const migrateMs = performance.now() - migrateStarted;

    slack = await startBenchSlack(options.latencyMs ?? 0, options.rateLimits);
    const config = loadConfig(cadenceEnvironment(slack.apiUrl, databaseUrl, options.env));
    // No scheduler: the benchmark calls tick() itself, so nothing runs outside the measured window.
    const cadence = await startCadence(config, {
      clock: () => clock.now,
      logLevel: (process.env.BENCH_LOG as LogLevel) ?? LogLevel.ERROR,
      scheduler: false,
      onQuery: options.onQuery,
    });
    const fakeSlack = slack;
    return {
      cadence,
      slack: fakeSlack,
      clock,
      databaseUrl,
      migrateMs,
      seedTeam: (spec) => seedTeam(cadence.db, fakeSlack, spec, { now: clock.now, teamTz: config.tz }),
      async stop() {
        try {
          await delay(SETTLE_MS);
          await cadence.stop();
          await fakeSlack.close();
        } finally {
          removeWorkDir(workDir);
        }
      },
    };
  } catch (error) {
    await slack?.close().catch(() => undefined);
    removeWorkDir(workDir);
    throw error;
  }
}

/** The fake Slack with the admin every benchmark acts as. */
export async function startBenchSlack(latencyMs: number, rateLimits = false): Promise<LocalSlack> {
  const slack = await startLocalSlack({ latencyMs, rateLimits });
  slack.joinChannel(CHANNEL); // the bot is invited to the cadence channel, as in set-up
  slack.addUser({ id: ADMIN, name: "ada", tz: "UTC", is_admin: true });
  return slack;
}

/** One folder per run, so two benchmark runs at once never share (or delete) each other's database. */
export function makeWorkDir(): string {
  mkdirSync(BENCH_TMP, { recursive: true });
  return mkdtempSync(join(BENCH_TMP, "run-"));
}

export function removeWorkDir(workDir: string): void {
  rmSync(workDir, { recursive: true, force: true });
  try {
    rmdirSync(BENCH_TMP); // only succeeds when no other run is using it; bench/.tmp/ should not linger
  } catch {
    // another run still has its folder there
  }
}

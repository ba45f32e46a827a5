// Boots the real Cadence (same startCadence as `npm start`) on a free port, against a fresh database (a SQLite
// file copied from the migrated template, or a PostgreSQL database made from its template) and a local fake Slack. Time is a controlled clock.
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { LogLevel, type Logger } from "@slack/bolt";
import { loadConfig, type Config } from "../../src/config/config";
import { sqliteFilePath } from "../../src/db/sqlite-url";
import { startCadence, type RunningCadence, type StartOptions } from "../../src/main";
import { startLocalSlack, type LocalSlack, type LocalSlackOptions } from "../../tools/local-slack/server";
import { signedClient } from "../../tools/local-slack/signed-requests";
import { ADMIN, CHANNEL, SIGNING_SECRET, cadenceEnvironment, settableClock, type SettableClock } from "../../tools/testkit/environment";
import { templateDb, testDbDir } from "./paths";
import { copyPostgresDatabase, freshPostgresDatabaseUrl, usePostgres } from "./postgres-databases";

export { ADMIN, CHANNEL, SIGNING_SECRET } from "../../tools/testkit/environment";

export type TestClock = SettableClock;

export function testClock(start = "2026-11-23T10:00:00Z"): TestClock {
  return settableClock(start);
}

/** A local Slack with the bot invited to the cadence channel, as after `/invite @Cadence` in a real workspace. */
export async function startTestSlack(options: LocalSlackOptions = {}): Promise<LocalSlack> {
  const slack = await startLocalSlack(options);
  slack.joinChannel(CHANNEL);
  return slack;
}

/** A new, migrated, empty database: a SQLite file, or with CADENCE_TEST_DATABASE=postgres a PostgreSQL database. */
export function freshDatabaseUrl(): string {
  if (usePostgres()) return freshPostgresDatabaseUrl();
  const file = join(testDbDir(), `${randomUUID()}.db`);
  copyFileSync(templateDb(), file);
  return `file:${file}`;
}

/**
 * How stale a killed child's heartbeat must be before a restarted app takes its work over, in crash tests. On
 * SQLite the child's missing pid says it is dead at once; on PostgreSQL (instances on several hosts) only its
 * heartbeat does, after POSTGRES_LIVENESS's 40 s, shortened here. Boot the app after waitOutKilledHeartbeat().
 */
export const KILLED_STALE_MS = 1_000;
export const waitOutKilledHeartbeat = async (): Promise<void> => {
  if (usePostgres()) await new Promise((resolve) => setTimeout(resolve, KILLED_STALE_MS + 200));
};

/** The same as freshDatabaseUrl(), on PostgreSQL copied over a kept connection rather than a psql run (bootApp's). */
async function freshDatabaseUrlAsync(): Promise<string> {
  return usePostgres() ? copyPostgresDatabase(process.env.CADENCE_TEST_PG_TEMPLATE!) : freshDatabaseUrl();
}

/** A new database holding what `sourceUrl` holds now (its app stopped): one seeding shared by many tests. */
export async function copyOfDatabase(sourceUrl: string): Promise<string> {
  if (usePostgres()) return copyPostgresDatabase(new URL(sourceUrl).pathname.slice(1));
  const file = join(testDbDir(), `${randomUUID()}.db`);
  copyFileSync(sqliteFilePath(sourceUrl), file);
  return `file:${file}`;
}

export interface BootOptions {
  env?: Record<string, string>;
  databaseUrl?: string;
  slack?: LocalSlack;
  clock?: TestClock;
  heartbeatMs?: number;
  /** When another instance counts as dead by its heartbeat (see Liveness); tests of a takeover shorten it. */
  staleMs?: number;
  /** Run the set-up checks at start, as `npm start` does (off by default: they add Slack calls tests count). */
  setupChecks?: boolean;
  /** Whether the bot is in the cadence channel (default: invited, as in set-up step 3). */
  botInChannel?: boolean;
  /** Lets the test provoke Slack refusals on purpose; otherwise stop() fails on any (a broken Slack rule). */
  expectSlackRefusals?: boolean;
  /** The agent API's limits (a short body deadline for the slow-body test). */
  apiLimits?: StartOptions["apiLimits"];
  scorecardReadMs?: StartOptions["scorecardReadMs"];
  /** Captures log lines (e.g. warnings); other levels are dropped. */
  logger?: Partial<Record<"debug" | "info" | "warn" | "error", (...args: unknown[]) => void>>;
}

export interface BootedApp {
  cadence: RunningCadence;
  slack: LocalSlack;
  clock: TestClock;
  config: Config;
  client: ReturnType<typeof signedClient>;
  databaseUrl: string;
  /** Runs a slash command and waits for its first answer on the response_url. */
  command(command: string, text: string, userId?: string): Promise<string>;
  /** Every answer a command sent (for replies split over several messages). */
  commandAll(command: string, text: string, userId?: string): Promise<{ text: string; blocks?: unknown[] }[]>;
  /** Resolves once the app has finished everything it started (answers, refreshes, ticks). */
  idle(): Promise<void>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

function captureLogger(sink: NonNullable<BootOptions["logger"]>): Logger {
  const ignore = () => undefined;
  return {
    debug: sink.debug ?? ignore,
    info: sink.info ?? ignore,
    warn: sink.warn ?? ignore,
    error: sink.error ?? ignore,
    setLevel: ignore,
    getLevel: () => LogLevel.DEBUG,
    setName: ignore,
  };
}

export async function bootApp(options: BootOptions = {}): Promise<BootedApp> {
  const slack = options.slack ?? (await startLocalSlack());
  slack.addChannel(CHANNEL, "cadence");
  if (options.botInChannel !== false) slack.joinChannel(CHANNEL);
  if (!slack.users().some((user) => user.id === ADMIN)) slack.addUser({ id: ADMIN, name: "ada", tz: "UTC", is_admin: true });
  const clock = options.clock ?? testClock();
  const databaseUrl = options.databaseUrl ?? (await freshDatabaseUrlAsync());
  const config = loadConfig(cadenceEnvironment(slack.apiUrl, databaseUrl, options.env));
  // Fast retries keep fault tests short; the production backoff is the same mechanism with longer waits.
  const logger = options.logger ? captureLogger(options.logger) : undefined;
  const start = () =>
    startCadence(config, {
      clock: () => clock.now,
      logger,
      logLevel: (process.env.TEST_LOG as LogLevel) ?? LogLevel.ERROR,
      fastRetries: true,
      scheduler: false,
      heartbeatMs: options.heartbeatMs,
      setupChecks: options.setupChecks ?? false,
      apiLimits: options.apiLimits,
      scorecardReadMs: options.scorecardReadMs,
      staleMs: options.staleMs,
    });
  const booted: BootedApp = {
    cadence: await start(),
    slack,
    clock,
    config,
    databaseUrl,
    client: undefined as never,
    async commandAll(command, text, userId = ADMIN) {
      const responseUrl = slack.newResponseUrl();
      const answer = await booted.client.command({ command, text, userId, responseUrl });
      if (answer.status !== 200) throw new Error(`${command} ${text} → HTTP ${answer.status}`);
      // A split answer arrives as several posts in a row: the app is idle once the last has been sent.
      await booted.cadence.idle();
      return slack.responses(responseUrl).map((response) => response.body);
    },
    async command(command, text, userId = ADMIN) {
      const [first] = await booted.commandAll(command, text, userId);
      return first.text;
    },
    idle: () => booted.cadence.idle(),
    async restart() {
      await booted.cadence.stop();
      booted.cadence = await start();
      booted.client = signedClient({ appUrl: booted.cadence.url!, signingSecret: SIGNING_SECRET, slack });
    },
    async stop() {
      await booted.cadence.stop();
      if (!options.slack) await slack.close();
      // A refused call is often only logged by the app; failing here makes a broken Slack rule a failing test.
      const violations = slack.ruleViolations();
      if (violations.length > 0 && !options.expectSlackRefusals) throw new Error(`Slack refused what Cadence sent:\n${violations.join("\n")}`);
    },
  };
  booted.client = signedClient({ appUrl: booted.cadence.url!, signingSecret: SIGNING_SECRET, slack });
  return booted;
}

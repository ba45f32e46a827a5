// Composition root: config → database → repositories → services → Slack app → listeners → scheduler.
import { pathToFileURL } from "node:url";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { LogLevel, type Logger } from "@slack/bolt";
import { ConfigError, loadConfig, type Config } from "./config/config";
import { openDatabase, type Database } from "./db/database";
import { applyPendingMigrations } from "./db/migrate";
import { CheckinRepository } from "./repositories/checkin-repository";
import { DeliveryRepository } from "./repositories/delivery-repository";
import { DigestRepository } from "./repositories/digest-repository";
import { EntryRepository } from "./repositories/entry-repository";
import { IssueRepository } from "./repositories/issue-repository";
import { JobRunRepository } from "./repositories/job-run-repository";
import { InstanceRepository } from "./repositories/instance-repository";
import { ProcessedEventRepository } from "./repositories/processed-event-repository";
import { SeatRepository } from "./repositories/seat-repository";
import { SlackUserRepository } from "./repositories/slack-user-repository";
import { startScheduler, type Scheduler } from "./scheduler/scheduler";
import type { CadenceServices } from "./services/cadence-services";
import { CheckinService } from "./services/checkin-service";
import { DeliveryService } from "./services/delivery-service";
import { DigestService } from "./services/digest-service";
import { DmReplyService } from "./services/dm-reply-service";
import { DriftService } from "./services/drift-service";
import { HomeService } from "./services/home-service";
import { IssueService } from "./services/issue-service";
import { ScorecardLoader } from "./services/scorecard-data";
import { ScorecardService } from "./services/scorecard-service";
import { RefreshService, refreshTargets } from "./services/refresh-service";
import { EntryService } from "./services/entry-service";
import { InstanceRegistry } from "./services/instance-registry";
import { SetupService } from "./services/setup-service";
import { UserDirectory } from "./services/user-directory";
import { WeeklyLoop } from "./services/weekly-loop";
import { createSlackApp } from "./slack/app";
import { registerActions } from "./slack/listeners/actions";
import { registerCommands } from "./slack/listeners/commands";
import { registerEvents } from "./slack/listeners/events";
import { registerViews } from "./slack/listeners/views";
import { InFlightRequests } from "./slack/listeners/in-flight";
import { workspaceGuard } from "./slack/listeners/workspace-guard";
import { WebClientSlackApi } from "./slack/slack-api";

export interface StartOptions {
  /** The time Cadence believes it is; tests and the demo move it. */
  clock?: () => Date;
  logger?: Logger;
  logLevel?: LogLevel;
  /** Short Slack retry waits, for tests that inject 429s and 500s. */
  fastRetries?: boolean;
  /** Whether to tick every minute (default: yes); tests call tick() themselves. */
  scheduler?: boolean;
  /** How often this instance reports it is alive and checks for an orphaned scheduler (default 20 s). */
  heartbeatMs?: number;
}

export interface RunningCadence {
  config: Config;
  db: Database;
  services: CadenceServices;
  /** Base URL of the HTTP server (HTTP mode). */
  url: string | undefined;
  /** Whether this instance holds the scheduler lease. */
  schedulerRunning: boolean;
  /** Runs one scheduler tick at the clock's time (what the minute cron does). */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

const HEARTBEAT_MS = 20_000;
// How long stopping waits for requests that were acked but are still being answered.
const STOP_GRACE_MS = 10_000;

export async function startCadence(config: Config, options: StartOptions = {}): Promise<RunningCadence> {
  const clock = options.clock ?? (() => new Date());
  await applyPendingMigrations(config.databaseUrl);
  const db = await openDatabase(config.databaseUrl);

  const seats = new SeatRepository(db);
  const entryRows = new EntryRepository(db);
  const checkinRows = new CheckinRepository(db);
  const registry = new InstanceRegistry(new InstanceRepository(db));
  await registry.register();
  let schedulerRunning = false;

  const { app, client } = createSlackApp({
    config,
    logger: options.logger,
    logLevel: options.logLevel,
    fastRetries: options.fastRetries,
    health: async () => ({ instance: registry.id, scheduler: schedulerRunning }),
  });
  const logger = app.logger;
  const slack = new WebClientSlackApi(client);
  const directory = new UserDirectory({ slack, users: new SlackUserRepository(db), admins: config.admins, teamTz: config.tz });
  const deliveries = new DeliveryRepository(db);
  const delivery = new DeliveryService({ deliveries, slack, registry, logger });
  const settings = { tz: config.tz, checkinAt: config.checkinAt, remindAfterMs: config.remindAfterMs, deadlineAt: config.deadlineAt, digestAt: config.digestAt };
  const entries = new EntryService({ seats, entries: entryRows, directory, tz: config.tz });
  const checkins = new CheckinService({ seats, entries: entryRows, checkins: checkinRows, delivery, directory, slack, settings, logger });
  const loader = new ScorecardLoader({ seats, entries: entryRows });
  const issueRows = new IssueRepository(db);
  const jobRuns = new JobRunRepository(db);
  const issues = new IssueService({ issues: issueRows, seats, entries: entryRows, delivery, directory, slack, channel: config.channel, logger });
  const drift = new DriftService({ loader, issues: issueRows, issueService: issues, jobRuns, settings, logger });
  const digest = new DigestService({ loader, issues: issueRows, digests: new DigestRepository(db), deliveries, delivery, jobRuns, slack, channel: config.channel, settings, logger });
  const home = new HomeService({ seats, issues: issueRows, loader, directory, slack, tz: config.tz });
  const loop = new WeeklyLoop({ checkins, drift, digest, pendingIssues: issues, logger });
  // Values and issue changes show up in DMs, posts, home tabs and the digest after the request is acked.
  const refresh = new RefreshService({ targets: refreshTargets({ checkins, home, issues, digest }), clock, logger });
  entries.onRecorded(async (recorded) => refresh.entriesRecorded(recorded));
  issues.onChanged(async (issue) => refresh.issueChanged(issue));

  const services: CadenceServices = {
    config,
    clock,
    directory,
    setup: new SetupService({ seats, directory }),
    entries,
    checkins,
    dmReplies: new DmReplyService({ checkins, entries }),
    loop,
    issues,
    scorecard: new ScorecardService({ loader, entries, tz: config.tz }),
    digest,
    home,
    processedEvents: new ProcessedEventRepository(db),
    refresh,
  };

  const inFlight = new InFlightRequests();
  app.use(inFlight.middleware());
  app.use(workspaceGuard());
  registerCommands(app, services);
  registerActions(app, services);
  registerViews(app, services);
  registerEvents(app, services);

  const started = (await app.start(config.port)) as unknown;
  const server = config.slack.appToken ? undefined : (started as Server);
  const port = server ? (server.address() as AddressInfo).port : undefined;

  const tick = () => loop.tick(clock());
  let scheduler: Scheduler | undefined;
  /** Takes the scheduler over when no live instance holds it: at start, and on each heartbeat. */
  const claimScheduler = async (announce: boolean) => {
    if (schedulerRunning) return;
    const lease = await registry.acquireSchedulerLease();
    if (!lease.acquired) {
      if (announce) logger.warn(`another Cadence (${await registry.describe(lease.holder!)}) runs the scheduler on this database; this one serves Slack requests only`);
      return;
    }
    schedulerRunning = true;
    if (!announce) logger.info("the instance that ran the scheduler is gone; this one runs it now");
    if (options.scheduler !== false) scheduler = startScheduler({ tick, logger });
  };
  await claimScheduler(true);
  const heartbeat = setInterval(() => {
    void registry
      .heartbeat()
      .then(() => claimScheduler(false))
      .catch(() => undefined);
  }, options.heartbeatMs ?? HEARTBEAT_MS);
  heartbeat.unref();

  return {
    config,
    db,
    services,
    url: port === undefined ? undefined : `http://127.0.0.1:${port}`,
    get schedulerRunning() {
      return schedulerRunning;
    },
    tick,
    async stop() {
      await scheduler?.stop(STOP_GRACE_MS);
      clearInterval(heartbeat);
      await app.stop();
      await inFlight.drained(STOP_GRACE_MS);
      await refresh.idle();
      await registry.unregister();
      await db.$disconnect();
    },
  };
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const cadence = await startCadence(config);
  console.log(`Cadence is running${cadence.url ? ` on ${cadence.url} (Slack posts to /slack/events)` : " in Socket Mode"}`);
  const shutdown = () => void cadence.stop().finally(() => process.exit(0));
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error("Cadence stopped:", error instanceof Error ? error.message : error);
    process.exit(1);
  });
}

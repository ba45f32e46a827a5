// Composition root: config → database → repositories → services → Slack app → listeners → scheduler.
import { pathToFileURL } from "node:url";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { LogLevel, type Logger } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { ConfigError, loadConfig, type Config } from "./config/config";
import { loadEnvFile } from "./config/env-file";
import { openDatabase, type Database } from "./db/database";
import { sqliteFilePath } from "./db/sqlite-url";
import { applyPendingMigrations } from "./db/migrate";
import { collectSetupChecks } from "./collect-setup-checks";
import { AuditLogRepository } from "./repositories/audit-log-repository";
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
import { SchedulerLeadership } from "./scheduler/leadership";
import type { CadenceServices } from "./services/cadence-services";
import { ChannelMembershipCheck } from "./services/channel-membership";
import { CheckinService } from "./services/checkin-service";
import { DeliveryService } from "./services/delivery-service";
import { DigestService } from "./services/digest-service";
import { DmReplyService } from "./services/dm-reply-service";
import { DriftService } from "./services/drift-service";
import { HomeService } from "./services/home-service";
import { InvitationRecovery } from "./services/invitation-recovery";
import { IssueService } from "./services/issue-service";
import { ScorecardLoader } from "./services/scorecard-data";
import { ScorecardService } from "./services/scorecard-service";
import { RefreshService, refreshTargets } from "./services/refresh-service";
import { EntryService } from "./services/entry-service";
import { Housekeeping } from "./services/housekeeping";
import { InstanceRegistry } from "./services/instance-registry";
import { SetupService } from "./services/setup-service";
import { formatSetupCheck } from "./services/setup-checks";
import { SeatHandOver } from "./services/seat-hand-over";
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
import { StatusService } from "./services/status-service";
import { TimeOffService } from "./services/time-off-service";
import { TimeOffRepository } from "./repositories/time-off-repository";
import { PriorityService } from "./services/priority-service";
import { PriorityRepository } from "./repositories/priority-repository";
import { TodoService } from "./services/todo-service";
import { TodoRepository } from "./repositories/todo-repository";

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
  /** Whether to run the set-up checks (`npm run doctor`) after starting and log what fails (default: yes). */
  setupChecks?: boolean;
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

  const { app, client, postClient } = createSlackApp({
    config,
    logger: options.logger,
    logLevel: options.logLevel,
    fastRetries: options.fastRetries,
    // Reading the database is part of being healthy: a load balancer should stop sending Slack's requests here.
    health: async () => ({ instance: registry.id, scheduler: leadership.isLeading, ...(await registry.status()) }),
  });
  const logger = app.logger;
  logger.info(`database: ${sqliteFilePath(config.databaseUrl)}`);
  const slack = new WebClientSlackApi(client, postClient);
  const directory = new UserDirectory({ slack, users: new SlackUserRepository(db), admins: config.admins, teamTz: config.tz });
  const deliveries = new DeliveryRepository(db);
  const delivery = new DeliveryService({ deliveries, slack, registry, logger, clock });
  const settings = { tz: config.tz, checkinAt: config.checkinAt, remindAfterMs: config.remindAfterMs, deadlineAt: config.deadlineAt, digestAt: config.digestAt };
  const audit = new AuditLogRepository(db);
  const entries = new EntryService({ seats, entries: entryRows, directory, audit, logger, tz: config.tz });
  const timeOff = new TimeOffService({ timeOff: new TimeOffRepository(db), directory, tz: config.tz });
  const priorityRows = new PriorityRepository(db);
  const todos = new TodoService({ todos: new TodoRepository(db), directory, tz: config.tz });
  const checkins = new CheckinService({ seats, entries: entryRows, checkins: checkinRows, delivery, directory, slack, settings, logger, absences: timeOff, priorities: priorityRows, todos });
  const loader = new ScorecardLoader({ seats, entries: entryRows });
  const issueRows = new IssueRepository(db);
  const jobRuns = new JobRunRepository(db);
  const issues = new IssueService({ issues: issueRows, seats, entries: entryRows, delivery, directory, slack, audit, channel: config.channel, logger });
  const drift = new DriftService({ loader, issues: issueRows, issueService: issues, jobRuns, checkins: checkinRows, settings, logger, absences: timeOff });
  const digest = new DigestService({ loader, issues: issueRows, digests: new DigestRepository(db), deliveries, delivery, jobRuns, slack, channel: config.channel, settings, logger, absences: timeOff, priorities: priorityRows, todos });
  const status = new StatusService({ deliveries, checkins: checkinRows, jobRuns, setupChecks: () => collectSetupChecks(config, { client, db, now: clock() }) });
  const home = new HomeService({ seats, issues: issueRows, loader, directory, slack, status, tz: config.tz, priorities: priorityRows, todos });
  const loop = new WeeklyLoop({ checkins, drift, digest, pendingIssues: issues, logger });
  // Values and issue changes show up in DMs, posts, home tabs and the digest after the request is acked.
  const refresh = new RefreshService({ targets: refreshTargets({ checkins, home, issues, digest }), clock, logger });
  entries.onRecorded(async (recorded) => refresh.entriesRecorded(recorded));
  issues.onChanged(async (issue) => refresh.issueChanged(issue));

  const invitations = new InvitationRecovery({ deliveries, issues, digest, logger });
  const services: CadenceServices = {
    config,
    clock,
    directory,
    setup: new SetupService({ seats, directory, handOver: new SeatHandOver({ issues, home, logger }) }),
    entries,
    checkins,
    dmReplies: new DmReplyService({ checkins, entries }),
    loop,
    issues,
    invitations,
    scorecard: new ScorecardService({ loader, entries, tz: config.tz }),
    digest,
    home,
    status,
    processedEvents: new ProcessedEventRepository(db),
    audit,
    refresh,
    timeOff,
    priorities: new PriorityService({ priorities: priorityRows, issues, directory, tz: config.tz }),
    todos,
  };

  const warn = (what: string) => (error: Error) => logger.warn(`${what} failed: ${error.message}`);
  const housekeeping = new Housekeeping({ processedEvents: services.processedEvents, deliveries, logger });
  const leadership = new SchedulerLeadership({
    registry,
    logger,
    tick: async () => {
      await loop.tick(clock());
      await housekeeping.pruneDue(clock()).catch(warn("pruning old bookkeeping rows"));
    },
    ticking: options.scheduler !== false,
    heartbeatMs: options.heartbeatMs ?? HEARTBEAT_MS,
  });
  void checkins.zoneWarning(clock()).then((warning) => warning && logger.warn(warning), warn("checking the check-in time zones"));

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

  // Warnings only: a set-up problem must not keep Cadence from serving what it can.
  const setupChecks = options.setupChecks === false ? Promise.resolve() : logSetupChecks(config, client, db, logger);
  // Not awaited: a slow or failing Slack must not hold up serving requests.
  // A member already (invited while Cadence was down): what waited for the invitation goes out now.
  void new ChannelMembershipCheck({ slack, channel: config.channel, admins: config.admins, logger })
    .check()
    .then(async (isMember) => void (isMember && (await invitations.botJoined(config.channel, clock()))))
    .catch(warn("checking that Cadence is in the channel"));
  await leadership.start();

  return {
    config,
    db,
    services,
    url: port === undefined ? undefined : `http://127.0.0.1:${port}`,
    get schedulerRunning() {
      return leadership.isLeading;
    },
    tick: async () => void (await leadership.tickIfLeading()),
    async stop() {
      await leadership.stop(STOP_GRACE_MS);
      await setupChecks;
      await app.stop();
      await inFlight.drained(STOP_GRACE_MS);
      await refresh.idle();
      // A database that fails now still gets closed; the instance row then ages out like a crashed one's.
      await registry.unregister().catch(warn("leaving the instance registry"));
      await db.$disconnect();
    },
  };
}

async function logSetupChecks(config: Config, client: WebClient, db: Database, logger: Logger): Promise<void> {
  try {
    const failing = (await collectSetupChecks(config, { client, db })).filter((check) => !check.ok);
    for (const check of failing) logger.warn(`set-up check failed: ${formatSetupCheck(check)}`);
    if (failing.length === 0) logger.info("set-up checks passed (npm run doctor)");
  } catch (error) {
    logger.warn(`set-up checks could not run: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function main(): Promise<void> {
  loadEnvFile(); // the project root's .env; variables already in the environment win
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

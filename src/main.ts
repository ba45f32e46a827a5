// Composition root: config → database → repositories → services → Slack app → listeners → scheduler.
import { pathToFileURL } from "node:url";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import type { LogLevel, App, Logger } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { ConfigError, loadConfig, loopSettingsOf, type Config } from "./config/config";
import { loadEnvFile } from "./config/env-file";
import { runTickSteps, type TickStep } from "./scheduler/tick-steps";
import { openDatabase, type Database } from "./db/database";
import { databaseProvider, describeDatabase } from "./db/database-url";
import { applyPendingMigrations } from "./db/migrate";
import { collectSetupChecks, logSetupChecks } from "./collect-setup-checks";
import { AgentApi, agentApiRoutes, type AgentApiLimits } from "./api/agent-api";
import { OffLoopWorker } from "./off-loop/off-loop-worker";
import { AcksPending, countPendingSlackRequests } from "./off-loop/acks-pending";
import { startApiServer, stopApiServer } from "./api/api-server";
import { stopSteps } from "./stop-steps";
import { AuditLogRepository } from "./repositories/audit-log-repository";
import { IdempotencyRepository } from "./repositories/idempotency-repository";
import { SeatTokenRepository } from "./repositories/seat-token-repository";
import { watchSeatData } from "./repositories/seat-data-cache";
import { watchValues } from "./repositories/value-changes";
import { SeatTokenService } from "./services/seat-tokens";
import { CheckinRepository } from "./repositories/checkin-repository";
import { CheckinQueueRepository } from "./repositories/checkin-queue-repository";
import { DeliveryRepository } from "./repositories/delivery-repository";
import { DigestRepository } from "./repositories/digest-repository";
import { EntryRepository } from "./repositories/entry-repository";
import { IssueRepository } from "./repositories/issue-repository";
import { JobRunRepository } from "./repositories/job-run-repository";
import { JobLockRepository } from "./repositories/job-lock-repository";
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
import { ScorecardService, type TableAnswerer } from "./services/scorecard-service";
import { OncePerEvent } from "./services/once-per-event";
import { RefreshService, refreshTargets } from "./services/refresh-service";
import { EntryService, type RecordedValues } from "./services/entry-service";
import { Housekeeping } from "./services/housekeeping";
import { InstanceRegistry, POSTGRES_LIVENESS, SQLITE_LIVENESS, type Liveness } from "./services/instance-registry";
import { SetupService } from "./services/setup-service";
import { SharedCheckinQueue } from "./services/shared-checkin-queue";
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
import { StageRepository } from "./repositories/stage-repository";
import { KillThresholdRepository } from "./repositories/kill-threshold-repository";
import { ReviewRepository } from "./repositories/review-repository";
import { GateIssueRepository } from "./repositories/gate-issue-repository";
import { GateService } from "./services/gate-service";
import { StageService } from "./services/stage-service";
import { KillService } from "./services/kill-service";
import { ReviewService } from "./services/review-service";
import { WebhookRepository } from "./repositories/webhook-repository";
import { postWithFetch, StopWebhook } from "./services/stop-webhook";
import type { PilotServices } from "./services/pilot-services";
import type { Seat } from "./domain/model";
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
  /** How often this instance reports it is alive and checks for an orphaned scheduler (default: the database's liveness). */
  heartbeatMs?: number;
  /** When another instance counts as dead (default: SQLITE_LIVENESS or POSTGRES_LIVENESS); tests shorten it. */
  staleMs?: number;
  /** Whether to run the set-up checks (`npm run doctor`) after starting and log what fails (default: yes). */
  setupChecks?: boolean;
  /** The agent API's body cap, body deadline and rate limit (tests shorten the deadline). */
  apiLimits?: Partial<AgentApiLimits>;
  /** How long the off-loop thread may reuse a read of the scorecard, for other instances' writes (tests lengthen it). */
  scorecardReadMs?: number;
  /** Called once per SQL statement (benchmarks count the queries of a hot path). */
  onQuery?: () => void;
}

export interface RunningCadence {
  config: Config;
  db: Database;
  services: CadenceServices;
  /** Base URL of the HTTP server (HTTP mode). */
  url: string | undefined;
  /** Base URL of the agent API: the HTTP server's, or in Socket Mode the one on API_PORT. */
  apiUrl: string | undefined;
  /** Whether this instance holds the scheduler lease. */
  schedulerRunning: boolean;
  /** Runs one scheduler tick at the clock's time (what the minute cron does). */
  tick(): Promise<void>;
  /** Resolves once no request, listener work, refresh, tick or start-up check is running (tests assert after it). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

// How long stopping waits for requests that were acked but are still being answered, and for a tick under way.
const STOP_GRACE_MS = 10_000;
// How long the whole stop may take before its last steps (half a second each after it): under the 30 s a
// process manager such as Kubernetes allows by default.
const STOP_DEADLINE_MS = 20_000;
// How long a command's work after its ack, or a scheduler step, waits for the acks of requests pending: a burst of
// 20 is acked in about 20 ms, and a slow client's request must not hold everyone's answers back for long.
const OTHER_ACKS_WAIT_MAX_MS = 100;

export async function startCadence(config: Config, options: StartOptions = {}): Promise<RunningCadence> {
  const clock = options.clock ?? (() => new Date());
  await applyPendingMigrations(config.databaseUrl);
  const db = await openDatabase(config.databaseUrl, { onQuery: options.onQuery });
  const repositories = openRepositories(db);
  const onPostgres = databaseProvider(config.databaseUrl) === "postgres";
  const liveness: Liveness = onPostgres ? POSTGRES_LIVENESS : SQLITE_LIVENESS;
  const registry = new InstanceRegistry(repositories.instances, {
    ...liveness,
    heartbeatMs: options.heartbeatMs ?? liveness.heartbeatMs,
    staleMs: options.staleMs ?? liveness.staleMs,
  });
  await registry.register();
  const inFlight = new InFlightRequests();

  // The agent API is mounted now and served once its service exists (below); until then it answers 503.
  let agentApi: AgentApi | undefined;
  const handleApi: Parameters<typeof agentApiRoutes>[0] = (req, res) => {
    if (agentApi) return agentApi.handle(req, res);
    res
      .writeHead(503, { "content-type": "application/json", "retry-after": "1" })
      .end('{"error":"starting","message":"Cadence is starting; retry in a second"}');
  };
  const { app, client, postClient } = createSlackApp({
    extraRoutes: agentApiRoutes(handleApi),
    config,
    logger: options.logger,
    logLevel: options.logLevel,
    fastRetries: options.fastRetries,
    // Reading the database is part of being healthy: a load balancer should stop sending Slack's requests here.
    health: async () => ({ instance: registry.id, scheduler: leadership.isLeading, ...(await registry.status()) }),
  });
  const logger = app.logger;
  logger.info(`database: ${describeDatabase(config.databaseUrl)}`);
  const slack = new WebClientSlackApi(client, postClient);
  const setupChecksNow = () => collectSetupChecks(config, { client, db, now: clock() });
  // Instances on several hosts share the check-in fan-out; on SQLite (one host) the scheduler's holder sends it all.
  const sharedCheckins = onPostgres ? new SharedCheckinQueue(repositories.checkinQueue, registry) : undefined;
  // The agent API's work and the full /scorecard table run on a thread of their own, away from the acks.
  // Slack requests not yet acked: the off-loop thread waits for them before building and posting a table.
  const acksPending = new AcksPending();
  const offLoop = offLoopWorker(
    db,
    { config, logger, onQuery: options.onQuery, scorecardReadMs: options.scorecardReadMs, acksPending: acksPending.buffer },
    (recorded) => services.entries.announce(recorded),
  );
  const scorecardAnswerer: TableAnswerer = (week, responseUrl) => offLoop.answerScorecard(week, responseUrl);
  const { services, loop } = buildServices({ config, repositories, slack, registry, logger, clock, setupChecksNow, sharedCheckins, scorecardAnswerer });
  agentApi = new AgentApi({ agents: offLoop, clock, logger, limits: options.apiLimits });
  const shareFanOut = sharedCheckins ? sharingOf(() => services.checkins.sendShared(clock()), inFlight, logger) : undefined;
  const afterPendingAcks = () => acksPending.allAnswered(OTHER_ACKS_WAIT_MAX_MS);
  const leadership = scheduleLoop({ loop, pilot: services.pilot, repositories, registry, logger, clock, options, inFlight, shareFanOut, afterPendingAcks });
  registerListeners(app, services, inFlight, afterPendingAcks);
  const url = await serve(app, config, acksPending);
  // In Socket Mode there is no Slack HTTP server to mount the agent API on: it gets its own, on API_PORT.
  const apiServer = url || config.apiPort === undefined ? undefined : await startApiServer(config.apiPort, handleApi);
  const apiUrl = apiServer ? `http://127.0.0.1:${(apiServer.address() as AddressInfo).port}` : url;
  const setupChecks = startupChecks({ config, options, client, db, slack, services, logger, inFlight });
  await leadership.start();

  return {
    config,
    db,
    services,
    url,
    apiUrl,
    get schedulerRunning() {
      return leadership.isLeading;
    },
    tick: async () => void (await leadership.tickIfLeading()),
    // Listener work can start a refresh (a home tab, a DM) that runs on after it: wait for that too.
    idle: async () => {
      await inFlight.idle();
      await services.refresh.idle();
      await inFlight.idle();
    },
    stop: () =>
      stopInOrder({ leadership, setupChecks, app, apiServer, offLoop, inFlight, refresh: services.refresh, pilot: services.pilot, registry, db, logger }),
  };
}

/**
 * The scheduler first, then requests in flight, then the database, so that work under way can finish. All of it
 * within STOP_DEADLINE_MS: a step still running then is logged and left behind, cut off as in a crash and recovered
 * the same way (src/stop-steps.ts says why).
 */
async function stopInOrder(parts: {
  leadership: SchedulerLeadership;
  setupChecks: Promise<void>;
  app: App;
  apiServer: Server | undefined;
  offLoop: OffLoopWorker;
  inFlight: InFlightRequests;
  refresh: RefreshService;
  pilot: PilotServices;
  registry: InstanceRegistry;
  db: Database;
  logger: Logger;
}): Promise<void> {
  const step = stopSteps({ withinMs: STOP_DEADLINE_MS, logger: parts.logger });
  await step("the heartbeat and the scheduler's tick", () => parts.leadership.stop(STOP_GRACE_MS));
  await step("the start-up checks", () => parts.setupChecks);
  await step("the Slack receiver", () => parts.app.stop());
  const { apiServer } = parts;
  if (apiServer) await step("the agent API's server", () => stopApiServer(apiServer));
  await step("requests in flight", () => parts.inFlight.drained(STOP_GRACE_MS));
  // After the requests in flight, which may still be building a /scorecard there.
  await step("the off-loop thread", () => parts.offLoop.stop());
  await step("refreshes of Slack messages", () => parts.refresh.idle());
  await step("kill issues being posted", () => parts.pilot.kill.idle());
  await step("stop webhooks being called", () => parts.pilot.webhooks.idle());
  // A database that fails now still gets closed; the instance row then ages out like a crashed one's.
  await step("leaving the instance registry", () => parts.registry.unregister());
  await step("closing the database", () => parts.db.$disconnect());
}

/** The weekly loop and the pruning of old bookkeeping rows, on the one-minute tick of whichever process leads. */
function scheduleLoop(args: {
  loop: WeeklyLoop;
  pilot: PilotServices;
  repositories: Repositories;
  registry: InstanceRegistry;
  logger: Logger;
  clock: () => Date;
  options: StartOptions;
  inFlight: InFlightRequests;
  /** Started after every heartbeat, leading or not: this instance's share of the check-in fan-out. */
  shareFanOut?: () => void;
  /** Resolves once the Slack requests waiting for their acks have them (or after a bounded wait). */
  afterPendingAcks: () => Promise<void>;
}): SchedulerLeadership {
  const { loop, pilot, repositories, registry, logger, clock, options, inFlight, afterPendingAcks } = args;
  const housekeeping = new Housekeeping({
    processedEvents: repositories.processedEvents,
    deliveries: repositories.deliveries,
    idempotencyKeys: repositories.idempotencyKeys,
    logger,
  });
  // The sweeps run on one instance at a time even while the lease changes hands mid-tick (a transaction lock on
  // PostgreSQL): a second runner would only repeat the same reads and races.
  const alone =
    <T>(job: string, work: () => Promise<T>) =>
    () =>
      repositories.jobLocks.runAlone(job, work);
  const tickSteps: TickStep[] = [
    { what: "the weekly loop", run: () => loop.tick(clock()) },
    { what: "opening gate issues", run: alone("gate", () => pilot.gate.openReady(clock())) },
    { what: "calling stop webhooks", run: alone("stop-webhooks", () => pilot.webhooks.deliverDue(clock())) },
    { what: "pruning old bookkeeping rows", run: alone("housekeeping", () => housekeeping.pruneDue(clock())) },
  ];
  return new SchedulerLeadership({
    registry,
    logger,
    // Tracked as in-flight work, so `idle()` (tests) and a graceful stop wait for a tick under way.
    tick: () => inFlight.track(runTickSteps(tickSteps, { afterPendingAcks, logger })),
    ticking: options.scheduler !== false,
    heartbeatMs: registry.liveness.heartbeatMs,
    afterHeartbeat: args.shareFanOut,
  });
}

/** Runs `work` when asked, unless the last run is still going; tracked, so `idle()` and stopping wait for it. */
function sharingOf(work: () => Promise<unknown>, inFlight: InFlightRequests, logger: Logger): () => void {
  let running = false;
  return () => {
    if (running) return;
    running = true;
    void inFlight
      .track(work())
      .catch(warnOf(logger, "sending this instance's share of the check-ins"))
      .finally(() => {
        running = false;
      });
  };
}

function openRepositories(db: Database) {
  return {
    seats: new SeatRepository(db),
    entries: new EntryRepository(db),
    checkins: new CheckinRepository(db),
    checkinQueue: new CheckinQueueRepository(db),
    jobLocks: new JobLockRepository(db),
    issues: new IssueRepository(db),
    jobRuns: new JobRunRepository(db),
    deliveries: new DeliveryRepository(db),
    digests: new DigestRepository(db),
    audit: new AuditLogRepository(db),
    processedEvents: new ProcessedEventRepository(db),
    slackUsers: new SlackUserRepository(db),
    instances: new InstanceRepository(db),
    seatTokens: new SeatTokenRepository(db),
    idempotencyKeys: new IdempotencyRepository(db),
    stages: new StageRepository(db),
    kills: new KillThresholdRepository(db),
    reviews: new ReviewRepository(db),
    gateIssues: new GateIssueRepository(db),
    webhooks: new WebhookRepository(db),
    timeOff: new TimeOffRepository(db),
    priorities: new PriorityRepository(db),
    todos: new TodoRepository(db),
  };
}

type Repositories = ReturnType<typeof openRepositories>;

interface Wiring {
  config: Config;
  repositories: Repositories;
  slack: WebClientSlackApi;
  registry: InstanceRegistry;
  logger: Logger;
  clock: () => Date;
  /** The doctor's checks, for `/cadence status`. */
  setupChecksNow: () => ReturnType<typeof collectSetupChecks>;
  /** PostgreSQL: the check-in fan-out shared with the other instances. */
  sharedCheckins?: SharedCheckinQueue;
  /** Who builds the whole /scorecard table and posts it (the off-loop thread). */
  scorecardAnswerer: TableAnswerer;
}

function buildServices(wiring: Wiring): { services: CadenceServices; loop: WeeklyLoop } {
  const { config, repositories: rows, slack, registry, logger, clock } = wiring;
  const { seats, audit, deliveries } = rows;
  const settings = loopSettingsOf(config);
  const directory = new UserDirectory({ slack, users: rows.slackUsers, admins: config.admins, teamTz: config.tz });
  const delivery = new DeliveryService({ deliveries, slack, registry, logger, clock });
  const entries = new EntryService({ seats, entries: rows.entries, directory, audit, logger, tz: config.tz });
  const timeOff = new TimeOffService({ timeOff: rows.timeOff, directory, tz: config.tz });
  const todos = new TodoService({ todos: rows.todos, directory, tz: config.tz });
  const checkins = new CheckinService({
    seats,
    entries: rows.entries,
    checkins: rows.checkins,
    delivery,
    directory,
    slack,
    settings,
    logger,
    absences: timeOff,
    priorities: rows.priorities,
    todos,
    shared: wiring.sharedCheckins,
  });
  const loader = new ScorecardLoader({ seats, entries: rows.entries });
  const issues = new IssueService({ issues: rows.issues, seats, entries: rows.entries, delivery, directory, slack, audit, channel: config.channel, logger });
  const drift = new DriftService({
    loader,
    issues: rows.issues,
    issueService: issues,
    jobRuns: rows.jobRuns,
    checkins: rows.checkins,
    settings,
    logger,
    absences: timeOff,
  });
  // Stage and gate progress for the digest and home tabs; the pilot services are built after them (wirePilot).
  const pilotProgress = { progressOfAll: (seats: Seat[], now: Date) => services.pilot.gate.progressOfAll(seats, now) };
  const digest = new DigestService({
    loader,
    issues: rows.issues,
    digests: rows.digests,
    deliveries,
    delivery,
    jobRuns: rows.jobRuns,
    slack,
    channel: config.channel,
    settings,
    logger,
    pilot: pilotProgress,
    absences: timeOff,
    priorities: rows.priorities,
    todos,
  });
  const more = async () => [await services.pilot.webhooks.failedSection()];
  const status = new StatusService({ deliveries, checkins: rows.checkins, jobRuns: rows.jobRuns, setupChecks: wiring.setupChecksNow, more });
  const home = new HomeService({
    issues: rows.issues,
    loader,
    directory,
    slack,
    status,
    tz: config.tz,
    pilot: pilotProgress,
    priorities: rows.priorities,
    todos,
    absences: timeOff,
  });
  const loop = new WeeklyLoop({ checkins, drift, digest, pendingIssues: issues, logger });
  const priorities = new PriorityService({ priorities: rows.priorities, issues, directory, tz: config.tz });
  const refresh = refreshAfterChanges({ entries, checkins, home, issues, digest, priorities, todos }, clock, logger);
  const invitations = new InvitationRecovery({ deliveries, issues, digest, logger });
  const services: CadenceServices = {
    config,
    clock,
    directory,
    setup: new SetupService({ seats, directory, handOver: new SeatHandOver({ issues, home, logger }) }),
    seatTokens: new SeatTokenService({ seats, tokens: rows.seatTokens, directory }),
    entries,
    checkins,
    dmReplies: new DmReplyService({ checkins, entries }),
    loop,
    issues,
    invitations,
    scorecard: new ScorecardService({ loader, entries, tz: config.tz, answerer: wiring.scorecardAnswerer, logger }),
    digest,
    home,
    status,
    events: new OncePerEvent(rows.processedEvents),
    slack,
    audit,
    refresh,
    pilot: wirePilot(rows, { issues, entries, directory, config, clock, logger }),
    timeOff,
    priorities,
    todos,
  };
  entries.onRecorded(async (recorded) => services.pilot.kill.valuesRecorded(recorded, clock()));
  return { services, loop };
}

/** AI seats from pilot to production: stages, kill thresholds, the gate, reviews and the stop webhook. */
function wirePilot(
  rows: Repositories,
  deps: { issues: IssueService; entries: EntryService; directory: UserDirectory; config: Config; clock: () => Date; logger: Logger },
): PilotServices {
  const { issues, directory, config, logger } = deps;
  const isAdmin = (userId: string, now: Date) => directory.isAdmin(userId, now);
  const gate = new GateService({
    seats: rows.seats,
    entries: rows.entries,
    issues: rows.issues,
    kills: rows.kills,
    reviews: rows.reviews,
    stages: rows.stages,
    gateIssues: rows.gateIssues,
    issueService: issues,
    requiredReviews: config.requiredReviews,
    isAdmin,
    tz: config.tz,
    logger,
  });
  const stages = new StageService({ seats: rows.seats, stages: rows.stages, facts: gate, isAdmin, audit: rows.audit, logger });
  const kill = new KillService({
    kills: rows.kills,
    kpis: deps.entries,
    seats: rows.seats,
    issues: rows.issues,
    issueService: issues,
    stages,
    isAdmin,
    logger,
  });
  const reviews = new ReviewService({ reviews: rows.reviews, stages, required: config.requiredReviews });
  const webhooks = new StopWebhook({ webhooks: rows.webhooks, stages, post: postWithFetch, clock: deps.clock, logger });
  stages.onChanged(async () => webhooks.soon());
  return { stages, gate, kill, reviews, stageRows: rows.stages, webhooks };
}

/**
 * The off-loop thread. What agents push through the API is checked and stored there, then told to `onRecorded`
 * (the same entry service as every other value, whose listeners refresh DMs and home tabs here); it also builds
 * the whole /scorecard table and posts it to the command's response_url. It starts with the first call, so
 * `onRecorded` is only called once the app runs.
 */
function offLoopWorker(
  db: Database,
  {
    config,
    logger,
    onQuery,
    scorecardReadMs,
    acksPending,
  }: { config: Config; logger: Logger; onQuery?: () => void; scorecardReadMs?: number; acksPending: SharedArrayBuffer },
  onRecorded: (recorded: RecordedValues[]) => Promise<void>,
): OffLoopWorker {
  const data = { databaseUrl: config.databaseUrl, tz: config.tz, scorecardReadMs, acksPending };
  const worker = new OffLoopWorker({ data, onRecorded, logger, onQuery });
  // Tokens revoked or rotated, seats paused or retired, values recorded here reach the thread's recent reads
  // before its next call.
  watchSeatData(db, () => worker.seatDataChanged());
  watchValues(db, (weeks) => worker.valuesChanged(weeks));
  return worker;
}

/** Values and issue changes show up in DMs, posts, home tabs and the digest after the request is acked. */
function refreshAfterChanges(
  sources: {
    entries: EntryService;
    checkins: CheckinService;
    home: HomeService;
    issues: IssueService;
    digest: DigestService;
    priorities: PriorityService;
    todos: TodoService;
  },
  clock: () => Date,
  logger: Logger,
): RefreshService {
  const refresh = new RefreshService({ targets: refreshTargets(sources), clock, logger });
  sources.entries.onRecorded(async (recorded) => refresh.entriesRecorded(recorded));
  sources.issues.onChanged(async (issue) => refresh.issueChanged(issue));
  sources.priorities.onChanged((ownerId) => refresh.homesChanged([ownerId]));
  sources.todos.onChanged((ownerId) => refresh.homesChanged([ownerId]));
  return refresh;
}

function registerListeners(app: App, services: CadenceServices, inFlight: InFlightRequests, afterPendingAcks: () => Promise<void>): void {
  app.use(inFlight.middleware(workspaceGuard()));
  registerCommands(app, services, afterPendingAcks);
  registerActions(app, services);
  registerViews(app, services);
  registerEvents(app, services);
}

/** Starts the Bolt app; its base URL in HTTP mode, undefined in Socket Mode. */
async function serve(app: App, config: Config, acksPending: AcksPending): Promise<string | undefined> {
  const started = (await app.start(config.port)) as unknown;
  const server = config.slack.appToken ? undefined : (started as Server);
  if (server) countPendingSlackRequests(server, acksPending);
  const port = server ? (server.address() as AddressInfo).port : undefined;
  return port === undefined ? undefined : `http://127.0.0.1:${port}`;
}

/** Warnings only, none awaited: a set-up problem or a slow Slack must not hold up serving what Cadence can. */
/** Tracked as in-flight work, so tests can wait until they are done (`idle()`). */
function startupChecks(args: {
  config: Config;
  options: StartOptions;
  client: WebClient;
  db: Database;
  slack: WebClientSlackApi;
  services: CadenceServices;
  logger: Logger;
  inFlight: InFlightRequests;
}): Promise<void> {
  const { config, options, client, db, slack, services, logger, inFlight } = args;
  void inFlight
    .track(services.checkins.zoneWarning(services.clock()))
    .then((warning) => warning && logger.warn(warning), warnOf(logger, "checking the check-in time zones"));
  // A member already (invited while Cadence was down): what waited for the invitation goes out now.
  const membership = new ChannelMembershipCheck({ slack, channel: config.channel, admins: config.admins, logger })
    .check()
    .then(async (isMember) => void (isMember && (await services.invitations.botJoined(config.channel, services.clock()))));
  void inFlight.track(membership).catch(warnOf(logger, "checking that Cadence is in the channel"));
  return options.setupChecks === false ? Promise.resolve() : inFlight.track(logSetupChecks(config, client, db, logger));
}

function warnOf(logger: Logger, what: string): (error: Error) => void {
  return (error) => logger.warn(`${what} failed: ${error.message}`);
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

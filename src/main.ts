// Composition root: config → database → repositories → services → Slack app → listeners → scheduler.
import { pathToFileURL } from "node:url";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { LogLevel, type Logger } from "@slack/bolt";
import { ConfigError, loadConfig, type Config } from "./config/config";
import { openDatabase, type Database } from "./db/database";
import { applyPendingMigrations } from "./db/migrate";
import { SeatRepository } from "./repositories/seat-repository";
import { SlackUserRepository } from "./repositories/slack-user-repository";
import type { CadenceServices } from "./services/cadence-services";
import { SetupService } from "./services/setup-service";
import { UserDirectory } from "./services/user-directory";
import { createSlackApp } from "./slack/app";
import { registerCommands } from "./slack/listeners/commands";
import { WebClientSlackApi } from "./slack/slack-api";

export interface StartOptions {
  /** The time Cadence believes it is; tests and the demo move it. */
  clock?: () => Date;
  logger?: Logger;
  logLevel?: LogLevel;
  /** Short Slack retry waits, for tests that inject 429s and 500s. */
  fastRetries?: boolean;
}

export interface RunningCadence {
  config: Config;
  db: Database;
  services: CadenceServices;
  /** Base URL of the HTTP server (HTTP mode). */
  url: string | undefined;
  stop(): Promise<void>;
}

export async function startCadence(config: Config, options: StartOptions = {}): Promise<RunningCadence> {
  const clock = options.clock ?? (() => new Date());
  await applyPendingMigrations(config.databaseUrl);
  const db = await openDatabase(config.databaseUrl);

  const seats = new SeatRepository(db);
  const slackUsers = new SlackUserRepository(db);

  const app = createSlackApp({
    config,
    logger: options.logger,
    logLevel: options.logLevel,
    fastRetries: options.fastRetries,
    health: async () => ({ seats: (await seats.listSeats()).length }),
  });
  const slack = new WebClientSlackApi(app.client);
  const directory = new UserDirectory({ slack, users: slackUsers, admins: config.admins, teamTz: config.tz });
  const services: CadenceServices = {
    config,
    clock,
    directory,
    setup: new SetupService({ seats, directory }),
  };

  registerCommands(app, services);

  const started = (await app.start(config.port)) as unknown;
  const server = config.slack.appToken ? undefined : (started as Server);
  const port = server ? (server.address() as AddressInfo).port : undefined;

  return {
    config,
    db,
    services,
    url: port === undefined ? undefined : `http://127.0.0.1:${port}`,
    async stop() {
      await app.stop();
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

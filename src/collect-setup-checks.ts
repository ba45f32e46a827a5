// The set-up checks wired to a real Slack client and database: run by `npm run doctor` and, as warnings, at start.
// Kept out of doctor.ts, whose CLI entry must not run when the app's bundle imports this.
import { existsSync } from "node:fs";
import type { WebClient } from "@slack/web-api";
import type { Logger } from "@slack/bolt";
import { loopSettingsOf, type Config } from "./config/config";
import { manifestBotScopes } from "./config/manifest";
import { openDatabase, type Database } from "./db/database";
import { committedMigrations, pendingMigrations } from "./db/migrate";
import { databaseProvider, describeDatabase } from "./db/database-url";
import { sqliteFilePath } from "./db/sqlite-url";
import { SlackUserRepository } from "./repositories/slack-user-repository";
import { formatSetupCheck, runSetupChecks, type SetupCheck } from "./services/setup-checks";
import { SeatRepository } from "./repositories/seat-repository";
import { zonesNotServed } from "./domain/zones-not-served";
import { weekOf } from "./domain/week";
import { WebClientSetupSlack } from "./slack/setup-slack";

/** Runs the set-up checks with a Slack client and, when the app already has it open, its database. */
export async function collectSetupChecks(
  config: Config,
  { client, db, now = new Date() }: { client: WebClient; db?: Database; now?: Date },
): Promise<SetupCheck[]> {
  const isSqlite = databaseProvider(config.databaseUrl) === "sqlite";
  // The doctor opens a SQLite database only if it exists: opening creates an empty file, which is the app's job.
  const withDatabase = async <T>(use: (open: Database) => Promise<T>, absent: T): Promise<T> => {
    if (db) return use(db);
    if (isSqlite && !existsSync(sqliteFilePath(config.databaseUrl))) return absent;
    const opened = await openDatabase(config.databaseUrl);
    return use(opened).finally(() => opened.$disconnect());
  };
  return runSetupChecks({
    slack: new WebClientSetupSlack(client),
    requiredScopes: manifestBotScopes(),
    channel: config.channel,
    slackMode: { signingSecret: config.slack.signingSecret, appToken: config.slack.appToken },
    knownTeam: () => withDatabase((open) => new SlackUserRepository(open).mostCommonTeam(), undefined),
    pendingMigrations: () => withDatabase((open) => pendingMigrations(open), committedMigrations()),
    databaseLabel: `the database ${describeDatabase(config.databaseUrl)}`,
    zoneWarning: () => withDatabase((open) => zoneWarning(config, open, now), undefined),
  });
}

/** The zones of active owners as the database last heard them from Slack (no Slack calls), and the team's. */
async function zoneWarning(config: Config, db: Database, now: Date): Promise<string | undefined> {
  const owners = await new SeatRepository(db).activeOwners();
  const known = await new SlackUserRepository(db).findMany(owners);
  const zones = [config.tz, ...known.map((user) => user.tz ?? config.tz)];
  return zonesNotServed(loopSettingsOf(config), zones, weekOf(now, config.tz));
}

/** At start: the same checks as warnings only, since a set-up problem must not keep Cadence from serving. */
export async function logSetupChecks(config: Config, client: WebClient, db: Database, logger: Logger): Promise<void> {
  try {
    const failing = (await collectSetupChecks(config, { client, db })).filter((check) => !check.ok);
    for (const check of failing) logger.warn(`set-up check failed: ${formatSetupCheck(check)}`);
    if (failing.length === 0) logger.info("set-up checks passed (npm run doctor)");
  } catch (error) {
    logger.warn(`set-up checks could not run: ${error instanceof Error ? error.message : String(error)}`);
  }
}

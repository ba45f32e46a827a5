// The set-up checks wired to a real Slack client and database: run by `npm run doctor` and, as warnings, at start.
// Kept out of doctor.ts, whose CLI entry must not run when the app's bundle imports this.
import { existsSync } from "node:fs";
import type { WebClient } from "@slack/web-api";
import type { Config } from "./config/config";
import { manifestBotScopes } from "./config/manifest";
import { openDatabase, type Database } from "./db/database";
import { committedMigrations, pendingMigrations } from "./db/migrate";
import { sqliteFilePath } from "./db/sqlite-url";
import { SlackUserRepository } from "./repositories/slack-user-repository";
import { runSetupChecks, type SetupCheck } from "./services/setup-checks";
import { WebClientSetupSlack } from "./slack/setup-slack";

/** Runs the set-up checks with a Slack client and, when the app already has it open, its database. */
export async function collectSetupChecks(config: Config, { client, db }: { client: WebClient; db?: Database }): Promise<SetupCheck[]> {
  const file = sqliteFilePath(config.databaseUrl);
  // The doctor opens the database only if it exists: opening creates an empty file, which is the app's job.
  const withDatabase = async <T>(use: (open: Database) => Promise<T>, absent: T): Promise<T> => {
    if (db) return use(db);
    if (!existsSync(file)) return absent;
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
    databaseLabel: `the database ${file}`,
  });
}

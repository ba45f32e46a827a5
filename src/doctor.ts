// `npm run doctor`: checks the set-up against Slack and the database, one line per check with its fix.
// Exit code 0 only when every check passes. The app runs the same checks at start (collectSetupChecks).
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { LogLevel, WebClient } from "@slack/web-api";
import { ConfigError, loadConfig, type Config } from "./config/config";
import { loadEnvFile } from "./config/env-file";
import { manifestBotScopes } from "./config/manifest";
import { openDatabase, type Database } from "./db/database";
import { committedMigrations, pendingMigrations } from "./db/migrate";
import { sqliteFilePath } from "./db/sqlite-url";
import { SlackUserRepository } from "./repositories/slack-user-repository";
import { formatSetupCheck, runSetupChecks, type SetupCheck } from "./services/setup-checks";
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

/** Prints one line per check (or per bad variable) and answers the exit code. */
export async function doctor(env: Record<string, string | undefined>, print: (line: string) => void): Promise<number> {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) print(`✗ environment: ${problem}`);
    return 1;
  }
  // No retries: a doctor that waits minutes on backoff before saying "unreachable" helps nobody.
  const client = new WebClient(config.slack.botToken, { slackApiUrl: config.slack.apiUrl, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR });
  const checks = await collectSetupChecks(config, { client });
  for (const check of checks) print(formatSetupCheck(check));
  return checks.every((check) => check.ok) ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  loadEnvFile();
  doctor(process.env, (line) => console.log(line))
    .then((code) => process.exit(code))
    .catch((error) => {
      console.error("doctor stopped:", error instanceof Error ? error.message : error);
      process.exit(1);
    });
}

// `npm run doctor`: checks the set-up against Slack and the database, one line per check with its fix.
// Exit code 0 only when every check passes. The app runs the same checks at start (collectSetupChecks).
import { pathToFileURL } from "node:url";
import { LogLevel, WebClient } from "@slack/web-api";
import { collectSetupChecks } from "./collect-setup-checks";
import { ConfigError, loadConfig, type Config } from "./config/config";
import { loadEnvFile } from "./config/env-file";
import { formatSetupCheck } from "./services/setup-checks";

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

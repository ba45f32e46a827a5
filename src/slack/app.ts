// The Bolt app: HTTP mode (Slack posts to /slack/events) or Socket Mode when an app token is set.
import { App, LogLevel, type Logger } from "@slack/bolt";
import type { Config } from "../config/config";

export interface SlackAppOptions {
  config: Config;
  logger?: Logger;
  logLevel?: LogLevel;
  fastRetries?: boolean;
  health: () => Promise<Record<string, unknown>>;
  /** Extra HTTP routes (the demo's clock, for instance); HTTP mode only. */
  extraRoutes?: { path: string; method: string; handler: (req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => void }[];
}

export function createSlackApp({ config, logger, logLevel = LogLevel.INFO, health, extraRoutes = [], fastRetries }: SlackAppOptions): App {
  const clientOptions = {
    slackApiUrl: config.slack.apiUrl,
    // Retries ride out Slack's 429s (after Retry-After) and 5xx answers without losing a message.
    retryConfig: fastRetries
      ? { retries: 6, factor: 1, minTimeout: 20, maxTimeout: 50 }
      : { retries: 6, factor: 2, minTimeout: 500, maxTimeout: 30_000, randomize: true },
  };
  if (config.slack.appToken) {
    return new App({ token: config.slack.botToken, appToken: config.slack.appToken, socketMode: true, logger, logLevel, clientOptions });
  }
  return new App({
    token: config.slack.botToken,
    signingSecret: config.slack.signingSecret,
    logger,
    logLevel,
    clientOptions,
    // The bot token is checked on first use, not at boot, so a Slack hiccup at start does not stop the app.
    tokenVerificationEnabled: false,
    customRoutes: [
      {
        path: "/healthz",
        method: ["GET"],
        handler: (_req, res) => {
          health()
            .then((status) => respondJson(res, 200, { ok: true, ...status }))
            .catch((error: Error) => respondJson(res, 503, { ok: false, error: error.message }));
        },
      },
      ...extraRoutes,
    ],
  });
}

function respondJson(res: import("node:http").ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

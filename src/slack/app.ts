// The Bolt app: HTTP mode (Slack posts to /slack/events) or Socket Mode when an app token is set.
import type { IncomingMessage, ServerResponse } from "node:http";
import { App, LogLevel, type AuthorizeResult, type Logger } from "@slack/bolt";
import { WebClient, type RetryOptions, type WebClientOptions } from "@slack/web-api";
import type { Config } from "../config/config";

export interface SlackAppOptions {
  config: Config;
  logger?: Logger;
  logLevel?: LogLevel;
  fastRetries?: boolean;
  health: () => Promise<Record<string, unknown>>;
  /** Extra HTTP routes (the demo's clock, for instance); HTTP mode only. */
  extraRoutes?: { path: string; method: string; handler: (req: IncomingMessage, res: ServerResponse) => void }[];
}

export interface SlackApp {
  app: App;
  /** A client with the bot token, for the work Cadence does outside a request (jobs). */
  client: WebClient;
  /** The same, for the outbox's posts: it retries only what Slack did not take (429). */
  postClient: WebClient;
}

/** A failure Slack says it did not act on: a 429, whose retry the WebClient asks for after waiting out Retry-After. */
function isRateLimitWait(error: Error & { original?: Error }): boolean {
  // @slack/web-api 7/8 (WebClient.makeRequest) throws a plain Error "A rate limit was exceeded …" after a 429,
  // which its own catch wraps in a WebAPIRequestError (`original`); 5xx answers are WebAPIHTTPError, resets and
  // time-outs WebAPIRequestError around the network error. If the SDK ever words it differently, the post is
  // treated as unknown and goes through the outbox's search: late, never twice.
  const rateLimited = (candidate: Error | undefined) => candidate?.message.startsWith("A rate limit was exceeded") === true;
  return rateLimited(error) || rateLimited(error.original);
}

/**
 * Retries for chat.postMessage: only after a 429. A 5xx or a dropped connection may come after Slack took the
 * post, and chat.postMessage has no idempotency key, so a blind retry could post it twice; the outbox instead
 * records the attempt as failed and searches the channel before trying again.
 */
export function postRetryPolicy(retries: RetryOptions): RetryOptions {
  return {
    ...retries,
    // p-retry stops retrying when onFailedAttempt throws, and rejects with what it threw.
    onFailedAttempt: (error: Error) => {
      if (!isRateLimitWait(error)) throw error;
    },
  } as RetryOptions;
}

export function createSlackApp({ config, logger, logLevel = LogLevel.INFO, health, extraRoutes = [], fastRetries }: SlackAppOptions): SlackApp {
  const retryConfig: RetryOptions = fastRetries
    ? { retries: 6, factor: 1, minTimeout: 20, maxTimeout: 50 }
    : { retries: 6, factor: 2, minTimeout: 500, maxTimeout: 30_000, randomize: true };
  // Reads, updates and views are safe to repeat: retries ride out Slack's 429s and 5xx answers.
  const clientOptions: WebClientOptions = { slackApiUrl: config.slack.apiUrl, retryConfig, logger, logLevel };
  const client = new WebClient(config.slack.botToken, clientOptions);
  const postClient = new WebClient(config.slack.botToken, { ...clientOptions, retryConfig: postRetryPolicy(retryConfig) });
  const authorize = cachedAuthorization(client, config.slack.botToken);
  // Bolt's conversation store (context.conversation) is not used by Cadence, and on by default it looks every
  // request's channel up before the listeners run, rejecting with a new Error (a captured stack) when none is kept.
  const common = { authorize, logger, logLevel, clientOptions, convoStore: false } as const;
  if (config.slack.appToken) {
    return { client, postClient, app: new App({ ...common, appToken: config.slack.appToken, socketMode: true }) };
  }
  const app = new App({
    ...common,
    signingSecret: config.slack.signingSecret,
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
  return { app, client, postClient };
}

/**
 * Who the bot is (auth.test), asked once and remembered. Bolt's own single-token mode either asks at boot (a
 * Slack hiccup then stops the app) or, deferred, asks again on every request, which adds a Slack round trip
 * before each ack. A failed answer is forgotten, so the next request asks again.
 */
function cachedAuthorization(client: WebClient, botToken: string): () => Promise<AuthorizeResult> {
  let identity: Promise<AuthorizeResult> | undefined;
  return () => {
    identity ??= client.auth
      .test()
      .then((result) => ({ botToken, botId: result.bot_id, botUserId: result.user_id, teamId: result.team_id }))
      .catch((error: unknown) => {
        identity = undefined;
        throw error;
      });
    return identity;
  };
}

function respondJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

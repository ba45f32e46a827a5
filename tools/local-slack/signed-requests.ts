/**
 * Sends requests to the running app the way Slack does: to `${appUrl}/slack/events`, signed with the
 * signing secret (HMAC-SHA256 over `v0:{timestamp}:{raw body}`), with Slack's field names and encodings.
 * Pass `opts.secret` or an old `opts.timestamp` to test that the app rejects forged or replayed requests.
 */
import { createHmac, randomBytes } from "node:crypto";
import type { LocalSlack } from "./server";

export interface SignedClientOptions {
  appUrl: string;
  signingSecret: string;
  /** When given, slash commands get a real response_url and trigger_id from this fake. */
  slack?: LocalSlack;
  teamId?: string;
}

export interface SignOptions {
  /** Unix seconds; defaults to now. */
  timestamp?: number;
  /** Signs with this secret instead of the app's (to forge a request). */
  secret?: string;
}

export interface CommandInput {
  command: "/cadence" | "/scorecard" | "/issue" | (string & {});
  text: string;
  userId: string;
  userName?: string;
  channelId?: string;
  responseUrl?: string;
  triggerId?: string;
}

export interface CommandOptions extends SignOptions {
  /** Slack HTML-escapes &, < and > in command text (keeping its own <@U…> markup); false sends text as is. */
  escapeText?: boolean;
}

export interface EventOptions extends SignOptions {
  eventId?: string;
  retryNum?: number;
  retryReason?: string;
}

export interface SignedResponse {
  status: number;
  /** The parsed answer when the app answered JSON, else undefined. */
  body: any;
  text: string;
}

const DEFAULT_CHANNEL_ID = "C_CADENCE";
const API_APP_ID = "A_CADENCE";
// Port 9 (discard) is closed on test machines, so a stray respond() fails fast instead of hanging.
const DUMMY_RESPONSE_URL = "http://127.0.0.1:9/response/dummy";

export function signSlackRequest(secret: string, timestamp: number, rawBody: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${rawBody}`).digest("hex")}`;
}

/** Escapes text like Slack does for slash commands, leaving `<@U…>`, `<#C…>`, `<!here>` and links intact. */
export function escapeLikeSlack(text: string): string {
  const slackMarkup = /<(?:[@#!][^<>\s]+|(?:https?|mailto):[^<>\s]+)>/g;
  let escaped = "";
  let last = 0;
  for (const match of text.matchAll(slackMarkup)) {
    escaped += escapeEntities(text.slice(last, match.index)) + match[0];
    last = match.index! + match[0].length;
  }
  return escaped + escapeEntities(text.slice(last));
}

function escapeEntities(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function signedClient(options: SignedClientOptions) {
  const eventsUrl = `${options.appUrl.replace(/\/$/, "")}/slack/events`;
  const teamId = options.teamId ?? options.slack?.teamId ?? "T0001";

  async function post(rawBody: string, contentType: string, opts: SignOptions = {}, extraHeaders: Record<string, string> = {}): Promise<SignedResponse> {
    const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
    const response = await fetch(eventsUrl, {
      method: "POST",
      headers: {
        "Content-Type": contentType,
        "X-Slack-Request-Timestamp": String(timestamp),
        "X-Slack-Signature": signSlackRequest(opts.secret ?? options.signingSecret, timestamp, rawBody),
        ...extraHeaders,
      },
      body: rawBody,
    });
    const text = await response.text();
    return { status: response.status, body: parseJsonAnswer(response, text), text };
  }

  function command(input: CommandInput, opts: CommandOptions = {}): Promise<SignedResponse> {
    const form = new URLSearchParams(commandFields(input, { teamId, slack: options.slack, escapeText: opts.escapeText }));
    return post(form.toString(), "application/x-www-form-urlencoded", opts);
  }

  /** Block actions, view submissions, shortcuts: Slack posts them as a form with one `payload` field. */
  function interaction(payload: object, opts: SignOptions = {}): Promise<SignedResponse> {
    const form = new URLSearchParams({ payload: JSON.stringify(payload) });
    return post(form.toString(), "application/x-www-form-urlencoded", opts);
  }

  function event(eventBody: object, opts: EventOptions = {}): Promise<SignedResponse> {
    const envelope = eventCallback(eventBody, { teamId, slack: options.slack, eventId: opts.eventId ?? nextEventId() });
    const retryHeaders: Record<string, string> =
      opts.retryNum === undefined ? {} : { "X-Slack-Retry-Num": String(opts.retryNum), "X-Slack-Retry-Reason": opts.retryReason ?? "http_timeout" };
    return post(JSON.stringify(envelope), "application/json", opts, retryHeaders);
  }

  function raw(body: string, contentType: string, opts: SignOptions = {}): Promise<SignedResponse> {
    return post(body, contentType, opts);
  }

  return { command, interaction, event, raw };
}

export type SignedClient = ReturnType<typeof signedClient>;

// --- Payloads as Slack builds them, whether it posts them over HTTP or sends them over Socket Mode -----------

interface PayloadContext {
  teamId: string;
  slack?: LocalSlack;
}

/** A slash command's fields, as Slack posts them (form-encoded) or puts them in a Socket Mode envelope. */
export function commandFields(input: CommandInput, context: PayloadContext & { escapeText?: boolean }): Record<string, string> {
  return {
    token: "local-verification-token",
    team_id: context.teamId,
    team_domain: "cadence-local",
    channel_id: input.channelId ?? DEFAULT_CHANNEL_ID,
    channel_name: input.channelId ? "channel" : "cadence",
    user_id: input.userId,
    user_name: input.userName ?? input.userId.toLowerCase(),
    command: input.command,
    text: context.escapeText === false ? input.text : escapeLikeSlack(input.text),
    api_app_id: API_APP_ID,
    is_enterprise_install: "false",
    response_url: input.responseUrl ?? context.slack?.newResponseUrl() ?? DUMMY_RESPONSE_URL,
    trigger_id: input.triggerId ?? context.slack?.newTriggerId(input.userId) ?? dummyTriggerId(),
  };
}

let eventCounter = 0;

export function nextEventId(): string {
  return `Ev${Math.floor(Date.now() / 1000)}${String(++eventCounter).padStart(4, "0")}`;
}

/** The Events API's `event_callback` wrapper around one event. */
export function eventCallback(eventBody: object, context: PayloadContext & { eventId: string }): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    token: "local-verification-token",
    team_id: context.teamId,
    api_app_id: API_APP_ID,
    event: eventBody,
    type: "event_callback",
    event_id: context.eventId,
    event_time: now,
    authorizations: [{ enterprise_id: null, team_id: context.teamId, user_id: context.slack?.botUserId ?? "UBOT", is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
}

function parseJsonAnswer(response: Response, text: string): any {
  if (!(response.headers.get("content-type") ?? "").includes("json") || text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function dummyTriggerId(): string {
  return `${Date.now()}.1.${randomBytes(8).toString("hex")}`;
}

/**
 * Local Slack: a fake of the Slack Web API served over real HTTP on 127.0.0.1.
 *
 * The app under test talks to it exactly as it talks to Slack: point `slackApiUrl` (SLACK_API_URL) at
 * `slack.apiUrl` and every `WebClient` call lands here. Tests (and the browser demo) then read what the app
 * did: `calls`, `messages(channel)`, `dmsTo(user)`, `homeOf(user)`, `responses()`, `ephemerals()`, or subscribe
 * to the `"call"`, `"message"`, `"message_deleted"`, `"view"`, `"response"` and `"ephemeral"` events.
 *
 *   const slack = await startLocalSlack({ latencyMs: 5 });
 *   slack.addUser({ id: "U1", name: "ada", tz: "Europe/London" });
 *   // ... start the app with slackApiUrl: slack.apiUrl, drive it with signed requests ...
 *   await slack.waitFor(() => slack.dmsTo("U1")[0]);
 *   await slack.close();
 *
 * It behaves like Slack where that catches real bugs: answers are `{ ok, ... }` with Slack's error codes,
 * message timestamps are unique and increasing, `trigger_id`s issued by `newTriggerId()` work once within
 * 3 s, views carry a `hash` that goes stale, and Slack's documented rules are enforced: every Block Kit limit
 * (block-kit-rules.ts), response_url uses, channel ids, membership and scopes (access-rules.ts). Failures (429 with Retry-After, 500, any Slack error) can be injected per
 * method, and a fixed latency can be added to every answer. State lives in memory, per instance.
 */
import { randomBytes } from "node:crypto";
import { EventEmitter } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { isUserId, ResponseUrlBudget, scopesNeeded, TRIGGER_TTL_MS } from "./access-rules";
import { manifestBotScopes } from "../../src/config/manifest";
import { blockKitProblems, explicitBlockIds, viewFieldProblems, type Surface } from "./block-kit-rules";
import { RateTiers } from "./rate-tiers";
import { SocketModeHub } from "./socket-mode";

// ---------------------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------------------

export interface LocalSlackUser {
  id: string;
  name: string;
  real_name?: string;
  tz?: string;
  is_admin?: boolean;
  is_owner?: boolean;
  is_bot?: boolean;
  deleted?: boolean;
  team_id?: string;
}

export interface RecordedCall {
  method: string;
  params: Record<string, any>;
  at: number;
  ok: boolean;
  error?: string;
}

export interface StoredMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  text?: string;
  blocks?: any[];
  metadata?: { event_type: string; event_payload: Record<string, any> };
  user: string;
  bot_id?: string;
  edited?: boolean;
  reply_broadcast?: boolean;
}

export interface StoredView {
  id: string;
  type: string;
  view: any;
  user?: string;
  trigger_id?: string;
  hash: string;
}

/** A `chat.postEphemeral` message: shown to one user in one channel, never stored in history. */
export interface EphemeralMessage {
  channel: string;
  user: string;
  ts: string;
  text?: string;
  blocks?: any[];
}

/** What `snapshot()` saves and `restore()` reloads: messages and views (users and calls are not kept). */
export interface LocalSlackSnapshot {
  version: 1;
  messages: StoredMessage[];
  views: StoredView[];
  homeViewIdByUser: [string, string][];
  counter: number;
}

export interface RecordedResponse {
  url: string;
  body: any;
  at: number;
}

export interface LocalSlackOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Delay added to every answer, in milliseconds. */
  latencyMs?: number;
  teamId?: string;
  botUserId?: string;
  botId?: string;
  /** Clock used for message timestamps and `at` fields; defaults to `Date.now`. */
  now?: () => number;
  /** Bot scopes the token was granted; defaults to those in manifest.json. A method outside them answers missing_scope. */
  scopes?: string[];
  /** Slack's per-method rate-limit tiers (rate-tiers.ts); off by default so most tests stay fast. */
  rateLimits?: boolean;
}

/**
 * `afterStoring`: the method does its work (a message is stored) and then answers 500, as when Slack took a
 * post and the answer was lost; a client cannot tell that from a 500 that stored nothing.
 */
export type InjectedFailure = { status: 429; retryAfter: number } | { status: 500; afterStoring?: boolean } | { error: string };

export async function startLocalSlack(options: LocalSlackOptions = {}): Promise<LocalSlack> {
  const slack = new LocalSlack(options);
  await slack.listen(options.port ?? 0);
  return slack;
}

// ---------------------------------------------------------------------------------------------------------
// Internals shared by the method handlers
// ---------------------------------------------------------------------------------------------------------

type Params = Record<string, any>;
type ApiAnswer = Record<string, unknown>;
type MethodHandler = (params: Params) => ApiAnswer;

interface HttpReply {
  status: number;
  headers?: Record<string, string>;
  body: Record<string, unknown>;
  /** A failure the test asked for with failNext(), not one the app caused. */
  injected?: boolean;
}

/** Answers that mean the app broke one of Slack's rules (as opposed to an outage or a lookup that found nothing). */
const RULE_ERRORS = new Set([
  "invalid_blocks",
  "invalid_blocks_format",
  "invalid_arguments",
  "invalid_metadata_format",
  "expired_trigger_id",
  "channel_not_found",
  "not_in_channel",
  "missing_scope",
  "msg_too_long",
  "no_text",
  "used_url",
  "expired_url",
]);

/** A Slack-style failure (`{ ok: false, error }`) raised by a method handler. */
class SlackApiError extends Error {
  constructor(
    readonly code: string,
    readonly details: string[] = [],
  ) {
    super(code);
  }
}

function fail(code: string, details?: string[]): never {
  throw new SlackApiError(code, details);
}

function requireParam(params: Params, name: string, errorCode: string): string {
  const value = params[name];
  if (value === undefined || value === null || value === "") fail(errorCode);
  return String(value);
}

/** Slack takes booleans as real booleans (JSON) or as "true"/"1" strings (form posts). */
function isTrue(value: unknown): boolean {
  return value === true || value === "true" || value === "1" || value === 1;
}

function hasContent(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return value !== undefined && value !== null && value !== "";
}

// Longer message text is refused outright (https://docs.slack.dev/reference/methods/chat.postMessage, msg_too_long).
const MAX_MESSAGE_TEXT = 40000;

/** Block Kit limits (block-kit-rules.ts): a fake that accepted more would hide the bug until production. */
function validateBlocks(blocks: unknown, surface: Surface): void {
  if (blocks === undefined) return;
  if (!Array.isArray(blocks)) fail("invalid_blocks_format");
  const problems = blockKitProblems(blocks, surface);
  if (problems.length > 0) fail("invalid_blocks", problems);
}

function validateMetadata(metadata: unknown): void {
  if (metadata === undefined) return;
  const candidate = metadata as { event_type?: unknown; event_payload?: unknown } | null;
  if (
    typeof candidate !== "object" ||
    candidate === null ||
    typeof candidate.event_type !== "string" ||
    typeof candidate.event_payload !== "object" ||
    candidate.event_payload === null
  ) {
    fail("invalid_metadata_format");
  }
}

// Timestamps are compared as integer microseconds: "1700000000.000100" does not fit a double exactly.
function tsToMicros(ts: string): bigint {
  const [seconds = "0", fraction = ""] = String(ts).split(".");
  return BigInt(seconds || "0") * 1_000_000n + BigInt(`${fraction}000000`.slice(0, 6));
}

function microsToTs(micros: bigint): string {
  const seconds = micros / 1_000_000n;
  const fraction = micros % 1_000_000n;
  return `${seconds}.${fraction.toString().padStart(6, "0")}`;
}

/** Hands out unique, strictly increasing message timestamps that follow the clock when it moves forward. */
class TimestampSource {
  private lastMicros = 0n;
  constructor(private readonly now: () => number) {}
  next(): string {
    const fromClock = BigInt(Math.floor(this.now())) * 1000n;
    this.lastMicros = fromClock > this.lastMicros ? fromClock : this.lastMicros + 1n;
    return microsToTs(this.lastMicros);
  }
  /** After a restore: the next ts comes after every restored one, even if the clock is behind them. */
  continueAfter(ts: string): void {
    const micros = tsToMicros(ts);
    if (micros > this.lastMicros) this.lastMicros = micros;
  }
}

function encodeCursor(value: string): string {
  return Buffer.from(value, "utf8").toString("base64");
}

function decodeCursor(cursor: unknown): string | undefined {
  if (typeof cursor !== "string" || cursor === "") return undefined;
  return Buffer.from(cursor, "base64").toString("utf8");
}

/** Offset from UTC in seconds for a time zone at a moment, as Slack reports it in `tz_offset`. */
function timeZoneOffsetSeconds(timeZone: string, at: Date): number {
  try {
    const parts = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" }).formatToParts(at);
    const label = parts.find((part) => part.type === "timeZoneName")?.value ?? "GMT";
    const match = /GMT([+-])(\d{2}):(\d{2})/.exec(label);
    if (!match) return 0;
    const seconds = Number(match[2]) * 3600 + Number(match[3]) * 60;
    return match[1] === "-" ? -seconds : seconds;
  } catch {
    return 0; // an unknown zone name: Slack would never send one, so UTC is as good as anything
  }
}

/** Messages per channel, indexed for O(1) lookup by ts and by thread. */
class MessageStore {
  private readonly byChannel = new Map<string, StoredMessage[]>(); // oldest first, top-level and replies
  private readonly byKey = new Map<string, StoredMessage>();
  private readonly repliesByThread = new Map<string, StoredMessage[]>();

  add(message: StoredMessage): void {
    listIn(this.byChannel, message.channel).push(message);
    this.byKey.set(keyOf(message.channel, message.ts), message);
    if (isReply(message)) listIn(this.repliesByThread, keyOf(message.channel, message.thread_ts!)).push(message);
  }

  find(channel: string, ts: string): StoredMessage | undefined {
    return this.byKey.get(keyOf(channel, ts));
  }

  remove(message: StoredMessage): void {
    this.byKey.delete(keyOf(message.channel, message.ts));
    removeFrom(this.byChannel.get(message.channel), message);
    if (isReply(message)) removeFrom(this.repliesByThread.get(keyOf(message.channel, message.thread_ts!)), message);
  }

  all(channel: string): StoredMessage[] {
    return [...(this.byChannel.get(channel) ?? [])];
  }

  channels(): string[] {
    return [...this.byChannel.keys()];
  }

  /** What conversations.history shows: thread parents, plain messages and broadcast replies. */
  topLevel(channel: string): StoredMessage[] {
    return (this.byChannel.get(channel) ?? []).filter((message) => !isReply(message) || message.reply_broadcast);
  }

  replies(channel: string, threadTs: string): StoredMessage[] {
    return this.repliesByThread.get(keyOf(channel, threadTs)) ?? [];
  }

  clear(): void {
    this.byChannel.clear();
    this.byKey.clear();
    this.repliesByThread.clear();
  }
}

function keyOf(channel: string, ts: string): string {
  return `${channel}/${ts}`;
}

function isReply(message: StoredMessage): boolean {
  return message.thread_ts !== undefined && message.thread_ts !== message.ts;
}

function listIn<T>(map: Map<string, T[]>, key: string): T[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  return list;
}

function removeFrom<T>(list: T[] | undefined, item: T): void {
  const index = list?.indexOf(item) ?? -1;
  if (index >= 0) list!.splice(index, 1);
}

// ---------------------------------------------------------------------------------------------------------
// HTTP plumbing
// ---------------------------------------------------------------------------------------------------------

// Fields that WebClient sends as JSON strings inside a form post.
const JSON_ENCODED_FIELDS = new Set(["blocks", "attachments", "view", "metadata", "user_auth_blocks"]);

interface ParsedApiRequest {
  params: Params;
  token?: string;
  invalidJson?: boolean;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function parseApiRequest(request: IncomingMessage, url: URL, rawBody: string): ParsedApiRequest {
  const params: Params = Object.fromEntries(url.searchParams);
  const contentType = String(request.headers["content-type"] ?? "");
  let invalidJson = false;
  if (rawBody !== "") {
    if (contentType.includes("application/json")) {
      try {
        Object.assign(params, JSON.parse(rawBody));
      } catch {
        invalidJson = true;
      }
    } else {
      Object.assign(params, Object.fromEntries(new URLSearchParams(rawBody)));
    }
  }
  for (const field of JSON_ENCODED_FIELDS) {
    if (typeof params[field] !== "string") continue;
    try {
      params[field] = JSON.parse(params[field]);
    } catch {
      invalidJson = true;
    }
  }
  const token = bearerToken(request.headers.authorization) ?? (params.token ? String(params.token) : undefined);
  delete params.token; // never keep credentials in the call log
  return { params, token, invalidJson };
}

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)/i.exec(header ?? "");
  return match?.[1];
}

function sendJson(response: ServerResponse, reply: HttpReply): void {
  const body = JSON.stringify(reply.body);
  response.writeHead(reply.status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(body),
    ...reply.headers,
  });
  response.end(body);
}

function delay(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

// ---------------------------------------------------------------------------------------------------------
// The fake
// ---------------------------------------------------------------------------------------------------------

export class LocalSlack extends EventEmitter {
  readonly teamId: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly calls: RecordedCall[] = [];
  readonly views = new Map<string, StoredView>();
  /** Socket Mode: apps.connections.open and the WebSocket it points to (socket-mode.ts). */
  readonly socketMode: SocketModeHub;

  private readonly server: Server;
  private readonly now: () => number;
  private readonly timestamps: TimestampSource;
  private readonly store = new MessageStore();
  private readonly userById = new Map<string, LocalSlackUser>();
  private readonly homeViewIdByUser = new Map<string, string>();
  private readonly recordedResponses: RecordedResponse[] = [];
  private readonly recordedEphemerals: EphemeralMessage[] = [];
  private readonly pendingFailures = new Map<string, { failure: InjectedFailure; remaining: number }[]>();
  /** Trigger ids handed out by newTriggerId(), with the user they belong to; each works once. */
  private readonly openTriggers = new Map<string, { user: string | undefined; issuedAt: number }>();
  private readonly usedTriggers = new Set<string>();
  private readonly responseUrls = new ResponseUrlBudget();
  /** Every block_id each message has carried, across updates: an update must bring new ones. */
  private readonly blockIdsByMessage = new Map<string, Set<string>>();
  private readonly refusals: string[] = [];
  private readonly methods: Record<string, MethodHandler>;
  private readonly install: InstallState;
  private latencyMs: number;
  private rateTiers: RateTiers | undefined;
  private port = 0;
  private counter = 0;

  constructor(options: LocalSlackOptions = {}) {
    super();
    this.teamId = options.teamId ?? "T0001";
    this.botUserId = options.botUserId ?? "UBOT";
    this.botId = options.botId ?? "B0001";
    this.latencyMs = options.latencyMs ?? 0;
    this.now = options.now ?? Date.now;
    this.timestamps = new TimestampSource(this.now);
    this.install = new InstallState(options.scopes ?? manifestBotScopes());
    if (options.rateLimits) this.rateTiers = new RateTiers(this.now);
    this.server = createServer((request, response) => void this.handleHttp(request, response));
    this.socketMode = new SocketModeHub(() => this.baseUrl.replace(/^http/, "ws"));
    this.server.on("upgrade", (request, socket, head) => this.socketMode.handleUpgrade(request, socket, head));
    this.methods = {
      "auth.test": () => this.authTest(),
      "apps.connections.open": () => this.socketMode.openConnection(),
      "chat.postMessage": (p) => this.chatPostMessage(p),
      "chat.postEphemeral": (p) => this.chatPostEphemeral(p),
      "chat.update": (p) => this.chatUpdate(p),
      "chat.delete": (p) => this.chatDelete(p),
      "chat.getPermalink": (p) => this.chatGetPermalink(p),
      "conversations.open": (p) => this.conversationsOpen(p),
      "conversations.info": (p) => this.conversationsInfo(p),
      "conversations.history": (p) => this.conversationsHistory(p),
      "conversations.replies": (p) => this.conversationsReplies(p),
      "users.info": (p) => this.usersInfo(p),
      "users.list": (p) => this.usersList(p),
      "views.open": (p) => this.viewsOpen(p),
      "views.push": (p) => this.viewsOpen(p),
      "views.update": (p) => this.viewsUpdate(p),
      "views.publish": (p) => this.viewsPublish(p),
    };
  }

  /** Starts listening on 127.0.0.1; startLocalSlack() calls this for you. */
  async listen(port = 0): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, "127.0.0.1", () => {
        this.server.off("error", reject);
        resolve();
      });
    });
    this.port = (this.server.address() as AddressInfo).port;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** What the app passes as `slackApiUrl`. */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  // --- Test controls -------------------------------------------------------------------------------------

  addUser(user: LocalSlackUser): void {
    this.userById.set(user.id, { ...user });
  }

  updateUser(id: string, patch: Partial<LocalSlackUser>): void {
    const user = this.userById.get(id);
    if (!user) throw new Error(`LocalSlack.updateUser: no user ${id}; add it with addUser() first`);
    this.userById.set(id, { ...user, ...patch, id });
  }

  users(): LocalSlackUser[] {
    return [...this.userById.values()];
  }

  /** A channel of the workspace that the bot has not been invited to (yet). */
  addChannel(channel: string, name?: string): void {
    this.install.addChannel(channel, name);
  }

  /** Puts the bot in a channel (creating the channel, named `name`, if it is new), as `/invite @Cadence` does. */
  joinChannel(channel: string, name?: string): void {
    this.install.joinChannel(channel, name);
  }

  /** Takes the bot out of a channel; the channel stays. */
  leaveChannel(channel: string): void {
    this.install.leaveChannel(channel);
  }

  isMember(channel: string): boolean {
    return this.install.isMember(channel);
  }

  /** The scopes the bot token has from now on (what an admin granted at the last install). */
  setGrantedScopes(scopes: string[]): void {
    this.install.grantedScopes = new Set(scopes);
  }

  /** Every call made with this token from now on answers `invalid_auth`, as for a revoked or mistyped token. */
  revokeToken(token: string): void {
    this.install.revokedTokens.add(token);
  }

  /** Makes the next `times` calls of `method` fail this way, before any other check. */
  failNext(method: string, failure: InjectedFailure, times = 1): void {
    listIn(this.pendingFailures, method).push({ failure, remaining: times });
  }

  setLatency(ms: number): void {
    this.latencyMs = ms;
  }

  /** Every call or response_url post refused for breaking one of Slack's rules, not injected: tests expect none. */
  ruleViolations(): string[] {
    return [...this.refusals];
  }

  /** Turns Slack's rate-limit tiers on (fresh buckets) or off. */
  setRateLimits(on: boolean): void {
    this.rateTiers = on ? new RateTiers(this.now) : undefined;
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Every message in a channel, oldest first, top-level and thread replies. */
  messages(channel: string): StoredMessage[] {
    return this.store.all(channel);
  }

  dmChannelOf(userId: string): string {
    return `D${userId}`;
  }

  /** Top-level bot messages in the DM with this user, oldest first. */
  dmsTo(userId: string): StoredMessage[] {
    return this.store.topLevel(this.dmChannelOf(userId)).filter((message) => message.bot_id !== undefined && !isReply(message));
  }

  /** Puts a message from a person into a channel, as if they typed it (the app still needs the event). */
  addUserMessage(input: { channel: string; user: string; text: string; thread_ts?: string }): StoredMessage {
    const message: StoredMessage = {
      channel: this.resolveChannel(input.channel),
      ts: this.timestamps.next(),
      user: input.user,
      text: input.text,
      ...(input.thread_ts ? { thread_ts: input.thread_ts } : {}),
    };
    this.store.add(message);
    this.emit("message", message);
    return message;
  }

  /** The view last published to this user's App Home, as the app sent it. */
  homeOf(userId: string): any | undefined {
    const viewId = this.homeViewIdByUser.get(userId);
    return viewId ? this.views.get(viewId)?.view : undefined;
  }

  /** A stored message as Slack shows it to apps (the `message` of a block_actions payload), or undefined. */
  apiMessage(channel: string, ts: string): Record<string, unknown> | undefined {
    const message = this.store.find(this.resolveChannel(channel), ts);
    return message ? this.toApiMessage(message, true) : undefined;
  }

  /** A stored view as Slack shows it to apps (the `view` of block_actions and view_submission), or undefined. */
  apiView(viewId: string): Record<string, unknown> | undefined {
    const stored = this.views.get(viewId);
    return stored ? this.toApiView(stored) : undefined;
  }

  /** Ephemeral messages posted with chat.postEphemeral, optionally for one user. */
  ephemerals(userId?: string): EphemeralMessage[] {
    return this.recordedEphemerals.filter((message) => userId === undefined || message.user === userId);
  }

  /** Messages and views, to save and reload across restarts (the demo keeps its channel this way). */
  snapshot(): LocalSlackSnapshot {
    const messages = [...this.store.channels()].flatMap((channel) => this.store.all(channel));
    return {
      version: 1,
      messages: structuredClone(messages),
      views: structuredClone([...this.views.values()]),
      homeViewIdByUser: [...this.homeViewIdByUser.entries()],
      counter: this.counter,
    };
  }

  /** Replaces messages and views with a snapshot's; new timestamps and ids continue after the restored ones. */
  restore(snapshot: LocalSlackSnapshot): void {
    if (snapshot.version !== 1) throw new Error(`LocalSlack.restore: unknown snapshot version ${String(snapshot.version)}`);
    this.store.clear();
    this.views.clear();
    this.homeViewIdByUser.clear();
    const oldestFirst = [...snapshot.messages].sort((a, b) => (tsToMicros(a.ts) < tsToMicros(b.ts) ? -1 : 1));
    for (const message of oldestFirst) {
      this.store.add(structuredClone(message));
      this.timestamps.continueAfter(message.ts);
    }
    for (const view of snapshot.views) this.views.set(view.id, structuredClone(view));
    for (const [user, viewId] of snapshot.homeViewIdByUser) this.homeViewIdByUser.set(user, viewId);
    this.counter = Math.max(this.counter, snapshot.counter);
  }

  /** A response_url like Slack's: it takes 5 posts within 30 minutes on this fake's clock. */
  newResponseUrl(): string {
    const url = `${this.baseUrl}/response/R${this.nextNumber()}`;
    this.responseUrls.issue(url, this.now());
    return url;
  }

  responses(url?: string): RecordedResponse[] {
    return this.recordedResponses.filter((response) => url === undefined || response.url === url);
  }

  /** A trigger id like Slack's; pass the user so views opened with it know whom they belong to. */
  newTriggerId(userId?: string): string {
    const triggerId = `${this.nextNumber()}.${this.teamId.replace(/\D/g, "") || "1"}.${randomBytes(8).toString("hex")}`;
    this.openTriggers.set(triggerId, { user: userId, issuedAt: this.now() });
    return triggerId;
  }

  /** Polls `probe` every 10 ms until it returns something other than undefined, null or false. */
  waitFor<T>(probe: () => T | undefined | null | false, timeoutMs = 5000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    return new Promise<T>((resolve, reject) => {
      let lastError: unknown;
      const attempt = (): void => {
        try {
          const value = probe();
          if (value !== undefined && value !== null && value !== false) return resolve(value);
        } catch (error) {
          lastError = error; // probes may throw while the state they read is still being built
        }
        if (Date.now() >= deadline) return reject(new Error(this.describeTimeout(probe, timeoutMs, lastError)));
        setTimeout(attempt, 10);
      };
      attempt();
    });
  }

  /** Forgets calls, messages, views, responses, ephemerals, triggers, pending failures and revoked tokens; keeps users, channels, scopes and latency. */
  reset(): void {
    this.install.revokedTokens.clear();
    this.calls.length = 0;
    this.store.clear();
    this.views.clear();
    this.homeViewIdByUser.clear();
    this.recordedResponses.length = 0;
    this.recordedEphemerals.length = 0;
    this.refusals.length = 0;
    this.pendingFailures.clear();
    this.openTriggers.clear();
    this.usedTriggers.clear();
    this.responseUrls.clear();
    this.blockIdsByMessage.clear();
  }

  async close(): Promise<void> {
    this.socketMode.close();
    await new Promise<void>((resolve, reject) => {
      this.server.close((error) => (error ? reject(error) : resolve()));
      this.server.closeAllConnections(); // keep-alive sockets from WebClient would hold close() open
    });
  }

  // --- HTTP ---------------------------------------------------------------------------------------------

  private async handleHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      const url = new URL(request.url ?? "/", this.baseUrl);
      const rawBody = await readBody(request);
      let reply: HttpReply;
      if (url.pathname.startsWith("/api/")) {
        reply = this.answerApiCall(decodeURIComponent(url.pathname.slice("/api/".length)), request, url, rawBody);
      } else if (url.pathname.startsWith("/response/") && request.method === "POST") {
        reply = this.recordResponse(`${this.baseUrl}${url.pathname}`, rawBody);
      } else {
        reply = { status: 404, body: { ok: false, error: "not_found" } };
      }
      await delay(this.latencyMs);
      sendJson(response, reply);
    } catch (error) {
      if (!response.headersSent) sendJson(response, { status: 500, body: { ok: false, error: "fake_crashed", detail: String(error) } });
    }
  }

  /** Decides the answer at once (so state follows arrival order), records it, and emits "call". */
  private answerApiCall(method: string, request: IncomingMessage, url: URL, rawBody: string): HttpReply {
    const { params, token, invalidJson } = parseApiRequest(request, url, rawBody);
    const reply = this.dispatch(method, params, token, invalidJson);
    const ok = reply.body.ok === true;
    const call: RecordedCall = { method, params, at: this.now(), ok };
    if (!ok) call.error = String(reply.body.error ?? `http_${reply.status}`);
    this.calls.push(call);
    if (!ok && !reply.injected && RULE_ERRORS.has(call.error!))
      this.refusals.push(`${method}: ${call.error} ${JSON.stringify(reply.body.response_metadata ?? "")}`);
    this.emit("call", call);
    return reply;
  }

  private dispatch(method: string, params: Params, token: string | undefined, invalidJson?: boolean): HttpReply {
    const injected = this.takeInjectedFailure(method);
    if (injected && !injected.afterStoring) return injected.reply;
    if (!token) return slackError("not_authed");
    if (this.install.revokedTokens.has(token)) return slackError("invalid_auth");
    if (invalidJson) return slackError("invalid_json");
    const handler = this.methods[method];
    if (!handler) return slackError("unknown_method");
    const headers = this.install.scopeHeaders();
    const missingScope = this.missingScope(method, params);
    if (missingScope) return missingScope;
    const rate = this.rateTiers?.take(method, this.rateLimitChannel(params.channel));
    if (rate && !rate.allowed) return rateLimited(rate.retryAfterSeconds);
    try {
      const answer = handler(params);
      return injected ? injected.reply : { status: 200, headers, body: { ok: true, ...answer } };
    } catch (error) {
      if (error instanceof SlackApiError) return { ...slackError(error.code, error.details), headers };
      // A bug in the fake itself: answer like a Slack outage so it is loud, with the cause for debugging.
      return { status: 500, body: { ok: false, error: "internal_error", detail: String(error) } };
    }
  }

  /** The channel chat.postMessage is counted against: a post to a user id lands in (and counts for) their DM. */
  private rateLimitChannel(channel: unknown): string | undefined {
    if (!hasContent(channel)) return undefined;
    return /^[UW]/.test(String(channel)) ? this.dmChannelOf(String(channel)) : String(channel);
  }

  private takeInjectedFailure(method: string): { reply: HttpReply; afterStoring: boolean } | undefined {
    const queue = this.pendingFailures.get(method);
    const next = queue?.[0];
    if (!queue || !next) return undefined;
    if (--next.remaining <= 0) queue.shift();
    const failure = next.failure;
    if ("error" in failure) return { reply: { ...slackError(failure.error), injected: true }, afterStoring: false };
    if (failure.status === 429) return { reply: { ...rateLimited(failure.retryAfter), injected: true }, afterStoring: false };
    return { reply: { status: 500, body: { ok: false, error: "internal_error" }, injected: true }, afterStoring: failure.afterStoring === true };
  }

  private recordResponse(url: string, rawBody: string): HttpReply {
    let body: any = rawBody;
    try {
      body = JSON.parse(rawBody);
    } catch {
      // Bolt's respond() posts JSON; keep anything else as text so the test can see what went wrong
    }
    const refused = this.refuseResponse(url, body);
    if (refused) {
      this.refusals.push(`response_url: ${String(refused.body.error)} ${JSON.stringify(refused.body.response_metadata ?? "")}`);
      return refused;
    }
    const recorded: RecordedResponse = { url, body, at: this.now() };
    this.recordedResponses.push(recorded);
    this.emit("response", recorded);
    return { status: 200, body: { ok: true } };
  }

  // --- Web API methods ------------------------------------------------------------------------------------

  private authTest(): ApiAnswer {
    return {
      url: `${this.baseUrl}/`,
      team: "Cadence Local",
      user: "cadence",
      team_id: this.teamId,
      user_id: this.botUserId,
      bot_id: this.botId,
      is_enterprise_install: false,
    };
  }

  private chatPostMessage(p: Params): ApiAnswer {
    const channel = this.resolveChannel(requireParam(p, "channel", "channel_not_found"));
    this.requireBotIn(channel);
    this.validateMessageContent(p, { requireContent: true });
    const message: StoredMessage = {
      channel,
      ts: this.timestamps.next(),
      user: this.botUserId,
      bot_id: this.botId,
      ...(p.text !== undefined ? { text: String(p.text) } : {}),
      ...(p.blocks !== undefined ? { blocks: p.blocks } : {}),
      ...(p.metadata !== undefined ? { metadata: p.metadata } : {}),
    };
    if (hasContent(p.thread_ts)) {
      message.thread_ts = this.threadRootOf(channel, String(p.thread_ts));
      if (isTrue(p.reply_broadcast)) message.reply_broadcast = true;
    }
    this.store.add(message);
    this.rememberBlockIds(message, p.blocks);
    this.emit("message", message);
    return { channel, ts: message.ts, message: this.toApiMessage(message, true) };
  }

  private chatPostEphemeral(p: Params): ApiAnswer {
    const channel = this.resolveChannel(requireParam(p, "channel", "channel_not_found"));
    const user = requireParam(p, "user", "user_not_in_channel");
    this.validateMessageContent(p, { requireContent: true });
    const ephemeral: EphemeralMessage = {
      channel,
      user,
      ts: this.timestamps.next(),
      ...(p.text !== undefined ? { text: String(p.text) } : {}),
      ...(p.blocks !== undefined ? { blocks: p.blocks } : {}),
    };
    this.recordedEphemerals.push(ephemeral);
    this.emit("ephemeral", ephemeral);
    return { message_ts: ephemeral.ts };
  }

  private chatUpdate(p: Params): ApiAnswer {
    this.requireConversationId(p.channel);
    const message = this.existingMessage(p.channel, p.ts);
    this.requireBotIn(message.channel);
    this.validateMessageContent(p, { requireContent: false });
    this.requireNewBlockIds(message, p.blocks);
    this.rememberBlockIds(message, p.blocks);
    if (p.text !== undefined) message.text = String(p.text);
    if (p.blocks !== undefined) message.blocks = p.blocks;
    if (p.metadata !== undefined) message.metadata = p.metadata;
    message.edited = true;
    this.emit("message", message);
    return { channel: message.channel, ts: message.ts, text: message.text ?? "", message: this.toApiMessage(message, true) };
  }

  private chatDelete(p: Params): ApiAnswer {
    const message = this.existingMessage(p.channel, p.ts);
    this.store.remove(message);
    this.emit("message_deleted", message);
    return { channel: message.channel, ts: message.ts };
  }

  private chatGetPermalink(p: Params): ApiAnswer {
    const message = this.existingMessage(p.channel, p.message_ts);
    const permalink = `${this.baseUrl}/archives/${message.channel}/p${message.ts.replace(".", "")}`;
    return { channel: message.channel, permalink };
  }

  private conversationsOpen(p: Params): ApiAnswer {
    if (hasContent(p.channel)) return { channel: { id: String(p.channel) }, already_open: true };
    const users = requireParam(p, "users", "users_list_not_supplied")
      .split(",")
      .map((user) => user.trim())
      .filter(Boolean);
    const id = users.length === 1 ? this.dmChannelOf(users[0]!) : `G${[...users].sort().join("")}`;
    return { channel: { id }, already_open: false };
  }

  // Cursor-paginated, newest first: at most `limit` messages (default 100, maximum 999), `has_more`, and
  // `response_metadata.next_cursor` for the next page ("" on the last one).
  // https://docs.slack.dev/reference/methods/conversations.history, https://docs.slack.dev/apis/web-api/pagination
  private conversationsHistory(p: Params): ApiAnswer {
    const channel = this.requireConversationId(p.channel);
    this.requireBotIn(channel);
    const inclusive = isTrue(p.inclusive);
    const oldest = hasContent(p.oldest) ? tsToMicros(String(p.oldest)) : undefined;
    const cursorTs = decodeCursor(p.cursor);
    // A cursor continues below the last message of the previous page, whatever `latest` said.
    const latest = cursorTs ? tsToMicros(cursorTs) : hasContent(p.latest) ? tsToMicros(String(p.latest)) : undefined;
    const latestInclusive = cursorTs ? false : inclusive;
    const limit = clampLimit(p.limit, 100, 999);

    const newestFirst = this.store
      .topLevel(channel)
      .filter((message) => {
        const at = tsToMicros(message.ts);
        if (oldest !== undefined && (inclusive ? at < oldest : at <= oldest)) return false;
        if (latest !== undefined && (latestInclusive ? at > latest : at >= latest)) return false;
        return true;
      })
      .reverse();
    const page = newestFirst.slice(0, limit);
    const hasMore = newestFirst.length > limit;
    const includeMetadata = isTrue(p.include_all_metadata);
    return {
      messages: page.map((message) => this.toApiMessage(message, includeMetadata)),
      has_more: hasMore,
      pin_count: 0,
      response_metadata: { next_cursor: hasMore ? encodeCursor(page[page.length - 1]!.ts) : "" },
    };
  }

  private conversationsReplies(p: Params): ApiAnswer {
    const channel = this.requireConversationId(p.channel);
    this.requireBotIn(channel);
    const ts = requireParam(p, "ts", "thread_not_found");
    const message = this.store.find(channel, ts) ?? fail("thread_not_found");
    const root = isReply(message) ? (this.store.find(channel, message.thread_ts!) ?? fail("thread_not_found")) : message;
    // Cursor-paginated, oldest first, the parent on the first page only: a page of at most `limit` (default
    // and maximum 1,000 here), `has_more` and `response_metadata.next_cursor` ("" on the last page).
    // https://docs.slack.dev/reference/methods/conversations.replies, https://docs.slack.dev/apis/web-api/pagination
    const after = decodeCursor(p.cursor);
    const thread = [root, ...this.store.replies(channel, root.ts)].filter((m) => after === undefined || tsToMicros(m.ts) > tsToMicros(after));
    const page = thread.slice(0, clampLimit(p.limit, 1000, 1000));
    const hasMore = thread.length > page.length;
    const includeMetadata = isTrue(p.include_all_metadata);
    return {
      messages: page.map((m) => this.toApiMessage(m, includeMetadata)),
      has_more: hasMore,
      response_metadata: { next_cursor: hasMore ? encodeCursor(page[page.length - 1]!.ts) : "" },
    };
  }

  /** Enough of a conversation object for an app to learn whether it is a member (`is_member`). */
  // https://docs.slack.dev/reference/methods/conversations.info: an unknown id answers channel_not_found.
  private conversationsInfo(p: Params): ApiAnswer {
    const channel = this.requireConversationId(p.channel);
    const isIm = channel.startsWith("D");
    const known = this.install.channelName(channel);
    if (!isIm && known === undefined) fail("channel_not_found");
    return {
      channel: {
        id: channel,
        name: known,
        is_archived: false,
        is_channel: channel.startsWith("C"),
        is_group: channel.startsWith("G"),
        is_im: isIm,
        is_private: !channel.startsWith("C"),
        is_member: isIm || this.isMember(channel),
      },
    };
  }

  private usersInfo(p: Params): ApiAnswer {
    const id = requireParam(p, "user", "user_not_found");
    if (id === this.botUserId) return { user: this.toApiUser(this.botUser()) };
    const user = this.userById.get(id) ?? fail("user_not_found");
    return { user: this.toApiUser(user) };
  }

  private usersList(p: Params): ApiAnswer {
    const all = this.users();
    const start = Number(decodeCursor(p.cursor) ?? 0) || 0;
    // Slack recommends pages of no more than 200 and may answer fewer: https://docs.slack.dev/reference/methods/users.list
    const limit = clampLimit(p.limit, 200, 200);
    const page = all.slice(start, start + limit);
    const nextStart = start + page.length;
    return {
      members: page.map((user) => this.toApiUser(user)),
      cache_ts: Math.floor(this.now() / 1000),
      response_metadata: { next_cursor: nextStart < all.length ? encodeCursor(String(nextStart)) : "" },
    };
  }

  /** views.open and views.push: both spend a trigger id and show a new modal. */
  private viewsOpen(p: Params): ApiAnswer {
    const user = this.consumeTrigger(p.trigger_id);
    const view = this.requireView(p, "modal");
    return { view: this.toApiView(this.storeView({ type: "modal", view, user, trigger_id: String(p.trigger_id) })) };
  }

  private viewsUpdate(p: Params): ApiAnswer {
    const stored = this.findView(p.view_id, p.external_id) ?? fail("not_found");
    if (hasContent(p.hash) && p.hash !== stored.hash) fail("hash_conflict");
    const view = this.requireView(p, stored.type);
    stored.view = view;
    stored.hash = this.newHash();
    this.emit("view", stored);
    return { view: this.toApiView(stored) };
  }

  private viewsPublish(p: Params): ApiAnswer {
    const user = requireParam(p, "user_id", "user_not_found");
    const view = this.requireView(p, "home");
    const existingId = this.homeViewIdByUser.get(user);
    const existing = existingId ? this.views.get(existingId) : undefined;
    if (existing && hasContent(p.hash) && p.hash !== existing.hash) fail("hash_conflict");
    const stored = existing ? Object.assign(existing, { view, hash: this.newHash() }) : this.storeView({ type: "home", view, user });
    this.homeViewIdByUser.set(user, stored.id);
    if (existing) this.emit("view", stored);
    return { view: this.toApiView(stored) };
  }

  // --- Helpers for the methods ----------------------------------------------------------------------------

  /** Slack lets apps post to a user id and delivers it to the DM with the bot. */
  private resolveChannel(channel: string): string {
    return /^[UW]/.test(channel) ? this.dmChannelOf(channel) : channel;
  }

  private validateMessageContent(p: Params, { requireContent }: { requireContent: boolean }): void {
    if (requireContent && !hasContent(p.text) && !hasContent(p.blocks)) fail("no_text");
    if (p.text !== undefined && String(p.text).length > MAX_MESSAGE_TEXT) fail("msg_too_long");
    validateBlocks(p.blocks, "message");
    validateMetadata(p.metadata);
  }

  private existingMessage(channel: unknown, ts: unknown): StoredMessage {
    if (!hasContent(channel)) fail("channel_not_found");
    if (!hasContent(ts)) fail("message_not_found");
    return this.store.find(this.resolveChannel(String(channel)), String(ts)) ?? fail("message_not_found");
  }

  /** Replying to a reply threads onto its root, as in Slack. */
  private threadRootOf(channel: string, threadTs: string): string {
    const parent = this.store.find(channel, threadTs) ?? fail("thread_not_found");
    return isReply(parent) ? parent.thread_ts! : parent.ts;
  }

  // --- Strict rules: scopes, membership, conversation ids, block_ids across updates, response_url budget -----

  /** A method outside the granted scopes answers missing_scope with `needed` and `provided`, as Slack does. */
  private missingScope(method: string, params: Params): HttpReply | undefined {
    const needed = scopesNeeded(method, params);
    const granted = this.install.grantedScopes;
    if (!needed || needed.some((scope) => granted.has(scope))) return undefined;
    return { status: 200, body: { ok: false, error: "missing_scope", needed: needed.join(","), provided: [...granted].join(",") } };
  }

  /**
   * Posting to or reading a channel needs the bot in it: not_in_channel for a public channel, channel_not_found
   * for a private one it cannot see. https://docs.slack.dev/reference/methods/chat.postMessage (errors) and
   * https://docs.slack.dev/reference/methods/conversations.history (errors). DMs are the bot's own.
   */
  private requireBotIn(channel: string): void {
    if (channel.startsWith("C") && !this.isMember(channel)) fail("not_in_channel");
    if (channel.startsWith("G") && !this.isMember(channel)) fail("channel_not_found");
  }

  private requireConversationId(channel: unknown): string {
    if (!hasContent(channel) || isUserId(String(channel))) fail("channel_not_found");
    return String(channel);
  }

  /**
   * "block_id should be unique for each message and each iteration of a message. If a message is updated, use a
   * new block_id." https://docs.slack.dev/reference/block-kit/blocks/actions-block (every block's block_id field).
   * Views are exempt: views.update keeps input only when block_ids stay (https://docs.slack.dev/reference/views/modal-views).
   */
  private requireNewBlockIds(message: StoredMessage, blocks: unknown): void {
    const earlier = this.blockIdsByMessage.get(keyOf(message.channel, message.ts));
    const reused = explicitBlockIds(blocks).filter((id) => earlier?.has(id));
    if (reused.length > 0)
      fail(
        "invalid_blocks",
        reused.map((id) => `block_id "${id}" was used by an earlier iteration of this message; use a new block_id`),
      );
  }

  private rememberBlockIds(message: StoredMessage, blocks: unknown): void {
    const key = keyOf(message.channel, message.ts);
    let ids = this.blockIdsByMessage.get(key);
    if (!ids) this.blockIdsByMessage.set(key, (ids = new Set()));
    for (const id of explicitBlockIds(blocks)) ids.add(id);
  }

  /** A response_url post within its budget and with valid blocks is taken; otherwise Slack refuses it. */
  private refuseResponse(url: string, body: any): HttpReply | undefined {
    if (typeof body === "object" && body !== null && body.blocks !== undefined) {
      const problems = blockKitProblems(body.blocks, "message");
      if (problems.length > 0) return { status: 400, body: { ok: false, error: "invalid_blocks", response_metadata: { messages: problems } } };
    }
    const spent = this.responseUrls.spend(url, this.now());
    return spent ? { status: 404, body: { ok: false, error: spent } } : undefined;
  }

  private toApiMessage(message: StoredMessage, includeMetadata: boolean): Record<string, unknown> {
    const replies = isReply(message) ? [] : this.store.replies(message.channel, message.ts);
    return {
      type: "message",
      user: message.user,
      ...(message.bot_id ? { bot_id: message.bot_id, app_id: "A_LOCAL" } : {}),
      text: message.text ?? "",
      ...(message.blocks ? { blocks: message.blocks } : {}),
      ts: message.ts,
      team: this.teamId,
      ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}),
      ...(replies.length > 0
        ? {
            thread_ts: message.ts,
            reply_count: replies.length,
            reply_users_count: new Set(replies.map((reply) => reply.user)).size,
            latest_reply: replies[replies.length - 1]!.ts,
          }
        : {}),
      ...(message.reply_broadcast ? { subtype: "thread_broadcast" } : {}),
      ...(message.edited ? { edited: { user: message.user, ts: message.ts } } : {}),
      ...(includeMetadata && message.metadata ? { metadata: message.metadata } : {}),
    };
  }

  private botUser(): LocalSlackUser {
    return { id: this.botUserId, name: "cadence", real_name: "Cadence", is_bot: true };
  }

  private toApiUser(user: LocalSlackUser): Record<string, unknown> {
    const tz = user.tz ?? "UTC";
    const realName = user.real_name ?? user.name;
    return {
      id: user.id,
      team_id: user.team_id ?? this.teamId,
      name: user.name,
      deleted: user.deleted ?? false,
      real_name: realName,
      tz,
      tz_label: tz,
      tz_offset: timeZoneOffsetSeconds(tz, new Date(this.now())),
      is_admin: user.is_admin ?? false,
      is_owner: user.is_owner ?? false,
      is_primary_owner: false,
      is_restricted: false,
      is_ultra_restricted: false,
      is_bot: user.is_bot ?? false,
      is_app_user: false,
      updated: Math.floor(this.now() / 1000),
      profile: {
        real_name: realName,
        real_name_normalized: realName,
        display_name: user.name,
        display_name_normalized: user.name,
        team: user.team_id ?? this.teamId,
      },
    };
  }

  /** Trigger ids work once; ids this fake did not issue are taken on trust (tests may invent them). */
  private consumeTrigger(triggerId: unknown): string | undefined {
    if (!hasContent(triggerId)) fail("invalid_arguments");
    const id = String(triggerId);
    if (this.usedTriggers.has(id)) fail("expired_trigger_id");
    this.usedTriggers.add(id);
    const issued = this.openTriggers.get(id);
    this.openTriggers.delete(id);
    if (issued && this.now() - issued.issuedAt > TRIGGER_TTL_MS) fail("expired_trigger_id");
    return issued?.user;
  }

  private requireView(p: Params, expectedType: string): any {
    const view = p.view;
    if (typeof view !== "object" || view === null) fail("invalid_arguments");
    if (view.type !== expectedType) fail("invalid_arguments", [`view type must be ${expectedType}`]);
    const fieldProblems = viewFieldProblems(view);
    if (fieldProblems.length > 0) fail("invalid_arguments", fieldProblems);
    validateBlocks(view.blocks ?? [], expectedType === "home" ? "home" : "modal");
    return view;
  }

  private storeView(input: Omit<StoredView, "id" | "hash">): StoredView {
    const stored: StoredView = { id: `V${String(this.nextNumber()).padStart(10, "0")}`, hash: this.newHash(), ...input };
    this.views.set(stored.id, stored);
    this.emit("view", stored);
    return stored;
  }

  private findView(viewId: unknown, externalId: unknown): StoredView | undefined {
    if (hasContent(viewId)) return this.views.get(String(viewId));
    if (!hasContent(externalId)) return undefined;
    return [...this.views.values()].find((stored) => stored.view?.external_id === externalId);
  }

  private toApiView(stored: StoredView): Record<string, unknown> {
    return {
      ...stored.view,
      id: stored.id,
      hash: stored.hash,
      type: stored.type,
      team_id: this.teamId,
      app_id: "A_LOCAL",
      bot_id: this.botId,
      callback_id: stored.view.callback_id ?? "",
      private_metadata: stored.view.private_metadata ?? "",
      external_id: stored.view.external_id ?? "",
      root_view_id: stored.id,
      previous_view_id: null,
      state: { values: {} },
    };
  }

  private newHash(): string {
    return `${Math.floor(this.now() / 1000)}.${this.nextNumber()}`;
  }

  private nextNumber(): number {
    return ++this.counter;
  }

  private describeTimeout(probe: () => unknown, timeoutMs: number, lastError: unknown): string {
    const source = probe.toString().replace(/\s+/g, " ").slice(0, 200);
    const recent = this.calls
      .slice(-5)
      .map((call) => `${call.method}(${call.ok ? "ok" : call.error})`)
      .join(", ");
    return [
      `LocalSlack.waitFor timed out after ${timeoutMs} ms waiting for: ${source}`,
      lastError ? `last probe error: ${lastError instanceof Error ? lastError.message : String(lastError)}` : "",
      `last Slack calls: ${recent || "none"}`,
    ]
      .filter(Boolean)
      .join("\n");
  }
}

/**
 * What installing the app decided: the scopes granted, the tokens that still work, and the channels the bot is in.
 * Kept apart from the message store so tests can inject set-up faults (a missing scope, the bot not invited).
 */
/** What the workspace's install of the app looks like: the scopes granted, revoked tokens, the channels and the bot's membership. */
class InstallState {
  readonly revokedTokens = new Set<string>();
  /** Channel id → its name and whether the bot was invited. */
  private readonly channels = new Map<string, { name: string; botIsMember: boolean }>();

  grantedScopes: Set<string>;

  constructor(scopes: string[]) {
    this.grantedScopes = new Set(scopes);
  }

  // Slack sends the token's scopes on every Web API answer, comma-separated; @slack/web-api reads this header
  // into response_metadata.scopes (https://api.slack.com/docs/oauth-scopes, "Working with scopes").
  scopeHeaders(): Record<string, string> {
    return { "x-oauth-scopes": [...this.grantedScopes].join(",") };
  }

  addChannel(channel: string, name = channel.toLowerCase()): void {
    if (!this.channels.has(channel)) this.channels.set(channel, { name, botIsMember: false });
  }

  joinChannel(channel: string, name?: string): void {
    this.addChannel(channel, name);
    this.channels.get(channel)!.botIsMember = true;
  }

  leaveChannel(channel: string): void {
    const known = this.channels.get(channel);
    if (known) known.botIsMember = false;
  }

  isMember(channel: string): boolean {
    return this.channels.get(channel)?.botIsMember ?? false;
  }

  channelName(channel: string): string | undefined {
    return this.channels.get(channel)?.name;
  }
}

function slackError(code: string, details: string[] = []): HttpReply {
  return {
    status: 200,
    body: { ok: false, error: code, ...(details.length > 0 ? { response_metadata: { messages: details } } : {}) },
  };
}

function rateLimited(retryAfterSeconds: number): HttpReply {
  return { status: 429, headers: { "Retry-After": String(retryAfterSeconds) }, body: { ok: false, error: "ratelimited" } };
}

function clampLimit(value: unknown, fallback: number, max: number): number {
  const limit = Number(value);
  if (!Number.isFinite(limit) || limit <= 0) return fallback;
  return Math.min(Math.floor(limit), max);
}

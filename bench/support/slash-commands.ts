// Sends slash commands to the running app the way Slack does (signed, over HTTP, with
// test/support/signed-requests.ts) and times both halves of each: the HTTP acknowledgement, and the answer
// arriving at its response_url in the fake Slack; all of it, when the app split it into several messages.
import { performance } from "node:perf_hooks";
import { signedClient, type CommandInput, type SignedClient } from "../../tools/local-slack/signed-requests";
import type { LocalSlack, RecordedResponse } from "../../tools/local-slack/server";
import { SIGNING_SECRET } from "./boot";

export interface AnswerPart {
  text: string;
  blocks: Record<string, any>[];
}

export interface TimedCommand {
  /** Sending → HTTP status received; undefined when the request failed or timed out. */
  ackMs?: number;
  status?: number;
  /** Sending → the answer's last message arriving at the fake Slack; undefined when it did not come in time. */
  answerMs?: number;
  parts: AnswerPart[];
  /** What went wrong: the request, the HTTP status, no answer, or an error answer (":warning: …"). */
  error?: string;
  /** The error's kind without its details, to count errors by: "HTTP 404", "no answer", ... */
  errorKind?: string;
}

export interface SendOptions {
  /** Give up on the HTTP answer after this long (Slack itself gives up after 3 s). */
  ackTimeoutMs?: number;
  /** Give up waiting for the response_url answer after this long. */
  answerTimeoutMs?: number;
}

export interface SlashCommander {
  send(input: Omit<CommandInput, "responseUrl">, options?: SendOptions): Promise<TimedCommand>;
  close(): void;
}

const DEFAULT_ACK_TIMEOUT_MS = 30_000;
const DEFAULT_ANSWER_TIMEOUT_MS = 60_000;

export function slashCommander(appUrl: string, slack: LocalSlack): SlashCommander {
  const client = signedClient({ appUrl, signingSecret: SIGNING_SECRET, slack });
  const answers = new AnswerTracker(slack);
  return {
    send: (input, options = {}) => sendTimed(client, answers, slack, input, options),
    close: () => answers.close(),
  };
}

async function sendTimed(
  client: SignedClient,
  answers: AnswerTracker,
  slack: LocalSlack,
  input: Omit<CommandInput, "responseUrl">,
  options: SendOptions,
): Promise<TimedCommand> {
  const responseUrl = slack.newResponseUrl();
  const answer = answers.expect(responseUrl, options.answerTimeoutMs ?? DEFAULT_ANSWER_TIMEOUT_MS);
  const started = performance.now();
  const timed: TimedCommand = { parts: [] };
  try {
    const response = await withTimeout(client.command({ ...input, responseUrl }), options.ackTimeoutMs ?? DEFAULT_ACK_TIMEOUT_MS);
    timed.ackMs = performance.now() - started;
    timed.status = response.status;
    if (response.status !== 200) timed.error = timed.errorKind = `HTTP ${response.status}`;
  } catch (error) {
    timed.error = `request failed: ${describeError(error)}`;
    timed.errorKind = error instanceof AckTimeout ? "no HTTP answer in time" : `request failed${causeCode(error)}`;
  }
  if (timed.error) {
    answers.forget(responseUrl);
    return timed;
  }
  const arrived = await answer;
  if (!arrived) return { ...timed, error: "no answer at the response_url in time", errorKind: "no answer in time" };
  timed.answerMs = arrived.at - started;
  timed.parts = arrived.parts;
  const first = arrived.parts[0]?.text ?? "";
  if (first.startsWith(":warning:")) {
    timed.error = `error answer: ${first.slice(0, 120)}`;
    timed.errorKind = "error answer";
  }
  return timed;
}

class AckTimeout extends Error {}

/** fetch's own message is "fetch failed"; the reason is in its cause. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : "";
  return `${error.message}${cause}`;
}

/** " (ECONNRESET)" and the like, from fetch's cause. */
function causeCode(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return typeof cause?.code === "string" ? ` (${cause.code})` : "";
}

interface Arrival {
  at: number;
  parts: AnswerPart[];
}

interface Waiting {
  parts: AnswerPart[];
  resolve(arrival: Arrival | undefined): void;
  timer: NodeJS.Timeout;
}

/** One listener on the fake Slack's "response" event for all commands in flight, keyed by response_url. */
class AnswerTracker {
  private readonly waiting = new Map<string, Waiting>();
  private readonly onResponse = (response: RecordedResponse) => this.record(response);

  constructor(private readonly slack: LocalSlack) {
    slack.on("response", this.onResponse);
  }

  expect(url: string, timeoutMs: number): Promise<Arrival | undefined> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.finish(url, undefined), timeoutMs);
      this.waiting.set(url, { parts: [], resolve, timer });
    });
  }

  forget(url: string): void {
    this.finish(url, undefined);
  }

  close(): void {
    this.slack.off("response", this.onResponse);
    for (const url of [...this.waiting.keys()]) this.finish(url, undefined);
  }

  private record(response: RecordedResponse): void {
    const at = performance.now();
    const waiting = this.waiting.get(response.url);
    if (!waiting) return;
    const part: AnswerPart = { text: String(response.body?.text ?? ""), blocks: Array.isArray(response.body?.blocks) ? response.body.blocks : [] };
    waiting.parts.push(part);
    if (isLastPart(part.text)) this.finish(response.url, { at, parts: waiting.parts });
  }

  private finish(url: string, arrival: Arrival | undefined): void {
    const waiting = this.waiting.get(url);
    if (!waiting) return;
    this.waiting.delete(url);
    clearTimeout(waiting.timer);
    waiting.resolve(arrival);
  }
}

/** A reply split to fit Slack's limits ends each message's text with "(k/n)"; the last one has k = n. */
function isLastPart(text: string): boolean {
  const match = /\((\d+)\/(\d+)\)$/.exec(text);
  return !match || match[1] === match[2];
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AckTimeout(`no HTTP answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

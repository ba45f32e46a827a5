// Sends slash commands to the running app the way Slack does (signed, over HTTP, with
// test/support/signed-requests.ts) and times both halves of each: the HTTP acknowledgement, and the answer
// arriving at its response_url in the fake Slack; all of it, when the app split it into several messages.
import { performance } from "node:perf_hooks";
import type { CommandInput } from "../../tools/local-slack/signed-requests";
import type { LocalSlack, RecordedResponse } from "../../tools/local-slack/server";
import { inThreadAcks, type AckSender } from "./ack-timing";
import { startAckWorker } from "./ack-worker-client";

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
  return commanderWith(inThreadAcks(appUrl, slack.teamId), slack, () => {});
}

/**
 * The same commander, but each request is sent and its ack timed on a worker thread's event loop of its own. On
 * this thread the fake Slack takes the app's answers (parsing and checking 50 KB of blocks each) and its Web API
 * calls: an ack arriving meanwhile would be read late, and the app would look slower than it is.
 */
export async function workerSlashCommander(appUrl: string, slack: LocalSlack): Promise<SlashCommander> {
  const worker = await startAckWorker(appUrl, slack.teamId);
  return commanderWith(worker.ack, slack, () => void worker.stop());
}

function commanderWith(ack: AckSender, slack: LocalSlack, stop: () => void): SlashCommander {
  const answers = new AnswerTracker(slack);
  return {
    send: (input, options = {}) => sendTimed(ack, answers, slack, input, options),
    close: () => {
      answers.close();
      stop();
    },
  };
}

async function sendTimed(
  ack: AckSender,
  answers: AnswerTracker,
  slack: LocalSlack,
  input: Omit<CommandInput, "responseUrl">,
  options: SendOptions,
): Promise<TimedCommand> {
  const responseUrl = slack.newResponseUrl();
  const triggerId = input.triggerId ?? slack.newTriggerId(input.userId);
  const answer = answers.expect(responseUrl, options.answerTimeoutMs ?? DEFAULT_ANSWER_TIMEOUT_MS);
  const started = performance.now();
  const acked = await ack({ ...input, responseUrl, triggerId }, options.ackTimeoutMs ?? DEFAULT_ACK_TIMEOUT_MS);
  const timed: TimedCommand = { parts: [], ...acked };
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

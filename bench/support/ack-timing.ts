// Sending one signed slash command and timing its HTTP acknowledgement, the same on the bench's main thread and on
// an ack worker's (ack-worker.ts): sending → HTTP status received, or why there was none.
import { performance } from "node:perf_hooks";
import { signedClient, type CommandInput } from "../../tools/local-slack/signed-requests";
import { SIGNING_SECRET } from "../../tools/testkit/environment";

export interface AckOutcome {
  /** Sending → HTTP status received; undefined when the request failed or timed out. */
  ackMs?: number;
  status?: number;
  /** What went wrong: the request, or the HTTP status. */
  error?: string;
  /** The error's kind without its details, to count errors by: "HTTP 404", "request failed (ECONNRESET)", ... */
  errorKind?: string;
}

/** Sends a command whose response_url and trigger_id are already set, and times its ack. */
export type AckSender = (input: CommandInput, ackTimeoutMs: number) => Promise<AckOutcome>;

export function inThreadAcks(appUrl: string, teamId: string): AckSender {
  const client = signedClient({ appUrl, signingSecret: SIGNING_SECRET, teamId });
  return async (input, ackTimeoutMs) => {
    const started = performance.now();
    try {
      const response = await withTimeout(client.command(input), ackTimeoutMs);
      const outcome: AckOutcome = { ackMs: performance.now() - started, status: response.status };
      return response.status === 200 ? outcome : { ...outcome, error: `HTTP ${response.status}`, errorKind: `HTTP ${response.status}` };
    } catch (error) {
      return {
        error: `request failed: ${describeError(error)}`,
        errorKind: error instanceof AckTimeout ? "no HTTP answer in time" : `request failed${causeCode(error)}`,
      };
    }
  };
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

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AckTimeout(`no HTTP answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

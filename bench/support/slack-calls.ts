// The Slack calls a benchmark's run made, counted by method, as the fake Slack recorded them.
import { CHANNEL } from "../../tools/testkit/environment";
import type { LocalSlack, RecordedCall } from "../../tools/local-slack/server";
import type { Metric } from "./bench-result";

export function slackCallMetrics(calls: RecordedCall[]): Metric[] {
  const byMethod = new Map<string, { total: number; failed: number }>();
  for (const call of calls) {
    const counts = byMethod.get(call.method) ?? { total: 0, failed: 0 };
    counts.total += 1;
    if (!call.ok) counts.failed += 1;
    byMethod.set(call.method, counts);
  }
  const perMethod = [...byMethod.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([method, { total, failed }]) => ({ metric: `Slack calls: ${method}`, value: failed > 0 ? `${total} (${failed} failed)` : String(total) }));
  return [{ metric: "Slack calls: total", value: String(calls.length) }, ...perMethod];
}

export function callsOf(calls: RecordedCall[], method: string): RecordedCall[] {
  return calls.filter((call) => call.method === method);
}

/** Runs `work` and hands back the Slack calls made meanwhile (the fake records every call in order). */
export async function withSlackCalls<T>(slack: LocalSlack, work: () => Promise<T>): Promise<{ result: T; calls: RecordedCall[] }> {
  const firstCall = slack.calls.length;
  const result = await work();
  return { result, calls: slack.calls.slice(firstCall) };
}

/** Messages Slack took from Cadence: in the cadence channel, or elsewhere (the DMs). */
export function postsTaken(slack: LocalSlack, where: "channel" | "dms"): number {
  return slack.callsTo("chat.postMessage").filter((call) => call.ok && (call.params.channel === CHANNEL) === (where === "channel")).length;
}

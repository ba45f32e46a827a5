// The messages between the agent API's edge on the main thread (agent-worker-client.ts) and its worker thread
// (agent-worker.ts). Values cross as structured clones: Dates stay Dates.
import type { EntriesAnswer, SeatAnswer } from "../domain/api-schemas";
import type { SeatWithKpis } from "../domain/model";
import type { AgentOutcome } from "../services/agent-entry-service";
import type { RecordedValues } from "../services/entry-service";

export interface AgentWorkerData {
  databaseUrl: string;
  tz: string;
}

/** What the edge asks; `now` comes from the main thread's clock, which tests set. */
export type AgentCall =
  | { op: "authenticate"; token: string | undefined }
  | { op: "record"; seat: SeatWithKpis; body: unknown; idempotencyKey: string | undefined; now: Date }
  | { op: "describe"; seat: SeatWithKpis; now: Date };

export type AgentCallResult = {
  authenticate: AgentOutcome<SeatWithKpis>;
  record: AgentOutcome<{ answer: EntriesAnswer; replayed: boolean }>;
  describe: SeatAnswer;
};

export type ToWorker = ({ id: number } & AgentCall) | { op: "seat-data-changed" } | { op: "stop" };

export type FromWorker =
  | { kind: "ready" }
  | { kind: "answer"; id: number; result: unknown }
  | { kind: "failed"; id: number; message: string }
  /** Values stored: the main thread refreshes DMs and home tabs (Slack is called from there only). */
  | { kind: "recorded"; recorded: RecordedValues[] }
  | { kind: "stopped" };

// The messages between the main thread (off-loop-worker.ts) and the off-loop thread (off-loop-thread.ts). Values
// cross as structured clones: Dates stay Dates.
import type { EntriesAnswer, SeatAnswer } from "../domain/api-schemas";
import type { SeatWithKpis } from "../domain/model";
import type { IsoWeek } from "../domain/week";
import type { AgentOutcome } from "../services/agent-entry-service";
import type { RecordedValues } from "../services/entry-service";
import type { TableAnswer } from "../services/scorecard-service";

export interface OffLoopData {
  databaseUrl: string;
  tz: string;
  /** Count the thread's database statements and report them with each answer (benchmarks count queries). */
  countQueries?: boolean;
  /** How long the thread may reuse a read of the scorecard (scorecard-tables.ts): tests lengthen it. */
  scorecardReadMs?: number;
  /** The main thread's count of Slack requests not yet acked (acks-pending.ts), shared. */
  acksPending?: SharedArrayBuffer;
}

/** What the main thread asks; `now` comes from its clock, which tests set. */
export type OffLoopCall =
  | { op: "authenticate"; token: string | undefined }
  | { op: "record"; seat: SeatWithKpis; body: unknown; idempotencyKey: string | undefined; now: Date }
  | { op: "describe"; seat: SeatWithKpis; now: Date }
  | { op: "scorecard"; week: IsoWeek; responseUrl: string };

export type OffLoopResult = {
  authenticate: AgentOutcome<SeatWithKpis>;
  record: AgentOutcome<{ answer: EntriesAnswer; replayed: boolean }>;
  describe: SeatAnswer;
  scorecard: TableAnswer;
};

export type ToThread = ({ id: number } & OffLoopCall) | { op: "seat-data-changed" } | { op: "values-changed"; weeks: IsoWeek[] } | { op: "stop" };

export type FromThread =
  | { kind: "ready" }
  /** `queries`: statements run since the previous answer, when counted. */
  | { kind: "answer"; id: number; result: unknown; queries?: number }
  | { kind: "failed"; id: number; message: string; queries?: number }
  /** Values stored: the main thread refreshes DMs and home tabs (Slack's Web API is called from there only). */
  | { kind: "recorded"; recorded: RecordedValues[] }
  | { kind: "stopped" };

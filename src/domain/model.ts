// The plain shapes Cadence's services and builders work with; repositories map database rows to these.
import type { Goal } from "./goal";
import type { Unit } from "./units";
import type { IsoWeek } from "./week";
import type { SeatStage } from "./stage";

export type SeatKind = "agent" | "human";
export type EntrySource = "dm" | "form" | "command" | "home" | "agent";
/** `priority`: opened when a priority goes off track; `kill` and `gate`: an AI seat's threshold and gate. */
export type IssueSource = "manual" | "drift" | "missing" | "kill" | "gate" | "priority";
export type IssueState = "open" | "resolved" | "dropped";

export interface Seat {
  id: number;
  name: string;
  kind: SeatKind;
  accountability: string | null;
  ownerId: string;
  archivedAt: Date | null;
  /** AI seats only (stage.ts); absent or null for human seats. */
  stage?: SeatStage | null;
  stageSince?: Date | null;
}

export interface Kpi {
  id: number;
  seatId: number;
  name: string;
  unit: Unit;
  goal: Goal;
  archivedAt: Date | null;
  createdAt: Date;
}

export interface SeatWithKpis extends Seat {
  kpis: Kpi[];
}

export interface Entry {
  kpiId: number;
  week: IsoWeek;
  value: number;
  note: string | null;
  source: EntrySource;
  enteredBy: string;
  enteredAt: Date;
  /** When the seat's owner (or an admin) confirmed an agent's value; until then it shows as the agent's. */
  confirmedAt?: Date | null;
  /** The agent's value that its owner corrected (replaced) with this one. */
  agentValue?: number | null;
}

export interface Issue {
  id: number;
  title: string;
  source: IssueSource;
  state: IssueState;
  kpiId: number | null;
  week: IsoWeek | null;
  ownerId: string;
  openedBy: string;
  assigneeId: string | null;
  closedBy: string | null;
  closedAt: Date | null;
  resolutionNote: string | null;
  createdAt: Date;
  channelId: string | null;
  messageTs: string | null;
  /** Weeks an automatic issue covers, oldest first (drift issues grow while the KPI stays off track). */
  weeks: IsoWeek[];
}

export interface CheckIn {
  ownerId: string;
  week: IsoWeek;
  channelId: string | null;
  messageTs: string | null;
  sentAt: Date | null;
  remindedAt: Date | null;
  answeredAt: Date | null;
}

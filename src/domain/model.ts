// The plain shapes Cadence's services and builders work with; repositories map database rows to these.
import type { Goal } from "./goal";
import type { Unit } from "./units";
import type { IsoWeek } from "./week";

export type SeatKind = "agent" | "human";
export type EntrySource = "dm" | "form" | "command" | "home";
/** `priority`: opened when a priority goes off track. */
export type IssueSource = "manual" | "drift" | "missing" | "priority";
export type IssueState = "open" | "resolved" | "dropped";

export interface Seat {
  id: number;
  name: string;
  kind: SeatKind;
  accountability: string | null;
  ownerId: string;
  archivedAt: Date | null;
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

/** Who did something, for permissions and the audit log. */
export interface Actor {
  userId: string;
  isAdmin: boolean;
}

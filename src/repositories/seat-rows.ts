// Seat and KPI rows as the domain sees them, for every repository that reads them (ORM or plain SQL).
import type { Goal, GoalOp } from "../domain/goal";
import type { Kpi, Seat, SeatKind } from "../domain/model";
import type { SeatStage } from "../domain/stage";
import type { Unit } from "../domain/units";

export type SeatRow = {
  id: number;
  name: string;
  kind: string;
  accountability: string | null;
  ownerId: string;
  archivedAt: Date | null;
  stage?: string | null;
  stageSince?: Date | null;
};
export type KpiRow = {
  id: number;
  seatId: number;
  name: string;
  unit: string;
  goalOp: string;
  goalA: number;
  goalB: number | null;
  archivedAt: Date | null;
  createdAt: Date;
};

export function toSeat(row: SeatRow): Seat {
  const seat: Seat = {
    id: row.id,
    name: row.name,
    kind: row.kind as SeatKind,
    accountability: row.accountability,
    ownerId: row.ownerId,
    archivedAt: row.archivedAt,
  };
  return row.kind === "agent" ? { ...seat, stage: (row.stage ?? "pilot") as SeatStage, stageSince: row.stageSince ?? null } : seat;
}

export function toKpi(row: KpiRow): Kpi {
  const goal: Goal = { op: row.goalOp as GoalOp, a: row.goalA, b: row.goalB };
  return { id: row.id, seatId: row.seatId, name: row.name, unit: row.unit as Unit, goal, archivedAt: row.archivedAt, createdAt: row.createdAt };
}

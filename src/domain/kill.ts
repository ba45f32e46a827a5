// Kill thresholds: the value past which an AI seat's KPI stops the pilot for a human decision.
import type { KillOp } from "./commands/pilot-command";
import { shiftWeek, type IsoWeek } from "./week";

export interface KillThreshold {
  kpiId: number;
  op: KillOp;
  value: number;
}

export function isPastThreshold(threshold: Pick<KillThreshold, "op" | "value">, value: number): boolean {
  switch (threshold.op) {
    case "<":
      return value < threshold.value;
    case "<=":
      return value <= threshold.value;
    case ">":
      return value > threshold.value;
    case ">=":
      return value >= threshold.value;
  }
}

/** Whether a kill issue's weeks hold two in a row: then it asks to retire the seat. */
export function pastTwoWeeksInARow(weeks: IsoWeek[]): boolean {
  const all = new Set(weeks);
  return weeks.some((week) => all.has(shiftWeek(week, 1)));
}

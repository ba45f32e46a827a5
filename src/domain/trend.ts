// How a KPI has moved: a sparkline over the trailing weeks and its run of weeks off track.
import { evaluateGoal, type Goal } from "./goal";
import { trailingWeeks, type IsoWeek } from "./week";

const BARS = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"];
export const NO_VALUE = "·";
/** How many weeks a trend, a sparkline and the scorecard look back. */
export const TREND_WEEKS = 13;

/** One character per value, scaled between the smallest and largest; a gap where a week has no value. */
export function sparkline(values: (number | null | undefined)[]): string {
  const present = values.filter((value): value is number => typeof value === "number" && Number.isFinite(value));
  if (present.length === 0) return values.map(() => NO_VALUE).join("");
  const low = Math.min(...present);
  const high = Math.max(...present);
  return values
    .map((value) => {
      if (typeof value !== "number" || !Number.isFinite(value)) return NO_VALUE;
      if (high === low) return BARS[3];
      return BARS[Math.round(((value - low) / (high - low)) * (BARS.length - 1))];
    })
    .join("");
}

/** The values of `weeks` in order, null where a week has none. */
export function seriesFor(weeks: IsoWeek[], valuesByWeek: Map<IsoWeek, number>): (number | null)[] {
  return weeks.map((week) => valuesByWeek.get(week) ?? null);
}

/** Weeks in a row, ending with `week`, in `state` (a week in another state, or with no value, ends the run). */
function weeksInARow(state: "on" | "off", goal: Goal, valuesByWeek: Map<IsoWeek, number>, week: IsoWeek, lookback: number): number {
  let count = 0;
  for (const candidate of trailingWeeks(week, lookback).reverse()) {
    if (evaluateGoal(goal, valuesByWeek.get(candidate)) !== state) break;
    count += 1;
  }
  return count;
}

export const weeksOffTrack = (goal: Goal, valuesByWeek: Map<IsoWeek, number>, week: IsoWeek, lookback = 52) =>
  weeksInARow("off", goal, valuesByWeek, week, lookback);
export const weeksOnTrack = (goal: Goal, valuesByWeek: Map<IsoWeek, number>, week: IsoWeek, lookback = 52) =>
  weeksInARow("on", goal, valuesByWeek, week, lookback);

/** Share of the weeks with a value that were on track, or null when none had a value. */
export function onTrackRate(goal: Goal, values: (number | null)[]): number | null {
  const states = values.map((value) => evaluateGoal(goal, value)).filter((state) => state !== "missing");
  if (states.length === 0) return null;
  return states.filter((state) => state === "on").length / states.length;
}

/** "rising", "falling" or "flat", from the last two values present. */
export function direction(values: (number | null)[]): "rising" | "falling" | "flat" | "unknown" {
  const present = values.filter((value): value is number => value !== null);
  if (present.length < 2) return "unknown";
  const [previous, last] = present.slice(-2);
  if (last > previous) return "rising";
  if (last < previous) return "falling";
  return "flat";
}

// Whether the configured times serve owners in every time zone: a start-up warning (and `doctor`, later).
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { latestCheckinFor, localCheckinTimeFor, type LoopSettings } from "./loop-schedule";
import { shiftWeek, weekStartsAt, type IsoWeek } from "./week";

const clockIn = (instant: Date, tz: string): string => format(new TZDate(instant.getTime(), tz), "EEE HH:mm");

/**
 * A human-readable warning when `CHECKIN_AT`, `REMIND_AFTER` and `DEADLINE_AT` cannot ask owners in some of
 * `zones` at their own check-in time (they are asked earlier, at the latest `REMIND_AFTER` before the
 * deadline), or when that latest time comes before the week being asked about is over. Undefined when every
 * zone is served as configured. `week`: the week to judge (DST moves the answer; pass the coming one).
 */
export function zonesNotServed(settings: LoopSettings, zones: Iterable<string>, week: IsoWeek): string | undefined {
  const latest = latestCheckinFor(week, settings);
  const problems: string[] = [];
  const weekEnds = weekStartsAt(shiftWeek(week, 1), settings.tz);
  if (latest < weekEnds) {
    problems.push(
      `DEADLINE_AT (${settings.deadlineAt.text}) minus REMIND_AFTER comes before the week ends in ${settings.tz}, so some owners are asked before the week is over.`,
    );
  }
  const early = [...new Set(zones)]
    .sort()
    .filter((tz) => localCheckinTimeFor(week, tz, settings) >= latest)
    .map((tz) => `${tz} (asked ${clockIn(latest, tz)} their time instead of ${settings.checkinAt.text})`);
  if (early.length > 0) {
    problems.push(
      `CHECKIN_AT (${settings.checkinAt.text}, each owner's clock) falls too close to DEADLINE_AT (${settings.deadlineAt.text} ${settings.tz}, ${clockIn(latest, settings.tz)} there is the last time to ask with REMIND_AFTER left) for owners in ${early.join(", ")}. Move CHECKIN_AT earlier or DEADLINE_AT later to ask them in their morning.`,
    );
  }
  return problems.length > 0 ? problems.join(" ") : undefined;
}

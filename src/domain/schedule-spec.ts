// The settings that place the weekly loop in time: "mon 09:00" (a day and a time) and "4h" (a delay).
import { TZDate } from "@date-fns/tz";
import { addDays } from "date-fns";
import { mondayOf, shiftWeek, type IsoWeek } from "./week";

export interface WeeklyTime {
  /** Days after Monday: mon = 0 … sun = 6. */
  dayOffset: number;
  hour: number;
  minute: number;
  text: string;
}

const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const DAY_NAMES = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

export function parseWeeklyTime(text: string): WeeklyTime | undefined {
  const match = /^([a-z]{3,})\s+(\d{1,2}):(\d{2})$/i.exec(text.trim());
  if (!match) return undefined;
  // "mon", "Mon", "monday" are Monday; "monkey" is a typo, not a schedule.
  const dayOffset = DAY_NAMES.findIndex((day) => day.startsWith(match[1].toLowerCase()));
  const hour = Number(match[2]);
  const minute = Number(match[3]);
  if (dayOffset < 0 || hour > 23 || minute > 59) return undefined;
  return { dayOffset, hour, minute, text: `${DAYS[dayOffset]} ${match[2].padStart(2, "0")}:${match[3]}` };
}

/** "4h", "30m", "1h30m", "1d": a delay in milliseconds. */
export function parseDelay(text: string): number | undefined {
  const compact = text.trim().toLowerCase().replace(/\s+/g, "");
  const match = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/.exec(compact);
  if (!match || compact === "") return undefined;
  const [, days, hours, minutes] = match;
  return ((Number(days ?? 0) * 24 + Number(hours ?? 0)) * 60 + Number(minutes ?? 0)) * 60_000;
}

/**
 * When a weekly step for `week` happens on a clock in `tz`: the step's day and time in the week after `week`
 * (the check-in sent on a Monday asks for the week that just ended). Wall-clock based, so DST shifts it.
 */
export function stepTimeFor(week: IsoWeek, step: WeeklyTime, tz: string): Date {
  const day = addDays(mondayOf(shiftWeek(week, 1)), step.dayOffset);
  const local = new TZDate(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), step.hour, step.minute, tz);
  return new Date(local.getTime());
}

export function minutesIntoWeek(step: WeeklyTime): number {
  return (step.dayOffset * 24 + step.hour) * 60 + step.minute;
}

// Time off: who is away which days, team holidays, and whether that covers a whole ISO week.
//
// Dates are calendar days (`YYYY-MM-DD`) as the team's calendar names them. A week is covered when each of its
// seven days is. Which week is in question is decided by whoever asks: the check-in asks about the week the owner
// just finished on their own clock, the deadline and digest about the week the team just finished. Both name the
// week the same way (`2026-W47`), so an owner in Auckland and a team in New York agree on what "away for W47" means
// even at an instant when their clocks are in different weeks.
import { TZDate } from "@date-fns/tz";
import { compareWeeks, mondayOf, shiftWeek, weekOf, type IsoWeek } from "./week";

/** A range of days off, both ends inclusive. `userId` null: a holiday for the whole team. */
export interface TimeOff {
  id: number;
  userId: string | null;
  from: string;
  to: string;
  /** The reason (away) or the holiday's name. */
  note: string | null;
}

export const MAX_TIME_OFF_DAYS = 366;
const DAY_MS = 24 * 3600 * 1000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `2026-12-24` → the same text when it names a real day, else undefined (`2026-02-30`, `26-1-1`). */
export function parseDay(text: string): string | undefined {
  const match = DATE_PATTERN.exec(text.trim());
  if (!match) return undefined;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === match[0] ? match[0] : undefined;
}

function dayNumber(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / DAY_MS;
}

function dayOfNumber(value: number): string {
  return new Date(value * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both counted. */
export function daysInRange(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from) + 1;
}

/** Why a range cannot be taken, or undefined when it can. */
export function rangeProblem(from: string, to: string): string | undefined {
  if (dayNumber(to) < dayNumber(from)) return `the range ends (${to}) before it starts (${from})`;
  const days = daysInRange(from, to);
  if (days > MAX_TIME_OFF_DAYS) return `the range is ${days} days long; at most ${MAX_TIME_OFF_DAYS} days at a time`;
  return undefined;
}

/** Monday to Sunday of `week`, as dates. */
export function daysOfWeek(week: IsoWeek): string[] {
  const monday = Math.floor(mondayOf(week).getTime() / DAY_MS);
  return Array.from({ length: 7 }, (_, index) => dayOfNumber(monday + index));
}

function coversWeek(ranges: TimeOff[], week: IsoWeek): boolean {
  return daysOfWeek(week).every((day) => ranges.some((range) => range.from <= day && day <= range.to));
}

/** Whether `ownerId`'s own time off covers every day of `week` (several ranges may add up to it). */
export function isAwayForWeek(ownerId: string, week: IsoWeek, ranges: TimeOff[]): boolean {
  return coversWeek(
    ranges.filter((range) => range.userId === ownerId),
    week,
  );
}

/** The team holidays that together cover every day of `week`, or undefined when it is a working week. */
export function holidayOfWeek(week: IsoWeek, ranges: TimeOff[]): TimeOff[] | undefined {
  const holidays = ranges.filter((range) => range.userId === null);
  if (!coversWeek(holidays, week)) return undefined;
  const days = daysOfWeek(week);
  return holidays.filter((range) => range.from <= days[6] && range.to >= days[0]);
}

/** The weeks a range covers whole: what a confirmation tells people will be skipped. */
export function weeksCovered(from: string, to: string): IsoWeek[] {
  const range: TimeOff = { id: 0, userId: null, from, to, note: null };
  const last = weekOfDay(to);
  const weeks: IsoWeek[] = [];
  for (let week = weekOfDay(from); compareWeeks(week, last) <= 0; week = shiftWeek(week, 1)) {
    if (coversWeek([range], week)) weeks.push(week);
  }
  return weeks;
}

function weekOfDay(day: string): IsoWeek {
  return weekOf(new Date(`${day}T12:00:00Z`), "UTC");
}

/** Today's date on the team's calendar. */
export function todayIn(now: Date, tz: string): string {
  const local = new TZDate(now.getTime(), tz);
  return `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, "0")}-${String(local.getDate()).padStart(2, "0")}`;
}

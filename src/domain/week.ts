// ISO weeks ("2026-W47") and the instants that bound them in a given IANA time zone.
import { TZDate } from "@date-fns/tz";
import { addDays, format, getISOWeek, getISOWeekYear } from "date-fns";

export type IsoWeek = string;

const WEEK_PATTERN = /^(\d{4})-W(\d{2})$/;

export function formatWeek(year: number, week: number): IsoWeek {
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** The ISO week that `instant` falls in, as seen on a clock in `tz`. */
export function weekOf(instant: Date, tz: string): IsoWeek {
  const local = new TZDate(instant.getTime(), tz);
  return formatWeek(getISOWeekYear(local), getISOWeek(local));
}

/** `2026-W47` → its year and number, or undefined when it is not a real ISO week. */
export function parseWeek(text: string): { year: number; week: number } | undefined {
  const match = WEEK_PATTERN.exec(text.trim().toUpperCase());
  if (!match) return undefined;
  const year = Number(match[1]);
  const week = Number(match[2]);
  if (week < 1 || week > weeksInYear(year)) return undefined;
  return { year, week };
}

export function isWeek(text: string): boolean {
  return parseWeek(text) !== undefined;
}

function weeksInYear(year: number): number {
  // December 28th always lies in the last ISO week of its year.
  return getISOWeek(new Date(Date.UTC(year, 11, 28, 12)));
}

/** Calendar date (UTC noon, to stay clear of any offset) of the Monday that starts `week`. */
export function mondayOf(week: IsoWeek): Date {
  const parsed = parseWeek(week);
  if (!parsed) throw new Error(`not an ISO week: ${week}`);
  const jan4 = new Date(Date.UTC(parsed.year, 0, 4, 12));
  const firstMonday = addDays(jan4, -((jan4.getUTCDay() + 6) % 7));
  return addDays(firstMonday, (parsed.week - 1) * 7);
}

export function shiftWeek(week: IsoWeek, weeks: number): IsoWeek {
  const monday = addDays(mondayOf(week), weeks * 7);
  return weekOf(monday, "UTC");
}

/** The `count` weeks ending with `week`, oldest first. */
export function trailingWeeks(week: IsoWeek, count: number): IsoWeek[] {
  return Array.from({ length: count }, (_, index) => shiftWeek(week, index - count + 1));
}

/** The week that ended most recently, as the team's clock sees it. */
export function lastCompletedWeek(now: Date, tz: string): IsoWeek {
  return shiftWeek(weekOf(now, tz), -1);
}

/** The instant a week starts (Monday 00:00) on a clock in `tz`. */
export function weekStartsAt(week: IsoWeek, tz: string): Date {
  const monday = mondayOf(week);
  return new Date(new TZDate(monday.getUTCFullYear(), monday.getUTCMonth(), monday.getUTCDate(), tz).getTime());
}

/** "2026-W47 (Nov 16 – Nov 22)": how a week is named to people. */
export function describeWeek(week: IsoWeek): string {
  const monday = mondayOf(week);
  const sunday = addDays(monday, 6);
  return `${week} (${format(utcCalendarDate(monday), "MMM d")} – ${format(utcCalendarDate(sunday), "MMM d")})`;
}

function utcCalendarDate(date: Date): Date {
  return new TZDate(date.getTime(), "UTC");
}

export function compareWeeks(a: IsoWeek, b: IsoWeek): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whole weeks from `from` to `to` (positive when `to` is later). */
export function weeksBetween(from: IsoWeek, to: IsoWeek): number {
  return Math.round((mondayOf(to).getTime() - mondayOf(from).getTime()) / (7 * 24 * 3600 * 1000));
}


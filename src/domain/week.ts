// ISO weeks ("2026-W47") and the instants that bound them in a given IANA time zone.
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";

export type IsoWeek = string;

const WEEK_PATTERN = /^(\d{4})-W(\d{2})$/;

export function formatWeek(year: number, week: number): IsoWeek {
  return `${year}-W${String(week).padStart(2, "0")}`;
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * ISO week of a calendar date given as UTC midnight. Plain arithmetic on UTC dates: it does not depend on the
 * process's time zone, and it is cheap enough to call for thousands of owners every minute.
 */
function isoWeekOfCalendarDate(date: Date): { year: number; week: number } {
  const thursday = new Date(date.getTime() + (3 - ((date.getUTCDay() + 6) % 7)) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  firstThursday.setUTCDate(4 + 3 - ((firstThursday.getUTCDay() + 6) % 7));
  return { year, week: 1 + Math.round((thursday.getTime() - firstThursday.getTime()) / (7 * DAY_MS)) };
}

/** The ISO week that `instant` falls in, as seen on a clock in `tz`. */
export function weekOf(instant: Date, tz: string): IsoWeek {
  const local = tz === "UTC" ? instant : new TZDate(instant.getTime(), tz);
  const calendarDate =
    tz === "UTC"
      ? new Date(Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate()))
      : new Date(Date.UTC(local.getFullYear(), local.getMonth(), local.getDate()));
  const { year, week } = isoWeekOfCalendarDate(calendarDate);
  return formatWeek(year, week);
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
  return isoWeekOfCalendarDate(new Date(Date.UTC(year, 11, 28))).week;
}

/** Calendar date (UTC noon, to stay clear of any offset) of the Monday that starts `week`. */
export function mondayOf(week: IsoWeek): Date {
  const parsed = parseWeek(week);
  if (!parsed) throw new Error(`not an ISO week: ${week}`);
  const jan4 = Date.UTC(parsed.year, 0, 4, 12);
  const firstMonday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS;
  return new Date(firstMonday + (parsed.week - 1) * 7 * DAY_MS);
}

export function shiftWeek(week: IsoWeek, weeks: number): IsoWeek {
  const monday = new Date(mondayOf(week).getTime() + weeks * 7 * DAY_MS);
  const { year, week: number } = isoWeekOfCalendarDate(new Date(Date.UTC(monday.getUTCFullYear(), monday.getUTCMonth(), monday.getUTCDate())));
  return formatWeek(year, number);
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
  const sunday = new Date(monday.getTime() + 6 * DAY_MS);
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

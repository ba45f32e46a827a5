// When each step of the weekly loop is due, as pure functions of `now` and the settings.
import { stepTimeFor, type WeeklyTime } from "./schedule-spec";
import { lastCompletedWeek, shiftWeek, type IsoWeek } from "./week";

export interface LoopSettings {
  tz: string;
  checkinAt: WeeklyTime;
  remindAfterMs: number;
  deadlineAt: WeeklyTime;
  digestAt: WeeklyTime;
}

export function deadlineFor(week: IsoWeek, settings: LoopSettings): Date {
  return stepTimeFor(week, settings.deadlineAt, settings.tz);
}

/** The owner's `CHECKIN_AT`, on their own clock, before any adjustment. */
export function localCheckinTimeFor(week: IsoWeek, ownerTz: string, settings: LoopSettings): Date {
  return stepTimeFor(week, settings.checkinAt, ownerTz);
}

/** The latest an owner can be asked and still have `REMIND_AFTER` to answer before the team's deadline. */
export function latestCheckinFor(week: IsoWeek, settings: LoopSettings): Date {
  return new Date(deadlineFor(week, settings).getTime() - settings.remindAfterMs);
}

/**
 * When an owner is asked: `CHECKIN_AT` on their clock, but never later than `REMIND_AFTER` before the deadline.
 * Without that bound an owner far west of the team (team London, deadline mon 17:00, owner in Los Angeles) is
 * due at or after the deadline and never asked.
 */
export function checkinTimeFor(week: IsoWeek, ownerTz: string, settings: LoopSettings): Date {
  const local = localCheckinTimeFor(week, ownerTz, settings);
  const latest = latestCheckinFor(week, settings);
  return new Date(Math.min(local.getTime(), latest.getTime()));
}

/**
 * The weeks whose check-ins may be due now. Usually just the last completed week; an owner far east of the
 * team (whose Monday morning comes before the team's week ends) can already be due for the current one.
 */
export function checkinWeeksAround(now: Date, settings: LoopSettings): IsoWeek[] {
  const last = lastCompletedWeek(now, settings.tz);
  return [last, shiftWeek(last, 1)];
}

/** An owner's check-in is due from their local check-in time until the team's deadline (catch-up included). */
export function isCheckinDue(week: IsoWeek, ownerTz: string, now: Date, settings: LoopSettings): boolean {
  return checkinTimeFor(week, ownerTz, settings) <= now && now < deadlineFor(week, settings);
}

/** One reminder, `REMIND_AFTER` after the DM went out, and never after the deadline. */
export function isReminderDue(week: IsoWeek, sentAt: Date, now: Date, settings: LoopSettings): boolean {
  return sentAt.getTime() + settings.remindAfterMs <= now.getTime() && now < deadlineFor(week, settings);
}

/**
 * The week a team-time-zone job (deadline, digest) is due for: its time has passed in the current week. After
 * downtime it still runs once when the app returns, as long as that is in the same week.
 */
export function weeklyJobDue(step: WeeklyTime, now: Date, settings: LoopSettings): IsoWeek | undefined {
  const week = lastCompletedWeek(now, settings.tz);
  return stepTimeFor(week, step, settings.tz) <= now ? week : undefined;
}

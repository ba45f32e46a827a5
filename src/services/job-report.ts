// What a run of a weekly job reports, and the shape every weekly step has (checkins, reminders, drift, digest).
import type { IsoWeek } from "../domain/week";

/** What a run of a weekly job did, for `/cadence run` and the logs. */
export interface JobReport {
  week: IsoWeek;
  sent: number;
  skipped: number;
  failed: number;
  /** Messages Slack refused for good (not_in_channel, …): not retried; `/cadence status` says how to fix. */
  abandoned: number;
}

export function emptyReport(week: IsoWeek, skipped = 0): JobReport {
  return { week, sent: 0, skipped, failed: 0, abandoned: 0 };
}

export interface WeeklyStep {
  /** Runs whatever is due at `now`; safe to call every minute. */
  runDue(now: Date): Promise<JobReport[]>;
  /** Runs for the last completed week, whatever the time; idempotent. */
  runNow(now: Date): Promise<JobReport>;
}

// The deadline job: every active KPI without a value becomes a `missing` issue, every off-track value a
// `drift` issue, each posted once in the cadence channel. Idempotent per KPI, week and source.
import type { Logger } from "@slack/bolt";
import { evaluateGoal } from "../domain/goal";
import { deadlineFor, weeklyJobDue, type LoopSettings } from "../domain/loop-schedule";
import type { Kpi } from "../domain/model";
import { isStopped } from "../domain/stage";
import { lastCompletedWeek, shiftWeek, weekStartsAt, type IsoWeek } from "../domain/week";
import type { IssueRepository } from "../repositories/issue-repository";
import type { JobRunRepository } from "../repositories/job-run-repository";
import { TREND_WEEKS } from "../domain/trend";
import type { IssueService } from "./issue-service";
import { activeKpis, valuesOf } from "../domain/scorecard";
import type { ScorecardLoader } from "./scorecard-data";
import { emptyReport, type JobReport, type WeeklyStep } from "./job-report";
import { NOBODY_AWAY, type AbsenceLookup } from "./time-off-service";

const JOB = "drift";

/** Which KPIs the week's check-ins listed (CheckinRepository). */
export interface AskedKpis {
  askedKpis(week: IsoWeek): Promise<Set<number>>;
}

export class DriftService implements WeeklyStep {
  constructor(
    private readonly deps: {
      loader: Pick<ScorecardLoader, "load">;
      issues: Pick<IssueRepository, "openAutomatic" | "unpostedFor">;
      issueService: Pick<IssueService, "post" | "refreshPost">;
      jobRuns: Pick<JobRunRepository, "isComplete" | "markComplete">;
      checkins: AskedKpis;
      settings: LoopSettings;
      logger: Logger;
      /** Time off: no `missing` issue for an owner away the whole week, no issue at all in a holiday week. */
      absences?: AbsenceLookup;
    },
  ) {}

  async runDue(now: Date): Promise<JobReport[]> {
    const week = weeklyJobDue(this.deps.settings.deadlineAt, now, this.deps.settings);
    if (!week || (await this.deps.jobRuns.isComplete(JOB, week))) return [];
    return [await this.runFor(week, now)];
  }

  async runNow(now: Date): Promise<JobReport> {
    return this.runFor(lastCompletedWeek(now, this.deps.settings.tz), now);
  }

  async runFor(week: IsoWeek, now: Date): Promise<JobReport> {
    const report = emptyReport(week);
    const data = await this.deps.loader.load(week, TREND_WEEKS);
    // "missing" means no number by the deadline: an early `/cadence run drift` judges the values entered so far
    // and leaves the missing ones, and the week itself, to the scheduled run (SPEC, weekly loop step 3).
    const pastDeadline = now >= deadlineFor(week, this.deps.settings);
    const absence = await (this.deps.absences ?? NOBODY_AWAY).forWeek(week);
    if (absence.holiday) {
      if (pastDeadline) await this.deps.jobRuns.markComplete(JOB, week, now);
      return report;
    }
    const wasAsked = await this.askedFor(week);
    for (const { kpi, seat } of activeKpis(data)) {
      const value = valuesOf(data, kpi.id).get(week);
      // A paused or retired AI seat owes no numbers, nor does an owner away all week: no `missing` issue for them.
      if (value === undefined && (isStopped(seat.stage) || absence.isAway(seat.ownerId) || !(pastDeadline && wasAsked(kpi)))) continue;
      const state = evaluateGoal(kpi.goal, value);
      if (state === "on") continue;
      const result = await this.deps.issues.openAutomatic({
        kpiId: kpi.id,
        week,
        source: state === "missing" ? "missing" : "drift",
        title: state === "missing" ? `${kpi.name}: no number for ${week}` : `${kpi.name} is off track`,
        ownerId: seat.ownerId,
        value: value ?? null,
        at: now,
      });
      if (result.kind === "created") report.sent += 1;
      else report.skipped += 1;
      if (result.kind === "extended") {
        await this.deps.issueService
          .refreshPost(result.issue, now)
          .catch((error: Error) => this.deps.logger.warn(`updating #${result.issue.id}: ${error.message}`));
      }
    }
    Object.assign(report, await this.postUnposted(week, now));
    if (report.failed === 0 && pastDeadline) await this.deps.jobRuns.markComplete(JOB, week, now);
    return report;
  }

  /**
   * A KPI counts as asked for a week when a check-in for that week listed it, or when it existed before the
   * week ended (its owner may not have been DMed, but the number was due all the same).
   */
  private async askedFor(week: IsoWeek): Promise<(kpi: Kpi) => boolean> {
    const listed = await this.deps.checkins.askedKpis(week);
    const weekEnded = weekStartsAt(shiftWeek(week, 1), this.deps.settings.tz);
    return (kpi) => listed.has(kpi.id) || kpi.createdAt < weekEnded;
  }

  /** Posts every issue of the week not posted yet: the new ones, and any a crash left behind. */
  /** An issue Slack refused for good does not hold the job open: the job completes, admins see why. */
  private async postUnposted(week: IsoWeek, now: Date): Promise<{ failed: number; abandoned: number }> {
    const counts = { failed: 0, abandoned: 0 };
    for (const issue of await this.deps.issues.unpostedFor(week)) {
      const outcome = await this.deps.issueService.post(issue, now).catch((error: Error) => {
        this.deps.logger.warn(`posting #${issue.id}: ${error.message}`);
        return "not-yet" as const;
      });
      if (outcome === "not-yet") counts.failed += 1;
      if (outcome === "abandoned") counts.abandoned += 1;
    }
    return counts;
  }
}

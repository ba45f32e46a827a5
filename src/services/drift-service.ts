// The deadline job: every active KPI without a value becomes a `missing` issue, every off-track value a
// `drift` issue, each posted once in the cadence channel. Idempotent per KPI, week and source.
import type { Logger } from "@slack/bolt";
import { evaluateGoal } from "../domain/goal";
import { weeklyJobDue, type LoopSettings } from "../domain/loop-schedule";
import { lastCompletedWeek, shiftWeek, weekStartsAt, type IsoWeek } from "../domain/week";
import type { IssueRepository } from "../repositories/issue-repository";
import type { JobRunRepository } from "../repositories/job-run-repository";
import { TREND_WEEKS, type IssueService } from "./issue-service";
import { activeKpis, valuesOf, type ScorecardLoader } from "./scorecard-data";
import { emptyReport, type JobReport, type WeeklyStep } from "./weekly-loop";

const JOB = "drift";

export class DriftService implements WeeklyStep {
  constructor(
    private readonly deps: {
      loader: ScorecardLoader;
      issues: IssueRepository;
      issueService: IssueService;
      jobRuns: JobRunRepository;
      settings: LoopSettings;
      logger: Logger;
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
    // A KPI added after the week ended was never asked for that week: no number is not "missing" for it.
    const weekEnded = weekStartsAt(shiftWeek(week, 1), this.deps.settings.tz);
    for (const { kpi, seat } of activeKpis(data)) {
      const value = valuesOf(data, kpi.id).get(week);
      if (value === undefined && kpi.createdAt >= weekEnded) continue;
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
        await this.deps.issueService.refreshPost(result.issue, now).catch((error: Error) => this.deps.logger.warn(`updating #${result.issue.id}: ${error.message}`));
      }
    }
    Object.assign(report, await this.postUnposted(week, now));
    if (report.failed === 0) await this.deps.jobRuns.markComplete(JOB, week, now);
    return report;
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

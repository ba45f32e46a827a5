// The weekly digest in the cadence channel: posted once per week (with catch-up), its detail in the thread,
// refreshed when an issue it shows is resolved, and a 1–10 rating of the meeting.
import type { Logger } from "@slack/bolt";
import { composeDigest, type AiSeatPilot, type DigestModel } from "../domain/digest";
import type { Seat } from "../domain/model";
import { weeklyJobDue, type LoopSettings } from "../domain/loop-schedule";
import { isWeek, lastCompletedWeek, shiftWeek, weekStartsAt, type IsoWeek } from "../domain/week";
import type { DigestRepository } from "../repositories/digest-repository";
import type { IssueRepository } from "../repositories/issue-repository";
import type { JobRunRepository } from "../repositories/job-run-repository";
import type { DeliveryRepository } from "../repositories/delivery-repository";
import { buildDigestMessages } from "../messages/digest-blocks";
import type { SlackApi } from "./ports/slack-api";
import type { DeliveryService } from "./delivery-service";
import { TREND_WEEKS } from "../domain/trend";
import { done, refused, type Outcome } from "./outcome";
import type { ScorecardLoader } from "./scorecard-data";
import { emptyReport, type JobReport, type WeeklyStep } from "./job-report";
import { NOBODY_AWAY, type AbsenceLookup } from "./time-off-service";
import type { Priority } from "../domain/priority";
import type { Todo } from "../domain/todo";
import { daysOfWeek, todayIn } from "../domain/away";

const JOB = "digest";
const WEEK_MS = 7 * 24 * 3600 * 1000;
// Digests older than this are history; refreshing them after an issue changes would only add noise.
const REFRESHED_DIGESTS = 2;

const mainKey = (week: IsoWeek) => `digest:${week}:main`;
const threadKey = (week: IsoWeek, part: number) => `digest:${week}:thread:${part}`;

export class DigestService implements WeeklyStep {
  constructor(
    private readonly deps: {
      loader: ScorecardLoader;
      issues: Pick<IssueRepository, "closedSince" | "listOpen">;
      digests: Pick<DigestRepository, "find" | "markPosted" | "previous" | "rate" | "ratingOf" | "recent">;
      deliveries: Pick<DeliveryRepository, "findAll">;
      delivery: DeliveryService;
      jobRuns: Pick<JobRunRepository, "isComplete" | "markComplete">;
      slack: SlackApi;
      channel: string;
      settings: LoopSettings;
      logger: Logger;
      /** Each AI seat's stage and gate progress (GateService). */
      pilot?: { progressOfAll(seats: Seat[], now: Date): Promise<Map<number, AiSeatPilot>> };
      /** Time off: away owners are listed as away; a holiday week's digest is one line. */
      absences?: AbsenceLookup;
      /** The team's open priorities: how many are on track, and which are not. */
      priorities?: { listOpen(): Promise<Priority[]> };
      /** To-dos: last week's completion rate and the overdue ones. */
      todos?: { listOpen(): Promise<Todo[]>; dueBetween(from: string, to: string): Promise<Todo[]> };
    },
  ) {}

  async runDue(now: Date): Promise<JobReport[]> {
    const week = weeklyJobDue(this.deps.settings.digestAt, now, this.deps.settings);
    if (!week || (await this.deps.jobRuns.isComplete(JOB, week))) return [];
    return [await this.postFor(week, now)];
  }

  async runNow(now: Date): Promise<JobReport> {
    const week = lastCompletedWeek(now, this.deps.settings.tz);
    // Once posted whole, a digest stays as it was: rebuilding it could add or shift thread parts.
    if (await this.deps.jobRuns.isComplete(JOB, week)) return emptyReport(week, 1);
    return this.postFor(week, now);
  }

  /** Posts what is missing of `week`'s digest (parts Slack refused until an admin fixed the cause). */
  async retryWeek(week: IsoWeek, now: Date): Promise<JobReport> {
    return this.postFor(week, now);
  }

  async compose(week: IsoWeek, now: Date): Promise<DigestModel> {
    const data = await this.deps.loader.load(week, TREND_WEEKS);
    const previous = await this.deps.digests.previous(week);
    const since = previous?.postedAt ?? new Date(now.getTime() - WEEK_MS);
    const absence = await (this.deps.absences ?? NOBODY_AWAY).forWeek(week);
    const model = composeDigest({
      week,
      now,
      weeks: data.weeks,
      seats: data.seats,
      values: data.values,
      provenance: data.provenance,
      openIssues: await this.deps.issues.listOpen(),
      closedIssues: await this.deps.issues.closedSince(since),
      since,
      weekEndsAt: weekStartsAt(shiftWeek(week, 1), this.deps.settings.tz),
      lastRating: previous ? await this.deps.digests.ratingOf(previous.week) : null,
      awayOwners: new Set(data.seats.map((seat) => seat.ownerId).filter((ownerId) => absence.isAway(ownerId))),
      priorities: await this.deps.priorities?.listOpen(),
      todos: this.deps.todos && {
        dueInWeek: await this.deps.todos.dueBetween(daysOfWeek(week)[0], daysOfWeek(week)[6]),
        open: await this.deps.todos.listOpen(),
        today: todayIn(now, this.deps.settings.tz),
      },
      holiday: absence.holiday?.map((range) => range.note ?? "").filter((name) => name !== ""),
    });
    const pilots = this.deps.pilot
      ? await this.deps.pilot.progressOfAll(
          model.aiSeats.map((state) => state.seat),
          now,
        )
      : new Map<number, AiSeatPilot>();
    for (const state of model.aiSeats) state.pilot = pilots.get(state.seat.id);
    return model;
  }

  /** Posts the digest and its thread; each part is its own delivery, so a crash resumes where it stopped. */
  private async postFor(week: IsoWeek, now: Date): Promise<JobReport> {
    const report = emptyReport(week);
    const messages = buildDigestMessages(await this.compose(week, now));
    const main = await this.deps.delivery.deliverOnce(mainKey(week), this.deps.channel, messages.main);
    if (main.status === "abandoned") {
      // Slack refused the channel for good: the week's digest cannot be posted, so stop trying (an admin sees why).
      report.abandoned += 1;
      await this.deps.jobRuns.markComplete(JOB, week, now);
      return report;
    }
    if (main.status === "failed" || main.status === "in-progress") {
      report.failed += main.status === "failed" ? 1 : 0;
      return report;
    }
    report[main.status === "sent" ? "sent" : "skipped"] += 1;
    await this.deps.digests.markPosted(week, main.posted.channel, main.posted.ts, now);
    for (const [part, message] of messages.thread.entries()) {
      const result = await this.deps.delivery.deliverOnce(threadKey(week, part), main.posted.channel, { ...message, threadTs: main.posted.ts });
      if (result.status === "failed" || result.status === "abandoned") report[result.status] += 1;
      else report[result.status === "sent" ? "sent" : "skipped"] += 1;
    }
    if (report.failed === 0) await this.deps.jobRuns.markComplete(JOB, week, now);
    return report;
  }

  /** Re-renders recent digests in place, so an issue resolved anywhere shows as resolved there too. */
  async refresh(now: Date): Promise<void> {
    for (const digest of await this.deps.digests.recent(REFRESHED_DIGESTS)) {
      if (!digest.channelId || !digest.messageTs) continue;
      const messages = buildDigestMessages(await this.compose(digest.week, now));
      await this.deps.slack.updateMessage(digest.channelId, digest.messageTs, messages.main);
      const parts = await this.deps.deliveries.findAll(messages.thread.map((_, part) => threadKey(digest.week, part)));
      for (const [part, message] of messages.thread.entries()) {
        const posted = parts.get(threadKey(digest.week, part));
        if (posted?.ts && posted.postedIn) await this.deps.slack.updateMessage(posted.postedIn, posted.ts, message);
      }
    }
  }

  async rate(weekText: string, userId: string, score: number, now: Date): Promise<Outcome<{ week: IsoWeek; previous: number | null }>> {
    if (!isWeek(weekText) || !Number.isInteger(score) || score < 1 || score > 10) return refused("that rating button is out of date");
    if (!(await this.deps.digests.find(weekText))) return refused(`there is no digest for ${weekText}`);
    const { previous } = await this.deps.digests.rate(weekText, userId, score, now);
    return done({ week: weekText, previous });
  }
}

// The weekly check-in: one DM per owner per week, the form and DM replies it invites, and one reminder.
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import type { Logger } from "@slack/bolt";
import pLimit from "p-limit";
import { isCheckinDue, isReminderDue, checkinWeeksAround, type LoopSettings } from "../domain/loop-schedule";
import { lastCompletedWeek, shiftWeek, weekOf, type IsoWeek } from "../domain/week";
import { zonesNotServed } from "../domain/zones-not-served";
import type { CheckinRepository } from "../repositories/checkin-repository";
import type { EntryRepository } from "../repositories/entry-repository";
import type { SeatRepository } from "../repositories/seat-repository";
import { buildCheckinMessage, buildReminderMessage, countKpis, type CheckinModel } from "../messages/checkin-blocks";
import type { SlackApi } from "./ports/slack-api";
import type { DeliveryService } from "./delivery-service";
import { NOBODY_AWAY, type AbsenceLookup } from "./time-off-service";
import type { Priority } from "../domain/priority";
import type { Todo } from "../domain/todo";
import type { UserDirectory } from "./user-directory";
import { emptyReport, type JobReport } from "./job-report";
import type { SharedCheckins } from "./shared-checkin-queue";

// Enough parallel DMs to keep Slack busy; the WebClient queues and paces the rest, including after a 429.
const FAN_OUT_CONCURRENCY = 16;
// DMs an instance claims at a time from the shared fan-out: enough to keep its limit busy, few enough that
// instances joining on their heartbeat still find a share.
const CLAIM_BATCH = 2 * FAN_OUT_CONCURRENCY;

/** Owners whose check-in DMs one refresh reads at once (see refreshMessages). */
const REFRESH_SLICE = 10;

export class CheckinService {
  constructor(
    private readonly deps: {
      seats: Pick<SeatRepository, "activeOwners" | "listSeats" | "seatsOwnedBy" | "seatsOwnedByAny">;
      entries: Pick<EntryRepository, "forWeeks">;
      checkins: Pick<
        CheckinRepository,
        "addListedKpis" | "find" | "findForOwners" | "findByMessage" | "forWeek" | "latestSent" | "markAnswered" | "markReminded" | "markSent"
      >;
      delivery: DeliveryService;
      directory: UserDirectory;
      slack: SlackApi;
      settings: LoopSettings;
      logger: Logger;
      /** Time off: owners away for the week, and holiday weeks, are not asked or reminded. */
      absences?: AbsenceLookup;
      /** Open priorities, listed in each owner's DM with their buttons. */
      priorities?: { listOpen(ownerIds: string[]): Promise<Priority[]> };
      /** Open to-dos, listed in each owner's DM with a Done button. */
      todos?: { listOpen(ownerIds: string[]): Promise<Todo[]> };
      /**
       * PostgreSQL: the fan-out is shared by every instance (each claims DMs from a queue the scheduler fills).
       * Without it (SQLite, one host) the scheduler's holder sends every DM itself.
       */
      shared?: SharedCheckins;
    },
  ) {}

  private get absences(): AbsenceLookup {
    return this.deps.absences ?? NOBODY_AWAY;
  }

  /** Scheduled: DMs every owner whose local check-in time has come, for the weeks that may be due. */
  async sendDue(now: Date): Promise<JobReport[]> {
    const owners = await this.deps.seats.activeOwners();
    if (owners.length === 0) return [];
    const weeks = checkinWeeksAround(now, this.deps.settings);
    // Owners share a handful of time zones: decide each zone once, not each owner.
    const dueByZone = new Map<string, boolean>();
    const isDue = (week: IsoWeek, tz: string) => {
      const key = `${week} ${tz}`;
      return dueByZone.get(key) ?? dueByZone.set(key, isCheckinDue(week, tz, now, this.deps.settings)).get(key)!;
    };
    const reports = new Map<IsoWeek, JobReport>();
    const sending: Promise<void>[] = [];
    // Zones arrive a users.list page at a time (Tier 2: a page every 3 s once its burst is spent); each
    // page's DMs go out while the next page is awaited, so the fan-out ends soon after the last page.
    for await (const zones of this.deps.directory.timeZoneBatches(owners, now)) {
      for (const week of weeks) {
        const due = [...zones].filter(([, tz]) => isDue(week, tz)).map(([owner]) => owner);
        if (due.length > 0) sending.push(this.sendFor(week, due, now).then((report) => addReport(reports, report)));
      }
    }
    await settleAll(sending);
    return [...reports.values()];
  }

  /** For start-up: a warning when the configured times cannot ask owners in every known zone at their own time. */
  async zoneWarning(now: Date): Promise<string | undefined> {
    const zones = await this.deps.directory.knownTimeZones(await this.deps.seats.activeOwners());
    return zonesNotServed(this.deps.settings, zones, weekOf(now, this.deps.settings.tz));
  }

  /** `/cadence run checkins`: every owner not yet asked for the last completed week, whatever the time. */
  async sendNow(now: Date): Promise<JobReport> {
    const week = lastCompletedWeek(now, this.deps.settings.tz);
    return this.sendFor(week, await this.deps.seats.activeOwners(), now);
  }

  // One limit for every batch in flight, so overlapping batches never exceed it together.
  private readonly fanOut = pLimit(FAN_OUT_CONCURRENCY);

  private async sendFor(week: IsoWeek, owners: string[], now: Date): Promise<JobReport> {
    const absence = await this.absences.forWeek(week);
    if (absence.holiday) return emptyReport(week, owners.length);
    const alreadySent = new Set((await this.deps.checkins.forWeek(week)).filter((row) => row.sentAt).map((row) => row.ownerId));
    const pending = owners.filter((owner) => !alreadySent.has(owner) && !absence.isAway(owner));
    const report = emptyReport(week, owners.length - pending.length);
    if (this.deps.shared) {
      await this.deps.shared.enqueue(week, pending);
      await this.sendClaimed(this.deps.shared, [week], now, report);
      return report;
    }
    // One read for everyone's seats and values instead of two per owner: the fan-out is bound by CPU per query.
    const models = await this.models(pending, week);
    await Promise.all(
      pending.map((owner) =>
        this.fanOut(async () => {
          const outcome = await this.sendOne(models.get(owner)!, now).catch((error: Error) => {
            this.deps.logger.error(`check-in for ${owner} ${week} failed: ${error.message}`);
            return "failed" as const;
          });
          report[outcome] += 1;
        }),
      ),
    );
    return report;
  }

  /**
   * PostgreSQL, on every instance's heartbeat: sends DMs the scheduler's holder recorded as due and no live
   * instance has claimed, including those a dead instance had claimed. Resolves with how many it sent.
   */
  async sendShared(now: Date): Promise<number> {
    if (!this.deps.shared) return 0;
    const report = emptyReport(lastCompletedWeek(now, this.deps.settings.tz));
    await this.sendClaimed(this.deps.shared, checkinWeeksAround(now, this.deps.settings), now, report);
    return report.sent;
  }

  /** Claims batches of the shared fan-out until none is left; a DM not sent is given back (dropped). */
  private async sendClaimed(shared: SharedCheckins, weeks: IsoWeek[], now: Date, report: JobReport): Promise<void> {
    for (let batch = await shared.claim(weeks, CLAIM_BATCH); batch.length > 0; batch = await shared.claim(weeks, CLAIM_BATCH)) {
      const models = new Map<string, CheckinModel>();
      for (const week of new Set(batch.map((row) => row.week))) {
        const owners = batch.filter((row) => row.week === week).map((row) => row.ownerId);
        for (const [ownerId, model] of await this.models(owners, week)) models.set(`${ownerId} ${week}`, model);
      }
      await Promise.all(
        batch.map(({ ownerId, week }) =>
          this.fanOut(async () => {
            const outcome = await this.sendOne(models.get(`${ownerId} ${week}`)!, now).catch((error: Error) => {
              this.deps.logger.error(`check-in for ${ownerId} ${week} failed: ${error.message}`);
              return "failed" as const;
            });
            report[outcome] += 1;
            if (outcome !== "sent") await shared.drop(ownerId, week);
          }),
        ),
      );
    }
  }

  private async sendOne(model: CheckinModel, now: Date): Promise<"sent" | "skipped" | "failed" | "abandoned"> {
    const { ownerId, week } = model;
    if (countKpis(model) === 0) return "skipped";
    const result = await this.deps.delivery.deliverOnce(`checkin:${ownerId}:${week}`, ownerId, buildCheckinMessage(model));
    if (result.status === "failed" || result.status === "abandoned") return result.status;
    if (result.status === "in-progress") return "skipped";
    await this.deps.checkins.markSent(ownerId, week, result.posted.channel, result.posted.ts, now, listedKpiIds(model));
    return result.status === "sent" ? "sent" : "skipped";
  }

  /** Scheduled: one reminder to owners who still miss numbers `REMIND_AFTER` after their DM. */
  async remindDue(now: Date): Promise<JobReport[]> {
    const reports: JobReport[] = [];
    for (const week of checkinWeeksAround(now, this.deps.settings)) {
      reports.push(await this.remindFor(week, now, (sentAt) => isReminderDue(week, sentAt, now, this.deps.settings)));
    }
    return reports;
  }

  /** `/cadence run reminders`: remind now everyone asked for the last completed week who has not answered. */
  async remindNow(now: Date): Promise<JobReport> {
    return this.remindFor(lastCompletedWeek(now, this.deps.settings.tz), now, () => true);
  }

  private async remindFor(week: IsoWeek, now: Date, isDue: (sentAt: Date) => boolean): Promise<JobReport> {
    const report = emptyReport(week);
    // Time off added after the DM went out still spares the owner the reminder.
    const absence = await this.absences.forWeek(week);
    const candidates = (await this.deps.checkins.forWeek(week)).filter(
      (row) => row.sentAt && row.messageTs && !row.remindedAt && !row.answeredAt && isDue(row.sentAt) && !absence.holiday && !absence.isAway(row.ownerId),
    );
    for (const checkin of candidates) {
      const model = await this.model(checkin.ownerId, week);
      if (isComplete(model)) {
        await this.deps.checkins.markAnswered(checkin.ownerId, week, now);
        report.skipped += 1;
        continue;
      }
      const message = { ...buildReminderMessage(model), threadTs: checkin.messageTs! };
      const result = await this.deps.delivery.deliverOnce(`reminder:${checkin.ownerId}:${week}`, checkin.channelId!, message);
      if (result.status === "failed" || result.status === "abandoned") report[result.status] += 1;
      else if (result.status === "in-progress") report.skipped += 1;
      else {
        await this.deps.checkins.markReminded(checkin.ownerId, week, now);
        report.sent += result.status === "sent" ? 1 : 0;
      }
    }
    return report;
  }

  /** Re-renders an owner's check-in DM after values arrive, and notes when every KPI has one. */
  async refreshMessage(ownerId: string, week: IsoWeek, now: Date): Promise<void> {
    await this.refreshMessages([ownerId], week, now);
  }

  /**
   * Several owners' check-in DMs for one week, read together (a refresh round after a burst of values), a slice
   * of owners at a time with a turn of the event loop between slices: the reads run synchronously in SQLite, and
   * fifty owners' seats and values at once would hold up the acks of requests arriving meanwhile. One owner's
   * failed update does not stop the others; the first failure is thrown once all were tried.
   */
  async refreshMessages(ownerIds: string[], week: IsoWeek, now: Date): Promise<void> {
    let failure: unknown;
    for (let start = 0; start < ownerIds.length; start += REFRESH_SLICE) {
      if (start > 0) await yieldToEventLoop();
      const checkins = (await this.deps.checkins.findForOwners(ownerIds.slice(start, start + REFRESH_SLICE), week)).filter(
        (checkin) => checkin.channelId && checkin.messageTs,
      );
      if (checkins.length === 0) continue;
      const models = await this.models(
        checkins.map((checkin) => checkin.ownerId),
        week,
      );
      // One at a time, as Slack paces chat.update.
      for (const checkin of checkins) {
        const model = models.get(checkin.ownerId)!;
        try {
          if (!checkin.answeredAt && isComplete(model)) await this.deps.checkins.markAnswered(checkin.ownerId, week, now);
          await this.deps.checkins.addListedKpis(checkin.ownerId, week, listedKpiIds(model));
          await this.deps.slack.updateMessage(checkin.channelId!, checkin.messageTs!, buildCheckinMessage(model));
        } catch (error) {
          failure ??= error;
        }
      }
    }
    if (failure) throw failure;
  }

  /** The owner's most recent check-in that reached them: the week a DM reply answers. */
  async latestWeekFor(ownerId: string): Promise<IsoWeek | undefined> {
    return (await this.deps.checkins.latestSent(ownerId))?.week;
  }

  /** The week of the check-in DM whose thread is `threadTs`; undefined for any other thread. */
  async weekOfThread(ownerId: string, threadTs: string): Promise<IsoWeek | undefined> {
    return (await this.deps.checkins.findByMessage(ownerId, threadTs))?.week;
  }

  async model(ownerId: string, week: IsoWeek): Promise<CheckinModel> {
    return (await this.models([ownerId], week)).get(ownerId)!;
  }

  /** Check-in models for several owners from two queries. */
  private async models(ownerIds: string[], week: IsoWeek): Promise<Map<string, CheckinModel>> {
    const wanted = new Set(ownerIds);
    // A paused or retired AI seat is not asked (SPEC: AI seats from pilot to production).
    const candidates = await this.deps.seats.seatsOwnedByAny(ownerIds, { working: true });
    const seats = candidates.filter((seat) => wanted.has(seat.ownerId) && seat.kpis.length > 0);
    const previousWeek = shiftWeek(week, -1);
    const entries = await this.deps.entries.forWeeks(
      seats.flatMap((seat) => seat.kpis.map((kpi) => kpi.id)),
      [week, previousWeek],
    );
    const models = new Map<string, CheckinModel>(ownerIds.map((ownerId) => [ownerId, { ownerId, week, seats: [], current: new Map(), previous: new Map() }]));
    const ownerOfKpi = new Map<number, string>();
    for (const seat of seats) {
      models.get(seat.ownerId)!.seats.push(seat);
      for (const kpi of seat.kpis) ownerOfKpi.set(kpi.id, seat.ownerId);
    }
    for (const entry of entries) {
      const model = models.get(ownerOfKpi.get(entry.kpiId)!)!;
      (entry.week === week ? model.current : model.previous).set(entry.kpiId, entry);
    }
    for (const priority of (await this.deps.priorities?.listOpen(ownerIds)) ?? []) {
      const model = models.get(priority.ownerId);
      if (model) model.priorities = [...(model.priorities ?? []), priority];
    }
    for (const todo of (await this.deps.todos?.listOpen(ownerIds)) ?? []) {
      const model = models.get(todo.ownerId);
      if (model) model.todos = [...(model.todos ?? []), todo];
    }
    return models;
  }
}

function listedKpiIds(model: CheckinModel): number[] {
  return model.seats.flatMap((seat) => seat.kpis.map((kpi) => kpi.id));
}

function addReport(reports: Map<IsoWeek, JobReport>, report: JobReport): void {
  const total = reports.get(report.week);
  if (!total) return void reports.set(report.week, report);
  total.sent += report.sent;
  total.skipped += report.skipped;
  total.failed += report.failed;
  total.abandoned += report.abandoned;
}

/** Waits for every batch, even when one fails, then reports the first failure. */
async function settleAll(work: Promise<void>[]): Promise<void> {
  const failure = (await Promise.allSettled(work)).find((result) => result.status === "rejected");
  if (failure) throw failure.reason;
}

function isComplete(model: CheckinModel): boolean {
  return model.seats.every((seat) => seat.kpis.every((kpi) => model.current.has(kpi.id)));
}

// Working issues: add, resolve, drop, assign, from a command or a button, with the channel post kept current.
import type { Logger } from "@slack/bolt";
import type { Issue, Kpi, Seat } from "../domain/model";
import { TREND_WEEKS, weeksOffTrack, seriesFor } from "../domain/trend";
import { trailingWeeks } from "../domain/week";
import type { EntryRepository } from "../repositories/entry-repository";
import type { IssueRepository } from "../repositories/issue-repository";
import type { SeatRepository } from "../repositories/seat-repository";
import { buildIssueMessage, type IssueView } from "../messages/issue-blocks";
import type { SlackApi } from "./ports/slack-api";
import { recordRefusal, type AuditTrail } from "./audit-trail";
import type { DeliveryService } from "./delivery-service";
import { done, refused, type Outcome } from "./outcome";
import type { UserDirectory } from "./user-directory";

export type IssueChangeListener = (issue: Issue) => Promise<void>;

export class IssueService {
  private readonly listeners: IssueChangeListener[] = [];

  constructor(
    private readonly deps: {
      issues: Pick<IssueRepository, "find" | "listOpen" | "createManual" | "close" | "assign" | "setMessage" | "unpostedOpen">;
      seats: Pick<SeatRepository, "listSeats" | "findKpi">;
      entries: Pick<EntryRepository, "forWeeks">;
      delivery: Pick<DeliveryService, "deliverOnce">;
      directory: Pick<UserDirectory, "checkPerson" | "isAdmin" | "isAdminFromCache">;
      slack: Pick<SlackApi, "updateMessage">;
      audit: AuditTrail;
      channel: string;
      logger: Logger;
    },
  ) {}

  /** Called after an issue changes state or assignee (the digest and home tabs refresh from here). */
  onChanged(listener: IssueChangeListener): void {
    this.listeners.push(listener);
  }

  async listOpen(): Promise<{ issue: Issue; kpi?: Kpi; seat?: Seat }[]> {
    const issues = await this.deps.issues.listOpen();
    // One read of the org chart rather than one query per issue.
    const seats = await this.deps.seats.listSeats({ includeArchived: true });
    const byKpi = new Map(seats.flatMap((seat) => seat.kpis.map((kpi) => [kpi.id, { kpi, seat }] as const)));
    return issues.map((issue) => ({ issue, ...(issue.kpiId === null ? {} : byKpi.get(issue.kpiId)) }));
  }

  /**
   * Opens an issue and posts it. Once the issue is stored the command has happened: a failed post is left to
   * the next tick (postPending), never thrown, so the answer cannot claim that nothing changed and a retry
   * cannot open a duplicate.
   */
  async add(title: string, actorId: string, now: Date, origin?: { source: "priority"; ownerId: string }): Promise<Outcome<Issue>> {
    const issue = await this.deps.issues.createManual({ title, openedBy: actorId, at: now, ...origin });
    const posted = await this.post(issue, now).catch((error: Error) => {
      this.deps.logger.warn(`posting #${issue.id} failed (it is posted on the next tick): ${error.message}`);
      return false;
    });
    if (!posted) return done(issue);
    return done((await this.deps.issues.find(issue.id).catch(() => undefined)) ?? issue);
  }

  async resolve(id: number, actorId: string, note: string | null, now: Date): Promise<Outcome<Issue>> {
    if (!note) return refused(`a resolution note is required: \`/issue resolve ${id} <what was done>\``);
    return this.close(id, actorId, "resolved", note, now);
  }

  async drop(id: number, actorId: string, note: string | null, now: Date): Promise<Outcome<Issue>> {
    return this.close(id, actorId, "dropped", note, now);
  }

  async assign(id: number, actorId: string, assigneeId: string, now: Date): Promise<Outcome<Issue>> {
    const issue = await this.workable(id, actorId, now, "issue.assign");
    if (!issue.ok) return issue;
    if (issue.value.assigneeId === assigneeId) return refused(`#${id} is already assigned to <@${assigneeId}>`);
    const person = await this.deps.directory.checkPerson(assigneeId, now);
    if (!person.ok) return refused(person.reason);
    const updated = await this.deps.issues.assign(id, { assigneeId, by: actorId, at: now });
    if (!updated) return refused(`#${id} was closed meanwhile`);
    await this.changed(updated, now);
    return done(updated);
  }

  /** Who may resolve, drop or assign: the issue's owner or assignee, the seat's owner, and admins. */
  async mayWork(issue: Issue, actorId: string, now: Date): Promise<boolean> {
    // A gate issue is a promotion decision: admins only, whatever surface (Promote / Not yet, /issue, the digest).
    if (issue.source === "gate") return this.deps.directory.isAdmin(actorId, now);
    return (await this.isInvolved(issue, actorId)) || this.deps.directory.isAdmin(actorId, now);
  }

  /** The same from Cadence's cache only (before a modal opens); undefined when the cache cannot tell. */
  async mayWorkFromCache(issue: Issue, actorId: string): Promise<boolean | undefined> {
    if (issue.source === "gate") return this.deps.directory.isAdminFromCache(actorId);
    return (await this.isInvolved(issue, actorId)) || this.deps.directory.isAdminFromCache(actorId);
  }

  private async isInvolved(issue: Issue, actorId: string): Promise<boolean> {
    if (actorId === issue.assigneeId) return true;
    // A KPI's issue belongs to whoever owns the seat now, not to the owner when it was opened.
    const { seat } = await this.kpiOf(issue);
    return seat ? seat.ownerId === actorId : actorId === issue.ownerId;
  }

  /** mayWork, with a refusal noted in the audit log: for someone about to act on the issue. */
  async permitWork(issue: Issue, actorId: string, now: Date, attempted: string): Promise<boolean> {
    if (await this.mayWork(issue, actorId, now)) return true;
    await this.noteRefusal(issue, actorId, now, attempted);
    return false;
  }

  /** Puts a refused attempt to work `issue` in the audit log (the button paths decide before a modal opens). */
  async noteRefusal(issue: Issue, actorId: string, now: Date, attempted: string): Promise<void> {
    await recordRefusal(this.deps.audit, this.deps.logger, {
      actor: actorId,
      attempted,
      entity: "issue",
      entityId: issue.id,
      reason: "not the issue's owner, assignee, seat owner or an admin",
      at: now,
    });
  }

  async find(id: number): Promise<Issue | undefined> {
    return this.deps.issues.find(id);
  }

  /** After a seat changes hands: the re-owned issues' posts and everyone's views show the new owner. */
  async reowned(issueIds: number[], now: Date): Promise<void> {
    for (const id of issueIds) {
      const issue = await this.deps.issues.find(id);
      if (issue) await this.changed(issue, now);
    }
  }

  /**
   * Posts an issue in the cadence channel once, and remembers where: "not-yet" when a later run will try again,
   * "abandoned" when Slack refused it for good (the channel needs an admin's fix).
   */
  async post(issue: Issue, now: Date): Promise<"posted" | "not-yet" | "abandoned"> {
    const result = await this.deps.delivery.deliverOnce(`issue:${issue.id}`, this.deps.channel, buildIssueMessage(await this.view(issue, now)));
    if (result.status === "abandoned") return "abandoned";
    if (result.status === "failed" || result.status === "in-progress") return "not-yet";
    await this.deps.issues.setMessage(issue.id, result.posted.channel, result.posted.ts);
    return "posted";
  }

  /** Posts issues added by hand that could not be posted when they were added; runs on every tick. */
  async postPending(now: Date): Promise<void> {
    for (const issue of await this.deps.issues.unpostedOpen()) await this.post(issue, now);
  }

  /** Re-renders an issue's channel post in place (after a state change, or a drift issue's new week). */
  async refreshPost(issue: Issue, now: Date): Promise<void> {
    if (!issue.channelId || !issue.messageTs) return;
    await this.deps.slack.updateMessage(issue.channelId, issue.messageTs, buildIssueMessage(await this.view(issue, now)));
  }

  async view(issue: Issue, now: Date): Promise<IssueView> {
    const { kpi, seat } = await this.kpiOf(issue);
    if (!kpi) return { issue, now };
    const lastWeek = issue.weeks.at(-1) ?? issue.week!;
    const weeks = trailingWeeks(lastWeek, TREND_WEEKS);
    const entries = await this.deps.entries.forWeeks([kpi.id], weeks);
    const byWeek = new Map(entries.map((entry) => [entry.week, entry.value]));
    return {
      issue,
      kpi,
      seat,
      series: { weeks, values: seriesFor(weeks, byWeek) },
      weeksOff: weeksOffTrack(kpi.goal, byWeek, lastWeek, TREND_WEEKS),
      value: byWeek.get(lastWeek) ?? null,
      now,
    };
  }

  private async close(id: number, actorId: string, state: "resolved" | "dropped", note: string | null, now: Date): Promise<Outcome<Issue>> {
    const issue = await this.workable(id, actorId, now, state === "resolved" ? "issue.resolve" : "issue.drop");
    if (!issue.ok) return issue;
    const updated = await this.deps.issues.close(id, { state, by: actorId, note, at: now });
    if (!updated) return refused(`#${id} was closed meanwhile`);
    await this.changed(updated, now);
    return done(updated);
  }

  private async workable(id: number, actorId: string, now: Date, attempted: string): Promise<Outcome<Issue>> {
    const issue = await this.deps.issues.find(id);
    if (!issue) return refused(`there is no issue #${id}; \`/issue list\` shows the open ones`);
    if (issue.state !== "open") return refused(`#${id} is already ${issue.state}`);
    if (!(await this.permitWork(issue, actorId, now, attempted))) {
      return refused(`only the issue's owner (<@${issue.ownerId}>), its assignee, the seat's owner or a Cadence admin can change #${id}`);
    }
    return done(issue);
  }

  /** Re-renders an issue's post as it is now (the refresh after a change, which may come a little later). */
  async refreshPostOf(id: number, now: Date): Promise<void> {
    const issue = await this.deps.issues.find(id);
    if (issue) await this.refreshPost(issue, now);
  }

  // The post, digest and home tabs follow from the listeners (RefreshService), after the request is answered.
  private async changed(issue: Issue, _now: Date): Promise<void> {
    for (const listener of this.listeners) await listener(issue).catch((error: Error) => this.deps.logger.warn(`after #${issue.id} changed: ${error.message}`));
  }

  private async kpiOf(issue: Issue): Promise<{ kpi?: Kpi; seat?: Seat }> {
    if (issue.kpiId === null) return {};
    return (await this.deps.seats.findKpi(issue.kpiId)) ?? {};
  }
}

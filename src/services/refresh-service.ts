// Brings what Slack shows up to date after a change: an owner's check-in DM, home tabs, an issue's post and the
// digest. It runs after the request that caused the change has been acknowledged (Slack's 3 s never waits on
// Slack's own latency or 429s), and it coalesces: changes that arrive while a refresh runs are folded into the
// next round, so a burst of 34 issue changes refreshes the digest once or twice, not 34 times. An agent pushing
// through the API may send many values a minute: its owner's DM and home are refreshed at once for the first,
// then at most once per AGENT_REFRESH_INTERVAL_MS, with whatever arrived meanwhile.
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import type { Logger } from "@slack/bolt";
import { peopleInvolvedIn } from "../domain/issue-involvement";
import type { Issue } from "../domain/model";
import type { IsoWeek } from "../domain/week";
import type { CheckinService } from "./checkin-service";
import type { DigestService } from "./digest-service";
import type { RecordedValues } from "./entry-service";
import type { HomeService } from "./home-service";
import type { IssueService } from "./issue-service";

export const AGENT_REFRESH_INTERVAL_MS = 5_000;

export interface RefreshTargets {
  /** The check-in DMs of these owners for the week. */
  checkinMessages(ownerIds: string[], week: IsoWeek, now: Date): Promise<void>;
  home(userId: string, now: Date): Promise<void>;
  issuePost(issueId: number, now: Date): Promise<void>;
  digest(now: Date): Promise<void>;
}

/** The targets as Cadence's services render them. */
export function refreshTargets(services: { checkins: CheckinService; home: HomeService; issues: IssueService; digest: DigestService }): RefreshTargets {
  return {
    checkinMessages: (ownerIds, week, now) => services.checkins.refreshMessages(ownerIds, week, now),
    home: (userId, now) => services.home.refresh(userId, now),
    issuePost: (issueId, now) => services.issues.refreshPostOf(issueId, now),
    digest: (now) => services.digest.refresh(now),
  };
}

interface Pending {
  checkins: Map<string, { ownerId: string; week: IsoWeek }>;
  homes: Set<string>;
  issues: Set<number>;
  digest: boolean;
}

function nothingPending(): Pending {
  return { checkins: new Map(), homes: new Set(), issues: new Set(), digest: false };
}

export class RefreshService {
  private pending = nothingPending();
  private running: Promise<void> | undefined;
  /** Agents' values held back until the timer, and when each owner's week was last refreshed for an agent. */
  private heldBack = nothingPending();
  private heldBackTimer: NodeJS.Timeout | undefined;
  private readonly agentRefreshedAt = new Map<string, number>();

  constructor(
    private readonly deps: {
      targets: RefreshTargets;
      clock: () => Date;
      logger: Logger;
      /** Real time in ms (the interval is about load, not the weekly clock). */
      monotonicNow?: () => number;
      agentIntervalMs?: number;
    },
  ) {}

  /** Values were stored: the owners' check-in DMs and home tabs show them. */
  entriesRecorded(recorded: Pick<RecordedValues, "week" | "owners"> & Partial<Pick<RecordedValues, "entries">>): void {
    const fromAgent = recorded.entries !== undefined && recorded.entries.length > 0 && recorded.entries.every((item) => item.entry.source === "agent");
    for (const ownerId of recorded.owners) {
      const key = `${ownerId} ${recorded.week}`;
      const target = fromAgent && this.refreshedForAgentLately(key) ? this.heldBack : this.pending;
      target.checkins.set(key, { ownerId, week: recorded.week });
      target.homes.add(ownerId);
    }
    if (hasWork(this.heldBack)) this.heldBackTimer ??= setTimeout(() => this.releaseHeldBack(), this.agentIntervalMs).unref();
    if (hasWork(this.pending)) this.start();
  }

  /** An issue changed state or assignee: its post, the digest and the home tabs of those involved. */
  issueChanged(issue: Pick<Issue, "id" | "ownerId" | "assigneeId" | "closedBy">): void {
    this.pending.issues.add(issue.id);
    this.pending.digest = true;
    for (const user of peopleInvolvedIn(issue)) this.pending.homes.add(user);
    this.start();
  }

  /** Something only home tabs show changed (a priority, a to-do): those users' home tabs show it. */
  homesChanged(userIds: readonly string[]): void {
    for (const userId of userIds) this.pending.homes.add(userId);
    this.start();
  }

  /** Resolves once nothing is pending or running (tests, and stopping); what was held back runs now. */
  async idle(): Promise<void> {
    if (this.heldBackTimer) this.releaseHeldBack();
    while (this.running) await this.running;
  }

  private monotonicNow(): number {
    return this.deps.monotonicNow ? this.deps.monotonicNow() : performance.now();
  }

  private get agentIntervalMs(): number {
    return this.deps.agentIntervalMs ?? AGENT_REFRESH_INTERVAL_MS;
  }

  /** Whether the owner's week was refreshed for an agent within the interval; if not, it counts as refreshed now. */
  private refreshedForAgentLately(key: string): boolean {
    const now = this.monotonicNow();
    const last = this.agentRefreshedAt.get(key);
    if (last !== undefined && now - last < this.agentIntervalMs) return true;
    this.agentRefreshedAt.set(key, now);
    return false;
  }

  private releaseHeldBack(): void {
    clearTimeout(this.heldBackTimer);
    this.heldBackTimer = undefined;
    const now = this.monotonicNow();
    for (const [key, at] of this.agentRefreshedAt) if (now - at >= this.agentIntervalMs) this.agentRefreshedAt.delete(key);
    for (const key of this.heldBack.checkins.keys()) this.agentRefreshedAt.set(key, now);
    for (const [key, checkin] of this.heldBack.checkins) this.pending.checkins.set(key, checkin);
    for (const userId of this.heldBack.homes) this.pending.homes.add(userId);
    this.heldBack = nothingPending();
    this.start();
  }

  private start(): void {
    this.running ??= this.drain().finally(() => {
      this.running = undefined;
    });
  }

  private async drain(): Promise<void> {
    // Let the request that queued this finish its ack first, and let its siblings in the same burst join.
    await yieldToEventLoop();
    while (hasWork(this.pending)) {
      const round = this.pending;
      this.pending = nothingPending();
      await this.run(round);
    }
  }

  private async run(round: Pending): Promise<void> {
    const { targets, clock } = this.deps;
    const ownersByWeek = new Map<IsoWeek, string[]>();
    for (const { ownerId, week } of round.checkins.values()) ownersByWeek.set(week, [...(ownersByWeek.get(week) ?? []), ownerId]);
    // A round's DMs of one week are read together: a burst of agents' values costs a few queries, not a few per owner.
    for (const [week, ownerIds] of ownersByWeek) await this.attempt("a check-in DM", () => targets.checkinMessages(ownerIds, week, clock()));
    for (const issueId of round.issues) await this.attempt(`the post of #${issueId}`, () => targets.issuePost(issueId, clock()));
    if (round.digest) await this.attempt("the digest", () => targets.digest(clock()));
    for (const userId of round.homes) await this.attempt("a home tab", () => targets.home(userId, clock()));
  }

  private async attempt(what: string, work: () => Promise<void>): Promise<void> {
    await work().catch((error: Error) => this.deps.logger.warn(`refreshing ${what} failed: ${error.message}`));
  }
}

function hasWork(pending: Pending): boolean {
  return pending.digest || pending.checkins.size > 0 || pending.homes.size > 0 || pending.issues.size > 0;
}

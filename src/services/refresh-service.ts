// Brings what Slack shows up to date after a change: an owner's check-in DM, home tabs, an issue's post and the
// digest. It runs after the request that caused the change has been acknowledged (Slack's 3 s never waits on
// Slack's own latency or 429s), and it coalesces: changes that arrive while a refresh runs are folded into the
// next round, so a burst of 34 issue changes refreshes the digest once or twice, not 34 times.
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

export interface RefreshTargets {
  checkinMessage(ownerId: string, week: IsoWeek, now: Date): Promise<void>;
  home(userId: string, now: Date): Promise<void>;
  issuePost(issueId: number, now: Date): Promise<void>;
  digest(now: Date): Promise<void>;
}

/** The targets as Cadence's services render them. */
export function refreshTargets(services: { checkins: CheckinService; home: HomeService; issues: IssueService; digest: DigestService }): RefreshTargets {
  return {
    checkinMessage: (ownerId, week, now) => services.checkins.refreshMessage(ownerId, week, now),
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

  constructor(private readonly deps: { targets: RefreshTargets; clock: () => Date; logger: Logger }) {}

  /** Values were stored: the owners' check-in DMs and home tabs show them. */
  entriesRecorded(recorded: Pick<RecordedValues, "week" | "owners">): void {
    for (const ownerId of recorded.owners) {
      this.pending.checkins.set(`${ownerId} ${recorded.week}`, { ownerId, week: recorded.week });
      this.pending.homes.add(ownerId);
    }
    this.start();
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

  /** Resolves once nothing is pending or running (tests, and stopping). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
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
    for (const { ownerId, week } of round.checkins.values()) await this.attempt("the check-in DM", () => targets.checkinMessage(ownerId, week, clock()));
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

// After `/cadence seat owner`: what Slack shows of the seat's open issues follows the new owner (their posts,
// the digest, and the home tabs of both owners), so the old owner is no longer offered buttons that refuse them.
import type { Logger } from "@slack/bolt";
import type { HomeService } from "./home-service";
import type { IssueService } from "./issue-service";
import type { HandOverFollowUp } from "./setup-service";

export class SeatHandOver implements HandOverFollowUp {
  constructor(private readonly deps: { issues: Pick<IssueService, "reowned">; home: Pick<HomeService, "refresh">; logger: Logger }) {}

  async seatHandedOver(change: { previousOwner: string; newOwner: string; reownedIssueIds: number[] }, now: Date): Promise<void> {
    // The change is committed; a Slack failure here leaves stale views, not a wrong answer.
    await this.deps.issues
      .reowned(change.reownedIssueIds, now)
      .catch((error: Error) => this.deps.logger.warn(`updating handed-over issues failed: ${error.message}`));
    for (const user of [change.previousOwner, change.newOwner]) {
      await this.deps.home.refresh(user, now).catch((error: Error) => this.deps.logger.warn(`refreshing the home tab of ${user} failed: ${error.message}`));
    }
  }
}

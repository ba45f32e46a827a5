// Posts each Cadence message exactly once, whatever retries, concurrent runs, crashes and restarts happen.
//
// A message has a key (`checkin:U1:2026-W47`). Before posting, a database row claims the key; after Slack
// answers, the row records the ts. Another run that finds the claim leaves it alone while its holder lives.
// If the holder died between claim and record, or Slack's answer was lost (a 5xx, a reset, a time-out), Slack
// may or may not have the message: the message carries the key in its metadata, so the next attempt looks for
// it in the channel, every page since the first claim, before posting again. Failed attempts wait longer each
// time; an error no retry can fix (not_in_channel, …) ends the delivery as "abandoned", shown to admins.
import type { Logger } from "@slack/bolt";
import { fixFor, isPermanentSlackError, retryDelayMs } from "../domain/delivery-failures";
import type { DeliveryRow, DeliveryStore } from "../repositories/delivery-repository";
import { slackErrorCode, type MessagePage, type PostedMessage, type SlackApi, type SlackMessage } from "./ports/slack-api";

export const DELIVERY_EVENT_TYPE = "cadence_delivery";
// Look a little before the first claim for the lost message: clocks and Slack's ts are not perfectly aligned.
const RECOVERY_LOOKBACK_S = 300;

export type DeliveryResult =
  | { status: "sent" | "already-sent" | "recovered"; posted: PostedMessage }
  | { status: "in-progress" }
  /** Not posted yet; a later run tries again once the backoff has passed. */
  | { status: "failed"; error: string }
  /** Failed for good (the Slack error code in `error`); an admin must fix the cause (see /cadence status). */
  | { status: "abandoned"; error: string };

export interface DeliveryDeps {
  deliveries: DeliveryStore;
  slack: Pick<SlackApi, "postMessage" | "openDm" | "historyPage" | "repliesPage">;
  registry: { readonly id: string; isAlive(instanceId: string): Promise<boolean> };
  logger: Pick<Logger, "info" | "warn" | "error">;
  /**
   * The job clock, for when a failed delivery is due again (tests and the demo move it). Claim times are
   * compared with Slack's ts when searching, so they always use the real clock.
   */
  clock?: () => Date;
}

export class DeliveryService {
  private readonly inFlight = new Set<string>();
  private readonly clock: () => Date;

  constructor(private readonly deps: DeliveryDeps) {
    this.clock = deps.clock ?? (() => new Date());
  }

  async deliverOnce(key: string, channel: string, message: SlackMessage): Promise<DeliveryResult> {
    // Two runs inside this process (a tick and a command) share the claim; only one of them posts.
    if (this.inFlight.has(key)) return { status: "in-progress" };
    this.inFlight.add(key);
    try {
      return await this.claimAndPost(key, channel, message);
    } finally {
      this.inFlight.delete(key);
    }
  }

  private async claimAndPost(key: string, channel: string, message: SlackMessage): Promise<DeliveryResult> {
    const { deliveries, registry } = this.deps;
    if (await deliveries.claim(key, channel, registry.id, new Date())) {
      return this.whileClaimed(key, 1, () => this.post({ key, channel, attempts: 1 }, message));
    }
    const existing = await deliveries.find(key);
    if (!existing) return { status: "in-progress" };
    if (existing.state === "sent") return { status: "already-sent", posted: { channel: existing.postedIn ?? channel, ts: existing.ts ?? "" } };
    if (existing.state === "abandoned") return { status: "abandoned", error: existing.lastError ?? "unknown" };
    if (existing.state === "failed" && existing.nextAttemptAt && existing.nextAttemptAt > this.clock()) {
      return { status: "failed", error: `waiting until ${existing.nextAttemptAt.toISOString()} to try again (${existing.lastError ?? "unknown"})` };
    }
    if (existing.state === "claimed" && !(await this.isOrphaned(existing))) return { status: "in-progress" };
    if (!(await deliveries.reclaim(key, existing, registry.id, new Date()))) return { status: "in-progress" };
    const attempts = existing.attempts + 1;
    return this.whileClaimed(key, attempts, () => this.recover({ ...existing, attempts }, message));
  }

  /** A claim whose holder died, or one of this process's own that no run here is working on (a leak). */
  private async isOrphaned(claim: DeliveryRow): Promise<boolean> {
    if (claim.claimedBy === this.deps.registry.id) return true; // deliverOnce checked inFlight before
    return !(await this.deps.registry.isAlive(claim.claimedBy));
  }

  /**
   * Runs `work` while holding the claim on `key`. If it throws before recording an outcome (the database
   * failing after the post, a bug), the claim is released as a failure in `finally`, so a later run searches
   * and retries instead of waiting for this process to restart.
   */
  private async whileClaimed(key: string, attempts: number, work: () => Promise<DeliveryResult>): Promise<DeliveryResult> {
    let recorded = false;
    try {
      const result = await work();
      recorded = true;
      return result;
    } finally {
      if (!recorded) {
        await this.deps.deliveries
          .releaseClaim(key, this.deps.registry.id, "interrupted before the outcome was recorded", this.retryAt(attempts))
          .catch((error: Error) => this.deps.logger.error(`could not release the claim on ${key}: ${error.message}`));
      }
    }
  }

  /**
   * An earlier attempt failed or its instance died: Slack may have the message even so (a 5xx or a time-out
   * after Slack accepted it), so look for it before posting.
   */
  private async recover(claim: DeliveryRow, message: SlackMessage): Promise<DeliveryResult> {
    let found: PostedMessage | undefined;
    try {
      found = await this.findPosted(claim, message.threadTs);
    } catch (error) {
      // Better a late message than a duplicate: without the search, do not post.
      return this.recordFailure(claim, error, "searching Slack for an earlier copy of");
    }
    if (found) {
      await this.deps.deliveries.markSent(claim.key, found.channel, found.ts, new Date());
      this.deps.logger.info(`found ${claim.key} already in Slack; not posting it again`);
      return { status: "recovered", posted: found };
    }
    return this.post(claim, message);
  }

  /** Every page of the channel since the first claim (or of the thread), until the key turns up. */
  private async findPosted(claim: DeliveryRow, threadTs: string | undefined): Promise<PostedMessage | undefined> {
    const { slack } = this.deps;
    // A DM is addressed to a user id (U…, or W… on Enterprise Grid); its history is under the DM's channel id.
    const channel = /^[UW]/.test(claim.channel) ? await slack.openDm(claim.channel) : claim.channel;
    const oldest = Math.floor(claim.firstClaimedAt.getTime() / 1000) - RECOVERY_LOOKBACK_S;
    let cursor: string | undefined;
    do {
      const page: MessagePage = threadTs ? await slack.repliesPage(channel, threadTs, cursor) : await slack.historyPage(channel, oldest, cursor);
      const match = page.messages.find(
        (candidate) => candidate.metadata?.event_type === DELIVERY_EVENT_TYPE && candidate.metadata.event_payload?.key === claim.key,
      );
      if (match) return { channel, ts: match.ts };
      cursor = page.nextCursor;
    } while (cursor);
    return undefined;
  }

  private async post(claim: { key: string; channel: string; attempts: number }, message: SlackMessage): Promise<DeliveryResult> {
    let posted: PostedMessage;
    try {
      posted = await this.deps.slack.postMessage(claim.channel, {
        ...message,
        metadata: { event_type: DELIVERY_EVENT_TYPE, event_payload: { key: claim.key, ...message.metadata?.event_payload } },
      });
    } catch (error) {
      return this.recordFailure(claim, error, "posting");
    }
    await this.deps.deliveries.markSent(claim.key, posted.channel, posted.ts, new Date());
    return { status: "sent", posted };
  }

  /** A permanent Slack error gives the delivery up for good; anything else is tried again after a backoff. */
  private async recordFailure(claim: { key: string; channel: string; attempts: number }, error: unknown, doing: string): Promise<DeliveryResult> {
    const code = slackErrorCode(error);
    if (isPermanentSlackError(code)) {
      await this.deps.deliveries.markAbandoned(claim.key, code);
      this.deps.logger.error(
        `${doing} ${claim.key} failed for good: Slack answered ${code}. To fix: ${fixFor(code, claim.channel)}. Cadence will not retry it; \`/cadence status\` lists it.`,
      );
      return { status: "abandoned", error: code };
    }
    const reason = error instanceof Error ? error.message : String(error);
    const retryAt = this.retryAt(claim.attempts);
    await this.deps.deliveries.markFailed(claim.key, reason, retryAt);
    this.deps.logger.warn(`${doing} ${claim.key} failed (attempt ${claim.attempts}): ${reason}; trying again after ${retryAt.toISOString()}`);
    return { status: "failed", error: reason };
  }

  private retryAt(attempts: number): Date {
    return new Date(this.clock().getTime() + retryDelayMs(attempts));
  }
}

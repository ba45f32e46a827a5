// Posts each Cadence message exactly once, whatever retries, concurrent runs, crashes and restarts happen.
//
// A message has a key (`checkin:U1:2026-W47`). Before posting, a database row claims the key; after Slack
// answers, the row records the ts. Another run that finds the claim leaves it alone while its holder lives.
// If the holder died between claim and record, Slack may or may not have the message: the message carries the
// key in its metadata, so the recovering instance looks for it in the channel before posting again.
import type { Logger } from "@slack/bolt";
import type { DeliveryRepository, DeliveryRow } from "../repositories/delivery-repository";
import type { PostedMessage, SlackApi, SlackMessage } from "../slack/slack-api";
import type { InstanceRegistry } from "./instance-registry";

export const DELIVERY_EVENT_TYPE = "cadence_delivery";
// Look a little before the claim for the lost message: clocks and Slack's ts are not perfectly aligned.
const RECOVERY_LOOKBACK_S = 300;

export type DeliveryResult =
  | { status: "sent" | "already-sent" | "recovered"; posted: PostedMessage }
  | { status: "in-progress" }
  | { status: "failed"; error: string };

export class DeliveryService {
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly deps: { deliveries: DeliveryRepository; slack: SlackApi; registry: InstanceRegistry; logger: Logger },
  ) {}

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
    if (await deliveries.claim(key, channel, registry.id, new Date())) return this.post(key, channel, message);
    const existing = await deliveries.find(key);
    if (!existing) return { status: "in-progress" };
    if (existing.state === "sent") return { status: "already-sent", posted: { channel: existing.postedIn ?? channel, ts: existing.ts ?? "" } };
    const takeOver = existing.state === "failed" || (existing.claimedBy !== registry.id && !(await registry.isAlive(existing.claimedBy)));
    if (!takeOver) return { status: "in-progress" };
    if (!(await deliveries.reclaim(key, existing, registry.id, new Date()))) return { status: "in-progress" };
    return this.recover(existing, message);
  }

  /**
   * An earlier attempt failed or its instance died: Slack may have the message even so (a timeout after Slack
   * accepted it), so look for it before posting.
   */
  private async recover(claim: DeliveryRow, message: SlackMessage): Promise<DeliveryResult> {
    const found = await this.findPosted(claim, message.threadTs).catch((error: Error) => {
      this.deps.logger.warn(`could not search Slack for ${claim.key}: ${error.message}`);
      return "unknown" as const;
    });
    if (found === "unknown") {
      // Better a late message than a duplicate: leave it failed for a later tick to search again.
      await this.deps.deliveries.markFailed(claim.key, "could not check Slack for an earlier copy");
      return { status: "failed", error: "could not check Slack for an earlier copy" };
    }
    if (found) {
      await this.deps.deliveries.markSent(claim.key, found.channel, found.ts, new Date());
      this.deps.logger.info(`found ${claim.key} already in Slack; not posting it again`);
      return { status: "recovered", posted: found };
    }
    return this.post(claim.key, claim.channel, message);
  }

  private async findPosted(claim: DeliveryRow, threadTs: string | undefined): Promise<PostedMessage | undefined> {
    // A DM is addressed to a user id (U…, or W… on Enterprise Grid); its history is under the DM's channel id.
    const channel = /^[UW]/.test(claim.channel) ? await this.deps.slack.openDm(claim.channel) : claim.channel;
    const oldest = Math.floor(claim.claimedAt.getTime() / 1000) - RECOVERY_LOOKBACK_S;
    const messages = threadTs ? await this.deps.slack.replies(channel, threadTs) : await this.deps.slack.history(channel, oldest);
    const match = messages.find(
      (candidate) => candidate.metadata?.event_type === DELIVERY_EVENT_TYPE && candidate.metadata.event_payload?.key === claim.key,
    );
    return match ? { channel, ts: match.ts } : undefined;
  }

  private async post(key: string, channel: string, message: SlackMessage): Promise<DeliveryResult> {
    try {
      const posted = await this.deps.slack.postMessage(channel, {
        ...message,
        metadata: { event_type: DELIVERY_EVENT_TYPE, event_payload: { key, ...message.metadata?.event_payload } },
      });
      await this.deps.deliveries.markSent(key, posted.channel, posted.ts, new Date());
      return { status: "sent", posted };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.deps.logger.warn(`posting ${key} failed: ${reason}; a later run will retry`);
      await this.deps.deliveries.markFailed(key, reason);
      return { status: "failed", error: reason };
    }
  }
}

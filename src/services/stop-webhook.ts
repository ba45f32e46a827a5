// The stop held by a human: an AI seat's webhook is POSTed each pause, retirement and resumption, signed with
// the seat's secret, and retried with backoff for a day (a delivery row per change, driven by the tick).
import { randomBytes } from "node:crypto";
import type { Logger } from "@slack/bolt";
import { signStopWebhook, stopWebhookBackoffMs, STOP_WEBHOOK_RETRY_MS } from "../domain/stop-webhook";
import type { Seat } from "../domain/model";
import type { WebhookDelivery, WebhookRepository } from "../repositories/webhook-repository";
import type { StatusSection } from "../messages/status-blocks";
import { done, type Outcome } from "./outcome";
import type { StageService } from "./stage-service";

/** How long one POST may take before it counts as failed (and how long a claim holds). */
const ATTEMPT_TIMEOUT_MS = 10_000;
const CLAIM_MS = 60_000;

export type PostWebhook = (url: string, headers: Record<string, string>, body: string) => Promise<{ status: number }>;

export const postWithFetch: PostWebhook = async (url, headers, body) => {
  const answer = await fetch(url, { method: "POST", headers, body, signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS), redirect: "manual" });
  await answer.body?.cancel();
  return { status: answer.status };
};

export class StopWebhook {
  private delivering: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly deps: { webhooks: WebhookRepository; stages: Pick<StageService, "aiSeat">; post: PostWebhook; clock: () => Date; logger: Logger },
  ) {}

  /** Sets the seat's webhook with a new secret, returned to be shown once. */
  async setWebhook(seatName: string, url: string, actor: string, now: Date): Promise<Outcome<{ seat: Seat; secret: string }>> {
    const seat = await this.deps.stages.aiSeat(seatName);
    if (!seat.ok) return seat;
    const secret = `whsec_${randomBytes(24).toString("hex")}`;
    await this.deps.webhooks.setWebhook(seat.value.id, url, secret, actor, now);
    return done({ seat: seat.value, secret });
  }

  /** After a stage change is answered: the stop should not wait for the next tick. */
  soon(): void {
    this.delivering = this.delivering
      .then(() => this.deliverDue(this.deps.clock()))
      .catch((error: Error) => this.deps.logger.warn(`stop webhook: ${error.message}`));
  }

  async idle(): Promise<void> {
    await this.delivering;
  }

  /** Each tick: every due delivery gets one attempt. */
  async deliverDue(now: Date): Promise<number> {
    let sent = 0;
    for (const delivery of await this.deps.webhooks.due(now)) {
      if (!(await this.deps.webhooks.claim(delivery, new Date(now.getTime() + CLAIM_MS)))) continue;
      if (await this.attempt(delivery, now)) sent += 1;
    }
    return sent;
  }

  private async attempt(delivery: WebhookDelivery, now: Date): Promise<boolean> {
    const attempts = delivery.attempts + 1;
    const secret = await this.deps.webhooks.secretOf(delivery.seatId);
    const timestamp = Math.floor(now.getTime() / 1000);
    const headers = {
      "Content-Type": "application/json",
      "X-Cadence-Timestamp": String(timestamp),
      "X-Cadence-Signature": signStopWebhook(secret ?? "", timestamp, delivery.body),
    };
    const error = await this.deps.post(delivery.url, headers, delivery.body).then(
      (answer) => (answer.status >= 200 && answer.status < 300 ? null : `HTTP ${answer.status}`),
      (failure: Error) => failure.message,
    );
    if (error === null) {
      await this.deps.webhooks.recordAttempt(delivery.id, { state: "sent", attempts, nextAttemptAt: now, error: null, at: now });
      return true;
    }
    const next = new Date(now.getTime() + stopWebhookBackoffMs(attempts));
    const givingUp = next.getTime() - delivery.createdAt.getTime() > STOP_WEBHOOK_RETRY_MS;
    await this.deps.webhooks.recordAttempt(delivery.id, { state: givingUp ? "failed" : "pending", attempts, nextAttemptAt: next, error, at: now });
    this.deps.logger.warn(`stop webhook for seat ${delivery.seatId}, attempt ${attempts}: ${error}${givingUp ? " (given up after 24 h)" : ""}`);
    return false;
  }

  /** For `/cadence status` and admins' home: deliveries failing or given up. */
  async failedSection(): Promise<StatusSection> {
    const rows = await this.deps.webhooks.failing();
    return {
      title: "Stop webhooks not delivered",
      whenEmpty: "None: every pause, retirement and resumption reached its agent's webhook.",
      items: rows.map((row) => ({
        text: `"${row.seatName}" → ${row.url}: ${row.lastError} after ${row.attempts} attempt${row.attempts === 1 ? "" : "s"}${row.state === "failed" ? " (given up)" : ", retrying"}`,
        fix: "check that the agent's receiver is up and verifies the signature with the secret shown when the webhook was set",
      })),
    };
  }
}

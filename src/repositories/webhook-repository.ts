// The stop webhook's address and secret per AI seat, and its deliveries: each attempt audited.
import type { Database } from "../db/database";
import { writeAudit } from "./audit";
import { transaction } from "./transaction";
import { seatDataTransaction } from "./seat-data-cache";

export interface WebhookDelivery {
  id: number;
  seatId: number;
  url: string;
  body: string;
  state: string;
  attempts: number;
  nextAttemptAt: Date;
  createdAt: Date;
  lastError: string | null;
}

export class WebhookRepository {
  constructor(private readonly db: Database) {}

  /** The secret is stored for signing and shown once; the audit log notes only that it changed. */
  async setWebhook(seatId: number, url: string, secret: string, actor: string, at: Date): Promise<void> {
    await seatDataTransaction(this.db, async (tx) => {
      const before = await tx.seat.findUniqueOrThrow({ where: { id: seatId }, select: { webhookUrl: true } });
      await tx.seat.update({ where: { id: seatId }, data: { webhookUrl: url, webhookSecret: secret } });
      await writeAudit(tx, {
        actor,
        action: "seat.webhook",
        entity: "seat",
        entityId: seatId,
        before: { url: before.webhookUrl },
        after: { url, secret: "new" },
        at,
      });
    });
  }

  async secretOf(seatId: number): Promise<string | undefined> {
    return (await this.db.seat.findUnique({ where: { id: seatId }, select: { webhookSecret: true } }))?.webhookSecret ?? undefined;
  }

  async due(now: Date): Promise<WebhookDelivery[]> {
    return this.db.webhookDelivery.findMany({ where: { state: "pending", nextAttemptAt: { lte: now } }, orderBy: { id: "asc" }, take: 50 });
  }

  /**
   * Claims a due delivery by moving its next attempt past the time an attempt may take: a second caller (or
   * instance) finds it not due; a crashed attempt is due again after the lease.
   */
  async claim(delivery: WebhookDelivery, leaseUntil: Date): Promise<boolean> {
    const claimed = await this.db.webhookDelivery.updateMany({
      where: { id: delivery.id, state: "pending", nextAttemptAt: delivery.nextAttemptAt },
      data: { nextAttemptAt: leaseUntil },
    });
    return claimed.count === 1;
  }

  async recordAttempt(
    id: number,
    outcome: { state: "sent" | "pending" | "failed"; attempts: number; nextAttemptAt: Date; error: string | null; at: Date },
  ): Promise<void> {
    await transaction(this.db, async (tx) => {
      await tx.webhookDelivery.update({
        where: { id },
        data: {
          state: outcome.state,
          attempts: outcome.attempts,
          nextAttemptAt: outcome.nextAttemptAt,
          lastError: outcome.error,
          sentAt: outcome.state === "sent" ? outcome.at : null,
        },
      });
      await writeAudit(tx, {
        actor: "cadence",
        action: "webhook.attempt",
        entity: "webhook",
        entityId: id,
        after: { attempt: outcome.attempts, state: outcome.state, error: outcome.error },
        at: outcome.at,
      });
    });
  }

  /** Deliveries given up after a day of retries, and ones still failing: what admins see. */
  async failing(): Promise<(WebhookDelivery & { seatName: string })[]> {
    const rows = await this.db.webhookDelivery.findMany({
      where: { OR: [{ state: "failed" }, { state: "pending", lastError: { not: null } }] },
      orderBy: { id: "asc" },
      take: 50,
    });
    const seats = new Map(
      (await this.db.seat.findMany({ where: { id: { in: rows.map((row) => row.seatId) } }, select: { id: true, name: true } })).map((seat) => [
        seat.id,
        seat.name,
      ]),
    );
    return rows.map((row) => ({ ...row, seatName: seats.get(row.seatId) ?? `seat ${row.seatId}` }));
  }
}

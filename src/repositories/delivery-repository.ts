// The outbox of Slack messages Cadence must post exactly once.
import type { Database } from "../db/database";
import { isUniqueViolation } from "./errors";

export interface DeliveryRow {
  key: string;
  channel: string;
  state: string;
  claimedBy: string;
  claimedAt: Date;
  ts: string | null;
  postedIn: string | null;
}

export class DeliveryRepository {
  constructor(private readonly db: Database) {}

  async find(key: string): Promise<DeliveryRow | undefined> {
    return (await this.db.delivery.findUnique({ where: { key } })) ?? undefined;
  }

  /** Inserts a claim for `key`; false when a row already exists (someone claimed it before). */
  async claim(key: string, channel: string, instanceId: string, now: Date): Promise<boolean> {
    try {
      await this.db.delivery.create({ data: { key, channel, state: "claimed", claimedBy: instanceId, claimedAt: now } });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  /** Takes over a failed claim, or one held by `previousHolder` (a dead instance); false when someone else won. */
  async reclaim(key: string, expected: { state: string; claimedBy: string }, instanceId: string, now: Date): Promise<boolean> {
    const result = await this.db.delivery.updateMany({
      where: { key, state: expected.state, claimedBy: expected.claimedBy },
      data: { state: "claimed", claimedBy: instanceId, claimedAt: now, attempts: { increment: 1 } },
    });
    return result.count === 1;
  }

  async markSent(key: string, postedIn: string, ts: string, now: Date): Promise<void> {
    await this.db.delivery.update({ where: { key }, data: { state: "sent", postedIn, ts, sentAt: now, lastError: null } });
  }

  async markFailed(key: string, error: string): Promise<void> {
    await this.db.delivery.update({ where: { key }, data: { state: "failed", lastError: error.slice(0, 500) } });
  }

  async countSent(prefix: string): Promise<number> {
    return this.db.delivery.count({ where: { key: { startsWith: prefix }, state: "sent" } });
  }

  /** Forgets messages posted before `before`; claims still open or failed stay, whatever their age. */
  async pruneSentBefore(before: Date): Promise<number> {
    return (await this.db.delivery.deleteMany({ where: { state: "sent", sentAt: { lt: before } } })).count;
  }
}

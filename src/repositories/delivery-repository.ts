// The outbox of Slack messages Cadence must post exactly once.
import type { Database } from "../db/database";
import { isUniqueViolation } from "./errors";

export type DeliveryState = "claimed" | "sent" | "failed" | "abandoned";

export interface DeliveryRow {
  key: string;
  channel: string;
  state: string;
  claimedBy: string;
  claimedAt: Date;
  /** The first claim: a post lost by any attempt was made after this. */
  firstClaimedAt: Date;
  attempts: number;
  nextAttemptAt: Date | null;
  ts: string | null;
  postedIn: string | null;
  lastError: string | null;
}

/** What DeliveryService needs of the outbox table (a port, so the service is tested with a fake). */
export interface DeliveryStore {
  find(key: string): Promise<DeliveryRow | undefined>;
  claim(key: string, channel: string, instanceId: string, now: Date): Promise<boolean>;
  reclaim(key: string, expected: { state: string; claimedBy: string }, instanceId: string, now: Date): Promise<boolean>;
  markSent(key: string, postedIn: string, ts: string, now: Date): Promise<void>;
  markFailed(key: string, error: string, nextAttemptAt: Date): Promise<void>;
  markAbandoned(key: string, error: string): Promise<void>;
  /** Turns this instance's claim that is still open into a failure (nothing else is touched). */
  releaseClaim(key: string, instanceId: string, error: string, nextAttemptAt: Date): Promise<void>;
  listAbandoned(): Promise<DeliveryRow[]>;
}

export class DeliveryRepository implements DeliveryStore {
  constructor(private readonly db: Database) {}

  async find(key: string): Promise<DeliveryRow | undefined> {
    return (await this.db.delivery.findUnique({ where: { key } })) ?? undefined;
  }

  /** The rows of these keys that exist, by key, in one query. */
  async findAll(keys: string[]): Promise<Map<string, DeliveryRow>> {
    if (keys.length === 0) return new Map();
    return new Map((await this.db.delivery.findMany({ where: { key: { in: keys } } })).map((row) => [row.key, row]));
  }

  /** Inserts a claim for `key`; false when a row already exists (someone claimed it before). */
  async claim(key: string, channel: string, instanceId: string, now: Date): Promise<boolean> {
    try {
      await this.db.delivery.create({ data: { key, channel, state: "claimed", claimedBy: instanceId, claimedAt: now, firstClaimedAt: now } });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  /**
   * Takes over a failed claim, or one held by `previousHolder` (a dead instance); false when someone else won.
   * firstClaimedAt stays: the search for a lost post must start before the first attempt, not the latest.
   */
  async reclaim(key: string, expected: { state: string; claimedBy: string }, instanceId: string, now: Date): Promise<boolean> {
    const result = await this.db.delivery.updateMany({
      where: { key, state: expected.state, claimedBy: expected.claimedBy },
      data: { state: "claimed", claimedBy: instanceId, claimedAt: now, nextAttemptAt: null, attempts: { increment: 1 } },
    });
    return result.count === 1;
  }

  async markSent(key: string, postedIn: string, ts: string, now: Date): Promise<void> {
    await this.db.delivery.update({ where: { key }, data: { state: "sent", postedIn, ts, sentAt: now, lastError: null, nextAttemptAt: null } });
  }

  async markFailed(key: string, error: string, nextAttemptAt: Date): Promise<void> {
    await this.db.delivery.update({ where: { key }, data: { state: "failed", lastError: error.slice(0, 500), nextAttemptAt } });
  }

  async markAbandoned(key: string, error: string): Promise<void> {
    await this.db.delivery.update({ where: { key }, data: { state: "abandoned", lastError: error.slice(0, 500), nextAttemptAt: null } });
  }

  async releaseClaim(key: string, instanceId: string, error: string, nextAttemptAt: Date): Promise<void> {
    await this.db.delivery.updateMany({
      where: { key, state: "claimed", claimedBy: instanceId },
      data: { state: "failed", lastError: error.slice(0, 500), nextAttemptAt },
    });
  }

  /**
   * Gives deliveries to `channel` that Slack refused with one of `codes` another go (the cause was fixed, e.g.
   * the bot was invited): they become failed and due now, so the next attempt searches, then posts.
   */
  async rearmAbandoned(channel: string, codes: string[], now: Date): Promise<string[]> {
    const rows = await this.db.delivery.findMany({ where: { state: "abandoned", channel, lastError: { in: codes } }, select: { key: true } });
    if (rows.length === 0) return [];
    await this.db.delivery.updateMany({
      where: { state: "abandoned", key: { in: rows.map((row) => row.key) } },
      data: { state: "failed", nextAttemptAt: now },
    });
    return rows.map((row) => row.key);
  }

  async listAbandoned(): Promise<DeliveryRow[]> {
    return this.db.delivery.findMany({ where: { state: "abandoned" }, orderBy: { firstClaimedAt: "asc" } });
  }

  /** Forgets messages posted before `before`; claims still open or failed stay, whatever their age. */
  async pruneSentBefore(before: Date): Promise<number> {
    return (await this.db.delivery.deleteMany({ where: { state: "sent", sentAt: { lt: before } } })).count;
  }
}

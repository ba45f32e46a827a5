// Slack events and interactions already taken on, so a retry of the same one has no second effect.
import type { Database } from "../db/database";
import { isUniqueViolation } from "./errors";

export class ProcessedEventRepository {
  constructor(private readonly db: Database) {}

  /** True when this call took the key; false when an earlier delivery of the same event already had it. */
  async claim(key: string, at: Date): Promise<boolean> {
    try {
      await this.db.processedEvent.create({ data: { key, at } });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  /** Gives the key back when handling failed, so Slack's retry can try again. */
  async release(key: string): Promise<void> {
    await this.db.processedEvent.deleteMany({ where: { key } });
  }

  /** Forgets events older than `before`: Slack retries an event for minutes, not days. */
  async pruneBefore(before: Date): Promise<number> {
    return (await this.db.processedEvent.deleteMany({ where: { at: { lt: before } } })).count;
  }
}

// Agent API Idempotency-Keys and the answers they got, per seat, kept 24 hours.
import type { Database } from "../db/database";
import { isUniqueViolation } from "./errors";

export const IDEMPOTENCY_TTL_MS = 24 * 3600 * 1000;

export interface StoredAnswer {
  bodyHash: string;
  /** Undefined while the first request with this key is still being handled. */
  answer?: { status: number; body: string };
}

export class IdempotencyRepository {
  constructor(private readonly db: Database) {}

  async find(seatId: number, key: string, now: Date): Promise<StoredAnswer | undefined> {
    const row = await this.db.apiIdempotencyKey.findUnique({ where: { seatId_key: { seatId, key } } });
    if (!row || row.createdAt.getTime() <= now.getTime() - IDEMPOTENCY_TTL_MS) return undefined;
    const answer = row.status !== null && row.response !== null ? { status: row.status, body: row.response } : undefined;
    return { bodyHash: row.bodyHash, answer };
  }

  /**
   * Takes the key for this request. False when another request holds it (a concurrent retry). Keys older
   * than 24 hours are forgotten first, so an expired key can be used again and the table stays small.
   */
  async claim(seatId: number, key: string, bodyHash: string, now: Date): Promise<boolean> {
    await this.db.apiIdempotencyKey.deleteMany({ where: { createdAt: { lte: new Date(now.getTime() - IDEMPOTENCY_TTL_MS) } } });
    try {
      await this.db.apiIdempotencyKey.create({ data: { seatId, key, bodyHash, createdAt: now } });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async complete(seatId: number, key: string, answer: { status: number; body: string }): Promise<void> {
    await this.db.apiIdempotencyKey.update({ where: { seatId_key: { seatId, key } }, data: { status: answer.status, response: answer.body } });
  }

  /** Gives the key back when the request failed, so nothing of it stays. */
  async release(seatId: number, key: string): Promise<void> {
    await this.db.apiIdempotencyKey.deleteMany({ where: { seatId, key } });
  }
}

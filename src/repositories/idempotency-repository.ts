// Agent API Idempotency-Keys and the answers they got, per seat, kept 24 hours. A key is written in the same
// transaction as the entries it answered for, so a key exists exactly when its entries were recorded.
import type { Database } from "../db/database";
import type { Tx } from "./audit";
import { isUniqueViolation } from "./errors";

export const IDEMPOTENCY_TTL_MS = 24 * 3600 * 1000;

export interface StoredAnswer {
  bodyHash: string;
  answer: string;
}

export class IdempotencyRepository {
  constructor(private readonly db: Database) {}

  /** The answer given for this key within the last 24 hours. An older one is forgotten here and now. */
  async find(seatId: number, key: string, now: Date): Promise<StoredAnswer | undefined> {
    const row = await this.db.apiIdempotencyKey.findUnique({ where: { seatId_key: { seatId, key } } });
    if (!row) return undefined;
    if (row.createdAt.getTime() <= now.getTime() - IDEMPOTENCY_TTL_MS) {
      await this.db.apiIdempotencyKey.deleteMany({ where: { id: row.id } });
      return undefined;
    }
    return { bodyHash: row.bodyHash, answer: row.response ?? "" };
  }

  /** The write that keeps the key and its answer, to run inside the entries' transaction. */
  insertion(seatId: number, key: string, stored: StoredAnswer, now: Date): (tx: Tx) => Promise<void> {
    return async (tx) => {
      // As SQL, like the entries' writes it goes with (entry-writes.ts says why).
      await tx.$executeRaw`INSERT INTO "ApiIdempotencyKey" ("seatId", "key", "bodyHash", "status", "response", "createdAt")
        VALUES (${seatId}, ${key}, ${stored.bodyHash}, ${201}, ${stored.answer}, ${now})`;
    };
  }

  /** True when a write failed because another request took the key first. */
  isKeyTaken(error: unknown): boolean {
    return isUniqueViolation(error);
  }

  /** Housekeeping: keys older than 24 hours are no longer answered from. */
  async pruneBefore(before: Date): Promise<number> {
    return (await this.db.apiIdempotencyKey.deleteMany({ where: { createdAt: { lt: before } } })).count;
  }
}

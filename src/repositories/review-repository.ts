// Governance reviews of AI seats: the latest state per seat and kind (the audit log keeps every change).
import type { Database } from "../db/database";
import type { Review, ReviewKind, ReviewState } from "../domain/review";
import { writeAudit } from "./audit";
import { transaction } from "./transaction";

export class ReviewRepository {
  constructor(private readonly db: Database) {}

  async set(seatId: number, review: Review): Promise<void> {
    await transaction(this.db, async (tx) => {
      const before = await tx.seatReview.findUnique({ where: { seatId_kind: { seatId, kind: review.kind } } });
      const data = { state: review.state, note: review.note, by: review.by, at: review.at };
      await tx.seatReview.upsert({ where: { seatId_kind: { seatId, kind: review.kind } }, create: { seatId, kind: review.kind, ...data }, update: data });
      await writeAudit(tx, {
        actor: review.by,
        action: "seat.review",
        entity: "seat",
        entityId: seatId,
        before: before ? { kind: before.kind, state: before.state } : undefined,
        after: { kind: review.kind, state: review.state, note: review.note },
        at: review.at,
      });
    });
  }

  async forSeat(seatId: number): Promise<Review[]> {
    const rows = await this.db.seatReview.findMany({ where: { seatId }, orderBy: { kind: "asc" } });
    return rows.map((row) => ({ kind: row.kind as ReviewKind, state: row.state as ReviewState, note: row.note, by: row.by, at: row.at }));
  }
}

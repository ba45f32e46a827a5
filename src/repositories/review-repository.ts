// Governance reviews of AI seats: the latest state per seat and kind (the audit log keeps every change).
import type { Database } from "../db/database";
import type { Review, ReviewKind, ReviewState } from "../domain/review";
import { writeAudit } from "./audit";
import { transaction } from "./transaction";
import { inChunks } from "./chunks";

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
    return (await this.forSeats([seatId])).get(seatId) ?? [];
  }

  /** Each seat's reviews (seats with none are absent), in one query. */
  async forSeats(seatIds: number[]): Promise<Map<number, Review[]>> {
    const bySeat = new Map<number, Review[]>();
    if (seatIds.length === 0) return bySeat;
    const rows = await inChunks(seatIds, (chunk) => this.db.seatReview.findMany({ where: { seatId: { in: chunk } }, orderBy: { kind: "asc" } }));
    for (const row of rows) {
      const review: Review = { kind: row.kind as ReviewKind, state: row.state as ReviewState, note: row.note, by: row.by, at: row.at };
      bySeat.set(row.seatId, [...(bySeat.get(row.seatId) ?? []), review]);
    }
    return bySeat;
  }
}

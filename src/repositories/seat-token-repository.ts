// AI seats' API tokens: one per seat, kept only as a hash. The audit log records that a token was made or
// revoked, never the token or its hash.
import type { Database } from "../db/database";
import { writeAudit } from "./audit";
import { transaction } from "./transaction";

export class SeatTokenRepository {
  constructor(private readonly db: Database) {}

  /** The seat's token hash, if it has a token. */
  async hashOf(seatId: number): Promise<string | undefined> {
    const row = await this.db.seatToken.findUnique({ where: { seatId } });
    return row?.hash;
  }

  /** Stores a new token hash for the seat; the seat's earlier token stops working in the same write. */
  async replace(seatId: number, hash: string, actor: string, at: Date): Promise<{ rotated: boolean }> {
    return transaction(this.db, async (tx) => {
      const before = await tx.seatToken.findUnique({ where: { seatId } });
      await tx.seatToken.upsert({
        where: { seatId },
        create: { seatId, hash, createdBy: actor, createdAt: at },
        update: { hash, createdBy: actor, createdAt: at },
      });
      await writeAudit(tx, { actor, action: before ? "seat.token.rotate" : "seat.token.add", entity: "seat", entityId: seatId, at });
      return { rotated: Boolean(before) };
    });
  }

  /** False when the seat had no token. */
  async revoke(seatId: number, actor: string, at: Date): Promise<boolean> {
    return transaction(this.db, async (tx) => {
      const { count } = await tx.seatToken.deleteMany({ where: { seatId } });
      if (count > 0) await writeAudit(tx, { actor, action: "seat.token.revoke", entity: "seat", entityId: seatId, at });
      return count > 0;
    });
  }
}

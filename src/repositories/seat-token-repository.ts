// AI seats' API tokens: one per seat, kept only as a hash. The audit log records that a token was made or
// revoked, never the token or its hash.
import type { Database } from "../db/database";
import type { SeatWithKpis } from "../domain/model";
import { writeAudit } from "./audit";
import { SeatDataCache, seatDataTransaction } from "./seat-data-cache";
import { toKpi, toSeat } from "./seat-rows";

/** What a request with a seat's token needs: the hash to compare with, and the seat with its active KPIs. */
export interface SeatCredentials {
  hash: string;
  seat: SeatWithKpis;
}

export class SeatTokenRepository {
  private readonly credentials: SeatDataCache<number, SeatCredentials>;

  constructor(
    private readonly db: Database,
    monotonicNow?: () => number,
  ) {
    this.credentials = new SeatDataCache(db, monotonicNow);
  }

  /**
   * The seat's token hash with the seat and its active KPIs, from a recent read (see seat-data-cache.ts) unless
   * `fresh`; undefined when the seat has no token.
   */
  async credentialsOf(seatId: number, options: { fresh?: boolean } = {}): Promise<SeatCredentials | undefined> {
    return this.credentials.get(seatId, () => this.readCredentials(seatId), options);
  }

  private async readCredentials(seatId: number): Promise<SeatCredentials | undefined> {
    const token = await this.db.seatToken.findUnique({ where: { seatId } });
    if (!token) return undefined;
    const seat = await this.db.seat.findUnique({
      where: { id: seatId },
      include: { kpis: { where: { archivedAt: null }, orderBy: [{ position: "asc" }, { id: "asc" }] } },
    });
    return seat ? { hash: token.hash, seat: { ...toSeat(seat), kpis: seat.kpis.map(toKpi) } } : undefined;
  }

  /** Stores a new token hash for the seat; the seat's earlier token stops working in the same write. */
  async replace(seatId: number, hash: string, actor: string, at: Date): Promise<{ rotated: boolean }> {
    return seatDataTransaction(this.db, async (tx) => {
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
    return seatDataTransaction(this.db, async (tx) => {
      const { count } = await tx.seatToken.deleteMany({ where: { seatId } });
      if (count > 0) await writeAudit(tx, { actor, action: "seat.token.revoke", entity: "seat", entityId: seatId, at });
      return count > 0;
    });
  }
}

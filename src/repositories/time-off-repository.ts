// Time off rows: people away and team holidays, as inclusive date ranges.
import type { Database } from "../db/database";
import type { TimeOff } from "../domain/away";
import { writeAudit } from "./audit";
import { transaction } from "./transaction";

type TimeOffRow = { id: number; userId: string | null; fromDate: string; toDate: string; note: string | null };

function toTimeOff(row: TimeOffRow): TimeOff {
  return { id: row.id, userId: row.userId, from: row.fromDate, to: row.toDate, note: row.note };
}

export class TimeOffRepository {
  constructor(private readonly db: Database) {}

  async add(input: Omit<TimeOff, "id">, actor: string, at: Date): Promise<TimeOff> {
    return transaction(this.db, async (tx) => {
      const row = await tx.timeOff.create({
        data: { userId: input.userId, fromDate: input.from, toDate: input.to, note: input.note, createdBy: actor, createdAt: at },
      });
      const timeOff = toTimeOff(row);
      await writeAudit(tx, { actor, action: input.userId ? "away.add" : "holiday.add", entity: "timeOff", entityId: row.id, after: timeOff, at });
      return timeOff;
    });
  }

  /** Every range with a day between `from` and `to`. */
  async overlapping(from: string, to: string): Promise<TimeOff[]> {
    const rows = await this.db.timeOff.findMany({ where: { fromDate: { lte: to }, toDate: { gte: from } }, orderBy: [{ fromDate: "asc" }, { id: "asc" }] });
    return rows.map(toTimeOff);
  }

  /** Ranges that have not ended by `day`, soonest first. */
  async endingOnOrAfter(day: string): Promise<TimeOff[]> {
    const rows = await this.db.timeOff.findMany({ where: { toDate: { gte: day } }, orderBy: [{ fromDate: "asc" }, { id: "asc" }] });
    return rows.map(toTimeOff);
  }
}

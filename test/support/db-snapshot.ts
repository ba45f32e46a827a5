// Everything a user can change, as one comparable value: "nothing was written" means this did not change.
import type { Database } from "../../src/db/database";

export async function snapshotDatabase(db: Database): Promise<unknown> {
  return {
    seats: await db.seat.findMany({ orderBy: { id: "asc" } }),
    kpis: await db.kpi.findMany({ orderBy: { id: "asc" } }),
    entries: await db.entry.findMany({ orderBy: { id: "asc" } }),
    issues: await db.issue.findMany({ orderBy: { id: "asc" } }),
    audit: await db.auditLog.count(),
    ratings: await db.meetingRating.findMany({ orderBy: { id: "asc" } }),
  };
}

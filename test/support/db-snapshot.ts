// Everything a user can change, as one comparable value: "nothing was written" means this did not change.
// A refused attempt is noted in the audit log (who tried what); that note is not a change, so it is left out.
import type { Database } from "../../src/db/database";
import { REFUSED_ACTION } from "../../src/services/audit-trail";

export async function snapshotDatabase(db: Database): Promise<unknown> {
  return {
    seats: await db.seat.findMany({ orderBy: { id: "asc" } }),
    kpis: await db.kpi.findMany({ orderBy: { id: "asc" } }),
    entries: await db.entry.findMany({ orderBy: { id: "asc" } }),
    issues: await db.issue.findMany({ orderBy: { id: "asc" } }),
    audit: await db.auditLog.count({ where: { action: { not: REFUSED_ACTION } } }),
    ratings: await db.meetingRating.findMany({ orderBy: { id: "asc" } }),
    stageChanges: await db.stageChange.findMany({ orderBy: { id: "asc" } }),
    killThresholds: await db.killThreshold.findMany({ orderBy: { id: "asc" } }),
    reviews: await db.seatReview.findMany({ orderBy: { id: "asc" } }),
    webhookDeliveries: await db.webhookDelivery.findMany({ orderBy: { id: "asc" } }),
    timeOff: await db.timeOff.findMany({ orderBy: { id: "asc" } }),
    priorities: await db.priority.findMany({ orderBy: { id: "asc" } }),
    todos: await db.todo.findMany({ orderBy: { id: "asc" } }),
  };
}

// Check-in DMs still to send, shared by every instance on PostgreSQL: the scheduler's holder records the week's due
// owners as CheckIn rows without sentAt, and each instance claims batches of them. A claim is a row lock taken with
// FOR UPDATE SKIP LOCKED (two claimers pass each other's rows by, so they never get the same one) and then
// recorded as claimedBy, which holds while that instance's heartbeat is fresh; a dead instance's claims are taken
// over. The outbox (one delivery key per owner and week) still guards the post itself.
//
// SQLite has one writer at a time, so its claim is a plain read and update in one transaction; Cadence uses the
// shared fan-out on PostgreSQL only (several hosts), and SQLite keeps its single-instance path.
import { providerOf, type Database } from "../db/database";
import { transaction } from "./transaction";

export interface PendingCheckin {
  ownerId: string;
  week: string;
}

export class CheckinQueueRepository {
  constructor(private readonly db: Database) {}

  /** Records DMs to send; owners who already have a row for the week (pending or sent) are left as they are. */
  async enqueue(week: string, ownerIds: string[]): Promise<void> {
    if (ownerIds.length === 0) return;
    if (providerOf(this.db) === "postgres") {
      await this.db.$executeRaw`INSERT INTO "CheckIn" ("ownerId", "week") SELECT unnest(${ownerIds}::text[]), ${week} ON CONFLICT DO NOTHING`;
      return;
    }
    await transaction(this.db, async (tx) => {
      const existing = new Set(
        (await tx.checkIn.findMany({ where: { week, ownerId: { in: ownerIds } }, select: { ownerId: true } })).map((row) => row.ownerId),
      );
      const fresh = ownerIds.filter((ownerId) => !existing.has(ownerId));
      if (fresh.length > 0) await tx.checkIn.createMany({ data: fresh.map((ownerId) => ({ ownerId, week })) });
    });
  }

  /**
   * Claims up to `limit` unsent DMs of `weeks` for `instanceId`: rows nobody claimed, or claimed by an instance
   * whose heartbeat is older than `staleBefore` (or that is gone).
   */
  async claim(weeks: string[], instanceId: string, staleBefore: Date, limit: number): Promise<PendingCheckin[]> {
    if (weeks.length === 0) return [];
    if (providerOf(this.db) === "postgres") {
      // Timestamps are stored as UTC without a zone, so the ISO text is cast without one.
      return this.db.$queryRaw<PendingCheckin[]>`
        UPDATE "CheckIn" SET "claimedBy" = ${instanceId}, "claimedAt" = (now() AT TIME ZONE 'UTC')
        WHERE "id" IN (
          SELECT c."id" FROM "CheckIn" c
          WHERE c."sentAt" IS NULL AND c."week" = ANY(${weeks}::text[])
            AND (c."claimedBy" IS NULL OR NOT EXISTS (
              SELECT 1 FROM "Instance" i WHERE i."id" = c."claimedBy" AND i."heartbeatAt" >= ${staleBefore.toISOString()}::timestamp))
          ORDER BY c."id" LIMIT ${limit}
          FOR UPDATE OF c SKIP LOCKED)
        RETURNING "ownerId", "week"`;
    }
    return transaction(this.db, async (tx) => {
      const live = (await tx.instance.findMany({ where: { heartbeatAt: { gte: staleBefore } }, select: { id: true } })).map((row) => row.id);
      const rows = await tx.checkIn.findMany({
        where: { sentAt: null, week: { in: weeks }, OR: [{ claimedBy: null }, { claimedBy: { notIn: live } }] },
        orderBy: { id: "asc" },
        take: limit,
        select: { id: true, ownerId: true, week: true },
      });
      await tx.checkIn.updateMany({ where: { id: { in: rows.map((row) => row.id) } }, data: { claimedBy: instanceId, claimedAt: new Date() } });
      return rows.map(({ ownerId, week }) => ({ ownerId, week }));
    });
  }

  /** Forgets a claimed DM that was not sent (skipped, failed, abandoned): the scheduler records it again if still due. */
  async drop(ownerId: string, week: string, instanceId: string): Promise<void> {
    await this.db.checkIn.deleteMany({ where: { ownerId, week, sentAt: null, claimedBy: instanceId } });
  }

  /** How many DMs of `weeks` are still to send (claimed or not). */
  async countPending(weeks: string[]): Promise<number> {
    return this.db.checkIn.count({ where: { sentAt: null, week: { in: weeks } } });
  }
}

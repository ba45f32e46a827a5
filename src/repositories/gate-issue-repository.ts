// The `gate` issues: one per seat and stage entered, so a seat ready week after week is told once.
import type { Database } from "../db/database";
import { writeAudit } from "./audit";
import { transaction } from "./transaction";

export class GateIssueRepository {
  constructor(private readonly db: Database) {}

  /** Opens the gate issue for this stage change unless one exists; returns its id and whether it is new. */
  async open(input: { seatId: number; stageChangeId: number; title: string; ownerId: string; at: Date }): Promise<{ issueId: number; created: boolean }> {
    return transaction(this.db, async (tx) => {
      const existing = await tx.gateIssue.findUnique({ where: { seatId_stageChangeId: { seatId: input.seatId, stageChangeId: input.stageChangeId } } });
      if (existing) return { issueId: existing.issueId, created: false };
      const issue = await tx.issue.create({ data: { title: input.title, source: "gate", ownerId: input.ownerId, openedBy: "cadence", createdAt: input.at } });
      await tx.gateIssue.create({ data: { seatId: input.seatId, stageChangeId: input.stageChangeId, issueId: issue.id } });
      await writeAudit(tx, {
        actor: "cadence",
        action: "issue.gate",
        entity: "issue",
        entityId: issue.id,
        after: { seatId: input.seatId, title: input.title },
        at: input.at,
      });
      return { issueId: issue.id, created: true };
    });
  }

  async seatOf(issueId: number): Promise<number | undefined> {
    return (await this.db.gateIssue.findUnique({ where: { issueId } }))?.seatId;
  }
}

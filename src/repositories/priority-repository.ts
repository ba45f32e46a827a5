// Priorities: added, marked on or off track, done or dropped; each change with its audit row.
import type { Database } from "../db/database";
import type { Priority, PriorityState } from "../domain/priority";
import { writeAudit } from "./audit";
import { transaction } from "./transaction";
import { inChunks } from "./chunks";

type PriorityRow = {
  id: number;
  title: string;
  ownerId: string;
  dueDate: string;
  state: string;
  onTrack: boolean;
  note: string | null;
  issueId: number | null;
  createdBy: string;
  createdAt: Date;
};

function toPriority(row: PriorityRow): Priority {
  return {
    id: row.id,
    title: row.title,
    ownerId: row.ownerId,
    due: row.dueDate,
    state: row.state as PriorityState,
    onTrack: row.onTrack,
    note: row.note,
    issueId: row.issueId,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  };
}

export class PriorityRepository {
  constructor(private readonly db: Database) {}

  async add(input: { title: string; ownerId: string; due: string }, actor: string, at: Date): Promise<Priority> {
    return transaction(this.db, async (tx) => {
      const row = await tx.priority.create({ data: { title: input.title, ownerId: input.ownerId, dueDate: input.due, createdBy: actor, createdAt: at } });
      await writeAudit(tx, { actor, action: "priority.add", entity: "priority", entityId: row.id, after: input, at });
      return toPriority(row);
    });
  }

  async find(id: number): Promise<Priority | undefined> {
    const row = await this.db.priority.findUnique({ where: { id } });
    return row ? toPriority(row) : undefined;
  }

  /** Open priorities by due date: the team's, or some owners' (a check-in batch's). */
  async listOpen(ownerIds?: string[]): Promise<Priority[]> {
    const query = (where: object) => this.db.priority.findMany({ where: { state: "open", ...where }, orderBy: [{ dueDate: "asc" }, { id: "asc" }] });
    const rows = ownerIds ? await inChunks(ownerIds, (chunk) => query({ ownerId: { in: chunk } })) : await query({});
    return rows.map(toPriority);
  }

  async close(id: number, change: { state: Exclude<PriorityState, "open">; note: string | null }, actor: string, at: Date): Promise<Priority> {
    return transaction(this.db, async (tx) => {
      const before = await tx.priority.findUniqueOrThrow({ where: { id } });
      const row = await tx.priority.update({ where: { id }, data: { state: change.state, note: change.note ?? before.note, closedBy: actor, closedAt: at } });
      await writeAudit(tx, {
        actor,
        action: `priority.${change.state === "done" ? "done" : "drop"}`,
        entity: "priority",
        entityId: id,
        before: { state: before.state },
        after: change,
        at,
      });
      return toPriority(row);
    });
  }

  async setTrack(id: number, change: { onTrack: boolean; issueId?: number }, actor: string, at: Date): Promise<Priority> {
    return transaction(this.db, async (tx) => {
      const before = await tx.priority.findUniqueOrThrow({ where: { id } });
      const row = await tx.priority.update({ where: { id }, data: change });
      await writeAudit(tx, { actor, action: "priority.status", entity: "priority", entityId: id, before: { onTrack: before.onTrack }, after: change, at });
      return toPriority(row);
    });
  }
}

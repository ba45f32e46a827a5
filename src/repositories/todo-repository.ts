// To-dos: added (by hand or when an issue is resolved), done or dropped; each change with its audit row.
import type { Database } from "../db/database";
import type { Todo, TodoState } from "../domain/todo";
import { writeAudit } from "./audit";
import { inChunks } from "./chunks";
import { transaction } from "./transaction";

type TodoRow = { id: number; title: string; ownerId: string; dueDate: string; state: string; issueId: number | null; createdBy: string; createdAt: Date };

function toTodo(row: TodoRow): Todo {
  return {
    id: row.id,
    title: row.title,
    ownerId: row.ownerId,
    due: row.dueDate,
    state: row.state as TodoState,
    issueId: row.issueId,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  };
}

export class TodoRepository {
  constructor(private readonly db: Database) {}

  async add(input: { title: string; ownerId: string; due: string; issueId: number | null }, actor: string, at: Date): Promise<Todo> {
    return transaction(this.db, async (tx) => {
      const row = await tx.todo.create({
        data: { title: input.title, ownerId: input.ownerId, dueDate: input.due, issueId: input.issueId, createdBy: actor, createdAt: at },
      });
      await writeAudit(tx, { actor, action: "todo.add", entity: "todo", entityId: row.id, after: input, at });
      return toTodo(row);
    });
  }

  async find(id: number): Promise<Todo | undefined> {
    const row = await this.db.todo.findUnique({ where: { id } });
    return row ? toTodo(row) : undefined;
  }

  /** Open to-dos by due date: the team's, or some owners' (a check-in batch's). */
  async listOpen(ownerIds?: string[]): Promise<Todo[]> {
    const query = (where: object) => this.db.todo.findMany({ where: { state: "open", ...where }, orderBy: [{ dueDate: "asc" }, { id: "asc" }] });
    const rows = ownerIds ? await inChunks(ownerIds, (chunk) => query({ ownerId: { in: chunk } })) : await query({});
    return rows.map(toTodo);
  }

  /** Every to-do due between two days (inclusive), whatever its state: for the completion rate. */
  async dueBetween(from: string, to: string): Promise<Todo[]> {
    return (await this.db.todo.findMany({ where: { dueDate: { gte: from, lte: to } }, orderBy: { id: "asc" } })).map(toTodo);
  }

  async close(id: number, state: Exclude<TodoState, "open">, actor: string, at: Date): Promise<Todo> {
    return transaction(this.db, async (tx) => {
      const row = await tx.todo.update({ where: { id }, data: { state, closedBy: actor, closedAt: at } });
      await writeAudit(tx, {
        actor,
        action: `todo.${state === "done" ? "done" : "drop"}`,
        entity: "todo",
        entityId: id,
        before: { state: "open" },
        after: { state },
        at,
      });
      return toTodo(row);
    });
  }
}

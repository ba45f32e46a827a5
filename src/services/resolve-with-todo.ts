// Resolving an issue, optionally with the to-do it leads to: the to-do is checked before anything is written,
// so a bad owner or date refuses the whole resolution.
import type { Issue } from "../domain/model";
import type { Todo } from "../domain/todo";
import type { IssueService } from "./issue-service";
import { done, type Outcome } from "./outcome";
import type { TodoService } from "./todo-service";

export type ResolveOutcome = Outcome<{ issue: Issue; todo?: Todo }> & { field?: "note" | "todo" };

export async function resolveWithTodo(
  services: { issues: Pick<IssueService, "resolve">; todos: Pick<TodoService, "check" | "add"> },
  input: { issueId: number; note: string | null; todo?: { title: string; ownerId: string | null } },
  actor: string,
  now: Date,
): Promise<ResolveOutcome> {
  if (input.todo) {
    const checked = await services.todos.check({ ownerId: input.todo.ownerId, due: null }, actor, now);
    if (!checked.ok) return { ...checked, field: "todo" };
  }
  const resolved = await services.issues.resolve(input.issueId, actor, input.note, now);
  if (!resolved.ok) return { ...resolved, field: "note" };
  if (!input.todo) return done({ issue: resolved.value });
  const todo = await services.todos.add({ ...input.todo, due: null, issueId: input.issueId }, actor, now);
  return todo.ok ? done({ issue: resolved.value, todo: todo.value }) : done({ issue: resolved.value });
}

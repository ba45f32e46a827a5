// To-dos: add (by hand, or when an issue is resolved), list, done, drop. Only the owner or an admin closes one.
import { todayIn } from "../domain/away";
import { OwnerChanges, type OwnerChangeListener } from "./owner-changes";
import { addDays, TODO_DAYS, type Todo } from "../domain/todo";
import type { TodoRepository } from "../repositories/todo-repository";
import { done, refused, type Outcome } from "./outcome";
import type { UserDirectory } from "./user-directory";

export const todoLabel = (id: number) => `T${id}`;

export class TodoService {
  private readonly changes = new OwnerChanges();

  constructor(
    private readonly deps: {
      todos: Pick<TodoRepository, "add" | "find" | "listOpen" | "close" | "dueBetween">;
      directory: Pick<UserDirectory, "checkPerson" | "isAdmin">;
      tz: string;
    },
  ) {}

  async add(input: { title: string; ownerId: string | null; due: string | null; issueId?: number }, actor: string, now: Date): Promise<Outcome<Todo>> {
    const checked = await this.check(input, actor, now);
    if (!checked.ok) return checked;
    const todo = await this.deps.todos.add({ title: input.title, ...checked.value, issueId: input.issueId ?? null }, actor, now);
    return done(this.changes.changed(todo.ownerId, todo));
  }

  /** Owner and due date for a new to-do (default: the caller, seven days from today), or why not. */
  async check(input: { ownerId: string | null; due: string | null }, actor: string, now: Date): Promise<Outcome<{ ownerId: string; due: string }>> {
    const today = todayIn(now, this.deps.tz);
    const due = input.due ?? addDays(today, TODO_DAYS);
    if (due < today) return refused(`the due date ${due} is in the past (today is ${today})`);
    const ownerId = input.ownerId ?? actor;
    if (ownerId !== actor) {
      const person = await this.deps.directory.checkPerson(ownerId, now);
      if (!person.ok) return refused(person.reason);
    }
    return done({ ownerId, due });
  }

  /** Tells `listener` whose to-dos changed, after each change. */
  onChanged(listener: OwnerChangeListener): void {
    this.changes.listen(listener);
  }

  async listOpen(ownerIds?: string[]): Promise<Todo[]> {
    return this.deps.todos.listOpen(ownerIds);
  }

  async dueBetween(from: string, to: string): Promise<Todo[]> {
    return this.deps.todos.dueBetween(from, to);
  }

  async close(id: number, state: "done" | "dropped", actor: string, now: Date): Promise<Outcome<Todo>> {
    const todo = await this.deps.todos.find(id);
    if (!todo) return refused(`there is no to-do ${todoLabel(id)}`);
    if (todo.state !== "open") return refused(`${todoLabel(id)} is already ${todo.state}`);
    if (todo.ownerId !== actor && !(await this.deps.directory.isAdmin(actor, now))) {
      return refused(`only ${todoLabel(id)}'s owner (<@${todo.ownerId}>) or a Cadence admin can change it`);
    }
    return done(this.changes.changed(todo.ownerId, await this.deps.todos.close(id, state, actor, now)));
  }
}

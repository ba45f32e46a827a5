// To-dos with in-memory fakes: defaults, refusals that write nothing, and resolving an issue with a to-do.
import { describe, expect, it } from "vitest";
import type { Issue } from "../../src/domain/model";
import type { Todo } from "../../src/domain/todo";
import { resolveWithTodo } from "../../src/services/resolve-with-todo";
import { TodoService } from "../../src/services/todo-service";

const NOW = new Date("2026-11-30T23:30:00Z"); // already Dec 1 in Berlin

function world() {
  const rows: Todo[] = [];
  const todos = new TodoService({
    todos: {
      add: async (input, actor, at) => {
        const row: Todo = { id: rows.length + 1, ...input, state: "open", createdBy: actor, createdAt: at };
        rows.push(row);
        return row;
      },
      find: async (id) => rows.find((row) => row.id === id),
      listOpen: async () => rows.filter((row) => row.state === "open"),
      dueBetween: async () => rows,
      close: async (id, state) => Object.assign(rows.find((row) => row.id === id)!, { state }),
    },
    directory: {
      checkPerson: async (userId) => (userId === "UBOT" ? { ok: false, reason: "<@UBOT> is a bot, not a person" } : { ok: true, tz: null }),
      isAdmin: async (userId) => userId === "UADMIN",
    },
    tz: "Europe/Berlin",
  });
  const resolved: number[] = [];
  const issues = {
    resolve: async (id: number, _actor: string, note: string | null) =>
      note
        ? (resolved.push(id), { ok: true as const, value: { id, state: "resolved" } as Issue })
        : { ok: false as const, error: "a resolution note is required" },
  };
  return { todos, rows, issues, resolved };
}

describe("TodoService", () => {
  it("defaults to the caller and seven days from today on the team's calendar", async () => {
    const { todos } = world();
    expect(await todos.add({ title: "Call the bank", ownerId: null, due: null }, "UANA", NOW)).toMatchObject({
      ok: true,
      value: { ownerId: "UANA", due: "2026-12-08" },
    });
  });

  it("refuses a past due date, an owner who is not a person, and a stranger closing it; nothing is written", async () => {
    const { todos, rows } = world();
    expect(await todos.add({ title: "x", ownerId: null, due: "2026-11-30" }, "UANA", NOW)).toEqual({
      ok: false,
      error: "the due date 2026-11-30 is in the past (today is 2026-12-01)",
    });
    expect(await todos.add({ title: "x", ownerId: "UBOT", due: null }, "UANA", NOW)).toMatchObject({ ok: false });
    expect(rows).toEqual([]);
    await todos.add({ title: "Call the bank", ownerId: null, due: null }, "UANA", NOW);
    expect(await todos.close(1, "done", "UBEN", NOW)).toEqual({ ok: false, error: "only T1's owner (<@UANA>) or a Cadence admin can change it" });
    expect(rows[0].state).toBe("open");
    expect(await todos.close(1, "dropped", "UADMIN", NOW)).toMatchObject({ ok: true, value: { state: "dropped" } });
  });
});

describe("resolveWithTodo", () => {
  it("adds the to-do with the issue's id", async () => {
    const { todos, rows, issues, resolved } = world();
    const result = await resolveWithTodo({ issues, todos }, { issueId: 4, note: "Fixed", todo: { title: "Write the runbook", ownerId: "UBEN" } }, "UANA", NOW);
    expect(result).toMatchObject({ ok: true, value: { todo: { id: 1, ownerId: "UBEN", issueId: 4 } } });
    expect([resolved, rows.length]).toEqual([[4], 1]);
  });

  it("refuses a bad to-do before resolving anything", async () => {
    const { todos, rows, issues, resolved } = world();
    const result = await resolveWithTodo({ issues, todos }, { issueId: 4, note: "Fixed", todo: { title: "Write the runbook", ownerId: "UBOT" } }, "UANA", NOW);
    expect(result).toMatchObject({ ok: false, field: "todo" });
    expect([resolved, rows]).toEqual([[], []]);
  });

  it("adds no to-do when the issue cannot be resolved", async () => {
    const { todos, rows, issues } = world();
    expect(await resolveWithTodo({ issues, todos }, { issueId: 4, note: null, todo: { title: "Runbook", ownerId: null } }, "UANA", NOW)).toMatchObject({
      ok: false,
      field: "note",
    });
    expect(rows).toEqual([]);
  });

  it("tells its listeners whose to-dos changed (their home tabs refresh), and nobody when it refuses", async () => {
    const { todos } = world();
    const owners: string[] = [];
    todos.onChanged((ownerId) => owners.push(ownerId));
    await todos.add({ title: "Call the bank", ownerId: "UBEN", due: null }, "UANA", NOW);
    await todos.close(1, "done", "UANA", NOW); // not the owner, not an admin: refused
    await todos.close(1, "done", "UBEN", NOW);
    expect(owners).toEqual(["UBEN", "UBEN"]);
  });
});

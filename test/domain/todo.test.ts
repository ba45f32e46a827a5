import { describe, expect, it } from "vitest";
import { parseIssueCommand } from "../../src/domain/commands/issue-command";
import { parseTodoCommand } from "../../src/domain/commands/todo-command";
import { addDays, overdueTodos, todoCompletion, type Todo } from "../../src/domain/todo";

const todo = (id: number, due: string, state: Todo["state"] = "open"): Todo => ({
  id,
  title: `To-do ${id}`,
  ownerId: "U1",
  due,
  state,
  issueId: null,
  createdBy: "U1",
  createdAt: new Date("2026-11-01"),
});

describe("to-do arithmetic", () => {
  it("adds days across a month and a year end", () => {
    expect(addDays("2026-11-27", 7)).toBe("2026-12-04");
    expect(addDays("2026-12-28", 7)).toBe("2027-01-04");
  });

  it("rates last week's to-dos by due date, leaving dropped ones out", () => {
    // 2026-W47 is Nov 16–22.
    const todos = [
      todo(1, "2026-11-16", "done"),
      todo(2, "2026-11-22"),
      todo(3, "2026-11-18", "dropped"),
      todo(4, "2026-11-23", "done"),
      todo(5, "2026-11-15", "done"),
    ];
    expect(todoCompletion(todos, "2026-W47")).toEqual({ done: 1, due: 2 });
  });

  it("calls open to-dos overdue the day after they were due", () => {
    const todos = [todo(1, "2026-11-23"), todo(2, "2026-11-24"), todo(3, "2026-11-20", "done")];
    expect(overdueTodos(todos, "2026-11-24").map((item) => item.id)).toEqual([1]);
  });
});

describe("parsing", () => {
  const todoScenarios: Array<{ text: string; command: unknown }> = [
    { text: "", command: { type: "list" } },
    { text: "add Call the bank", command: { type: "add", title: "Call the bank", ownerId: null, due: null } },
    { text: "add Call the bank <@UBEN> due 2026-12-04", command: { type: "add", title: "Call the bank", ownerId: "UBEN", due: "2026-12-04" } },
    { text: "done T5", command: { type: "done", id: 5 } },
    { text: "drop 5", command: { type: "drop", id: 5 } },
  ];
  it.each(todoScenarios)("/todo $text", ({ text, command }) => expect(parseTodoCommand(text)).toEqual({ ok: true, command }));

  it("reads a to-do at the end of `/issue resolve`, and leaves a note that merely says todo alone", () => {
    expect(parseIssueCommand("resolve 3 Fixed it todo <@UBEN|ben> Write the runbook")).toEqual({
      ok: true,
      command: { type: "resolve", id: 3, note: "Fixed it", todo: { ownerId: "UBEN", title: "Write the runbook" } },
    });
    expect(parseIssueCommand("resolve 3 Cleared the todo list")).toEqual({ ok: true, command: { type: "resolve", id: 3, note: "Cleared the todo list" } });
  });
});

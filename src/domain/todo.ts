// To-dos: seven-day commitments, possibly from resolving an issue.
import { daysOfWeek } from "./away";
import type { IsoWeek } from "./week";

export type TodoState = "open" | "done" | "dropped";

export interface Todo {
  id: number;
  title: string;
  ownerId: string;
  /** `YYYY-MM-DD` on the team's calendar. */
  due: string;
  state: TodoState;
  /** The issue whose resolution added it. */
  issueId: number | null;
  createdBy: string;
  createdAt: Date;
}

export const TODO_DAYS = 7;

/** `day` plus `days` calendar days. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 24 * 3600 * 1000).toISOString().slice(0, 10);
}

/** Of the to-dos due in `week` (dropped ones aside), how many are done: the digest's completion rate. */
export function todoCompletion(todos: Todo[], week: IsoWeek): { done: number; due: number } {
  const days = daysOfWeek(week);
  const due = todos.filter((todo) => todo.state !== "dropped" && todo.due >= days[0] && todo.due <= days[6]);
  return { done: due.filter((todo) => todo.state === "done").length, due: due.length };
}

/** Open to-dos whose due day has passed by `today`. */
export function overdueTodos(todos: Todo[], today: string): Todo[] {
  return todos.filter((todo) => todo.state === "open" && todo.due < today);
}

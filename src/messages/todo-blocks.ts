// To-dos in messages: `/todo list`, the check-in DM's Done buttons, and the digest's completion rate.
import type { Todo } from "../domain/todo";
import { ACTIONS } from "./ids";
import { compactList } from "./compact-list";
import { context, formatTypedText, header, packLines, section, type Block } from "./limits";
import type { Reply } from "./reply";

// One block a to-do: this many keep a check-in DM inside Slack's 50 blocks next to the priorities.
const CHECKIN_TODOS = 8;

export function todoLine(todo: Todo): string {
  const from = todo.issueId === null ? "" : ` · from #${todo.issueId}`;
  return `:ballot_box_with_check: *T${todo.id}* ${formatTypedText(todo.title)} · <@${todo.ownerId}> · due ${todo.due}${from}`;
}

export function buildTodoListReply(todos: Todo[]): Reply {
  if (todos.length === 0) return { text: "No open to-dos.", blocks: [section("No open to-dos. Add one with `/todo add <title> [@owner] [due 2026-12-04]`.")] };
  return {
    text: `${todos.length} open to-dos`,
    blocks: [header(`To-dos (${todos.length} open)`), ...packLines(todos.map(todoLine)).map((text) => section(text))],
  };
}

/** The owner's open to-dos in their check-in DM, each with a Done button. */
export function checkinTodoBlocks(todos: Todo[]): Block[] {
  if (todos.length === 0) return [];
  const blocks: Block[] = [section(`*Your to-dos* (${todos.length})`)];
  for (const todo of todos.slice(0, CHECKIN_TODOS)) {
    blocks.push(
      section(todoLine(todo), {
        accessory: { type: "button", action_id: ACTIONS.todoDone, text: { type: "plain_text", text: "Done" }, value: String(todo.id) },
      }),
    );
  }
  if (todos.length > CHECKIN_TODOS) blocks.push(context(`…and ${todos.length - CHECKIN_TODOS} more: \`/todo list\`.`));
  return blocks;
}

/** "To-dos: 4 of 5 due last week done (80%)", then the overdue ones. */
export function digestTodoBlock(completion: { done: number; due: number }, overdue: Todo[]): Block {
  const rate =
    completion.due === 0
      ? "none were due last week"
      : `${completion.done} of ${completion.due} due last week done (${Math.round((completion.done / completion.due) * 100)}%)`;
  const title = `*To-dos: ${rate}* · ${overdue.length === 0 ? "none overdue" : `${overdue.length} overdue:`}`;
  return compactList(title, overdue.map(todoLine), (count) => `…and ${count} more overdue: \`/todo list\``);
}

/** Block ids of the resolve form's optional to-do: what it is and whose it is (default: whoever resolves). */
export const RESOLVE_TODO_FIELDS = { title: "todo_title", owner: "todo_owner" } as const;

export function resolveTodoInputs(): Block[] {
  return [
    {
      type: "input",
      block_id: RESOLVE_TODO_FIELDS.title,
      optional: true,
      label: { type: "plain_text", text: "To-do it leads to (optional, due in 7 days)" },
      element: { type: "plain_text_input", action_id: RESOLVE_TODO_FIELDS.title, max_length: 200 },
    },
    {
      type: "input",
      block_id: RESOLVE_TODO_FIELDS.owner,
      optional: true,
      label: { type: "plain_text", text: "Whose to-do (default: you)" },
      element: { type: "users_select", action_id: RESOLVE_TODO_FIELDS.owner },
    },
  ];
}

// `/todo …` text → a typed command, or a one-line error that says what was expected.
import { tokenize } from "../command-tokens";
import { excerpt } from "../excerpt";
import { parsePrefixedId } from "../priority";
import type { Parsed } from "./cadence-command";
import { parseOwnedItem } from "./priority-command";

export type TodoCommand =
  | { type: "list" }
  | { type: "add"; title: string; ownerId: string | null; due: string | null }
  | { type: "done"; id: number }
  | { type: "drop"; id: number };

export const TODO_USAGE = {
  add: "`/todo add <title> [@owner] [due 2026-12-04]`",
  all: "`/todo [list]`, `/todo add <title> [@owner] [due 2026-12-04]`, `/todo done <id>` or `/todo drop <id>`",
};

export const MAX_TODO_TITLE = 200;
const fail = (error: string): { ok: false; error: string } => ({ ok: false, error });

export function parseTodoCommand(text: string): Parsed<TodoCommand> {
  const tokenized = tokenize(text);
  if (!tokenized.ok) return fail(`${tokenized.error}; expected ${TODO_USAGE.add}`);
  const [first, ...rest] = tokenized.tokens;
  const verb = first?.kind === "word" ? first.text.toLowerCase() : first?.text;
  if (verb === undefined || (verb === "list" && rest.length === 0)) return { ok: true, command: { type: "list" } };
  if (verb === "add") {
    const item = parseOwnedItem(rest, { usage: TODO_USAGE.add, maxTitle: MAX_TODO_TITLE });
    return item.ok ? { ok: true, command: { type: "add", ...item.command } } : item;
  }
  if (verb === "done" || verb === "drop") {
    const id = parsePrefixedId(rest[0]?.text, "T");
    if (id === undefined || rest.length !== 1) return fail(`expected \`/todo ${verb} <id>\`, with an id like T5 or 5`);
    return { ok: true, command: { type: verb, id } };
  }
  return fail(`unknown command \`${excerpt(first.text, 30)}\`: expected ${TODO_USAGE.all}`);
}

// `/priority …` text → a typed command, or a one-line error that says what was expected.
import { parseDay } from "../away";
import { tokenize, type Token } from "../command-tokens";
import { excerpt } from "../excerpt";
import { parsePrefixedId } from "../priority";
import type { Parsed } from "./cadence-command";

export type PriorityCommand =
  | { type: "list" }
  | { type: "add"; title: string; ownerId: string | null; due: string | null }
  | { type: "done"; id: number }
  | { type: "drop"; id: number; note: string | null }
  | { type: "status"; id: number; onTrack: boolean };

export const PRIORITY_USAGE = {
  add: '`/priority add "<title>" [@owner] [due 2026-12-31]`',
  all: '`/priority [list]`, `/priority add "<title>" [@owner] [due 2026-12-31]`, `/priority done <id>`, `/priority drop <id> [note]` or `/priority status <id> on|off`',
};

export const MAX_PRIORITY_TITLE = 200;
const MAX_NOTE = 1000;
const fail = (error: string): { ok: false; error: string } => ({ ok: false, error });

export function parsePriorityCommand(text: string): Parsed<PriorityCommand> {
  const tokenized = tokenize(text);
  if (!tokenized.ok) return fail(`${tokenized.error}; expected ${PRIORITY_USAGE.add}`);
  const [first, ...rest] = tokenized.tokens;
  const verb = first?.kind === "word" ? first.text.toLowerCase() : first?.text;
  if (verb === undefined || (verb === "list" && rest.length === 0)) return { ok: true, command: { type: "list" } };
  if (verb === "add") {
    const item = parseOwnedItem(rest, { usage: PRIORITY_USAGE.add, maxTitle: MAX_PRIORITY_TITLE });
    return item.ok ? { ok: true, command: { type: "add", ...item.command } } : item;
  }
  const id = parsePrefixedId(rest[0]?.text, "P");
  if (verb === "done" || verb === "drop" || verb === "status") {
    if (id === undefined) return fail(`expected \`/priority ${verb} <id>${verb === "status" ? " on|off" : ""}\`, with an id like P3 or 3`);
    if (verb === "done") return rest.length === 1 ? { ok: true, command: { type: "done", id } } : fail("`/priority done <id>` takes nothing after the id");
    if (verb === "drop") {
      const note =
        rest
          .slice(1)
          .map((token) => token.text)
          .join(" ")
          .trim() || null;
      if (note && note.length > MAX_NOTE) return fail(`the note is ${note.length} characters; keep it under ${MAX_NOTE}`);
      return { ok: true, command: { type: "drop", id, note } };
    }
    const state = rest[1]?.text.toLowerCase();
    if (rest.length !== 2 || (state !== "on" && state !== "off")) return fail("expected `/priority status <id> on|off`");
    return { ok: true, command: { type: "status", id, onTrack: state === "on" } };
  }
  return fail(`unknown command \`${excerpt(first.text, 30)}\`: expected ${PRIORITY_USAGE.all}`);
}

/**
 * `<title> [@owner] [due YYYY-MM-DD]`, shared by `/priority add` and `/todo add`. The title is one quoted string
 * or the words before the owner or `due`.
 */
export function parseOwnedItem(
  tokens: Token[],
  options: { usage: string; maxTitle: number },
): Parsed<{ title: string; ownerId: string | null; due: string | null }> {
  const { usage, maxTitle } = options;
  const isDue = (token: Token) => token.kind === "word" && token.text.toLowerCase() === "due";
  const titleEnd = tokens.findIndex((token) => token.kind === "user" || isDue(token));
  const titleTokens = titleEnd < 0 ? tokens : tokens.slice(0, titleEnd);
  const title = titleTokens
    .map((token) => token.text)
    .join(" ")
    .trim();
  if (title === "") return fail(`the title is missing: expected ${usage}`);
  if (title.length > maxTitle) return fail(`the title is ${title.length} characters; keep it under ${maxTitle}`);
  let rest = titleEnd < 0 ? [] : tokens.slice(titleEnd);
  let ownerId: string | null = null;
  if (rest[0]?.kind === "user") {
    ownerId = rest[0].userId;
    rest = rest.slice(1);
  }
  let due: string | null = null;
  if (rest[0] && isDue(rest[0])) {
    due = rest[1] ? (parseDay(rest[1].text) ?? null) : null;
    if (!due) return fail(`${rest[1] ? `\`${excerpt(rest[1].text, 30)}\` is not a date` : "the due date is missing"}: expected ${usage}`);
    rest = rest.slice(2);
  }
  if (rest.length > 0) return fail(`unexpected \`${excerpt(rest[0].text, 30)}\`: expected ${usage}`);
  return { ok: true, command: { title, ownerId, due } };
}

// `/issue …` text → a typed command.
import { decodeSlackEntities as decode, tokenize } from "../command-tokens";
import type { Parsed } from "./cadence-command";

export type IssueCommand =
  | { type: "list" }
  | { type: "add"; title: string }
  | { type: "resolve"; id: number; note: string | null; todo?: { ownerId: string; title: string } }
  | { type: "drop"; id: number; note: string | null }
  | { type: "assign"; id: number; assigneeId: string };

export const MAX_TITLE_LENGTH = 200;
export const MAX_NOTE_LENGTH = 1000;
const RESOLVE_TODO = /(?:^|\s)todo\s+<@([A-Z0-9]+)(?:\|[^>]*)?>\s+(\S.*)$/is;
/** Every form of `/issue`: the parser's errors and `/cadence help` both list them. */
export const ISSUE_FORMS = ["`/issue list`", "`/issue add <title>`", "`/issue resolve <id> <note>`", "`/issue drop <id> [note]`", "`/issue assign <id> @user`"];
const ISSUE_USAGE = `${ISSUE_FORMS.slice(0, -1).join(", ")} or ${ISSUE_FORMS.at(-1)}`;

/** `12` or `#12`: ids start at 1 (the database's autoincrement), so `#0` is no id. */
export function parseIssueId(text: string | undefined): number | undefined {
  const match = /^#?(\d{1,9})$/.exec(text?.trim() ?? "");
  const id = match ? Number(match[1]) : 0;
  return id > 0 ? id : undefined;
}

export function parseIssueCommand(raw: string): Parsed<IssueCommand> {
  const text = raw.trim();
  if (text === "" || /^list$/i.test(text)) return { ok: true, command: { type: "list" } };
  const [verb = "", ...restWords] = text.split(/\s+/);
  const rest = text.slice(verb.length).trim();
  switch (verb.toLowerCase()) {
    case "add": {
      const title = decode(rest).trim();
      if (title === "") return { ok: false, error: "the title is missing: expected `/issue add <title>`" };
      if (title.length > MAX_TITLE_LENGTH) return { ok: false, error: `the title is ${title.length} characters; keep it under ${MAX_TITLE_LENGTH}` };
      return { ok: true, command: { type: "add", title } };
    }
    case "resolve":
    case "drop": {
      const id = parseIssueId(restWords[0]);
      if (id === undefined)
        return {
          ok: false,
          error: `expected \`/issue ${verb.toLowerCase()} <id> ${verb.toLowerCase() === "resolve" ? "<note>" : "[note]"}\`, with an id like 12 or #12`,
        };
      const tail = rest.slice(restWords[0].length);
      // `… <note> todo @owner <title>`: resolving adds the to-do it leads to.
      const withTodo = verb.toLowerCase() === "resolve" ? RESOLVE_TODO.exec(tail) : null;
      const note = decode(withTodo ? tail.slice(0, withTodo.index) : tail).trim() || null;
      if (withTodo) {
        const title = decode(withTodo[2]).trim();
        if (title.length > MAX_TITLE_LENGTH) return { ok: false, error: `the to-do is ${title.length} characters; keep it under ${MAX_TITLE_LENGTH}` };
        if (note && note.length > MAX_NOTE_LENGTH) return { ok: false, error: `the note is ${note.length} characters; keep it under ${MAX_NOTE_LENGTH}` };
        return { ok: true, command: { type: "resolve", id, note, todo: { ownerId: withTodo[1], title } } };
      }
      if (note && note.length > MAX_NOTE_LENGTH) return { ok: false, error: `the note is ${note.length} characters; keep it under ${MAX_NOTE_LENGTH}` };
      return { ok: true, command: { type: verb.toLowerCase() as "resolve" | "drop", id, note } };
    }
    case "assign": {
      const id = parseIssueId(restWords[0]);
      const tokens = tokenize(rest.slice(restWords[0]?.length ?? 0));
      const user = tokens.ok && tokens.tokens.length === 1 && tokens.tokens[0].kind === "user" ? tokens.tokens[0].userId : undefined;
      if (id === undefined || !user) return { ok: false, error: "expected `/issue assign <id> @user`, with an id like 12 or #12" };
      return { ok: true, command: { type: "assign", id, assigneeId: user } };
    }
    default:
      return { ok: false, error: `unknown command \`${verb.slice(0, 30)}\`: expected ${ISSUE_USAGE}` };
  }
}

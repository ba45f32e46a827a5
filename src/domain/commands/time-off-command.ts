// Time off in slash commands: `/cadence away|holiday …` (admins) and `/scorecard away …` (for oneself).
import { parseDay, rangeProblem } from "../away";
import type { Token } from "../command-tokens";
import { excerpt } from "../excerpt";
import type { Parsed } from "./cadence-command";

export type TimeOffCommand =
  | { type: "away.add"; userId: string; from: string; to: string; note: string | null }
  | { type: "away.list" }
  | { type: "holiday.add"; from: string; to: string; name: string | null };

export const TIME_OFF_USAGE = {
  away: '`/cadence away @user <from> <to> ["<note>"]`, dates like 2026-12-21',
  list: "`/cadence away list`",
  holiday: '`/cadence holiday <from> <to> ["<name>"]`, dates like 2026-12-24',
  self: "`/scorecard away <from> <to>`, dates like 2026-12-21",
};

const MAX_NOTE_LENGTH = 200;
const fail = (error: string): { ok: false; error: string } => ({ ok: false, error });

/** `/cadence away …` or `/cadence holiday …`, given the words after `away`/`holiday`. */
export function parseCadenceTimeOff(area: "away" | "holiday", tokens: Token[]): Parsed<TimeOffCommand> {
  if (area === "holiday") {
    const range = readRange(tokens, TIME_OFF_USAGE.holiday);
    if (!range.ok) return range;
    const name = readNote(tokens.slice(2), "holiday name", TIME_OFF_USAGE.holiday);
    if (!name.ok) return name;
    return { ok: true, command: { type: "holiday.add", ...range.command, name: name.command } };
  }
  const [first, ...rest] = tokens;
  if (first?.kind === "word" && first.text.toLowerCase() === "list") {
    return rest.length === 0 ? { ok: true, command: { type: "away.list" } } : fail(`${TIME_OFF_USAGE.list} takes nothing after it`);
  }
  if (first?.kind !== "user")
    return fail(
      `${first ? `\`${excerpt(first.text, 30)}\` is not a user mention` : "whose time off? The user is missing"}: expected ${TIME_OFF_USAGE.away} or ${TIME_OFF_USAGE.list}`,
    );
  const range = readRange(rest, TIME_OFF_USAGE.away);
  if (!range.ok) return range;
  const note = readNote(rest.slice(2), "note", TIME_OFF_USAGE.away);
  if (!note.ok) return note;
  return { ok: true, command: { type: "away.add", userId: first.userId, ...range.command, note: note.command } };
}

/** `/scorecard away <from> <to>`, given the words after `away`. */
export function parseSelfAway(tokens: Token[]): Parsed<{ from: string; to: string }> {
  const range = readRange(tokens, TIME_OFF_USAGE.self);
  if (!range.ok) return range;
  return tokens.length > 2 ? fail(`too many words: expected ${TIME_OFF_USAGE.self}`) : range;
}

function readRange(tokens: Token[], usage: string): Parsed<{ from: string; to: string }> {
  const [fromToken, toToken] = tokens;
  if (!fromToken || !toToken) return fail(`both dates are needed: expected ${usage}`);
  const from = fromToken.kind === "word" ? parseDay(fromToken.text) : undefined;
  const to = toToken.kind === "word" ? parseDay(toToken.text) : undefined;
  if (!from) return fail(`\`${excerpt(fromToken.text, 30)}\` is not a date: expected ${usage}`);
  if (!to) return fail(`\`${excerpt(toToken.text, 30)}\` is not a date: expected ${usage}`);
  const problem = rangeProblem(from, to);
  return problem ? fail(problem) : { ok: true, command: { from, to } };
}

function readNote(tokens: Token[], what: string, usage: string): Parsed<string | null> {
  if (tokens.length === 0) return { ok: true, command: null };
  if (tokens.length > 1 || tokens[0].kind !== "quoted") return fail(`put the ${what} in one pair of quotes: expected ${usage}`);
  const note = tokens[0].text.trim();
  if (note.length > MAX_NOTE_LENGTH) return fail(`the ${what} is longer than ${MAX_NOTE_LENGTH} characters`);
  return { ok: true, command: note === "" ? null : note };
}

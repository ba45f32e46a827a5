// `/scorecard …` text → a typed command.
import { tokenize } from "../command-tokens";
import { excerpt } from "../excerpt";

// The same limit set-up puts on KPI names: a longer name cannot exist.
const MAX_KPI_NAME_LENGTH = 80;
import type { Parsed } from "./cadence-command";
import { parseSelfAway } from "./time-off-command";

export type ScorecardCommand =
  | { type: "scorecard" }
  | { type: "history"; kpi: string }
  | { type: "set"; kpi: string; value: string; week?: string }
  | { type: "away"; from: string; to: string };

/** Every form of `/scorecard`: the parser's errors and `/cadence help` both list them. */
export const SCORECARD_FORMS = ["`/scorecard`", '`/scorecard "<kpi>"`', '`/scorecard set "<kpi>" <value> [2026-W47]`'];
export const SCORECARD_USAGE = `${SCORECARD_FORMS.slice(0, -1).join(", ")} or ${SCORECARD_FORMS.at(-1)}`;

export function parseScorecardCommand(text: string): Parsed<ScorecardCommand> {
  const tokenized = tokenize(text);
  if (!tokenized.ok) return { ok: false, error: `${tokenized.error}; expected ${SCORECARD_USAGE}` };
  const tokens = tokenized.tokens;
  if (tokens.length === 0) return { ok: true, command: { type: "scorecard" } };
  const [first, ...rest] = tokens;
  // A lone `away` still reads the history of a KPI called "away".
  if (first.kind === "word" && first.text.toLowerCase() === "away" && rest.length > 0) {
    const range = parseSelfAway(rest);
    return range.ok ? { ok: true, command: { type: "away", ...range.command } } : range;
  }
  if (first.kind === "word" && first.text.toLowerCase() === "set") {
    const [kpi, ...valueTokens] = rest;
    if (!kpi || (kpi.kind !== "quoted" && kpi.kind !== "word")) return { ok: false, error: `the KPI is missing: expected ${SCORECARD_USAGE}` };
    const words = valueTokens.map((token) => token.text);
    const week = words.length > 1 && /^\d{4}-W\d{1,2}$/i.test(words[words.length - 1]) ? words.pop() : undefined;
    if (kpi.text.length > MAX_KPI_NAME_LENGTH) return { ok: false, error: `the KPI name is longer than ${MAX_KPI_NAME_LENGTH} characters` };
    if (words.length === 0) return { ok: false, error: `the value is missing: expected \`/scorecard set "${excerpt(kpi.text)}" <value> [2026-W47]\`` };
    return { ok: true, command: { type: "set", kpi: kpi.text, value: words.join(" "), week } };
  }
  if (tokens.length === 1 && (first.kind === "quoted" || first.kind === "word")) {
    if (first.text.length > MAX_KPI_NAME_LENGTH) return { ok: false, error: `the KPI name is longer than ${MAX_KPI_NAME_LENGTH} characters` };
    return { ok: true, command: { type: "history", kpi: first.text } };
  }
  return { ok: false, error: `expected ${SCORECARD_USAGE}; quote KPI names with spaces` };
}

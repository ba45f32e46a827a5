// `/cadence …` text → a typed set-up command, or a one-line error that says what was expected.
import { parseGoal, type Goal } from "../goal";
import type { SeatKind } from "../model";
import { parseUnit, parseValue, UNITS, type Unit } from "../units";
import { tokenize, type Token } from "../command-tokens";
import { excerpt } from "../excerpt";
import { parseKillCommand, parsePilotSeatCommand, parseReviewCommand, PILOT_SEAT_ACTIONS, type PilotCommand } from "./pilot-command";
import { parseCadenceTimeOff, type TimeOffCommand } from "./time-off-command";

export const JOB_NAMES = ["checkins", "reminders", "drift", "digest"] as const;
export type JobName = (typeof JOB_NAMES)[number];

export type CadenceCommand =
  | { type: "help" }
  | { type: "seat.add"; name: string; ownerId: string; kind: SeatKind; accountability: string | null }
  | { type: "seat.list" }
  | { type: "seat.owner"; seat: string; ownerId: string }
  | { type: "seat.archive"; seat: string }
  | { type: "seat.token"; seat: string; revoke: boolean }
  | { type: "kpi.add"; seat: string; kpi: string; goal: Goal; unit: Unit }
  | { type: "kpi.list" }
  | { type: "run"; job: JobName }
  | { type: "status" }
  | PilotCommand
  | { type: "timeOff"; timeOff: TimeOffCommand };

export type Parsed<T> = { ok: true; command: T } | { ok: false; error: string };

export const CADENCE_USAGE = {
  seatAdd: '`/cadence seat add "<name>" @owner agent|human ["<accountability>"]`',
  seatOwner: '`/cadence seat owner "<seat>" @new-owner`',
  seatArchive: '`/cadence seat archive "<seat>"`',
  seatToken: '`/cadence seat token "<seat>"` or `/cadence seat token "<seat>" revoke`',
  kpiAdd: '`/cadence kpi add "<seat>" "<kpi>" >=|<=|= <target> [unit]` or `… between <a> and <b> [unit]`',
  run: "`/cadence run checkins|reminders|drift|digest`",
  status: "`/cadence status`",
};

const fail = (error: string): { ok: false; error: string } => ({ ok: false, error });
const MAX_NAME_LENGTH = 80;
const MAX_ACCOUNTABILITY_LENGTH = 300;

export function parseCadenceCommand(text: string): Parsed<CadenceCommand> {
  const tokenized = tokenize(text);
  if (!tokenized.ok) return fail(`${tokenized.error}; names with spaces go in double quotes, like "Support triage agent"`);
  const [first, second, ...rest] = tokenized.tokens;
  const area = word(first);
  const action = word(second);
  if (area === undefined || area === "help") return { ok: true, command: { type: "help" } };
  if (area === "seat") {
    if (action === "add") return parseSeatAdd(rest);
    if (action === "list") return rest.length === 0 ? { ok: true, command: { type: "seat.list" } } : fail("`/cadence seat list` takes nothing after it");
    if (action === "owner") return parseSeatOwner(rest);
    if (action === "archive") return parseSeatArchive(rest);
    if (action === "token") return parseSeatToken(rest);
    if (action !== undefined && PILOT_SEAT_ACTIONS.has(action)) return parsePilotSeatCommand(action, rest);
    return fail("expected `/cadence seat add|list|owner|archive|token|stage|history|gate|webhook …` (try `/cadence help`)");
  }
  if (area === "kpi") {
    if (action === "add") return parseKpiAdd(rest);
    if (action === "list") return rest.length === 0 ? { ok: true, command: { type: "kpi.list" } } : fail("`/cadence kpi list` takes nothing after it");
    if (action === "kill") return parseKillCommand(rest);
    return fail("expected `/cadence kpi add|list|kill …` (try `/cadence help`)");
  }
  if (area === "run") {
    const job = JOB_NAMES.find((name) => name === action);
    if (!job || rest.length > 0) return fail(`expected ${CADENCE_USAGE.run}`);
    return { ok: true, command: { type: "run", job } };
  }
  if (area === "review") return parseReviewCommand(tokenized.tokens.slice(1));
  if (area === "away" || area === "holiday") {
    const timeOff = parseCadenceTimeOff(area, tokenized.tokens.slice(1));
    return timeOff.ok ? { ok: true, command: { type: "timeOff", timeOff: timeOff.command } } : timeOff;
  }
  if (area === "status") return second === undefined ? { ok: true, command: { type: "status" } } : fail(`\`/cadence status\` takes nothing after it`);
  return fail(
    `unknown command \`${excerpt(first?.text ?? "", 30)}\`: expected \`seat\`, \`kpi\`, \`review\`, \`run\`, \`status\`, \`away\`, \`holiday\` or \`help\``,
  );
}

export function word(token: Token | undefined): string | undefined {
  return token?.kind === "word" ? token.text.toLowerCase() : token?.text;
}

/** A name: a quoted string, or a single bare word. */
export function readName(token: Token | undefined, what: string, usage: string): Parsed<string> {
  if (!token) return fail(`the ${what} is missing: expected ${usage}`);
  if (token.kind !== "quoted" && token.kind !== "word") return fail(`expected the ${what} in quotes, not a mention: ${usage}`);
  const name = token.text.trim();
  if (name === "") return fail(`the ${what} is empty: expected ${usage}`);
  if (name.length > MAX_NAME_LENGTH) return fail(`the ${what} is longer than ${MAX_NAME_LENGTH} characters`);
  return { ok: true, command: name };
}

function readUser(token: Token | undefined, usage: string): Parsed<string> {
  if (token?.kind === "user") return { ok: true, command: token.userId };
  if (!token) return fail(`the owner is missing: expected ${usage}`);
  return fail(`\`${excerpt(token.text, 30)}\` is not a user mention: expected ${usage}`);
}

function parseSeatAdd(tokens: Token[]): Parsed<CadenceCommand> {
  const usage = CADENCE_USAGE.seatAdd;
  const name = readName(tokens[0], "seat name", usage);
  if (!name.ok) return name;
  const owner = readUser(tokens[1], usage);
  if (!owner.ok) return owner;
  const kind = word(tokens[2]);
  if (kind !== "agent" && kind !== "human") return fail(`the seat kind must be \`agent\` or \`human\`: expected ${usage}`);
  const extra = tokens.slice(3);
  if (extra.length > 1 || (extra[0] && extra[0].kind !== "quoted")) return fail(`put the accountability in one pair of quotes: expected ${usage}`);
  const accountability = extra[0]?.text.trim() || null;
  if (accountability && accountability.length > MAX_ACCOUNTABILITY_LENGTH)
    return fail(`the accountability is longer than ${MAX_ACCOUNTABILITY_LENGTH} characters`);
  return { ok: true, command: { type: "seat.add", name: name.command, ownerId: owner.command, kind, accountability } };
}

function parseSeatOwner(tokens: Token[]): Parsed<CadenceCommand> {
  const name = readName(tokens[0], "seat name", CADENCE_USAGE.seatOwner);
  if (!name.ok) return name;
  const owner = readUser(tokens[1], CADENCE_USAGE.seatOwner);
  if (!owner.ok) return owner;
  if (tokens.length > 2) return fail(`too many words: expected ${CADENCE_USAGE.seatOwner}`);
  return { ok: true, command: { type: "seat.owner", seat: name.command, ownerId: owner.command } };
}

function parseSeatArchive(tokens: Token[]): Parsed<CadenceCommand> {
  const name = readName(tokens[0], "seat name", CADENCE_USAGE.seatArchive);
  if (!name.ok) return name;
  if (tokens.length > 1) return fail(`too many words: expected ${CADENCE_USAGE.seatArchive}`);
  return { ok: true, command: { type: "seat.archive", seat: name.command } };
}

function parseSeatToken(tokens: Token[]): Parsed<CadenceCommand> {
  const name = readName(tokens[0], "seat name", CADENCE_USAGE.seatToken);
  if (!name.ok) return name;
  const extra = word(tokens[1]);
  if (tokens.length > 2 || (extra !== undefined && extra !== "revoke")) return fail(`expected ${CADENCE_USAGE.seatToken}`);
  return { ok: true, command: { type: "seat.token", seat: name.command, revoke: extra === "revoke" } };
}

/** Without a unit word, the target's own form says it: `97%`, `$1,200`, `1h 30m`, `yes`. */
function unitImpliedBy(target: string): Unit {
  if (/%\s*$/.test(target)) return "percent";
  // $ € £ ¥, written as escapes: tools/build.mjs keeps the bundle one byte a character.
  if (/^[+-]?\s*[$\u20AC\u00A3\u00A5]/.test(target)) return "currency";
  if (!parseValue(target, "number").ok && parseValue(target, "duration").ok) return "duration";
  if (!parseValue(target, "number").ok && parseValue(target, "yes/no").ok) return "yes/no";
  return "number";
}

function parseKpiAdd(tokens: Token[]): Parsed<CadenceCommand> {
  const usage = CADENCE_USAGE.kpiAdd;
  const seat = readName(tokens[0], "seat name", usage);
  if (!seat.ok) return seat;
  const kpi = readName(tokens[1], "KPI name", usage);
  if (!kpi.ok) return kpi;
  const goalWords = tokens.slice(2).map((token) => token.text);
  if (goalWords.length === 0) return fail(`the goal is missing: expected ${usage}`);
  const last = goalWords[goalWords.length - 1];
  // A trailing unit word is optional; `= yes` implies yes/no.
  const statedUnit = goalWords.length >= 3 ? parseUnit(last) : undefined;
  const unit: Unit = statedUnit ?? unitImpliedBy(goalWords.slice(1).join(" "));
  const words = statedUnit ? goalWords.slice(0, -1) : goalWords;
  const goal = parseGoal(words, unit);
  if (!goal.ok) {
    const unknownUnit = !statedUnit && goalWords.length >= 3 && /^[a-z/]+$/i.test(last) && last.toLowerCase() !== "and";
    return fail(unknownUnit ? `unknown unit \`${excerpt(last, 30)}\`: expected one of ${UNITS.join(", ")}` : `${goal.error}; expected ${usage}`);
  }
  return { ok: true, command: { type: "kpi.add", seat: seat.command, kpi: kpi.command, goal: goal.goal, unit } };
}

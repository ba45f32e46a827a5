// `/cadence` commands for AI seats from pilot to production: stages, history, gate, kill thresholds, reviews,
// the stop webhook. Parsed here so the set-up parser only delegates to it.
import type { Token } from "../command-tokens";
import { excerpt } from "../excerpt";
import { DEFAULT_GATE, GATE_LIMITS } from "../gate";
import { isReviewKind, isReviewState, REVIEW_KINDS, type ReviewKind, type ReviewState } from "../review";
import { isStage, STAGES, type SeatStage } from "../stage";
import { parseWebhookUrl } from "../webhook-url";
import { readName, word, type Parsed } from "./cadence-command";

export const KILL_OPS = ["<", "<=", ">", ">="] as const;
export type KillOp = (typeof KILL_OPS)[number];

export type PilotCommand =
  | { type: "seat.stage"; seat: string; stage: SeatStage; reason: string | null }
  | { type: "seat.history"; seat: string }
  | { type: "seat.gate"; seat: string; gate: { weeks: number; percent: number } | null }
  | { type: "seat.webhook"; seat: string; url: string }
  | { type: "kpi.kill"; kpi: string; op: KillOp; valueText: string }
  | { type: "review"; seat: string; kind: ReviewKind; state: ReviewState; note: string | null };

export const PILOT_USAGE = {
  stage: `\`/cadence seat stage "<seat>" ${STAGES.join("|")} ["<reason>"]\``,
  history: '`/cadence seat history "<seat>"`',
  gate: '`/cadence seat gate "<seat>" <weeks> <percent>%` (default 4 weeks, 80%)',
  webhook: '`/cadence seat webhook "<seat>" <https-url>`',
  kill: '`/cadence kpi kill "<kpi>" <|<=|>|>= <value>`',
  review: `\`/cadence review "<seat>" ${REVIEW_KINDS.join("|")} pending|approved|rejected ["<note>"]\``,
};

export const PILOT_SEAT_ACTIONS = new Set(["stage", "history", "gate", "webhook"]);
const MAX_REASON_LENGTH = 300;
const fail = (error: string): { ok: false; error: string } => ({ ok: false, error });
const ok = (command: PilotCommand): Parsed<PilotCommand> => ({ ok: true, command });

export function parsePilotSeatCommand(action: string, tokens: Token[]): Parsed<PilotCommand> {
  const usage = PILOT_USAGE[action === "stage" ? "stage" : action === "history" ? "history" : action === "gate" ? "gate" : "webhook"];
  const seat = readName(tokens[0], "seat name", usage);
  if (!seat.ok) return seat;
  const rest = tokens.slice(1);
  if (action === "history") return rest.length === 0 ? ok({ type: "seat.history", seat: seat.command }) : fail(`too many words: expected ${usage}`);
  if (action === "stage") {
    const stage = word(rest[0]);
    if (stage === undefined) return fail(`the stage is missing: expected ${usage}`);
    if (!isStage(stage)) return fail(`unknown stage \`${excerpt(stage, 30)}\`: expected one of ${STAGES.join(", ")}`);
    const reason = readNote(rest.slice(1), "reason", usage);
    if (!reason.ok) return reason;
    return ok({ type: "seat.stage", seat: seat.command, stage, reason: reason.command });
  }
  if (action === "gate") return parseGate(seat.command, rest, usage);
  const url = parseWebhookUrl(rest[0]?.text ?? "");
  if (!url.ok) return fail(`${url.error}: expected ${usage}`);
  if (rest.length > 1) return fail(`too many words: expected ${usage}`);
  return ok({ type: "seat.webhook", seat: seat.command, url: url.url });
}

function parseGate(seat: string, rest: Token[], usage: string): Parsed<PilotCommand> {
  if (rest.length === 0) return ok({ type: "seat.gate", seat, gate: null });
  if (rest.length > 2) return fail(`too many words: expected ${usage}`);
  const weeksText = rest[0].text.replace(/\s*weeks?$/i, "");
  const percentText = (rest[1]?.text ?? `${DEFAULT_GATE.percent}%`).replace(/%$/, "");
  const weeks = /^\d+$/.test(weeksText) ? Number(weeksText) : NaN;
  const percent = /^\d+$/.test(percentText) ? Number(percentText) : NaN;
  const { weeks: w, percent: p } = GATE_LIMITS;
  if (!(weeks >= w.min && weeks <= w.max)) return fail(`the gate's weeks must be a whole number from ${w.min} to ${w.max}: expected ${usage}`);
  if (!(percent >= p.min && percent <= p.max)) return fail(`the gate's percent must be a whole number from ${p.min} to ${p.max}: expected ${usage}`);
  return ok({ type: "seat.gate", seat, gate: { weeks, percent } });
}

export function parseKillCommand(tokens: Token[]): Parsed<PilotCommand> {
  const usage = PILOT_USAGE.kill;
  const kpi = readName(tokens[0], "KPI name", usage);
  if (!kpi.ok) return kpi;
  const op = KILL_OPS.find((candidate) => candidate === tokens[1]?.text);
  if (!op) return fail(`the threshold needs one of ${KILL_OPS.join(" ")}: expected ${usage}`);
  const valueText = tokens
    .slice(2)
    .map((token) => token.text)
    .join(" ")
    .trim();
  if (valueText === "") return fail(`the threshold's value is missing: expected ${usage}`);
  return ok({ type: "kpi.kill", kpi: kpi.command, op, valueText });
}

export function parseReviewCommand(tokens: Token[]): Parsed<PilotCommand> {
  const usage = PILOT_USAGE.review;
  const seat = readName(tokens[0], "seat name", usage);
  if (!seat.ok) return seat;
  const kind = word(tokens[1]);
  if (!kind || !isReviewKind(kind)) return fail(`unknown review \`${excerpt(kind ?? "", 30)}\`: expected one of ${REVIEW_KINDS.join(", ")}`);
  const state = word(tokens[2]);
  if (!state || !isReviewState(state)) return fail(`the review's state must be pending, approved or rejected: expected ${usage}`);
  const note = readNote(tokens.slice(3), "note", usage);
  if (!note.ok) return note;
  return ok({ type: "review", seat: seat.command, kind, state, note: note.command });
}

function readNote(tokens: Token[], what: string, usage: string): Parsed<string | null> {
  if (tokens.length === 0) return { ok: true, command: null };
  if (tokens.length > 1 || tokens[0].kind !== "quoted") return fail(`put the ${what} in one pair of quotes: expected ${usage}`);
  const text = tokens[0].text.trim();
  if (text.length > MAX_REASON_LENGTH) return fail(`the ${what} is longer than ${MAX_REASON_LENGTH} characters`);
  return { ok: true, command: text || null };
}

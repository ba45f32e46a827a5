// Answers to `/cadence` set-up commands.
import { formatGoal } from "../domain/goal";
import type { Kpi, Seat, SeatWithKpis } from "../domain/model";
import { CADENCE_USAGE } from "../domain/commands/cadence-command";
import { ISSUE_FORMS } from "../domain/commands/issue-command";
import { SCORECARD_FORMS } from "../domain/commands/scorecard-command";
import { context, escapeExceptMentions, escapeText, header, packLines, section, type Block } from "./limits";
import type { Reply } from "./reply";
import { isStopped } from "../domain/stage";
import { PILOT_HELP, stageBadge } from "./stage-blocks";
import { TIME_OFF_USAGE } from "../domain/commands/time-off-command";
import { PRIORITY_USAGE } from "../domain/commands/priority-command";
import { TODO_USAGE } from "../domain/commands/todo-command";

export function seatLabel(seat: Pick<Seat, "name" | "kind" | "stage">): string {
  // A paused or retired AI seat says so wherever it is named: scorecard, digest, issues, lists.
  const stopped = isStopped(seat.stage) ? ` · ${stageBadge(seat.stage!)}` : "";
  return seat.kind === "agent" ? `:robot_face: *${escapeText(seat.name)}* (AI agent)${stopped}` : `:bust_in_silhouette: *${escapeText(seat.name)}*`;
}

export function kpiLine(kpi: Kpi): string {
  return `• ${escapeText(kpi.name)} — goal ${formatGoal(kpi.goal, kpi.unit)} _(${kpi.unit})_`;
}

export function buildSeatListReply(seats: SeatWithKpis[]): Reply {
  if (seats.length === 0) return { text: "No seats yet.", blocks: [section(escapeExceptMentions(`No seats yet. Add one with ${CADENCE_USAGE.seatAdd}.`))] };
  const blocks: Block[] = [header(`Seats (${seats.length})`)];
  for (const seat of seats) {
    const lines = [
      `${seatLabel(seat)}${seat.stage && !isStopped(seat.stage) ? ` · ${stageBadge(seat.stage)}` : ""} · owner <@${seat.ownerId}>`,
      seat.accountability ? `_${escapeText(seat.accountability)}_` : "_no accountability set_",
      ...(seat.kpis.length > 0 ? seat.kpis.map(kpiLine) : ["_no KPIs yet_"]),
    ];
    blocks.push(...packLines(lines).map((text) => section(text)));
  }
  return { text: `${seats.length} seats`, blocks };
}

export function buildKpiListReply(seats: SeatWithKpis[]): Reply {
  const withKpis = seats.filter((seat) => seat.kpis.length > 0);
  const count = withKpis.reduce((sum, seat) => sum + seat.kpis.length, 0);
  if (count === 0) return { text: "No KPIs yet.", blocks: [section(escapeExceptMentions(`No KPIs yet. Add one with ${CADENCE_USAGE.kpiAdd}.`))] };
  const lines = withKpis.flatMap((seat) => [`${seatLabel(seat)} · <@${seat.ownerId}>`, ...seat.kpis.map(kpiLine)]);
  return { text: `${count} KPIs`, blocks: [header(`KPIs (${count})`), ...packLines(lines).map((text) => section(text))] };
}

export function buildHelpReply(): Reply {
  const lines = [
    "*Set-up (admins)*",
    `${CADENCE_USAGE.seatAdd} — add a seat held by a person or an AI agent`,
    "`/cadence seat list` — seats, owners, accountabilities and KPIs",
    `${CADENCE_USAGE.seatOwner} — hand a seat to a new owner`,
    `${CADENCE_USAGE.seatArchive} — stop asking for its KPIs; history is kept`,
    `${CADENCE_USAGE.kpiAdd} — units: number, percent, currency, duration, yes/no`,
    "`/cadence kpi list` — every KPI and its goal",
    ...PILOT_HELP,
    `${CADENCE_USAGE.run} — run a weekly job now for the last completed week`,
    `${CADENCE_USAGE.status} — what needs an admin: messages Slack refused for good, and how to fix each`,
    `${TIME_OFF_USAGE.away} — not asked for the weeks it covers whole · ${TIME_OFF_USAGE.list}`,
    `${TIME_OFF_USAGE.holiday} — no check-in and a one-line digest for the weeks it covers whole`,
    "*AI seats (admins and the seat's owner)*",
    `${CADENCE_USAGE.seatToken} — a token for the seat's agent to push its numbers (POST /api/v1/entries); shown once`,
    "*Everyone*",
    [...SCORECARD_FORMS, "`/scorecard away <from> <to>`"].join(" · "),
    ISSUE_FORMS.join(" · "),
    PRIORITY_USAGE.all,
    `${TODO_USAGE.all} · \`/issue resolve <id> <note> todo @owner <title>\``,
  ];
  return {
    text: "Cadence commands",
    blocks: [header("Cadence commands"), section(lines.map(escapeExceptMentions).join("\n")), context("Names with spaces go in double quotes.")],
  };
}

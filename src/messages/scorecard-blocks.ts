// `/scorecard` as a readable table, and one KPI's 13-week history. Long scorecards are split, never cut.
import { evaluateGoal, formatGoal, type TrackState } from "../domain/goal";
import type { Kpi, Seat } from "../domain/model";
import { onTrackRate, seriesFor, sparkline } from "../domain/trend";
import { formatValue } from "../domain/units";
import { describeWeek, type IsoWeek } from "../domain/week";
import { provenanceOfValue, type ScorecardData } from "../domain/scorecard";
import { withProvenance, type Provenance } from "../domain/provenance";
import { isStopped } from "../domain/stage";
import { context, escapeText, header, packLines, section, type Block } from "./limits";
import type { Reply } from "./reply";
import { trackMark } from "./checkin-blocks";

export const SCORECARD_WEEKS_SHOWN = 5;
// The KPI column fits the longest name, up to a limit that keeps a row on one line in Slack.
const MAX_NAME_WIDTH = 34;
const GOAL_WIDTH = 16;
// Week cells widen to the longest value shown ("$280,000✓"), with one space between columns.
const MIN_CELL_WIDTH = 9;

const MARK: Record<TrackState, string> = { on: "✓", off: "✗", missing: "" };

function pad(text: string, width: number): string {
  const clipped = text.length > width ? `${text.slice(0, width - 1)}…` : text;
  return clipped.padEnd(width);
}

// In the table the agent's unconfirmed values carry only the robot; the legend says what it means.
function cellText(kpi: Kpi, value: number | undefined, provenance: Provenance | undefined): string {
  if (value === undefined) return "–";
  return `${provenance === "agent" ? "🤖" : ""}${formatValue(value, kpi.unit)}${MARK[evaluateGoal(kpi.goal, value)]}`;
}

/** The table rows for a set of seats: a seat line, then a row per KPI. */
export function scorecardTableLines(data: ScorecardData, seats: (Seat & { kpis: Kpi[] })[]): string[] {
  return runToEnd(scorecardTableSteps(data, seats));
}

// How many KPIs' rows are built between two pauses of scorecardTableSteps: about 1 ms of work here.
const KPIS_PER_STEP = 100;

/**
 * scorecardTableLines as steps: it pauses (yields) after every KPIS_PER_STEP KPIs, so a caller on the event loop
 * that acks Slack can let other work in between (a 900-KPI scorecard built in one go held it for about 10 ms).
 * Returns the lines.
 */
export function* scorecardTableSteps(data: ScorecardData, seats: (Seat & { kpis: Kpi[] })[]): Generator<void, string[]> {
  const shown = data.weeks.slice(-SCORECARD_WEEKS_SHOWN);
  const longest = Math.max(3, ...seats.flatMap((seat) => seat.kpis.map((kpi) => kpi.name.length + 2)));
  const nameWidth = Math.min(longest + 1, MAX_NAME_WIDTH);
  // Each cell's text once: the widest sets the column width, then the rows reuse them.
  let sinceStep = 0;
  const rows: { seat: Seat; kpis: { kpi: Kpi; values: Map<IsoWeek, number>; cells: string[] }[] }[] = [];
  for (const seat of seats) {
    const kpis = [];
    for (const kpi of seat.kpis) {
      const values = data.values.get(kpi.id) ?? new Map<IsoWeek, number>();
      kpis.push({ kpi, values, cells: shown.map((week) => cellText(kpi, values.get(week), provenanceOfValue(data, kpi.id, week))) });
      if (++sinceStep % KPIS_PER_STEP === 0) yield;
    }
    rows.push({ seat, kpis });
  }
  let cellWidth = MIN_CELL_WIDTH;
  for (const { kpis } of rows) for (const { cells } of kpis) for (const text of cells) cellWidth = Math.max(cellWidth, text.length + 1);
  const heading = `${pad("KPI", nameWidth)} ${pad("Goal", GOAL_WIDTH)} ${shown.map((week) => pad(week.slice(5), cellWidth)).join("")}Trend`;
  const lines = [heading];
  for (const { seat, kpis } of rows) {
    lines.push(`${seat.kind === "agent" ? "[AI] " : ""}${escapeText(seat.name)}${isStopped(seat.stage) ? ` (${seat.stage})` : ""}`);
    for (const { kpi, values, cells } of kpis) {
      const trend = sparkline(seriesFor(data.weeks, values));
      lines.push(
        `  ${escapeText(pad(kpi.name, nameWidth - 2))} ${pad(formatGoal(kpi.goal, kpi.unit), GOAL_WIDTH)} ${cells.map((text) => pad(text, cellWidth)).join("")}${trend}`,
      );
      if (++sinceStep % KPIS_PER_STEP === 0) yield;
    }
  }
  return lines;
}

/** Runs steps without pausing: what a caller off the acking event loop (or with a small table) does. */
export function runToEnd<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Wraps table lines into code blocks that each fit a section. */
export function tableSections(lines: string[]): Block[] {
  const [heading, ...rows] = lines;
  // Each chunk repeats the heading so every part of a split table reads on its own.
  return packLines(rows, 2900 - heading.length - 10).map((chunk) => section(`\`\`\`${heading}\n${chunk}\`\`\``));
}

export function buildScorecardReply(data: ScorecardData): Reply {
  return runToEnd(scorecardReplySteps(data));
}

/** buildScorecardReply as steps (scorecardTableSteps says why); returns the reply. */
export function* scorecardReplySteps(data: ScorecardData): Generator<void, Reply> {
  const seats = data.seats.filter((seat) => seat.kpis.length > 0);
  const kpiCount = seats.reduce((sum, seat) => sum + seat.kpis.length, 0);
  const week = data.weeks[data.weeks.length - 1];
  if (kpiCount === 0) return { text: "No KPIs yet.", blocks: [section("No KPIs yet: an admin adds them with `/cadence kpi add`.")] };
  const states = seats.flatMap((seat) => seat.kpis.map((kpi) => evaluateGoal(kpi.goal, data.values.get(kpi.id)?.get(week))));
  const count = (state: TrackState) => states.filter((candidate) => candidate === state).length;
  const lines = yield* scorecardTableSteps(data, seats);
  const blocks: Block[] = [
    header(`Scorecard · ${describeWeek(week)}`),
    section(`${trackMark("on")} ${count("on")} on track · ${trackMark("off")} ${count("off")} off track · ${trackMark("missing")} ${count("missing")} missing`),
    ...tableSections(lines),
    context(
      `✓ on track · ✗ off track · – no value · trend over ${data.weeks.length} weeks · [AI] seat held by an AI agent` +
        (hasUnconfirmedAgentValues(data, seats) ? " · 🤖 reported by the agent, not yet confirmed by the owner" : ""),
    ),
  ];
  return { text: `Scorecard for ${week}: ${count("on")} on track, ${count("off")} off track, ${count("missing")} missing`, blocks };
}

function hasUnconfirmedAgentValues(data: ScorecardData, seats: (Seat & { kpis: Kpi[] })[]): boolean {
  const shown = data.weeks.slice(-SCORECARD_WEEKS_SHOWN);
  return seats.some((seat) => seat.kpis.some((kpi) => shown.some((week) => provenanceOfValue(data, kpi.id, week) === "agent")));
}

export function buildKpiHistoryReply(kpi: Kpi, seat: Seat, data: ScorecardData): Reply {
  const values = data.values.get(kpi.id) ?? new Map<IsoWeek, number>();
  const series = seriesFor(data.weeks, values);
  const rate = onTrackRate(kpi.goal, series);
  const lines = data.weeks.map((week) => {
    const value = values.get(week);
    const state = evaluateGoal(kpi.goal, value);
    return `${trackMark(state)} ${week}  ${value === undefined ? "no value" : withProvenance(formatValue(value, kpi.unit), provenanceOfValue(data, kpi.id, week))}`;
  });
  const blocks: Block[] = [
    header(`${kpi.name} · ${seat.name}`.slice(0, 150)),
    section(
      `Goal ${formatGoal(kpi.goal, kpi.unit)} · owner <@${seat.ownerId}>${seat.kind === "agent" ? " · :robot_face: AI seat" : ""}\n` +
        `On track ${rate === null ? "–" : `${Math.round(rate * 100)}%`} of weeks with a value · trend \`${sparkline(series)}\``,
    ),
    ...packLines(lines.reverse()).map((text) => section(text)),
  ];
  return { text: `${kpi.name}: ${data.weeks.length} weeks`, blocks };
}

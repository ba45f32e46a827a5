// What the weekly digest says, composed from plain data: the first half of a leadership meeting.
import { isStopped, type SeatStage } from "./stage";
import { evaluateGoal, type TrackState } from "./goal";
import type { Issue, Kpi, SeatWithKpis } from "./model";
import { describeAgentWeek, type Provenance } from "./provenance";
import type { Priority } from "./priority";
import { overdueTodos, todoCompletion, type Todo } from "./todo";
import { onTrackRate, seriesFor } from "./trend";
import { trailingWeeks, type IsoWeek } from "./week";

export interface DigestInput {
  week: IsoWeek;
  now: Date;
  /** Oldest first, ending with `week` (13 weeks for the sparklines and rates). */
  weeks: IsoWeek[];
  seats: SeatWithKpis[];
  values: Map<number, Map<IsoWeek, number>>;
  /** Where values came from (the agent, confirmed or corrected), by KPI id then week; absent means a person. */
  provenance?: Map<number, Map<IsoWeek, Provenance>>;
  openIssues: Issue[];
  /** Issues resolved or dropped since the last digest. */
  closedIssues: Issue[];
  /** Where "new this week" starts: the previous digest, or a week before now. */
  since: Date;
  /** When the week ended: a KPI added after that was never asked for it, so it is not "missing". */
  weekEndsAt?: Date;
  /** Ratings of the previous digest's meeting. */
  lastRating: { average: number; count: number } | null;
  /** Owners away the whole week: listed as away, not as "did not check in". */
  awayOwners?: Set<string>;
  /** Names of the holidays covering the whole week: the digest says only that. */
  holiday?: string[];
  /** The team's open priorities. */
  priorities?: Priority[];
  /** To-dos due in the week (any state) and the open ones, with today's date on the team's calendar. */
  todos?: { dueInWeek: Todo[]; open: Todo[]; today: string };
}

export interface DigestKpiLine {
  kpi: Kpi;
  value: number | undefined;
  /** "new": added after the week ended, so not asked for it. */
  state: TrackState | "new";
  series: (number | null)[];
  provenance?: Provenance;
}

export interface DigestSeat {
  seat: SeatWithKpis;
  kpis: DigestKpiLine[];
}

export interface AiSeatState {
  seat: SeatWithKpis;
  onTrackRate4: number | null;
  onTrackRate13: number | null;
  weeksOnTrack: number;
  openIssues: number;
  /** Whether the week's numbers came from the agent, confirmed or corrected, or "the agent reported nothing". */
  agentWeek: string | null;
  /** Where the seat stands from pilot to production (filled in by the digest service). */
  pilot?: AiSeatPilot;
}

export interface AiSeatPilot {
  stage: SeatStage;
  weeksInStage: number;
  /** "3 of 4 weeks on track · security review pending" */
  gateProgress: string;
  /** The reason of a promotion to production by override. */
  override: string | null;
  /** Reviews production requires that are not approved yet. */
  pendingReviews?: string[];
}

export interface DigestModel {
  week: IsoWeek;
  now: Date;
  weeks: IsoWeek[];
  values: Map<number, Map<IsoWeek, number>>;
  summary: { on: number; off: number; missing: number; opened: number; closed: number };
  scorecard: DigestSeat[];
  newIssues: Issue[];
  olderIssues: Issue[];
  closedIssues: Issue[];
  /** Owners with at least one active KPI lacking a value for the week. */
  missingOwners: { ownerId: string; missing: number }[];
  aiSeats: AiSeatState[];
  lastRating: { average: number; count: number } | null;
  /** KPI id → seat, to name an issue's seat. */
  seatOfKpi: Map<number, SeatWithKpis>;
  /** Owners of seats with KPIs who were away the whole week. */
  awayOwners: string[];
  /** Set when the week was a team holiday (the holidays' names, possibly none). */
  holiday?: string[];
  priorities: Priority[];
  /** Last week's to-do completion and the overdue to-dos, when there are any to-dos. */
  todos?: { completion: { done: number; due: number }; overdue: Todo[] };
}

export function composeDigest(input: DigestInput): DigestModel {
  const seats = input.seats.filter((seat) => seat.kpis.length > 0);
  const scorecard = seats.map((seat) => ({
    seat,
    kpis: seat.kpis.map((kpi) => {
      const byWeek = input.values.get(kpi.id) ?? new Map<IsoWeek, number>();
      const value = byWeek.get(input.week);
      const notAskedYet = value === undefined && input.weekEndsAt !== undefined && kpi.createdAt >= input.weekEndsAt;
      const provenance = input.provenance?.get(kpi.id)?.get(input.week);
      return { kpi, value, state: notAskedYet ? ("new" as const) : evaluateGoal(kpi.goal, value), series: seriesFor(input.weeks, byWeek), provenance };
    }),
  }));
  const away = input.awayOwners ?? new Set<string>();
  // An away owner's, or a paused or retired AI seat's, empty numbers were never asked for: not missing.
  const owesNothing = (seat: SeatWithKpis) => away.has(seat.ownerId) || isStopped(seat.stage);
  const lines = scorecard.flatMap(({ seat, kpis }) => kpis.filter((line) => !(line.state === "missing" && owesNothing(seat))));
  const count = (state: TrackState) => lines.filter((line) => line.state === state).length;
  const isNew = (issue: Issue) => issue.createdAt >= input.since;
  const seatOfKpi = new Map(seats.flatMap((seat) => seat.kpis.map((kpi) => [kpi.id, seat] as const)));
  return {
    week: input.week,
    now: input.now,
    weeks: input.weeks,
    values: input.values,
    summary: {
      on: count("on"),
      off: count("off"),
      missing: count("missing"),
      opened: input.openIssues.filter(isNew).length + input.closedIssues.filter(isNew).length,
      closed: input.closedIssues.length,
    },
    scorecard,
    newIssues: input.openIssues.filter(isNew),
    olderIssues: input.openIssues.filter((issue) => !isNew(issue)),
    closedIssues: input.closedIssues,
    missingOwners: missingOwners(scorecard.filter(({ seat }) => !owesNothing(seat))),
    aiSeats: scorecard
      .filter(({ seat }) => seat.kind === "agent")
      .map(({ seat, kpis }) => ({ ...aiSeatState(seat, input), agentWeek: isStopped(seat.stage) ? null : agentWeekOf(kpis) })),
    lastRating: input.lastRating,
    seatOfKpi,
    awayOwners: [...new Set(seats.map((seat) => seat.ownerId))].filter((ownerId) => away.has(ownerId)),
    ...(input.holiday ? { holiday: input.holiday } : {}),
    priorities: input.priorities ?? [],
    ...(input.todos && (input.todos.dueInWeek.length > 0 || input.todos.open.length > 0)
      ? { todos: { completion: todoCompletion(input.todos.dueInWeek, input.week), overdue: overdueTodos(input.todos.open, input.todos.today) } }
      : {}),
  };
}

function missingOwners(scorecard: DigestSeat[]): { ownerId: string; missing: number }[] {
  const byOwner = new Map<string, number>();
  for (const { seat, kpis } of scorecard) {
    const missing = kpis.filter((line) => line.state === "missing").length;
    if (missing > 0) byOwner.set(seat.ownerId, (byOwner.get(seat.ownerId) ?? 0) + missing);
  }
  return [...byOwner].map(([ownerId, missing]) => ({ ownerId, missing }));
}

/** Only KPIs that were asked for the week count: a KPI added after it was never the agent's to report. */
function agentWeekOf(lines: DigestKpiLine[]): string | null {
  const asked = lines.filter((line) => line.state !== "new");
  return asked.length === 0 ? null : describeAgentWeek(asked.map((line) => line.provenance));
}

/** An AI seat's record: how often its KPIs were on track, and for how many weeks all of them have been. */
export function aiSeatState(seat: SeatWithKpis, input: Pick<DigestInput, "week" | "weeks" | "values" | "openIssues">): Omit<AiSeatState, "agentWeek"> {
  const rate = (weekCount: number) => {
    const weeks = trailingWeeks(input.week, weekCount);
    const states = seat.kpis.flatMap((kpi) => seriesFor(weeks, input.values.get(kpi.id) ?? new Map()).map((value) => ({ kpi, value })));
    const rated = states.map(({ kpi, value }) => onTrackRate(kpi.goal, [value])).filter((value): value is number => value !== null);
    return rated.length === 0 ? null : rated.reduce((sum, value) => sum + value, 0) / rated.length;
  };
  // Counted within the loaded weeks (13): a streak longer than that shows as 13.
  let weeksOnTrack = 0;
  for (const week of [...input.weeks].reverse()) {
    const allOn = seat.kpis.every((kpi) => evaluateGoal(kpi.goal, input.values.get(kpi.id)?.get(week)) === "on");
    if (!allOn) break;
    weeksOnTrack += 1;
  }
  const kpiIds = new Set(seat.kpis.map((kpi) => kpi.id));
  return {
    seat,
    onTrackRate4: rate(4),
    onTrackRate13: rate(13),
    weeksOnTrack,
    openIssues: input.openIssues.filter((issue) => issue.kpiId !== null && kpiIds.has(issue.kpiId)).length,
  };
}

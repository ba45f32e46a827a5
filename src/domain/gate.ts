// The gate to an AI seat's next stage: a pure function of its weeks, its issues and its reviews.
import { evaluateGoal, type Goal } from "./goal";
import type { IssueSource } from "./model";
import type { ReviewKind, ReviewState } from "./review";
import { compareWeeks, type IsoWeek } from "./week";

export const DEFAULT_GATE = { weeks: 4, percent: 80 } as const;
export const GATE_LIMITS = { weeks: { min: 1, max: 26 }, percent: { min: 1, max: 100 } } as const;

export interface GateInput {
  /** The window: the seat's last `weeks` completed weeks, oldest first. */
  window: IsoWeek[];
  percent: number;
  /** The seat's KPIs; a KPI counts from the week it was created in (added mid-window: earlier weeks do not count). */
  kpis: { id: number; goal: Goal; firstWeek: IsoWeek }[];
  values: Map<number, Map<IsoWeek, number>>;
  /** Sources of the seat's open issues. */
  openIssues: IssueSource[];
  reviews: { kind: ReviewKind; state: ReviewState }[];
  /** Reviews the next stage requires approved (production: CADENCE_REVIEWS; shadow: none). */
  requiredReviews: readonly ReviewKind[];
}

export interface GateResult {
  ready: boolean;
  /** Weeks of the window in which every counted KPI was on track. */
  weeksOnTrack: number;
  windowWeeks: number;
  kpiWeeks: { onTrack: number; total: number };
  /** Required reviews not approved yet (pending or never started). */
  pendingReviews: ReviewKind[];
  /** Why it is not ready, one short phrase each. */
  blockers: string[];
}

const BLOCKING_SOURCES: IssueSource[] = ["drift", "missing", "kill"];

export function evaluateGate(input: GateInput): GateResult {
  let onTrack = 0;
  let total = 0;
  let weeksOnTrack = 0;
  let weeksWithKpis = 0;
  for (const week of input.window) {
    const counted = input.kpis.filter((kpi) => compareWeeks(kpi.firstWeek, week) <= 0);
    if (counted.length === 0) continue;
    weeksWithKpis += 1;
    // A week without a number is a KPI-week off track: missing is not on track.
    const on = counted.filter((kpi) => evaluateGoal(kpi.goal, input.values.get(kpi.id)?.get(week)) === "on").length;
    onTrack += on;
    total += counted.length;
    if (on === counted.length) weeksOnTrack += 1;
  }
  const blockers: string[] = [];
  if (weeksWithKpis < input.window.length) blockers.push(`${weeksWithKpis} of ${input.window.length} weeks of history`);
  else if (onTrack * 100 < input.percent * total) blockers.push(`${Math.floor((onTrack * 100) / total)}% of KPI-weeks on track, needs ${input.percent}%`);
  const open = BLOCKING_SOURCES.filter((source) => input.openIssues.includes(source));
  if (open.length > 0) blockers.push(`open ${open.join("/")} issue`);
  const rejected = input.reviews.filter((review) => review.state === "rejected").map((review) => review.kind);
  for (const kind of rejected) blockers.push(`${kind} review rejected`);
  const approved = new Set(input.reviews.filter((review) => review.state === "approved").map((review) => review.kind));
  const pendingReviews = input.requiredReviews.filter((kind) => !approved.has(kind) && !rejected.includes(kind));
  for (const kind of pendingReviews) blockers.push(`${kind} review pending`);
  return { ready: blockers.length === 0, weeksOnTrack, windowWeeks: input.window.length, kpiWeeks: { onTrack, total }, pendingReviews, blockers };
}

/** "3 of 4 weeks on track · security review pending", for the digest and the home tab. */
export function describeGateProgress(result: GateResult): string {
  const reviews = result.blockers.filter((blocker) => blocker.endsWith(" review pending") || blocker.endsWith(" review rejected"));
  const issues = result.blockers.filter((blocker) => blocker.startsWith("open "));
  const parts = [`${result.weeksOnTrack} of ${result.windowWeeks} weeks on track`, ...issues, ...reviews];
  if (result.ready) parts.push("ready");
  return parts.join(" · ");
}

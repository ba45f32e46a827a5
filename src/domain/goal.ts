// A KPI's goal and whether a value meets it.
import { formatValue, parseValue, type Unit } from "./units";

export type GoalOp = ">=" | "<=" | "=" | "between";
export interface Goal {
  op: GoalOp;
  a: number;
  /** Upper bound, for `between` only. */
  b?: number | null;
}

export type TrackState = "on" | "off" | "missing";

// Equality goals allow for floating-point noise, not for judgement.
const EPSILON = 1e-9;

export function evaluateGoal(goal: Goal, value: number | null | undefined): TrackState {
  if (value === null || value === undefined || !Number.isFinite(value)) return "missing";
  return meetsGoal(goal, value) ? "on" : "off";
}

function meetsGoal(goal: Goal, value: number): boolean {
  switch (goal.op) {
    case ">=":
      return value >= goal.a - EPSILON;
    case "<=":
      return value <= goal.a + EPSILON;
    case "=":
      return Math.abs(value - goal.a) <= EPSILON;
    case "between":
      return value >= goal.a - EPSILON && value <= (goal.b ?? goal.a) + EPSILON;
  }
}

/** How far an off-track value is from the nearest acceptable value: absolute and as % of that value. */
export function distanceFromGoal(goal: Goal, value: number): { absolute: number; percent: number | null } {
  const nearest = nearestAcceptable(goal, value);
  const absolute = Math.abs(value - nearest);
  const percent = nearest === 0 ? null : (absolute / Math.abs(nearest)) * 100;
  return { absolute, percent };
}

function nearestAcceptable(goal: Goal, value: number): number {
  if (goal.op === "between") return Math.min(Math.max(value, goal.a), goal.b ?? goal.a);
  if (goal.op === ">=") return Math.max(value, goal.a);
  if (goal.op === "<=") return Math.min(value, goal.a);
  return goal.a;
}

export function formatGoal(goal: Goal, unit: Unit): string {
  if (goal.op === "between") return `between ${formatValue(goal.a, unit)} and ${formatValue(goal.b ?? goal.a, unit)}`;
  const symbol = goal.op === ">=" ? "≥" : goal.op === "<=" ? "≤" : "=";
  return `${symbol} ${formatValue(goal.a, unit)}`;
}

export type ParsedGoal = { ok: true; goal: Goal } | { ok: false; error: string };

/**
 * Reads a goal from command words: `>= 95`, `<= 2h`, `= yes`, `between 2 and 4`. Targets are read in the
 * KPI's unit so `<= 1h 30m` and `>= 97%` work.
 */
export function parseGoal(words: string[], unit: Unit): ParsedGoal {
  const [op, ...rest] = words;
  if (op === ">=" || op === "<=" || op === "=") {
    if (rest.length === 0) return { ok: false, error: `a target is expected after \`${op}\`` };
    const target = parseValue(rest.join(" "), unit);
    if (!target.ok) return { ok: false, error: `the target ${target.error}` };
    return { ok: true, goal: { op, a: target.value } };
  }
  if (op?.toLowerCase() === "between") {
    const andAt = rest.findIndex((word) => word.toLowerCase() === "and");
    if (andAt < 1 || andAt === rest.length - 1) {
      return { ok: false, error: "expected `between <low> and <high>`, for example `between 2 and 4`" };
    }
    const low = parseValue(rest.slice(0, andAt).join(" "), unit);
    const high = parseValue(rest.slice(andAt + 1).join(" "), unit);
    if (!low.ok) return { ok: false, error: `the lower bound ${low.error}` };
    if (!high.ok) return { ok: false, error: `the upper bound ${high.error}` };
    if (low.value > high.value) {
      return {
        ok: false,
        error: `\`between ${rest.slice(0, andAt).join(" ")} and ${rest.slice(andAt + 1).join(" ")}\`: the lower bound must not exceed the upper bound`,
      };
    }
    return { ok: true, goal: { op: "between", a: low.value, b: high.value } };
  }
  return { ok: false, error: "expected a goal: `>= <target>`, `<= <target>`, `= <target>` or `between <low> and <high>`" };
}

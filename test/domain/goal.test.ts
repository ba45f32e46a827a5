import { describe, expect, it } from "vitest";
import { distanceFromGoal, evaluateGoal, formatGoal, parseGoal, type Goal, type TrackState } from "../../src/domain/goal";
import { parseValue, type Unit } from "../../src/domain/units";

const atLeast10: Goal = { op: ">=", a: 10 };
const atMost5: Goal = { op: "<=", a: 5 };
const equals1: Goal = { op: "=", a: 1 };
const between2And4: Goal = { op: "between", a: 2, b: 4 };

describe("evaluateGoal", () => {
  const scenarios: Array<[string, Goal, number | null | undefined, TrackState]> = [
    [">= 10", atLeast10, 10, "on"],
    [">= 10", atLeast10, 9.99, "off"],
    [">= 10", atLeast10, 11, "on"],
    [">= 10", atLeast10, -10, "off"],
    [">= 10", atLeast10, 10 - 1e-12, "on"], // floating-point noise is not a miss
    ["<= 5", atMost5, 5, "on"],
    ["<= 5", atMost5, 5.01, "off"],
    ["<= 5", atMost5, 0, "on"],
    ["= 1", equals1, 1, "on"],
    ["= 1", equals1, 0, "off"],
    ["= 1", equals1, 1.01, "off"],
    ["= 0.3", { op: "=", a: 0.3 }, 0.1 + 0.2, "on"],
    ["between 2 and 4", between2And4, 2, "on"],
    ["between 2 and 4", between2And4, 4, "on"],
    ["between 2 and 4", between2And4, 3, "on"],
    ["between 2 and 4", between2And4, 1.99, "off"],
    ["between 2 and 4", between2And4, 4.01, "off"],
    ["between 3 and (none)", { op: "between", a: 3, b: null }, 3, "on"],
    ["between 3 and (none)", { op: "between", a: 3, b: null }, 3.1, "off"],
    [">= 10", atLeast10, null, "missing"],
    [">= 10", atLeast10, undefined, "missing"],
    [">= 10", atLeast10, Number.NaN, "missing"],
    [">= 10", atLeast10, Number.POSITIVE_INFINITY, "missing"],
    ["<= 5", atMost5, Number.NEGATIVE_INFINITY, "missing"],
    ["between 2 and 4", between2And4, null, "missing"],
    ["= 1", equals1, undefined, "missing"],
  ];

  it.each(scenarios)("%s with %s → %s", (_label, goal, value, state) => {
    expect(evaluateGoal(goal, value)).toBe(state);
  });

  it.each([
    ["yes", "on"],
    ["no", "off"],
    ["done", "on"],
    ["❌", "off"],
  ] as const)("= yes, answered %j → %s", (answer, state) => {
    const parsed = parseValue(answer, "yes/no");
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(evaluateGoal(equals1, parsed.value)).toBe(state);
  });
});

describe("distanceFromGoal", () => {
  const scenarios: Array<[string, Goal, number, { absolute: number; percent: number | null }]> = [
    [">= 10, value 8", atLeast10, 8, { absolute: 2, percent: 20 }],
    [">= 10, value 12 (on track)", atLeast10, 12, { absolute: 0, percent: 0 }],
    ["<= 5, value 6", atMost5, 6, { absolute: 1, percent: 20 }],
    ["<= 5, value 5", atMost5, 5, { absolute: 0, percent: 0 }],
    ["= 1, value 0", equals1, 0, { absolute: 1, percent: 100 }],
    ["between 2 and 4, value 1", between2And4, 1, { absolute: 1, percent: 50 }],
    ["between 2 and 4, value 5", between2And4, 5, { absolute: 1, percent: 25 }],
    ["between 2 and 4, value 3", between2And4, 3, { absolute: 0, percent: 0 }],
    [">= 0, value -2: no percent of zero", { op: ">=", a: 0 }, -2, { absolute: 2, percent: null }],
    ["= 0, value 1: no percent of zero", { op: "=", a: 0 }, 1, { absolute: 1, percent: null }],
    ["between -4 and -2, value 0", { op: "between", a: -4, b: -2 }, 0, { absolute: 2, percent: 100 }],
  ];

  it.each(scenarios)("%s", (_label, goal, value, expected) => {
    expect(distanceFromGoal(goal, value)).toEqual(expected);
  });
});

describe("formatGoal", () => {
  const scenarios: Array<[Goal, Unit, string]> = [
    [atLeast10, "number", "≥ 10"],
    [atMost5, "number", "≤ 5"],
    [{ op: "<=", a: 90 }, "duration", "≤ 1h 30m"],
    [equals1, "yes/no", "= yes"],
    [{ op: "=", a: 0 }, "yes/no", "= no"],
    [{ op: ">=", a: 97 }, "percent", "≥ 97%"],
    [{ op: ">=", a: 1200 }, "currency", "≥ $1,200"],
    [between2And4, "number", "between 2 and 4"],
    [between2And4, "percent", "between 2% and 4%"],
    [{ op: "between", a: 3, b: null }, "number", "between 3 and 3"],
  ];

  it.each(scenarios)("%j in %s → %j", (goal, unit, text) => {
    expect(formatGoal(goal, unit)).toBe(text);
  });
});

describe("parseGoal: accepted", () => {
  const scenarios: Array<[string, Unit, Goal]> = [
    [">= 10", "number", { op: ">=", a: 10 }],
    ["<= 5", "number", { op: "<=", a: 5 }],
    ["= 1", "number", { op: "=", a: 1 }],
    [">= 95", "percent", { op: ">=", a: 95 }],
    [">= 97%", "percent", { op: ">=", a: 97 }],
    ["<= 1h 30m", "duration", { op: "<=", a: 90 }],
    ["<= 2h", "duration", { op: "<=", a: 120 }],
    ["= yes", "yes/no", { op: "=", a: 1 }],
    ["= no", "yes/no", { op: "=", a: 0 }],
    [">= $1,200.50", "currency", { op: ">=", a: 1200.5 }],
    ["between 2 and 4", "number", { op: "between", a: 2, b: 4 }],
    ["BETWEEN 2 AND 4", "number", { op: "between", a: 2, b: 4 }],
    ["between 2 and 2", "number", { op: "between", a: 2, b: 2 }],
    ["between -3 and 3", "number", { op: "between", a: -3, b: 3 }],
    ["between $1,000 and $2,000", "currency", { op: "between", a: 1000, b: 2000 }],
    ["between 1h and 2h 30m", "duration", { op: "between", a: 60, b: 150 }],
    ["between 90% and 95%", "percent", { op: "between", a: 90, b: 95 }],
  ];

  it.each(scenarios)("%j as %s", (text, unit, goal) => {
    expect(parseGoal(text.split(" "), unit)).toEqual({ ok: true, goal });
  });
});

describe("parseGoal: refused", () => {
  const scenarios: Array<[string[], Unit, RegExp]> = [
    [["between", "5", "and", "2"], "number", /lower bound must not exceed the upper bound/],
    [["between", "5", "and", "2"], "number", /`between 5 and 2`/],
    [["between", "2", "4"], "number", /expected `between <low> and <high>`/],
    [["between", "and", "4"], "number", /expected `between <low> and <high>`/],
    [["between", "2", "and"], "number", /expected `between <low> and <high>`/],
    [["between"], "number", /expected `between <low> and <high>`/],
    [["between", "x", "and", "4"], "number", /^the lower bound "x" is not a number/],
    [["between", "2", "and", "y"], "number", /^the upper bound "y" is not a number/],
    [[">="], "number", /a target is expected after `>=`/],
    [["<="], "number", /a target is expected after `<=`/],
    [["="], "yes/no", /a target is expected after `=`/],
    [[">=", "abc"], "number", /^the target "abc" is not a number/],
    [["=", "maybe"], "yes/no", /^the target "maybe" is not yes or no/],
    [["<=", "97%"], "number", /^the target "97%" is not a number/],
    [[">", "5"], "number", /^expected a goal/],
    [["=>", "5"], "number", /^expected a goal/],
    [["at", "least", "5"], "number", /^expected a goal/],
    [[], "number", /^expected a goal/],
  ];

  it.each(scenarios)("%j as %s", (words, unit, message) => {
    const parsed = parseGoal(words, unit);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(message);
  });
});

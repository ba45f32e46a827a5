import { describe, expect, it } from "vitest";
import type { Goal } from "../../src/domain/goal";
import { direction, NO_VALUE, onTrackRate, seriesFor, sparkline, weeksOffTrack, weeksOnTrack } from "../../src/domain/trend";
import { trailingWeeks, type IsoWeek } from "../../src/domain/week";

const atLeast10: Goal = { op: ">=", a: 10 };
const between2And4: Goal = { op: "between", a: 2, b: 4 };

const byWeek = (entries: Array<[IsoWeek, number]>): Map<IsoWeek, number> => new Map(entries);

describe("sparkline", () => {
  const scenarios: Array<[string, (number | null | undefined)[], string]> = [
    ["no values at all", [], ""],
    ["only gaps", [null, undefined, null], "···"],
    ["one value sits mid-height", [7], "▄"],
    ["a constant series sits mid-height", [5, 5, 5, 5], "▄▄▄▄"],
    ["a constant series with gaps", [5, null, 5], "▄·▄"],
    ["min maps to the lowest bar, max to the highest", [0, 7], "▁█"],
    ["every step of an evenly spaced series", [0, 1, 2, 3, 4, 5, 6, 7], "▁▂▃▄▅▆▇█"],
    ["falling; half way (3.5 steps) rounds up", [70, 35, 0], "█▅▁"],
    ["scaled between the present values only", [100, null, 200, undefined, 150], "▁·█·▅"],
    ["negative values", [-10, 0, 10], "▁▅█"],
    ["a gap in the middle", [1, null, 3], "▁·█"],
    ["NaN is a gap, not a bar", [Number.NaN, 1, 2], "·▁█"],
    ["Infinity is a gap and does not flatten the scale", [Number.POSITIVE_INFINITY, 1, 2], "·▁█"],
    ["-Infinity is a gap", [1, Number.NEGATIVE_INFINITY, 2], "▁·█"],
    ["only NaN", [Number.NaN, Number.NaN], "··"],
    ["one finite value among non-finite ones", [Number.NaN, 3, Number.POSITIVE_INFINITY], "·▄·"],
  ];

  it.each(scenarios)("%s", (_label, values, expected) => {
    expect(sparkline(values)).toBe(expected);
  });

  it("has one character per value, whatever the input", () => {
    const values = [3, null, 1, Number.NaN, 9, undefined, 4];
    expect([...sparkline(values)]).toHaveLength(values.length);
  });

  it("uses the exported gap marker", () => {
    expect(sparkline([null])).toBe(NO_VALUE);
  });
});

describe("seriesFor", () => {
  const scenarios: Array<[string, IsoWeek[], Map<IsoWeek, number>, (number | null)[]]> = [
    ["no weeks", [], byWeek([["2026-W47", 1]]), []],
    ["no values", ["2026-W46", "2026-W47"], byWeek([]), [null, null]],
    [
      "values in week order, null for gaps",
      ["2026-W45", "2026-W46", "2026-W47"],
      byWeek([
        ["2026-W47", 3],
        ["2026-W45", 1],
      ]),
      [1, null, 3],
    ],
    ["zero is a value, not a gap", ["2026-W46", "2026-W47"], byWeek([["2026-W46", 0]]), [0, null]],
    [
      "values outside the weeks are ignored",
      ["2026-W47"],
      byWeek([
        ["2026-W40", 9],
        ["2026-W47", 2],
      ]),
      [2],
    ],
    [
      "across the year boundary",
      ["2026-W52", "2026-W53", "2027-W01"],
      byWeek([
        ["2026-W52", 1],
        ["2026-W53", 2],
        ["2027-W01", 3],
      ]),
      [1, 2, 3],
    ],
  ];

  it.each(scenarios)("%s", (_label, weeks, values, expected) => {
    expect(seriesFor(weeks, values)).toEqual(expected);
  });
});

describe("weeksOffTrack", () => {
  const scenarios: Array<{ why: string; goal: Goal; values: Array<[IsoWeek, number]>; week: IsoWeek; lookback?: number; count: number }> = [
    { why: "no values at all", goal: atLeast10, values: [], week: "2026-W47", count: 0 },
    { why: "the week itself has no value", goal: atLeast10, values: [["2026-W46", 1]], week: "2026-W47", count: 0 },
    {
      why: "the week itself is on track",
      goal: atLeast10,
      values: [
        ["2026-W46", 1],
        ["2026-W47", 10],
      ],
      week: "2026-W47",
      count: 0,
    },
    {
      why: "one week off",
      goal: atLeast10,
      values: [
        ["2026-W46", 12],
        ["2026-W47", 9],
      ],
      week: "2026-W47",
      count: 1,
    },
    {
      why: "three weeks off, broken by an on-track week",
      goal: atLeast10,
      values: [
        ["2026-W43", 1],
        ["2026-W44", 11],
        ["2026-W45", 2],
        ["2026-W46", 3],
        ["2026-W47", 4],
      ],
      week: "2026-W47",
      count: 3,
    },
    {
      why: "a missing week breaks the run",
      goal: atLeast10,
      values: [
        ["2026-W43", 1],
        ["2026-W44", 1],
        ["2026-W46", 3],
        ["2026-W47", 4],
      ],
      week: "2026-W47",
      count: 2,
    },
    {
      why: "a run across the year boundary (2026 has a W53)",
      goal: atLeast10,
      values: [
        ["2026-W51", 11],
        ["2026-W52", 1],
        ["2026-W53", 2],
        ["2027-W01", 3],
        ["2027-W02", 4],
      ],
      week: "2027-W02",
      count: 4,
    },
    {
      why: "a missing W53 breaks a run across the year boundary",
      goal: atLeast10,
      values: [
        ["2026-W52", 1],
        ["2027-W01", 3],
        ["2027-W02", 4],
      ],
      week: "2027-W02",
      count: 2,
    },
    {
      why: "values after the week are ignored",
      goal: atLeast10,
      values: [
        ["2026-W46", 1],
        ["2026-W47", 2],
        ["2026-W48", 3],
      ],
      week: "2026-W47",
      count: 2,
    },
    {
      why: "between: below and above both count",
      goal: between2And4,
      values: [
        ["2026-W46", 5],
        ["2026-W47", 1],
      ],
      week: "2026-W47",
      count: 2,
    },
    {
      why: "the lookback caps the count",
      goal: atLeast10,
      values: [
        ["2026-W43", 1],
        ["2026-W44", 1],
        ["2026-W45", 1],
        ["2026-W46", 1],
        ["2026-W47", 1],
      ],
      week: "2026-W47",
      lookback: 3,
      count: 3,
    },
  ];

  it.each(scenarios)("$why → $count", ({ goal, values, week, lookback, count }) => {
    expect(weeksOffTrack(goal, byWeek(values), week, lookback)).toBe(count);
  });

  it("counts a whole year off track up to the default lookback of 52", () => {
    const values = byWeek(trailingWeeks("2026-W47", 60).map((week): [IsoWeek, number] => [week, 0]));
    expect(weeksOffTrack(atLeast10, values, "2026-W47")).toBe(52);
  });
});

describe("weeksOnTrack", () => {
  const scenarios: Array<{ why: string; goal: Goal; values: Array<[IsoWeek, number]>; week: IsoWeek; count: number }> = [
    { why: "no values at all", goal: atLeast10, values: [], week: "2026-W47", count: 0 },
    {
      why: "the week itself is off track",
      goal: atLeast10,
      values: [
        ["2026-W46", 10],
        ["2026-W47", 9],
      ],
      week: "2026-W47",
      count: 0,
    },
    {
      why: "two weeks on, broken by an off-track week",
      goal: atLeast10,
      values: [
        ["2026-W45", 9],
        ["2026-W46", 10],
        ["2026-W47", 11],
      ],
      week: "2026-W47",
      count: 2,
    },
    {
      why: "a missing week breaks the run",
      goal: atLeast10,
      values: [
        ["2026-W44", 10],
        ["2026-W46", 10],
        ["2026-W47", 11],
      ],
      week: "2026-W47",
      count: 2,
    },
    {
      why: "a run across the year boundary",
      goal: between2And4,
      values: [
        ["2026-W52", 2],
        ["2026-W53", 3],
        ["2027-W01", 4],
      ],
      week: "2027-W01",
      count: 3,
    },
    {
      why: "a missing W53 breaks a run across the year boundary",
      goal: between2And4,
      values: [
        ["2026-W52", 2],
        ["2027-W01", 4],
      ],
      week: "2027-W01",
      count: 1,
    },
  ];

  it.each(scenarios)("$why → $count", ({ goal, values, week, count }) => {
    expect(weeksOnTrack(goal, byWeek(values), week)).toBe(count);
  });
});

describe("onTrackRate", () => {
  const scenarios: Array<[string, Goal, (number | null)[], number | null]> = [
    ["no weeks", atLeast10, [], null],
    ["no week has a value", atLeast10, [null, null], null],
    ["all on track", atLeast10, [10, 11], 1],
    ["none on track", atLeast10, [1, 2], 0],
    ["weeks without a value do not count", atLeast10, [10, null, 5, null], 0.5],
    ["one in three", between2And4, [1, 3, 5], 1 / 3],
    ["NaN counts as no value", atLeast10, [Number.NaN, 10], 1],
  ];

  it.each(scenarios)("%s", (_label, goal, values, expected) => {
    expect(onTrackRate(goal, values)).toBe(expected);
  });
});

describe("direction", () => {
  const scenarios: Array<[string, (number | null)[], ReturnType<typeof direction>]> = [
    ["no values", [], "unknown"],
    ["one value", [3], "unknown"],
    ["one value among gaps", [null, 3, null], "unknown"],
    ["rising", [1, 2], "rising"],
    ["falling", [2, 1], "falling"],
    ["flat", [2, 2], "flat"],
    ["only the last two values present count", [9, 1, 2], "rising"],
    ["gaps are skipped", [5, null, 3, null], "falling"],
    ["zero is a value", [0, null, 0], "flat"],
    ["negative values", [-1, -3], "falling"],
  ];

  it.each(scenarios)("%s → %s", (_label, values, expected) => {
    expect(direction(values)).toBe(expected);
  });
});

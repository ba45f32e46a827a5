// The gate as a pure function of a seat's weeks, issues and reviews.
import { describe, expect, it } from "vitest";
import { describeGateProgress, evaluateGate, type GateInput } from "../../src/domain/gate";

const WINDOW = ["2026-W44", "2026-W45", "2026-W46", "2026-W47"];
const rate = { id: 1, goal: { op: ">=" as const, a: 85 }, firstWeek: "2026-W30" };
const escalations = { id: 2, goal: { op: "<=" as const, a: 4 }, firstWeek: "2026-W30" };

const series = (values: (number | undefined)[]) =>
  new Map(WINDOW.flatMap((week, index) => (values[index] === undefined ? [] : [[week, values[index]!] as const])));

function input(overrides: Partial<GateInput>): GateInput {
  return {
    window: WINDOW,
    percent: 80,
    kpis: [rate, escalations],
    values: new Map([
      [1, series([90, 91, 92, 93])],
      [2, series([3, 3, 3, 3])],
    ]),
    openIssues: [],
    reviews: [],
    requiredReviews: [],
    ...overrides,
  };
}

describe("evaluateGate", () => {
  const scenarios: { name: string; input: Partial<GateInput>; ready: boolean; weeksOnTrack: number; kpiWeeks: [number, number]; blockers: string[] }[] = [
    { name: "every KPI-week on track", input: {}, ready: true, weeksOnTrack: 4, kpiWeeks: [8, 8], blockers: [] },
    {
      name: "a seat with no history",
      input: { kpis: [], values: new Map() },
      ready: false,
      weeksOnTrack: 0,
      kpiWeeks: [0, 0],
      blockers: ["0 of 4 weeks of history"],
    },
    {
      name: "a missing week counts as off track (7 of 8 is 87%)",
      input: {
        values: new Map([
          [1, series([90, undefined, 92, 93])],
          [2, series([3, 3, 3, 3])],
        ]),
      },
      ready: true,
      weeksOnTrack: 3,
      kpiWeeks: [7, 8],
      blockers: [],
    },
    {
      name: "two missing weeks fall below 80%",
      input: {
        values: new Map([
          [1, series([undefined, undefined, 92, 93])],
          [2, series([3, 3, 3, 3])],
        ]),
      },
      ready: false,
      weeksOnTrack: 2,
      kpiWeeks: [6, 8],
      blockers: ["75% of KPI-weeks on track, needs 80%"],
    },
    {
      name: "a rejected review blocks even when not required",
      input: { reviews: [{ kind: "risk", state: "rejected" }] },
      ready: false,
      weeksOnTrack: 4,
      kpiWeeks: [8, 8],
      blockers: ["risk review rejected"],
    },
    {
      name: "required reviews not approved are pending",
      input: {
        requiredReviews: ["security", "privacy"],
        reviews: [
          { kind: "privacy", state: "approved" },
          { kind: "security", state: "pending" },
        ],
      },
      ready: false,
      weeksOnTrack: 4,
      kpiWeeks: [8, 8],
      blockers: ["security review pending"],
    },
    { name: "an open kill issue", input: { openIssues: ["kill", "manual"] }, ready: false, weeksOnTrack: 4, kpiWeeks: [8, 8], blockers: ["open kill issue"] },
    { name: "a manual or gate issue does not block", input: { openIssues: ["manual", "gate"] }, ready: true, weeksOnTrack: 4, kpiWeeks: [8, 8], blockers: [] },
    {
      name: "a KPI added mid-window counts only from its first week",
      input: {
        kpis: [rate, { ...escalations, firstWeek: "2026-W46" }],
        values: new Map([
          [1, series([90, 91, 92, 93])],
          [2, series([undefined, undefined, 3, 3])],
        ]),
      },
      ready: true,
      weeksOnTrack: 4,
      kpiWeeks: [6, 6],
      blockers: [],
    },
    {
      name: "a seat younger than the window",
      input: { kpis: [{ ...rate, firstWeek: "2026-W46" }], values: new Map([[1, series([undefined, undefined, 92, 93])]]) },
      ready: false,
      weeksOnTrack: 2,
      kpiWeeks: [2, 2],
      blockers: ["2 of 4 weeks of history"],
    },
    {
      name: "percent 100 needs every KPI-week",
      input: {
        percent: 100,
        values: new Map([
          [1, series([90, 91, 92, 80])],
          [2, series([3, 3, 3, 3])],
        ]),
      },
      ready: false,
      weeksOnTrack: 3,
      kpiWeeks: [7, 8],
      blockers: ["87% of KPI-weeks on track, needs 100%"],
    },
  ];
  it.each(scenarios)("$name", ({ input: overrides, ready, weeksOnTrack, kpiWeeks, blockers }) => {
    const result = evaluateGate(input(overrides));
    expect(result).toMatchObject({ ready, weeksOnTrack, windowWeeks: 4, kpiWeeks: { onTrack: kpiWeeks[0], total: kpiWeeks[1] }, blockers });
  });

  it("describes progress as the digest shows it", () => {
    const result = evaluateGate(
      input({
        values: new Map([
          [1, series([90, 50, 92, 93])],
          [2, series([3, 3, 3, 3])],
        ]),
        requiredReviews: ["security"],
      }),
    );
    expect(describeGateProgress(result)).toBe("3 of 4 weeks on track · security review pending");
    expect(describeGateProgress(evaluateGate(input({})))).toBe("4 of 4 weeks on track · ready");
  });
});

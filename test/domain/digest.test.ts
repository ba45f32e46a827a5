// composeDigest with plain values: counts, new vs older issues, missing owners, AI seat records.
import { describe, expect, it } from "vitest";
import { composeDigest, type DigestInput } from "../../src/domain/digest";
import type { Issue, Kpi, SeatWithKpis } from "../../src/domain/model";
import { trailingWeeks } from "../../src/domain/week";

const kpi = (id: number, seatId: number, name: string, op: ">=" | "<=", a: number): Kpi => ({
  id,
  seatId,
  name,
  unit: "number",
  goal: { op, a },
  archivedAt: null,
  createdAt: new Date("2026-01-01"),
});
const seat = (id: number, name: string, kind: "agent" | "human", ownerId: string, kpis: Kpi[]): SeatWithKpis => ({
  id,
  name,
  kind,
  accountability: null,
  ownerId,
  archivedAt: null,
  kpis,
});
const issue = (id: number, kpiId: number | null, createdAt: string, state: Issue["state"] = "open"): Issue => ({
  id,
  title: `Issue ${id}`,
  source: kpiId ? "drift" : "manual",
  state,
  kpiId,
  week: null,
  ownerId: "U1",
  openedBy: "U1",
  assigneeId: null,
  closedBy: state === "open" ? null : "U2",
  closedAt: state === "open" ? null : new Date("2026-11-24T10:00:00Z"),
  resolutionNote: null,
  createdAt: new Date(createdAt),
  channelId: null,
  messageTs: null,
  weeks: [],
});

function input(overrides: Partial<DigestInput> = {}): DigestInput {
  const weeks = trailingWeeks("2026-W47", 13);
  const agent = seat(1, "Triage agent", "agent", "UAGENT", [kpi(10, 1, "Resolution", ">=", 85), kpi(11, 1, "Escalations", "<=", 5)]);
  const human = seat(2, "Finance", "human", "UFIN", [kpi(20, 2, "Cash", ">=", 100)]);
  const values = new Map([
    [
      10,
      new Map([
        ["2026-W44", 90],
        ["2026-W45", 91],
        ["2026-W46", 86],
        ["2026-W47", 80],
      ]),
    ],
    [
      11,
      new Map([
        ["2026-W44", 3],
        ["2026-W45", 2],
        ["2026-W46", 4],
        ["2026-W47", 4],
      ]),
    ],
  ]);
  return {
    week: "2026-W47",
    now: new Date("2026-11-24T13:00:00Z"),
    weeks,
    seats: [agent, human, seat(3, "Empty", "human", "UEMPTY", [])],
    values,
    openIssues: [issue(1, 10, "2026-11-24T12:00:00Z"), issue(2, null, "2026-11-02T09:00:00Z")],
    closedIssues: [issue(3, null, "2026-11-20T09:00:00Z", "resolved")],
    since: new Date("2026-11-17T13:00:00Z"),
    lastRating: { average: 7.5, count: 4 },
    ...overrides,
  };
}

describe("composeDigest", () => {
  it("counts on, off and missing KPIs and the issues opened and closed since the last digest", () => {
    const digest = composeDigest(input());
    expect(digest.summary).toEqual({ on: 1, off: 1, missing: 1, opened: 2, closed: 1 });
    expect(digest.scorecard.map((entry) => entry.seat.name)).toEqual(["Triage agent", "Finance"]);
  });

  it("puts issues opened since the last digest first", () => {
    const digest = composeDigest(input());
    expect(digest.newIssues.map((item) => item.id)).toEqual([1]);
    expect(digest.olderIssues.map((item) => item.id)).toEqual([2]);
  });

  it("lists owners who did not check in with how many numbers they miss", () => {
    expect(composeDigest(input()).missingOwners).toEqual([{ ownerId: "UFIN", missing: 1 }]);
  });

  it("does not count a paused or retired AI seat's empty week as missing, nor say its agent reported nothing", () => {
    const paused = { ...seat(4, "Invoice agent", "agent", "UPAUSED", [kpi(40, 4, "Matched", ">=", 100)]), stage: "paused" as const };
    const working = { ...seat(5, "Lead agent", "agent", "ULEAD", [kpi(50, 5, "Leads", ">=", 10)]), stage: "shadow" as const };
    const digest = composeDigest(input({ seats: [paused, working] }));
    expect(digest.summary.missing).toBe(1);
    expect(digest.missingOwners).toEqual([{ ownerId: "ULEAD", missing: 1 }]);
    expect(digest.aiSeats.map((state) => [state.seat.name, state.agentWeek])).toEqual([
      ["Invoice agent", null],
      ["Lead agent", expect.stringContaining("nothing")],
    ]);
  });

  it("gives each AI seat its on-track rates, streak and open issues", () => {
    const [state] = composeDigest(input()).aiSeats;
    expect(state.seat.name).toBe("Triage agent");
    expect(state.onTrackRate4).toBeCloseTo(7 / 8);
    expect(state.onTrackRate13).toBeCloseTo(7 / 8);
    expect(state.weeksOnTrack).toBe(0);
    expect(state.openIssues).toBe(1);
  });

  it("counts the streak of weeks with every KPI on track", () => {
    const values = new Map([
      [
        10,
        new Map([
          ["2026-W45", 91],
          ["2026-W46", 86],
          ["2026-W47", 88],
        ]),
      ],
      [
        11,
        new Map([
          ["2026-W45", 2],
          ["2026-W46", 4],
          ["2026-W47", 4],
        ]),
      ],
    ]);
    expect(composeDigest(input({ values })).aiSeats[0].weeksOnTrack).toBe(3);
  });
});

describe("composeDigest with time off", () => {
  it("lists an away owner as away, not as missing, and leaves their empty numbers out of the count", () => {
    const digest = composeDigest(input({ awayOwners: new Set(["UFIN", "UNOSEAT"]) }));
    expect(digest.summary).toMatchObject({ on: 1, off: 1, missing: 0 });
    expect(digest.missingOwners).toEqual([]);
    expect(digest.awayOwners).toEqual(["UFIN"]);
    expect(digest.holiday).toBeUndefined();
  });

  it("passes a holiday week's names on", () => {
    expect(composeDigest(input({ holiday: ["Winter break"] })).holiday).toEqual(["Winter break"]);
  });
});

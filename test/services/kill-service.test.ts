// KillService with in-memory fakes: thresholds only on AI seats' KPIs, a kill issue at once, and who decides.
import { describe, expect, it } from "vitest";
import type { Issue, Kpi, Seat } from "../../src/domain/model";
import type { KillThreshold } from "../../src/domain/kill";
import { KillService } from "../../src/services/kill-service";
import { done, refused } from "../../src/services/outcome";
import { recordingLogger } from "./fakes";

const NOW = new Date("2026-11-24T10:00:00Z");
const agentSeat: Seat = { id: 1, name: "Triage bot", kind: "agent", accountability: null, ownerId: "UOWNER", archivedAt: null, stage: "shadow" };
const humanSeat: Seat = { id: 2, name: "Finance", kind: "human", accountability: null, ownerId: "UFIN", archivedAt: null };
const kpi = (id: number, seatId: number, name: string): Kpi => ({
  id,
  seatId,
  name,
  unit: "percent",
  goal: { op: ">=", a: 85 },
  archivedAt: null,
  createdAt: NOW,
});
const rate = kpi(10, 1, "Resolution rate");
const books = kpi(20, 2, "Books");

function setUp() {
  const thresholds = new Map<number, KillThreshold>();
  const opened: { kpiId: number; week: string; source: string; value: number | null }[] = [];
  const posted: number[] = [];
  const resolved: [number, string, string | null][] = [];
  const stageChanges: string[] = [];
  const issue: Issue = {
    id: 5,
    title: "x",
    source: "kill",
    state: "open",
    kpiId: 10,
    week: "2026-W47",
    ownerId: "UOWNER",
    openedBy: "cadence",
    assigneeId: null,
    closedBy: null,
    closedAt: null,
    resolutionNote: null,
    createdAt: NOW,
    channelId: null,
    messageTs: null,
    weeks: ["2026-W47"],
  };
  const service = new KillService({
    kills: {
      set: async (threshold) => void thresholds.set(threshold.kpiId, threshold),
      recentForKpis: async (ids) => new Map([...thresholds].filter(([id]) => ids.includes(id))),
    },
    kpis: {
      findKpi: async (name) =>
        name === "Books" ? done({ kpi: books, seat: humanSeat }) : name === "Resolution rate" ? done({ kpi: rate, seat: agentSeat }) : refused("no such KPI"),
    },
    seats: { findKpi: async (id) => (id === 10 ? { kpi: rate, seat: agentSeat } : undefined) },
    issues: { openAutomatic: async (input) => (opened.push(input), { kind: "created" as const, issue }) },
    issueService: {
      post: async (posting) => (posted.push(posting.id), "posted" as const),
      refreshPost: async () => undefined,
      find: async () => issue,
      resolve: async (id, actor, note) => (resolved.push([id, actor, note]), done(issue)),
    },
    stages: {
      change: async (input) =>
        input.actorId === "UADMIN" || input.actorId === "UOWNER"
          ? (stageChanges.push(`${input.to} by ${input.actorId} via ${input.via}`), done({} as never))
          : refused("not allowed"),
    },
    isAdmin: async (userId) => userId === "UADMIN",
    logger: recordingLogger(),
  });
  return { service, thresholds, opened, posted, resolved, stageChanges };
}

describe("KillService", () => {
  it("sets a threshold on an AI seat's KPI in the KPI's unit, and refuses a human seat's KPI", async () => {
    const { service, thresholds } = setUp();
    expect(await service.setThreshold({ kpi: "Resolution rate", op: "<", valueText: "60%" }, "UADMIN", NOW)).toMatchObject({
      ok: true,
      value: { text: "< 60%" },
    });
    expect(await service.setThreshold({ kpi: "Books", op: "<", valueText: "1" }, "UADMIN", NOW)).toEqual({
      ok: false,
      error: '"Books" belongs to "Finance", a human seat; kill thresholds are for AI seats\' KPIs',
    });
    expect([...thresholds.values()]).toEqual([{ kpiId: 10, op: "<", value: 60 }]);
  });

  it("opens a kill issue for a value past the threshold and posts it after the request, not for one within it", async () => {
    const { service, thresholds, opened, posted } = setUp();
    thresholds.set(10, { kpiId: 10, op: "<", value: 60 });
    const entry = (value: number) => ({ kpiId: 10, week: "2026-W47", value, note: null, source: "command" as const, enteredBy: "UOWNER", enteredAt: NOW });
    await service.valuesRecorded({ week: "2026-W47", owners: ["UOWNER"], entries: [{ kpi: rate, seat: agentSeat, entry: entry(61) }] }, NOW);
    expect(opened).toEqual([]);
    await service.valuesRecorded({ week: "2026-W47", owners: ["UOWNER"], entries: [{ kpi: rate, seat: agentSeat, entry: entry(40) }] }, NOW);
    await service.idle();
    expect(opened).toMatchObject([{ kpiId: 10, week: "2026-W47", source: "kill", value: 40 }]);
    expect(posted).toEqual([5]);
  });

  it("pauses through StageService from the button and closes the issue; Keep going is for admins and the owner", async () => {
    const { service, resolved, stageChanges } = setUp();
    expect(await service.keepGoing(5, "UOTHER", NOW)).toEqual({ ok: false, error: "only a Cadence admin or the seat's owner (<@UOWNER>) can decide on #5" });
    expect(await service.pause(5, "UOTHER", NOW)).toEqual({ ok: false, error: "not allowed" });
    expect(resolved).toEqual([]);
    expect((await service.pause(5, "UOWNER", NOW)).ok).toBe(true);
    expect(stageChanges).toEqual(["paused by UOWNER via button"]);
    expect((await service.keepGoing(5, "UADMIN", NOW)).ok).toBe(true);
    expect(resolved).toEqual([
      [5, "UOWNER", "Paused the seat"],
      [5, "UADMIN", "Keep going"],
    ]);
  });
});

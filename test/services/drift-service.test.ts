// The deadline job with in-memory fakes: when it judges what, and when a week counts as done.
import { beforeEach, describe, expect, it } from "vitest";
import type { Issue, Kpi, SeatWithKpis } from "../../src/domain/model";
import type { IsoWeek } from "../../src/domain/week";
import type { AutomaticIssueResult } from "../../src/repositories/issue-repository";
import { DriftService } from "../../src/services/drift-service";
import { loopSettings, recordingLogger } from "./fakes";
import type { AbsenceLookup } from "../../src/services/time-off-service";

const WEEK = "2026-W47" as IsoWeek; // Nov 16–22; deadline Tue Nov 24 12:00 UTC
const BEFORE_DEADLINE = new Date("2026-11-23T15:00:00Z");
const AT_DEADLINE = new Date("2026-11-24T12:00:00Z");

function kpi(id: number, name: string, createdAt = new Date("2026-10-01T00:00:00Z")): Kpi {
  return { id, seatId: 1, name, unit: "number", goal: { op: ">=", a: 10, b: null }, archivedAt: null, createdAt };
}

function world(kpis: Kpi[], absences?: AbsenceLookup) {
  const seat: SeatWithKpis = { id: 1, name: "Support", kind: "agent", accountability: null, ownerId: "UOWNER", archivedAt: null, kpis };
  const values = new Map<number, Map<IsoWeek, number>>();
  const issues = new Map<string, Issue>();
  const completed = new Set<string>();
  const asked = new Set<number>();
  const service = new DriftService({
    loader: { load: async () => ({ weeks: [WEEK], seats: [seat], values }) },
    issues: {
      async openAutomatic(input): Promise<AutomaticIssueResult> {
        const key = `${input.kpiId}:${input.week}:${input.source}`;
        const existing = issues.get(key);
        if (existing) return { kind: "unchanged", issue: existing };
        const issue: Issue = {
          id: issues.size + 1,
          title: input.title,
          source: input.source,
          state: "open",
          kpiId: input.kpiId,
          week: input.week,
          ownerId: input.ownerId,
          openedBy: "cadence",
          assigneeId: null,
          closedBy: null,
          closedAt: null,
          resolutionNote: null,
          createdAt: input.at,
          channelId: null,
          messageTs: null,
          weeks: [input.week],
        };
        issues.set(key, issue);
        return { kind: "created", issue };
      },
      unpostedFor: async () => [...issues.values()].filter((issue) => !issue.messageTs),
    },
    issueService: {
      async post(issue) {
        issue.messageTs = `ts-${issue.id}`;
        return "posted" as const;
      },
      refreshPost: async () => undefined,
    },
    jobRuns: { isComplete: async (job, week) => completed.has(`${job}:${week}`), markComplete: async (job, week) => void completed.add(`${job}:${week}`) },
    checkins: { askedKpis: async () => asked },
    settings: loopSettings(),
    logger: recordingLogger(),
    absences,
  });
  const set = (kpiId: number, value: number) => values.set(kpiId, new Map([[WEEK, value]]));
  return { service, issues, completed, asked, set, keys: () => [...issues.keys()].sort() };
}

describe("DriftService", () => {
  let w: ReturnType<typeof world>;
  beforeEach(() => {
    w = world([kpi(1, "Tickets"), kpi(2, "CSAT")]);
  });

  it("an early run does not cancel the deadline: a number entered after it is judged at the deadline", async () => {
    w.set(1, 3);
    const early = await w.service.runNow(BEFORE_DEADLINE);
    expect(early.week).toBe(WEEK);
    // Off-track values are judged at once; nothing is "missing" before the deadline, and the week stays open.
    expect(w.keys()).toEqual(["1:2026-W47:drift"]);
    expect(w.completed.size).toBe(0);

    w.set(2, 4); // entered between the early run and the deadline
    await w.service.runDue(AT_DEADLINE);
    expect(w.keys()).toEqual(["1:2026-W47:drift", "2:2026-W47:drift"]);
    expect(w.completed.has(`drift:${WEEK}`)).toBe(true);
  });

  it("never opens a second issue for a KPI, week and source, however often it runs", async () => {
    w.set(1, 3);
    await w.service.runNow(BEFORE_DEADLINE);
    await w.service.runNow(BEFORE_DEADLINE);
    const scheduled = await w.service.runDue(AT_DEADLINE);
    expect(scheduled[0]).toMatchObject({ sent: 1, skipped: 1 }); // CSAT missing is new; Tickets' drift was there
    expect(w.keys()).toEqual(["1:2026-W47:drift", "2:2026-W47:missing"]);
    expect(await w.service.runDue(new Date(AT_DEADLINE.getTime() + 60_000))).toEqual([]);
    expect(await w.service.runNow(new Date(AT_DEADLINE.getTime() + 60_000))).toMatchObject({ sent: 0, skipped: 2 });
  });

  it("a KPI the week's check-in listed and got no number is missing, even if created after the week ended", async () => {
    const late = world([kpi(7, "Listed late", new Date("2026-11-23T08:00:00Z")), kpi(8, "Added after the DM", new Date("2026-11-23T20:00:00Z"))]);
    late.asked.add(7);
    await late.service.runDue(AT_DEADLINE);
    expect(late.keys()).toEqual(["7:2026-W47:missing"]);
  });

  describe("time off", () => {
    const off = (input: { away?: string[]; holiday?: boolean }): AbsenceLookup => ({
      forWeek: async (week) => ({
        holiday: input.holiday && week === WEEK ? [{ id: 1, userId: null, from: "2026-11-16", to: "2026-11-22", note: "Break" }] : undefined,
        isAway: (ownerId) => week === WEEK && (input.away ?? []).includes(ownerId),
      }),
    });

    it("opens no missing issue for an owner away the whole week, but still judges a number they entered", async () => {
      const away = world([kpi(1, "Tickets"), kpi(2, "CSAT")], off({ away: ["UOWNER"] }));
      away.set(1, 3);
      await away.service.runDue(AT_DEADLINE);
      expect(away.keys()).toEqual(["1:2026-W47:drift"]);
      expect(away.completed.has("drift:2026-W47")).toBe(true);
    });

    it("opens nothing in a team holiday week, and the week counts as done", async () => {
      const holiday = world([kpi(1, "Tickets"), kpi(2, "CSAT")], off({ holiday: true }));
      holiday.set(1, 3);
      expect(await holiday.service.runDue(AT_DEADLINE)).toMatchObject([{ week: WEEK, sent: 0, skipped: 0, failed: 0 }]);
      expect(holiday.keys()).toEqual([]);
      expect(holiday.completed.has("drift:2026-W47")).toBe(true);
    });
  });
});

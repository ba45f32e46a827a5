// Small plain models for the block builder tests: only what a test cares about is spelled out.
import type { Entry, Issue, Kpi, Seat, SeatWithKpis } from "../../src/domain/model";
import type { IsoWeek } from "../../src/domain/week";

export const CREATED_AT = new Date("2026-11-02T12:00:00Z");

export function kpi(overrides: Partial<Kpi> & Pick<Kpi, "id" | "name">): Kpi {
  return { seatId: 1, unit: "number", goal: { op: ">=", a: 10 }, archivedAt: null, createdAt: CREATED_AT, ...overrides };
}

export function seat(overrides: Partial<SeatWithKpis> & Pick<Seat, "id" | "name">): SeatWithKpis {
  return { kind: "human", accountability: null, ownerId: "U_OWNER", archivedAt: null, kpis: [], ...overrides };
}

export function entry(kpiId: number, week: IsoWeek, value: number): Entry {
  return { kpiId, week, value, note: null, source: "dm", enteredBy: "U_OWNER", enteredAt: new Date("2026-11-16T10:00:00Z") };
}

export function issue(overrides: Partial<Issue> & Pick<Issue, "id" | "title">): Issue {
  return {
    source: "manual",
    state: "open",
    kpiId: null,
    week: null,
    ownerId: "U_OWNER",
    openedBy: "U_OWNER",
    assigneeId: null,
    closedBy: null,
    closedAt: null,
    resolutionNote: null,
    createdAt: CREATED_AT,
    channelId: null,
    messageTs: null,
    weeks: [],
    ...overrides,
  };
}

/** `count` KPIs with names as long as set-up allows (80 characters), to push Slack's limits. */
export function manyKpis(count: number, seatId = 1): Kpi[] {
  return Array.from({ length: count }, (_, index) =>
    kpi({
      id: index + 1,
      seatId,
      name: `KPI ${String(index + 1).padStart(3, "0")} ${"x".repeat(72)}`,
      unit: "percent",
      goal: { op: "between", a: 95, b: 100 },
    }),
  );
}

import type { KnownBlock } from "@slack/types";

type Block = KnownBlock;

/** Every text a block carries that Slack counts against the 3000-character section limit. */
export function sectionTexts(blocks: Block[]): string[] {
  return blocks.filter((block) => block.type === "section").map((block) => (block.text as { text: string }).text);
}

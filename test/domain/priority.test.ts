import { describe, expect, it } from "vitest";
import { parsePriorityCommand } from "../../src/domain/commands/priority-command";
import { endOfQuarter, parsePrefixedId, prioritySummary, type Priority } from "../../src/domain/priority";

describe("endOfQuarter", () => {
  const scenarios = [
    { day: "2026-01-01", end: "2026-03-31" },
    { day: "2026-05-15", end: "2026-06-30" },
    { day: "2026-09-30", end: "2026-09-30" },
    { day: "2026-11-30", end: "2026-12-31" },
  ];
  it.each(scenarios)("$day → $end", ({ day, end }) => expect(endOfQuarter(day)).toBe(end));
});

describe("parsePrefixedId", () => {
  const scenarios: Array<{ text: string; id: number | undefined }> = [
    { text: "P3", id: 3 },
    { text: "p3", id: 3 },
    { text: "3", id: 3 },
    { text: "P0", id: undefined },
    { text: "T3", id: undefined },
    { text: "#3", id: undefined },
  ];
  it.each(scenarios)("$text → $id", ({ text, id }) => expect(parsePrefixedId(text, "P")).toBe(id));
});

describe("parsePriorityCommand", () => {
  const scenarios: Array<{ text: string; command: unknown }> = [
    { text: "", command: { type: "list" } },
    { text: "list", command: { type: "list" } },
    { text: 'add "Launch EU pricing"', command: { type: "add", title: "Launch EU pricing", ownerId: null, due: null } },
    { text: "add Launch EU pricing <@UBEN|ben> due 2026-12-15", command: { type: "add", title: "Launch EU pricing", ownerId: "UBEN", due: "2026-12-15" } },
    { text: 'add "Due diligence" due 2026-12-15', command: { type: "add", title: "Due diligence", ownerId: null, due: "2026-12-15" } },
    { text: "done P3", command: { type: "done", id: 3 } },
    { text: "drop 3 not this quarter", command: { type: "drop", id: 3, note: "not this quarter" } },
    { text: "status P3 OFF", command: { type: "status", id: 3, onTrack: false } },
  ];
  it.each(scenarios)("$text", ({ text, command }) => expect(parsePriorityCommand(text)).toEqual({ ok: true, command }));
});

describe("prioritySummary", () => {
  it("counts the on-track ones and lists the rest", () => {
    const priority = (id: number, onTrack: boolean) => ({ id, onTrack }) as Priority;
    const summary = prioritySummary([priority(1, true), priority(2, false), priority(3, true)]);
    expect([summary.onTrack, summary.total, summary.offTrack.map((p) => p.id)]).toEqual([2, 3, [2]]);
  });
});

// The entry repository against a real SQLite file (copied from the migrated template).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/database";
import { EntryRepository } from "../../src/repositories/entry-repository";
import { freshDatabaseUrl } from "../support/boot-app";

let db: Database;
beforeAll(async () => {
  db = await openDatabase(freshDatabaseUrl());
});
afterAll(async () => db.$disconnect());

describe("EntryRepository", () => {
  it("reads values for more KPIs than SQLite binds in one query (a 1,000-owner fan-out did)", async () => {
    const seat = await db.seat.create({ data: { name: "Big", nameKey: "big", kind: "human", ownerId: "U1", createdBy: "U1" } });
    await db.kpi.createMany({
      data: Array.from({ length: 1200 }, (_, index) => ({
        seatId: seat.id,
        name: `K${index}`,
        nameKey: `k${index}`,
        unit: "number",
        goalOp: ">=",
        goalA: 1,
        createdBy: "U1",
      })),
    });
    const kpis = await db.kpi.findMany({ select: { id: true } });
    await db.entry.createMany({
      data: kpis.map((kpi) => ({ kpiId: kpi.id, week: "2026-W47", value: 2, source: "command", enteredBy: "U1", enteredAt: new Date() })),
    });
    const entries = await new EntryRepository(db).forWeeks(
      kpis.map((kpi) => kpi.id),
      ["2026-W46", "2026-W47"],
    );
    expect(entries).toHaveLength(1200);
  });

  it("records an empty batch (a form with every field left blank) as nothing, with what it was asked to write too", async () => {
    const entriesBefore = await db.entry.count();
    let alsoWritten = false;
    await new EntryRepository(db).record([], async () => {
      alsoWritten = true;
    });
    expect(alsoWritten).toBe(true);
    expect(await db.entry.count()).toBe(entriesBefore);
  });

  it("does not rewrite or audit a value entered again unchanged (a retried submission)", async () => {
    const seat = await db.seat.create({ data: { name: "Small", nameKey: "small", kind: "human", ownerId: "U1", createdBy: "U1" } });
    const kpi = await db.kpi.create({ data: { seatId: seat.id, name: "K", nameKey: "k", unit: "number", goalOp: ">=", goalA: 1, createdBy: "U1" } });
    const repo = new EntryRepository(db);
    const entry = { kpiId: kpi.id, week: "2026-W40", value: 5, note: null, source: "form" as const, enteredBy: "U1", enteredAt: new Date() };
    await repo.record([entry]);
    await repo.record([entry]);
    await repo.record([{ ...entry, value: 6 }]);
    const audit = await db.auditLog.findMany({ where: { entityId: `${kpi.id}:2026-W40` } });
    expect(audit.map((row) => row.action)).toEqual(["entry.add", "entry.replace"]);
  });

  it("reads a week's scorecard values with what provenance needs, as stored (plain SQL on both databases)", async () => {
    const seat = await db.seat.create({ data: { name: "Agent", nameKey: "agent", kind: "agent", ownerId: "U1", createdBy: "U1" } });
    const kpi = (name: string) =>
      db.kpi.create({ data: { seatId: seat.id, name, nameKey: name.toLowerCase(), unit: "percent", goalOp: ">=", goalA: 1, createdBy: "U1" } });
    const [reported, confirmed, corrected] = [await kpi("Reported"), await kpi("Confirmed"), await kpi("Corrected")];
    const at = new Date("2026-11-24T09:30:00.250Z");
    const common = { week: "2026-W45", enteredBy: "U1", enteredAt: at };
    await db.entry.createMany({
      data: [
        { ...common, kpiId: reported.id, value: 61.5, source: "agent" },
        { ...common, kpiId: confirmed.id, value: 3, source: "agent", confirmedBy: "U1", confirmedAt: at },
        { ...common, kpiId: corrected.id, value: 70, source: "form", agentValue: 64.25 },
        { ...common, kpiId: corrected.id, week: "2026-W44", value: 1, source: "command" },
      ],
    });
    const values = await new EntryRepository(db).scorecardValues("2026-W45");
    expect(values.sort((a, b) => a.kpiId - b.kpiId)).toEqual([
      { kpiId: reported.id, week: "2026-W45", value: 61.5, source: "agent", confirmedAt: null, agentValue: null },
      { kpiId: confirmed.id, week: "2026-W45", value: 3, source: "agent", confirmedAt: at, agentValue: null },
      { kpiId: corrected.id, week: "2026-W45", value: 70, source: "form", confirmedAt: null, agentValue: 64.25 },
    ]);
  });
});

// Handing a seat over moves its open issues to the new owner: its KPIs' issues and its gate issues alike.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/database";
import { SeatRepository } from "../../src/repositories/seat-repository";
import { freshDatabaseUrl } from "../support/boot-app";

let db: Database;
beforeAll(async () => {
  db = await openDatabase(freshDatabaseUrl());
});
afterAll(async () => db.$disconnect());

describe("SeatRepository.setOwner", () => {
  it("re-owns the seat's gate issue, which has no KPI, with the KPIs' issues", async () => {
    const at = new Date("2026-11-23T10:00:00Z");
    const seats = new SeatRepository(db);
    const seat = await seats.createSeat({ name: "Lead agent", ownerId: "UOLD", kind: "agent", accountability: null }, "UADMIN", at);
    const common = { state: "open", ownerId: "UOLD", openedBy: "cadence", createdAt: at };
    const gate = await db.issue.create({ data: { ...common, title: "Ready for shadow", source: "gate" } });
    const stageChange = await db.stageChange.findFirstOrThrow({ where: { seatId: seat.id } });
    await db.gateIssue.create({ data: { seatId: seat.id, stageChangeId: stageChange.id, issueId: gate.id } });
    const unrelated = await db.issue.create({ data: { ...common, title: "Someone else's", source: "manual" } });

    const { reownedIssueIds } = await seats.setOwner(seat.id, "UNEW", "UADMIN", at);

    expect(reownedIssueIds).toEqual([gate.id]);
    expect((await db.issue.findUniqueOrThrow({ where: { id: gate.id } })).ownerId).toBe("UNEW");
    expect((await db.issue.findUniqueOrThrow({ where: { id: unrelated.id } })).ownerId).toBe("UOLD");
  });
});

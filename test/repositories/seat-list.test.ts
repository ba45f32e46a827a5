// listSeats reads the org chart as plain SQL (repositories/seat-list-sql.ts): it must give what Prisma's findMany
// gave, field for field, on SQLite and PostgreSQL alike (npm run test:postgres runs this file there too).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/database";
import { SeatRepository } from "../../src/repositories/seat-repository";
import { toKpi, toSeat } from "../../src/repositories/seat-rows";
import { freshDatabaseUrl } from "../support/boot-app";

const at = new Date("2026-11-23T10:00:00.123Z");
let db: Database;
let seats: SeatRepository;

beforeAll(async () => {
  db = await openDatabase(freshDatabaseUrl());
  seats = new SeatRepository(db);
  const sales = await seats.createSeat({ name: "Sales", ownerId: "U1", kind: "human", accountability: "Pipeline" }, "UADMIN", at);
  const agent = await seats.createSeat({ name: "Support agent", ownerId: "U2", kind: "agent", accountability: null }, "UADMIN", at);
  const gone = await seats.createSeat({ name: "Old seat", ownerId: "U3", kind: "human", accountability: null }, "UADMIN", at);
  await seats.createKpi({ seatId: sales.id, name: "Demos", unit: "number", goal: { op: ">=", a: 5, b: null } }, "UADMIN", at);
  const dropped = await seats.createKpi({ seatId: sales.id, name: "Calls", unit: "number", goal: { op: ">=", a: 1, b: null } }, "UADMIN", at);
  await seats.createKpi({ seatId: sales.id, name: "Win rate", unit: "percent", goal: { op: "between", a: 20.5, b: 40 } }, "UADMIN", at);
  await seats.createKpi({ seatId: agent.id, name: "Resolved", unit: "percent", goal: { op: ">=", a: 97.25, b: null } }, "UADMIN", at);
  await seats.createKpi({ seatId: gone.id, name: "Leads", unit: "number", goal: { op: "<=", a: 3, b: null } }, "UADMIN", at);
  await db.kpi.update({ where: { id: dropped.id }, data: { archivedAt: at } });
  // Positions out of id order: the list follows position first.
  await db.kpi.updateMany({ where: { seatId: sales.id, name: "Win rate" }, data: { position: -1 } });
  await seats.archiveSeat(gone.id, "UADMIN", at);
});
afterAll(async () => db.$disconnect());

/** What Prisma's findMany with an include returned before listSeats was plain SQL. */
async function throughPrisma(includeArchived: boolean) {
  const rows = await db.seat.findMany({
    where: includeArchived ? {} : { archivedAt: null },
    include: { kpis: { where: { archivedAt: null }, orderBy: [{ position: "asc" }, { id: "asc" }] } },
    orderBy: { id: "asc" },
  });
  return rows.map((row) => ({ ...toSeat(row), kpis: row.kpis.map(toKpi) }));
}

describe("SeatRepository.listSeats", () => {
  it("gives active seats with their active KPIs in order, as Prisma's findMany did", async () => {
    const listed = await seats.listSeats();

    expect(listed).toEqual(await throughPrisma(false));
    expect(listed.map((seat) => seat.name)).toEqual(["Sales", "Support agent"]);
    expect(listed[0]!.kpis.map((kpi) => kpi.name)).toEqual(["Win rate", "Demos"]);
    expect(listed[0]!.kpis[0]!.goal).toEqual({ op: "between", a: 20.5, b: 40 });
    expect(listed[1]!.kpis[0]!.goal.a).toBe(97.25);
    expect(listed[1]).toMatchObject({ kind: "agent", stage: "pilot", accountability: null });
    expect(listed[1]!.stageSince).toEqual(at);
    expect(listed[0]!.kpis[0]!.createdAt).toEqual(at);
  });

  it("includes archived seats, with their active KPIs, when asked", async () => {
    const listed = await seats.listSeats({ includeArchived: true });

    expect(listed).toEqual(await throughPrisma(true));
    const gone = listed.find((seat) => seat.name === "Old seat");
    expect(gone?.archivedAt).toEqual(at);
    expect(gone?.kpis.map((kpi) => kpi.name)).toEqual(["Leads"]);
  });
});

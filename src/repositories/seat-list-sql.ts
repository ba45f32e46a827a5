// Every seat with its active KPIs, read as plain SQL: /scorecard, the digest, drift and the home tab start from
// this list. Prisma's compiled findMany with an include cost about 10 ms of CPU and 2.5 MB of garbage for 125
// seats and 500 KPIs, in one stretch of the event loop that acks Slack (npm run bench -- lean); two plain
// statements cost a fraction of that. The rows are mapped here as Prisma would, for SQLite and PostgreSQL alike.
import { Prisma } from "../generated/prisma/client";
import type { Database } from "../db/database";
import type { SeatWithKpis } from "../domain/model";
import { toKpi, toSeat } from "./seat-rows";

type Integer = number | bigint;
type Timestamp = Date | string | number | null;

interface RawSeat {
  id: Integer;
  name: string;
  kind: string;
  accountability: string | null;
  ownerId: string;
  archivedAt: Timestamp;
  stage: string | null;
  stageSince: Timestamp;
}

interface RawKpi {
  id: Integer;
  seatId: Integer;
  name: string;
  unit: string;
  goalOp: string;
  goalA: Integer;
  goalB: Integer | null;
  archivedAt: Timestamp;
  createdAt: Timestamp;
}

export async function readSeatList(db: Database, options: { includeArchived: boolean }): Promise<SeatWithKpis[]> {
  const activeOnly = options.includeArchived ? Prisma.empty : Prisma.sql`WHERE "archivedAt" IS NULL`;
  const seatRows = await db.$queryRaw<RawSeat[]>`SELECT "id", "name", "kind", "accountability", "ownerId", "archivedAt", "stage", "stageSince"
    FROM "Seat" ${activeOnly} ORDER BY "id"`;
  if (seatRows.length === 0) return [];
  // Active KPIs of the seats listed, by a subquery rather than a list of ids: no cap on bound parameters.
  const ofListedSeats = options.includeArchived ? Prisma.empty : Prisma.sql`AND "seatId" IN (SELECT "id" FROM "Seat" WHERE "archivedAt" IS NULL)`;
  const kpiRows = await db.$queryRaw<RawKpi[]>`SELECT "id", "seatId", "name", "unit", "goalOp", "goalA", "goalB", "archivedAt", "createdAt"
    FROM "Kpi" WHERE "archivedAt" IS NULL ${ofListedSeats} ORDER BY "seatId", "position", "id"`;
  const kpisBySeat = new Map<number, SeatWithKpis["kpis"]>();
  for (const row of kpiRows) {
    const kpi = toKpi({
      id: Number(row.id),
      seatId: Number(row.seatId),
      name: row.name,
      unit: row.unit,
      goalOp: row.goalOp,
      goalA: Number(row.goalA),
      goalB: row.goalB === null ? null : Number(row.goalB),
      archivedAt: dateOrNull(row.archivedAt),
      createdAt: dateOrNull(row.createdAt) ?? new Date(0),
    });
    const list = kpisBySeat.get(kpi.seatId);
    if (list) list.push(kpi);
    else kpisBySeat.set(kpi.seatId, [kpi]);
  }
  return seatRows.map((row) => {
    const seat = toSeat({
      id: Number(row.id),
      name: row.name,
      kind: row.kind,
      accountability: row.accountability,
      ownerId: row.ownerId,
      archivedAt: dateOrNull(row.archivedAt),
      stage: row.stage,
      stageSince: dateOrNull(row.stageSince),
    });
    return { ...seat, kpis: kpisBySeat.get(seat.id) ?? [] };
  });
}

/** A timestamp column as Prisma's raw queries hand it over: a Date, or text or milliseconds in SQLite. */
function dateOrNull(value: Timestamp): Date | null {
  if (value === null) return null;
  return value instanceof Date ? value : new Date(value);
}

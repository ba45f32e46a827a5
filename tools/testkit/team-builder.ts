// Data builders: seats, KPIs and values written through the repositories the app itself uses (with their audit
// rows and name keys), so a seeded team is exactly what `/cadence seat add` and `/scorecard set` would leave.
// Goals are written as in `/cadence kpi add` (`>= 85 percent`, `between 2 and 4`, `= yes`).
import type { Database } from "../../src/db/database";
import { parseCadenceCommand } from "../../src/domain/commands/cadence-command";
import type { EntrySource, Kpi, Seat, SeatKind } from "../../src/domain/model";
import { EntryRepository } from "../../src/repositories/entry-repository";
import { SeatRepository } from "../../src/repositories/seat-repository";
import { ADMIN } from "./environment";

export interface KpiSpec {
  name: string;
  goal: string;
}

export interface SeatSpec {
  name: string;
  ownerId: string;
  kind?: SeatKind;
  accountability?: string;
  kpis?: KpiSpec[];
}

export type SeededSeat = Seat & { kpis: Kpi[] };

/** Adds the seats and their KPIs in order, as an admin would at `at`. */
export async function addSeats(db: Database, seats: SeatSpec[], options: { at: Date; by?: string }): Promise<SeededSeat[]> {
  const repository = new SeatRepository(db);
  const by = options.by ?? ADMIN;
  const added: SeededSeat[] = [];
  for (const spec of seats) {
    const seat = await repository.createSeat(
      { name: spec.name, ownerId: spec.ownerId, kind: spec.kind ?? "human", accountability: spec.accountability ?? null },
      by,
      options.at,
    );
    const kpis: Kpi[] = [];
    for (const kpi of spec.kpis ?? []) kpis.push(await repository.createKpi({ seatId: seat.id, name: kpi.name, ...goalOf(kpi) }, by, options.at));
    added.push({ ...seat, kpis });
  }
  return added;
}

/** The unit and goal `/cadence kpi add` would read from `goal`; a goal it would refuse fails the seeding. */
function goalOf(kpi: KpiSpec): Pick<Kpi, "unit" | "goal"> {
  const parsed = parseCadenceCommand(`kpi add "seat" "${kpi.name}" ${kpi.goal}`);
  if (!parsed.ok || parsed.command.type !== "kpi.add") throw new Error(`seeding: goal "${kpi.goal}" of ${kpi.name}: ${parsed.ok ? "not a KPI" : parsed.error}`);
  return { unit: parsed.command.unit, goal: parsed.command.goal };
}

export interface ValueSpec {
  kpiId: number;
  week: string;
  value: number;
  by: string;
  at: Date;
  note?: string;
  source?: EntrySource;
}

/** Records values as `/scorecard set` does (one transaction, an audit row each). */
export async function recordValues(db: Database, values: ValueSpec[]): Promise<void> {
  await new EntryRepository(db).record(
    values.map((value) => ({
      kpiId: value.kpiId,
      week: value.week,
      value: value.value,
      note: value.note ?? null,
      source: value.source ?? "command",
      enteredBy: value.by,
      enteredAt: value.at,
    })),
  );
}

export type EntryRow = { kpiId: number; week: string; value: number; note: string | null; source: string; enteredBy: string; enteredAt: Date };
// Rows per INSERT: far below SQLite's 32,766 bound variables, big enough that seeding stays fast.
const BATCH_SIZE = 500;

/**
 * Histories too large for recordValues (a benchmark's 159,000 values would take minutes with an audited
 * upsert each): multi-row inserts in one transaction, on SQLite and PostgreSQL alike (createMany).
 */
export async function bulkEntries(db: Database, rows: EntryRow[]): Promise<void> {
  await db.$transaction(
    async (tx) => {
      for (let start = 0; start < rows.length; start += BATCH_SIZE) await tx.entry.createMany({ data: rows.slice(start, start + BATCH_SIZE) });
    },
    { timeout: 120_000 },
  );
}

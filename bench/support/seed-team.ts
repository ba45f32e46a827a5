// Seeds a large team for a benchmark in a second or two: rows go straight into the database with createMany
// in batches (going through `/cadence seat add` would take minutes at this size and measure the wrong thing),
// and the owners into the fake Slack so users.info and DMs work. Everything is deterministic: same spec, same team.
import type { Database } from "../../src/db/database";
import { lastCompletedWeek, mondayOf, shiftWeek, type IsoWeek } from "../../src/domain/week";
import type { LocalSlack } from "../../tools/local-slack/server";

export interface TeamSpec {
  seats: number;
  /** A fixed count, or an inclusive range spread evenly over the seats. */
  kpisPerSeat: number | readonly [min: number, max: number];
  /** Weeks of values before the week the next check-in asks for (that week itself stays empty). */
  weeksOfHistory: number;
  /** Seats are dealt to owners in turn, so ownersCount <= seats gives every owner at least one seat. */
  ownersCount: number;
  /** Owners' Slack time zones, dealt in turn. */
  timeZones?: readonly string[];
}

export interface SeedContext {
  now: Date;
  teamTz: string;
}

export interface SeededTeam {
  ownerIds: string[];
  seatIds: number[];
  kpiIds: number[];
  entryCount: number;
  /** The weeks that have values, oldest first. */
  historyWeeks: IsoWeek[];
}

export const DEFAULT_TIME_ZONES = [
  "America/Los_Angeles",
  "America/New_York",
  "Europe/London",
  "Europe/Berlin",
  "Asia/Kolkata",
  "Asia/Tokyo",
  "Australia/Sydney",
] as const;

// Rows per INSERT: far below SQLite's 32,766 bound variables, big enough that seeding stays fast.
const BATCH_SIZE = 500;
const SEEDED_BY = "UADMIN";

export async function seedTeam(db: Database, slack: LocalSlack, spec: TeamSpec, context: SeedContext): Promise<SeededTeam> {
  const ownerIds = addOwners(slack, spec.ownersCount, spec.timeZones ?? DEFAULT_TIME_ZONES);
  const seats = await insertSeats(db, spec.seats, ownerIds, context.now);
  const kpis = await insertKpis(db, seats, spec.kpisPerSeat, context.now);
  const historyWeeks = weeksBeforeNextCheckin(context, spec.weeksOfHistory);
  const entryCount = await insertHistory(db, kpis, historyWeeks);
  return { ownerIds, seatIds: seats.map((seat) => seat.id), kpiIds: kpis.map((kpi) => kpi.id), entryCount, historyWeeks };
}

function ownerId(index: number): string {
  return `UB${String(index + 1).padStart(6, "0")}`;
}

function addOwners(slack: LocalSlack, count: number, timeZones: readonly string[]): string[] {
  return Array.from({ length: count }, (_, index) => {
    const id = ownerId(index);
    slack.addUser({ id, name: `owner${index + 1}`, tz: timeZones[index % timeZones.length] });
    return id;
  });
}

type SeededSeat = { id: number; ownerId: string };
type SeededKpi = { id: number; ownerId: string };

async function insertSeats(db: Database, count: number, ownerIds: string[], now: Date): Promise<SeededSeat[]> {
  const rows = Array.from({ length: count }, (_, index) => {
    const name = `Bench seat ${index + 1}`;
    return {
      name,
      nameKey: name.toLowerCase(),
      kind: index % 3 === 0 ? "agent" : "human",
      accountability: `Answers for benchmark area ${index + 1}`,
      ownerId: ownerIds[index % ownerIds.length],
      createdBy: SEEDED_BY,
      createdAt: now,
    };
  });
  const seats: SeededSeat[] = [];
  for (const batch of batches(rows)) {
    seats.push(...(await db.seat.createManyAndReturn({ data: batch, select: { id: true, ownerId: true } })));
  }
  return seats;
}

async function insertKpis(db: Database, seats: SeededSeat[], perSeat: TeamSpec["kpisPerSeat"], now: Date): Promise<SeededKpi[]> {
  const [min, max] = typeof perSeat === "number" ? [perSeat, perSeat] : perSeat;
  const rows = seats.flatMap((seat, seatIndex) =>
    Array.from({ length: min + (seatIndex % (max - min + 1)) }, (_, position) => {
      const name = `Bench KPI ${position + 1}`;
      return {
        seatId: seat.id,
        name,
        nameKey: name.toLowerCase(),
        unit: "number",
        goalOp: ">=",
        goalA: 10,
        goalB: null,
        position,
        createdBy: SEEDED_BY,
        createdAt: now,
      };
    }),
  );
  const ownerOfSeat = new Map(seats.map((seat) => [seat.id, seat.ownerId]));
  const kpis: SeededKpi[] = [];
  for (const batch of batches(rows)) {
    const inserted = await db.kpi.createManyAndReturn({ data: batch, select: { id: true, seatId: true } });
    kpis.push(...inserted.map((kpi) => ({ id: kpi.id, ownerId: ownerOfSeat.get(kpi.seatId)! })));
  }
  return kpis;
}

/** The weeks just before the one the next check-in asks for, so the check-in DM shows last week's values. */
function weeksBeforeNextCheckin(context: SeedContext, count: number): IsoWeek[] {
  const asked = lastCompletedWeek(context.now, context.teamTz);
  return Array.from({ length: count }, (_, index) => shiftWeek(asked, index - count));
}

async function insertHistory(db: Database, kpis: SeededKpi[], weeks: IsoWeek[]): Promise<number> {
  const rows = kpis.flatMap((kpi) =>
    weeks.map((week, weekIndex) => ({
      kpiId: kpi.id,
      week,
      // Values wander around the goal (>= 10) so some weeks are off track, as in a real scorecard.
      value: 6 + ((kpi.id * 7 + weekIndex * 3) % 10),
      note: null,
      source: "command",
      enteredBy: kpi.ownerId,
      enteredAt: new Date(mondayOf(week).getTime() + 7 * 24 * 3600 * 1000),
    })),
  );
  for (const batch of batches(rows)) await db.entry.createMany({ data: batch });
  return rows.length;
}

function* batches<T>(rows: T[]): Generator<T[]> {
  for (let start = 0; start < rows.length; start += BATCH_SIZE) yield rows.slice(start, start + BATCH_SIZE);
}

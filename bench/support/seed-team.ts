// Seeds a large team for a benchmark in seconds with the testkit's builders: seats and KPIs through the
// repositories, values in bulk (going through `/cadence seat add` would take minutes at this size and measure
// the wrong thing), and the owners into the fake Slack so users.info and DMs work. Everything is deterministic:
// same spec, same team.
import type { Database } from "../../src/db/database";
import { transaction } from "../../src/repositories/transaction";
import { lastCompletedWeek, mondayOf, shiftWeek, type IsoWeek } from "../../src/domain/week";
import type { LocalSlack } from "../../tools/local-slack/server";
import { addSeats, bulkEntries, type SeededSeat } from "../../tools/testkit/team-builder";

export interface TeamSpec {
  seats: number;
  /** A fixed count, or an inclusive range spread evenly over the seats. */
  kpisPerSeat: number | readonly [min: number, max: number];
  /** Weeks of values before the week the next check-in asks for (that week is filled by `askedWeek` only). */
  weeksOfHistory: number;
  /** Seats are dealt to owners in turn, so ownersCount <= seats gives every owner at least one seat. */
  ownersCount: number;
  /** Owners' Slack time zones, dealt in turn. */
  timeZones?: readonly string[];
  /**
   * Values for the week the next check-in asks for (the week the deadline job judges), as shares of the KPIs:
   * some missing, some off track, the rest on track. Without it that week stays empty.
   */
  askedWeek?: WeekMix;
}

export interface WeekMix {
  /** Share of KPIs (0–1) with no value. */
  missing: number;
  /** Share of KPIs (0–1) with a value below the goal. */
  offTrack: number;
}

export interface SeedContext {
  now: Date;
  teamTz: string;
}

export interface SeededTeam {
  ownerIds: string[];
  seatIds: number[];
  kpiIds: number[];
  /** Every KPI with what a command needs to name it (`/scorecard set "<seat>/<kpi>" …`) and who may set it. */
  kpis: SeededKpi[];
  entryCount: number;
  /** The weeks that have values, oldest first. */
  historyWeeks: IsoWeek[];
  /** The week the next check-in asks for, and how its KPIs stand (all missing unless spec.askedWeek). */
  askedWeek: IsoWeek;
  askedWeekCounts: { onTrack: number; offTrack: number; missing: number };
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

const WEEK_MS = 7 * 24 * 3600 * 1000;
// Every KPI's goal is `>= 10`; these sit either side of it.
const ON_TRACK_VALUE = 12;
const OFF_TRACK_VALUE = 7;

const SEEDED_BY = "UADMIN";

export async function seedTeam(db: Database, slack: LocalSlack, spec: TeamSpec, context: SeedContext): Promise<SeededTeam> {
  const ownerIds = addOwners(slack, spec.ownersCount, spec.timeZones ?? DEFAULT_TIME_ZONES);
  // Seats and KPIs predate their history, so a week without a value counts as missing, as it would in use.
  const createdAt = new Date(context.now.getTime() - (spec.weeksOfHistory + 1) * WEEK_MS);
  const { seats, kpis } = await insertSeatsAndKpis(db, spec.seats, spec.kpisPerSeat, ownerIds, createdAt);
  const historyWeeks = weeksBeforeNextCheckin(context, spec.weeksOfHistory);
  const askedWeek = lastCompletedWeek(context.now, context.teamTz);
  const historyCount = await insertHistory(db, kpis, historyWeeks);
  const asked = await insertAskedWeek(db, kpis, askedWeek, spec.askedWeek ?? { missing: 1, offTrack: 0 }, context.now);
  return {
    ownerIds,
    seatIds: seats.map((seat) => seat.id),
    kpiIds: kpis.map((kpi) => kpi.id),
    kpis,
    entryCount: historyCount + asked.onTrack + asked.offTrack,
    historyWeeks,
    askedWeek,
    askedWeekCounts: asked,
  };
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

export interface SeededKpi {
  id: number;
  name: string;
  seatName: string;
  ownerId: string;
}

async function insertSeatsAndKpis(
  db: Database,
  count: number,
  perSeat: TeamSpec["kpisPerSeat"],
  ownerIds: string[],
  createdAt: Date,
): Promise<{ seats: SeededSeat[]; kpis: SeededKpi[] }> {
  const [min, max] = typeof perSeat === "number" ? [perSeat, perSeat] : perSeat;
  const specs = Array.from({ length: count }, (_, index) => ({
    name: `Bench seat ${index + 1}`,
    kind: index % 3 === 0 ? ("agent" as const) : ("human" as const),
    accountability: `Answers for benchmark area ${index + 1}`,
    ownerId: ownerIds[index % ownerIds.length],
    kpis: Array.from({ length: min + (index % (max - min + 1)) }, (_, position) => ({ name: `Bench KPI ${position + 1}`, goal: ">= 10" })),
  }));
  const seats = await addSeats(db, specs, { at: createdAt, by: SEEDED_BY });
  const kpis = seats.flatMap((seat) => seat.kpis.map((kpi) => ({ id: kpi.id, name: kpi.name, seatName: seat.name, ownerId: seat.ownerId })));
  return { seats, kpis };
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
      enteredAt: new Date(mondayOf(week).getTime() + WEEK_MS),
    })),
  );
  await bulkEntries(db, rows);
  return rows.length;
}

type TrackState = "onTrack" | "offTrack" | "missing";

/**
 * Spreads the mix evenly and deterministically: within every 100 KPIs in a row, `(index × 37) mod 100` visits
 * each bucket once, so the shares hold exactly for multiples of 100 and the states are not clustered by seat.
 */
function stateInMix(index: number, mix: WeekMix): TrackState {
  const bucket = (index * 37) % 100; // whole percents, so 0.1 + 0.2 is 30 and not 30.000000000000004
  const missingPercent = Math.round(mix.missing * 100);
  if (bucket < missingPercent) return "missing";
  if (bucket < missingPercent + Math.round(mix.offTrack * 100)) return "offTrack";
  return "onTrack";
}

async function insertAskedWeek(db: Database, kpis: SeededKpi[], week: IsoWeek, mix: WeekMix, now: Date): Promise<Record<TrackState, number>> {
  const counts: Record<TrackState, number> = { onTrack: 0, offTrack: 0, missing: 0 };
  const rows = kpis.flatMap((kpi, index) => {
    const state = stateInMix(index, mix);
    counts[state] += 1;
    if (state === "missing") return [];
    const value = state === "offTrack" ? OFF_TRACK_VALUE : ON_TRACK_VALUE;
    return [{ kpiId: kpi.id, week, value, note: null, source: "command", enteredBy: kpi.ownerId, enteredAt: now }];
  });
  await bulkEntries(db, rows);
  return counts;
}

/**
 * Every owner already asked for the week the next check-in asks about, so a running scheduler sends no check-in DMs.
 * In one retried transaction, as the app writes: an upsert reads, then writes, and SQLite refuses that upgrade at
 * once when a running app (its 10 s heartbeat) wrote in between.
 */
export async function markAsked(db: Database, ownerIds: string[], now: Date): Promise<void> {
  const week = lastCompletedWeek(now, "UTC");
  await transaction(db, async (tx) => {
    for (const ownerId of ownerIds) {
      await tx.checkIn.upsert({
        where: { ownerId_week: { ownerId, week } },
        create: { ownerId, week, sentAt: new Date(), channelId: `D${ownerId}`, messageTs: "1.000001" },
        update: {},
      });
    }
  });
}

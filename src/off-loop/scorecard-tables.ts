// The /scorecard table of a week, kept while what it shows has not changed. Reading and building the whole table
// of 900 KPIs over 13 weeks costs 60-80 ms of CPU with its garbage (11,700 values), and it is asked for again and
// again: by a team opening /scorecard together at its meeting, and by anyone while agents push a value now and then.
// On a one-core host that work shared the core with the acks (issue 17, and issue 13's /scorecard beside the API).
//
// What a table is built from is kept in pieces, each read once and then reused: the seats with their KPIs, and each
// week's values. A change drops only the pieces it touches, so a value recorded for this week makes the next table
// read that week again and none of the twelve before it. Two limits keep a table from being stale:
// - in this process, a person's value (value-changes.ts, told by the main thread) and any change of seats or KPIs
//   (seat-data-cache.ts) drop their pieces before the next table is asked for;
// - another instance on the same database (several on PostgreSQL, or a second one serving Slack on the same SQLite
//   file) cannot tell this one, so a piece is used for at most RECENT_READ_MS after its read began.
// A caller never joins a read begun before a change made by a person: the change has dropped that read, and the
// caller begins another. Values the agents push through the API are the exception: they show within
// AGENT_VALUES_SHOW_WITHIN_MS, as their owners' DMs refresh at most every few seconds (refresh-service.ts). An
// agent pushing all the time would otherwise have every /scorecard read its week and build the whole table again
// (20-30 ms of CPU each, measured beside agent-api's 100 values a second), while nobody waits for that value.
import type { SeatWithKpis } from "../domain/model";
import type { ScorecardData } from "../domain/scorecard";
import { trailingWeeks, type IsoWeek } from "../domain/week";
import type { EntryRepository, ScorecardValue } from "../repositories/entry-repository";
import type { SeatRepository } from "../repositories/seat-repository";
import { addWeekValues, emptyScorecard } from "../services/scorecard-data";

export const RECENT_READ_MS = 2_000;
export const AGENT_VALUES_SHOW_WITHIN_MS = 1_000;

interface Read<Value> {
  readonly value: Promise<Value>;
  /** Reused until then (monotonic ms): the limit after it began, or sooner when told of a change to show soon. */
  until: number;
}

/** Reads by key, each reused until it is dropped or older than the limit; a failed read is not reused. */
class RecentReads<Key, Value> {
  private readonly reads = new Map<Key, Read<Value>>();

  constructor(
    private readonly load: (key: Key) => Promise<Value>,
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  get(key: Key): Read<Value> {
    const kept = this.reads.get(key);
    if (kept && this.isCurrent(key, kept)) return kept;
    const until = this.now() + this.ttlMs;
    const read: Read<Value> = { value: this.load(key), until };
    this.reads.set(key, read);
    read.value.catch(() => this.drop(key, read));
    return read;
  }

  /** Whether `read` is still the one a caller asking for `key` now would get. */
  isCurrent(key: Key, read: Read<Value>): boolean {
    return this.reads.get(key) === read && this.now() < read.until;
  }

  /** What `key` read has changed; a caller asking more than `withinMs` from now reads it again. */
  dropWithin(key: Key, withinMs: number): void {
    const read = this.reads.get(key);
    if (read) read.until = Math.min(read.until, this.now() + withinMs);
  }

  drop(key: Key, only?: Read<Value>): void {
    if (only === undefined || this.reads.get(key) === only) this.reads.delete(key);
  }

  dropAll(): void {
    this.reads.clear();
  }

  /** Forgets reads past the limit, so that weeks nobody asks for any more are not held. */
  forgetOld(): void {
    for (const [key, read] of this.reads) if (!this.isCurrent(key, read)) this.reads.delete(key);
  }
}

interface Table<Built> {
  built: Promise<Built>;
  seats: Read<SeatWithKpis[]>;
  weeks: [IsoWeek, Read<ScorecardValue[]>][];
}

export class ScorecardTables<Built> {
  private readonly seatLists: RecentReads<"all", SeatWithKpis[]>;
  private readonly weekValues: RecentReads<IsoWeek, ScorecardValue[]>;
  private readonly tables = new Map<IsoWeek, Table<Built>>();

  constructor(
    private readonly deps: {
      seats: Pick<SeatRepository, "listSeats">;
      entries: Pick<EntryRepository, "scorecardValues">;
      build: (data: ScorecardData) => Built;
      weekCount: number;
      ttlMs?: number;
      /** A monotonic clock in ms: the real one, since the limit is about other instances' writes in real time. */
      monotonicNow?: () => number;
    },
  ) {
    const now = deps.monotonicNow ?? (() => performance.now());
    const ttlMs = deps.ttlMs ?? RECENT_READ_MS;
    this.seatLists = new RecentReads(() => deps.seats.listSeats(), ttlMs, now);
    this.weekValues = new RecentReads((week) => deps.entries.scorecardValues(week), ttlMs, now);
  }

  /** The week's table, built from current reads: the same one for every caller until something it shows changes. */
  table(week: IsoWeek): Promise<Built> {
    const kept = this.tables.get(week);
    if (kept && this.isCurrent(kept)) return kept.built;
    this.forgetOld();
    const seats = this.seatLists.get("all");
    const weeks = trailingWeeks(week, this.deps.weekCount).map((each): [IsoWeek, Read<ScorecardValue[]>] => [each, this.weekValues.get(each)]);
    const table: Table<Built> = { built: this.build(seats, weeks), seats, weeks };
    this.tables.set(week, table);
    table.built.catch(() => {
      if (this.tables.get(week) === table) this.tables.delete(week);
    });
    return table.built;
  }

  /**
   * Values of these weeks were written: tables showing them are built again, reading only these weeks anew; at
   * once, or for an agent's values within AGENT_VALUES_SHOW_WITHIN_MS.
   */
  valuesChanged(weeks: IsoWeek[], by: "person" | "agent" = "person"): void {
    for (const week of weeks) {
      if (by === "agent") this.weekValues.dropWithin(week, AGENT_VALUES_SHOW_WITHIN_MS);
      else this.weekValues.drop(week);
    }
  }

  /** Seats or KPIs changed: every table reads them again. */
  seatsChanged(): void {
    this.seatLists.dropAll();
  }

  private async build(seats: Read<SeatWithKpis[]>, weeks: [IsoWeek, Read<ScorecardValue[]>][]): Promise<Built> {
    const data = emptyScorecard(
      weeks.map(([week]) => week),
      await seats.value,
    );
    for (const [, values] of weeks) addWeekValues(data, await values.value);
    return this.deps.build(data);
  }

  private isCurrent(table: Table<Built>): boolean {
    return this.seatLists.isCurrent("all", table.seats) && table.weeks.every(([week, read]) => this.weekValues.isCurrent(week, read));
  }

  private forgetOld(): void {
    for (const [week, table] of this.tables) if (!this.isCurrent(table)) this.tables.delete(week);
    this.seatLists.forgetOld();
    this.weekValues.forgetOld();
  }
}

// The /scorecard table of a week, kept while what it shows has not changed. Reading and building the whole table
// of 900 KPIs over 13 weeks costs 60-80 ms of CPU with its garbage (11,700 values), and it is asked for again and
// again: by a team opening /scorecard together at its meeting, and by anyone while agents push a value now and then.
// On a one-core host that work shared the core with the acks (issue 17, and issue 13's /scorecard beside the API).
//
// What a table is built from is kept in pieces, each read once and then reused: the seats with their KPIs, and each
// week's values. A change drops only the pieces it touches, so a value recorded for this week makes the next table
// read that week again and none of the twelve before it. Two limits keep a table from being stale:
// - in this process, every write of values (value-changes.ts), seats or KPIs (seat-data-cache.ts) drops its pieces
//   at once, through whichever thread wrote it, before the next table is asked for;
// - another instance on the same PostgreSQL database cannot tell this one, so a piece is used for at most
//   RECENT_READ_MS after its read began.
// A caller never joins a read begun before a change: the change has dropped that read, and the caller begins another.
import type { SeatWithKpis } from "../domain/model";
import type { ScorecardData } from "../domain/scorecard";
import { trailingWeeks, type IsoWeek } from "../domain/week";
import type { EntryRepository, ScorecardValue } from "../repositories/entry-repository";
import type { SeatRepository } from "../repositories/seat-repository";
import { addWeekValues, emptyScorecard } from "../services/scorecard-data";

export const RECENT_READ_MS = 2_000;

interface Read<Value> {
  readonly value: Promise<Value>;
  readonly began: number;
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
    const began = this.now();
    const read: Read<Value> = { value: this.load(key), began };
    this.reads.set(key, read);
    read.value.catch(() => this.drop(key, read));
    return read;
  }

  /** Whether `read` is still the one a caller asking for `key` now would get. */
  isCurrent(key: Key, read: Read<Value>): boolean {
    return this.reads.get(key) === read && this.now() - read.began < this.ttlMs;
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

interface Table<Reply> {
  reply: Promise<Reply>;
  seats: Read<SeatWithKpis[]>;
  weeks: [IsoWeek, Read<ScorecardValue[]>][];
}

export class ScorecardTables<Reply> {
  private readonly seatLists: RecentReads<"all", SeatWithKpis[]>;
  private readonly weekValues: RecentReads<IsoWeek, ScorecardValue[]>;
  private readonly tables = new Map<IsoWeek, Table<Reply>>();

  constructor(
    private readonly deps: {
      seats: Pick<SeatRepository, "listSeats">;
      entries: Pick<EntryRepository, "scorecardValues">;
      build: (data: ScorecardData) => Reply;
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
  reply(week: IsoWeek): Promise<Reply> {
    const kept = this.tables.get(week);
    if (kept && this.isCurrent(kept)) return kept.reply;
    this.forgetOld();
    const seats = this.seatLists.get("all");
    const weeks = trailingWeeks(week, this.deps.weekCount).map((each): [IsoWeek, Read<ScorecardValue[]>] => [each, this.weekValues.get(each)]);
    const table: Table<Reply> = { reply: this.build(seats, weeks), seats, weeks };
    this.tables.set(week, table);
    table.reply.catch(() => {
      if (this.tables.get(week) === table) this.tables.delete(week);
    });
    return table.reply;
  }

  /** Values of these weeks were written: tables showing them are built again, reading only these weeks anew. */
  valuesChanged(weeks: IsoWeek[]): void {
    for (const week of weeks) this.weekValues.drop(week);
  }

  /** Seats or KPIs changed: every table reads them again. */
  seatsChanged(): void {
    this.seatLists.dropAll();
  }

  private async build(seats: Read<SeatWithKpis[]>, weeks: [IsoWeek, Read<ScorecardValue[]>][]): Promise<Reply> {
    const data = emptyScorecard(
      weeks.map(([week]) => week),
      await seats.value,
    );
    for (const [, values] of weeks) addWeekValues(data, await values.value);
    return this.deps.build(data);
  }

  private isCurrent(table: Table<Reply>): boolean {
    return this.seatLists.isCurrent("all", table.seats) && table.weeks.every(([week, read]) => this.weekValues.isCurrent(week, read));
  }

  private forgetOld(): void {
    for (const [week, table] of this.tables) if (!this.isCurrent(table)) this.tables.delete(week);
    this.seatLists.forgetOld();
    this.weekValues.forgetOld();
  }
}

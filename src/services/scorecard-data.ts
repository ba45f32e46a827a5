// Loads the active scorecard with its values over trailing weeks (a query for the seats, one per week), for every
// reader of it.
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import type { SeatWithKpis } from "../domain/model";
import type { ScorecardData } from "../domain/scorecard";
import { provenanceOf } from "../domain/provenance";
import { trailingWeeks, type IsoWeek } from "../domain/week";
import type { EntryRepository, ScorecardValue } from "../repositories/entry-repository";
import type { SeatRepository } from "../repositories/seat-repository";

export class ScorecardLoader {
  constructor(private readonly deps: { seats: Pick<SeatRepository, "listSeats">; entries: Pick<EntryRepository, "scorecardValues"> }) {}

  async load(endWeek: IsoWeek, weekCount: number): Promise<ScorecardData> {
    const weeks = trailingWeeks(endWeek, weekCount);
    const data = emptyScorecard(weeks, await this.deps.seats.listSeats());
    // A week at a time, letting the event loop breathe in between: 500 KPIs × 13 weeks read in one go held the
    // loop for long enough that acks of requests arriving meanwhile waited (npm run bench -- lean).
    for (const week of weeks) {
      await yieldToEventLoop();
      addWeekValues(data, await this.deps.entries.scorecardValues(week));
    }
    return data;
  }
}

export function emptyScorecard(weeks: IsoWeek[], seats: SeatWithKpis[]): Required<ScorecardData> {
  return { weeks, seats, values: new Map(), provenance: new Map() };
}

/** Adds one week's values, and where those not from a person alone came from. */
export function addWeekValues(data: Required<ScorecardData>, rows: ScorecardValue[]): void {
  const { values, provenance } = data;
  for (const entry of rows) {
    if (!values.has(entry.kpiId)) values.set(entry.kpiId, new Map());
    values.get(entry.kpiId)!.set(entry.week, entry.value);
    const from = provenanceOf(entry);
    if (from === "owner") continue;
    if (!provenance.has(entry.kpiId)) provenance.set(entry.kpiId, new Map());
    provenance.get(entry.kpiId)!.set(entry.week, from);
  }
}

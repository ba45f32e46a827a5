// Loads the active scorecard with its values over trailing weeks, in two queries, for every reader of it.
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import type { ScorecardData } from "../domain/scorecard";
import { provenanceOf, type Provenance } from "../domain/provenance";
import { trailingWeeks, type IsoWeek } from "../domain/week";
import type { EntryRepository } from "../repositories/entry-repository";
import type { SeatRepository } from "../repositories/seat-repository";

export class ScorecardLoader {
  constructor(private readonly deps: { seats: Pick<SeatRepository, "listSeats">; entries: Pick<EntryRepository, "scorecardValues"> }) {}

  async load(endWeek: IsoWeek, weekCount: number): Promise<ScorecardData> {
    const weeks = trailingWeeks(endWeek, weekCount);
    const seats = await this.deps.seats.listSeats();
    const values = new Map<number, Map<IsoWeek, number>>();
    const provenance = new Map<number, Map<IsoWeek, Provenance>>();
    // A week at a time, letting the event loop breathe in between: 500 KPIs × 13 weeks read in one go held the
    // loop for long enough that acks of requests arriving meanwhile waited (npm run bench -- lean).
    for (const week of weeks) {
      await yieldToEventLoop();
      for (const entry of await this.deps.entries.scorecardValues(week)) {
        if (!values.has(entry.kpiId)) values.set(entry.kpiId, new Map());
        values.get(entry.kpiId)!.set(entry.week, entry.value);
        const from = provenanceOf(entry);
        if (from === "owner") continue;
        if (!provenance.has(entry.kpiId)) provenance.set(entry.kpiId, new Map());
        provenance.get(entry.kpiId)!.set(entry.week, from);
      }
    }
    return { weeks, seats, values, provenance };
  }
}

// Loads the active scorecard with its values over trailing weeks, in two queries, for every reader of it.
import type { Kpi, Seat, SeatWithKpis } from "../domain/model";
import { provenanceOf, type Provenance } from "../domain/provenance";
import { trailingWeeks, type IsoWeek } from "../domain/week";
import type { EntryRepository } from "../repositories/entry-repository";
import type { SeatRepository } from "../repositories/seat-repository";

export interface ScorecardData {
  /** Oldest first, ending with the week being looked at. */
  weeks: IsoWeek[];
  seats: SeatWithKpis[];
  /** Values by KPI id, then by week. */
  values: Map<number, Map<IsoWeek, number>>;
  /** Where values came from, by KPI id then week, for the values that did not come from a person alone. */
  provenance?: Map<number, Map<IsoWeek, Provenance>>;
}

export interface KpiWithSeat {
  kpi: Kpi;
  seat: Seat;
}

export class ScorecardLoader {
  constructor(private readonly deps: { seats: SeatRepository; entries: EntryRepository }) {}

  async load(endWeek: IsoWeek, weekCount: number): Promise<ScorecardData> {
    const weeks = trailingWeeks(endWeek, weekCount);
    const seats = await this.deps.seats.listSeats();
    const entries = await this.deps.entries.allForWeeks(weeks);
    const values = new Map<number, Map<IsoWeek, number>>();
    const provenance = new Map<number, Map<IsoWeek, Provenance>>();
    for (const entry of entries) {
      if (!values.has(entry.kpiId)) values.set(entry.kpiId, new Map());
      values.get(entry.kpiId)!.set(entry.week, entry.value);
      const from = provenanceOf(entry);
      if (from === "owner") continue;
      if (!provenance.has(entry.kpiId)) provenance.set(entry.kpiId, new Map());
      provenance.get(entry.kpiId)!.set(entry.week, from);
    }
    return { weeks, seats, values, provenance };
  }
}

export function activeKpis(data: ScorecardData): KpiWithSeat[] {
  return data.seats.flatMap((seat) => seat.kpis.map((kpi) => ({ kpi, seat })));
}

export function valuesOf(data: ScorecardData, kpiId: number): Map<IsoWeek, number> {
  return data.values.get(kpiId) ?? new Map();
}

export function provenanceOfValue(data: Pick<ScorecardData, "provenance">, kpiId: number, week: IsoWeek): Provenance | undefined {
  return data.provenance?.get(kpiId)?.get(week);
}

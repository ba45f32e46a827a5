// The active scorecard with its values over trailing weeks: what drift, the digest, home and /scorecard read.
import type { Kpi, Seat, SeatWithKpis } from "./model";
import type { Provenance } from "./provenance";
import type { IsoWeek } from "./week";

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

export function activeKpis(data: ScorecardData): KpiWithSeat[] {
  return data.seats.flatMap((seat) => seat.kpis.map((kpi) => ({ kpi, seat })));
}

export function valuesOf(data: ScorecardData, kpiId: number): Map<IsoWeek, number> {
  return data.values.get(kpiId) ?? new Map();
}

export function provenanceOfValue(data: Pick<ScorecardData, "provenance">, kpiId: number, week: IsoWeek): Provenance | undefined {
  return data.provenance?.get(kpiId)?.get(week);
}

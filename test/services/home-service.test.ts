// The admin's team line on the App Home, from fakes: a paused AI seat's empty week is not "missing".
import { describe, expect, it } from "vitest";
import type { Kpi, SeatWithKpis } from "../../src/domain/model";
import { HomeService } from "../../src/services/home-service";
import type { ScorecardLoader } from "../../src/services/scorecard-data";
import type { UserDirectory } from "../../src/services/user-directory";
import type { SlackApi } from "../../src/services/ports/slack-api";
import type { AbsenceLookup } from "../../src/services/time-off-service";

const NOW = new Date("2026-11-24T10:00:00Z"); // the last completed week is 2026-W47
const kpi = (id: number, seatId: number): Kpi => ({
  id,
  seatId,
  name: `K${id}`,
  unit: "number",
  goal: { op: ">=", a: 10 },
  archivedAt: null,
  createdAt: new Date("2026-01-01"),
});
const seat = (id: number, stage: SeatWithKpis["stage"], kpis: Kpi[], ownerId = "UOWNER"): SeatWithKpis => ({
  id,
  name: `Seat ${id}`,
  kind: "agent",
  accountability: null,
  ownerId,
  archivedAt: null,
  stage,
  kpis,
});

function serviceFor(seats: SeatWithKpis[], absences?: AbsenceLookup): HomeService {
  const loader = { load: async () => ({ weeks: ["2026-W47"], seats, values: new Map([[10, new Map([["2026-W47", 12]])]]) }) } as unknown as ScorecardLoader;
  return new HomeService({
    issues: { listOpen: async () => [] },
    loader,
    directory: { isAdmin: async () => true } as unknown as UserDirectory,
    slack: {} as SlackApi,
    status: { refusedMessages: async () => ({ title: "", whenEmpty: "", items: [] }) },
    tz: "UTC",
    absences,
  });
}

describe("HomeService team counts", () => {
  it("counts a working seat's empty KPI as missing and a paused seat's not at all", async () => {
    const seats = [seat(1, "production", [kpi(10, 1), kpi(11, 1)]), seat(2, "paused", [kpi(20, 2)])];
    const service = serviceFor(seats);
    const { team } = await service.model("UADMIN", NOW);
    expect(team).toMatchObject({ seats: 2, aiSeats: 2, on: 1, off: 0, missing: 1 });
  });

  it("does not count the empty KPIs of an owner away that week, and none in a team holiday week", async () => {
    const seats = [seat(1, "production", [kpi(10, 1), kpi(11, 1)]), seat(2, "production", [kpi(20, 2)], "UAWAY")];
    const away: AbsenceLookup = { forWeek: async () => ({ holiday: undefined, isAway: (ownerId) => ownerId === "UAWAY" }) };
    expect((await serviceFor(seats, away).model("UADMIN", NOW)).team).toMatchObject({ on: 1, missing: 1 });
    expect((await serviceFor(seats).model("UADMIN", NOW)).team).toMatchObject({ on: 1, missing: 2 });
    const holiday: AbsenceLookup = { forWeek: async () => ({ holiday: [], isAway: () => false }) };
    expect((await serviceFor(seats, holiday).model("UADMIN", NOW)).team).toMatchObject({ on: 1, missing: 0 });
  });
});

// Where /scorecard's whole table is built: by the table it is given (the off-loop thread in the app), or here when
// it has none or that one fails, which it logs. From fakes.
import { describe, expect, it } from "vitest";
import type { Kpi, SeatWithKpis } from "../../src/domain/model";
import type { ScorecardData } from "../../src/domain/scorecard";
import type { EntryService } from "../../src/services/entry-service";
import type { ScorecardLoader } from "../../src/services/scorecard-data";
import { ScorecardService, type ScorecardTable } from "../../src/services/scorecard-service";
import { recordingLogger } from "./fakes";

const NOW = new Date("2026-11-24T10:00:00Z"); // the last completed week is 2026-W47
const kpi: Kpi = { id: 10, seatId: 1, name: "Tickets closed", unit: "number", goal: { op: ">=", a: 10 }, archivedAt: null, createdAt: new Date("2026-01-01") };
const seat: SeatWithKpis = { id: 1, name: "Support", kind: "human", accountability: null, ownerId: "UOWNER", archivedAt: null, stage: null, kpis: [kpi] };

function serviceWith(table: ScorecardTable | undefined) {
  const asked: string[] = [];
  const loader = {
    load: async (week: string): Promise<ScorecardData> => {
      asked.push(week);
      return { weeks: ["2026-W47"], seats: [seat], values: new Map([[10, new Map([["2026-W47", 12]])]]), provenance: new Map() };
    },
  } as unknown as ScorecardLoader;
  const logger = recordingLogger();
  const service = new ScorecardService({ loader, entries: {} as EntryService, tz: "UTC", table, logger });
  return { service, asked, logger };
}

describe("ScorecardService's table", () => {
  it("is the given table's answer for the last completed week, and nothing is read here", async () => {
    const weeks: string[] = [];
    const { service, asked, logger } = serviceWith(async (week) => {
      weeks.push(week);
      return { text: `built there for ${week}` };
    });
    expect(await service.reply({ type: "scorecard" }, NOW)).toEqual({ text: "built there for 2026-W47" });
    expect(weeks).toEqual(["2026-W47"]);
    expect(asked).toEqual([]);
    expect(logger.lines).toEqual([]);
  });

  it("is built here when the given table fails, and says so", async () => {
    const { service, asked, logger } = serviceWith(async () => {
      throw new Error("the off-loop thread exited (1)");
    });
    const reply = await service.reply({ type: "scorecard" }, NOW);
    expect(reply.text).toBe("Scorecard for 2026-W47: 1 on track, 0 off track, 0 missing");
    expect(asked).toEqual(["2026-W47"]);
    expect(logger.lines).toEqual(["/scorecard: building the table off the loop failed (the off-loop thread exited (1)); built here instead"]);
  });

  it("is built here when there is no other table", async () => {
    const { service, asked, logger } = serviceWith(undefined);
    expect((await service.reply({ type: "scorecard" }, NOW)).text).toBe("Scorecard for 2026-W47: 1 on track, 0 off track, 0 missing");
    expect(asked).toEqual(["2026-W47"]);
    expect(logger.lines).toEqual([]);
  });
});

// Where /scorecard's whole table is built and posted: by the answerer it is given (the off-loop thread in the app),
// or here for the listener to post when it has none or that one could not build it, which it logs. From fakes.
import { describe, expect, it } from "vitest";
import type { Kpi, SeatWithKpis } from "../../src/domain/model";
import type { ScorecardData } from "../../src/domain/scorecard";
import type { EntryService } from "../../src/services/entry-service";
import type { ScorecardLoader } from "../../src/services/scorecard-data";
import { ALREADY_POSTED, type Reply } from "../../src/messages/reply";
import { ScorecardService, type TableAnswerer } from "../../src/services/scorecard-service";
import { recordingLogger } from "./fakes";

const NOW = new Date("2026-11-24T10:00:00Z"); // the last completed week is 2026-W47
const kpi: Kpi = { id: 10, seatId: 1, name: "Tickets closed", unit: "number", goal: { op: ">=", a: 10 }, archivedAt: null, createdAt: new Date("2026-01-01") };
const seat: SeatWithKpis = { id: 1, name: "Support", kind: "human", accountability: null, ownerId: "UOWNER", archivedAt: null, stage: null, kpis: [kpi] };

const RESPONSE_URL = "https://hooks.slack.com/commands/T1/1/abc";

function serviceWith(answerer: TableAnswerer | undefined) {
  const asked: string[] = [];
  const loader = {
    load: async (week: string): Promise<ScorecardData> => {
      asked.push(week);
      return { weeks: ["2026-W47"], seats: [seat], values: new Map([[10, new Map([["2026-W47", 12]])]]), provenance: new Map() };
    },
  } as unknown as ScorecardLoader;
  const logger = recordingLogger();
  const service = new ScorecardService({ loader, entries: {} as EntryService, tz: "UTC", answerer, logger });
  return { service, asked, logger };
}

describe("ScorecardService's table", () => {
  it("is posted by the answerer for the last completed week, to the command's response_url, and nothing is read here", async () => {
    const calls: string[][] = [];
    const { service, asked, logger } = serviceWith(async (week, responseUrl) => {
      calls.push([week, responseUrl]);
      return { posted: true };
    });
    expect(await service.answerTable(NOW, RESPONSE_URL)).toBe(ALREADY_POSTED);
    expect(calls).toEqual([["2026-W47", RESPONSE_URL]]);
    expect(asked).toEqual([]);
    expect(logger.lines).toEqual([]);
  });

  it("is built here for the listener to post when the answerer could not build it, and says so", async () => {
    const { service, asked, logger } = serviceWith(async () => ({ posted: false, reason: "the off-loop thread exited (1)" }));
    const reply = await service.answerTable(NOW, RESPONSE_URL);
    expect(reply).not.toBe(ALREADY_POSTED);
    expect((reply as Reply).text).toBe("Scorecard for 2026-W47: 1 on track, 0 off track, 0 missing");
    expect(asked).toEqual(["2026-W47"]);
    expect(logger.lines).toEqual(["/scorecard: building the table off the loop failed (the off-loop thread exited (1)); built here instead"]);
  });

  it("is not built again when the answerer's post failed: part of it may be in Slack already", async () => {
    const { service, asked } = serviceWith(async () => {
      throw new Error("Failed to respond to the response_url: 404 Not Found");
    });
    await expect(service.answerTable(NOW, RESPONSE_URL)).rejects.toThrow("404 Not Found");
    expect(asked).toEqual([]);
  });

  it("is built here when there is no answerer", async () => {
    const { service, asked, logger } = serviceWith(undefined);
    expect(((await service.answerTable(NOW, RESPONSE_URL)) as Reply).text).toBe("Scorecard for 2026-W47: 1 on track, 0 off track, 0 missing");
    expect(asked).toEqual(["2026-W47"]);
    expect(logger.lines).toEqual([]);
  });
});

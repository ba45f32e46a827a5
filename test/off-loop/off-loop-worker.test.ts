// The off-loop thread: started by the first call, stopped after a while without one and started again by the next;
// a thread that cannot start fails its call with the reason, and a later call tries afresh. It builds /scorecard's
// table as the main thread would.
import { fileURLToPath } from "node:url";
import type { Logger } from "@slack/bolt";
import { afterEach, describe, expect, it, vi } from "vitest";
import { OffLoopWorker } from "../../src/off-loop/off-loop-worker";
import { openDatabase } from "../../src/db/database";
import { TREND_WEEKS } from "../../src/domain/trend";
import { buildScorecardReply } from "../../src/messages/scorecard-blocks";
import { EntryRepository } from "../../src/repositories/entry-repository";
import { SeatRepository } from "../../src/repositories/seat-repository";
import { ScorecardLoader } from "../../src/services/scorecard-data";
import { freshDatabaseUrl } from "../support/boot-app";

const errors: string[] = [];
const logger = { debug() {}, info() {}, warn() {}, error: (message: string) => errors.push(message) } as unknown as Logger;
// A well-formed token of a seat that has none: the thread reads the database to refuse it.
const UNKNOWN_TOKEN = `cad_1_${"A".repeat(43)}`;

let worker: OffLoopWorker | undefined;
afterEach(async () => {
  await worker?.stop();
  worker = undefined;
  errors.length = 0;
});

describe("OffLoopWorker", () => {
  it("starts on the first call, stops when idle and starts again on the next", async () => {
    worker = new OffLoopWorker({ data: { databaseUrl: freshDatabaseUrl(), tz: "UTC" }, onRecorded: async () => {}, logger, idleStopMs: 50 });
    expect(worker.running).toBe(false);

    expect(await worker.authenticate(UNKNOWN_TOKEN)).toMatchObject({ ok: false, error: "unauthorized" });
    expect(worker.running).toBe(true);
    // Waits until the idle timer has stopped the thread (not a fixed sleep): it must stop on its own.
    await vi.waitFor(() => expect(worker!.running).toBe(false), { timeout: 10_000, interval: 20 });

    expect(await worker.authenticate(UNKNOWN_TOKEN)).toMatchObject({ ok: false, error: "unauthorized" });
    expect(errors).toEqual([]);
  }, 30_000);

  it("fails a call when the thread cannot open the database, and tries afresh on the next", async () => {
    // A folder under a file: the thread cannot make it, so it fails while starting.
    const databaseUrl = `file:${fileURLToPath(import.meta.url)}/cadence.db`;
    worker = new OffLoopWorker({ data: { databaseUrl, tz: "UTC" }, onRecorded: async () => {}, logger });

    await expect(worker.authenticate(UNKNOWN_TOKEN)).rejects.toThrow();
    expect(worker.running).toBe(false);
    expect(errors[0]).toMatch(/^off-loop thread: /);
    await expect(worker.authenticate(UNKNOWN_TOKEN)).rejects.toThrow();
    expect(errors).toHaveLength(2);
  }, 30_000);

  it("builds a week's /scorecard table as the main thread builds it, from what is in the database", async () => {
    const databaseUrl = freshDatabaseUrl();
    const db = await openDatabase(databaseUrl);
    try {
      const seat = await db.seat.create({
        data: { name: "Support triage agent", nameKey: "support triage agent", kind: "agent", ownerId: "UOWN", createdBy: "UADMIN" },
      });
      const kpi = await db.kpi.create({
        data: { seatId: seat.id, name: "Resolution rate", nameKey: "resolution rate", unit: "percent", goalOp: ">=", goalA: 85, createdBy: "UADMIN" },
      });
      for (const [week, value] of [
        ["2026-W46", 80],
        ["2026-W47", 90],
      ] as const)
        await db.entry.create({ data: { kpiId: kpi.id, week, value, source: "agent", enteredBy: "agent", enteredAt: new Date() } });
      worker = new OffLoopWorker({ data: { databaseUrl, tz: "UTC" }, onRecorded: async () => {}, logger });

      const there = await worker.scorecardReply("2026-W47");
      const here = buildScorecardReply(
        await new ScorecardLoader({ seats: new SeatRepository(db), entries: new EntryRepository(db) }).load("2026-W47", TREND_WEEKS),
      );
      expect(there.text).toBe("Scorecard for 2026-W47: 1 on track, 0 off track, 0 missing");
      expect(JSON.stringify(there.blocks)).toMatch(/Resolution rate\s+≥ 85%\s+–\s+–\s+–\s+🤖80%✗\s+🤖90%✓/);
      expect(there).toEqual(here);
    } finally {
      await db.$disconnect();
    }
  }, 30_000);
});

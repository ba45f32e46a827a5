// The off-loop thread: started by the first call, stopped after a while without one and started again by the next;
// a thread that cannot start fails its call with the reason, and a later call tries afresh. It builds /scorecard's
// table as the main thread would and posts it to the response_url (the local Slack's, which checks it as Slack
// would); a post Slack refuses fails the call.
import { fileURLToPath } from "node:url";
import type { Logger } from "@slack/bolt";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { OffLoopWorker } from "../../src/off-loop/off-loop-worker";
import { openDatabase } from "../../src/db/database";
import { TREND_WEEKS } from "../../src/domain/trend";
import { trailingWeeks } from "../../src/domain/week";
import { buildScorecardReply } from "../../src/messages/scorecard-blocks";
import { splitReply } from "../../src/messages/reply";
import { EntryRepository } from "../../src/repositories/entry-repository";
import { SeatRepository } from "../../src/repositories/seat-repository";
import { ScorecardLoader } from "../../src/services/scorecard-data";
import { startLocalSlack, type LocalSlack } from "../../tools/local-slack/server";
import { freshDatabaseUrl } from "../support/boot-app";

const errors: string[] = [];
const logger = { debug() {}, info() {}, warn() {}, error: (message: string) => errors.push(message) } as unknown as Logger;
// A well-formed token of a seat that has none: the thread reads the database to refuse it.
const UNKNOWN_TOKEN = `cad_1_${"A".repeat(43)}`;

let slack: LocalSlack;
beforeAll(async () => {
  slack = await startLocalSlack();
});
afterAll(async () => slack.close());

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

  it("starts from the TypeScript sources through tsx when no built thread is named (npm run dev)", async () => {
    const built = process.env.CADENCE_OFF_LOOP_THREAD_JS;
    delete process.env.CADENCE_OFF_LOOP_THREAD_JS; // read when the thread is spawned, by the first call
    try {
      worker = new OffLoopWorker({ data: { databaseUrl: freshDatabaseUrl(), tz: "UTC" }, onRecorded: async () => {}, logger });
      expect(await worker.authenticate(UNKNOWN_TOKEN)).toMatchObject({ ok: false, error: "unauthorized" });
    } finally {
      if (built !== undefined) process.env.CADENCE_OFF_LOOP_THREAD_JS = built;
    }
    expect(errors).toEqual([]);
  }, 90_000); // compiling through tsx takes 1.5 s alone; with the rest of the suite on both cores, far longer

  it("fails a call when the thread cannot open the database, and tries afresh on the next", async () => {
    // A folder under a file: the thread cannot make it, so it fails while starting.
    const databaseUrl = `file:${fileURLToPath(import.meta.url)}/cadence.db`;
    worker = new OffLoopWorker({ data: { databaseUrl, tz: "UTC" }, onRecorded: async () => {}, logger });

    await expect(worker.authenticate(UNKNOWN_TOKEN)).rejects.toThrow();
    expect(worker.running).toBe(false);
    expect(errors[0]).toMatch(/^off-loop thread: /);
    await expect(worker.authenticate(UNKNOWN_TOKEN)).rejects.toThrow();
    expect(errors).toHaveLength(2);
    // Nothing reached the thread, so nothing was posted: the table is reported not built, for the main thread to build.
    const responseUrl = slack.newResponseUrl();
    expect(await worker.answerScorecard("2026-W47", responseUrl)).toMatchObject({ posted: false, reason: expect.stringMatching(/\w/) });
    expect(slack.responses(responseUrl)).toEqual([]);
  }, 30_000);

  it("counts the statements it runs for the main thread, when asked to (the queries benchmark)", async () => {
    const databaseUrl = freshDatabaseUrl();
    let there = 0;
    // Reads kept a minute: only being told of changes makes the thread read again.
    const data = { databaseUrl, tz: "UTC", scorecardReadMs: 60_000 };
    worker = new OffLoopWorker({ data, onRecorded: async () => {}, logger, onQuery: () => void (there += 1) });
    await worker.answerScorecard("2026-W47", slack.newResponseUrl()); // the first call also opens the thread's connection
    there = 0;
    expect(await worker.answerScorecard("2026-W47", slack.newResponseUrl())).toEqual({ posted: true });
    expect(there).toBe(0); // nothing changed: the table is kept
    // Told that everything it shows changed, the thread reads it all again.
    worker.seatDataChanged();
    worker.valuesChanged(trailingWeeks("2026-W47", TREND_WEEKS));
    expect(await worker.answerScorecard("2026-W47", slack.newResponseUrl())).toEqual({ posted: true });
    let here = 0;
    const db = await openDatabase(databaseUrl, { onQuery: () => void (here += 1) });
    try {
      const loader = new ScorecardLoader({ seats: new SeatRepository(db), entries: new EntryRepository(db) });
      await loader.load("2026-W47", TREND_WEEKS); // likewise the first load here opens the connection
      here = 0;
      await loader.load("2026-W47", TREND_WEEKS);
    } finally {
      await db.$disconnect();
    }
    expect(here).toBeGreaterThan(0);
    expect(there).toBe(here);
  }, 30_000);

  it("builds a week's /scorecard table as the main thread builds it, from what is in the database, and posts it", async () => {
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

      const responseUrl = slack.newResponseUrl();
      expect(await worker.answerScorecard("2026-W47", responseUrl)).toEqual({ posted: true });
      const posted = slack.responses(responseUrl).map((response) => response.body);
      const here = buildScorecardReply(
        await new ScorecardLoader({ seats: new SeatRepository(db), entries: new EntryRepository(db) }).load("2026-W47", TREND_WEEKS),
      );
      expect(posted[0]?.text).toBe("Scorecard for 2026-W47: 1 on track, 0 off track, 0 missing");
      expect(JSON.stringify(posted[0]?.blocks)).toMatch(/Resolution rate\s+≥ 85%\s+–\s+–\s+–\s+🤖80%✗\s+🤖90%✓/);
      expect(posted).toEqual(splitReply(here).map((part) => ({ response_type: "ephemeral", ...part })));
      expect(slack.ruleViolations()).toEqual([]);
    } finally {
      await db.$disconnect();
    }
  }, 30_000);

  it("fails the call when Slack refuses the post", async () => {
    worker = new OffLoopWorker({ data: { databaseUrl: freshDatabaseUrl(), tz: "UTC" }, onRecorded: async () => {}, logger });
    // Slack takes five posts to a response_url and answers the sixth 404 (used_url).
    const responseUrl = slack.newResponseUrl();
    for (let post = 0; post < 5; post += 1) await fetch(responseUrl, { method: "POST", body: JSON.stringify({ text: `answer ${post}` }) });
    await expect(worker.answerScorecard("2026-W47", responseUrl)).rejects.toThrow("Failed to respond to the response_url: 404");
  }, 30_000);
});

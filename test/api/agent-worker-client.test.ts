// The agent API's worker thread: started by the first call, stopped after a while without one and started again
// by the next; a thread that cannot start fails its call with the reason, and a later call tries afresh.
import { fileURLToPath } from "node:url";
import type { Logger } from "@slack/bolt";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AgentWorker } from "../../src/api/agent-worker-client";
import { freshDatabaseUrl } from "../support/boot-app";

const errors: string[] = [];
const logger = { debug() {}, info() {}, warn() {}, error: (message: string) => errors.push(message) } as unknown as Logger;
// A well-formed token of a seat that has none: the thread reads the database to refuse it.
const UNKNOWN_TOKEN = `cad_1_${"A".repeat(43)}`;

let worker: AgentWorker | undefined;
afterEach(async () => {
  await worker?.stop();
  worker = undefined;
  errors.length = 0;
});

describe("AgentWorker", () => {
  it("starts on the first call, stops when idle and starts again on the next", async () => {
    worker = new AgentWorker({ data: { databaseUrl: freshDatabaseUrl(), tz: "UTC" }, onRecorded: async () => {}, logger, idleStopMs: 50 });
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
    worker = new AgentWorker({ data: { databaseUrl, tz: "UTC" }, onRecorded: async () => {}, logger });

    await expect(worker.authenticate(UNKNOWN_TOKEN)).rejects.toThrow();
    expect(worker.running).toBe(false);
    expect(errors[0]).toMatch(/^agent API worker: /);
    await expect(worker.authenticate(UNKNOWN_TOKEN)).rejects.toThrow();
    expect(errors).toHaveLength(2);
  }, 30_000);
});

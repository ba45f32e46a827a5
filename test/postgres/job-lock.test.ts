// One runner at a time on PostgreSQL: two instances starting the same job at once run its body once (the other
// skips), the lock ends with the job's transaction (so the next run goes ahead, after a failure too), and
// different jobs do not block each other.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/database";
import { JobLockRepository } from "../../src/repositories/job-lock-repository";
import { freshDatabaseUrl } from "../support/boot-app";

let first: Database;
let second: Database;
beforeAll(async () => {
  const url = freshDatabaseUrl();
  // Two clients, as two instances have: their own connection pools.
  first = await openDatabase(url);
  second = await openDatabase(url);
});
afterAll(async () => {
  await first.$disconnect();
  await second.$disconnect();
});

/** A job body that stays running until released, counting how often it started. */
function heldJob() {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const job = {
    started: 0,
    release,
    body: async () => {
      job.started += 1;
      await released;
      return "done";
    },
  };
  return job;
}

describe("JobLockRepository on PostgreSQL", () => {
  it("runs a job's body once when two instances start it at the same time", async () => {
    const job = heldJob();
    const running = new JobLockRepository(first).runAlone("housekeeping", job.body);
    await expect.poll(() => job.started).toBe(1);
    expect(await new JobLockRepository(second).runAlone("housekeeping", job.body)).toEqual({ ran: false });
    job.release();
    expect(await running).toEqual({ ran: true, value: "done" });
    expect(job.started).toBe(1);
  });

  it("lets the next run go ahead once the last one ended, even by failing, and never blocks another job", async () => {
    const failing = new JobLockRepository(first).runAlone("sweep", async () => {
      throw new Error("boom");
    });
    await expect(failing).rejects.toThrow("boom");
    expect(await new JobLockRepository(second).runAlone("sweep", async () => 1)).toEqual({ ran: true, value: 1 });

    const job = heldJob();
    const running = new JobLockRepository(first).runAlone("sweep", job.body);
    await expect.poll(() => job.started).toBe(1);
    expect(await new JobLockRepository(second).runAlone("another job", async () => 2)).toEqual({ ran: true, value: 2 });
    job.release();
    await running;
  });

  it("decides among many instances racing for it: exactly one runs", async () => {
    const job = heldJob();
    let skipped = 0;
    const racers = Array.from({ length: 6 }, (_, index) =>
      new JobLockRepository(index % 2 ? second : first).runAlone("race", job.body).then((result) => {
        if (!result.ran) skipped += 1;
        return result;
      }),
    );
    // The winner holds the lock until every other racer has asked and skipped.
    await expect.poll(() => skipped).toBe(5);
    job.release();
    const results = await Promise.all(racers);
    expect(results.filter((result) => result.ran)).toHaveLength(1);
    expect(job.started).toBe(1);
  });
});

// The shared check-in fan-out's queue against a real database (SQLite, or PostgreSQL with npm run test:postgres):
// claimers racing for the same week's DMs each get their own rows, and a dead instance's claims are taken over.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/database";
import { CheckinQueueRepository, type PendingCheckin } from "../../src/repositories/checkin-queue-repository";
import { CheckinRepository } from "../../src/repositories/checkin-repository";
import { InstanceRepository } from "../../src/repositories/instance-repository";
import { freshDatabaseUrl } from "../support/boot-app";

const WEEK = "2026-W47";
let databaseUrl: string;
let db: Database;
let other: Database;
beforeAll(async () => {
  databaseUrl = freshDatabaseUrl();
  db = await openDatabase(databaseUrl);
  // A second client, as a second instance would have: its own connections.
  other = await openDatabase(databaseUrl);
});
afterAll(async () => {
  await db.$disconnect();
  await other.$disconnect();
});

async function registerInstance(id: string, heartbeatAt?: Date): Promise<void> {
  const instances = new InstanceRepository(db);
  await instances.register({ id, pid: 1, host: "h", startedAt: new Date() });
  if (heartbeatAt) await db.instance.update({ where: { id }, data: { heartbeatAt } });
}

/** Claims batches of `week` until none is left; every owner this claimer got. */
async function claimAll(queue: CheckinQueueRepository, instanceId: string, week: string): Promise<string[]> {
  const got: string[] = [];
  for (;;) {
    const batch: PendingCheckin[] = await queue.claim([week], instanceId, new Date(Date.now() - 60_000), 7);
    if (batch.length === 0) return got;
    got.push(...batch.map((row) => row.ownerId));
  }
}

describe("CheckinQueueRepository", () => {
  it("gives instances claiming at once disjoint batches that together cover every pending DM, round after round", async () => {
    const instances = ["race-a", "race-b", "race-c", "race-d"];
    for (const id of instances) await registerInstance(id);
    for (let round = 0; round < 5; round += 1) {
      const week = `2026-W${10 + round}`;
      const owners = Array.from({ length: 150 }, (_, index) => `URACE${index}`);
      await new CheckinQueueRepository(db).enqueue(week, owners);
      // Two claimers on each of two clients, as two instances each running a tick and a heartbeat.
      const claimed = await Promise.all(instances.map((id, index) => claimAll(new CheckinQueueRepository(index % 2 ? other : db), id, week)));
      const all = claimed.flat();
      expect(all.length).toBe(new Set(all).size);
      expect(all.sort()).toEqual([...owners].sort());
    }
  });

  it("takes over a dead instance's claims, leaves a live one's, and never queues a DM already sent", async () => {
    const queue = new CheckinQueueRepository(db);
    await new CheckinRepository(db).markSent("USENT", WEEK, "D1", "1.1", new Date(), [1]);
    await registerInstance("dead", new Date(Date.now() - 3_600_000));
    await registerInstance("live");
    // Claimed while both were alive (judged as of two hours ago).
    const twoHoursAgo = new Date(Date.now() - 7_200_000);
    await queue.enqueue(WEEK, ["USENT", "UDEAD"]);
    expect((await queue.claim([WEEK], "dead", twoHoursAgo, 10)).map((row) => row.ownerId)).toEqual(["UDEAD"]);
    await queue.enqueue(WEEK, ["USENT", "ULIVE"]);
    expect((await queue.claim([WEEK], "live", twoHoursAgo, 10)).map((row) => row.ownerId)).toEqual(["ULIVE"]);

    await registerInstance("heir");
    expect(await queue.claim([WEEK], "heir", new Date(Date.now() - 60_000), 10)).toEqual([{ ownerId: "UDEAD", week: WEEK }]);
    await queue.drop("UDEAD", WEEK, "heir");
    expect(await queue.countPending([WEEK])).toBe(1); // ULIVE, still claimed by its live instance
    expect((await new CheckinRepository(db).find("USENT", WEEK))?.messageTs).toBe("1.1");
  });
});

// The scheduler lease on PostgreSQL, where instances really write at the same time: when its holder has gone
// silent, several instances try to take it at once and exactly one gets it (SERIALIZABLE, retried on conflict;
// under READ COMMITTED each would read the stale lease and write itself in).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/database";
import { InstanceRepository } from "../../src/repositories/instance-repository";
import { HEARTBEAT_STALE_MS, InstanceRegistry } from "../../src/services/instance-registry";
import { freshDatabaseUrl } from "../support/boot-app";

let db: Database;
beforeAll(async () => {
  db = await openDatabase(freshDatabaseUrl());
});
afterAll(async () => db.$disconnect());

describe("the scheduler lease on PostgreSQL", () => {
  it("goes to exactly one of five instances racing to take it from a silent holder, round after round", async () => {
    const repository = new InstanceRepository(db);
    for (let round = 0; round < 10; round += 1) {
      const holder = new InstanceRegistry(repository);
      await holder.register();
      expect((await holder.acquireSchedulerLease()).acquired).toBe(true);
      const now = await repository.databaseNow();
      await db.instance.update({ where: { id: holder.id }, data: { heartbeatAt: new Date(now.getTime() - HEARTBEAT_STALE_MS - 5_000) } });

      const takers = Array.from({ length: 5 }, () => new InstanceRegistry(repository));
      for (const taker of takers) await taker.register();
      const results = await Promise.all(takers.map((taker) => taker.acquireSchedulerLease()));
      expect(results.filter((result) => result.acquired)).toHaveLength(1);
      for (const registry of [holder, ...takers]) await registry.unregister();
    }
  });
});

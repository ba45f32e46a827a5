// The check-in repository against a real SQLite file: which KPIs a week's check-ins asked for.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/database";
import { CheckinRepository } from "../../src/repositories/checkin-repository";
import { freshDatabaseUrl } from "../support/boot-app";

let db: Database;
beforeAll(async () => {
  db = await openDatabase(freshDatabaseUrl());
});
afterAll(async () => db.$disconnect());

describe("CheckinRepository", () => {
  it("remembers the KPIs each sent check-in listed, including ones a refreshed DM added", async () => {
    const repo = new CheckinRepository(db);
    const at = new Date("2026-11-23T09:00:00Z");
    await repo.markSent("U1", "2026-W47", "D1", "1.1", at, [1, 2]);
    await repo.markSent("U2", "2026-W47", "D2", "2.1", at, [3]);
    await repo.markSent("U1", "2026-W46", "D1", "0.1", at, [9]);
    await repo.addListedKpis("U2", "2026-W47", [3, 4]);
    expect([...(await repo.askedKpis("2026-W47"))].sort()).toEqual([1, 2, 3, 4]);
    expect((await repo.findByMessage("U1", "0.1"))?.week).toBe("2026-W46");
    expect(await repo.findByMessage("U2", "0.1")).toBeUndefined();
  });
});

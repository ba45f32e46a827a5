// Two instances starting at once on a new file: one migrates, the other waits for it and finds nothing to do.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database";
import { applyPendingMigrations, committedMigrations } from "../../src/db/migrate";
import { testDbDir } from "../support/paths";

describe("applyPendingMigrations", () => {
  it("migrates a new file once when three starts race for it", async () => {
    const url = `file:${join(testDbDir(), `race-${process.pid}-${Date.now()}.db`)}`;
    const results = await Promise.all([applyPendingMigrations(url), applyPendingMigrations(url), applyPendingMigrations(url)]);
    expect(results.filter((applied) => applied.length > 0)).toEqual([committedMigrations()]);
    const db = await openDatabase(url);
    try {
      const rows = await db.$queryRawUnsafe<{ migration_name: string }[]>("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL");
      expect(rows.map((row) => row.migration_name).sort()).toEqual(committedMigrations());
    } finally {
      await db.$disconnect();
    }
  }, 60_000);
});

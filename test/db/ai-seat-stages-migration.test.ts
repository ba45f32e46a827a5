// The stages migration keeps every seat and puts existing AI seats in pilot, with that start in their history.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../support/paths";

const MIGRATIONS = join(PROJECT_ROOT, "prisma", "migrations");
const STAGES = "20261130080000_ai_seat_stages";

describe(`migration ${STAGES}`, () => {
  it("gives existing AI seats the pilot stage and human seats none", () => {
    const db = new Database(":memory:");
    const earlier = readdirSync(MIGRATIONS)
      .filter((name) => /^\d{14}_/.test(name) && name < STAGES)
      .sort();
    for (const name of earlier) db.exec(readFileSync(join(MIGRATIONS, name, "migration.sql"), "utf8"));
    db.exec(
      `INSERT INTO "Seat" ("name", "nameKey", "kind", "ownerId", "createdBy") VALUES ('Bot', 'bot', 'agent', 'U1', 'U0'), ('Ops', 'ops', 'human', 'U2', 'U0')`,
    );
    db.exec(readFileSync(join(MIGRATIONS, STAGES, "migration.sql"), "utf8"));
    expect(db.prepare(`SELECT "name", "stage", "gateWeeks", "gatePercent" FROM "Seat" ORDER BY "id"`).all()).toEqual([
      { name: "Bot", stage: "pilot", gateWeeks: 4, gatePercent: 80 },
      { name: "Ops", stage: null, gateWeeks: 4, gatePercent: 80 },
    ]);
    expect(db.prepare(`SELECT "seatId", "fromStage", "toStage", "via" FROM "StageChange"`).all()).toEqual([
      { seatId: 1, fromStage: null, toStage: "pilot", via: "migration" },
    ]);
  });
});

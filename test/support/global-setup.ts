// Migrates one template database for the whole run; each test copies it instead of migrating again.
import { mkdirSync, rmSync } from "node:fs";
import { applyPendingMigrations } from "../../src/db/migrate";
import { TEMPLATE_DB, TEST_DB_DIR } from "./paths";

export default async function setup(): Promise<void> {
  rmSync(TEST_DB_DIR, { recursive: true, force: true });
  mkdirSync(TEST_DB_DIR, { recursive: true });
  await applyPendingMigrations(`file:${TEMPLATE_DB}`);
}

// Migrates one template database for this run; each test copies it instead of migrating again. Each run has
// its own folder, so two runs at once (a developer's and an editor's) do not delete each other's files.
import { mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { applyPendingMigrations } from "../../src/db/migrate";
import { TEST_DB_ROOT } from "./paths";

const STALE_RUN_MS = 6 * 3600 * 1000;

export default async function setup(): Promise<() => void> {
  mkdirSync(TEST_DB_ROOT, { recursive: true });
  for (const name of readdirSync(TEST_DB_ROOT)) {
    const path = join(TEST_DB_ROOT, name);
    if (Date.now() - statSync(path).mtimeMs > STALE_RUN_MS) rmSync(path, { recursive: true, force: true });
  }
  const runDir = join(TEST_DB_ROOT, `run-${process.pid}-${Date.now()}`);
  mkdirSync(runDir, { recursive: true });
  await applyPendingMigrations(`file:${join(runDir, "template.db")}`);
  // Test workers are forked after this and inherit the environment.
  process.env.CADENCE_TEST_DB_DIR = runDir;
  return () => rmSync(runDir, { recursive: true, force: true });
}

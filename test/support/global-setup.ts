// Migrates one template database for this run; each test copies it instead of migrating again. Each run has
// its own folder (and, on PostgreSQL, its own template name), so two runs at once do not delete each other's.
// CADENCE_TEST_DATABASE=postgres (npm run test:postgres) runs the same tests on PostgreSQL.
import { mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { execFileSync } from "node:child_process";
import type { TestProject } from "vitest/node";
import { join } from "node:path";
import { applyPendingMigrations } from "../../src/db/migrate";
import { PROJECT_ROOT, TEST_DB_ROOT } from "./paths";
import { databaseUrlFor, dropRunDatabases, onServer, postgresServer, usePostgres } from "./postgres-databases";

const STALE_RUN_MS = 6 * 3600 * 1000;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
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
  process.env.CADENCE_OFF_LOOP_THREAD_JS = buildOffLoopThread(runDir);
  // In watch mode (`npx vitest`), built again before each rerun, so an edit to the thread's code is tested.
  project.onTestsRerun(() => void buildOffLoopThread(runDir));
  const stopPostgres = usePostgres() ? await setupPostgresTemplate() : async () => undefined;
  return async () => {
    await stopPostgres();
    rmSync(runDir, { recursive: true, force: true });
  };
}

async function setupPostgresTemplate(): Promise<() => Promise<void>> {
  const server = postgresServer();
  const template = `cadence_test_${process.pid}_${Date.now()}`;
  await onServer(server.url, (client) => client.query(`CREATE DATABASE "${template}"`));
  await applyPendingMigrations(databaseUrlFor(server.url, template));
  process.env.CADENCE_TEST_POSTGRES_URL = server.url;
  process.env.CADENCE_TEST_PG_TEMPLATE = template;
  return async () => {
    await dropRunDatabases(server.url, template);
    server.stop();
  };
}

/**
 * The off-loop thread as `npm start` runs it, built from src/ now (about 2 s) so it cannot be stale: apps under
 * test start it from there instead of compiling its TypeScript through tsx each time (src/off-loop/off-loop-worker.ts).
 */
function buildOffLoopThread(runDir: string): string {
  const bundleDir = join(runDir, "bundle");
  execFileSync(process.execPath, [join(PROJECT_ROOT, "tools", "build.mjs"), bundleDir], { stdio: "inherit" });
  return join(bundleDir, "off-loop-thread.js");
}

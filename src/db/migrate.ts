// Applies committed migrations at start with Prisma's own CLI (Wasm engine), only when some are pending.
import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { openDatabase, type Database } from "./database";

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const migrationsDir = join(projectRoot, "prisma", "migrations");

export function committedMigrations(): string[] {
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

export async function pendingMigrations(db: Database): Promise<string[]> {
  const table = await db.$queryRawUnsafe<{ name: string }[]>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'",
  );
  if (table.length === 0) return committedMigrations();
  const applied = await db.$queryRawUnsafe<{ migration_name: string }[]>(
    "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
  );
  const done = new Set(applied.map((row) => row.migration_name));
  return committedMigrations().filter((name) => !done.has(name));
}

/**
 * Runs `prisma migrate deploy` against `databaseUrl` if any committed migration is not applied yet. The caller
 * must not hold the database open meanwhile: the CLI needs the write lock.
 */
export async function applyPendingMigrations(databaseUrl: string): Promise<string[]> {
  const probe = await openDatabase(databaseUrl);
  const pending = await pendingMigrations(probe).finally(() => probe.$disconnect());
  if (pending.length === 0) return [];
  const prismaCli = createRequire(import.meta.url).resolve("prisma/build/index.js");
  await promisify(execFile)(process.execPath, [prismaCli, "migrate", "deploy"], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });
  return pending;
}

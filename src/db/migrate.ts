// Applies committed migrations at start, only when some are pending: on SQLite with Prisma's own CLI (Wasm
// engine), on PostgreSQL with postgres-migrate.ts (the CLI cannot migrate PostgreSQL here).
import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { promisify } from "node:util";
import lockfile from "proper-lockfile";
import { openDatabase, providerOf, type Database } from "./database";
import { databaseProvider, type DatabaseProvider } from "./database-url";
import { APPLIED_MIGRATIONS_SQL } from "./migrations-table";
import { PROJECT_ROOT } from "./project-root";
import { sqliteFilePath } from "./sqlite-url";

/** Each database has its own migration SQL; both are kept to one schema by test/db/postgres-schema.test.ts. */
const MIGRATIONS_DIRS: Record<DatabaseProvider, string> = {
  sqlite: join(PROJECT_ROOT, "prisma", "migrations"),
  postgres: join(PROJECT_ROOT, "prisma", "postgres", "migrations"),
};
// Another process migrating the same file holds the lock for seconds; wait well past that, then give up loudly.
const LOCK_RETRY = { retries: 120, minTimeout: 250, maxTimeout: 500 };
// A holder that died leaves the lock behind; proper-lockfile refreshes it while held, so an old one is stale.
const LOCK_STALE_MS = 30_000;
const CLI_ATTEMPTS = 3;

export function committedMigrations(provider: DatabaseProvider = "sqlite"): string[] {
  return readdirSync(MIGRATIONS_DIRS[provider], { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

const MIGRATIONS_TABLE_EXISTS: Record<DatabaseProvider, string> = {
  sqlite: "SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'",
  postgres: "SELECT tablename::text AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename = '_prisma_migrations'",
};

export async function pendingMigrations(db: Database): Promise<string[]> {
  const provider = providerOf(db);
  const table = await db.$queryRawUnsafe<{ name: string }[]>(MIGRATIONS_TABLE_EXISTS[provider]);
  if (table.length === 0) return committedMigrations(provider);
  const applied = await db.$queryRawUnsafe<{ migration_name: string }[]>(APPLIED_MIGRATIONS_SQL);
  const done = new Set(applied.map((row) => row.migration_name));
  return committedMigrations(provider).filter((name) => !done.has(name));
}

async function pendingIn(databaseUrl: string): Promise<string[]> {
  const probe = await openDatabase(databaseUrl);
  return pendingMigrations(probe).finally(() => probe.$disconnect());
}

/**
 * Runs `prisma migrate deploy` against `databaseUrl` if any committed migration is not applied yet. The caller
 * must not hold the database open meanwhile: the CLI needs the write lock.
 *
 * Two instances starting at once would both run the CLI, and the loser crashes on the busy file. So migrating
 * happens under an exclusive lock file beside the database; whoever gets it second finds nothing pending.
 */
export async function applyPendingMigrations(databaseUrl: string): Promise<string[]> {
  if (databaseProvider(databaseUrl) === "postgres") {
    const { applyPostgresMigrations } = await import("./postgres-migrate");
    return applyPostgresMigrations(databaseUrl, MIGRATIONS_DIRS.postgres, committedMigrations("postgres"));
  }
  if ((await pendingIn(databaseUrl)).length === 0) return [];
  const release = await lockfile.lock(sqliteFilePath(databaseUrl), {
    realpath: false,
    lockfilePath: `${sqliteFilePath(databaseUrl)}.migrate.lock`,
    retries: LOCK_RETRY,
    stale: LOCK_STALE_MS,
  });
  try {
    const pending = await pendingIn(databaseUrl);
    if (pending.length > 0) await runMigrateDeploy(databaseUrl);
    return pending;
  } finally {
    await release();
  }
}

/** The CLI, retried when the file is busy (a running instance's write or a backup holds SQLite's lock). */
async function runMigrateDeploy(databaseUrl: string): Promise<void> {
  const prismaCli = createRequire(import.meta.url).resolve("prisma/build/index.js");
  for (let attempt = 1; ; attempt++) {
    try {
      await promisify(execFile)(process.execPath, [prismaCli, "migrate", "deploy"], {
        cwd: PROJECT_ROOT,
        env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      });
      return;
    } catch (error) {
      const output = `${(error as { stderr?: string }).stderr ?? ""} ${(error as Error).message}`;
      if (attempt >= CLI_ATTEMPTS || !/SQLITE_BUSY|database is locked|SocketTimeout/i.test(output)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
  }
}

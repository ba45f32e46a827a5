// Applies the committed PostgreSQL migrations (prisma/postgres/migrations) at start.
//
// Prisma 6.19's Wasm schema engine cannot `migrate deploy` on PostgreSQL (it fails reading the catalog: "Column
// type 'name' could not be deserialized"), so Cadence applies the same files itself, the way Prisma does: in
// name order, each recorded in Prisma's `_prisma_migrations` table with Prisma's checksum (sha256 of the file).
// Everything happens in one transaction under a transaction-scoped advisory lock: PostgreSQL's DDL is
// transactional, so a migration is applied and recorded together or not at all, and instances starting at once
// wait for the first one and then find nothing pending. A transaction lock (not a session lock) also holds
// behind a connection pooler in transaction mode. Migrations must therefore avoid statements PostgreSQL refuses
// inside a transaction (CREATE INDEX CONCURRENTLY).
import { createHash, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { APPLIED_MIGRATIONS_SQL } from "./migrations-table";

// Any fixed 64-bit number, the same in every Cadence: "Cadence" in ASCII.
const MIGRATION_LOCK_KEY = "18965907265971045";

// Prisma's own table, so `prisma migrate status` and a future `migrate deploy` read the same history.
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/** Applies what `committed` (folder names under `dir`) holds beyond the database's record; returns those names. */
export async function applyPostgresMigrations(databaseUrl: string, dir: string, committed: string[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK_KEY]);
    await client.query(CREATE_MIGRATIONS_TABLE);
    const applied = new Set((await client.query<{ migration_name: string }>(APPLIED_MIGRATIONS_SQL)).rows.map((row) => row.migration_name));
    const pending = committed.filter((name) => !applied.has(name));
    for (const name of pending) {
      const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
      // No parameters: the simple query protocol runs every statement of the file.
      await client.query(sql);
      await client.query(
        'INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES ($1, $2, now(), $3, now(), 1)',
        [randomUUID(), createHash("sha256").update(sql).digest("hex"), name],
      );
    }
    await client.query("COMMIT");
    return pending;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

// PostgreSQL migrations, applied by Cadence itself (Prisma's Wasm engine cannot migrate PostgreSQL): three
// instances starting at once on an empty database migrate it once, and the result has SQLite's tables, columns
// and indexes, so one schema serves both.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { applyPendingMigrations, committedMigrations } from "../../src/db/migrate";
import { freshDatabaseUrl } from "../support/boot-app";
import { PROJECT_ROOT, templateDb } from "../support/paths";
import { databaseUrlFor, onServer } from "../support/postgres-databases";

const serverUrl = () => process.env.CADENCE_TEST_POSTGRES_URL!;

async function emptyDatabase(): Promise<string> {
  const name = `${process.env.CADENCE_TEST_PG_TEMPLATE}_empty_${process.pid}_${Date.now()}`;
  await onServer(serverUrl(), (client) => client.query(`CREATE DATABASE "${name}"`));
  return databaseUrlFor(serverUrl(), name);
}

describe("PostgreSQL migrations", () => {
  it("migrates an empty database once when three instances start at once, recorded as Prisma records them", async () => {
    const url = await emptyDatabase();
    const results = await Promise.all([applyPendingMigrations(url), applyPendingMigrations(url), applyPendingMigrations(url)]);
    expect(results.filter((applied) => applied.length > 0)).toEqual([committedMigrations("postgres")]);
    expect(await applyPendingMigrations(url)).toEqual([]);

    const rows = await onServer(
      url,
      async (client) => (await client.query('SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name')).rows,
    );
    expect(rows.map((row) => row.migration_name)).toEqual(committedMigrations("postgres"));
    for (const row of rows) {
      const sql = readFileSync(join(PROJECT_ROOT, "prisma/postgres/migrations", row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      expect(row.finished_at).toBeInstanceOf(Date);
    }
  }, 60_000);

  it("gives PostgreSQL the same tables, columns (with nullability) and indexes as the SQLite migrations", async () => {
    const sqlite = new Database(templateDb(), { readonly: true });
    const sqliteTables = (
      sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'").all() as {
        name: string;
      }[]
    ).map((row) => row.name);
    const sqliteColumns = sqliteTables.flatMap((table) =>
      (sqlite.prepare(`PRAGMA table_info("${table}")`).all() as { name: string; notnull: number; pk: number }[]).map(
        (column) => `${table}.${column.name} ${column.notnull || column.pk ? "not null" : "null"}`,
      ),
    );
    const sqliteIndexes = sqliteTables.flatMap((table) =>
      (sqlite.prepare(`PRAGMA index_list("${table}")`).all() as { name: string; unique: number; origin: string }[])
        .filter((index) => index.origin !== "pk")
        .map((index) => `${table}.${index.name}${index.unique ? " unique" : ""}`),
    );
    sqlite.close();

    // A copy of the template, not the template itself: a connection to it would stop other tests copying it.
    const postgres = await onServer(freshDatabaseUrl(), async (client) => ({
      columns: (
        await client.query<{ line: string }>(
          "SELECT table_name || '.' || column_name || CASE WHEN is_nullable = 'NO' THEN ' not null' ELSE ' null' END AS line FROM information_schema.columns WHERE table_schema = current_schema() AND table_name <> '_prisma_migrations'",
        )
      ).rows.map((row) => row.line),
      indexes: (
        await client.query<{ line: string }>(
          "SELECT t.relname || '.' || i.relname || CASE WHEN x.indisunique THEN ' unique' ELSE '' END AS line FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = current_schema() AND NOT x.indisprimary AND t.relname <> '_prisma_migrations'",
        )
      ).rows.map((row) => row.line),
    }));
    expect(postgres.columns.sort()).toEqual(sqliteColumns.sort());
    expect(postgres.indexes.sort()).toEqual(sqliteIndexes.sort());
  });
});

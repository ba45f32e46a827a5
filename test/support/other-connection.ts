// Another process's connection to the test database (a backup, an operator, a second writer), on SQLite or
// PostgreSQL alike.
import Database from "better-sqlite3";
import pg from "pg";
import { databaseProvider } from "../../src/db/database-url";
import { sqliteFilePath } from "../../src/db/sqlite-url";

export interface HeldWriteLock {
  readonly released: boolean;
  release(): Promise<void>;
}

/** Runs `sql` through a connection of its own, beside the app's. */
export async function executeElsewhere(databaseUrl: string, sql: string): Promise<void> {
  if (databaseProvider(databaseUrl) === "postgres") {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(sql).finally(() => client.end());
    return;
  }
  const other = new Database(sqliteFilePath(databaseUrl));
  other.exec(sql);
  other.close();
}

/** Holds the write lock (SQLite's file lock; on PostgreSQL an exclusive lock on the entries table) until release(). */
export async function holdWriteLock(databaseUrl: string): Promise<HeldWriteLock> {
  if (databaseProvider(databaseUrl) === "postgres") {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query('BEGIN; LOCK TABLE "Entry" IN EXCLUSIVE MODE');
    return heldUntil(async () => {
      await client.query("COMMIT");
      await client.end();
    });
  }
  const other = new Database(sqliteFilePath(databaseUrl));
  other.exec("BEGIN IMMEDIATE");
  other.prepare("INSERT INTO ProcessedEvent (key, at) VALUES ('lock-holder', 0)").run();
  return heldUntil(async () => {
    other.exec("COMMIT");
    other.close();
  });
}

function heldUntil(commit: () => Promise<void>): HeldWriteLock {
  let released = false;
  return {
    get released() {
      return released;
    },
    async release() {
      if (released) return;
      released = true;
      await commit();
    },
  };
}

// Opens the database through Prisma's better-sqlite3 adapter (no native engine download).
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../generated/prisma/client";
import { sqliteFilePath } from "./sqlite-url";

export type Database = PrismaClient;

/** How long a writer waits for SQLite's lock before giving up (another writer, a backup, a second process). */
export const BUSY_TIMEOUT_MS = 10_000;

export async function openDatabase(databaseUrl: string): Promise<Database> {
  mkdirSync(dirname(sqliteFilePath(databaseUrl)), { recursive: true });
  const adapter = new PrismaBetterSQLite3({ url: databaseUrl, timeout: BUSY_TIMEOUT_MS });
  const db = new PrismaClient({ adapter });
  // WAL lets readers run while one writer writes; it is a property of the file, so setting it once sticks.
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$queryRawUnsafe(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
  return db;
}

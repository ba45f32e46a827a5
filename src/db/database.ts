// Opens the database through a Prisma driver adapter (no native engine download): better-sqlite3 for a SQLite
// file, pg for PostgreSQL.
//
// Prisma compiles queries for the provider its client was generated for, so PostgreSQL has its own client,
// generated from prisma/postgres/schema.prisma (derived from prisma/schema.prisma, same models). Its API is
// the SQLite client's for every model and query Cadence uses, so repositories keep one type, `Database`; the
// whole test suite runs on both databases to hold that true (npm run test:postgres).
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../generated/prisma/client";
import { databaseProvider, type DatabaseProvider } from "./database-url";
import { sqliteFilePath } from "./sqlite-url";
import { oneConnectionAtATime } from "./one-connection-sqlite";

export type Database = PrismaClient;

/** How long a writer waits for SQLite's lock before giving up (another writer, a backup, a second process). */
export const BUSY_TIMEOUT_MS = 10_000;

const providers = new WeakMap<Database, DatabaseProvider>();

/** The database behind a client opened here, for the few statements that are not the same in both dialects. */
export function providerOf(db: Database): DatabaseProvider {
  return providers.get(db) ?? "sqlite";
}

export interface OpenOptions {
  /** Called once per SQL statement Prisma sends (benchmarks count a hot path's queries with it). */
  onQuery?: () => void;
  /**
   * PostgreSQL: the most connections the pool opens (pg's default is 10). Each costs the server a process; the
   * off-loop thread asks for few, since it has little to run side by side (SQLite has one connection anyway).
   */
  maxConnections?: number;
}

export async function openDatabase(databaseUrl: string, options: OpenOptions = {}): Promise<Database> {
  const provider = databaseProvider(databaseUrl);
  const db = provider === "postgres" ? await openPostgres(databaseUrl, options) : await openSqlite(databaseUrl, options);
  providers.set(db, provider ?? "sqlite");
  return db;
}

// Prisma emits query events only when asked to at construction, so a client nobody counts pays nothing for them.
const queryEvents = (options: OpenOptions): { emit: "event"; level: "query" }[] => (options.onQuery ? [{ emit: "event", level: "query" }] : []);

function countQueries(db: Database, options: OpenOptions): Database {
  const onQuery = options.onQuery;
  if (onQuery) (db as unknown as { $on(event: "query", listener: () => void): void }).$on("query", () => onQuery());
  return db;
}

async function openSqlite(databaseUrl: string, options: OpenOptions): Promise<Database> {
  mkdirSync(dirname(sqliteFilePath(databaseUrl)), { recursive: true });
  const adapter = oneConnectionAtATime(new PrismaBetterSQLite3({ url: databaseUrl, timeout: BUSY_TIMEOUT_MS }));
  const db = countQueries(new PrismaClient({ adapter, log: queryEvents(options) }) as Database, options);
  // WAL lets readers run while one writer writes; it is a property of the file, so setting it once sticks.
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$queryRawUnsafe(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
  return db;
}

// Loaded only when used: a SQLite deployment (and every SQLite test) skips loading the second client.
async function openPostgres(databaseUrl: string, options: OpenOptions): Promise<Database> {
  const [{ PrismaPg }, { PrismaClient: PostgresPrismaClient }] = await Promise.all([
    import("@prisma/adapter-pg"),
    import("../generated/prisma-postgres/client"),
  ]);
  const adapter = new PrismaPg({ connectionString: databaseUrl, ...(options.maxConnections ? { max: options.maxConnections } : {}) });
  return countQueries(new PostgresPrismaClient({ adapter, log: queryEvents(options) }) as unknown as Database, options);
}

// Test databases on PostgreSQL (CADENCE_TEST_DATABASE=postgres): one migrated template per run, and a fresh
// database per test made from it with CREATE DATABASE … TEMPLATE, which copies files instead of migrating again.
import { execFileSync, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import pg from "pg";
import { PROJECT_ROOT } from "./paths";

export const usePostgres = (): boolean => process.env.CADENCE_TEST_DATABASE === "postgres";

/** The same server and credentials as `serverUrl`, another database. */
export function databaseUrlFor(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function onServer<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * The server to test on: CADENCE_TEST_POSTGRES_URL, or else a throwaway one started here (as root, with Debian's
 * PostgreSQL), stopped by the returned function.
 */
export function postgresServer(): { url: string; stop: () => void } {
  const given = process.env.CADENCE_TEST_POSTGRES_URL;
  if (given) return { url: given, stop: () => undefined };
  if (process.getuid?.() !== 0) {
    throw new Error(
      "CADENCE_TEST_DATABASE=postgres needs CADENCE_TEST_POSTGRES_URL (postgresql://user@host:port/db of a server where that user may create databases), or root to start a throwaway PostgreSQL",
    );
  }
  const started = spawnSync(join(PROJECT_ROOT, "tools/postgres/start-throwaway.sh"), [], { encoding: "utf8" });
  if (started.status !== 0) throw new Error(`could not start PostgreSQL: ${started.stderr}`);
  const stopScript = /PGSTOP=(\S+)/.exec(started.stderr)![1];
  return { url: started.stdout.trim(), stop: () => void spawnSync(stopScript) };
}

/**
 * A new database copied from this run's template, made synchronously (runStatementNow) so freshDatabaseUrl() stays
 * a plain call; bootApp copies with copyPostgresDatabase instead.
 */
export function freshPostgresDatabaseUrl(): string {
  const copy = copyStatement(process.env.CADENCE_TEST_PG_TEMPLATE!);
  runStatementNow(copy.serverUrl, copy.statement);
  return copy.url;
}

let keptConnection: Promise<pg.Client> | undefined;

/**
 * A new database with the contents of `source` (a database of this run that nobody is connected to), copied over
 * one connection this test process keeps: each psql run would cost the server a new backend process (about 40 ms
 * of its CPU on the CI machine), once per booted app.
 */
export async function copyPostgresDatabase(source: string): Promise<string> {
  const copy = copyStatement(source);
  keptConnection ??= connectKept(copy.serverUrl);
  await (await keptConnection).query(copy.statement);
  return copy.url;
}

async function connectKept(serverUrl: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: serverUrl });
  // A broken connection is replaced at the next copy; the test that was copying sees the error.
  client.on("error", () => {
    keptConnection = undefined;
  });
  await client.connect().catch((error: Error) => {
    keptConnection = undefined;
    throw error;
  });
  return client;
}

// FILE_COPY copies the template's files: about 70 ms of the server's CPU here, where WAL_LOG (the default since
// PostgreSQL 15) writes every page to the WAL and takes about 175 ms.
function copyStatement(source: string): { serverUrl: string; statement: string; url: string } {
  const serverUrl = process.env.CADENCE_TEST_POSTGRES_URL!;
  // Named after the run's template, so the run's teardown drops it.
  const name = `${process.env.CADENCE_TEST_PG_TEMPLATE}_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  return { serverUrl, statement: `CREATE DATABASE "${name}" TEMPLATE "${source}" STRATEGY FILE_COPY`, url: databaseUrlFor(serverUrl, name) };
}

/**
 * Runs one statement and waits for it: PostgreSQL's own psql when installed (a C program, quick to start; Debian's
 * /usr/bin/psql wrapper is Perl and slow), or else Node with pg (for a server elsewhere and no client tools here).
 */
function runStatementNow(serverUrl: string, statement: string): void {
  const psql = psqlPath();
  if (psql) {
    execFileSync(psql, ["--no-psqlrc", "-q", "-v", "ON_ERROR_STOP=1", "-d", serverUrl, "-c", statement], { stdio: ["ignore", "ignore", "inherit"] });
    return;
  }
  const script = `const pg = require("pg"); const c = new pg.Client({ connectionString: process.argv[1] });
    c.connect().then(() => c.query(process.argv[2])).then(() => c.end(), (e) => { console.error(e.message); process.exit(1); });`;
  execFileSync(process.execPath, ["-e", script, serverUrl, statement], { cwd: PROJECT_ROOT, stdio: ["ignore", "ignore", "inherit"] });
}

let psqlFound: string | null | undefined;
function psqlPath(): string | null {
  if (psqlFound === undefined) {
    const candidates = spawnSync("bash", ["-c", "ls -d /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -V | tail -n 1; command -v psql"], {
      encoding: "utf8",
    });
    psqlFound =
      candidates.stdout
        .split("\n")
        .find((line) => line.trim() !== "")
        ?.trim() ?? null;
  }
  return psqlFound;
}

/** Drops the template and every database made from it in this run. */
export async function dropRunDatabases(serverUrl: string, template: string): Promise<void> {
  await onServer(serverUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [`${template}%`]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  });
}

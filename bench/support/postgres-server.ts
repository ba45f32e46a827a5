// A PostgreSQL server for the benchmarks that need one: CADENCE_BENCH_POSTGRES_URL (a server where that user may
// create databases), or else a throwaway one started with tools/postgres/start-throwaway.sh (root and Debian's
// postgresql package; data in a temporary folder, fsync off) and stopped afterwards. Databases made here are
// dropped by stop().
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import pg from "pg";
import { PROJECT_ROOT } from "../../src/db/project-root";

export interface BenchPostgres {
  /** "given" (CADENCE_BENCH_POSTGRES_URL) or "throwaway" (started for this run). */
  origin: "given" | "throwaway";
  /** A new empty database on the server, or a copy of `template` (a database nobody is connected to). */
  createDatabase(template?: string): Promise<string>;
  stop(): Promise<void>;
}

export async function benchPostgres(): Promise<BenchPostgres> {
  const given = process.env.CADENCE_BENCH_POSTGRES_URL;
  let serverUrl = given;
  let stopServer: () => void = () => undefined;
  if (!serverUrl) {
    const started = spawnSync(join(PROJECT_ROOT, "tools/postgres/start-throwaway.sh"), [], { encoding: "utf8" });
    if (started.status !== 0) throw new Error(`set CADENCE_BENCH_POSTGRES_URL, or run as root with Debian's postgresql: ${started.stderr}`);
    serverUrl = started.stdout.trim();
    const stopScript = /PGSTOP=(\S+)/.exec(started.stderr)![1];
    stopServer = () => void spawnSync(stopScript);
  }
  const server = serverUrl;
  const made: string[] = [];
  const onServer = async (sql: string) => {
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  return {
    origin: given ? "given" : "throwaway",
    async createDatabase(template) {
      const name = `cadence_bench_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
      await onServer(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`);
      made.push(name);
      const url = new URL(server);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async stop() {
      if (given) for (const name of made.reverse()) await onServer(`DROP DATABASE IF EXISTS "${name}"`).catch(() => undefined);
      stopServer();
    },
  };
}

// Cadence as `npm start` runs it (the esbuild bundle in dist/, plain Node) and a bare Bolt app that only acks
// (bare-bolt.ts, bundled the same way), each started in its own process for the lean benchmarks.
import { execFile, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { build } from "esbuild";
import { PROJECT_ROOT } from "../../src/db/project-root";
import { applyPendingMigrations } from "../../src/db/migrate";
import type { LocalSlack } from "../../tools/local-slack/server";
import type { Metric } from "./bench-result";
import { makeWorkDir, removeWorkDir, startBenchSlack } from "./boot";
import { startBundleProcess } from "../../tools/testkit/bundle-process";

export { startCommand } from "../../tools/testkit/start-command";

const IDLE_SETTLE_MS = 3_000;

export interface Started {
  child: ChildProcess;
  url: string;
  startMs: number;
  /** Waits for the answers still being built after the acks, so the next measurement starts from quiet. */
  settle(): Promise<void>;
  /** The last lines the process printed, for a failure's message. */
  lastOutput(): string;
  /**
   * Starts a window of event-loop delay; the function it returns ends it with its figures in ms. Needs the process
   * started with LOOP_DELAY_FLAG.
   */
  measureLoopDelay(): () => Promise<LoopDelay>;
}

/** Node flag that loads support/loop-delay.mjs, which measures event-loop delay when signalled. */
export const LOOP_DELAY_FLAG = `--import=${join(PROJECT_ROOT, "bench", "support", "loop-delay.mjs")}`;

export interface LoopDelay {
  p50: number;
  p99: number;
  max: number;
}

const LOOP_DELAY_TIMEOUT_MS = 5_000;

export async function buildBundles(): Promise<{ cadence: string; bare: string }> {
  const cadence = join(PROJECT_ROOT, "dist", "main.js");
  const bare = join(PROJECT_ROOT, "bench", ".tmp", "bare-bolt.mjs");
  const common = { bundle: true, platform: "node" as const, format: "esm" as const, packages: "external" as const, logLevel: "warning" as const };
  // Cadence exactly as npm start builds it; the bare app needs nothing of that.
  await promisify(execFile)("npm", ["run", "--silent", "build"], { cwd: PROJECT_ROOT });
  await build({ ...common, entryPoints: [join(PROJECT_ROOT, "bench", "support", "bare-bolt.ts")], outfile: bare });
  return { cadence, bare };
}

/** Starts a bundle with plain Node (and `nodeFlags`) and times it until /healthz answers 200. */
export async function startProcess(bundle: string, env: Record<string, string>, nodeFlags: string[] = [], cpus?: string): Promise<Started> {
  const started = await startBundleProcess(bundle, env, { nodeFlags, cpus });
  return {
    child: started.child,
    url: started.url,
    startMs: started.startMs,
    settle: async () => void (await sleep(IDLE_SETTLE_MS)),
    lastOutput: () => started.output().split("\n").slice(-15).join("\n"),
    measureLoopDelay: () => {
      const reported = () => started.output().match(/^loop-delay .*$/gm) ?? [];
      const before = reported().length;
      started.child.kill("SIGUSR2");
      return async () => {
        started.child.kill("SIGUSR2");
        const deadline = performance.now() + LOOP_DELAY_TIMEOUT_MS;
        while (reported().length === before) {
          if (performance.now() > deadline) throw new Error(`no loop-delay figures from the app: ${started.output().slice(-500)}`);
          await sleep(10);
        }
        return JSON.parse(reported()[before]!.slice("loop-delay ".length)) as LoopDelay;
      };
    },
  };
}

/** The process's resident memory now (VmRSS) or at its peak so far (VmHWM). */
export function rssOf(child: ChildProcess, which: "now" | "peak" = "now"): number {
  const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
  const field = which === "now" ? "VmRSS" : "VmHWM";
  return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024;
}

/** CPU time (ms) a process has used, on its main thread and in all (its other threads: V8's, libuv's, workers). */
export function cpuOf(child: ChildProcess): { main: number; all: number } {
  // utime and stime, fields 14 and 15 of /proc/<pid>/task/<tid>/stat, in clock ticks: 100 a second on Linux
  // (USER_HZ; https://man7.org/linux/man-pages/man5/proc_pid_stat.5.html). The name (field 2) may hold spaces.
  const ticks = (stat: string) => {
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]);
  };
  const main = ticks(readFileSync(`/proc/${child.pid}/task/${child.pid}/stat`, "utf8")) * 10;
  const all = ticks(readFileSync(`/proc/${child.pid}/stat`, "utf8")) * 10;
  return { main, all };
}

export function ratio(metric: string, measured: number, floor: number, format: (value: number) => string): Metric {
  return { metric, value: `${format(measured)} (bare Bolt ${format(floor)}; ${(measured / floor).toFixed(2)}×)` };
}

/** What a bundle runs against: the fake Slack with the channel and an admin, and a migrated SQLite file. */
export async function bundleSurroundings(): Promise<{ slack: LocalSlack; databaseUrl: string; close(): Promise<void> }> {
  const slack = await startBenchSlack(0);
  const workDir = makeWorkDir();
  const databaseUrl = `file:${join(workDir, "cadence.db")}`;
  try {
    await applyPendingMigrations(databaseUrl);
  } catch (error) {
    await slack.close();
    removeWorkDir(workDir);
    throw error;
  }
  return {
    slack,
    databaseUrl,
    async close() {
      await slack.close();
      removeWorkDir(workDir);
    },
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

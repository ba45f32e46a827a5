// Starts child-cadence.ts as a separate process and waits until it listens; kill() is a crash (SIGKILL),
// stop() a clean end (SIGTERM, then SIGKILL if it hangs). Only ever this child is signalled.
import { PROJECT_ROOT } from "../../src/db/project-root";
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { onCores } from "./on-cores";
import type { AdvanceClock, AppUsage } from "./child-cadence";

const CHILD = join(PROJECT_ROOT, "tools", "testkit", "child-cadence.ts");
const START_TIMEOUT_MS = 60_000;
const USAGE_TIMEOUT_MS = 30_000;

export interface CadenceProcess {
  process: ChildProcess;
  /** Base URL of the app's HTTP server. */
  url: string;
  /** The child's memory and CPU time, asked over IPC. */
  usage(): Promise<AppUsage>;
  /** Moves the child's frozen clock on by `ms`, over IPC. */
  advanceClock(ms: number): Promise<void>;
  kill(): Promise<void>;
  stop(timeoutMs?: number): Promise<void>;
}

export interface CadenceProcessOptions {
  /** Where the child's own log lines go: kept for the start-up error (default), or passed to this stderr. */
  logs?: "keep" | "forward";
  /** Extra Node flags for the child, e.g. `--cpu-prof` to profile it (`BENCH_CPU_PROF` in the benchmarks). */
  nodeArgs?: string[];
  /** The cores it may run on (taskset's list, "1"), for a benchmark that keeps its own load elsewhere. */
  cpus?: string;
}

/** The off-loop thread's bundle the test run built (test/support/global-setup.ts), for the child to start it from. */
function threadBundle(): Record<string, string> {
  const built = process.env.CADENCE_OFF_LOOP_THREAD_JS;
  return built ? { CADENCE_OFF_LOOP_THREAD_JS: built } : {};
}

/** `env` is the child's whole environment (cadenceEnvironment() plus CADENCE_NOW, CADENCE_SCHEDULER, …). */
export async function startCadenceProcess(env: Record<string, string>, options: CadenceProcessOptions = {}): Promise<CadenceProcess> {
  const [command, args] = onCores(options.cpus, [process.execPath, ...(options.nodeArgs ?? []), "--import", "tsx", CHILD]);
  const child = spawn(command, args, {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...threadBundle(), ...env },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  let stderr = "";
  if (options.logs === "forward") child.stderr!.pipe(process.stderr);
  else child.stderr!.on("data", (chunk) => (stderr += chunk));
  const url = await new Promise<string>((resolveUrl, reject) => {
    let stdout = "";
    const timer = setTimeout(() => reject(new Error(`child Cadence did not start within ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /ready (\S+)/.exec(stdout);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off("data", onData);
      child.stdout!.resume(); // keep draining, so a chatty child never blocks on a full pipe
      resolveUrl(match[1]);
    };
    child.stdout!.on("data", onData);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`child Cadence exited (${signal ?? code}) before it was ready: ${stderr}`));
    });
  });
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const end = (signal: NodeJS.Signals, timeoutMs: number) =>
    new Promise<void>((resolveExit) => {
      if (exited()) return resolveExit();
      const killer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
      child.once("exit", () => {
        clearTimeout(killer);
        resolveExit();
      });
      child.kill(signal);
    });
  return {
    process: child,
    url,
    usage: () => askUsage(child),
    advanceClock: async (ms) => void (await ask(child, { advanceClockMs: ms } satisfies AdvanceClock, "clockAdvancedTo", "moved its clock")),
    kill: () => end("SIGKILL", 0),
    stop: (timeoutMs = 10_000) => end("SIGTERM", timeoutMs),
  };
}

function askUsage(child: ChildProcess): Promise<AppUsage> {
  return ask(child, "usage", "rssBytes", "reported its usage") as Promise<AppUsage>;
}

/** Sends `request` over IPC and resolves with the first answer holding `answerField`. */
function ask(child: ChildProcess, request: unknown, answerField: string, what: string): Promise<unknown> {
  return new Promise((resolveAnswer, reject) => {
    const timer = setTimeout(() => {
      child.off("message", onMessage);
      reject(new Error(`the app process has not ${what} within ${USAGE_TIMEOUT_MS} ms`));
    }, USAGE_TIMEOUT_MS);
    const onMessage = (message: unknown) => {
      if (typeof message !== "object" || message === null || !(answerField in message)) return;
      clearTimeout(timer);
      child.off("message", onMessage);
      resolveAnswer(message);
    };
    child.on("message", onMessage);
    child.send(request as object);
  });
}

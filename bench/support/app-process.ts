// The child side of support/child-app.ts: the real Cadence (startCadence, as `npm start` runs it) in its own
// process, so the benchmark's HTTP client and the fake Slack do not share its event loop or its CPU. The clock
// is frozen at BENCH_NOW and there is no scheduler. Asked "usage" over IPC, it answers with its memory and CPU.
import { LogLevel } from "@slack/bolt";
import { loadConfig } from "../../src/config/config";
import { startCadence } from "../../src/main";

export interface AppUsage {
  rssBytes: number;
  heapUsedBytes: number;
  /** The process's RSS high-water mark since it started. */
  maxRssBytes: number;
  /** CPU time used since it started, user + system. */
  cpuMs: number;
}

const now = new Date(process.env.BENCH_NOW ?? Date.now());
const logLevel = (process.env.BENCH_LOG as LogLevel | undefined) ?? LogLevel.ERROR;
const cadence = await startCadence(loadConfig(process.env), { clock: () => now, logLevel, scheduler: false });

function usage(): AppUsage {
  const memory = process.memoryUsage();
  const resources = process.resourceUsage();
  return {
    rssBytes: memory.rss,
    heapUsedBytes: memory.heapUsed,
    maxRssBytes: resources.maxRSS * 1024,
    cpuMs: (resources.userCPUTime + resources.systemCPUTime) / 1000,
  };
}

process.on("message", (message) => {
  if (message === "usage") process.send?.(usage());
});
process.once("SIGTERM", () => {
  void cadence.stop().finally(() => process.exit(0));
});
process.stdout.write(`ready ${cadence.url}\n`);

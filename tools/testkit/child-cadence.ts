// The child side of cadence-process.ts: the real Cadence (startCadence, as `npm start` runs it) in its own
// process, so a test can SIGKILL it mid-job and a benchmark's client does not share its event loop. The clock
// is frozen at CADENCE_NOW (moved on only when asked over IPC); CADENCE_SCHEDULER=off leaves ticking to the
// caller. Asked "usage" over IPC, it answers with its memory and CPU time; SIGTERM stops it cleanly.
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

let now = new Date(process.env.CADENCE_NOW ?? Date.now());
const optionalNumber = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);
const cadence = await startCadence(loadConfig(process.env), {
  clock: () => now,
  logLevel: (process.env.CADENCE_LOG_LEVEL as LogLevel | undefined) ?? LogLevel.ERROR,
  fastRetries: process.env.CADENCE_FAST_RETRIES === "1",
  scheduler: process.env.CADENCE_SCHEDULER !== "off",
  // Takeover tests shorten the liveness timings, so they wait seconds rather than a minute.
  heartbeatMs: optionalNumber("CADENCE_TEST_HEARTBEAT_MS"),
  staleMs: optionalNumber("CADENCE_TEST_STALE_MS"),
});

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

/** Asks the child to move its clock on; it answers with the new time. */
export interface AdvanceClock {
  advanceClockMs: number;
}

process.on("message", (message: "usage" | AdvanceClock) => {
  if (message === "usage") process.send?.(usage());
  else if (typeof message === "object" && typeof message.advanceClockMs === "number") {
    now = new Date(now.getTime() + message.advanceClockMs);
    process.send?.({ clockAdvancedTo: now.toISOString() });
  }
});
process.once("SIGTERM", () => {
  void cadence.stop().finally(() => process.exit(0));
});
process.stdout.write(`ready ${cadence.url}\n`);

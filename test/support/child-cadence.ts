// Runs the real Cadence in a child process, so a test can SIGKILL it mid-job. The clock is frozen at
// CADENCE_TEST_NOW; the scheduler ticks at start like after any restart. CADENCE_TEST_HEARTBEAT_MS and
// CADENCE_TEST_STALE_MS shorten the liveness timings, so a takeover test waits seconds rather than a minute.
import { LogLevel } from "@slack/bolt";
import { loadConfig } from "../../src/config/config";
import { startCadence } from "../../src/main";

const now = new Date(process.env.CADENCE_TEST_NOW ?? Date.now());
const optionalNumber = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);
const cadence = await startCadence(loadConfig(process.env), {
  clock: () => now,
  logLevel: LogLevel.ERROR,
  fastRetries: true,
  heartbeatMs: optionalNumber("CADENCE_TEST_HEARTBEAT_MS"),
  staleMs: optionalNumber("CADENCE_TEST_STALE_MS"),
});
process.stdout.write(`ready ${cadence.url}\n`);

// Runs the real Cadence in a child process, so a test can SIGKILL it mid-job. The clock is frozen at
// CADENCE_TEST_NOW; the scheduler ticks at start like after any restart.
import { LogLevel } from "@slack/bolt";
import { loadConfig } from "../../src/config/config";
import { startCadence } from "../../src/main";

const now = new Date(process.env.CADENCE_TEST_NOW ?? Date.now());
const cadence = await startCadence(loadConfig(process.env), { clock: () => now, logLevel: LogLevel.ERROR, fastRetries: true });
process.stdout.write(`ready ${cadence.url}\n`);

// The real Cadence in a child process for tests (tools/testkit/cadence-process.ts), with short Slack retries.
import { startCadenceProcess, type CadenceProcess } from "../../tools/testkit/cadence-process";

export const spawnCadence = (env: Record<string, string>): Promise<CadenceProcess> => startCadenceProcess({ CADENCE_FAST_RETRIES: "1", ...env });

// The apps measured get one core and the benchmark's own parts (the threads that time the acks, the fake Slack
// that takes the answers, the agents' load in agent-api) the other, as in use, where Slack, its load and the
// agents are on other machines. On the
// two shared cores of these machines the three had competed for both: Cadence's off-loop thread, which builds the
// answers, ran while the fake Slack parsed them and the timing threads waited for a core, and only Cadence gives
// answers (a bare Bolt app acks and is done). Both apps get the same core, so each is measured as on a one-core
// host. Measured by `npm run bench -- lean`: /scorecard ack p99 with 500 KPIs 1.18-2.18x bare Bolt's over nine
// runs sharing the cores, 0.92-1.01x over four runs apart.
import { execFileSync } from "node:child_process";
import { availableParallelism } from "node:os";

/**
 * Keeps this process (every thread it has, and those it starts later) on core 0 and returns the core for the
 * apps, "1"; undefined, and nothing changed, with fewer than two cores or without Linux's taskset.
 */
export function separateCores(): string | undefined {
  if (availableParallelism() < 2) return undefined;
  try {
    execFileSync("taskset", ["--all-tasks", "--pid", "--cpu-list", "0", String(process.pid)], { stdio: "ignore" });
    return "1";
  } catch {
    return undefined;
  }
}

// The agent API load of bench/agent-api.ts, in a worker thread: its 100 requests a second and their callbacks run on
// an event loop of their own, so they do not delay the bench's measuring of /scorecard acks on the main thread (the
// app's own delay is what is measured there).
import { lowerThisThreadsPriority } from "./low-priority";
import { parentPort, workerData } from "node:worker_threads";
import { atSteadyRate } from "./load-driver";
import { pushOne, type AgentClient } from "./agent-push";

interface Job {
  url: string;
  agents: AgentClient[];
  week: string;
  ratePerSecond: number;
}

/** One stretch of the load: its requests are numbered from `first` on, so no two stretches share a key. */
export interface Stretch {
  first: number;
  seconds: number;
}

// The agents' side runs at a low priority: in production agents run on other machines, and here, on the app's two
// cores, the load's own sending would otherwise take CPU from the app.
lowerThisThreadsPriority();

const job = workerData as Job;
// Booted ahead of the measured window: "ready" once loaded, then one stretch of load per message.
parentPort!.on("message", ({ first, seconds }: Stretch) => {
  const send = (index: number) => pushOne(job.url, job.agents[(first + index) % job.agents.length], first + index, job.week, "load");
  atSteadyRate(job.ratePerSecond, seconds, send).then(
    (run) => parentPort!.postMessage(run),
    (error: Error) => parentPort!.postMessage({ error: error.message }),
  );
});
parentPort!.postMessage("ready");

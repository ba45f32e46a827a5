// The agent API's work on a thread of its own: tokens checked, bodies validated, values recorded, each with its
// own connection to the database. An agent pushing 100 values a second costs about 4 ms of CPU each; on the event
// loop that acks Slack, every ack waited behind that (issue 13: the /scorecard ack p99 moved by +60 to +114 %).
// Slack is never called from here: what was recorded goes back to the main thread, which refreshes the DMs.
import { setPriority } from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import { openDatabase } from "../db/database";
import { seatDataChanged } from "../repositories/seat-data-cache";
import { agentServiceOn } from "./agent-service-on";
import type { AgentCall, AgentWorkerData, FromWorker, ToWorker } from "./agent-worker-protocol";

// Agents can wait and Slack cannot: on Linux a thread's nice value is its own (setpriority(2), NOTES), so this
// thread yields the CPU to the one that acks when the machine is busy. Lowering one's priority needs no privilege.
const AGENT_THREAD_NICE = 10;
try {
  setPriority(AGENT_THREAD_NICE);
} catch {
  // A platform without per-thread priorities runs the thread as it is.
}

const port = parentPort!;
const { databaseUrl, tz } = workerData as AgentWorkerData;
const send = (message: FromWorker) => port.postMessage(message);

const db = await openDatabase(databaseUrl);
// Posted before the request's answer, so the main thread hears of the values first.
const agents = agentServiceOn(db, tz, (recorded) => send({ kind: "recorded", recorded }));

function call(request: AgentCall): Promise<unknown> {
  switch (request.op) {
    case "authenticate":
      return agents.authenticate(request.token);
    case "record":
      return agents.record(request.seat, request.body, request.idempotencyKey, request.now);
    case "describe":
      return agents.describe(request.seat, request.now);
  }
}

port.on("message", (message: ToWorker) => {
  if (message.op === "seat-data-changed") return seatDataChanged(db);
  if (message.op === "stop") {
    void db.$disconnect().finally(() => send({ kind: "stopped" }));
    return;
  }
  const { id } = message;
  call(message).then(
    (result) => send({ kind: "answer", id, result }),
    (error: unknown) => send({ kind: "failed", id, message: error instanceof Error ? error.message : String(error) }),
  );
});
send({ kind: "ready" });

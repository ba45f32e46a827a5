// Work that must not hold the event loop that acks Slack runs on this thread, with its own connection to the
// database:
// - the agent API's (tokens checked, bodies validated, values recorded): an agent pushing 100 values a second costs
//   about 4 ms of CPU each, and every ack waited behind that (issue 13: the /scorecard ack p99 moved by +60 to
//   +114 %);
// - the full /scorecard table: 900 KPIs over 13 weeks is about 12,000 values read (13 statements of 1-3 ms each,
//   measured) and the table built, some 15-30 ms of CPU in pieces the acks wait behind (issue 17).
// Slack is never called from here: what was recorded goes back to the main thread, which refreshes the DMs, and
// the table goes back as a reply the main thread sends.
import { setPriority } from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import { openDatabase } from "../db/database";
import { TREND_WEEKS } from "../domain/trend";
import { buildScorecardReply } from "../messages/scorecard-blocks";
import { EntryRepository } from "../repositories/entry-repository";
import { seatDataChanged } from "../repositories/seat-data-cache";
import { SeatRepository } from "../repositories/seat-repository";
import { ScorecardLoader } from "../services/scorecard-data";
import { agentServiceOn } from "../api/agent-service-on";
import type { FromThread, OffLoopCall, OffLoopData, ToThread } from "./off-loop-protocol";

// Agents and answers can wait and acks cannot: on Linux a thread's nice value is its own (setpriority(2), NOTES),
// so this thread yields the CPU to the one that acks when the machine is busy. Lowering one's priority needs no
// privilege.
const OFF_LOOP_NICE = 10;
try {
  setPriority(OFF_LOOP_NICE);
} catch {
  // A platform without per-thread priorities runs the thread as it is.
}

const port = parentPort!;
const { databaseUrl, tz } = workerData as OffLoopData;
const send = (message: FromThread) => port.postMessage(message);

const db = await openDatabase(databaseUrl);
// Posted before the request's answer, so the main thread hears of the values first.
const agents = agentServiceOn(db, tz, (recorded) => send({ kind: "recorded", recorded }));
const scorecard = new ScorecardLoader({ seats: new SeatRepository(db), entries: new EntryRepository(db) });

async function call(request: OffLoopCall): Promise<unknown> {
  switch (request.op) {
    case "authenticate":
      return agents.authenticate(request.token);
    case "record":
      return agents.record(request.seat, request.body, request.idempotencyKey, request.now);
    case "describe":
      return agents.describe(request.seat, request.now);
    case "scorecard":
      return buildScorecardReply(await scorecard.load(request.week, TREND_WEEKS));
  }
}

port.on("message", (message: ToThread) => {
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

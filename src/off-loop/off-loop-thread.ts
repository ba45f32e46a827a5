// Work that must not hold the event loop that acks Slack runs on this thread, with its own connection to the
// database:
// - the agent API's (tokens checked, bodies validated, values recorded): an agent pushing 100 values a second costs
//   about 4 ms of CPU each, and every ack waited behind that (issue 13: the /scorecard ack p99 moved by +60 to
//   +114 %);
// - the full /scorecard table: 900 KPIs over 13 weeks is about 12,000 values read (13 statements of 1-3 ms each,
//   measured) and the table built, some 15-30 ms of CPU in pieces the acks wait behind (issue 17). It is posted to
//   the command's response_url from here too: 20 answers of 50 KB at once, cloned back to the main thread,
//   serialised and sent through fetch there, held that loop for 20-80 ms at a time (a CPU profile of
//   `npm run bench -- lean`), and left it the garbage to collect.
// Slack's Web API is never called from here: what was recorded goes back to the main thread, which refreshes the
// DMs with its client (its retries and rate-limit queue are there).
import { setPriority } from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import { openDatabase } from "../db/database";
import { TREND_WEEKS } from "../domain/trend";
import { buildScorecardReply } from "../messages/scorecard-blocks";
import { EntryRepository } from "../repositories/entry-repository";
import { seatDataChanged, watchSeatData } from "../repositories/seat-data-cache";
import { SeatRepository } from "../repositories/seat-repository";
import { watchValues } from "../repositories/value-changes";
import type { TableAnswer } from "../services/scorecard-service";
import { ephemeralMessages } from "../slack/listeners/respond-with";
import { postJson } from "../slack/response-url";
import { agentServiceOn } from "../api/agent-service-on";
import { AcksPending } from "./acks-pending";
import { ScorecardTables } from "./scorecard-tables";
import type { FromThread, OffLoopCall, OffLoopData, ToThread } from "./off-loop-protocol";

// Agents and answers can wait and acks cannot: on Linux a thread's nice value is its own (setpriority(2), NOTES),
// so this thread yields the CPU to the one that acks when the machine is busy. Lowering one's priority needs no
// privilege. Not lower than 10: a nice value counts against every process on the host, not only our own thread.
// Nice 19 (tried 2026-12-02) made the acks steadier (lean, 500 KPIs: 0.79-1.40x bare Bolt over six runs against
// 0.71-1.99x at 10), but on a host busy with other work the thread got almost no CPU: starting it took 35 s with
// the test suites running, and CI's three-instance test timed out waiting for a /scorecard answer.
const OFF_LOOP_NICE = 10;
try {
  setPriority(OFF_LOOP_NICE);
} catch {
  // A platform without per-thread priorities runs the thread as it is.
}

const port = parentPort!;
const { databaseUrl, tz, countQueries, scorecardReadMs, acksPending: acksBuffer } = workerData as OffLoopData;
const acksPending = acksBuffer ? new AcksPending(acksBuffer) : undefined;
// How long a table waits for the main thread's pending acks before its build, and again before its post: a burst
// of 20 commands is acked in about 20 ms, and a steady stream of requests must not hold the answers back for long.
const ACKS_WAIT_MAX_MS = 100;
const send = (message: FromThread) => port.postMessage(message);

let queries = 0;
const countQuery = () => {
  queries += 1;
};
// A table's first build reads its 13 weeks side by side; on PostgreSQL pg's default pool would open 10
// connections for that, each a server process (about 40 ms of the server's CPU to start on the CI machine).
// Three serve the table's reads and the agents' requests (a few ms each) with room to spare.
const OFF_LOOP_MAX_CONNECTIONS = 3;
const db = await openDatabase(databaseUrl, { maxConnections: OFF_LOOP_MAX_CONNECTIONS, ...(countQueries ? { onQuery: countQuery } : {}) });
/** The statements run since the last answer, when counted: the main thread adds them to its own. */
function queriesSinceLastAnswer(): { queries?: number } {
  if (!countQueries) return {};
  const counted = queries;
  queries = 0;
  return { queries: counted };
}
// Posted before the request's answer, so the main thread hears of the values first.
const agents = agentServiceOn(db, tz, (recorded) => send({ kind: "recorded", recorded }));
// The table does not depend on who asks: it is built once, as the bodies of the messages that post it, and kept
// while what it shows is unchanged. Values and seats or KPIs changed on the main thread (told below) drop what
// they touch; values the agents write here show within a second (scorecard-tables.ts).
const tables = new ScorecardTables({
  seats: new SeatRepository(db),
  entries: new EntryRepository(db),
  build: (data) => ephemeralMessages(buildScorecardReply(data)).map((message) => Buffer.from(JSON.stringify(message))),
  weekCount: TREND_WEEKS,
  ttlMs: scorecardReadMs,
});
// What is written on this thread's connection is what agents push through the API.
watchValues(db, (weeks) => tables.valuesChanged(weeks, "agent"));
watchSeatData(db, () => tables.seatsChanged());

async function call(request: OffLoopCall): Promise<unknown> {
  switch (request.op) {
    case "authenticate":
      return agents.authenticate(request.token);
    case "record":
      return agents.record(request.seat, request.body, request.idempotencyKey, request.now);
    case "describe":
      return agents.describe(request.seat, request.now);
    case "scorecard":
      return answerScorecard(request.week, request.responseUrl);
  }
}

/** Builds the week's table and posts it; a table that could not be built is not an error of the post. */
async function answerScorecard(week: string, responseUrl: string): Promise<TableAnswer> {
  let bodies: Buffer[];
  try {
    await acksPending?.settled(ACKS_WAIT_MAX_MS);
    bodies = await tables.table(week);
  } catch (error) {
    return { posted: false, reason: error instanceof Error ? error.message : String(error) };
  }
  await acksPending?.settled(ACKS_WAIT_MAX_MS);
  for (const body of bodies) await postJson(responseUrl, body);
  return { posted: true };
}

port.on("message", (message: ToThread) => {
  if (message.op === "seat-data-changed") return seatDataChanged(db);
  if (message.op === "values-changed") return tables.valuesChanged(message.weeks);
  if (message.op === "stop") {
    void db.$disconnect().finally(() => send({ kind: "stopped" }));
    return;
  }
  const { id } = message;
  call(message).then(
    (result) => send({ kind: "answer", id, result, ...queriesSinceLastAnswer() }),
    (error: unknown) => send({ kind: "failed", id, message: error instanceof Error ? error.message : String(error), ...queriesSinceLastAnswer() }),
  );
});
send({ kind: "ready" });

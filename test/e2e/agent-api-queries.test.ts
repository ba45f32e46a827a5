// What one agent API request costs the database: each Prisma query is about a millisecond of CPU, so the hot path
// is held to the writes themselves. The token's seat, its KPIs and their kill thresholds come from
// a recent read (test/repositories/seat-credentials-cache.test.ts), the Idempotency-Key is checked by writing
// it, and the check-in DM refresh after the answer finds no DM to refresh here.
import Sqlite from "better-sqlite3";
import pg from "pg";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { agentServiceOn } from "../../src/api/agent-service-on";
import { bootApp, testClock, type BootedApp } from "../support/boot-app";

let app: BootedApp;

beforeEach(async () => {
  app = await bootApp({ clock: testClock("2026-11-23T10:00:00Z") });
  app.slack.addUser({ id: "UOWN", name: "owen", tz: "UTC" });
  await app.command("/cadence", 'seat add "Triage agent" <@UOWN> agent');
  await app.command("/cadence", 'kpi add "Triage agent" "Tickets" >= 40');
  await app.command("/cadence", 'kpi add "Triage agent" "Resolution" >= 85 percent');
  await app.command("/cadence", 'kpi kill "Tickets" < 5');
});
afterEach(async () => {
  vi.restoreAllMocks();
  await app.stop();
});

/** Every statement the app sends to whichever database the suite runs on, without transaction control. */
function watchStatements(): () => string[] {
  const sqlite = vi.spyOn(Sqlite.prototype, "prepare");
  const postgres = vi.spyOn(pg.Client.prototype, "query");
  return () =>
    [...sqlite.mock.calls.map(([sql]) => sql), ...postgres.mock.calls.map(([query]) => (typeof query === "string" ? query : (query as { text: string }).text))]
      .filter((sql) => !/^\s*(BEGIN|COMMIT|ROLLBACK|SET TRANSACTION|START TRANSACTION)/i.test(sql))
      .map((sql) => `${/^\s*(\w+)/.exec(sql)?.[1]} ${/(?:FROM|INTO|UPDATE)\s+(?:[`"]?\w+[`"]?\.)?[`"]?(\w+)/i.exec(sql)?.[1]}`);
}

async function post(token: string, key: string, body: unknown): Promise<number> {
  const response = await fetch(`${app.cadence.apiUrl}/api/v1/entries`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "idempotency-key": key },
    body: JSON.stringify(body),
  });
  await response.arrayBuffer();
  return response.status;
}

it("records an agent's value with only the writes and one read of the value it replaces", async () => {
  const token = /cad_\d+_[A-Za-z0-9_-]{43}/.exec(await app.command("/cadence", 'seat token "Triage agent"', "UOWN"))![0];
  expect(await post(token, "over-http", { kpi: "Tickets", value: 40 })).toBe(201);
  // The API's service as its worker thread builds it, here on the app's own connection so its statements can be
  // watched (a worker's are not), telling the app's entry service of its values as the thread does.
  let announced = Promise.resolve();
  const agents = agentServiceOn(app.cadence.db, app.cadence.config.tz, (recorded) => {
    announced = app.cadence.services.entries.announce(recorded);
  });
  const now = new Date("2026-11-23T10:00:00Z");
  const seat = await agents.authenticate(token);
  if (!seat.ok) throw new Error(seat.message);
  expect((await agents.record(seat.value, { kpi: "Tickets", value: 41 }, "first", now)).ok).toBe(true);
  await announced;
  await app.cadence.services.refresh.idle();

  const statements = watchStatements();
  expect((await agents.authenticate(token)).ok).toBe(true);
  expect((await agents.record(seat.value, { kpi: "Tickets", value: 42 }, "second", now)).ok).toBe(true);
  await announced;
  await app.cadence.services.refresh.idle();
  expect(statements()).toEqual([
    "INSERT ApiIdempotencyKey",
    "SELECT Entry", // the value it replaces, for the audit log
    "UPDATE Entry",
    "INSERT AuditLog",
    "SELECT CheckIn", // after the answer: the owner's check-in DM, to refresh (none was sent)
  ]);
  expect((await app.cadence.db.entry.findMany()).map((row) => [row.value, row.source])).toEqual([[42, "agent"]]);
});

// The agent API over real HTTP, on the same server that takes Slack's requests: every status code, with
// tokens made through `/cadence seat token`.
import { execFile } from "node:child_process";
import { request } from "node:http";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ACTIONS } from "../../src/messages/ids";
import { bootApp, testClock, type BootedApp } from "../support/boot-app";
import { eventually } from "../support/eventually";
import { clickButton, sendDm } from "../support/interactions";
import { PROJECT_ROOT } from "../../src/db/project-root";

let app: BootedApp;
const logLines: string[] = [];
const capture = (...args: unknown[]) =>
  void logLines.push(args.map((arg) => (arg instanceof Error ? arg.stack : typeof arg === "string" ? arg : JSON.stringify(arg))).join(" "));

beforeEach(async () => {
  logLines.length = 0;
  // Monday of 2026-W48: the last completed week is 2026-W47.
  app = await bootApp({
    clock: testClock("2026-11-23T10:00:00Z"),
    apiLimits: { bodyTimeoutMs: 300 },
    logger: { debug: capture, info: capture, warn: capture, error: capture },
    // The off-loop thread's reads of the scorecard last a minute: only being told of a change shows it.
    scorecardReadMs: 60_000,
  });
  app.slack.addUser({ id: "UOWN", name: "owen", tz: "UTC" });
  app.slack.addUser({ id: "UOTHER", name: "otto", tz: "UTC" });
  await app.command("/cadence", 'seat add "Triage agent" <@UOWN> agent');
  await app.command("/cadence", 'kpi add "Triage agent" "Tickets" >= 40');
  await app.command("/cadence", 'kpi add "Triage agent" "Resolution" >= 85 percent');
  await app.command("/cadence", 'seat add "Invoice agent" <@UOTHER> agent');
  await app.command("/cadence", 'kpi add "Invoice agent" "Matched" >= 100');
});
afterEach(async () => app.stop());

async function makeToken(seat = "Triage agent", userId = "UOWN"): Promise<string> {
  const answer = await app.command("/cadence", `seat token "${seat}"`, userId);
  const token = /cad_\d+_[A-Za-z0-9_-]{43}/.exec(answer)?.[0];
  if (!token) throw new Error(`no token in: ${answer}`);
  return token;
}

async function call(path: string, init: { method?: string; token?: string; body?: string; headers?: Record<string, string> } = {}) {
  const response = await fetch(`${app.cadence.apiUrl}${path}`, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers: {
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(init.body !== undefined ? { "content-type": "application/json" } : {}),
      ...init.headers,
    },
    body: init.body,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: JSON.parse(text) as any };
}

const post = (token: string, body: unknown, headers: Record<string, string> = {}) => call("/api/v1/entries", { token, body: JSON.stringify(body), headers });
const entryRows = () => app.cadence.db.entry.findMany({ orderBy: { id: "asc" } });

/** Sends the request head and `parts` of the body with pauses between them; resolves with the answer. */
function slowPost(token: string, parts: string[], pauseMs: number): Promise<{ status: number; body: string }> {
  const url = new URL(`${app.cadence.apiUrl}/api/v1/entries`);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      },
      (res) => {
        let body = "";
        res.on("data", (chunk) => (body += chunk)).on("end", () => resolve({ status: res.statusCode!, body }));
      },
    );
    req.on("error", reject);
    let index = 0;
    const next = () => {
      if (req.destroyed) return;
      if (index < parts.length) {
        req.write(parts[index++]);
        setTimeout(next, pauseMs);
      } else req.end();
    };
    next();
  });
}

describe("POST /api/v1/entries", () => {
  it("201: records a week of numbers with source agent, in the audit log, and answers what it recorded", async () => {
    const token = await makeToken();
    const answer = await post(token, {
      entries: [
        { kpi: "Tickets", value: 41 },
        { kpi: "resolution", value: "97%", note: "quiet week" },
      ],
    });
    expect(answer.status).toBe(201);
    expect(answer.json).toEqual({
      entries: [
        { kpi: "Tickets", week: "2026-W47", value: "41", onTrack: true },
        { kpi: "Resolution", week: "2026-W47", value: "97%", onTrack: true },
      ],
    });
    const rows = await entryRows();
    expect(rows.map((row) => [row.value, row.week, row.source, row.note])).toEqual([
      [41, "2026-W47", "agent", null],
      [97, "2026-W47", "agent", "quiet week"],
    ]);
    const audit = await app.cadence.db.auditLog.findMany({ where: { entity: "entry" } });
    expect(audit.map((row) => [row.action, row.actor])).toEqual([
      ["entry.add", rows[0].enteredBy],
      ["entry.add", rows[0].enteredBy],
    ]);
    expect(rows[0].enteredBy).toMatch(/^agent:\d+$/);
  });

  it("200 for a repeated Idempotency-Key with the same body (recorded once); 409 with another body", async () => {
    const token = await makeToken();
    const first = await post(token, { kpi: "Tickets", value: 41 }, { "idempotency-key": "run-1" });
    expect(first.status).toBe(201);
    const again = await post(token, { kpi: "Tickets", value: 41 }, { "idempotency-key": "run-1" });
    expect(again.status).toBe(200);
    expect(again.text).toBe(first.text);
    const other = await post(token, { kpi: "Tickets", value: 45 }, { "idempotency-key": "run-1" });
    expect(other.status).toBe(409);
    expect(other.json.error).toBe("idempotency_conflict");
    expect((await entryRows()).map((row) => row.value)).toEqual([41]);
    expect(await app.cadence.db.auditLog.count({ where: { entity: "entry" } })).toBe(1);
  });

  it("forgets keys after 24 hours", async () => {
    const token = await makeToken();
    await post(token, { kpi: "Tickets", value: 41 }, { "idempotency-key": "run-1" });
    app.clock.advance(24 * 3600 * 1000 + 1000);
    expect((await post(token, { kpi: "Tickets", value: 45, week: "2026-W47" }, { "idempotency-key": "run-1" })).status).toBe(201);
    expect(await app.cadence.db.apiIdempotencyKey.count()).toBe(1);
  });

  it("401 without a token, with an unknown one, after a rotation (the old one) and after a revoke", async () => {
    expect((await post("", { kpi: "Tickets", value: 1 })).json).toEqual({ error: "unauthorized", message: expect.stringContaining("Bearer cad_") });
    expect((await post(`cad_1_${"x".repeat(43)}`, { kpi: "Tickets", value: 1 })).status).toBe(401);
    const first = await makeToken();
    const second = await makeToken("Triage agent", "UADMIN");
    expect((await post(first, { kpi: "Tickets", value: 1 })).status).toBe(401);
    expect((await post(second, { kpi: "Tickets", value: 1 })).status).toBe(201);
    expect(await app.command("/cadence", 'seat token "Triage agent" revoke', "UOWN")).toContain("Revoked");
    expect((await post(second, { kpi: "Tickets", value: 2 })).status).toBe(401);
    expect((await entryRows()).map((row) => row.value)).toEqual([1]);
  });

  it("403 for another seat's KPI and for a retired seat; 404 for a KPI the seat does not have", async () => {
    const token = await makeToken();
    const foreign = await post(token, {
      entries: [
        { kpi: "Tickets", value: 41 },
        { kpi: "Matched", value: 120 },
      ],
    });
    expect([foreign.status, foreign.json.error]).toEqual([403, "kpi_of_another_seat"]);
    const missing = await post(token, { kpi: "Happiness", value: 3 });
    expect([missing.status, missing.json.error]).toEqual([404, "kpi_not_found"]);
    await app.command("/cadence", 'seat archive "Triage agent"');
    const retired = await post(token, { kpi: "Tickets", value: 41 });
    expect([retired.status, retired.json.error]).toEqual([403, "seat_retired"]);
    expect((await call("/api/v1/seat", { token })).status).toBe(403);
    expect(await entryRows()).toEqual([]);
  });

  it("413 for a body over 64 KB, with or without a Content-Length, writing nothing", async () => {
    const token = await makeToken();
    const big = JSON.stringify({ kpi: "Tickets", value: 41, note: "x".repeat(70 * 1024) });
    const declared = await call("/api/v1/entries", { token, body: big });
    expect([declared.status, declared.json.error]).toEqual([413, "payload_too_large"]);
    const chunked = await slowPost(token, [big.slice(0, 40_000), big.slice(40_000)], 5);
    expect(chunked.status).toBe(413);
    expect(await entryRows()).toEqual([]);
  });

  it("408 for a body sent too slowly; a body that arrives in time in pieces is recorded", async () => {
    const token = await makeToken();
    const slow = await slowPost(token, ['{"kpi": "Tick', 'ets", "value": 4', "1}"], 250);
    expect(slow.status).toBe(408);
    expect(JSON.parse(slow.body).error).toBe("request_timeout");
    expect(await entryRows()).toEqual([]);
    expect((await slowPost(token, ['{"kpi": "Tick', 'ets", "value": 4', "1}"], 20)).status).toBe(201);
  });

  it("415 for another content type and for a body that is not JSON", async () => {
    const token = await makeToken();
    const form = await call("/api/v1/entries", { token, body: "kpi=Tickets&value=41", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect([form.status, form.json.error]).toEqual([415, "unsupported_media_type"]);
    const broken = await call("/api/v1/entries", { token, body: '{"kpi": "Tickets", "value": 41' });
    expect([broken.status, broken.json.error]).toEqual([415, "unsupported_media_type"]);
    expect(await entryRows()).toEqual([]);
  });

  it("422 for a value that does not parse, a week in the future or that does not exist, and a wrong shape; nothing of the batch is written", async () => {
    const token = await makeToken();
    const cases: [unknown, string][] = [
      [
        {
          entries: [
            { kpi: "Tickets", value: 41 },
            { kpi: "Resolution", value: "most" },
          ],
        },
        "invalid_value",
      ],
      [{ kpi: "Tickets", value: 41, week: "2026-W49" }, "future_week"],
      [{ kpi: "Tickets", value: 41, week: "2026-W54" }, "invalid_week"],
      [{ kpi: "Tickets", amount: 41 }, "invalid_body"],
    ];
    for (const [body, error] of cases) {
      const answer = await post(token, body);
      expect([answer.status, answer.json.error]).toEqual([422, error]);
      expect(answer.json.message.length).toBeGreaterThan(0);
    }
    expect(await entryRows()).toEqual([]);
  });

  it("429 past 60 requests a minute per token, with Retry-After; another token is not held back", async () => {
    const token = await makeToken();
    const other = await makeToken("Invoice agent", "UOTHER");
    for (let index = 0; index < 60; index += 1) expect((await call("/api/v1/seat", { token })).status).toBe(200);
    const limited = await post(token, { kpi: "Tickets", value: 41 });
    expect([limited.status, limited.json.error]).toEqual([429, "rate_limited"]);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await call("/api/v1/seat", { token: other })).status).toBe(200);
    app.clock.advance(61_000);
    expect((await post(token, { kpi: "Tickets", value: 41 })).status).toBe(201);
    expect((await entryRows()).length).toBe(1);
  });

  it("never writes the token to the log or the audit log", async () => {
    const token = await makeToken();
    await post(token, { kpi: "Tickets", value: 41 });
    await post(`${token.slice(0, -1)}A`, { kpi: "Tickets", value: 41 });
    const audit = JSON.stringify(await app.cadence.db.auditLog.findMany());
    expect(audit).toContain("seat.token.add");
    // The secret is base64url, which may itself hold "_": take everything after `cad_<seat id>_`.
    const secret = token.replace(/^cad_\d+_/, "");
    expect(secret).toHaveLength(43);
    expect(audit).not.toContain(secret);
    expect(logLines.join("\n")).not.toContain(secret);
    expect(JSON.stringify(await app.cadence.db.seatToken.findMany())).not.toContain(secret);
  });
});

describe("/cadence seat token", () => {
  it("is for an admin or the seat's owner, and AI seats only", async () => {
    expect(await app.command("/cadence", 'seat token "Triage agent"', "UOTHER")).toContain("only <@UOWN> (owner of");
    await app.command("/cadence", 'seat add "Finance" <@UOWN> human');
    expect(await app.command("/cadence", 'seat token "Finance"', "UOWN")).toContain("only AI seats get API tokens");
    expect(await app.command("/cadence", 'seat token "Triage agent" revoke', "UOWN")).toContain("has no token to revoke");
    expect(await app.cadence.db.seatToken.count()).toBe(0);
  });
});

describe("GET /api/v1/seat and /api/v1/openapi.json", () => {
  it("describes the token's seat with its KPIs and last 13 weeks", async () => {
    const token = await makeToken();
    await post(token, { kpi: "Tickets", value: 30 });
    const answer = await call("/api/v1/seat", { token });
    expect(answer.status).toBe(200);
    expect(answer.json.seat).toEqual({ name: "Triage agent", kind: "agent", ownerId: "UOWN", accountability: null, stage: "pilot" });
    expect(answer.json.kpis.map((kpi: any) => [kpi.name, kpi.unit, kpi.goal, kpi.weeks.length])).toEqual([
      ["Tickets", "number", "≥ 40", 13],
      ["Resolution", "percent", "≥ 85%", 13],
    ]);
    expect(answer.json.kpis[0].weeks.at(-1)).toEqual({ week: "2026-W47", value: "30", onTrack: false, source: "agent", confirmed: false });
    expect((await call("/api/v1/seat")).status).toBe(401);
  });

  it("serves an OpenAPI 3.1 document whose request schema is the one the API validates with", async () => {
    const answer = await call("/api/v1/openapi.json");
    expect(answer.status).toBe(200);
    expect(answer.json.openapi).toBe("3.1.0");
    expect(Object.keys(answer.json.paths)).toEqual(["/api/v1/entries", "/api/v1/seat", "/api/v1/openapi.json"]);
    const entryInput = answer.json.components.schemas.EntryInput;
    expect(entryInput.required).toEqual(["kpi", "value"]);
    expect(entryInput.additionalProperties).toBe(false);
    expect(answer.json.paths["/api/v1/entries"].post.requestBody.content["application/json"].schema).toEqual({ $ref: "#/components/schemas/EntriesRequest" });
    expect(Object.keys(answer.json.paths["/api/v1/entries"].post.responses).sort()).toEqual([
      "200",
      "201",
      "401",
      "403",
      "404",
      "408",
      "409",
      "413",
      "415",
      "422",
      "429",
    ]);
  });
});

describe("provenance: the owner confirms or corrects the agent's numbers", () => {
  const dmText = () => JSON.stringify(app.slack.dmsTo("UOWN")[0]);

  it("shows the agent's values in the check-in DM with Confirm all; confirming removes the marks", async () => {
    await app.command("/cadence", "run checkins");
    await app.slack.waitFor(() => app.slack.dmsTo("UOWN")[0]);
    const token = await makeToken();
    // A table shown before: the off-loop thread keeps it until values it shows change.
    const table = async () => JSON.stringify((await app.commandAll("/scorecard", "", "UOWN"))[0].blocks);
    expect(await table()).not.toContain("🤖41");
    expect(
      (
        await post(token, {
          entries: [
            { kpi: "Tickets", value: 41 },
            { kpi: "Resolution", value: 90 },
          ],
        })
      ).status,
    ).toBe(201);
    await app.slack.waitFor(() => dmText().includes("the agent reported all 2 numbers"));
    expect(dmText()).toContain("🤖 *41*, reported by the agent");
    expect(dmText()).toContain("Confirm all");
    // An agent's values show in /scorecard within a second (src/off-loop/scorecard-tables.ts).
    await expect.poll(table, { timeout: 5_000, interval: 200 }).toContain("🤖41✓");

    await clickButton(app, { userId: "UOWN", actionId: ACTIONS.confirmAgentValues, value: JSON.stringify({ week: "2026-W47", ownerId: "UOWN" }) });
    await app.slack.waitFor(() => !dmText().includes("🤖"));
    const confirmed = await table();
    expect(confirmed).toContain("41✓");
    expect(confirmed).not.toContain("🤖41");
    expect(dmText()).toContain("all 2 numbers received");
    expect((await app.cadence.db.entry.findMany()).map((row) => [row.source, row.confirmedBy])).toEqual([
      ["agent", "UOWN"],
      ["agent", "UOWN"],
    ]);
    expect(await app.cadence.db.auditLog.count({ where: { action: "entry.confirm" } })).toBe(2);
  });

  it("asks only for what the agent did not report: an unnamed reply line goes to the KPI still open", async () => {
    await app.command("/cadence", "run checkins");
    await app.slack.waitFor(() => app.slack.dmsTo("UOWN")[0]);
    const token = await makeToken();
    await post(token, { kpi: "Tickets", value: 41 });
    await app.slack.waitFor(() => dmText().includes("the agent reported 1; the other 1, please"));
    await sendDm(app, { userId: "UOWN", text: "92" });
    await eventually(async () => (await app.cadence.db.entry.count()) === 2);
    expect((await entryRows()).map((row) => [row.value, row.source])).toEqual([
      [41, "agent"],
      [92, "dm"],
    ]);
  });

  it("a correction replaces the agent's value; both stay in the audit log and the seat answer shows it", async () => {
    const token = await makeToken();
    await post(token, { kpi: "Tickets", value: 41 });
    expect(await app.command("/scorecard", 'set "Tickets" 38', "UOWN")).not.toContain(":warning:");
    const [row] = await app.cadence.db.entry.findMany();
    expect([row.value, row.source, row.agentValue]).toEqual([38, "command", 41]);
    const audit = await app.cadence.db.auditLog.findMany({ where: { entity: "entry" }, orderBy: { id: "asc" } });
    expect(audit.map((line) => [line.action, JSON.parse(line.after!).value])).toEqual([
      ["entry.add", 41],
      ["entry.replace", 38],
    ]);
    expect(JSON.parse(audit[1].before!)).toMatchObject({ value: 41, source: "agent" });
    const seatAnswer = await call("/api/v1/seat", { token });
    expect(seatAnswer.json.kpis[0].weeks.at(-1)).toMatchObject({ value: "38", source: "command", confirmed: null });
  });
});

describe("examples/agent-push.mjs", () => {
  it("pushes a week of numbers as written", async () => {
    await app.command("/cadence", 'seat add "Support agent" <@UOWN> agent');
    await app.command("/cadence", 'kpi add "Support agent" "Tickets resolved" >= 40');
    await app.command("/cadence", 'kpi add "Support agent" "Resolution rate" >= 85 percent');
    await app.command("/cadence", 'kpi add "Support agent" "First response" <= 1h duration');
    const token = await makeToken("Support agent");
    const { stdout } = await promisify(execFile)(process.execPath, [join(PROJECT_ROOT, "examples/agent-push.mjs")], {
      env: { ...process.env, CADENCE_URL: app.cadence.apiUrl, CADENCE_TOKEN: token },
    });
    expect(stdout.trim().split("\n")).toEqual([
      "2026-W47 Tickets resolved: 41 (on track)",
      "2026-W47 Resolution rate: 97% (on track)",
      "2026-W47 First response: 1h 30m (off track)",
    ]);
    expect((await entryRows()).map((row) => [row.value, row.source])).toEqual([
      [41, "agent"],
      [97, "agent"],
      [90, "agent"],
    ]);
  });
});

#!/usr/bin/env node
// An AI seat's agent pushing last week's numbers to Cadence (Node 20+, no dependencies).
//
//   CADENCE_URL=http://localhost:3000 CADENCE_TOKEN=cad_… node examples/agent-push.mjs
//
// Make the token with `/cadence seat token "<seat>"` in Slack. The KPI names must be the seat's own
// (`GET /api/v1/seat` lists them); edit `numbers` below to match. Without `week`, Cadence files the values under
// the last completed week in the team's time zone. The Idempotency-Key makes a retry safe: the same key and body
// get the first answer again (200) instead of recording twice.
import { randomUUID } from "node:crypto";

const base = process.env.CADENCE_URL ?? "http://localhost:3000";
const token = process.env.CADENCE_TOKEN;
if (!token) {
  console.error('Set CADENCE_TOKEN to the seat token from `/cadence seat token "<seat>"`.');
  process.exit(1);
}
const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };

// The seat's KPIs, to push a value for each (here: made-up numbers, replace with your agent's own).
const seat = await fetch(`${base}/api/v1/seat`, { headers }).then(answer);
const numbers = { "Tickets resolved": 41, "Resolution rate": "97%", "First response": "1h 30m" };
const entries = seat.kpis
  .filter((kpi) => kpi.name in numbers)
  .map((kpi) => ({ kpi: kpi.name, value: numbers[kpi.name], note: "pushed by examples/agent-push.mjs" }));
if (entries.length === 0) {
  console.error(`None of ${Object.keys(numbers).join(", ")} is a KPI of "${seat.seat.name}"; its KPIs: ${seat.kpis.map((kpi) => kpi.name).join(", ")}.`);
  process.exit(1);
}

const idempotencyKey = process.env.IDEMPOTENCY_KEY ?? randomUUID();
const result = await fetch(`${base}/api/v1/entries`, {
  method: "POST",
  headers: { ...headers, "idempotency-key": idempotencyKey },
  body: JSON.stringify({ entries }),
}).then(answer);
for (const entry of result.entries) console.log(`${entry.week} ${entry.kpi}: ${entry.value} (${entry.onTrack ? "on track" : "off track"})`);

async function answer(response) {
  const body = await response.json();
  if (!response.ok) {
    console.error(`${response.status} ${body.error}: ${body.message}`);
    if (response.status === 429) console.error(`retry after ${response.headers.get("retry-after")} s`);
    process.exit(1);
  }
  return body;
}

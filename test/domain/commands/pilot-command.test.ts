import { describe, expect, it } from "vitest";
import { parseCadenceCommand } from "../../../src/domain/commands/cadence-command";

describe("parseCadenceCommand: AI seats from pilot to production", () => {
  const accepted: [string, unknown][] = [
    ['seat stage "Bot" shadow', { type: "seat.stage", seat: "Bot", stage: "shadow", reason: null }],
    ['seat stage Bot PAUSED "kill #3"', { type: "seat.stage", seat: "Bot", stage: "paused", reason: "kill #3" }],
    ['seat history "Support bot"', { type: "seat.history", seat: "Support bot" }],
    ['seat gate "Bot"', { type: "seat.gate", seat: "Bot", gate: null }],
    ['seat gate "Bot" 6 90%', { type: "seat.gate", seat: "Bot", gate: { weeks: 6, percent: 90 } }],
    ['seat gate "Bot" 26 100%', { type: "seat.gate", seat: "Bot", gate: { weeks: 26, percent: 100 } }],
    ['seat webhook "Bot" <https://agent.example.com/stop>', { type: "seat.webhook", seat: "Bot", url: "https://agent.example.com/stop" }],
    ['seat webhook "Bot" http://127.0.0.1:8080/stop', { type: "seat.webhook", seat: "Bot", url: "http://127.0.0.1:8080/stop" }],
    ['kpi kill "Resolution rate" &lt; 60%', { type: "kpi.kill", kpi: "Resolution rate", op: "<", valueText: "60%" }],
    ['kpi kill "Escalations" &gt;= 10', { type: "kpi.kill", kpi: "Escalations", op: ">=", valueText: "10" }],
    ['review "Bot" security approved "pen test passed"', { type: "review", seat: "Bot", kind: "security", state: "approved", note: "pen test passed" }],
    ["review Bot privacy rejected", { type: "review", seat: "Bot", kind: "privacy", state: "rejected", note: null }],
  ];
  it.each(accepted)("%s", (text, command) => {
    expect(parseCadenceCommand(text)).toEqual({ ok: true, command });
  });

  const refused: [string, RegExp][] = [
    ['seat stage "Bot" launched', /^unknown stage `launched`/],
    ['seat stage "Bot"', /the stage is missing/],
    ['seat gate "Bot" 0 80%', /weeks must be a whole number from 1 to 26/],
    ['seat gate "Bot" 27 80%', /weeks must be a whole number from 1 to 26/],
    ['seat gate "Bot" 4 0%', /percent must be a whole number from 1 to 100/],
    ['seat gate "Bot" 4 101%', /percent must be a whole number from 1 to 100/],
    ['seat gate "Bot" 4.5 80%', /weeks must be a whole number/],
    ['seat webhook "Bot" http://agent.example.com/stop', /must start with https:\/\/ \(http:\/\/ only for localhost and 127\.0\.0\.1\)/],
    ['seat webhook "Bot" ftp://x', /must start with https/],
    ['seat webhook "Bot"', /the webhook URL is missing/],
    ['kpi kill "Rate" = 5', /needs one of < <= > >=/],
    ['kpi kill "Rate" <', /value is missing/],
    ['review "Bot" legal approved', /^unknown review `legal`/],
    ['review "Bot" security maybe', /pending, approved or rejected/],
  ];
  it.each(refused)("refuses %s", (text, error) => {
    const parsed = parseCadenceCommand(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(error);
  });
});

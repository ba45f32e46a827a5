import { describe, expect, it } from "vitest";
import { parseScorecardCommand, SCORECARD_USAGE, type ScorecardCommand } from "../../../src/domain/commands/scorecard-command";

describe("parseScorecardCommand: accepted", () => {
  const scenarios: Array<[string, ScorecardCommand]> = [
    ["", { type: "scorecard" }],
    ["   ", { type: "scorecard" }],

    ['"First response"', { type: "history", kpi: "First response" }],
    ["“First response”", { type: "history", kpi: "First response" }],
    ["Revenue", { type: "history", kpi: "Revenue" }],
    ['"R&amp;D spend"', { type: "history", kpi: "R&D spend" }],
    ["R&amp;D", { type: "history", kpi: "R&D" }],
    // A KPI may be called "set": quoted, it is a name, not the verb.
    ['"set"', { type: "history", kpi: "set" }],

    ['set "First response" 1h 30m', { type: "set", kpi: "First response", value: "1h 30m", week: undefined }],
    ["set Revenue 1200", { type: "set", kpi: "Revenue", value: "1200", week: undefined }],
    ['SET "Revenue" $1,200.50', { type: "set", kpi: "Revenue", value: "$1,200.50", week: undefined }],
    ['set "Uptime" 99.9%', { type: "set", kpi: "Uptime", value: "99.9%", week: undefined }],
    ['set "Shipped" yes', { type: "set", kpi: "Shipped", value: "yes", week: undefined }],
    ['set "Revenue" 1200 2026-W47', { type: "set", kpi: "Revenue", value: "1200", week: "2026-W47" }],
    ['set "Revenue" 1200 2026-w47', { type: "set", kpi: "Revenue", value: "1200", week: "2026-w47" }],
    ['set "First response" 1h 30m 2026-W01', { type: "set", kpi: "First response", value: "1h 30m", week: "2026-W01" }],
    ['set "Delta" &lt;5', { type: "set", kpi: "Delta", value: "<5", week: undefined }],
    ['set "R&amp;D" 3', { type: "set", kpi: "R&D", value: "3", week: undefined }],
    // A lone week is the value (it fails later as a number), not a week with no value.
    ['set "Revenue" 2026-W47', { type: "set", kpi: "Revenue", value: "2026-W47", week: undefined }],
    // Only the last word is taken as the week.
    ['set "Revenue" 2026-W46 2026-W47', { type: "set", kpi: "Revenue", value: "2026-W46", week: "2026-W47" }],
  ];

  it.each(scenarios)("%j", (text, command) => {
    expect(parseScorecardCommand(text)).toEqual({ ok: true, command });
  });
});

describe("parseScorecardCommand: refused", () => {
  const scenarios: Array<[string, string]> = [
    ["set", `the KPI is missing: expected ${SCORECARD_USAGE}`],
    ["SET   ", `the KPI is missing: expected ${SCORECARD_USAGE}`],
    ["set <@U123> 5", `the KPI is missing: expected ${SCORECARD_USAGE}`],
    ["set <#C1|general> 5", `the KPI is missing: expected ${SCORECARD_USAGE}`],
    ['set "Revenue"', 'the value is missing: expected `/scorecard set "Revenue" <value> [2026-W47]`'],
    ["set Revenue", 'the value is missing: expected `/scorecard set "Revenue" <value> [2026-W47]`'],
    ["First response", `expected ${SCORECARD_USAGE}; quote KPI names with spaces`],
    ['"Revenue" 1200', `expected ${SCORECARD_USAGE}; quote KPI names with spaces`],
    ["<@U123>", `expected ${SCORECARD_USAGE}; quote KPI names with spaces`],
    ['"First response', `missing closing quote after "First response; expected ${SCORECARD_USAGE}`],
    ['set "First response 5', `missing closing quote after "First response 5; expected ${SCORECARD_USAGE}`],
  ];

  it.each(scenarios)("%j", (text, error) => {
    expect(parseScorecardCommand(text)).toEqual({ ok: false, error });
  });
});

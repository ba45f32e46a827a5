import { describe, expect, it } from "vitest";
import { checkStageChange, mayChangeStage, type StageChangeFacts } from "../../src/domain/stage";

const facts = (overrides: Partial<StageChangeFacts>): StageChangeFacts => ({
  from: "pilot",
  to: "shadow",
  reason: null,
  kpisWithGoal: 1,
  killThresholds: 1,
  gatePasses: false,
  gateBlockers: ["security review pending"],
  ...overrides,
});

describe("checkStageChange", () => {
  const scenarios: { name: string; facts: Partial<StageChangeFacts>; error?: RegExp }[] = [
    { name: "pilot to shadow with a KPI and a kill threshold", facts: {} },
    { name: "shadow without any KPI", facts: { kpisWithGoal: 0 }, error: /needs a KPI with a goal first$/ },
    { name: "shadow without a kill threshold", facts: { killThresholds: 0 }, error: /needs a kill threshold/ },
    { name: "production when the gate fails", facts: { from: "shadow", to: "production" }, error: /does not pass \(security review pending\)/ },
    { name: "production when the gate passes", facts: { from: "shadow", to: "production", gatePasses: true } },
    { name: "production by override", facts: { from: "shadow", to: "production", reason: "Override: CEO call" } },
    {
      name: "an override still needs a kill threshold",
      facts: { from: "shadow", to: "production", reason: "override: x", killThresholds: 0 },
      error: /needs a kill threshold/,
    },
    { name: "paused from any stage, with nothing set up", facts: { from: "production", to: "paused", kpisWithGoal: 0, killThresholds: 0 } },
    { name: "back from paused to pilot", facts: { from: "paused", to: "pilot" } },
    { name: "the same stage again", facts: { from: "pilot", to: "pilot" }, error: /already in pilot/ },
    { name: "out of retired", facts: { from: "retired", to: "pilot" }, error: /retired seat does not come back/ },
  ];
  it.each(scenarios)("$name", ({ facts: overrides, error }) => {
    const verdict = checkStageChange(facts(overrides));
    if (error) expect(verdict).toEqual({ ok: false, error: expect.stringMatching(error) });
    else expect(verdict).toEqual({ ok: true });
  });
});

describe("mayChangeStage", () => {
  it.each([
    [{ userId: "UADMIN", isAdmin: true }, "production", true],
    [{ userId: "UOWNER", isAdmin: false }, "paused", true],
    [{ userId: "UOWNER", isAdmin: false }, "pilot", false],
    [{ userId: "UOTHER", isAdmin: false }, "paused", false],
  ] as const)("%o to %s: %s", (actor, to, allowed) => {
    expect(mayChangeStage(actor, "UOWNER", to)).toBe(allowed);
  });
});

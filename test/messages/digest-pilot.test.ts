// The digest's AI-seat line with its stage, weeks in stage and gate progress.
import { describe, expect, it } from "vitest";
import { composeDigest } from "../../src/domain/digest";
import type { SeatWithKpis } from "../../src/domain/model";
import { trailingWeeks } from "../../src/domain/week";
import { buildDigestMessages } from "../../src/messages/digest-blocks";

const weeks = trailingWeeks("2026-W47", 13);
const agent: SeatWithKpis = {
  id: 1,
  name: "Triage bot",
  kind: "agent",
  accountability: null,
  ownerId: "UOWNER",
  archivedAt: null,
  stage: "shadow",
  kpis: [{ id: 10, seatId: 1, name: "Resolution rate", unit: "percent", goal: { op: ">=", a: 85 }, archivedAt: null, createdAt: new Date("2026-01-01") }],
};
const base = {
  week: "2026-W47",
  now: new Date("2026-11-24T13:00:00Z"),
  weeks,
  openIssues: [],
  closedIssues: [],
  since: new Date("2026-11-17T13:00:00Z"),
  lastRating: null,
  seats: [agent],
  values: new Map(),
};

function aiSeatText(pilot: Parameters<typeof withPilot>[0]): string {
  return JSON.stringify(buildDigestMessages(withPilot(pilot)));
}
function withPilot(pilot: { stage: "shadow" | "production" | "paused"; weeksInStage: number; gateProgress: string; override: string | null }) {
  const model = composeDigest(base);
  model.aiSeats[0].pilot = pilot;
  return model;
}

describe("the digest's AI seats", () => {
  it("shows the stage, weeks in stage and gate progress", () => {
    expect(aiSeatText({ stage: "shadow", weeksInStage: 3, gateProgress: "3 of 4 weeks on track · security review pending", override: null })).toContain(
      "*Triage bot* · :busts_in_silhouette: shadow (3 weeks in stage) · gate: 3 of 4 weeks on track · security review pending · owner <@UOWNER>",
    );
  });

  it("shows a promotion by override, and a paused seat without a gate", () => {
    expect(aiSeatText({ stage: "production", weeksInStage: 1, gateProgress: "2 of 4 weeks on track", override: "override: board decision" })).toContain(
      ":rocket: production (1 week in stage) · 2 of 4 weeks on track · promoted by override: board decision",
    );
    expect(aiSeatText({ stage: "paused", weeksInStage: 0, gateProgress: "", override: null })).toContain(
      ":double_vertical_bar: paused (0 weeks in stage) · owner",
    );
  });
});

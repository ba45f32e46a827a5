// The agent's values wherever values are shown: marked until the owner confirms or corrects them.
import { describe, expect, it } from "vitest";
import { composeDigest } from "../../src/domain/digest";
import type { Entry } from "../../src/domain/model";
import { describeAgentWeek, provenanceOf, type Provenance } from "../../src/domain/provenance";
import { trailingWeeks } from "../../src/domain/week";
import { buildCheckinMessage, type CheckinModel } from "../../src/messages/checkin-blocks";
import { buildDigestMessages } from "../../src/messages/digest-blocks";
import { buildKpiHistoryReply, buildScorecardReply } from "../../src/messages/scorecard-blocks";
import { ACTIONS } from "../../src/messages/ids";
import { entry, kpi, seat, sectionTexts } from "./models";

const WEEK = "2026-W47";
const agentSeat = seat({
  id: 1,
  name: "Triage agent",
  kind: "agent",
  ownerId: "U_OWNER",
  kpis: [
    kpi({ id: 11, seatId: 1, name: "Tickets", goal: { op: ">=", a: 40 } }),
    kpi({ id: 12, seatId: 1, name: "CSAT", unit: "percent", goal: { op: ">=", a: 90 } }),
  ],
});
const fromAgent = (kpiId: number, value: number, confirmed = false): Entry => ({
  ...entry(kpiId, WEEK, value),
  source: "agent",
  confirmedAt: confirmed ? new Date() : null,
});
const model = (entries: Entry[]): CheckinModel => ({
  ownerId: "U_OWNER",
  week: WEEK,
  seats: [agentSeat],
  current: new Map(entries.map((item) => [item.kpiId, item])),
  previous: new Map(),
});
const buttons = (blocks: any[]) =>
  blocks.filter((block) => block.type === "actions").flatMap((block) => block.elements.map((element: any) => `${element.action_id}:${element.text.text}`));

describe("provenance", () => {
  it.each([
    [{ source: "form", confirmedAt: null, agentValue: null }, "owner"],
    [{ source: "agent", confirmedAt: null, agentValue: null }, "agent"],
    [{ source: "agent", confirmedAt: new Date(), agentValue: null }, "confirmed"],
    [{ source: "dm", confirmedAt: null, agentValue: 41 }, "corrected"],
  ] as const)("%o is %s", (input, expected) => {
    expect(provenanceOf(input)).toBe(expected);
  });

  it("sums up an AI seat's week for the digest", () => {
    expect(describeAgentWeek([undefined, undefined])).toBe("the agent reported nothing this week");
    expect(describeAgentWeek(["agent"])).toBe("1 number from the agent: 1 not yet confirmed");
    expect(describeAgentWeek(["confirmed", "corrected", "agent", undefined])).toBe("3 numbers from the agent: 1 confirmed, 1 corrected, 1 not yet confirmed");
  });
});

describe("the check-in DM", () => {
  it("when the agent reported everything, says so and offers Confirm all", () => {
    const message = buildCheckinMessage(model([fromAgent(11, 41), fromAgent(12, 95)]));
    const texts = sectionTexts(message.blocks);
    expect(texts[0]).toBe(":robot_face: Hi <@U_OWNER>, the agent reported all 2 numbers for 2026-W47. Confirm them all, or correct any with the button.");
    expect(texts[1]).toContain("Tickets: 🤖 *41*, reported by the agent (on track, goal ≥ 40)");
    expect(buttons(message.blocks)).toEqual([`${ACTIONS.confirmAgentValues}:Confirm all`, `${ACTIONS.openCheckinForm}:Correct numbers`]);
  });

  it("asks only for what the agent did not report, with Confirm for what it did", () => {
    const message = buildCheckinMessage(model([fromAgent(11, 41)]));
    const texts = sectionTexts(message.blocks);
    expect(texts[0]).toMatch(/^Hi <@U_OWNER>, the agent reported 1; the other 1, please \(1\/2 in\)/);
    expect(texts[1]).toContain(":white_circle: CSAT — goal ≥ 90%");
    expect(buttons(message.blocks)).toEqual([`${ACTIONS.confirmAgentValues}:Confirm`, `${ACTIONS.openCheckinForm}:Enter numbers`]);
  });

  it("drops the marks and the Confirm button once confirmed or corrected", () => {
    const corrected: Entry = { ...entry(12, WEEK, 93), source: "dm", agentValue: 95 };
    const message = buildCheckinMessage(model([fromAgent(11, 41, true), corrected]));
    expect(sectionTexts(message.blocks).join("\n")).not.toContain("🤖");
    expect(sectionTexts(message.blocks)[0]).toContain("all 2 numbers received");
    expect(buttons(message.blocks)).toEqual([`${ACTIONS.openCheckinForm}:Edit numbers`]);
  });
});

describe("/scorecard and the digest", () => {
  const weeks = trailingWeeks(WEEK, 13);
  const values = new Map([
    [11, new Map([[WEEK, 41]])],
    [12, new Map([[WEEK, 95]])],
  ]);
  const provenance = new Map<number, Map<string, Provenance>>([
    [11, new Map([[WEEK, "agent"]])],
    [12, new Map([[WEEK, "confirmed"]])],
  ]);

  it("marks the agent's unconfirmed values in the table and the history", () => {
    const reply = buildScorecardReply({ weeks, seats: [agentSeat], values, provenance });
    const text = sectionTexts(reply.blocks ?? []).join("\n") + JSON.stringify(reply.blocks);
    expect(text).toContain("🤖41✓");
    expect(text).toContain("95%✓");
    expect(text).not.toContain("🤖95%");
    expect(text).toContain("🤖 reported by the agent, not yet confirmed by the owner");
    const history = sectionTexts(buildKpiHistoryReply(agentSeat.kpis[0], agentSeat, { weeks, seats: [agentSeat], values, provenance }).blocks ?? []).join("\n");
    expect(history).toContain(`${WEEK}  🤖 41, reported by the agent`);
  });

  it("says per AI seat where its numbers came from, or that the agent reported nothing", () => {
    const base = {
      week: WEEK,
      now: new Date("2026-11-24T13:00:00Z"),
      weeks,
      seats: [agentSeat],
      values,
      openIssues: [],
      closedIssues: [],
      since: new Date("2026-11-17T13:00:00Z"),
      lastRating: null,
    };
    const withAgent = JSON.stringify(buildDigestMessages(composeDigest({ ...base, provenance })));
    expect(withAgent).toContain("*Tickets* 🤖 41, reported by the agent (goal ≥ 40)");
    expect(withAgent).toContain("2 numbers from the agent: 1 confirmed, 1 not yet confirmed");
    const byOwner = JSON.stringify(buildDigestMessages(composeDigest(base)));
    expect(byOwner).toContain("the agent reported nothing this week");
  });
});

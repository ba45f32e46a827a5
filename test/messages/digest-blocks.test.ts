// The digest builder: content for a seeded week (snapshot), and Slack's limits for a large team.
import { describe, expect, it } from "vitest";
import { composeDigest } from "../../src/domain/digest";
import type { Kpi, SeatWithKpis } from "../../src/domain/model";
import { trailingWeeks } from "../../src/domain/week";
import { buildDigestMessages } from "../../src/messages/digest-blocks";

const weeks = trailingWeeks("2026-W47", 13);

function team(seatCount: number, kpisPerSeat: number): { seats: SeatWithKpis[]; values: Map<number, Map<string, number>> } {
  const seats: SeatWithKpis[] = [];
  const values = new Map<number, Map<string, number>>();
  for (let s = 0; s < seatCount; s += 1) {
    const kpis: Kpi[] = [];
    for (let k = 0; k < kpisPerSeat; k += 1) {
      const id = s * 100 + k;
      kpis.push({ id, seatId: s, name: `Metric ${s}.${k}`, unit: "percent", goal: { op: ">=", a: 90 }, archivedAt: null, createdAt: new Date("2026-01-01") });
      values.set(id, new Map(weeks.map((week, index) => [week, 80 + ((s + k + index) % 15)])));
    }
    seats.push({ id: s, name: `Seat ${s}`, kind: s % 2 ? "agent" : "human", accountability: null, ownerId: `U${s}`, archivedAt: null, kpis });
  }
  return { seats, values };
}

const base = {
  week: "2026-W47",
  now: new Date("2026-11-24T13:00:00Z"),
  weeks,
  openIssues: [],
  closedIssues: [],
  since: new Date("2026-11-17T13:00:00Z"),
  lastRating: null,
};

describe("buildDigestMessages", () => {
  it("lays out a small week in one message", () => {
    const { seats, values } = team(2, 1);
    const messages = buildDigestMessages(composeDigest({ ...base, seats, values, lastRating: { average: 8, count: 3 } }));
    expect(messages.main.text).toMatchInlineSnapshot(`"Weekly digest for 2026-W47: 2 on track, 0 off track, 0 missing, 0 open issues"`);
    expect(messages.main.blocks.map((block: any) => block.text?.text ?? block.elements?.[0]?.text ?? block.type)).toMatchInlineSnapshot(`
      [
        "Weekly digest · 2026-W47 (Nov 16 – Nov 22)",
        ":large_green_circle: *2* on track · :red_circle: *0* off track · :white_circle: *0* missing · *0* issues opened · *0* resolved or dropped since the last digest",
        "Last week's meeting: rated *8.0*/10 by 3 people",
        "divider",
        "*Scorecard*",
        "*Seat 0* · <@U0>
      :large_green_circle: *Metric 0.0* 92% (goal ≥ 90%) \`▁▂▂▃▃▄▅▅▆▆▇▇█\`
      :robot_face: *Seat 1* · <@U1>
      :large_green_circle: *Metric 1.0* 93% (goal ≥ 90%) \`▁▂▂▃▃▄▅▅▆▆▇▇█\`",
        "divider",
        "*Open issues* (0 new, 0 older)",
        ":tada: None.",
        "divider",
        "*Resolved or dropped since the last digest*",
        "Nothing closed.",
        "divider",
        "*Did not check in*",
        "Everyone checked in. :raised_hands:",
        "divider",
        "*AI seats*",
        ":robot_face: *Seat 1* · owner <@U1> · on track 100% (4 wk), 31% (13 wk) · 4 weeks in a row on track · no open issues · the agent reported nothing this week",
        "divider",
        "*Rate this week's meeting* (1 = waste of time, 10 = couldn't run without it)",
        {
          "text": "1",
          "type": "plain_text",
        },
      ]
    `);
    expect(messages.thread).toHaveLength(1);
  });

  it("keeps 100 seats and 300 KPIs within 50 blocks and 3,000 characters, every KPI in it or its thread", () => {
    const { seats, values } = team(100, 3);
    const openIssues = Array.from({ length: 40 }, (_, index) => ({
      id: index + 1,
      title: `Issue ${index + 1}`,
      source: "manual" as const,
      state: "open" as const,
      kpiId: null,
      week: null,
      ownerId: "U1",
      openedBy: "U1",
      assigneeId: null,
      closedBy: null,
      closedAt: null,
      resolutionNote: null,
      createdAt: new Date("2026-11-20"),
      channelId: null,
      messageTs: null,
      weeks: [],
    }));
    const messages = buildDigestMessages(composeDigest({ ...base, seats, values, openIssues }));
    const all = [messages.main, ...messages.thread];
    for (const message of all) {
      expect(message.blocks.length).toBeLessThanOrEqual(50);
      for (const block of message.blocks as any[]) if (block.text) expect(block.text.text.length).toBeLessThanOrEqual(3000);
    }
    const rendered = JSON.stringify(all);
    for (const seat of seats) for (const kpi of seat.kpis) expect(rendered).toContain(kpi.name);
    for (const issue of openIssues) expect(rendered).toContain(`*#${issue.id}* Issue ${issue.id}`);
  });
});

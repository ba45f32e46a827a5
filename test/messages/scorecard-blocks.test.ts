import { describe, expect, it } from "vitest";
import type { IsoWeek } from "../../src/domain/week";
import type { ScorecardData } from "../../src/domain/scorecard";
import { MAX_BLOCKS_PER_MESSAGE, MAX_SECTION_TEXT } from "../../src/messages/limits";
import { splitReply } from "../../src/messages/reply";
import {
  buildKpiHistoryReply,
  buildScorecardReply,
  scorecardReplySteps,
  scorecardTableLines,
  SCORECARD_WEEKS_SHOWN,
} from "../../src/messages/scorecard-blocks";
import { kpi, manyKpis, seat, sectionTexts } from "./models";

const WEEKS: IsoWeek[] = ["2026-W40", "2026-W41", "2026-W42", "2026-W43", "2026-W44", "2026-W45", "2026-W46"];

const firstResponse = kpi({ id: 11, seatId: 1, name: "First response", unit: "duration", goal: { op: "<=", a: 30 } });
const csat = kpi({ id: 12, seatId: 1, name: "CSAT", unit: "percent", goal: { op: ">=", a: 95 } });
const revenue = kpi({ id: 21, seatId: 2, name: "Revenue", unit: "currency", goal: { op: ">=", a: 10_000 } });
const triage = seat({ id: 1, name: "Support triage agent", kind: "agent", ownerId: "U_AGENT_OWNER", kpis: [firstResponse, csat] });
const sales = seat({ id: 2, name: "Sales", ownerId: "U_SALES", kpis: [revenue] });
const empty = seat({ id: 3, name: "No KPIs here", kpis: [] });

const series = (values: Array<number | null>): Map<IsoWeek, number> =>
  new Map(values.flatMap((value, index): Array<[IsoWeek, number]> => (value === null ? [] : [[WEEKS[index], value]])));

const data: ScorecardData = {
  weeks: WEEKS,
  seats: [triage, sales, empty],
  values: new Map([
    [11, series([20, 25, 28, 35, 40, null, 45])],
    [12, series([96, 97, 95, 94, 99, 98, 97])],
    [21, series([12_000, null, 9_000, 11_000, 10_500, 9_500, null])],
  ]),
};

describe("buildScorecardReply", () => {
  it("a summary and a table of the last weeks with a trend", () => {
    expect(buildScorecardReply(data)).toMatchInlineSnapshot(`
      {
        "blocks": [
          {
            "text": {
              "emoji": true,
              "text": "Scorecard · 2026-W46 (Nov 9 – Nov 15)",
              "type": "plain_text",
            },
            "type": "header",
          },
          {
            "text": {
              "text": ":large_green_circle: 1 on track · :red_circle: 1 off track · :white_circle: 1 missing",
              "type": "mrkdwn",
            },
            "type": "section",
          },
          {
            "text": {
              "text": "\`\`\`KPI               Goal             W42      W43      W44      W45      W46      Trend
      [AI] Support triage agent
        First response  ≤ 30m            28m✓     35m✗     40m✗     –        45m✗     ▁▂▃▅▇·█
        CSAT            ≥ 95%            95%✓     94%✗     99%✓     98%✓     97%✓     ▄▅▂▁█▇▅
      Sales
        Revenue         ≥ $10,000        $9,000✗  $11,000✓ $10,500✓ $9,500✗  –        █·▁▆▅▂·\`\`\`",
              "type": "mrkdwn",
            },
            "type": "section",
          },
          {
            "elements": [
              {
                "text": "✓ on track · ✗ off track · – no value · trend over 7 weeks · [AI] seat held by an AI agent",
                "type": "mrkdwn",
              },
            ],
            "type": "context",
          },
        ],
        "text": "Scorecard for 2026-W46: 1 on track, 1 off track, 1 missing",
      }
    `);
  });

  it("counts on, off and missing for the last week", () => {
    expect(buildScorecardReply(data).text).toBe("Scorecard for 2026-W46: 1 on track, 1 off track, 1 missing");
  });

  it("shows the last weeks only, with the trend over all of them", () => {
    const [heading, , firstRow] = scorecardTableLines(data, [triage]);
    expect(heading).toMatch(/W42 +W43 +W44 +W45 +W46 +Trend$/);
    expect(heading).not.toContain("W41");
    expect(firstRow).toMatch(/▁▂▃▅▇·█$/);
    expect(SCORECARD_WEEKS_SHOWN).toBe(5);
  });

  it("says so when there are no KPIs", () => {
    expect(buildScorecardReply({ weeks: WEEKS, seats: [empty], values: new Map() })).toEqual({
      text: "No KPIs yet.",
      blocks: [{ type: "section", text: { type: "mrkdwn", text: "No KPIs yet: an admin adds them with `/cadence kpi add`." } }],
    });
  });

  it("splits 300 KPIs into sections and pages within Slack's limits, cutting no row", () => {
    const seats = Array.from({ length: 30 }, (_, index) =>
      seat({ id: index + 1, name: `Seat ${index + 1}`, kpis: manyKpis(300).slice(index * 10, index * 10 + 10) }),
    );
    const values = new Map(seats.flatMap((item) => item.kpis).map((item) => [item.id, series([96, 90, null, 99, 100, 97, 94])]));
    const reply = buildScorecardReply({ weeks: WEEKS, seats, values });
    for (const text of sectionTexts(reply.blocks ?? [])) expect(text.length).toBeLessThanOrEqual(MAX_SECTION_TEXT);
    const pages = splitReply(reply);
    for (const page of pages) expect(page.blocks?.length).toBeLessThanOrEqual(MAX_BLOCKS_PER_MESSAGE);
    const table = sectionTexts(reply.blocks ?? []).join("\n");
    // Long names are clipped to the column, so look for each KPI by its number.
    for (let number = 1; number <= 300; number += 1) expect(table).toContain(`KPI ${String(number).padStart(3, "0")} `);
    for (const item of seats) expect(table).toMatch(new RegExp(`\\n${item.name}(\\n|\`\`\`)`));
  });

  it("repeats the table heading in every section of a split table", () => {
    const seats = [seat({ id: 1, name: "Busy", kpis: manyKpis(300) })];
    const tables = sectionTexts(buildScorecardReply({ weeks: WEEKS, seats, values: new Map() }).blocks ?? []).filter((text) => text.startsWith("```"));
    expect(tables.length).toBeGreaterThan(1);
    for (const text of tables) {
      expect(text).toMatch(/^```KPI +Goal +W42 /);
      expect(text.endsWith("```")).toBe(true);
    }
  });
});

describe("scorecardReplySteps", () => {
  /** The reply, and how many times the builder paused on the way. */
  function stepThrough(scorecard: ScorecardData) {
    const steps = scorecardReplySteps(scorecard);
    for (let pauses = 0; ; pauses += 1) {
      const step = steps.next();
      if (step.done) return { reply: step.value, pauses };
    }
  }

  it("pauses after every hundred KPIs, twice over (cells, then rows), and builds the same reply", () => {
    const seats = [seat({ id: 1, name: "Busy", kpis: manyKpis(250) })];
    const values = new Map(seats[0]!.kpis.map((item) => [item.id, series([96, 90, null, 99, 100, 97, 94])]));
    const scorecard = { weeks: WEEKS, seats, values };

    const { reply, pauses } = stepThrough(scorecard);

    expect(pauses).toBe(5); // 100 and 200 of 250 cells, then 300, 400 and 500 of 500 KPI steps in all
    expect(reply).toEqual(buildScorecardReply(scorecard));
  });

  it("does not pause for a small scorecard", () => {
    expect(stepThrough(data)).toEqual({ reply: buildScorecardReply(data), pauses: 0 });
  });
});

describe("buildKpiHistoryReply", () => {
  it("one KPI week by week, newest first", () => {
    expect(buildKpiHistoryReply(revenue, sales, data)).toMatchInlineSnapshot(`
      {
        "blocks": [
          {
            "text": {
              "emoji": true,
              "text": "Revenue · Sales",
              "type": "plain_text",
            },
            "type": "header",
          },
          {
            "text": {
              "text": "Goal ≥ $10,000 · owner <@U_SALES>
      On track 60% of weeks with a value · trend \`█·▁▆▅▂·\`",
              "type": "mrkdwn",
            },
            "type": "section",
          },
          {
            "text": {
              "text": ":white_circle: 2026-W46  no value
      :red_circle: 2026-W45  $9,500
      :large_green_circle: 2026-W44  $10,500
      :large_green_circle: 2026-W43  $11,000
      :red_circle: 2026-W42  $9,000
      :white_circle: 2026-W41  no value
      :large_green_circle: 2026-W40  $12,000",
              "type": "mrkdwn",
            },
            "type": "section",
          },
        ],
        "text": "Revenue: 7 weeks",
      }
    `);
  });

  it("has no on-track rate when no week has a value", () => {
    const reply = buildKpiHistoryReply(csat, triage, { weeks: WEEKS, seats: [triage], values: new Map() });
    expect(sectionTexts(reply.blocks ?? [])[0]).toBe(
      "Goal ≥ 95% · owner <@U_AGENT_OWNER> · :robot_face: AI seat\nOn track – of weeks with a value · trend `·······`",
    );
  });

  it("cuts a long header to 150 characters", () => {
    const long = kpi({ id: 99, name: "k".repeat(80) });
    const header = buildKpiHistoryReply(long, seat({ id: 9, name: "s".repeat(80) }), data).blocks?.[0] as { text: { text: string } };
    expect(header.text.text).toHaveLength(150);
  });
});

import { describe, expect, it } from "vitest";
import { MAX_BLOCKS_PER_MESSAGE, MAX_SECTION_TEXT } from "../../src/messages/limits";
import { splitReply } from "../../src/messages/reply";
import { buildHelpReply, buildKpiListReply, buildSeatListReply, kpiLine, seatLabel } from "../../src/messages/setup-blocks";
import { kpi, manyKpis, seat, sectionTexts } from "./models";

const triage = seat({
  id: 1,
  name: "Support triage agent",
  kind: "agent",
  ownerId: "U_AGENT_OWNER",
  accountability: "Answers every ticket within the hour",
  kpis: [
    kpi({ id: 11, seatId: 1, name: "First response", unit: "duration", goal: { op: "<=", a: 30 } }),
    kpi({ id: 12, seatId: 1, name: "CSAT", unit: "percent", goal: { op: "between", a: 95, b: 100 } }),
  ],
});
const sales = seat({
  id: 2,
  name: "R&D <lead>",
  ownerId: "U_LEAD",
  kpis: [kpi({ id: 21, seatId: 2, name: "Demo shipped", unit: "yes/no", goal: { op: "=", a: 1 } })],
});
const vacant = seat({ id: 3, name: "Finance", ownerId: "U_FIN" });

describe("buildSeatListReply", () => {
  it("each seat with owner, accountability and KPIs", () => {
    expect(buildSeatListReply([triage, sales, vacant])).toMatchInlineSnapshot(`
      {
        "blocks": [
          {
            "text": {
              "emoji": true,
              "text": "Seats (3)",
              "type": "plain_text",
            },
            "type": "header",
          },
          {
            "text": {
              "text": ":robot_face: *Support triage agent* (AI agent) · owner <@U_AGENT_OWNER>
      _Answers every ticket within the hour_
      • First response — goal ≤ 30m _(duration)_
      • CSAT — goal between 95% and 100% _(percent)_",
              "type": "mrkdwn",
            },
            "type": "section",
          },
          {
            "text": {
              "text": ":bust_in_silhouette: *R&amp;D &lt;lead&gt;* · owner <@U_LEAD>
      _no accountability set_
      • Demo shipped — goal = yes _(yes/no)_",
              "type": "mrkdwn",
            },
            "type": "section",
          },
          {
            "text": {
              "text": ":bust_in_silhouette: *Finance* · owner <@U_FIN>
      _no accountability set_
      _no KPIs yet_",
              "type": "mrkdwn",
            },
            "type": "section",
          },
        ],
        "text": "3 seats",
      }
    `);
  });

  it("says so when there are no seats", () => {
    expect(buildSeatListReply([]).text).toBe("No seats yet.");
    expect(sectionTexts(buildSeatListReply([]).blocks ?? [])).toEqual([
      'No seats yet. Add one with `/cadence seat add "&lt;name&gt;" @owner agent|human ["&lt;accountability&gt;"]`.',
    ]);
  });

  it("keeps 300 KPIs on one seat within Slack's limits", () => {
    const reply = buildSeatListReply([seat({ id: 1, name: "Busy", kpis: manyKpis(300) })]);
    for (const text of sectionTexts(reply.blocks ?? [])) expect(text.length).toBeLessThanOrEqual(MAX_SECTION_TEXT);
    for (const page of splitReply(reply)) expect(page.blocks?.length).toBeLessThanOrEqual(MAX_BLOCKS_PER_MESSAGE);
  });

  it("splits 300 seats over pages of at most 50 blocks, losing none", () => {
    const seats = Array.from({ length: 300 }, (_, index) => seat({ id: index + 1, name: `Seat ${index + 1}`, kpis: manyKpis(1, index + 1) }));
    const pages = splitReply(buildSeatListReply(seats));
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(page.blocks?.length).toBeLessThanOrEqual(MAX_BLOCKS_PER_MESSAGE);
    expect(pages.map((page) => page.text)).toEqual(pages.map((_, index) => `300 seats (${index + 1}/${pages.length})`));
    expect(pages.flatMap((page) => page.blocks ?? []).filter((block) => block.type === "section")).toHaveLength(300);
  });
});

describe("buildKpiListReply", () => {
  it("every KPI under its seat, seats without KPIs left out", () => {
    expect(buildKpiListReply([triage, vacant, sales])).toMatchInlineSnapshot(`
      {
        "blocks": [
          {
            "text": {
              "emoji": true,
              "text": "KPIs (3)",
              "type": "plain_text",
            },
            "type": "header",
          },
          {
            "text": {
              "text": ":robot_face: *Support triage agent* (AI agent) · <@U_AGENT_OWNER>
      • First response — goal ≤ 30m _(duration)_
      • CSAT — goal between 95% and 100% _(percent)_
      :bust_in_silhouette: *R&amp;D &lt;lead&gt;* · <@U_LEAD>
      • Demo shipped — goal = yes _(yes/no)_",
              "type": "mrkdwn",
            },
            "type": "section",
          },
        ],
        "text": "3 KPIs",
      }
    `);
  });

  it("says so when there are no KPIs", () => {
    expect(buildKpiListReply([vacant])).toEqual({
      text: "No KPIs yet.",
      blocks: [
        {
          type: "section",
          text: {
            type: "mrkdwn",
            text: 'No KPIs yet. Add one with `/cadence kpi add "&lt;seat&gt;" "&lt;kpi&gt;" &gt;=|&lt;=|= &lt;target&gt; [unit]` or `… between &lt;a&gt; and &lt;b&gt; [unit]`.',
          },
        },
      ],
    });
  });

  it("keeps 300 KPIs over 30 seats within Slack's limits, losing none", () => {
    const kpis = manyKpis(300);
    const seats = Array.from({ length: 30 }, (_, index) => seat({ id: index + 1, name: `Seat ${index + 1}`, kpis: kpis.slice(index * 10, index * 10 + 10) }));
    const reply = buildKpiListReply(seats);
    expect(reply.text).toBe("300 KPIs");
    for (const text of sectionTexts(reply.blocks ?? [])) expect(text.length).toBeLessThanOrEqual(MAX_SECTION_TEXT);
    for (const page of splitReply(reply)) expect(page.blocks?.length).toBeLessThanOrEqual(MAX_BLOCKS_PER_MESSAGE);
    const all = sectionTexts(reply.blocks ?? []).join("\n");
    for (const item of kpis) expect(all).toContain(item.name);
  });
});

describe("seatLabel / kpiLine", () => {
  it.each([
    [triage, ":robot_face: *Support triage agent* (AI agent)"],
    [sales, ":bust_in_silhouette: *R&amp;D &lt;lead&gt;*"],
  ])("%#: %s", (item, label) => {
    expect(seatLabel(item)).toBe(label);
  });

  it("escapes the KPI name and shows goal and unit", () => {
    expect(kpiLine(kpi({ id: 1, name: "<!here> & co", unit: "currency", goal: { op: ">=", a: 1200.5 } }))).toBe(
      "• &lt;!here&gt; &amp; co — goal ≥ $1,200.50 _(currency)_",
    );
  });
});

describe("buildHelpReply", () => {
  it("lists every command", () => {
    expect(buildHelpReply()).toMatchInlineSnapshot(`
      {
        "blocks": [
          {
            "text": {
              "emoji": true,
              "text": "Cadence commands",
              "type": "plain_text",
            },
            "type": "header",
          },
          {
            "text": {
              "text": "*Set-up (admins)*
      \`/cadence seat add "&lt;name&gt;" @owner agent|human ["&lt;accountability&gt;"]\` — add a seat held by a person or an AI agent
      \`/cadence seat list\` — seats, owners, accountabilities and KPIs
      \`/cadence seat owner "&lt;seat&gt;" @new-owner\` — hand a seat to a new owner
      \`/cadence seat archive "&lt;seat&gt;"\` — stop asking for its KPIs; history is kept
      \`/cadence kpi add "&lt;seat&gt;" "&lt;kpi&gt;" &gt;=|&lt;=|= &lt;target&gt; [unit]\` or \`… between &lt;a&gt; and &lt;b&gt; [unit]\` — units: number, percent, currency, duration, yes/no
      \`/cadence kpi list\` — every KPI and its goal
      \`/cadence seat stage "&lt;seat&gt;" pilot|shadow|production|paused|retired ["&lt;reason&gt;"]\` — move an AI seat: shadow and production need a KPI and a kill threshold; production the gate (or a reason starting \`override:\`)
      \`/cadence seat history "&lt;seat&gt;"\` — who moved it, when, from, to and why
      \`/cadence seat gate "&lt;seat&gt;" &lt;weeks&gt; &lt;percent&gt;%\` (default 4 weeks, 80%) — when it is ready for its next stage
      \`/cadence kpi kill "&lt;kpi&gt;" &lt;|&lt;=|&gt;|&gt;= &lt;value&gt;\` — a value past it opens a kill issue at once
      \`/cadence review "&lt;seat&gt;" security|privacy|compliance|risk|operations|architecture pending|approved|rejected ["&lt;note&gt;"]\` — production needs the reviews in CADENCE_REVIEWS approved
      \`/cadence seat webhook "&lt;seat&gt;" &lt;https-url&gt;\` — called when the seat is paused, retired or resumed
      \`/cadence run checkins|reminders|drift|digest\` — run a weekly job now for the last completed week
      \`/cadence status\` — what needs an admin: messages Slack refused for good, and how to fix each
      \`/cadence away @user &lt;from&gt; &lt;to&gt; ["&lt;note&gt;"]\`, dates like 2026-12-21 — not asked for the weeks it covers whole · \`/cadence away list\`
      \`/cadence holiday &lt;from&gt; &lt;to&gt; ["&lt;name&gt;"]\`, dates like 2026-12-24 — no check-in and a one-line digest for the weeks it covers whole
      *AI seats (admins and the seat's owner)*
      \`/cadence seat token "&lt;seat&gt;"\` or \`/cadence seat token "&lt;seat&gt;" revoke\` — a token for the seat's agent to push its numbers (POST /api/v1/entries); shown once
      *Everyone*
      \`/scorecard\` · \`/scorecard "&lt;kpi&gt;"\` · \`/scorecard set "&lt;kpi&gt;" &lt;value&gt; [2026-W47]\` · \`/scorecard away &lt;from&gt; &lt;to&gt;\`
      \`/issue list\` · \`/issue add &lt;title&gt;\` · \`/issue resolve &lt;id&gt; &lt;note&gt;\` · \`/issue drop &lt;id&gt; [note]\` · \`/issue assign &lt;id&gt; @user\`
      \`/priority [list]\`, \`/priority add "&lt;title&gt;" [@owner] [due 2026-12-31]\`, \`/priority done &lt;id&gt;\`, \`/priority drop &lt;id&gt; [note]\` or \`/priority status &lt;id&gt; on|off\`
      \`/todo [list]\`, \`/todo add &lt;title&gt; [@owner] [due 2026-12-04]\`, \`/todo done &lt;id&gt;\` or \`/todo drop &lt;id&gt;\` · \`/issue resolve &lt;id&gt; &lt;note&gt; todo @owner &lt;title&gt;\`",
              "type": "mrkdwn",
            },
            "type": "section",
          },
          {
            "elements": [
              {
                "text": "Names with spaces go in double quotes.",
                "type": "mrkdwn",
              },
            ],
            "type": "context",
          },
        ],
        "text": "Cadence commands",
      }
    `);
  });
});

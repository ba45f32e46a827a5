import { describe, expect, it } from "vitest";
import { ageOf, buildIssueListReply, issueListLine } from "../../src/messages/issue-list-blocks";
import { MAX_BLOCKS_PER_MESSAGE, MAX_SECTION_TEXT } from "../../src/messages/limits";
import { splitReply } from "../../src/messages/reply";
import { issue, kpi, seat, sectionTexts } from "./models";

// Noon UTC, so calendar days agree in any process time zone within ±11h.
const NOW = new Date("2026-11-17T12:00:00Z");

const triage = seat({ id: 1, name: "Support triage agent", kind: "agent" });
const sales = seat({ id: 2, name: "Sales & <ops>" });
const csat = kpi({ id: 12, seatId: 1, name: "CSAT", unit: "percent", goal: { op: ">=", a: 95 } });

const items = [
  { issue: issue({ id: 3, title: "Onboarding emails bounce", createdAt: new Date("2026-11-03T12:00:00Z") }) },
  {
    issue: issue({
      id: 12,
      title: "CSAT off track",
      source: "drift",
      kpiId: 12,
      week: "2026-W46",
      createdAt: new Date("2026-11-16T12:00:00Z"),
      assigneeId: "U_HELPER",
    }),
    kpi: csat,
    seat: triage,
  },
  { issue: issue({ id: 14, title: "No <numbers> from sales", source: "missing", ownerId: "U_SALES", createdAt: NOW }), seat: sales },
];

describe("buildIssueListReply", () => {
  it("lists open issues with id, source, seat, owner and age", () => {
    expect(buildIssueListReply(items, NOW)).toMatchInlineSnapshot(`
      {
        "blocks": [
          {
            "text": {
              "emoji": true,
              "text": "Open issues (3)",
              "type": "plain_text",
            },
            "type": "header",
          },
          {
            "text": {
              "text": "*#3* Onboarding emails bounce — _manual_ · <@U_OWNER> · 14 days
      *#12* CSAT off track — _drift_ · :robot_face: Support triage agent · <@U_OWNER> · assigned <@U_HELPER> · 1 day
      *#14* No &lt;numbers&gt; from sales — _missing_ · Sales &amp; &lt;ops&gt; · <@U_SALES> · today",
              "type": "mrkdwn",
            },
            "type": "section",
          },
          {
            "elements": [
              {
                "text": "\`/issue resolve &lt;id&gt; &lt;note&gt;\` · \`/issue drop &lt;id&gt;\` · \`/issue assign &lt;id&gt; @user\`",
                "type": "mrkdwn",
              },
            ],
            "type": "context",
          },
        ],
        "text": "3 open issues",
      }
    `);
  });

  it("says so when nothing is open", () => {
    expect(buildIssueListReply([], NOW)).toEqual({
      text: "No open issues.",
      blocks: [{ type: "section", text: { type: "mrkdwn", text: ":tada: No open issues. Add one with `/issue add &lt;title&gt;`." } }],
    });
  });

  it("keeps 300 issues with long titles within Slack's limits, cutting none", () => {
    const many = Array.from({ length: 300 }, (_, index) => ({
      issue: issue({ id: index + 1, title: `Issue ${index + 1} ${"t".repeat(190)}`, createdAt: new Date("2026-10-01T12:00:00Z") }),
      seat: sales,
    }));
    const reply = buildIssueListReply(many, NOW);
    for (const text of sectionTexts(reply.blocks ?? [])) expect(text.length).toBeLessThanOrEqual(MAX_SECTION_TEXT);
    const pages = splitReply(reply);
    for (const page of pages) expect(page.blocks?.length).toBeLessThanOrEqual(MAX_BLOCKS_PER_MESSAGE);
    const all = pages.flatMap((page) => sectionTexts(page.blocks ?? [])).join("\n");
    for (let id = 1; id <= 300; id += 1) expect(all).toContain(`*#${id}* Issue ${id} `);
  });
});

describe("issueListLine", () => {
  it("marks an agent seat and escapes names and titles", () => {
    expect(issueListLine(items[1], NOW)).toBe("*#12* CSAT off track — _drift_ · :robot_face: Support triage agent · <@U_OWNER> · assigned <@U_HELPER> · 1 day");
    expect(issueListLine(items[2], NOW)).toBe("*#14* No &lt;numbers&gt; from sales — _missing_ · Sales &amp; &lt;ops&gt; · <@U_SALES> · today");
  });
});

describe("ageOf", () => {
  it.each([
    ["2026-11-17T12:00:00Z", "today"],
    ["2026-11-17T13:00:00Z", "today"], // a clock slightly ahead is not "-1 days"
    ["2026-11-16T12:00:00Z", "1 day"],
    ["2026-11-15T12:00:00Z", "2 days"],
    ["2026-10-18T12:00:00Z", "30 days"],
    ["2025-11-17T12:00:00Z", "365 days"],
  ])("created %s → %s", (createdAt, age) => {
    expect(ageOf(issue({ id: 1, title: "t", createdAt: new Date(createdAt) }), NOW)).toBe(age);
  });
});

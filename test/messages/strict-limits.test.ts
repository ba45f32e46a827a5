// Violations the strict local Slack found in Cadence's builders, each checked with the local Slack's own rules.
import { describe, expect, it } from "vitest";
import { buildHomeView } from "../../src/messages/home-blocks";
import { buildIssueMessage, issueHeadline } from "../../src/messages/issue-blocks";
import { formatTypedText, formatTypedTextWithin } from "../../src/messages/limits";
import { blockKitProblems } from "../../tools/local-slack/block-kit-rules";
import { issue, kpi, seat } from "./models";

const week = "2026-W47";
const now = new Date("2026-11-24T12:00:00Z");

describe("Cadence's blocks within Slack's limits", () => {
  it("the home tab of an admin owning 60 seats and 25 open issues stays within 100 blocks and lists every KPI", () => {
    const seats = Array.from({ length: 60 }, (_, index) =>
      seat({ id: index + 1, name: `Seat ${index}`, kpis: [kpi({ id: index + 1, name: `KPI ${index}` })] }),
    );
    const issues = Array.from({ length: 25 }, (_, index) => issue({ id: index + 1, title: `Issue ${index}` }));
    const home = buildHomeView({
      userId: "U1",
      week,
      isAdmin: true,
      ownSeats: seats,
      values: new Map(),
      issues,
      team: { seats: 60, aiSeats: 0, on: 0, off: 0, missing: 60, openIssues: 25 },
    }) as { blocks: unknown[] };
    expect(blockKitProblems(home.blocks, "home")).toEqual([]);
    for (let index = 0; index < 60; index += 1) expect(JSON.stringify(home.blocks)).toContain(`KPI ${index}:`);
  });

  it("a home tab with more seats than fit says where the rest are", () => {
    const seats = Array.from({ length: 800 }, (_, index) =>
      seat({ id: index + 1, name: `Seat ${index} ${"x".repeat(100)}`, kpis: [kpi({ id: index + 1, name: `KPI ${index} ${"y".repeat(100)}` })] }),
    );
    const home = buildHomeView({ userId: "U1", week, isAdmin: false, ownSeats: seats, values: new Map(), issues: [] }) as { blocks: unknown[] };
    expect(blockKitProblems(home.blocks, "home")).toEqual([]);
    expect(JSON.stringify(home.blocks)).toContain("`/scorecard` lists every KPI");
  });

  it("a resolved issue with a 1,000-character note of & and < keeps its context within 3,000 characters escaped", () => {
    const resolved = issue({ id: 4, title: "Churn", state: "resolved", closedBy: "U2", closedAt: now, resolutionNote: "&<".repeat(500) });
    const message = buildIssueMessage({ issue: resolved, now });
    expect(blockKitProblems(message.blocks, "message")).toEqual([]);
    expect(JSON.stringify(message.blocks)).toContain("&amp;&lt;&amp;&lt;");
  });
});

describe("mentions and links people type", () => {
  it("show as mentions and links, while <!channel>, <!here> and <!everyone> stay text", () => {
    const title = "ask <@U123|bob> about <https://example.com/a?b=1&c=2|the doc> in <#C42|ops> & <!channel> <!here> <!everyone> a<b";
    expect(formatTypedText(title)).toBe(
      "ask <@U123|bob> about <https://example.com/a?b=1&amp;c=2|the doc> in <#C42|ops> &amp; &lt;!channel&gt; &lt;!here&gt; &lt;!everyone&gt; a&lt;b",
    );
    expect(issueHeadline(issue({ id: 9, title: "call <@U123|bob>" }))).toBe(":pushpin: *#9* call <@U123|bob>");
  });

  it("resolution notes keep their mentions and links", () => {
    const resolved = issue({
      id: 4,
      title: "Churn",
      state: "resolved",
      closedBy: "U2",
      closedAt: now,
      resolutionNote: "fixed by <@U9|ann>, see <https://x.io>",
    });
    expect(JSON.stringify(buildIssueMessage({ issue: resolved, now }).blocks)).toContain("fixed by <@U9|ann>, see <https://x.io>");
  });

  it("a shortened note never cuts a mention or an entity in half", () => {
    const shortened = formatTypedTextWithin(`${"a".repeat(8)}<@U123|bob>`, 12);
    expect(shortened).toBe(`${"a".repeat(8)}…`);
    expect(formatTypedTextWithin("aaaaaaa&", 11)).toBe("aaaaaaa…");
    const long = formatTypedTextWithin("&".repeat(1000), 2500);
    expect(long.length).toBeLessThanOrEqual(2500);
    expect(long.endsWith("&amp;…")).toBe(true);
  });
});

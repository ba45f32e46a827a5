import { describe, expect, it } from "vitest";
import { buildIssueMessage, buildResolveModal, issueActions, issueHeadline, type IssueView } from "../../src/messages/issue-blocks";
import { ACTIONS, ISSUE_ACTIONS_BLOCK, VIEWS } from "../../src/messages/ids";
import { issue, kpi, seat, sectionTexts } from "./models";

const NOW = new Date("2026-11-17T12:00:00Z");
const CLOSED_AT = new Date("2026-11-18T15:30:00Z");

const triage = seat({ id: 1, name: "Support triage agent", kind: "agent", ownerId: "U_OWNER" });
const csat = kpi({ id: 12, seatId: 1, name: "CSAT", unit: "percent", goal: { op: ">=", a: 95 } });
const weeks = ["2026-W42", "2026-W43", "2026-W44", "2026-W45", "2026-W46"];

const manual = issue({ id: 7, title: "Onboarding emails bounce & <!here> nobody noticed" });
const drift = issue({
  id: 12,
  title: "CSAT off track",
  source: "drift",
  kpiId: 12,
  week: "2026-W46",
  weeks: ["2026-W44", "2026-W45", "2026-W46"],
  assigneeId: "U_HELPER",
});
const driftView: IssueView = {
  issue: drift,
  kpi: csat,
  seat: triage,
  series: { weeks, values: [97, 96, 90, 88, 85.5] },
  weeksOff: 3,
  value: 85.5,
  now: NOW,
};

const hasActions = (view: IssueView) => buildIssueMessage(view).blocks.some((block) => block.type === "actions");

describe("buildIssueMessage", () => {
  it("a manual issue: headline, state and buttons", () => {
    expect(buildIssueMessage({ issue: manual, now: NOW })).toMatchInlineSnapshot(`
      {
        "blocks": [
          {
            "text": {
              "text": ":pushpin: *#7* Onboarding emails bounce &amp; &lt;!here&gt; nobody noticed",
              "type": "mrkdwn",
            },
            "type": "section",
          },
          {
            "elements": [
              {
                "text": "Open · owner <@U_OWNER>",
                "type": "mrkdwn",
              },
            ],
            "type": "context",
          },
          {
            "block_id": "issue_7",
            "elements": [
              {
                "action_id": "issue_resolve",
                "style": "primary",
                "text": {
                  "text": "Resolve",
                  "type": "plain_text",
                },
                "type": "button",
                "value": "7",
              },
              {
                "action_id": "issue_drop",
                "text": {
                  "text": "Drop",
                  "type": "plain_text",
                },
                "type": "button",
                "value": "7",
              },
              {
                "action_id": "issue_assign",
                "placeholder": {
                  "text": "Assign…",
                  "type": "plain_text",
                },
                "type": "users_select",
              },
            ],
            "type": "actions",
          },
        ],
        "text": "#7 Onboarding emails bounce &amp; &lt;!here&gt; nobody noticed",
      }
    `);
  });

  it("a drift issue shows value, goal, distance, weeks off track and trend", () => {
    expect(buildIssueMessage(driftView)).toMatchInlineSnapshot(`
      {
        "blocks": [
          {
            "text": {
              "text": ":chart_with_downwards_trend: *#12* CSAT off track",
              "type": "mrkdwn",
            },
            "type": "section",
          },
          {
            "text": {
              "text": ":robot_face: *Support triage agent* (AI agent) · owner <@U_OWNER>
      *CSAT*: 85.5% · goal ≥ 95% · off by 9.5% (10.0%)
      Off track *3 weeks* in a row (since 2026-W44)
      Trend (5 weeks): \`█▇▄▃▁\`",
              "type": "mrkdwn",
            },
            "type": "section",
          },
          {
            "elements": [
              {
                "text": "Open · owner <@U_OWNER> · assigned to <@U_HELPER>",
                "type": "mrkdwn",
              },
            ],
            "type": "context",
          },
          {
            "block_id": "issue_12",
            "elements": [
              {
                "action_id": "issue_resolve",
                "style": "primary",
                "text": {
                  "text": "Resolve",
                  "type": "plain_text",
                },
                "type": "button",
                "value": "12",
              },
              {
                "action_id": "issue_drop",
                "text": {
                  "text": "Drop",
                  "type": "plain_text",
                },
                "type": "button",
                "value": "12",
              },
              {
                "action_id": "issue_assign",
                "placeholder": {
                  "text": "Assign…",
                  "type": "plain_text",
                },
                "type": "users_select",
              },
            ],
            "type": "actions",
          },
        ],
        "text": "#12 CSAT off track",
      }
    `);
  });

  it("a drift issue's facts, line by line", () => {
    const facts = sectionTexts(buildIssueMessage(driftView).blocks)[1].split("\n");
    expect(facts).toEqual([
      ":robot_face: *Support triage agent* (AI agent) · owner <@U_OWNER>",
      "*CSAT*: 85.5% · goal ≥ 95% · off by 9.5% (10.0%)",
      "Off track *3 weeks* in a row (since 2026-W44)",
      "Trend (5 weeks): `█▇▄▃▁`",
    ]);
  });

  it.each([
    { why: "weeksOff wins over the issue's weeks", weeksOff: 1, issueWeeks: ["2026-W45", "2026-W46"], line: "Off track *1 week* in a row (since 2026-W45)" },
    {
      why: "without weeksOff, the issue's weeks count",
      weeksOff: undefined,
      issueWeeks: ["2026-W45", "2026-W46"],
      line: "Off track *2 weeks* in a row (since 2026-W45)",
    },
    { why: "without weeks, the issue's week is the start", weeksOff: 1, issueWeeks: [], line: "Off track *1 week* in a row (since 2026-W46)" },
  ])("drift: $why", ({ weeksOff, issueWeeks, line }) => {
    const view: IssueView = { ...driftView, series: undefined, weeksOff, issue: { ...drift, weeks: issueWeeks } };
    expect(sectionTexts(buildIssueMessage(view).blocks)[1].split("\n")).toContain(line);
  });

  it("drift against a goal of zero gives no percentage", () => {
    const errors = kpi({ id: 5, name: "Errors", goal: { op: "<=", a: 0 } });
    const view: IssueView = { issue: { ...drift, kpiId: 5 }, kpi: errors, value: 3, weeksOff: 1, now: NOW };
    expect(sectionTexts(buildIssueMessage(view).blocks)[1]).toBe("*Errors*: 3 · goal ≤ 0 · off by 3\nOff track *1 week* in a row (since 2026-W44)");
  });

  it("a drift issue without this week's value shows no distance", () => {
    const facts = sectionTexts(buildIssueMessage({ ...driftView, value: null, series: undefined }).blocks)[1];
    expect(facts).toBe(":robot_face: *Support triage agent* (AI agent) · owner <@U_OWNER>");
  });

  it("a missing-value issue names the week and the goal", () => {
    const missing = issue({ id: 13, title: "No CSAT for 2026-W46", source: "missing", kpiId: 12, week: "2026-W46" });
    const texts = sectionTexts(buildIssueMessage({ issue: missing, kpi: csat, now: NOW }).blocks);
    expect(texts).toEqual([":grey_question: *#13* No CSAT for 2026-W46", "*CSAT*: no value for 2026-W46 by the deadline · goal ≥ 95%"]);
  });

  it("an open issue has Resolve, Drop and Assign, keyed by the issue id", () => {
    const message = buildIssueMessage(driftView);
    expect(message.blocks[message.blocks.length - 1]).toEqual(issueActions(12));
    expect(issueActions(12)).toMatchObject({
      type: "actions",
      block_id: ISSUE_ACTIONS_BLOCK.of(12),
      elements: [
        { type: "button", action_id: ACTIONS.resolveIssue, value: "12" },
        { type: "button", action_id: ACTIONS.dropIssue, value: "12" },
        { type: "users_select", action_id: ACTIONS.assignIssue },
      ],
    });
    expect(ISSUE_ACTIONS_BLOCK.pattern.exec(ISSUE_ACTIONS_BLOCK.of(12))?.[1]).toBe("12");
  });

  const resolved = { ...drift, state: "resolved" as const, closedBy: "U_FIXER", closedAt: CLOSED_AT, resolutionNote: "Rolled back the <bad> macro" };
  const dropped = { ...manual, state: "dropped" as const, closedBy: "U_ADMIN", closedAt: CLOSED_AT, resolutionNote: null };

  it.each([
    ["resolved", resolved],
    ["dropped", dropped],
  ])("a %s issue has no action buttons", (_state, closed) => {
    expect(hasActions({ ...driftView, issue: closed })).toBe(false);
    expect(hasActions({ issue: closed, now: NOW })).toBe(false);
  });

  it("a resolved issue says who, when and how", () => {
    const message = buildIssueMessage({ ...driftView, issue: resolved });
    expect(message.blocks[message.blocks.length - 1]).toEqual({
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text:
            ":white_check_mark: Resolved by <@U_FIXER> <!date^1795015800^{date_short_pretty} at {time}|2026-11-18T15:30:00.000Z>" +
            " — “Rolled back the &lt;bad&gt; macro” · assigned to <@U_HELPER>",
        },
      ],
    });
  });

  it("a dropped issue without a note", () => {
    const message = buildIssueMessage({ issue: dropped, now: NOW });
    expect(message.blocks[message.blocks.length - 1]).toEqual({
      type: "context",
      elements: [{ type: "mrkdwn", text: ":wastebasket: Dropped by <@U_ADMIN> <!date^1795015800^{date_short_pretty} at {time}|2026-11-18T15:30:00.000Z>" }],
    });
  });

  it("escapes the title in the headline and in the notification text, so it cannot ping", () => {
    expect(issueHeadline(manual)).toBe(":pushpin: *#7* Onboarding emails bounce &amp; &lt;!here&gt; nobody noticed");
    expect(buildIssueMessage({ issue: manual, now: NOW }).text).toBe("#7 Onboarding emails bounce &amp; &lt;!here&gt; nobody noticed");
  });
});

describe("buildResolveModal", () => {
  it("asks how the issue was resolved and remembers where it came from", () => {
    expect(buildResolveModal(manual, { channelId: "C_CADENCE", messageTs: "1795450000.000100" })).toMatchInlineSnapshot(`
      {
        "blocks": [
          {
            "text": {
              "text": ":pushpin: *#7* Onboarding emails bounce &amp; &lt;!here&gt; nobody noticed",
              "type": "mrkdwn",
            },
            "type": "section",
          },
          {
            "block_id": "note",
            "element": {
              "action_id": "note",
              "max_length": 1000,
              "multiline": true,
              "type": "plain_text_input",
            },
            "label": {
              "text": "How was it resolved?",
              "type": "plain_text",
            },
            "type": "input",
          },
          {
            "block_id": "todo_title",
            "element": {
              "action_id": "todo_title",
              "max_length": 200,
              "type": "plain_text_input",
            },
            "label": {
              "text": "To-do it leads to (optional, due in 7 days)",
              "type": "plain_text",
            },
            "optional": true,
            "type": "input",
          },
          {
            "block_id": "todo_owner",
            "element": {
              "action_id": "todo_owner",
              "type": "users_select",
            },
            "label": {
              "text": "Whose to-do (default: you)",
              "type": "plain_text",
            },
            "optional": true,
            "type": "input",
          },
        ],
        "callback_id": "issue_resolve_form",
        "close": {
          "text": "Cancel",
          "type": "plain_text",
        },
        "private_metadata": "{"issueId":7,"channelId":"C_CADENCE","messageTs":"1795450000.000100"}",
        "submit": {
          "text": "Resolve",
          "type": "plain_text",
        },
        "title": {
          "text": "Resolve #7",
          "type": "plain_text",
        },
        "type": "modal",
      }
    `);
  });

  it("keeps the title within 24 characters for a large id", () => {
    const modal = buildResolveModal(issue({ id: 123_456_789, title: "x" }), {}) as { title: { text: string }; callback_id: string };
    expect(modal.title.text).toBe("Resolve #123456789");
    expect(modal.callback_id).toBe(VIEWS.resolveIssue);
  });
});

import { describe, expect, it } from "vitest";
import type { Entry } from "../../src/domain/model";
import { buildCheckinForm, buildCheckinMessage, buildNoticeModal, buildReminderMessage, countKpis, type CheckinModel } from "../../src/messages/checkin-blocks";
import { MAX_BLOCKS_PER_MESSAGE, MAX_SECTION_TEXT } from "../../src/messages/limits";
import { ACTIONS, FORM, VIEWS } from "../../src/messages/ids";
import { entry, kpi, manyKpis, seat, sectionTexts } from "./models";

const WEEK = "2026-W46";
const PREVIOUS = "2026-W45";

const support = seat({
  id: 1,
  name: "Support triage agent",
  kind: "agent",
  kpis: [
    kpi({ id: 11, seatId: 1, name: "First response", unit: "duration", goal: { op: "<=", a: 30 } }),
    kpi({ id: 12, seatId: 1, name: "CSAT", unit: "percent", goal: { op: ">=", a: 95 } }),
  ],
});
const sales = seat({
  id: 2,
  name: "Sales <lead>",
  kpis: [
    kpi({ id: 21, seatId: 2, name: "Revenue", unit: "currency", goal: { op: ">=", a: 10_000 } }),
    kpi({ id: 22, seatId: 2, name: "Deck shipped", unit: "yes/no", goal: { op: "=", a: 1 } }),
  ],
});

const byKpi = (entries: Entry[]): Map<number, Entry> => new Map(entries.map((item) => [item.kpiId, item]));

const partial: CheckinModel = {
  ownerId: "U_OWNER",
  week: WEEK,
  seats: [support, sales],
  current: byKpi([entry(11, WEEK, 45), entry(12, WEEK, 97)]),
  previous: byKpi([entry(11, PREVIOUS, 25), entry(21, PREVIOUS, 12_500)]),
};
const complete: CheckinModel = {
  ...partial,
  current: byKpi([entry(11, WEEK, 45), entry(12, WEEK, 97), entry(21, WEEK, 9_000.5), entry(22, WEEK, 1)]),
};

describe("buildCheckinMessage", () => {
  it("asks for the missing numbers and shows the ones in", () => {
    expect(buildCheckinMessage(partial)).toMatchInlineSnapshot(`
      {
        "blocks": [
          {
            "text": {
              "emoji": true,
              "text": "Check-in for 2026-W46 (Nov 9 – Nov 15)",
              "type": "plain_text",
            },
            "type": "header",
          },
          {
            "text": {
              "text": "Hi <@U_OWNER>, your numbers for the week that just ended, please (2/4 in). Use the button, or reply here with one value per line (in this order, or as \`KPI name: value\`).",
              "type": "mrkdwn",
            },
            "type": "section",
          },
          {
            "text": {
              "text": ":robot_face: *Support triage agent* (AI agent)
      :red_circle: First response: *45m* (off track, goal ≤ 30m)
      :large_green_circle: CSAT: *97%* (on track, goal ≥ 95%)
      :bust_in_silhouette: *Sales &lt;lead&gt;*
      :white_circle: Revenue — goal ≥ $10,000 · last week $12,500
      :white_circle: Deck shipped — goal = yes · no value last week",
              "type": "mrkdwn",
            },
            "type": "section",
          },
          {
            "elements": [
              {
                "action_id": "checkin_open_form",
                "style": "primary",
                "text": {
                  "text": "Enter numbers",
                  "type": "plain_text",
                },
                "type": "button",
                "value": "{"week":"2026-W46","ownerId":"U_OWNER"}",
              },
            ],
            "type": "actions",
          },
        ],
        "text": "Check-in for 2026-W46: 2/4 numbers in",
      }
    `);
  });

  it("thanks the owner once every number is in, and offers to edit", () => {
    const message = buildCheckinMessage(complete);
    expect(message.text).toBe("All numbers received for 2026-W46");
    expect(sectionTexts(message.blocks)[0]).toBe(":white_check_mark: Thanks <@U_OWNER> — all 4 numbers received for 2026-W46.");
    const actions = message.blocks[message.blocks.length - 1];
    expect(actions).toEqual({
      type: "actions",
      elements: [
        {
          type: "button",
          action_id: ACTIONS.openCheckinForm,
          text: { type: "plain_text", text: "Edit numbers" },
          value: JSON.stringify({ week: WEEK, ownerId: "U_OWNER" }),
        },
      ],
    });
  });

  it("escapes seat and KPI names", () => {
    const model: CheckinModel = {
      ...partial,
      seats: [seat({ id: 9, name: "<!channel>", kpis: [kpi({ id: 91, name: "A & <@U999>" })] })],
      current: new Map(),
      previous: new Map(),
    };
    const text = sectionTexts(buildCheckinMessage(model).blocks).join("\n");
    expect(text).toContain("&lt;!channel&gt;");
    expect(text).toContain("A &amp; &lt;@U999&gt;");
    expect(text).not.toContain("<!channel>");
    expect(text).not.toContain("<@U999>");
  });

  it("keeps 300 KPIs of one seat within Slack's limits", () => {
    const kpis = manyKpis(300);
    const model: CheckinModel = {
      ownerId: "U_OWNER",
      week: WEEK,
      seats: [seat({ id: 1, name: "Busy seat", kpis })],
      current: byKpi(kpis.slice(0, 150).map((item) => entry(item.id, WEEK, 90))),
      previous: byKpi(kpis.map((item) => entry(item.id, PREVIOUS, 99))),
    };
    const { blocks } = buildCheckinMessage(model);
    expect(blocks.length).toBeLessThanOrEqual(MAX_BLOCKS_PER_MESSAGE);
    for (const text of sectionTexts(blocks)) expect(text.length).toBeLessThanOrEqual(MAX_SECTION_TEXT);
    // Nothing is cut: every KPI appears.
    const all = sectionTexts(blocks).join("\n");
    for (const item of kpis) expect(all).toContain(item.name);
  });
});

describe("buildReminderMessage", () => {
  it("lists what is still missing", () => {
    expect(buildReminderMessage(partial)).toMatchInlineSnapshot(`
      {
        "blocks": [
          {
            "text": {
              "text": ":alarm_clock: Reminder: 2 numbers still missing for 2026-W46:
      • Revenue
      • Deck shipped",
              "type": "mrkdwn",
            },
            "type": "section",
          },
          {
            "elements": [
              {
                "text": "Use the button above, or reply in this DM with one value per line.",
                "type": "mrkdwn",
              },
            ],
            "type": "context",
          },
        ],
        "text": "Reminder: 2 numbers still missing for 2026-W46",
      }
    `);
  });

  it("says 1 number, not 1 numbers", () => {
    const model: CheckinModel = { ...complete, current: byKpi([...complete.current.values()].filter((item) => item.kpiId !== 22)) };
    expect(buildReminderMessage(model).text).toBe("Reminder: 1 number still missing for 2026-W46");
  });
});

describe("buildCheckinForm", () => {
  it("has one field per KPI, typed by unit and pre-filled", () => {
    expect(buildCheckinForm(partial)).toMatchInlineSnapshot(`
      {
        "blocks": [
          {
            "elements": [
              {
                "text": "Numbers for 2026-W46 (Nov 9 – Nov 15). Leave a field empty to keep it blank.",
                "type": "mrkdwn",
              },
            ],
            "type": "context",
          },
          {
            "block_id": "kpi_11",
            "element": {
              "action_id": "value",
              "initial_value": "45m",
              "max_length": 40,
              "type": "plain_text_input",
            },
            "hint": {
              "text": "Support triage agent · A duration, e.g. 1h 30m, 90m or 1.5h",
              "type": "plain_text",
            },
            "label": {
              "text": "First response (goal ≤ 30m)",
              "type": "plain_text",
            },
            "optional": true,
            "type": "input",
          },
          {
            "block_id": "kpi_12",
            "element": {
              "action_id": "value",
              "initial_value": "97%",
              "max_length": 40,
              "type": "plain_text_input",
            },
            "hint": {
              "text": "Support triage agent · A percentage, e.g. 97 or 97%",
              "type": "plain_text",
            },
            "label": {
              "text": "CSAT (goal ≥ 95%)",
              "type": "plain_text",
            },
            "optional": true,
            "type": "input",
          },
          {
            "block_id": "kpi_21",
            "element": {
              "action_id": "value",
              "max_length": 40,
              "type": "plain_text_input",
            },
            "hint": {
              "text": "Sales <lead> · An amount, e.g. 1200 or $1,200.50",
              "type": "plain_text",
            },
            "label": {
              "text": "Revenue (goal ≥ $10,000)",
              "type": "plain_text",
            },
            "optional": true,
            "type": "input",
          },
          {
            "block_id": "kpi_22",
            "element": {
              "action_id": "value",
              "options": [
                {
                  "text": {
                    "text": "yes",
                    "type": "plain_text",
                  },
                  "value": "1",
                },
                {
                  "text": {
                    "text": "no",
                    "type": "plain_text",
                  },
                  "value": "0",
                },
              ],
              "type": "static_select",
            },
            "label": {
              "text": "Deck shipped (goal = yes)",
              "type": "plain_text",
            },
            "optional": true,
            "type": "input",
          },
          {
            "block_id": "note",
            "element": {
              "action_id": "note",
              "max_length": 500,
              "multiline": true,
              "type": "plain_text_input",
            },
            "label": {
              "text": "Note",
              "type": "plain_text",
            },
            "optional": true,
            "type": "input",
          },
        ],
        "callback_id": "checkin_form",
        "close": {
          "text": "Cancel",
          "type": "plain_text",
        },
        "private_metadata": "{"week":"2026-W46","ownerId":"U_OWNER"}",
        "submit": {
          "text": "Save",
          "type": "plain_text",
        },
        "title": {
          "text": "Check-in 2026-W46",
          "type": "plain_text",
        },
        "type": "modal",
      }
    `);
  });

  it("pre-selects no for a yes/no KPI answered 0, and yes for 1", () => {
    const selected = (value: number) => {
      const view = buildCheckinForm({ ...partial, current: byKpi([entry(22, WEEK, value)]) });
      const blocks = view.blocks as Array<{ block_id?: string; element?: { initial_option?: { value: string } } }>;
      return blocks.find((item) => item.block_id === FORM.kpiBlock(22))?.element?.initial_option?.value;
    };
    expect(selected(0)).toBe("0");
    expect(selected(1)).toBe("1");
  });

  it("fits the week in Slack's 24-character modal title", () => {
    const view = buildCheckinForm(partial) as { title: { text: string }; callback_id: string };
    expect(view.title.text).toBe("Check-in 2026-W46");
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.callback_id).toBe(VIEWS.checkinForm);
  });
});

describe("countKpis / buildNoticeModal", () => {
  it("counts KPIs across seats", () => {
    expect(countKpis(partial)).toBe(4);
    expect(countKpis({ seats: [] })).toBe(0);
  });

  it("cuts a notice title to 24 characters", () => {
    const modal = buildNoticeModal("A title that is much too long for Slack", "Body") as { title: { text: string } };
    expect(modal.title.text).toBe("A title that is much too");
  });
});

// Cases the builder tests found over Slack's limits or reading wrongly, each failing before its fix.
import { describe, expect, it } from "vitest";
import { parseCheckinReply } from "../../src/domain/reply-parse";
import { buildCheckinForm, buildCheckinMessage, buildReminderMessage } from "../../src/messages/checkin-blocks";
import { buildIssueMessage } from "../../src/messages/issue-blocks";
import { issue, kpi, manyKpis, seat, sectionTexts } from "./models";

const week = "2026-W47";

describe("regressions", () => {
  it("a reminder listing 300 missing KPIs keeps every section within 3,000 characters", () => {
    const message = buildReminderMessage({
      ownerId: "U1",
      week,
      seats: [seat({ id: 1, name: "Big", kpis: manyKpis(300) })],
      current: new Map(),
      previous: new Map(),
    });
    for (const text of sectionTexts(message.blocks)) expect(text.length).toBeLessThanOrEqual(3000);
    expect(message.blocks.length).toBeLessThanOrEqual(50);
  });

  it("a check-in DM for an owner of 60 seats stays within 50 blocks", () => {
    const seats = Array.from({ length: 60 }, (_, index) =>
      seat({ id: index + 1, name: `Seat ${index}`, kpis: [kpi({ id: index + 1, name: `KPI ${index}` })] }),
    );
    const message = buildCheckinMessage({ ownerId: "U1", week, seats, current: new Map(), previous: new Map() });
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    for (let index = 0; index < 60; index += 1) expect(JSON.stringify(message.blocks)).toContain(`KPI ${index} —`);
  });

  it("the form for 300 KPIs stays within a modal's 100 blocks and says where the rest go", () => {
    const form = buildCheckinForm({
      ownerId: "U1",
      week,
      seats: [seat({ id: 1, name: "Big", kpis: manyKpis(300) })],
      current: new Map(),
      previous: new Map(),
    }) as { blocks: unknown[] };
    expect(form.blocks.length).toBeLessThanOrEqual(100);
    expect(JSON.stringify(form.blocks)).toContain("210 more KPIs do not fit in one form");
  });

  it("a yes/no drift issue does not say 'off by yes'", () => {
    const shipped = kpi({ id: 7, name: "Deck shipped", unit: "yes/no", goal: { op: "=", a: 1 } });
    const message = buildIssueMessage({
      issue: issue({ id: 3, title: "Deck shipped is off track", source: "drift", kpiId: 7, weeks: [week], week }),
      kpi: shipped,
      value: 0,
      weeksOff: 1,
      now: new Date("2026-11-24T12:00:00Z"),
    });
    const text = JSON.stringify(message.blocks);
    expect(text).toContain("*Deck shipped*: no · goal = yes");
    expect(text).not.toContain("off by");
  });

  it("a note line does not shift the values that follow into the wrong KPIs", () => {
    const reply = parseCheckinReply("note: hi\n1200\n1:30\nyes", [
      { id: 1, name: "Revenue", unit: "currency" },
      { id: 2, name: "First response", unit: "duration" },
      { id: 3, name: "Shipped", unit: "yes/no" },
    ]);
    expect(reply).toEqual({
      values: [
        { kpiId: 1, value: 1200 },
        { kpiId: 2, value: 90 },
        { kpiId: 3, value: 1 },
      ],
      note: "hi",
      problems: [],
    });
  });
});

describe("scorecard table", () => {
  it("widens week columns so currency values never run together", async () => {
    const { scorecardTableLines } = await import("../../src/messages/scorecard-blocks");
    const cash = kpi({ id: 1, name: "Cash", unit: "currency", goal: { op: ">=", a: 250_000 } });
    const weeks = ["2026-W43", "2026-W44", "2026-W45", "2026-W46", "2026-W47"];
    const values = new Map([[1, new Map(weeks.map((week) => [week, 280_000]))]]);
    const [, , row] = scorecardTableLines({ weeks, seats: [seat({ id: 1, name: "Finance", kpis: [cash] })], values }, [
      seat({ id: 1, name: "Finance", kpis: [cash] }),
    ]);
    expect(row).toMatch(/\$280,000✓ +\$280,000✓ +\$280,000✓/);
  });
});

// /scorecard over HTTP: readable, and within Slack's limits however many KPIs there are.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { shiftWeek } from "../../src/domain/week";
import { bootApp, testClock, type BootedApp } from "../support/boot-app";

let app: BootedApp;
// The table is built on the off-loop thread; should that fail, the app builds it here and says so in its log.
let problems: string[];
beforeEach(async () => {
  problems = [];
  const logged = (...args: unknown[]) => problems.push(args.map(String).join(" "));
  app = await bootApp({ clock: testClock("2026-11-24T09:00:00Z"), logger: { warn: logged, error: logged }, scorecardReadMs: 60_000 });
  app.slack.addUser({ id: "UOWN", name: "owen", tz: "UTC" });
});
afterEach(async () => {
  await app.stop();
  expect(problems).toEqual([]);
});

/** Seeds seats and KPIs straight into the database: 100 KPIs through commands would only test the commands. */
async function seedScorecard(seatCount: number, kpisPerSeat: number, weeks: number): Promise<string[]> {
  const db = app.cadence.db;
  const names: string[] = [];
  for (let seatIndex = 0; seatIndex < seatCount; seatIndex += 1) {
    const seat = await db.seat.create({
      data: { name: `Seat ${seatIndex}`, nameKey: `seat ${seatIndex}`, kind: seatIndex % 3 ? "human" : "agent", ownerId: "UOWN", createdBy: "UADMIN" },
    });
    for (let kpiIndex = 0; kpiIndex < kpisPerSeat; kpiIndex += 1) {
      const name = `Quality measure ${seatIndex}-${kpiIndex}`;
      names.push(name);
      const kpi = await db.kpi.create({
        data: {
          seatId: seat.id,
          name,
          nameKey: name.toLowerCase(),
          unit: "percent",
          goalOp: ">=",
          goalA: 90,
          createdBy: "UADMIN",
          createdAt: new Date("2026-01-01"),
        },
      });
      await db.entry.createMany({
        data: Array.from({ length: weeks }, (_, index) => ({
          kpiId: kpi.id,
          week: shiftWeek("2026-W47", -index),
          value: 80 + ((index * 7 + kpiIndex) % 20),
          source: "command",
          enteredBy: "UOWN",
          enteredAt: new Date(),
        })),
      });
    }
  }
  return names;
}

describe("/scorecard", () => {
  it("shows every KPI by seat with goal, the last 5 weeks marked and a trend", async () => {
    await app.command("/cadence", 'seat add "Support triage agent" <@UOWN> agent');
    await app.command("/cadence", 'kpi add "Support triage agent" "Resolution rate" >= 85 percent');
    await app.command("/scorecard", 'set "Resolution rate" 80 2026-W46', "UOWN");
    await app.command("/scorecard", 'set "Resolution rate" 90 2026-W47', "UOWN");
    const [answer] = await app.commandAll("/scorecard", "", "UOWN");
    const text = JSON.stringify(answer.blocks);
    expect(answer.text).toBe("Scorecard for 2026-W47: 1 on track, 0 off track, 0 missing");
    expect(text).toContain("[AI] Support triage agent");
    expect(text).toMatch(/Resolution rate\s+≥ 85%\s+–\s+–\s+–\s+80%✗\s+90%✓\s+/);
  });

  // The off-loop thread keeps a week's table while nothing it shows changes: what changes on the main thread
  // reaches it before the next /scorecard. Its time limit, for other instances' writes, is a minute in these
  // tests (beforeEach), so only being told can show the change.
  it("shows at once a value, a correction and a KPI added since the last /scorecard", async () => {
    await app.command("/cadence", 'seat add "Support triage agent" <@UOWN> agent');
    await app.command("/cadence", 'kpi add "Support triage agent" "Resolution rate" >= 85 percent');
    await app.command("/scorecard", 'set "Resolution rate" 80 2026-W47', "UOWN");
    const table = async () => JSON.stringify((await app.commandAll("/scorecard", "", "UOWN")).map((message) => message.blocks));
    expect(await table()).toMatch(/Resolution rate\s+≥ 85%(\s+–){4}\s+80%✗/);
    await app.command("/scorecard", 'set "Resolution rate" 92 2026-W47', "UOWN");
    expect(await table()).toMatch(/Resolution rate\s+≥ 85%(\s+–){4}\s+92%✓/);
    await app.command("/cadence", 'kpi add "Support triage agent" "First reply hours" <= 4 number');
    expect(await table()).toContain("First reply hours");
  });

  it("stays within 50 blocks and 3,000 characters per text with 100 KPIs, and shows them all", async () => {
    const names = await seedScorecard(25, 4, 13);
    const messages = await app.commandAll("/scorecard", "", "UOWN");
    for (const message of messages) {
      expect(message.blocks!.length).toBeLessThanOrEqual(50);
      for (const block of message.blocks as any[]) if (block.text) expect(block.text.text.length).toBeLessThanOrEqual(3000);
    }
    const all = messages.map((message) => JSON.stringify(message.blocks)).join("");
    for (const name of names) expect(all).toContain(name);
  });

  it("shows one KPI's 13 weeks with on-track rate and trend", async () => {
    await seedScorecard(1, 1, 13);
    const [answer] = await app.commandAll("/scorecard", '"Quality measure 0-0"', "UOWN");
    const text = JSON.stringify(answer.blocks);
    expect(answer.text).toContain("13 weeks");
    expect(text).toContain("Goal ≥ 90%");
    expect(text).toMatch(/On track \d+% of weeks with a value · trend `[▁▂▃▄▅▆▇█]{13}`/);
    expect((text.match(/2026-W\d\d/g) ?? []).length).toBe(13);
  });

  it("answers an unknown KPI with a clear error", async () => {
    expect(await app.command("/scorecard", '"Nope"', "UOWN")).toMatch(/no active KPI named "Nope"/);
    expect(await app.command("/scorecard", 'set "Nope', "UOWN")).toMatch(/missing closing quote/);
  });
});

// Oversized input through the real app: refused in one clear line, with nothing written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, bootApp, testClock, type BootedApp } from "../support/boot-app";
import { snapshotDatabase } from "../support/db-snapshot";
import { sendDm } from "../support/interactions";

const OWNER = "UOWNER";
let app: BootedApp;
let issueId: number;

beforeAll(async () => {
  app = await bootApp({ clock: testClock("2026-11-10T10:00:00Z") });
  app.slack.addUser({ id: OWNER, name: "omar", tz: "UTC" });
  await app.command("/cadence", `seat add "Support triage agent" <@${OWNER}> agent`);
  await app.command("/cadence", 'kpi add "Support triage agent" "Resolution rate" >= 85 percent');
  await app.command("/cadence", 'kpi add "Support triage agent" "Escalations" <= 10');
  issueId = Number(/#(\d+)/.exec(await app.command("/issue", "add Flaky CSV import", OWNER))![1]);
  app.clock.set("2026-11-23T15:00:00Z");
  await app.cadence.tick(); // the owner is asked for 2026-W47, so DM replies are read
});
afterAll(async () => app?.stop());

const oneLine = /^[^\r\n\u2028\u2029]+$/;

describe("oversized commands", () => {
  const cases: [string, string, string, RegExp][] = [
    ["a 10,000-character issue title", "/issue", `add ${"Churn in EU accounts ".repeat(500).slice(0, 10_000)}`, /title is 10000 characters; keep it under 200/],
    ["a 10,000-character resolution note", "/issue", `resolve ${"#1"} ${"n".repeat(10_000)}`, /note is 10000 characters; keep it under 1000/],
    ["a 10,000-character seat name", "/cadence", `seat add "${"S".repeat(10_000)}" <@${OWNER}> human`, /longer than 80 characters/],
    ["a 10,000-character KPI name", "/scorecard", `set "${"K".repeat(10_000)}" 5`, /no active KPI named|too long|longer than/],
    ["a 10,000-character value", "/scorecard", `set "Resolution rate" ${"9".repeat(10_000)}`, /too long/],
  ];

  it.each(cases)("%s is refused in one line and writes nothing", async (_name, command, text, expected) => {
    const realText = text.replace("#1", `#${issueId}`);
    const before = await snapshotDatabase(app.cadence.db);
    const answers = await app.commandAll(command, realText, ADMIN);
    expect(answers).toHaveLength(1);
    expect(answers[0].text).toMatch(/^:warning: /);
    expect(answers[0].text).toMatch(expected);
    expect(answers[0].text).toMatch(oneLine);
    expect(answers[0].text.length).toBeLessThanOrEqual(400);
    expect(await snapshotDatabase(app.cadence.db)).toEqual(before);
  });
});

describe("oversized DM replies", () => {
  async function reply(text: string): Promise<string> {
    const before = app.slack.dmsTo(OWNER).length;
    const answer = await sendDm(app, { userId: OWNER, text });
    expect(answer.status).toBe(200);
    await app.idle();
    const answers = app.slack.dmsTo(OWNER).slice(before);
    expect(answers).toHaveLength(1);
    return answers[0].text ?? "";
  }

  it.each([
    ["1,000 lines of numbers", Array.from({ length: 1000 }, (_, index) => String(90 + (index % 10))).join("\n")],
    ["1,000 lines of `name: value`", Array.from({ length: 1000 }, (_, index) => `Escalations: ${index % 10}`).join("\n")],
    ["one 20,000-character line", "9".repeat(20_000)],
  ])("%s is refused in one clear line and writes nothing", async (_name, text) => {
    const before = await snapshotDatabase(app.cadence.db);
    const answer = await reply(text);
    expect(answer).toMatch(/^:warning: /);
    expect(answer).toMatch(/nothing was recorded/);
    expect(answer, "the refusal of an oversized reply should be one line").toMatch(oneLine);
    expect(await snapshotDatabase(app.cadence.db)).toEqual(before);
  });
});

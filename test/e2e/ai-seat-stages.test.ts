// AI seats' stages over signed HTTP: /cadence seat stage|history|list, and a paused seat leaving the loop.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { bootApp, CHANNEL, testClock, type BootedApp } from "../support/boot-app";
import { snapshotDatabase } from "../support/db-snapshot";
import { expectOneLineRefusal } from "../support/one-line-refusal";

let app: BootedApp;

beforeEach(async () => {
  app = await bootApp({ clock: testClock("2026-11-10T10:00:00Z") });
  app.slack.addUser({ id: "UAGENTOWNER", name: "ana", tz: "UTC" });
  app.slack.addUser({ id: "UFIN", name: "fin", tz: "UTC" });
  await app.command("/cadence", 'seat add "Support triage agent" <@UAGENTOWNER> agent');
  await app.command("/cadence", 'seat add "Finance" <@UFIN> human');
});
afterEach(async () => app.stop());

describe("AI seat stages", () => {
  it("starts AI seats in pilot, human seats with none, and lists each AI seat's stage", async () => {
    const seats = await app.cadence.db.seat.findMany({ orderBy: { id: "asc" } });
    expect(seats.map((seat) => seat.stage)).toEqual(["pilot", null]);
    const listing = JSON.stringify((await app.commandAll("/cadence", "seat list"))[0].blocks);
    expect(listing).toContain("Support triage agent* (AI agent) · :test_tube: pilot · owner <@UAGENTOWNER>");
    expect(listing).toContain(":bust_in_silhouette: *Finance* · owner <@UFIN>");
    const history = JSON.stringify(await app.commandAll("/cadence", 'seat history "Support triage agent"'));
    expect(history).toContain("*pilot* by <@UADMIN> (command) — “new AI seat”");
  });

  it("needs a KPI and a kill threshold for shadow, and the gate or an override for production, keeping who, when, from, to and why", async () => {
    expect(await app.command("/cadence", 'seat stage "Support triage agent" shadow')).toContain("entering shadow needs a KPI with a goal and a kill threshold");
    await app.command("/cadence", 'kpi add "Support triage agent" "Resolution rate" >= 85 percent');
    expect(await app.command("/cadence", 'seat stage "Support triage agent" shadow')).toContain("needs a kill threshold");
    expect(await app.command("/cadence", 'kpi kill "Resolution rate" < 60')).toContain("Kill threshold for *Resolution rate*");
    app.clock.advance(3600_000);
    expect(await app.command("/cadence", 'seat stage "Support triage agent" shadow "Pilot looked fine"')).toContain("pilot → :busts_in_silhouette: shadow");
    const production = await app.command("/cadence", 'seat stage "Support triage agent" production');
    expect(production).toContain("the gate to production does not pass");
    expect(production).toContain("security review pending");
    expect(await app.command("/cadence", 'seat stage "Support triage agent" production "override: the board asked"')).toContain("shadow → :rocket: production");

    const changes = await app.cadence.db.stageChange.findMany({ orderBy: { id: "asc" } });
    expect(changes.map((change) => [change.fromStage, change.toStage, change.reason, change.by, change.via])).toEqual([
      [null, "pilot", "new AI seat", "UADMIN", "command"],
      ["pilot", "shadow", "Pilot looked fine", "UADMIN", "command"],
      ["shadow", "production", "override: the board asked", "UADMIN", "command"],
    ]);
    const audit = await app.cadence.db.auditLog.findMany({ where: { action: "seat.stage" }, orderBy: { id: "asc" } });
    expect(audit.map((row) => [row.actor, JSON.parse(row.before!), JSON.parse(row.after!)])).toEqual([
      ["UADMIN", { stage: "pilot" }, { stage: "shadow", reason: "Pilot looked fine", via: "command" }],
      ["UADMIN", { stage: "shadow" }, { stage: "production", reason: "override: the board asked", via: "command" }],
    ]);
    const history = JSON.stringify(await app.commandAll("/cadence", 'seat history "Support triage agent"'));
    expect(history).toContain("shadow → *production* by <@UADMIN> (command) — “override: the board asked”");
  });

  it.each([
    ['seat stage "Support triage agent" launched', /unknown stage `launched`: expected one of pilot, shadow, production, paused, retired/],
    ['seat stage "Finance" paused', /"Finance" is a human seat; only AI seats have stages/],
    ['seat stage "Nobody" paused', /no seat named "Nobody"/],
    ['seat stage "Support triage agent" pilot', /already in pilot/],
    ['seat stage "Support triage agent" paused because', /put the reason in one pair of quotes/],
    ['seat history "Finance"', /is a human seat/],
  ])("refuses `/cadence %s` in one line and writes nothing", async (text, expected) => {
    await expectOneLineRefusal(app, text, expected);
  });

  it("refuses non-admins and writes nothing", async () => {
    const before = await snapshotDatabase(app.cadence.db);
    expect(await app.command("/cadence", 'seat stage "Support triage agent" paused', "UAGENTOWNER")).toMatch(/only Cadence admins/);
    expect(await snapshotDatabase(app.cadence.db)).toEqual(before);
  });

  it("asks a paused seat for nothing and opens no missing issue for it, shows it as paused, and resumes it all", async () => {
    await app.command("/cadence", 'kpi add "Support triage agent" "Resolution rate" >= 85 percent');
    await app.command("/cadence", 'kpi add "Finance" "Books closed" = yes');
    await app.command("/cadence", 'seat stage "Support triage agent" paused "Wrong answers in tier 1"');
    app.clock.set("2026-11-23T10:00:00Z"); // Monday of W48: the check-in for W47
    await app.command("/cadence", "run checkins");
    expect(app.slack.dmsTo("UAGENTOWNER")).toHaveLength(0);
    expect(app.slack.dmsTo("UFIN")).toHaveLength(1);
    app.clock.set("2026-11-24T12:30:00Z"); // past the deadline
    await app.command("/cadence", "run drift");
    const issues = await app.cadence.db.issue.findMany();
    expect(issues.map((issue) => issue.source)).toEqual(["missing"]);
    const scorecard = JSON.stringify(await app.commandAll("/scorecard", ""));
    expect(scorecard).toContain("[AI] Support triage agent (paused)");
    await app.command("/cadence", "run digest");
    expect(JSON.stringify(app.slack.messages(CHANNEL))).toContain("Support triage agent* · :double_vertical_bar: paused");

    await app.command("/cadence", 'seat stage "Support triage agent" pilot "Fixed the prompt"');
    app.clock.set("2026-11-30T10:00:00Z"); // the next Monday: the check-in for W48 asks the agent's owner again
    await app.command("/cadence", "run checkins");
    expect(app.slack.dmsTo("UAGENTOWNER")).toHaveLength(1);
  });
});

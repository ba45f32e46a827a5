// /cadence set-up commands, driven over signed HTTP against the running app and the fake Slack.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ADMIN, bootApp, type BootedApp } from "../support/boot-app";
import { snapshotDatabase } from "../support/db-snapshot";

let app: BootedApp;

beforeEach(async () => {
  app = await bootApp();
  app.slack.addUser({ id: "UOWNER", name: "omar", tz: "Europe/Berlin" });
  app.slack.addUser({ id: "UMEMBER", name: "mia", tz: "UTC" });
  app.slack.addUser({ id: "UBOTTY", name: "botty", is_bot: true });
});
afterEach(async () => app.stop());

describe("/cadence set-up", () => {
  it("/cadence status shows the doctor's checks against Slack and the weekly loop's last runs", async () => {
    await app.command("/cadence", "seat add Finance <@UOWNER> human");
    await app.command("/cadence", 'kpi add Finance "Cash" >= 25000 currency');
    await app.command("/cadence", "run checkins");
    const status = JSON.stringify(await app.commandAll("/cadence", "status"));
    expect(status).toContain("✓ bot token: works");
    expect(status).toContain("✓ channel: #cadence");
    expect(status).toMatch(/check-in DMs: 2026-W\d\d, last at/);
    expect(status).toContain("digest: not run yet");
    expect(await app.command("/cadence", "status", "UMEMBER")).toMatch(/only Cadence admins/);
  });

  it("adds seats and KPIs with every goal form and unit, and lists them", async () => {
    expect(await app.command("/cadence", 'seat add "Support triage agent" <@UOWNER|omar> agent "Answers tier-1 tickets within the hour"')).toContain(
      "Added seat",
    );
    expect(await app.command("/cadence", "seat add Finance <@UOWNER> human")).toContain("Added seat");
    const kpis = [
      ['"Support triage agent" "Resolution rate" >= 85 percent', "≥ 85%"],
      ['"Support triage agent" "First response" <= 1h 30m duration', "≤ 1h 30m"],
      ['"Support triage agent" "Escalations" between 2 and 4', "between 2 and 4"],
      ['Finance "Cash" >= 25000 currency', "≥ $25,000"],
      ['Finance "Books closed" = yes', "= yes"],
      ['Finance "Open invoices" <= 30 number', "≤ 30"],
    ];
    for (const [text, goal] of kpis) expect(await app.command("/cadence", `kpi add ${text}`)).toContain(goal);

    const seatList = await app.command("/cadence", "seat list");
    expect(seatList).toContain("2 seats");
    const [listing] = await app.commandAll("/cadence", "seat list");
    const rendered = JSON.stringify(listing.blocks);
    expect(rendered).toContain("Support triage agent");
    expect(rendered).toContain("(AI agent)");
    expect(rendered).toContain("<@UOWNER>");
    expect(rendered).toContain("Answers tier-1 tickets within the hour");
    expect(rendered).toContain("Resolution rate — goal ≥ 85%");

    const kpiList = JSON.stringify((await app.commandAll("/cadence", "kpi list"))[0]);
    expect(kpiList).toContain("6 KPIs");
    expect(kpiList).toContain("between 2 and 4");

    const kpiRows = await app.cadence.db.kpi.findMany({ orderBy: { id: "asc" } });
    expect(kpiRows.map((row) => [row.goalOp, row.goalA, row.goalB, row.unit])).toEqual([
      [">=", 85, null, "percent"],
      ["<=", 90, null, "duration"],
      ["between", 2, 4, "number"],
      [">=", 25000, null, "currency"],
      ["=", 1, null, "yes/no"],
      ["<=", 30, null, "number"],
    ]);
    // Every change is in the audit log with who made it.
    const audit = await app.cadence.db.auditLog.findMany();
    expect(audit).toHaveLength(8);
    expect(audit.every((row) => row.actor === ADMIN)).toBe(true);
  });

  it("changes a seat's owner and archives a seat", async () => {
    await app.command("/cadence", 'seat add "Invoice matcher" <@UOWNER> agent');
    expect(await app.command("/cadence", 'seat owner "invoice matcher" <@UMEMBER|mia>')).toContain("now owned by <@UMEMBER>");
    expect(await app.command("/cadence", 'seat archive "Invoice matcher"')).toContain("Archived");
    const seat = await app.cadence.db.seat.findFirstOrThrow();
    expect(seat.ownerId).toBe("UMEMBER");
    expect(seat.archivedAt).not.toBeNull();
    expect(await app.command("/cadence", "seat list")).toContain("No seats yet");
    const ownerChange = await app.cadence.db.auditLog.findFirstOrThrow({ where: { action: "seat.owner" } });
    expect(JSON.parse(ownerChange.before!)).toEqual({ ownerId: "UOWNER" });
    expect(JSON.parse(ownerChange.after!)).toEqual({ ownerId: "UMEMBER" });
  });

  it("answers help to anyone", async () => {
    expect(await app.command("/cadence", "help", "UMEMBER")).toBe("Cadence commands");
  });
});

describe("/cadence bad input writes nothing", () => {
  beforeEach(async () => {
    await app.command("/cadence", 'seat add "Support triage agent" <@UOWNER> agent');
    await app.command("/cadence", 'kpi add "Support triage agent" "Resolution rate" >= 85 percent');
  });

  const cases: [string, string, RegExp][] = [
    ["unknown sub-command", "frobnicate", /unknown command `frobnicate`/],
    ["unknown seat action", "seat explode", /expected `\/cadence seat add\|list\|owner\|archive/],
    ["missing quote", 'seat add "Support triage <@UOWNER> agent', /missing closing quote/],
    ["unknown seat", 'kpi add "Nope" "X" >= 1', /no seat named "Nope"/],
    ["duplicate KPI", 'kpi add "Support triage agent" "resolution RATE" >= 90 percent', /already has a KPI named "Resolution rate"/],
    ["target not a number", 'kpi add "Support triage agent" "Tickets" >= lots', /"lots" is not a number/],
    ["between reversed", 'kpi add "Support triage agent" "Tickets" between 5 and 2', /lower bound must not exceed the upper bound/],
    ["mention that is not a user", 'seat add "Ghost seat" <@UNOBODY> human', /<@UNOBODY> is not a user in this workspace/],
    ["a bot as owner", 'seat add "Bot seat" <@UBOTTY> agent', /is a bot/],
    ["owner that is not a mention", 'seat add "Plain seat" omar human', /`omar` is not a user mention/],
    ["bad kind", 'seat add "Robot" <@UOWNER> robot', /kind must be `agent` or `human`/],
    ["duplicate seat", 'seat add "support TRIAGE agent" <@UOWNER> agent', /already exists/],
    ["unknown unit", 'kpi add "Support triage agent" "Tickets" >= 5 bananas', /unknown unit `bananas`/],
    ["missing goal", 'kpi add "Support triage agent" "Tickets"', /goal is missing/],
    ["bad run job", "run everything", /expected `\/cadence run checkins\|reminders\|drift\|digest`/],
  ];

  it.each(cases)("%s", async (_name, text, expected) => {
    const before = await snapshotDatabase(app.cadence.db);
    const answer = await app.command("/cadence", text);
    expect(answer).toMatch(expected);
    expect(answer.split("\n")).toHaveLength(1);
    expect(await snapshotDatabase(app.cadence.db)).toEqual(before);
  });

  it("refuses a non-admin and writes nothing", async () => {
    const before = await snapshotDatabase(app.cadence.db);
    const answer = await app.command("/cadence", 'seat add "Sneaky" <@UMEMBER> human', "UMEMBER");
    expect(answer).toMatch(/only Cadence admins/);
    expect(await snapshotDatabase(app.cadence.db)).toEqual(before);
    // The attempt itself is noted: who tried what, and why it was refused.
    const noted = await app.cadence.db.auditLog.findMany({ where: { action: "refused" } });
    expect(noted.map((row) => [row.actor, JSON.parse(row.after!)])).toEqual([["UMEMBER", { attempted: "cadence.seat.add", reason: "not a Cadence admin" }]]);
  });

  it("notes a job run by hand in the audit log, with its report", async () => {
    app.clock.set("2026-11-24T12:30:00Z");
    await app.command("/cadence", "run digest");
    const row = await app.cadence.db.auditLog.findFirstOrThrow({ where: { action: "job.run" } });
    expect([row.actor, row.entity, row.entityId, JSON.parse(row.after!).week]).toEqual([ADMIN, "job", "digest:2026-W47", "2026-W47"]);
  });
});

describe("workspace admins when CADENCE_ADMINS is empty", () => {
  it("lets a workspace admin set up and refuses a member", async () => {
    const open = await bootApp({ env: { CADENCE_ADMINS: "" }, slack: app.slack });
    try {
      open.slack.addUser({ id: "UWSADMIN", name: "wanda", is_admin: true });
      expect(await open.command("/cadence", 'seat add "Ops" <@UOWNER> human', "UWSADMIN")).toContain("Added seat");
      expect(await open.command("/cadence", 'seat add "Ops2" <@UOWNER> human', "UMEMBER")).toMatch(/only Cadence admins/);
    } finally {
      await open.stop();
    }
  });
});

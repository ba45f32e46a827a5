// The weekly check-in over HTTP against the fake Slack: one DM per owner per week at their local time.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ACTIONS } from "../../src/messages/ids";
import { bootApp, type BootedApp } from "../support/boot-app";
import { snapshotDatabase } from "../support/db-snapshot";
import { clickButton, sendDm, submitView } from "../support/interactions";
import { addSeats } from "../../tools/testkit/team-builder";

let app: BootedApp;

const OWNERS = [
  { id: "UNYC", name: "nina", tz: "America/New_York" },
  { id: "UBER", name: "bernd", tz: "Europe/Berlin" },
  { id: "UKOL", name: "kavya", tz: "Asia/Kolkata" },
];

async function seedTeam(target: BootedApp): Promise<void> {
  for (const owner of OWNERS) target.slack.addUser(owner);
  target.slack.addUser({ id: "UOTHER", name: "otto", tz: "UTC" });
  await addSeats(
    target.cadence.db,
    [
      {
        name: "Support triage agent",
        ownerId: "UNYC",
        kind: "agent",
        kpis: [
          { name: "Resolution rate", goal: ">= 85 percent" },
          { name: "First response", goal: "<= 1h duration" },
        ],
      },
      { name: "Finance", ownerId: "UBER", kpis: [{ name: "Books closed", goal: "= yes" }] },
      { name: "Lead qualifier", ownerId: "UKOL", kind: "agent", kpis: [{ name: "Qualified leads", goal: ">= 40" }] },
      // An owner whose only seat has no KPI is never asked.
      { name: "Idle seat", ownerId: "UOTHER" },
    ],
    { at: target.clock.now },
  );
}

const dmCounts = (target: BootedApp) => Object.fromEntries([...OWNERS, { id: "UOTHER" }].map((owner) => [owner.id, target.slack.dmsTo(owner.id).length]));

async function tickAt(target: BootedApp, iso: string): Promise<void> {
  target.clock.set(iso);
  await target.cadence.tick();
}

beforeEach(async () => {
  app = await bootApp();
  await seedTeam(app);
});
afterEach(async () => app.stop());

describe("check-in timing", () => {
  it("DMs each owner once at their local Monday 09:00 in a week when New York changes to daylight time", async () => {
    // Week 2026-W10 ends Sunday 2026-03-08, the day New York moves to EDT (UTC-4).
    await tickAt(app, "2026-03-09T03:29:00Z");
    expect(dmCounts(app)).toEqual({ UNYC: 0, UBER: 0, UKOL: 0, UOTHER: 0 });
    await tickAt(app, "2026-03-09T03:30:00Z"); // 09:00 in Kolkata (UTC+5:30)
    expect(dmCounts(app)).toEqual({ UNYC: 0, UBER: 0, UKOL: 1, UOTHER: 0 });
    await tickAt(app, "2026-03-09T07:59:00Z");
    expect(dmCounts(app)).toEqual({ UNYC: 0, UBER: 0, UKOL: 1, UOTHER: 0 });
    await tickAt(app, "2026-03-09T08:00:00Z"); // 09:00 in Berlin (CET, UTC+1)
    expect(dmCounts(app)).toEqual({ UNYC: 0, UBER: 1, UKOL: 1, UOTHER: 0 });
    await tickAt(app, "2026-03-09T12:59:00Z"); // 08:59 in New York, already on EDT
    expect(dmCounts(app)).toEqual({ UNYC: 0, UBER: 1, UKOL: 1, UOTHER: 0 });
    await tickAt(app, "2026-03-09T13:00:00Z");
    expect(dmCounts(app)).toEqual({ UNYC: 1, UBER: 1, UKOL: 1, UOTHER: 0 });
    await tickAt(app, "2026-03-09T18:00:00Z");
    expect(dmCounts(app)).toEqual({ UNYC: 1, UBER: 1, UKOL: 1, UOTHER: 0 });

    const dm = app.slack.dmsTo("UNYC")[0];
    const rendered = JSON.stringify(dm.blocks);
    expect(rendered).toContain("2026-W10 (Mar 2 – Mar 8)");
    expect(rendered).toContain("Support triage agent* (AI agent)");
    expect(rendered).toContain("Resolution rate — goal ≥ 85%");
    expect(rendered).toContain(ACTIONS.openCheckinForm);
  });

  it("follows Berlin's change to summer time in week 2026-W13", async () => {
    await tickAt(app, "2026-03-30T06:59:00Z"); // 08:59 CEST
    expect(app.slack.dmsTo("UBER")).toHaveLength(0);
    await tickAt(app, "2026-03-30T07:00:00Z"); // 09:00 CEST (UTC+2 since 2026-03-29)
    expect(app.slack.dmsTo("UBER")).toHaveLength(1);
    expect(JSON.stringify(app.slack.dmsTo("UBER")[0].blocks)).toContain("2026-W13");
  });

  it("catches up after downtime in the same week, but not after the deadline", async () => {
    await tickAt(app, "2026-11-24T11:59:00Z"); // Tuesday, a minute before the deadline: all catch up
    expect(dmCounts(app)).toEqual({ UNYC: 1, UBER: 1, UKOL: 1, UOTHER: 0 });

    const late = await bootApp();
    try {
      await seedTeam(late);
      await tickAt(late, "2026-11-24T12:00:00Z"); // the deadline has passed: too late to ask
      expect(dmCounts(late)).toEqual({ UNYC: 0, UBER: 0, UKOL: 0, UOTHER: 0 });
    } finally {
      await late.stop();
    }
  });
});

describe("never two DMs", () => {
  it("survives repeated ticks, /cadence run twice, concurrent runs and a restart", async () => {
    app.clock.set("2026-11-23T15:00:00Z");
    await Promise.all([app.cadence.tick(), app.cadence.tick(), app.command("/cadence", "run checkins"), app.command("/cadence", "run checkins")]);
    expect(dmCounts(app)).toEqual({ UNYC: 1, UBER: 1, UKOL: 1, UOTHER: 0 });
    const second = await app.command("/cadence", "run checkins");
    expect(second).toContain("0 sent");
    await app.restart();
    await app.cadence.tick();
    await app.command("/cadence", "run checkins");
    expect(dmCounts(app)).toEqual({ UNYC: 1, UBER: 1, UKOL: 1, UOTHER: 0 });
    expect(await app.cadence.db.checkIn.count({ where: { sentAt: { not: null } } })).toBe(3);
  });

  it("delays a DM on a 429 with Retry-After and loses none", async () => {
    app.slack.failNext("chat.postMessage", { status: 429, retryAfter: 1 }, 2);
    app.clock.set("2026-11-23T15:00:00Z");
    const started = Date.now();
    await app.cadence.tick();
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(dmCounts(app)).toEqual({ UNYC: 1, UBER: 1, UKOL: 1, UOTHER: 0 });
    expect(app.slack.callsTo("chat.postMessage").filter((call) => call.error === "ratelimited")).toHaveLength(2);
  });

  it("retries on a later tick when Slack keeps failing, still sending one DM", async () => {
    app.slack.failNext("chat.postMessage", { status: 500 }, 40);
    app.clock.set("2026-11-23T15:00:00Z");
    await app.cadence.tick();
    expect(dmCounts(app)).toEqual({ UNYC: 0, UBER: 0, UKOL: 0, UOTHER: 0 });
    app.slack.reset();
    app.clock.advance(60_000);
    await app.cadence.tick();
    expect(dmCounts(app)).toEqual({ UNYC: 1, UBER: 1, UKOL: 1, UOTHER: 0 });
  });
});

describe("answering", () => {
  beforeEach(async () => {
    app.clock.set("2026-11-23T15:00:00Z"); // week 2026-W47 is being asked for
    await app.cadence.tick();
  });

  async function openForm(userId: string, ownerId = "UNYC") {
    const { triggerId } = await clickButton(app, { userId, actionId: ACTIONS.openCheckinForm, value: JSON.stringify({ week: "2026-W47", ownerId }) });
    return app.slack.waitFor(() => [...app.slack.views.values()].find((view) => view.trigger_id === triggerId)?.view);
  }

  it("stores form values, updates the DM with on/off marks, and keeps the replaced value in the audit log", async () => {
    const form = await openForm("UNYC");
    expect(form.callback_id).toBe("checkin_form");
    const kpis = await app.cadence.db.kpi.findMany({ where: { seat: { ownerId: "UNYC" } }, orderBy: { id: "asc" } });
    const answer = await submitView(app, { userId: "UNYC", view: form, values: { [`kpi_${kpis[0].id}`]: "91%", [`kpi_${kpis[1].id}`]: "1h 30m" } });
    expect(answer.status).toBe(200);
    expect(answer.text).toBe("");
    const entries = await app.cadence.db.entry.findMany({ orderBy: { kpiId: "asc" } });
    expect(entries.map((entry) => [entry.value, entry.source, entry.enteredBy, entry.week])).toEqual([
      [91, "form", "UNYC", "2026-W47"],
      [90, "form", "UNYC", "2026-W47"],
    ]);
    const update = await app.slack.waitFor(() => app.slack.callsTo("chat.update").at(-1));
    const blocks = JSON.stringify(update.params.blocks);
    expect(blocks).toContain(":large_green_circle: Resolution rate: *91%*");
    expect(blocks).toContain(":red_circle: First response: *1h 30m* (off track");

    // A second value for the same week replaces the first; the audit log keeps both.
    const again = await openForm("UNYC");
    await submitView(app, { userId: "UNYC", view: again, values: { [`kpi_${kpis[0].id}`]: "80" } });
    const replaced = await app.cadence.db.entry.findUniqueOrThrow({ where: { kpiId_week: { kpiId: kpis[0].id, week: "2026-W47" } } });
    expect(replaced.value).toBe(80);
    const audit = await app.cadence.db.auditLog.findMany({ where: { entity: "entry", entityId: `${kpis[0].id}:2026-W47` }, orderBy: { id: "asc" } });
    expect(audit.map((row) => [row.action, JSON.parse(row.after!).value])).toEqual([
      ["entry.add", 91],
      ["entry.replace", 80],
    ]);
    expect(JSON.parse(audit[1].before!).value).toBe(91);
  });

  it.each(["abc", "1,2,3", "NaN", "1e999", "Infinity", "12 tickets"])("refuses %s inside the form and stores nothing", async (bad) => {
    const form = await openForm("UNYC");
    const kpis = await app.cadence.db.kpi.findMany({ where: { seat: { ownerId: "UNYC" } }, orderBy: { id: "asc" } });
    const before = await snapshotDatabase(app.cadence.db);
    const answer = await submitView(app, { userId: "UNYC", view: form, values: { [`kpi_${kpis[0].id}`]: bad, [`kpi_${kpis[1].id}`]: "30m" } });
    expect(answer.body.response_action).toBe("errors");
    expect(answer.body.errors[`kpi_${kpis[0].id}`]).toMatch(/is not a percentage/);
    expect(await snapshotDatabase(app.cadence.db)).toEqual(before);
  });

  it("refuses a non-owner at the button and at submission", async () => {
    const notice = await openForm("UOTHER");
    expect(notice.callback_id).toBe("notice");
    expect(JSON.stringify(notice.blocks)).toContain("Only <@UNYC>");
    const form = await openForm("UNYC");
    const kpis = await app.cadence.db.kpi.findMany({ where: { seat: { ownerId: "UNYC" } }, orderBy: { id: "asc" } });
    const before = await snapshotDatabase(app.cadence.db);
    const answer = await submitView(app, { userId: "UOTHER", view: form, values: { [`kpi_${kpis[0].id}`]: "99" } });
    expect(answer.body.response_action).toBe("errors");
    expect(JSON.stringify(answer.body.errors)).toContain("only <@UNYC>");
    expect(await snapshotDatabase(app.cadence.db)).toEqual(before);
  });

  it("records a DM reply, by order or by name, once however often Slack retries", async () => {
    await sendDm(app, { userId: "UNYC", text: "92%\n45m", eventId: "Ev1" });
    await sendDm(app, { userId: "UNYC", text: "92%\n45m", eventId: "Ev1", retryNum: 1 });
    await sendDm(app, { userId: "UNYC", text: "92%\n45m", eventId: "Ev1", retryNum: 2 });
    await app.idle();
    const reply = app.slack.dmsTo("UNYC").find((message) => message.text?.includes("Recorded"))!;
    expect(reply.text).toContain("Resolution rate: 92%");
    expect(reply.text).toContain("First response: 45m");
    expect(app.slack.dmsTo("UNYC").filter((message) => message.text?.includes("Recorded"))).toHaveLength(1);
    const entries = await app.cadence.db.entry.findMany({ orderBy: { kpiId: "asc" } });
    expect(entries.map((entry) => [entry.value, entry.source])).toEqual([
      [92, "dm"],
      [45, "dm"],
    ]);

    await sendDm(app, { userId: "UBER", text: "Books closed: yes", eventId: "Ev2" });
    await app.slack.waitFor(() => app.slack.dmsTo("UBER").find((message) => message.text?.includes("Recorded")));
    expect((await app.cadence.db.entry.findFirstOrThrow({ where: { enteredBy: "UBER" } })).value).toBe(1);
  });

  it("says what it could not read in a reply and stores nothing for it", async () => {
    const before = await snapshotDatabase(app.cadence.db);
    await sendDm(app, { userId: "UNYC", text: "abc\n1e999", eventId: "Ev3" });
    const reply = await app.slack.waitFor(() => app.slack.dmsTo("UNYC").find((message) => message.text?.includes("could not read")));
    expect(reply.text).toContain('Resolution rate: "abc" is not a percentage');
    expect(reply.text).toContain('First response: "1e999" is not a duration');
    expect(await snapshotDatabase(app.cadence.db)).toEqual(before);
  });

  it("records with /scorecard set for the owner or an admin, and refuses others", async () => {
    expect(await app.command("/scorecard", 'set "Qualified leads" 42', "UKOL")).toContain("Recorded *Qualified leads* = 42 for 2026-W47");
    expect(await app.command("/scorecard", 'set "Qualified leads" 38 2026-W46', "UADMIN")).toContain("for 2026-W46");
    const before = await snapshotDatabase(app.cadence.db);
    expect(await app.command("/scorecard", 'set "Qualified leads" 50', "UOTHER")).toMatch(/only <@UKOL>/);
    expect(await app.command("/scorecard", 'set "Qualified leads" lots', "UKOL")).toMatch(/"lots" is not a number/);
    expect(await app.command("/scorecard", 'set "Nope" 1', "UKOL")).toMatch(/no active KPI named "Nope"/);
    expect(await snapshotDatabase(app.cadence.db)).toEqual(before);
    const entries = await app.cadence.db.entry.findMany({ orderBy: { week: "asc" } });
    expect(entries.map((entry) => [entry.week, entry.value, entry.source, entry.enteredBy])).toEqual([
      ["2026-W46", 38, "command", "UADMIN"],
      ["2026-W47", 42, "command", "UKOL"],
    ]);
  });
});

describe("reminders", () => {
  it("reminds once, REMIND_AFTER after the DM, only owners still missing numbers", async () => {
    app.clock.set("2026-11-23T15:00:00Z");
    await app.cadence.tick();
    await app.command("/scorecard", 'set "Qualified leads" 42', "UKOL");
    app.clock.set("2026-11-23T18:59:00Z");
    await app.cadence.tick();
    expect(app.slack.messages(app.slack.dmChannelOf("UNYC")).filter((message) => message.thread_ts)).toHaveLength(0);
    app.clock.set("2026-11-23T19:00:00Z");
    await app.cadence.tick();
    await app.cadence.tick();
    await app.command("/cadence", "run reminders");
    const threaded = (owner: string) =>
      app.slack.messages(app.slack.dmChannelOf(owner)).filter((message) => message.thread_ts && message.text?.startsWith("Reminder"));
    expect(threaded("UNYC")).toHaveLength(1);
    expect(threaded("UBER")).toHaveLength(1);
    expect(threaded("UKOL")).toHaveLength(0);
    expect(threaded("UNYC")[0].text).toContain("2 numbers still missing for 2026-W47");
  });
});

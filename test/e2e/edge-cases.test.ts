// Edge cases a review found: each failed before its fix.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ACTIONS } from "../../src/messages/ids";
import type { LocalSlack } from "../../tools/local-slack/server";
import { bootApp, CHANNEL, freshDatabaseUrl, testClock, type BootedApp, startTestSlack } from "../support/boot-app";
import { eventually } from "../support/eventually";
import { clickButton, submitView } from "../support/interactions";

let app: BootedApp;
const extra: BootedApp[] = [];
let sharedSlack: LocalSlack | undefined;

beforeEach(async () => {
  app = await bootApp({ clock: testClock("2026-11-02T10:00:00Z") });
  for (const id of ["UOLD", "UNEW", "UMEMBER"]) app.slack.addUser({ id, name: id.toLowerCase(), tz: "UTC" });
  await app.command("/cadence", 'seat add "Support triage agent" <@UOLD> agent');
  await app.command("/cadence", 'kpi add "Support triage agent" "Resolution rate" >= 85 percent');
  await app.command("/cadence", 'kpi add "Support triage agent" "Cost per ticket" <= 0.01 currency');
  app.clock.set("2026-11-23T09:00:00Z");
});
afterEach(async () => {
  for (const other of extra.splice(0)) await other.stop();
  await app.stop();
  await sharedSlack?.close();
  sharedSlack = undefined;
});

const channelPosts = () => app.slack.messages(CHANNEL).filter((message) => !message.thread_ts);

describe("review fixes", () => {
  it("keeps an issue title out of the post's notification text too", async () => {
    await app.command("/issue", "add <!channel> the build is red", "UMEMBER");
    expect(channelPosts().at(-1)!.text).toBe("#1 &lt;!channel&gt; the build is red");
  });

  it("posts a hand-added issue on a later tick when Slack refused it at first", async () => {
    app.slack.failNext("chat.postMessage", { status: 500 }, 50);
    expect(await app.command("/issue", "add Vendor outage", "UMEMBER")).toContain("Cadence posts it within a minute (no need to add it again)");
    expect(channelPosts()).toHaveLength(0);
    app.slack.reset();
    app.clock.advance(60_000); // the outbox waits a minute after a first failure
    await app.cadence.tick();
    await app.cadence.tick();
    expect(channelPosts().map((post) => post.text)).toEqual(["#1 Vendor outage"]);
  });

  it("gives a KPI's issues to the seat's new owner, not the old one", async () => {
    app.clock.set("2026-11-24T12:30:00Z");
    await app.command("/cadence", "run drift"); // both KPIs missing: two issues owned by UOLD
    await app.command("/cadence", 'seat owner "Support triage agent" <@UNEW>');
    expect(await app.command("/issue", "resolve 1 not mine any more", "UOLD")).toMatch(/only the issue's owner/);
    expect(await app.command("/issue", "resolve 1 entered late", "UNEW")).toContain("Resolved *#1*");
  });

  it("saving the form for one KPI leaves another's precise value and note as they were", async () => {
    await app.command("/scorecard", 'set "Cost per ticket" 0.004', "UOLD");
    const kpis = await app.cadence.db.kpi.findMany({ orderBy: { id: "asc" } });
    await app.cadence.db.entry.update({ where: { kpiId_week: { kpiId: kpis[1].id, week: "2026-W47" } }, data: { note: "vendor discount" } });
    await app.cadence.tick(); // the check-in DM
    const { triggerId } = await clickButton(app, {
      userId: "UOLD",
      actionId: ACTIONS.openCheckinForm,
      value: JSON.stringify({ week: "2026-W47", ownerId: "UOLD" }),
    });
    const form = await app.slack.waitFor(() => [...app.slack.views.values()].find((view) => view.trigger_id === triggerId)?.view);
    await submitView(app, { userId: "UOLD", view: form, values: { [`kpi_${kpis[0].id}`]: "90" } });
    const cost = await app.cadence.db.entry.findUniqueOrThrow({ where: { kpiId_week: { kpiId: kpis[1].id, week: "2026-W47" } } });
    expect([cost.value, cost.note]).toEqual([0.004, "vendor discount"]);
    expect(await app.cadence.db.auditLog.count({ where: { action: "entry.replace" } })).toBe(0);
  });

  it("does not repost or re-date a digest when it is run again after the data changed", async () => {
    app.clock.set("2026-11-24T13:00:00Z");
    await app.command("/cadence", "run digest");
    const first = await app.cadence.db.digest.findFirstOrThrow();
    const digestParts = () => app.slack.messages(CHANNEL).filter((message) => String(message.metadata?.event_payload?.key ?? "").startsWith("digest:")).length;
    const before = digestParts();
    expect(before).toBeGreaterThan(1);
    await app.command("/issue", "add A new problem", "UMEMBER");
    app.clock.set("2026-11-25T09:00:00Z");
    expect(await app.command("/cadence", "run digest")).toContain("0 sent");
    await app.cadence.tick();
    expect(digestParts()).toBe(before);
    expect((await app.cadence.db.digest.findFirstOrThrow()).postedAt).toEqual(first.postedAt);
  });

  it("does not list a KPI added after the week ended as a missed check-in", async () => {
    await app.command("/scorecard", 'set "Resolution rate" 90', "UOLD");
    await app.command("/scorecard", 'set "Cost per ticket" 0.005', "UOLD");
    await app.command("/cadence", 'kpi add "Support triage agent" "Escalations" <= 4'); // added Monday of W48
    app.clock.set("2026-11-24T13:00:00Z");
    await app.command("/cadence", "run digest");
    const digest = JSON.stringify(channelPosts().find((post) => post.text?.startsWith("Weekly digest"))!.blocks);
    expect(digest).toContain("*0* missing");
    expect(digest).toContain("Everyone checked in.");
    expect(digest).toContain(":new: *Escalations* added this week");
  });

  it("takes the scheduler over when the instance that ran it stops", async () => {
    sharedSlack = await startTestSlack();
    const databaseUrl = freshDatabaseUrl();
    const first = await bootApp({ slack: sharedSlack, databaseUrl, heartbeatMs: 50 });
    const second = await bootApp({ slack: sharedSlack, databaseUrl, heartbeatMs: 50 });
    extra.push(second);
    expect([first.cadence.schedulerRunning, second.cadence.schedulerRunning]).toEqual([true, false]);
    await first.stop();
    await eventually(async () => second.cadence.schedulerRunning);
  });
});

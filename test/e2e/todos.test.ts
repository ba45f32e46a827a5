// `/todo` over signed HTTP, to-dos from resolving an issue (command and form), their Done buttons in the
// check-in DM, the digest's completion rate and overdue list, and the home tab.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ACTIONS } from "../../src/messages/ids";
import { bootApp, CHANNEL, testClock, type BootedApp } from "../support/boot-app";
import { eventually } from "../support/eventually";
import { clickButton, submitView } from "../support/interactions";
import { expectRefusedWithoutWrites } from "../support/refusal";

let app: BootedApp;

beforeEach(async () => {
  app = await bootApp({ clock: testClock("2026-11-02T10:00:00Z") });
  for (const [id, name] of [
    ["UANA", "ana"],
    ["UBEN", "ben"],
  ])
    app.slack.addUser({ id, name, tz: "UTC" });
});
afterEach(async () => app.stop());

const todos = () => app.cadence.db.todo.findMany({ orderBy: { id: "asc" } });

describe("/todo", () => {
  it("adds with the caller and seven days as defaults, lists, and closes for its owner or an admin", async () => {
    expect(await app.command("/todo", "add Call the bank", "UANA")).toBe(":ballot_box_with_check: Added *T1* Call the bank for <@UANA>, due 2026-11-09.");
    expect(await app.command("/todo", "add Book the venue <@UBEN> due 2026-12-04")).toBe(
      ":ballot_box_with_check: Added *T2* Book the venue for <@UBEN>, due 2026-12-04.",
    );
    const list = JSON.stringify((await app.commandAll("/todo", "list", "UBEN"))[0].blocks);
    expect(list).toContain("To-dos (2 open)");
    expect(list).toContain("*T1* Call the bank · <@UANA> · due 2026-11-09");
    expect(await app.command("/todo", "done T1", "UANA")).toBe(":white_check_mark: *T1* is done.");
    expect(await app.command("/todo", "drop 2")).toBe(":wastebasket: Dropped *T2*.");
    expect((await todos()).map((row) => [row.state, row.closedBy])).toEqual([
      ["done", "UANA"],
      ["dropped", "UADMIN"],
    ]);
    expect(await app.cadence.db.auditLog.count({ where: { entity: "todo" } })).toBe(4);
    expect(await app.command("/todo", "")).toBe("No open to-dos.");
  });

  const refusals: Array<{ text: string; user?: string; error: RegExp }> = [
    { text: "add Call the bank due 2026-11-01", error: /the due date 2026-11-01 is in the past \(today is 2026-11-02\)/ },
    { text: "add Call the bank due tomorrow", error: /`tomorrow` is not a date/ },
    { text: "add", error: /the title is missing/ },
    { text: "done T9", error: /there is no to-do T9/ },
    { text: "done P1", error: /with an id like T5 or 5/ },
    { text: "done T1", user: "UBEN", error: /only T1's owner \(<@UANA>\) or a Cadence admin can change it/ },
    { text: "drop T1 now", error: /expected `\/todo drop &lt;id&gt;`/ },
  ];
  it.each(refusals)("/todo $text → a one-line error, nothing written", async (refusal) => {
    await app.command("/todo", "add Call the bank", "UANA");
    await expectRefusedWithoutWrites(app, { command: "/todo", ...refusal });
  });
});

describe("to-dos from resolved issues", () => {
  it("`/issue resolve <id> <note> todo @owner <title>` resolves and adds the to-do; a bad one refuses both", async () => {
    await app.command("/issue", "add Churn is up in the EU", "UANA");
    await expectRefusedWithoutWrites(app, { command: "/issue", text: "resolve 1 Found the cause todo <@UNOBODY> Write the runbook", user: "UANA", error: /./ });
    expect(await app.command("/issue", "resolve #1 Found the cause: a broken invoice email todo <@UBEN|ben> Write the runbook", "UANA")).toBe(
      ":white_check_mark: Resolved *#1*. Added to-do *T1* for <@UBEN>, due 2026-11-09.",
    );
    const issue = await app.cadence.db.issue.findUniqueOrThrow({ where: { id: 1 } });
    expect([issue.state, issue.resolutionNote]).toEqual(["resolved", "Found the cause: a broken invoice email"]);
    expect((await todos()).map((row) => [row.title, row.ownerId, row.issueId, row.dueDate])).toEqual([["Write the runbook", "UBEN", 1, "2026-11-09"]]);
    expect(JSON.stringify((await app.commandAll("/todo", ""))[0].blocks)).toContain("from #1");
  });

  it("the resolve form's optional to-do field adds one owned by whoever resolves", async () => {
    await app.command("/issue", "add Churn is up in the EU", "UANA");
    const { triggerId } = await clickButton(app, { userId: "UANA", actionId: ACTIONS.resolveIssue, value: "1" });
    const form = await app.slack.waitFor(() => [...app.slack.views.values()].find((view) => view.trigger_id === triggerId)?.view);
    expect(JSON.stringify(form.blocks)).toContain("To-do it leads to (optional, due in 7 days)");
    const submitted = await submitView(app, {
      userId: "UANA",
      view: form,
      values: { note: "Fixed the invoice email", todo_title: "Check churn again next week" },
    });
    expect(submitted.status).toBe(200);
    await eventually(async () => (await todos()).length === 1);
    expect((await todos()).map((row) => [row.title, row.ownerId, row.issueId])).toEqual([["Check churn again next week", "UANA", 1]]);
    expect((await app.cadence.db.issue.findUniqueOrThrow({ where: { id: 1 } })).state).toBe("resolved");
  });
});

describe("to-dos in the loop", () => {
  it("lists open to-dos in the check-in DM with Done buttons, reports completion and overdue ones in the digest, and shows them at home", async () => {
    await app.command("/cadence", 'seat add "Sales" <@UANA> human');
    await app.command("/cadence", 'kpi add "Sales" "Deals" >= 5');
    await app.command("/todo", "add Call the bank due 2026-11-18", "UANA");
    await app.command("/todo", "add Send the deck due 2026-11-20", "UANA");
    await app.command("/todo", "add Book the venue <@UBEN> due 2026-12-04");
    await app.command("/priority", 'add "Launch EU pricing"', "UANA");
    app.clock.set("2026-11-23T09:00:00Z");
    await app.cadence.tick();
    const [dm] = app.slack.dmsTo("UANA");
    const shown = JSON.stringify(dm.blocks);
    expect(shown).toContain("*Your to-dos* (2)");
    expect(shown).toContain(ACTIONS.todoDone);
    expect(shown).not.toContain("*T3*");

    await clickButton(app, { userId: "UANA", actionId: ACTIONS.todoDone, value: "1", channelId: dm.channel, messageTs: dm.ts });
    await eventually(async () => (await app.cadence.db.todo.findUniqueOrThrow({ where: { id: 1 } })).state === "done");
    await eventually(async () => !JSON.stringify(app.slack.apiMessage(dm.channel!, dm.ts!)?.blocks).includes("*T1*"));

    app.clock.set("2026-11-24T13:00:00Z");
    await app.cadence.tick();
    const digest = app.slack.messages(CHANNEL).find((message) => message.text?.startsWith("Weekly digest for 2026-W47"))!;
    const text = JSON.stringify(digest.blocks);
    expect(text).toContain("*To-dos: 1 of 2 due last week done (50%)* · 1 overdue:");
    expect(text).toContain("*T2* Send the deck · <@UANA> · due 2026-11-20");
    expect(text).not.toContain("*T3*");

    await app.client.event({ type: "app_home_opened", user: "UANA", channel: app.slack.dmChannelOf("UANA"), tab: "home" });
    await eventually(async () => JSON.stringify(app.slack.homeOf("UANA")?.blocks ?? "").includes("*Your to-dos* (1)"));
    const home = JSON.stringify(app.slack.homeOf("UANA").blocks);
    expect(home).toContain("*Your priorities* (1)");
    expect(home).toContain("*P1* Launch EU pricing");
    expect(home).toContain("*T2* Send the deck");
  });
});

describe("the owner's home tab, right after /todo", () => {
  it("shows a to-do as soon as it is added, and drops it once it is done", async () => {
    await app.client.event({ type: "app_home_opened", user: "UBEN", channel: app.slack.dmChannelOf("UBEN"), tab: "home" });
    await app.cadence.idle();
    await app.command("/todo", "add Call the bank <@UBEN>", "UANA");
    await app.cadence.idle();
    expect(JSON.stringify(app.slack.homeOf("UBEN"))).toContain("Call the bank");
    await app.command("/todo", "done T1", "UBEN");
    await app.cadence.idle();
    expect(JSON.stringify(app.slack.homeOf("UBEN"))).not.toContain("Call the bank");
  });
});

// `/priority` over signed HTTP, the priorities' buttons in the check-in DM, and their line in the digest.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ACTIONS } from "../../src/messages/ids";
import { bootApp, CHANNEL, testClock, type BootedApp } from "../support/boot-app";
import { expectRefusedWithoutWrites } from "../support/refusal";
import { eventually } from "../support/eventually";
import { clickButton } from "../support/interactions";

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

const priorities = () => app.cadence.db.priority.findMany({ orderBy: { id: "asc" } });

describe("/priority", () => {
  it("adds with the caller and the quarter's end as defaults, lists, and changes state for its owner or an admin", async () => {
    expect(await app.command("/priority", 'add "Launch EU pricing"', "UANA")).toBe(":dart: Added *P1* Launch EU pricing for <@UANA>, due 2026-12-31.");
    expect(await app.command("/priority", "add Hire two engineers <@UBEN> due 2026-12-15")).toBe(
      ":dart: Added *P2* Hire two engineers for <@UBEN>, due 2026-12-15.",
    );
    expect((await priorities()).map((row) => [row.id, row.title, row.ownerId, row.dueDate, row.createdBy])).toEqual([
      [1, "Launch EU pricing", "UANA", "2026-12-31", "UANA"],
      [2, "Hire two engineers", "UBEN", "2026-12-15", "UADMIN"],
    ]);
    const list = JSON.stringify((await app.commandAll("/priority", "", "UBEN"))[0].blocks);
    expect(list).toContain("Priorities: 2 of 2 on track");
    expect(list.indexOf("*P2* Hire two engineers")).toBeLessThan(list.indexOf("*P1* Launch EU pricing")); // soonest due first

    expect(await app.command("/priority", "status P1 off", "UANA")).toBe(":red_circle: *P1* is off track. Opened issue *#1* for it.");
    const issue = await app.cadence.db.issue.findFirstOrThrow();
    expect([issue.source, issue.ownerId, issue.title]).toEqual(["priority", "UANA", "P1 is off track: Launch EU pricing"]);
    await eventually(async () => app.slack.messages(CHANNEL).some((message) => message.text?.includes("P1 is off track")));
    expect(await app.command("/priority", "status 1 on", "UADMIN")).toBe(":large_green_circle: *P1* is on track.");
    expect(await app.command("/priority", "drop P2 hired through the agency")).toBe(":wastebasket: Dropped *P2*.");
    expect(await app.command("/priority", "done p1", "UANA")).toBe(":white_check_mark: *P1* is done.");
    expect((await priorities()).map((row) => [row.state, row.onTrack, row.issueId, row.note, row.closedBy])).toEqual([
      ["done", true, 1, null, "UANA"],
      ["dropped", true, null, "hired through the agency", "UADMIN"],
    ]);
    expect(await app.cadence.db.auditLog.count({ where: { entity: "priority" } })).toBe(6);
    expect(await app.command("/priority", "list")).toBe("No open priorities.");
  });

  const refusals: Array<{ text: string; user?: string; error: RegExp }> = [
    { text: 'add "Ship it" due 2026-11-01', error: /the due date 2026-11-01 is in the past \(today is 2026-11-02\)/ },
    { text: 'add "Ship it" due 2026-13-01', error: /`2026-13-01` is not a date/ },
    { text: "add", error: /the title is missing/ },
    { text: 'add "Ship it" <@UBEN> soon', error: /unexpected `soon`/ },
    { text: "done P9", error: /there is no priority P9/ },
    { text: "done X1", error: /with an id like P3 or 3/ },
    { text: "status P1 maybe", error: /expected `\/priority status &lt;id&gt; on\|off`/ },
    { text: "status P1 off", user: "UBEN", error: /only P1's owner \(<@UANA>\) or a Cadence admin can change it/ },
    { text: "done P1", user: "UBEN", error: /only P1's owner/ },
    { text: "status P1 on", user: "UANA", error: /P1 is already on track/ },
    { text: "frobnicate", error: /unknown command `frobnicate`/ },
  ];
  it.each(refusals)("/priority $text → a one-line error, nothing written", async (refusal) => {
    await app.command("/priority", 'add "Launch EU pricing"', "UANA");
    await expectRefusedWithoutWrites(app, { command: "/priority", ...refusal });
  });
});

describe("priorities in the loop", () => {
  it("lists the owner's priorities in the check-in DM with buttons that change them, and sums them up in the digest", async () => {
    await app.command("/cadence", 'seat add "Sales" <@UANA> human');
    await app.command("/cadence", 'kpi add "Sales" "Deals" >= 5');
    await app.command("/priority", 'add "Launch EU pricing"', "UANA");
    await app.command("/priority", 'add "Renew the big three"', "UANA");
    await app.command("/priority", 'add "Hire two engineers" <@UBEN>');
    app.clock.set("2026-11-23T09:00:00Z");
    await app.cadence.tick();
    const [dm] = app.slack.dmsTo("UANA");
    const shown = JSON.stringify(dm.blocks);
    expect(shown).toContain("*Your priorities* (2)");
    expect(shown).toContain("*P1* Launch EU pricing");
    expect(shown).not.toContain("P3");
    for (const action of [ACTIONS.priorityOnTrack, ACTIONS.priorityOffTrack, ACTIONS.priorityDone]) expect(shown).toContain(action);

    await clickButton(app, { userId: "UANA", actionId: ACTIONS.priorityOffTrack, value: "1", channelId: dm.channel, messageTs: dm.ts });
    await eventually(async () => !(await app.cadence.db.priority.findUniqueOrThrow({ where: { id: 1 } })).onTrack);
    expect((await app.cadence.db.issue.findFirstOrThrow()).source).toBe("priority");
    await eventually(async () => JSON.stringify(app.slack.apiMessage(dm.channel!, dm.ts!)?.blocks).includes(":red_circle: off track · *P1*"));

    await clickButton(app, { userId: "UANA", actionId: ACTIONS.priorityDone, value: "2", channelId: dm.channel, messageTs: dm.ts });
    await eventually(async () => !JSON.stringify(app.slack.apiMessage(dm.channel!, dm.ts!)?.blocks).includes("*P2*"));
    expect((await app.cadence.db.priority.findUniqueOrThrow({ where: { id: 2 } })).state).toBe("done");

    // Someone else's priority cannot be changed from a button either.
    await clickButton(app, { userId: "UANA", actionId: ACTIONS.priorityDone, value: "3", channelId: dm.channel, messageTs: dm.ts });
    await eventually(async () => app.slack.messages(dm.channel!).some((message) => message.text?.includes("only P3's owner")));
    expect((await app.cadence.db.priority.findUniqueOrThrow({ where: { id: 3 } })).state).toBe("open");

    app.clock.set("2026-11-24T13:00:00Z");
    await app.cadence.tick();
    const digest = app.slack.messages(CHANNEL).find((message) => message.text?.startsWith("Weekly digest for 2026-W47"))!;
    const text = JSON.stringify(digest.blocks);
    expect(text).toContain("*Priorities: 1 of 2 on track*");
    expect(text).toContain(":red_circle: off track · *P1* Launch EU pricing · <@UANA> · due 2026-12-31");
  });
});

describe("the owner's home tab", () => {
  it("shows a priority as soon as it is added, and drops it once it is done", async () => {
    await app.client.event({ type: "app_home_opened", user: "UBEN", channel: app.slack.dmChannelOf("UBEN"), tab: "home" });
    await app.cadence.idle();
    await app.command("/priority", "add Hire two engineers <@UBEN> due 2026-12-15", "UANA");
    await app.cadence.idle();
    expect(JSON.stringify(app.slack.homeOf("UBEN"))).toContain("Hire two engineers");
    await app.command("/priority", "done P1", "UBEN");
    await app.cadence.idle();
    expect(JSON.stringify(app.slack.homeOf("UBEN"))).not.toContain("Hire two engineers");
  });
});

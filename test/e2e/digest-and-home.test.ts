// The weekly digest in the channel and each person's App Home, over HTTP against the fake Slack.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { shiftWeek } from "../../src/domain/week";
import { ACTIONS } from "../../src/messages/ids";
import { bootApp, CHANNEL, testClock, type BootedApp } from "../support/boot-app";
import { eventually } from "../support/eventually";
import { clickButton, submitView } from "../support/interactions";

let app: BootedApp;
const DIGEST_TIME = "2026-11-24T13:00:00Z"; // Tuesday 13:00 UTC: the digest for 2026-W47 is due

beforeEach(async () => {
  app = await bootApp({ clock: testClock("2026-11-02T10:00:00Z") });
  for (const [id, name] of [
    ["UAI", "ana"],
    ["UFIN", "fin"],
    ["UMEMBER", "mo"],
  ])
    app.slack.addUser({ id, name, tz: "UTC" });
});
afterEach(async () => app.stop());

async function seedWeek(): Promise<void> {
  await app.command("/cadence", 'seat add "Support triage agent" <@UAI> agent "Answers tier-1 tickets"');
  await app.command("/cadence", 'kpi add "Support triage agent" "Resolution rate" >= 85 percent');
  await app.command("/cadence", 'kpi add "Support triage agent" "Escalations" <= 10');
  await app.command("/cadence", 'seat add "Finance" <@UFIN> human');
  await app.command("/cadence", 'kpi add "Finance" "Books closed" = yes');
  app.clock.set("2026-11-23T09:00:00Z"); // Monday of W48: W45–W47 have all ended
  for (const [week, rate] of [
    ["2026-W45", 90],
    ["2026-W46", 88],
    ["2026-W47", 80],
  ] as const) {
    await app.command("/scorecard", `set "Resolution rate" ${rate} ${week}`, "UAI");
    await app.command("/scorecard", `set "Escalations" 4 ${week}`, "UAI");
  }
  app.clock.set("2026-11-24T12:30:00Z");
  await app.cadence.tick(); // the deadline job: a drift issue (resolution rate) and a missing one (books closed)
  await app.command("/issue", "add Hire a second finance analyst", "UMEMBER");
}

const digestPosts = () => app.slack.messages(CHANNEL).filter((message) => !message.thread_ts && message.text?.startsWith("Weekly digest"));

describe("the weekly digest", () => {
  it("posts once at DIGEST_AT with every section, however often it runs, even after a restart", async () => {
    await seedWeek();
    app.clock.set("2026-11-24T12:59:00Z");
    await app.cadence.tick();
    expect(digestPosts()).toHaveLength(0);
    app.clock.set(DIGEST_TIME);
    await app.cadence.tick();
    await app.cadence.tick();
    await app.command("/cadence", "run digest");
    await app.restart();
    await app.cadence.tick();
    await app.command("/cadence", "run digest");
    expect(digestPosts()).toHaveLength(1);

    const digest = JSON.stringify(digestPosts()[0].blocks);
    expect(digest).toContain("Weekly digest · 2026-W47 (Nov 16 – Nov 22)");
    expect(digest).toContain("*1* on track · :red_circle: *1* off track · :white_circle: *1* missing · *3* issues opened");
    expect(digest).toContain("*Resolution rate* 80% (goal ≥ 85%) `··········█▇▁`");
    expect(digest).toContain("*Open issues* (3 new, 0 older)");
    expect(digest).toContain("Hire a second finance analyst");
    expect(digest).toContain(ACTIONS.resolveIssue);
    expect(digest).toContain("*Did not check in*");
    expect(digest).toContain("<@UFIN> · 1 number missing");
    expect(digest).toContain(
      ":robot_face: *Support triage agent* · :test_tube: pilot (3 weeks in stage) · gate: 2 of 4 weeks on track · open drift issue · owner <@UAI> · on track 83% (4 wk), 83% (13 wk) · 0 weeks in a row on track · 1 open issue",
    );
    expect(digest).toContain("Rate this week's meeting");
    // The full scorecard table is in the thread.
    const thread = app.slack.messages(CHANNEL).filter((message) => message.thread_ts === digestPosts()[0].ts);
    expect(JSON.stringify(thread.map((message) => message.blocks))).toContain("Full scorecard · 2026-W47");
  });

  it("updates the digest when an issue is resolved from its button", async () => {
    await seedWeek();
    app.clock.set(DIGEST_TIME);
    await app.command("/cadence", "run digest");
    const issue = await app.cadence.db.issue.findFirstOrThrow({ where: { source: "manual" } });
    const triggerId = app.slack.newTriggerId("UMEMBER");
    await app.client.interaction({
      type: "block_actions",
      team: { id: "T0001" },
      user: { id: "UMEMBER" },
      api_app_id: "A_CADENCE",
      trigger_id: triggerId,
      response_url: app.slack.newResponseUrl(),
      container: { type: "message", channel_id: CHANNEL, message_ts: digestPosts()[0].ts },
      actions: [{ type: "button", action_id: ACTIONS.resolveIssue, block_id: "x", value: String(issue.id), action_ts: "1" }],
    });
    const form = await app.slack.waitFor(() => [...app.slack.views.values()].find((view) => view.trigger_id === triggerId)?.view);
    await submitView(app, { userId: "UMEMBER", view: form, values: { note: "Offer accepted" } });
    const digestTs = digestPosts()[0].ts;
    const update = await eventually(async () =>
      app.slack.callsTo("chat.update").find((call) => call.params.ts === digestTs && JSON.stringify(call.params.blocks).includes("Offer accepted")),
    );
    expect(JSON.stringify(update.params.blocks)).toContain("*Open issues* (2 new, 0 older)");
    // The issue's own post was updated too.
    expect(
      app.slack
        .callsTo("chat.update")
        .some((call) => call.params.ts === issue.messageTs && JSON.stringify(call.params.blocks).includes("Resolved by <@UMEMBER>")),
    ).toBe(true);
  });

  it("takes one rating per person per week and shows last week's average in the next digest", async () => {
    await seedWeek();
    app.clock.set(DIGEST_TIME);
    await app.command("/cadence", "run digest");
    const vote = (userId: string, score: number) =>
      app.client.interaction({
        type: "block_actions",
        team: { id: "T0001" },
        user: { id: userId },
        api_app_id: "A_CADENCE",
        trigger_id: app.slack.newTriggerId(userId),
        response_url: app.slack.newResponseUrl(),
        container: { type: "message", channel_id: CHANNEL, message_ts: digestPosts()[0].ts },
        actions: [{ type: "button", action_id: `${ACTIONS.rateMeeting}_${score}`, block_id: "digest_rating", value: `2026-W47:${score}`, action_ts: "1" }],
      });
    await vote("UAI", 4);
    await vote("UAI", 8); // replaces the 4
    await vote("UFIN", 6);
    await eventually(
      async () =>
        (await app.cadence.db.meetingRating.findMany()).length === 2 && (await app.cadence.db.meetingRating.findFirst({ where: { userId: "UAI", score: 8 } })),
    );
    expect(await app.cadence.db.meetingRating.count()).toBe(2);

    app.clock.set("2026-12-01T13:00:00Z");
    await app.command("/cadence", "run digest");
    const next = digestPosts().at(-1)!;
    expect(JSON.stringify(next.blocks)).toContain("Last week's meeting: rated *7.0*/10 by 2 people");
  });

  it("holds 100 seats and 300 KPIs within Slack's limits, with every KPI somewhere in it", async () => {
    const db = app.cadence.db;
    app.slack.addUser({ id: "UBIG", name: "big", tz: "UTC" });
    const names: string[] = [];
    for (let seatIndex = 0; seatIndex < 100; seatIndex += 1) {
      const seat = await db.seat.create({
        data: {
          name: `Seat ${seatIndex}`,
          nameKey: `seat ${seatIndex}`,
          kind: seatIndex % 2 ? "agent" : "human",
          ownerId: `UBIG`,
          createdBy: "UADMIN",
          createdAt: new Date("2026-01-01"),
        },
      });
      for (let kpiIndex = 0; kpiIndex < 3; kpiIndex += 1) {
        const name = `Metric ${seatIndex}.${kpiIndex}`;
        names.push(name);
        const kpi = await db.kpi.create({
          data: {
            seatId: seat.id,
            name,
            nameKey: name.toLowerCase(),
            unit: "number",
            goalOp: ">=",
            goalA: 50,
            createdBy: "UADMIN",
            createdAt: new Date("2026-01-01"),
          },
        });
        await db.entry.createMany({
          data: Array.from({ length: 13 }, (_, index) => ({
            kpiId: kpi.id,
            week: shiftWeek("2026-W47", -index),
            value: (seatIndex * 7 + kpiIndex * 13 + index * 5) % 100,
            source: "command",
            enteredBy: "UBIG",
            enteredAt: new Date(),
          })),
        });
      }
    }
    app.clock.set(DIGEST_TIME);
    await app.command("/cadence", "run digest");
    const main = digestPosts()[0];
    const thread = app.slack.messages(CHANNEL).filter((message) => message.thread_ts === main.ts);
    const all = [main, ...thread];
    for (const message of all) {
      expect(message.blocks!.length).toBeLessThanOrEqual(50);
      for (const block of message.blocks as any[]) if (block.text) expect(block.text.text.length).toBeLessThanOrEqual(3000);
    }
    const rendered = all.map((message) => JSON.stringify(message.blocks)).join("");
    for (const name of names) expect(rendered).toContain(name);
    expect(thread.length).toBeGreaterThan(1);
    expect(await app.cadence.db.jobRun.findFirst({ where: { job: "digest", week: "2026-W47", completedAt: { not: null } } })).not.toBeNull();
  });
});

describe("App Home", () => {
  const openHome = async (userId: string) => {
    const before = app.slack.callsTo("views.publish").length;
    await app.client.event({ type: "app_home_opened", user: userId, channel: app.slack.dmChannelOf(userId), tab: "home" });
    await app.slack.waitFor(() => app.slack.callsTo("views.publish").length > before);
    return JSON.stringify(app.slack.homeOf(userId).blocks);
  };

  it("shows an owner their seats, KPIs and issues; an outsider an empty state; an admin the team summary", async () => {
    await seedWeek();
    const owner = await openHome("UAI");
    expect(owner).toContain("Your week · 2026-W47");
    expect(owner).toContain("Support triage agent* (AI agent)");
    expect(owner).toContain(":red_circle: Resolution rate: *80%* · goal ≥ 85%");
    expect(owner).toContain(ACTIONS.openCheckinForm);
    expect(owner).toContain("*Your open issues* (1)");
    expect(owner).not.toContain("Team scorecard");

    const outsider = await openHome("UMEMBER");
    expect(outsider).toContain("You don't own a seat yet");
    expect(outsider).toContain("*Your open issues* (1)"); // the one they opened
    expect(outsider).not.toContain(ACTIONS.openCheckinForm);
    expect(outsider).not.toContain("Team scorecard");

    const admin = await openHome("UADMIN");
    expect(admin).toContain("*Team scorecard* (admin)");
    expect(admin).toContain("2 seats (1 held by AI agents)");
    expect(admin).toContain("/cadence seat add");
  });

  it("refreshes after the owner submits numbers from the home tab", async () => {
    await seedWeek();
    // Numbers from someone who never opened the home tab publish nothing (Slack asks on the next visit).
    await app.command("/scorecard", 'set "Resolution rate" 91 2026-W47', "UAI");
    expect(app.slack.callsTo("views.publish").filter((call) => call.params.user_id === "UAI")).toHaveLength(0);
    await openHome("UFIN");
    expect(JSON.stringify(app.slack.homeOf("UFIN").blocks)).toContain("Books closed: no value yet");
    const { triggerId } = await clickButton(app, {
      userId: "UFIN",
      actionId: ACTIONS.openCheckinForm,
      value: JSON.stringify({ week: "2026-W47", ownerId: "UFIN" }),
    });
    const form = await app.slack.waitFor(() => [...app.slack.views.values()].find((view) => view.trigger_id === triggerId)?.view);
    const kpi = await app.cadence.db.kpi.findFirstOrThrow({ where: { name: "Books closed" } });
    await submitView(app, { userId: "UFIN", view: form, values: { [`kpi_${kpi.id}`]: "1" } });
    await eventually(async () => JSON.stringify(app.slack.homeOf("UFIN").blocks).includes(":large_green_circle: Books closed: *yes*"));
  });
});

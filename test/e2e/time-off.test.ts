// Time off over signed HTTP: `/cadence away|holiday`, `/scorecard away`, and the loop across an away week and a
// team holiday week (no DM, no reminder, no `missing` issue; the digest says away or holiday).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { bootApp, CHANNEL, testClock, type BootedApp } from "../support/boot-app";
import { expectRefusedWithoutWrites } from "../support/refusal";

let app: BootedApp;

const OWNERS = [
  { id: "UAWAY", name: "avery", tz: "UTC" },
  { id: "UHERE", name: "hana", tz: "UTC" },
  // Auckland (UTC+13 in November): its Monday 09:00 is Sunday 20:00 on the team's clock.
  { id: "UAKL", name: "aroha", tz: "Pacific/Auckland" },
  { id: "UAKL2", name: "tama", tz: "Pacific/Auckland" },
];

beforeEach(async () => {
  app = await bootApp({ clock: testClock("2026-11-02T10:00:00Z") });
  for (const owner of OWNERS) app.slack.addUser(owner);
  app.slack.addUser({ id: "UMEMBER", name: "mo", tz: "UTC" });
  for (const [seat, owner, kpi] of [
    ["Sales", "UAWAY", "Deals"],
    ["Support", "UHERE", "Tickets"],
    ["Ops", "UAKL", "Uptime"],
    ["Infra", "UAKL2", "Deploys"],
  ]) {
    await app.command("/cadence", `seat add "${seat}" <@${owner}> human`);
    await app.command("/cadence", `kpi add "${seat}" "${kpi}" >= 5`);
  }
});
afterEach(async () => app.stop());

async function tickAt(iso: string): Promise<void> {
  app.clock.set(iso);
  await app.cadence.tick();
}

const dmCount = (userId: string) => app.slack.dmsTo(userId).length;
// Every bot message in the DM, the reminders in the check-in's thread included.
const botMessagesTo = (userId: string) => app.slack.messages(app.slack.dmChannelOf(userId)).filter((message) => message.bot_id !== undefined).length;
const channelPosts = () => app.slack.messages(CHANNEL).filter((message) => !message.thread_ts);

describe("time off commands", () => {
  it("an admin sets someone away, anyone sets themselves away, a holiday is named, and the list shows them", async () => {
    expect(await app.command("/cadence", 'away <@UAWAY> 2026-11-16 2026-11-22 "Parental leave"')).toBe(
      ":calendar: <@UAWAY> away 2026-11-16 – 2026-11-22 (“Parental leave”). <@UAWAY> is not asked for 2026-W47 (Nov 16 – Nov 22).",
    );
    expect(await app.command("/scorecard", "away 2026-11-18 2026-11-20", "UHERE")).toBe(
      ":calendar: <@UHERE> away 2026-11-18 – 2026-11-20. It covers no whole week (Monday to Sunday), so they are still asked each week.",
    );
    expect(await app.command("/cadence", 'holiday 2026-12-21 2026-12-27 "Winter break"')).toBe(
      ":calendar: :palm_tree: Team holiday *Winter break* 2026-12-21 – 2026-12-27. No check-in, no issues and a one-line digest for 2026-W52 (Dec 21 – Dec 27).",
    );
    const rows = await app.cadence.db.timeOff.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((row) => [row.userId, row.fromDate, row.toDate, row.note, row.createdBy])).toEqual([
      ["UAWAY", "2026-11-16", "2026-11-22", "Parental leave", "UADMIN"],
      ["UHERE", "2026-11-18", "2026-11-20", null, "UHERE"],
      [null, "2026-12-21", "2026-12-27", "Winter break", "UADMIN"],
    ]);
    expect(await app.cadence.db.auditLog.count({ where: { entity: "timeOff" } })).toBe(3);

    app.clock.set("2026-11-19T10:00:00Z");
    const list = await app.commandAll("/cadence", "away list");
    const shown = JSON.stringify(list[0].blocks);
    expect(shown).toContain("Time off from 2026-11-19");
    expect(shown).toContain("<@UAWAY> away 2026-11-16 – 2026-11-22 — “Parental leave”");
    expect(shown).toContain("<@UHERE> away 2026-11-18 – 2026-11-20");
    expect(shown).toContain("Team holiday *Winter break* 2026-12-21 – 2026-12-27");
    app.clock.set("2026-11-23T10:00:00Z"); // the first two are over
    expect(JSON.stringify((await app.commandAll("/cadence", "away list"))[0].blocks)).not.toContain("UAWAY");
  });

  const refusals: Array<{ command: string; text: string; user?: string; error: RegExp }> = [
    { command: "/cadence", text: "away <@UAWAY> 2026-12-02 2026-12-01", error: /ends \(2026-12-01\) before it starts \(2026-12-02\)/ },
    { command: "/cadence", text: "away <@UAWAY> 2026-01-01 2027-01-02", error: /367 days long; at most 366 days/ },
    { command: "/cadence", text: "away UAWAY 2026-12-01 2026-12-02", error: /`UAWAY` is not a user mention/ },
    { command: "/cadence", text: "away <@UAWAY> 2026-12-01 2026-12-02 on leave", error: /put the note in one pair of quotes/ },
    { command: "/cadence", text: "away <@UNOBODY> 2026-12-01 2026-12-02", error: /./ },
    { command: "/cadence", text: "holiday 2026-12-24", error: /both dates are needed/ },
    { command: "/cadence", text: "holiday 2026-12-24 2027-12-26", error: /at most 366 days/ },
    { command: "/cadence", text: "away list now", error: /takes nothing after it/ },
    { command: "/scorecard", text: "away 2026-02-30 2026-03-01", user: "UHERE", error: /`2026-02-30` is not a date/ },
    { command: "/scorecard", text: "away 2026-03-02 2026-03-01", user: "UHERE", error: /before it starts/ },
    { command: "/scorecard", text: "away 2026-03-01 2026-03-02 extra", user: "UHERE", error: /too many words/ },
    { command: "/cadence", text: "away <@UHERE> 2026-12-01 2026-12-31", user: "UMEMBER", error: /only Cadence admins/ },
  ];
  it.each(refusals)("$command $text → a one-line error, nothing written", async (refusal) => expectRefusedWithoutWrites(app, refusal));
});

describe("the loop across an away week and a holiday week", () => {
  it("skips away owners (counted in each owner's own week) and says so in the digest", async () => {
    await app.command("/cadence", 'away <@UAWAY> 2026-11-16 2026-11-22 "Parental leave"');
    await app.command("/scorecard", "away 2026-11-16 2026-11-22", "UAKL"); // all of 2026-W47
    await app.command("/scorecard", "away 2026-11-09 2026-11-15", "UAKL2"); // all of 2026-W46, not W47

    // Monday 09:00 in Auckland: both Auckland owners are due for 2026-W47 while the team's clock is still in W47.
    await tickAt("2026-11-22T20:00:00Z");
    expect(dmCount("UAKL")).toBe(0); // away for the week Auckland just finished
    expect(dmCount("UAKL2")).toBe(1); // away only for the week the team's clock just finished
    expect(JSON.stringify(app.slack.dmsTo("UAKL2")[0].blocks)).toContain("2026-W47");

    await tickAt("2026-11-23T09:00:00Z");
    expect([dmCount("UAWAY"), dmCount("UHERE")]).toEqual([0, 1]);
    await tickAt("2026-11-23T13:00:00Z"); // reminders are due for the UTC owners
    expect([botMessagesTo("UAWAY"), botMessagesTo("UHERE"), botMessagesTo("UAKL")]).toEqual([0, 2, 0]);
    await app.command("/cadence", "run checkins");
    await app.command("/cadence", "run reminders");
    expect([botMessagesTo("UAWAY"), botMessagesTo("UAKL")]).toEqual([0, 0]);

    await tickAt("2026-11-24T12:00:00Z"); // the deadline
    const issues = await app.cadence.db.issue.findMany({ orderBy: { id: "asc" } });
    expect(issues.map((issue) => [issue.source, issue.week, issue.ownerId])).toEqual([
      // The first tick caught up on 2026-W46's deadline: UAKL2 was away that week, the others were not.
      ["missing", "2026-W46", "UAWAY"],
      ["missing", "2026-W46", "UHERE"],
      ["missing", "2026-W46", "UAKL"],
      ["missing", "2026-W47", "UHERE"],
      ["missing", "2026-W47", "UAKL2"],
    ]);

    await tickAt("2026-11-24T13:00:00Z"); // the digest
    const digest = channelPosts().find((message) => message.text?.startsWith("Weekly digest for 2026-W47"))!;
    const shown = JSON.stringify(digest.blocks);
    const section = (title: string) => shown.slice(shown.indexOf(title), shown.indexOf("divider", shown.indexOf(title)));
    expect(section("*Did not check in*")).toContain("<@UHERE>");
    expect(section("*Did not check in*")).toContain("<@UAKL2>");
    expect(section("*Did not check in*")).not.toContain("<@UAWAY>");
    expect(section("*Away this week*")).toContain("<@UAWAY> · away all week");
    expect(section("*Away this week*")).toContain("<@UAKL> · away all week");
    expect(digest.text).toContain("2 missing");
  });

  it("a team holiday week has no check-in, no reminder, no deadline issues, and a one-line digest", async () => {
    await app.command("/cadence", 'holiday 2026-12-21 2026-12-27 "Winter break"');
    await tickAt("2026-12-27T20:00:00Z"); // Monday 09:00 in Auckland
    await tickAt("2026-12-28T09:00:00Z");
    await tickAt("2026-12-28T13:00:00Z");
    expect(OWNERS.map((owner) => dmCount(owner.id))).toEqual([0, 0, 0, 0]);
    expect(await app.command("/cadence", "run checkins")).toContain("Ran checkins for 2026-W52: 0 sent, 4 already done or not needed");
    await tickAt("2026-12-29T12:00:00Z");
    expect(await app.command("/cadence", "run drift")).toContain("Ran drift for 2026-W52: 0 sent");
    // (The first tick caught up on 2026-W51, a working week, whose deadline had passed.)
    expect(await app.cadence.db.issue.count({ where: { week: "2026-W52" } })).toBe(0);
    const postsBefore = channelPosts().length;

    await tickAt("2026-12-29T13:00:00Z");
    const posts = channelPosts().slice(postsBefore);
    expect(posts.map((post) => post.text)).toEqual([
      ":palm_tree: 2026-W52 (Dec 21 – Dec 27) was a team holiday (Winter break): no check-ins, no issues, no digest.",
    ]);
    expect(posts[0].blocks).toHaveLength(1);
    expect(app.slack.messages(CHANNEL).filter((message) => message.thread_ts === posts[0].ts)).toHaveLength(0);

    // The week after is a working week again: everyone is asked.
    await tickAt("2027-01-04T09:00:00Z");
    expect([dmCount("UAWAY"), dmCount("UHERE")]).toEqual([1, 1]);
  });
});

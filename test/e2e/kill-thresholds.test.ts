// Kill thresholds over signed HTTP: a value past one posts a kill issue at once; Pause and Keep going on it.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ACTIONS } from "../../src/messages/ids";
import { clickIssueButton } from "../support/issue-button";
import { bootApp, CHANNEL, testClock, type BootedApp } from "../support/boot-app";
import { snapshotDatabase } from "../support/db-snapshot";
import { eventually } from "../support/eventually";
import { expectOneLineRefusal } from "../support/one-line-refusal";

let app: BootedApp;

beforeEach(async () => {
  app = await bootApp({ clock: testClock("2026-11-10T10:00:00Z") });
  app.slack.addUser({ id: "UAGENTOWNER", name: "ana", tz: "UTC" });
  app.slack.addUser({ id: "UFIN", name: "fin", tz: "UTC" });
  app.slack.addUser({ id: "UMEMBER", name: "mo", tz: "UTC" });
  await app.command("/cadence", 'seat add "Support triage agent" <@UAGENTOWNER> agent');
  await app.command("/cadence", 'kpi add "Support triage agent" "Resolution rate" >= 85 percent');
  await app.command("/cadence", 'seat add "Finance" <@UFIN> human');
  await app.command("/cadence", 'kpi add "Finance" "Books closed" = yes');
  await app.command("/cadence", 'kpi kill "Resolution rate" < 60%');
  app.clock.set("2026-11-23T10:00:00Z");
});
afterEach(async () => app.stop());

const channelPosts = () => app.slack.messages(CHANNEL).filter((message) => !message.thread_ts);

const click = (userId: string, actionId: string, issueId: number, messageTs: string) => clickIssueButton(app, { userId, actionId, issueId, messageTs });

// Slack has the post a moment before the app stores its ts on the issue: wait for both.
async function killIssue() {
  await app.slack.waitFor(() => channelPosts().some((post) => post.text?.includes("kill threshold")));
  const row = await eventually(() => app.cadence.db.issue.findFirst({ where: { source: "kill", messageTs: { not: null } } }));
  return { row, post: channelPosts().find((post) => post.text?.includes("kill threshold"))! };
}

describe("kill thresholds", () => {
  it("posts a kill issue at once, mentioning the owner, with Pause and Keep going; the owner pauses the seat", async () => {
    await app.command("/scorecard", 'set "Resolution rate" 70', "UAGENTOWNER");
    expect(await app.cadence.db.issue.count()).toBe(0); // off goal, but not past the kill threshold
    await app.command("/scorecard", 'set "Resolution rate" 41', "UAGENTOWNER");
    const { row, post } = await killIssue();
    const blocks = JSON.stringify(post.blocks);
    expect(blocks).toContain("owner <@UAGENTOWNER>");
    expect(blocks).toContain("*Resolution rate*: 41% is past its kill threshold (2026-W47)");
    expect(blocks).toContain(ACTIONS.pauseSeat);
    expect(blocks).toContain(ACTIONS.keepGoing);
    expect(blocks).not.toContain(ACTIONS.resolveIssue);

    // Someone else is refused and nothing changes.
    const before = await snapshotDatabase(app.cadence.db);
    await click("UMEMBER", ACTIONS.pauseSeat, row.id, post.ts);
    await app.slack.waitFor(() => app.slack.responses().some((response) => JSON.stringify(response.body).includes("only a Cadence admin or the seat's owner")));
    expect(await snapshotDatabase(app.cadence.db)).toEqual(before);

    await click("UAGENTOWNER", ACTIONS.pauseSeat, row.id, post.ts);
    await app.slack.waitFor(() => app.slack.responses().some((response) => JSON.stringify(response.body).includes('Paused \\"Support triage agent\\"')));
    const seat = await app.cadence.db.seat.findFirstOrThrow({ where: { kind: "agent" } });
    expect(seat.stage).toBe("paused");
    const change = await app.cadence.db.stageChange.findFirstOrThrow({ where: { toStage: "paused" } });
    expect([change.fromStage, change.by, change.via, change.reason]).toEqual(["pilot", "UAGENTOWNER", "button", `kill threshold crossed (#${row.id})`]);
    const closed = await app.cadence.db.issue.findUniqueOrThrow({ where: { id: row.id } });
    expect([closed.state, closed.closedBy, closed.resolutionNote]).toEqual(["resolved", "UAGENTOWNER", "Paused the seat"]);
  });

  it("asks to retire the seat when the value is past the threshold two weeks in a row; Keep going closes it", async () => {
    await app.command("/scorecard", 'set "Resolution rate" 50 2026-W46', "UAGENTOWNER");
    await app.command("/scorecard", 'set "Resolution rate" 45 2026-W47', "UAGENTOWNER");
    const { row } = await killIssue();
    await app.slack.waitFor(() => JSON.stringify(app.slack.apiMessage(CHANNEL, row.messageTs ?? "")?.blocks ?? "").includes("2 weeks in a row"));
    expect(await app.cadence.db.issue.count({ where: { source: "kill" } })).toBe(1);
    const post = channelPosts().find((candidate) => candidate.ts === row.messageTs)!;
    await click("UADMIN", ACTIONS.keepGoing, row.id, post.ts);
    await app.slack.waitFor(() => app.slack.responses().some((response) => JSON.stringify(response.body).includes("keeps going")));
    const closed = await app.cadence.db.issue.findUniqueOrThrow({ where: { id: row.id } });
    expect([closed.state, closed.resolutionNote]).toEqual(["resolved", "Keep going"]);
    expect((await app.cadence.db.seat.findFirstOrThrow({ where: { kind: "agent" } })).stage).toBe("pilot");
  });

  it.each([
    ['kpi kill "Books closed" < 1', /"Books closed" belongs to "Finance", a human seat; kill thresholds are for AI seats' KPIs/],
    ['kpi kill "Resolution rate" = 5', /needs one of/],
    ['kpi kill "Resolution rate" < lots', /Resolution rate: /],
    ['kpi kill "Nothing" < 5', /no active KPI named "Nothing"/],
  ])("refuses `/cadence %s` in one line and writes nothing", async (text, expected) => {
    await expectOneLineRefusal(app, text, expected);
  });
});

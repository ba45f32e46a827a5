// Drift and missing issues at the deadline, and working issues with /issue and the post's buttons.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ACTIONS, ISSUE_ACTIONS_BLOCK } from "../../src/messages/ids";
import { bootApp, CHANNEL, testClock, type BootedApp } from "../support/boot-app";
import { snapshotDatabase } from "../support/db-snapshot";
import { eventually } from "../support/eventually";
import { submitView } from "../support/interactions";
import { addSeats } from "../../tools/testkit/team-builder";

let app: BootedApp;

beforeEach(async () => {
  app = await bootApp({ clock: testClock("2026-11-10T10:00:00Z") }); // the team exists before the weeks under test
  app.slack.addUser({ id: "UAGENTOWNER", name: "ana", tz: "UTC" });
  app.slack.addUser({ id: "UFIN", name: "fin", tz: "UTC" });
  app.slack.addUser({ id: "UMEMBER", name: "mo", tz: "UTC" });
  await addSeats(
    app.cadence.db,
    [
      {
        name: "Support triage agent",
        ownerId: "UAGENTOWNER",
        kind: "agent",
        kpis: [
          { name: "Resolution rate", goal: ">= 85 percent" },
          { name: "Escalations", goal: "between 2 and 4" },
        ],
      },
      { name: "Finance", ownerId: "UFIN", kpis: [{ name: "Books closed", goal: "= yes" }] },
    ],
    { at: app.clock.now },
  );
});
afterEach(async () => app.stop());

const channelPosts = () => app.slack.messages(CHANNEL).filter((message) => !message.thread_ts);

describe("the deadline job", () => {
  it("posts one issue per off-track or missing KPI, and nothing when run again", async () => {
    app.clock.set("2026-11-23T10:00:00Z"); // Monday of W48: values for W47
    await app.command("/scorecard", 'set "Resolution rate" 78', "UAGENTOWNER");
    await app.command("/scorecard", 'set "Escalations" 4', "UAGENTOWNER");
    app.clock.set("2026-11-24T12:30:00Z"); // after the Tuesday 12:00 deadline
    const answer = await app.command("/cadence", "run drift");
    expect(answer).toContain("Ran drift for 2026-W47: 2 sent");

    const posts = channelPosts();
    expect(posts).toHaveLength(2);
    const drift = JSON.stringify(posts.find((post) => post.text?.includes("Resolution rate"))!.blocks);
    expect(drift).toContain("Support triage agent* (AI agent) · owner <@UAGENTOWNER>");
    expect(drift).toContain("*Resolution rate*: 78% · goal ≥ 85% · off by 7% (8.2%)");
    expect(drift).toContain("Off track *1 week* in a row");
    expect(drift).toContain("Trend (13 weeks)");
    for (const action of [ACTIONS.resolveIssue, ACTIONS.dropIssue, ACTIONS.assignIssue]) expect(drift).toContain(action);
    const missing = JSON.stringify(posts.find((post) => post.text?.includes("Books closed"))!.blocks);
    expect(missing).toContain("no value for 2026-W47 by the deadline");

    const issues = await app.cadence.db.issue.findMany({ orderBy: { id: "asc" } });
    expect(issues.map((issue) => [issue.source, issue.week, issue.ownerId, Boolean(issue.messageTs)])).toEqual([
      ["drift", "2026-W47", "UAGENTOWNER", true],
      ["missing", "2026-W47", "UFIN", true],
    ]);

    expect(await app.command("/cadence", "run drift")).toContain("0 sent");
    await app.cadence.tick();
    await app.cadence.tick();
    expect(channelPosts()).toHaveLength(2);
    expect(await app.cadence.db.issue.count()).toBe(2);
  });

  it("keeps one open issue for a KPI off track two weeks running, saying 2 weeks", async () => {
    await app.command("/scorecard", 'set "Resolution rate" 80 2026-W46', "UAGENTOWNER");
    await app.command("/scorecard", 'set "Escalations" 3 2026-W46', "UAGENTOWNER");
    await app.command("/scorecard", 'set "Books closed" yes 2026-W46', "UFIN");
    app.clock.set("2026-11-17T12:30:00Z"); // W47's Tuesday: the deadline job for W46 is due
    await app.cadence.tick();
    expect(channelPosts()).toHaveLength(1);

    await app.command("/scorecard", 'set "Resolution rate" 70 2026-W47', "UAGENTOWNER");
    await app.command("/scorecard", 'set "Escalations" 3 2026-W47', "UAGENTOWNER");
    await app.command("/scorecard", 'set "Books closed" yes 2026-W47', "UFIN");
    app.clock.set("2026-11-24T12:30:00Z");
    await app.cadence.tick();
    await app.cadence.tick();

    expect(channelPosts()).toHaveLength(1);
    const open = await app.cadence.db.issue.findMany({ where: { state: "open" }, include: { weeks: true } });
    expect(open).toHaveLength(1);
    expect(open[0].weeks.map((week) => week.week).sort()).toEqual(["2026-W46", "2026-W47"]);
    const update = app.slack.callsTo("chat.update").at(-1)!;
    expect(JSON.stringify(update.params.blocks)).toContain("Off track *2 weeks* in a row (since 2026-W46)");
    expect(JSON.stringify(update.params.blocks)).toContain("*Resolution rate*: 70%");
  });
});

describe("working issues", () => {
  let driftId: number;
  beforeEach(async () => {
    app.clock.set("2026-11-24T12:30:00Z");
    await app.command("/scorecard", 'set "Resolution rate" 78', "UAGENTOWNER");
    await app.command("/scorecard", 'set "Escalations" 3', "UAGENTOWNER");
    await app.command("/scorecard", 'set "Books closed" yes', "UFIN");
    await app.command("/cadence", "run drift");
    driftId = (await app.cadence.db.issue.findFirstOrThrow({ where: { source: "drift" } })).id;
  });

  const post = (id: number) => app.cadence.db.issue.findUniqueOrThrow({ where: { id } });
  const lastUpdateOf = async (id: number) => {
    // The post is updated after the command is answered (RefreshService): wait for that work to finish.
    await app.cadence.idle();
    await app.cadence.services.refresh.idle();
    const issue = await post(id);
    // Only updates Slack took: one it refused (a reused block_id, say) leaves the old post in the channel.
    return app.slack
      .callsTo("chat.update")
      .filter((call) => call.ok && call.params.ts === issue.messageTs)
      .at(-1);
  };

  it("adds an issue, posts it in the channel and lists open issues oldest first", async () => {
    expect(await app.command("/issue", "add Churn in EU accounts doubled", "UMEMBER")).toMatch(/Opened \*#\d+\* Churn in EU accounts doubled and posted it/);
    expect(channelPosts().at(-1)!.text).toContain("Churn in EU accounts doubled");
    const [listing] = await app.commandAll("/issue", "list", "UMEMBER");
    const rendered = JSON.stringify(listing.blocks);
    expect(rendered).toContain("Open issues (2)");
    expect(rendered.indexOf(`*#${driftId}*`)).toBeLessThan(rendered.indexOf("Churn in EU"));
    expect(rendered).toContain("_drift_ · :robot_face: Support triage agent · <@UAGENTOWNER> · today");
  });

  it("never lets an issue title ping the channel", async () => {
    const answer = await app.command("/issue", "add <!channel> the build is red", "UMEMBER");
    expect(answer).toContain("&lt;!channel&gt; the build is red");
    expect(answer).not.toContain("<!channel>");
    const post = JSON.stringify(channelPosts().at(-1)!.blocks);
    expect(post).toContain("&lt;!channel&gt; the build is red");
    expect(post).not.toContain("<!channel>");
  });

  it("resolves, drops and assigns by command, updating the channel post and the audit log", async () => {
    expect(await app.command("/issue", `assign #${driftId} <@UMEMBER|mo>`, "UAGENTOWNER")).toContain("Assigned");
    expect(JSON.stringify((await lastUpdateOf(driftId))!.params.blocks)).toContain("assigned to <@UMEMBER>");
    // The assignee may now resolve it.
    expect(await app.command("/issue", `resolve ${driftId} Retrained the router on new intents`, "UMEMBER")).toContain(`Resolved *#${driftId}*`);
    const resolved = await post(driftId);
    expect([resolved.state, resolved.closedBy, resolved.resolutionNote]).toEqual(["resolved", "UMEMBER", "Retrained the router on new intents"]);
    const blocks = JSON.stringify((await lastUpdateOf(driftId))!.params.blocks);
    expect(blocks).toContain("Resolved by <@UMEMBER>");
    expect(blocks).toContain("Retrained the router on new intents");
    expect(blocks).not.toContain(ACTIONS.resolveIssue);

    const added = await app.command("/issue", "add Vendor contract renewal", "UMEMBER");
    const manualId = Number(/#(\d+)/.exec(added)![1]);
    expect(await app.command("/issue", `drop ${manualId} duplicate of #${driftId}`, "UMEMBER")).toContain("Dropped");
    expect((await post(manualId)).state).toBe("dropped");
    const actions = (await app.cadence.db.auditLog.findMany({ where: { entity: "issue" } })).map((row) => row.action);
    expect(actions).toEqual(expect.arrayContaining(["issue.drift", "issue.assign", "issue.resolve", "issue.add", "issue.drop"]));
  });

  it("refuses the unauthorised, unknown ids, closed issues and a resolve without a note, writing nothing", async () => {
    const cases: [string, string, RegExp][] = [
      [`resolve ${driftId} done`, "UMEMBER", /only the issue's owner/],
      [`drop ${driftId}`, "UFIN", /only the issue's owner/],
      [`assign ${driftId} <@UFIN>`, "UMEMBER", /only the issue's owner/],
      ["resolve 999 done", "UADMIN", /there is no issue #999/],
      [`resolve ${driftId}`, "UADMIN", /a resolution note is required/],
      ["resolve abc done", "UADMIN", /expected `\/issue resolve &lt;id&gt; &lt;note&gt;`/],
      ["add", "UMEMBER", /the title is missing/],
      [`add ${"x".repeat(10_000)}`, "UMEMBER", /keep it under 200/],
      [`assign ${driftId} someone`, "UADMIN", /expected `\/issue assign &lt;id&gt; @user`/],
      ["frobnicate 1", "UADMIN", /unknown command `frobnicate`/],
    ];
    for (const [text, user, expected] of cases) {
      const before = await snapshotDatabase(app.cadence.db);
      const answer = await app.command("/issue", text, user);
      expect(answer, text).toMatch(expected);
      expect(await snapshotDatabase(app.cadence.db), text).toEqual(before);
    }
    await app.command("/issue", `drop ${driftId} not a real problem`, "UADMIN");
    const before = await snapshotDatabase(app.cadence.db);
    expect(await app.command("/issue", `resolve ${driftId} late note`, "UADMIN")).toMatch(new RegExp(`#${driftId} is already dropped`));
    expect(await snapshotDatabase(app.cadence.db)).toEqual(before);
  });

  it("hands a seat's open issues to its new owner: the issue, its post and the audit log say so", async () => {
    app.slack.addUser({ id: "UNEWOWNER", name: "nia", tz: "UTC" });
    await app.command("/issue", "add Hiring plan for Q1", "UAGENTOWNER"); // the person's own issue, not the seat's
    const answer = await app.command("/cadence", 'seat owner "Support triage agent" <@UNEWOWNER>');
    expect(answer).toContain("Its open issue now belongs to <@UNEWOWNER> too.");
    expect((await post(driftId)).ownerId).toBe("UNEWOWNER");
    const update = JSON.stringify((await lastUpdateOf(driftId))?.params.blocks);
    expect(update).toContain("Open · owner <@UNEWOWNER>");
    expect(update).not.toContain("UAGENTOWNER");
    const audit = await app.cadence.db.auditLog.findFirstOrThrow({ where: { action: "issue.owner", entityId: String(driftId) } });
    expect([audit.actor, JSON.parse(audit.before!), JSON.parse(audit.after!).ownerId]).toEqual(["UADMIN", { ownerId: "UAGENTOWNER" }, "UNEWOWNER"]);
    const own = await app.cadence.db.issue.findFirstOrThrow({ where: { source: "manual" } });
    expect(own.ownerId).toBe("UAGENTOWNER");
  });

  it("works from the post's buttons: resolve through the note form, assign with the picker, drop", async () => {
    const issue = await post(driftId);
    const interaction = (userId: string, action: Record<string, unknown>, triggerId?: string) =>
      app.client.interaction({
        type: "block_actions",
        team: { id: "T0001" },
        user: { id: userId },
        api_app_id: "A_CADENCE",
        trigger_id: triggerId ?? app.slack.newTriggerId(userId),
        response_url: app.slack.newResponseUrl(),
        container: { type: "message", channel_id: CHANNEL, message_ts: issue.messageTs },
        channel: { id: CHANNEL },
        message: { ts: issue.messageTs },
        actions: [{ block_id: ISSUE_ACTIONS_BLOCK.of(driftId), action_ts: String(Date.now() / 1000), ...action }],
      });

    // An outsider is refused with an ephemeral answer and nothing changes.
    const before = await snapshotDatabase(app.cadence.db);
    await interaction("UMEMBER", { type: "button", action_id: ACTIONS.dropIssue, value: String(driftId) });
    await app.slack.waitFor(() => app.slack.responses().find((response) => JSON.stringify(response.body).includes("only the issue's owner")));
    expect(await snapshotDatabase(app.cadence.db)).toEqual(before);

    await interaction("UAGENTOWNER", { type: "users_select", action_id: ACTIONS.assignIssue, selected_user: "UFIN" });
    await eventually(async () => (await post(driftId)).assigneeId === "UFIN");
    await eventually(async () => JSON.stringify((await lastUpdateOf(driftId))?.params.blocks).includes("assigned to <@UFIN>"));

    const triggerId = app.slack.newTriggerId("UFIN");
    await interaction("UFIN", { type: "button", action_id: ACTIONS.resolveIssue, value: String(driftId) }, triggerId);
    const form = await app.slack.waitFor(() => [...app.slack.views.values()].find((view) => view.trigger_id === triggerId)?.view);
    const empty = await submitView(app, { userId: "UFIN", view: form, values: { note: "  " } });
    expect(empty.body.response_action).toBe("errors");
    expect((await post(driftId)).state).toBe("open");
    const submitted = await submitView(app, { userId: "UFIN", view: form, values: { note: "Fixed the routing rule" } });
    expect(submitted.status).toBe(200);
    const resolved = await post(driftId);
    expect([resolved.state, resolved.closedBy, resolved.resolutionNote]).toEqual(["resolved", "UFIN", "Fixed the routing rule"]);
    // The post is refreshed after the ack (Slack's 3 s never wait on chat.update).
    await eventually(async () => JSON.stringify((await lastUpdateOf(driftId))?.params.blocks).includes("Resolved by <@UFIN>"));

    // Slack delivering the same click again has no second effect.
    const again = await submitView(app, { userId: "UFIN", view: form, values: { note: "Fixed the routing rule" } });
    expect(again.body.errors.note).toMatch(/already resolved/);

    const added = await app.command("/issue", "add Flaky CSV import", "UMEMBER");
    const manualId = Number(/#(\d+)/.exec(added)![1]);
    const manual = await post(manualId);
    await app.client.interaction({
      type: "block_actions",
      team: { id: "T0001" },
      user: { id: "UMEMBER" },
      api_app_id: "A_CADENCE",
      trigger_id: app.slack.newTriggerId("UMEMBER"),
      response_url: app.slack.newResponseUrl(),
      container: { type: "message", channel_id: CHANNEL, message_ts: manual.messageTs },
      actions: [{ type: "button", block_id: ISSUE_ACTIONS_BLOCK.of(manualId), action_id: ACTIONS.dropIssue, value: String(manualId), action_ts: "1" }],
    });
    await eventually(async () => (await post(manualId)).state === "dropped");
    await eventually(async () => JSON.stringify((await lastUpdateOf(manualId))?.params.blocks).includes("Dropped by <@UMEMBER>"));
  });
});

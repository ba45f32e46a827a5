// The gate over signed HTTP: /cadence seat gate, one gate issue per stage, Promote and Not yet for admins.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ACTIONS } from "../../src/messages/ids";
import { clickIssueButton } from "../support/issue-button";
import { bootApp, CHANNEL, testClock, type BootedApp } from "../support/boot-app";
import { snapshotDatabase } from "../support/db-snapshot";
import { expectOneLineRefusal } from "../support/one-line-refusal";

let app: BootedApp;
const SEAT = "Support triage agent";

beforeEach(async () => {
  app = await bootApp({ clock: testClock("2026-10-01T10:00:00Z") });
  app.slack.addUser({ id: "UAGENTOWNER", name: "ana", tz: "UTC" });
  await app.command("/cadence", `seat add "${SEAT}" <@UAGENTOWNER> agent`);
  await app.command("/cadence", `kpi add "${SEAT}" "Resolution rate" >= 85 percent`);
  await app.command("/cadence", 'kpi kill "Resolution rate" < 60%');
  app.clock.set("2026-11-23T10:00:00Z"); // Monday of W48
});
afterEach(async () => app.stop());

const gatePosts = () => app.slack.messages(CHANNEL).filter((message) => !message.thread_ts && message.text?.includes("Ready for"));

const click = (userId: string, actionId: string, issueId: number, messageTs: string) => clickIssueButton(app, { userId, actionId, issueId, messageTs });

const answered = (text: string) => app.slack.waitFor(() => app.slack.responses().some((response) => JSON.stringify(response.body).includes(text)));

describe("the gate", () => {
  it("opens one gate issue per stage when the seat is ready; Promote moves it on, Not yet closes it", async () => {
    expect(await app.command("/cadence", `seat gate "${SEAT}" 3 80%`)).toContain("Gate set for");
    for (const week of ["2026-W45", "2026-W46"]) await app.command("/scorecard", `set "Resolution rate" 90 ${week}`, "UAGENTOWNER");
    await app.cadence.tick();
    expect(gatePosts()).toHaveLength(0); // W47 has no number yet: 2 of 3 KPI-weeks
    expect(await app.command("/cadence", `seat gate "${SEAT}"`)).toContain("2 of 3 weeks on track");

    await app.command("/scorecard", 'set "Resolution rate" 88', "UAGENTOWNER");
    await app.cadence.tick();
    await app.cadence.tick();
    expect(gatePosts()).toHaveLength(1);
    const [shadowPost] = gatePosts();
    expect(shadowPost.text).toContain(`Ready for shadow: ${SEAT}`);
    const shadowIssue = await app.cadence.db.issue.findFirstOrThrow({ where: { source: "gate" } });
    const blocks = JSON.stringify(shadowPost.blocks);
    expect(blocks).toContain(ACTIONS.promoteSeat);
    expect(blocks).toContain(ACTIONS.notYet);

    // Only admins decide on a gate; the owner's click changes nothing.
    const before = await snapshotDatabase(app.cadence.db);
    await click("UAGENTOWNER", ACTIONS.promoteSeat, shadowIssue.id, shadowPost.ts);
    await answered(`only a Cadence admin can move`);
    await click("UAGENTOWNER", ACTIONS.notYet, shadowIssue.id, shadowPost.ts);
    await answered("only a Cadence admin can decide on a gate");
    expect(await snapshotDatabase(app.cadence.db)).toEqual(before);

    await click("UADMIN", ACTIONS.promoteSeat, shadowIssue.id, shadowPost.ts);
    await answered("is now in shadow");
    expect((await app.cadence.db.seat.findFirstOrThrow()).stage).toBe("shadow");
    expect((await app.cadence.db.issue.findUniqueOrThrow({ where: { id: shadowIssue.id } })).state).toBe("resolved");
    const change = await app.cadence.db.stageChange.findFirstOrThrow({ where: { toStage: "shadow" } });
    expect([change.by, change.via, change.reason]).toEqual(["UADMIN", "button", `gate passed (#${shadowIssue.id})`]);

    // Production needs the required reviews too (CADENCE_REVIEWS: security, privacy, operations by default).
    await app.cadence.tick();
    expect(gatePosts()).toHaveLength(1);
    for (const kind of ["security", "privacy", "operations"]) await app.command("/cadence", `review "${SEAT}" ${kind} approved`);
    await app.cadence.tick();
    expect(gatePosts()).toHaveLength(2);
    const productionPost = gatePosts()[1];
    expect(productionPost.text).toContain(`Ready for production: ${SEAT}`);
    const productionIssue = await app.cadence.db.issue.findFirstOrThrow({ where: { source: "gate", state: "open" } });
    await click("UADMIN", ACTIONS.notYet, productionIssue.id, productionPost.ts);
    await answered("Not yet");
    expect((await app.cadence.db.issue.findUniqueOrThrow({ where: { id: productionIssue.id } })).state).toBe("dropped");
    await app.cadence.tick();
    expect(gatePosts()).toHaveLength(2); // once per stage, not every week
    expect((await app.cadence.db.seat.findFirstOrThrow()).stage).toBe("shadow");
  });

  it("lets an admin promote to production by command once the gate passes", async () => {
    for (const week of ["2026-W44", "2026-W45", "2026-W46", "2026-W47"]) await app.command("/scorecard", `set "Resolution rate" 90 ${week}`, "UAGENTOWNER");
    await app.command("/cadence", `seat stage "${SEAT}" shadow`);
    await app.command("/cadence", `review "${SEAT}" security rejected "keys in the prompt"`);
    for (const kind of ["privacy", "operations"]) await app.command("/cadence", `review "${SEAT}" ${kind} approved`);
    expect(await app.command("/cadence", `seat stage "${SEAT}" production`)).toContain("security review rejected");
    await app.command("/cadence", `review "${SEAT}" security approved`);
    expect(await app.command("/cadence", `seat stage "${SEAT}" production`)).toContain("shadow → :rocket: production");
  });

  it.each([
    [`seat gate "${SEAT}" 0 80%`, /weeks must be a whole number from 1 to 26/],
    [`seat gate "${SEAT}" 27 80%`, /weeks must be a whole number from 1 to 26/],
    [`seat gate "${SEAT}" 4 0%`, /percent must be a whole number from 1 to 100/],
    [`seat gate "${SEAT}" 4 101%`, /percent must be a whole number from 1 to 100/],
  ])("refuses `/cadence %s` in one line and writes nothing", async (text, expected) => {
    await expectOneLineRefusal(app, text, expected);
  });
});

describe("/cadence review", () => {
  it("records the latest state per review, audited, and says whether production requires it", async () => {
    expect(await app.command("/cadence", `review "${SEAT}" security pending`)).toContain(
      "security review of :robot_face: *Support triage agent* (AI agent): *pending* (production requires it)",
    );
    expect(await app.command("/cadence", `review "${SEAT}" security approved "pen test passed"`)).toContain(
      "*approved* (production requires it) — “pen test passed”",
    );
    expect(await app.command("/cadence", `review "${SEAT}" architecture rejected`)).not.toContain("requires it");
    const reviews = await app.cadence.db.seatReview.findMany({ orderBy: { kind: "asc" } });
    expect(reviews.map((review) => [review.kind, review.state, review.note, review.by])).toEqual([
      ["architecture", "rejected", null, "UADMIN"],
      ["security", "approved", "pen test passed", "UADMIN"],
    ]);
    expect(await app.cadence.db.auditLog.count({ where: { action: "seat.review" } })).toBe(3);
  });

  it.each([
    [`review "${SEAT}" legal approved`, /unknown review `legal`/],
    [`review "${SEAT}" security maybe`, /pending, approved or rejected/],
    ['review "Nobody" security approved', /no seat named "Nobody"/],
  ])("refuses `/cadence %s` in one line and writes nothing", async (text, expected) => {
    await expectOneLineRefusal(app, text, expected);
  });

  it("refuses reviews from non-admins", async () => {
    await expectOneLineRefusal(app, `review "${SEAT}" security approved`, /only Cadence admins/, "UAGENTOWNER");
  });
});

describe("the AI seat's owner's home tab", () => {
  it("shows the stage, gate progress and pending reviews", async () => {
    for (const week of ["2026-W45", "2026-W46", "2026-W47"]) await app.command("/scorecard", `set "Resolution rate" 90 ${week}`, "UAGENTOWNER");
    await app.command("/cadence", `seat stage "${SEAT}" shadow`);
    await app.command("/cadence", `review "${SEAT}" privacy approved`);
    await app.client.event({ type: "app_home_opened", user: "UAGENTOWNER", channel: app.slack.dmChannelOf("UAGENTOWNER"), tab: "home" });
    await app.slack.waitFor(() => app.slack.homeOf("UAGENTOWNER"));
    expect(JSON.stringify(app.slack.homeOf("UAGENTOWNER").blocks)).toContain(
      "_Stage:_ :busts_in_silhouette: shadow (0 weeks) · 3 of 4 weeks on track · security review pending · operations review pending",
    );
    await app.command("/cadence", `seat stage "${SEAT}" pilot "back to pilot"`);
    await app.client.event({ type: "app_home_opened", user: "UAGENTOWNER", channel: app.slack.dmChannelOf("UAGENTOWNER"), tab: "home" });
    await app.slack.waitFor(() => JSON.stringify(app.slack.homeOf("UAGENTOWNER").blocks).includes("pilot (0 weeks)"));
    expect(JSON.stringify(app.slack.homeOf("UAGENTOWNER").blocks)).toContain("· 3 of 4 weeks on track · reviews pending for production: security, operations");
  });
});

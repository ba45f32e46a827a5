// Acks never wait on Slack: with every Slack call taking 1.2 s and a 429 (Retry-After 1, Slack's shortest) on the refresh,
// the check-in form and the resolve form are still acked inside Bolt's 3 s (HTTP 200, not Bolt's 404) and
// stored once; the DM, the issue's post and home tabs catch up afterwards.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ACTIONS } from "../../src/messages/ids";
import { bootApp, type BootedApp } from "../support/boot-app";
import { clickButton, submitView } from "../support/interactions";

const SLOW_SLACK_MS = 1200;
let app: BootedApp;

beforeEach(async () => {
  app = await bootApp();
  app.slack.addUser({ id: "UNYC", name: "nina", tz: "America/New_York" });
  await app.command("/cadence", 'seat add "Support" <@UNYC> agent');
  await app.command("/cadence", 'kpi add "Support" "Resolution rate" >= 85 percent');
  app.clock.set("2026-11-23T15:00:00Z");
  await app.cadence.tick();
  await app.slack.waitFor(() => app.slack.dmsTo("UNYC")[0]);
  app.slack.setRateLimits(true); // Slack's tiers too, as in production
});
afterEach(async () => app.stop());

async function openedBy(triggerId: string): Promise<any> {
  return app.slack.waitFor(() => [...app.slack.views.values()].find((view) => view.trigger_id === triggerId)?.view, 10_000);
}

describe("a slow, rate-limiting Slack", () => {
  it("acks the check-in form right after storing it, once; the DM is updated after the 429", async () => {
    app.slack.setLatency(SLOW_SLACK_MS);
    app.slack.failNext("chat.update", { status: 429, retryAfter: 1 });
    const { answer: click, triggerId } = await clickButton(app, {
      userId: "UNYC",
      actionId: ACTIONS.openCheckinForm,
      value: JSON.stringify({ week: "2026-W47", ownerId: "UNYC" }),
    });
    expect(click.status).toBe(200);
    const form = await openedBy(triggerId);
    const kpiBlock = (form.blocks as any[]).find((block) => /^kpi_/.test(block.block_id)).block_id;

    const submitted = await submitView(app, { userId: "UNYC", view: form, values: { [kpiBlock]: "91%" } });
    expect(submitted.status).toBe(200);
    expect(await app.cadence.db.entry.count()).toBe(1);

    await app.cadence.services.refresh.idle();
    const updates = app.slack.callsTo("chat.update");
    expect(updates.map((call) => call.error ?? "ok")).toEqual(["ratelimited", "ok"]);
    expect(JSON.stringify(updates[1]!.params.blocks)).toContain("91");
    expect(await app.cadence.db.entry.count()).toBe(1);
  }, 30_000);

  it("acks the resolve form right after storing it, once; the post and the digest refresh after", async () => {
    const added = await app.command("/issue", "add Flaky CSV import", "UNYC");
    const issueId = Number(/#(\d+)/.exec(added)![1]);
    app.slack.setLatency(SLOW_SLACK_MS);
    app.slack.failNext("chat.update", { status: 429, retryAfter: 1 });
    const { answer: click, triggerId } = await clickButton(app, { userId: "UNYC", actionId: ACTIONS.resolveIssue, value: String(issueId) });
    expect(click.status).toBe(200);
    const form = await openedBy(triggerId);

    const submitted = await submitView(app, { userId: "UNYC", view: form, values: { note: "Pinned the parser version" } });
    expect(submitted.status).toBe(200);
    const issue = await app.cadence.db.issue.findUniqueOrThrow({ where: { id: issueId } });
    expect([issue.state, issue.closedBy]).toEqual(["resolved", "UNYC"]);

    await app.cadence.services.refresh.idle();
    const updates = app.slack.callsTo("chat.update");
    expect(updates.map((call) => call.error ?? "ok")).toEqual(["ratelimited", "ok"]);
    expect(JSON.stringify(updates[1]!.params.blocks)).toContain("Pinned the parser version");
  }, 30_000);
});

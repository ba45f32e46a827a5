// The main paths in Socket Mode (SLACK_APP_TOKEN): the app opens a connection with apps.connections.open, the
// local Slack sends slash commands, interactions and events as envelopes, and each is acknowledged with its
// envelope_id; after a `disconnect` the app reconnects and carries on.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LogLevel } from "@slack/bolt";
import { loadConfig } from "../../src/config/config";
import { startCadence, type RunningCadence } from "../../src/main";
import { ACTIONS } from "../../src/messages/ids";
import { startLocalSlack, type LocalSlack } from "../../tools/local-slack/server";
import { socketModeClient } from "../../tools/local-slack/socket-mode";
import { ADMIN, freshDatabaseUrl, testClock } from "../support/boot-app";
import { cadenceEnvironment } from "../../tools/testkit/environment";
import { fieldValues } from "../support/interactions";

let slack: LocalSlack;
let cadence: RunningCadence;
let client: ReturnType<typeof socketModeClient>;
const clock = testClock();

beforeEach(async () => {
  slack = await startLocalSlack();
  slack.addUser({ id: ADMIN, name: "ada", tz: "UTC", is_admin: true });
  slack.addUser({ id: "UNYC", name: "nina", tz: "America/New_York" });
  const env = cadenceEnvironment(slack.apiUrl, freshDatabaseUrl(), { SLACK_APP_TOKEN: "xapp-1-test" });
  delete env.SLACK_SIGNING_SECRET;
  cadence = await startCadence(loadConfig(env), {
    clock: () => clock.now,
    logLevel: (process.env.TEST_LOG as LogLevel) ?? LogLevel.ERROR,
    fastRetries: true,
    scheduler: false,
  });
  await slack.socketMode.connected();
  client = socketModeClient(slack.socketMode, { teamId: slack.teamId, slack });
});
afterEach(async () => {
  await cadence.stop();
  await slack.close();
});

async function command(text: string, userId = ADMIN): Promise<string> {
  const responseUrl = slack.newResponseUrl();
  const ack = await client.command({ command: "/cadence", text, userId, responseUrl });
  expect(ack.envelopeId).toMatch(/\w/);
  const [answer] = await slack.waitFor(() => slack.responses(responseUrl).length > 0 && slack.responses(responseUrl));
  return String(answer!.body.text);
}

describe("Socket Mode", () => {
  it("runs a slash command, a check-in form and a DM reply, and ignores a redelivered event", async () => {
    expect(slack.callsTo("apps.connections.open")).toHaveLength(1);
    expect(await command('seat add "Support" <@UNYC> agent')).toContain("Support");
    await command('kpi add "Support" "Resolution rate" >= 85 percent');
    await command('kpi add "Support" "First response" <= 1h duration');
    clock.set("2026-11-23T15:00:00Z");
    await cadence.tick();
    await slack.waitFor(() => slack.dmsTo("UNYC")[0]);

    // The "Enter numbers" button, then the form's submission, both as interactive envelopes.
    const triggerId = slack.newTriggerId("UNYC");
    await client.interaction({
      type: "block_actions",
      team: { id: slack.teamId },
      user: { id: "UNYC", team_id: slack.teamId },
      api_app_id: "A_CADENCE",
      trigger_id: triggerId,
      container: { type: "message", channel_id: "DUNYC", message_ts: "1" },
      channel: { id: "DUNYC" },
      actions: [
        { type: "button", action_id: ACTIONS.openCheckinForm, block_id: "b", value: JSON.stringify({ week: "2026-W47", ownerId: "UNYC" }), action_ts: "1" },
      ],
    });
    const form = await slack.waitFor(() => [...slack.views.values()].find((view) => view.trigger_id === triggerId)?.view);
    const state = fieldValues(form);
    const kpiBlocks = Object.keys(state).filter((blockId) => blockId.startsWith("kpi_"));
    state[kpiBlocks[0]!] = { [Object.keys(state[kpiBlocks[0]!]!)[0]!]: { type: "plain_text_input", value: "not a number" } };
    const refused = await client.interaction({
      type: "view_submission",
      team: { id: slack.teamId },
      user: { id: "UNYC", team_id: slack.teamId },
      api_app_id: "A_CADENCE",
      view: { ...form, state: { values: state } },
    });
    expect(refused.payload.response_action).toBe("errors");
    state[kpiBlocks[0]!] = { [Object.keys(state[kpiBlocks[0]!]!)[0]!]: { type: "plain_text_input", value: "91%" } };
    const accepted = await client.interaction({
      type: "view_submission",
      team: { id: slack.teamId },
      user: { id: "UNYC", team_id: slack.teamId },
      api_app_id: "A_CADENCE",
      view: { ...form, state: { values: state } },
    });
    expect(accepted.payload.response_action).toBeUndefined();
    expect(await cadence.db.entry.count()).toBe(1);

    // A DM reply as an events_api envelope, then Slack delivering the same event again.
    const dm = { type: "message", channel_type: "im", channel: "DUNYC", user: "UNYC", text: "92%\n45m", ts: `${Date.now() / 1000}` };
    await client.event(dm, { eventId: "EvSocket1" });
    await client.event(dm, { eventId: "EvSocket1", retryNum: 1, retryReason: "timeout" });
    await slack.waitFor(() => slack.dmsTo("UNYC").find((message) => message.text?.includes("Recorded")));
    // Everything the two deliveries started (their listeners' work after the ack, the refresh) is done.
    await cadence.idle();
    await cadence.services.refresh.idle();
    expect(slack.dmsTo("UNYC").filter((message) => message.text?.includes("Recorded"))).toHaveLength(1);
    expect((await cadence.db.entry.findMany({ orderBy: { kpiId: "asc" } })).map((entry) => [entry.value, entry.source])).toEqual([
      [92, "dm"],
      [45, "dm"],
    ]);
  }, 30_000);

  it("reconnects after Slack's disconnect message and keeps acknowledging envelopes", async () => {
    slack.socketMode.disconnectAll("refresh_requested");
    await slack.waitFor(() => slack.callsTo("apps.connections.open").length === 2, 10_000);
    await slack.socketMode.connected();
    expect(await command('seat add "Finance" <@UNYC> human')).toContain("Finance");
  }, 30_000);
});

// At start, Cadence checks it was invited to CADENCE_CHANNEL and says how to fix it when it was not.
import { afterEach, describe, expect, it } from "vitest";
import { ADMIN, bootApp, CHANNEL, type BootedApp } from "../support/boot-app";

describe("Cadence not in its channel", () => {
  let app: BootedApp | undefined;
  afterEach(async () => {
    await app?.stop();
    app = undefined;
  });

  it("logs 'invite @Cadence to <#C…>' and tells the admins at start", async () => {
    const warnings: string[] = [];
    app = await bootApp({ botInChannel: false, logger: { warn: (...args: unknown[]) => warnings.push(args.join(" ")) } });
    const hint = await app.slack.waitFor(() => warnings.find((line) => line.includes(`invite @Cadence to <#${CHANNEL}>`)));
    expect(hint).toBeTruthy();
    const dm = await app.slack.waitFor(() => app!.slack.dmsTo(ADMIN)[0]);
    expect(dm.text).toContain(`invite @Cadence to <#${CHANNEL}>`);
  });

  it("says nothing once the bot has been invited", async () => {
    const warnings: string[] = [];
    app = await bootApp({ logger: { warn: (...args: unknown[]) => warnings.push(args.join(" ")) } });
    await app.idle();
    expect(app.slack.callsTo("conversations.info")).toHaveLength(1);
    expect(warnings.filter((line) => line.includes("invite @Cadence"))).toEqual([]);
    expect(app.slack.dmsTo(ADMIN)).toEqual([]);
  });

  it("keeps the posts Slack refused until the bot is invited, then posts each once", async () => {
    app = await bootApp({ botInChannel: false, expectSlackRefusals: true });
    await app.command("/issue", "add Renew the SOC 2 report");
    const refused = JSON.stringify(await app.commandAll("/cadence", "status"));
    expect(refused).toContain("the post of issue #1: Slack answered `not_in_channel`");
    await app.cadence.tick();
    expect(app.slack.messages(CHANNEL)).toEqual([]);

    // An admin types /invite @Cadence: Slack adds the bot and sends member_joined_channel.
    app.slack.joinChannel(CHANNEL);
    await app.client.event({ type: "member_joined_channel", user: "UBOT", channel: CHANNEL, channel_type: "C", team: "T0001" });
    const posted = await app.slack.waitFor(() => app!.slack.messages(CHANNEL)[0]);
    expect(posted.text).toContain("Renew the SOC 2 report");
    await app.cadence.tick();
    await app.client.event({ type: "member_joined_channel", user: "UBOT", channel: CHANNEL, channel_type: "C", team: "T0001" });
    await app.cadence.tick();
    expect(app.slack.messages(CHANNEL)).toHaveLength(1);
    expect(JSON.stringify(await app.commandAll("/cadence", "status"))).not.toContain("not_in_channel");
  });

  it("ignores other people joining the channel", async () => {
    app = await bootApp({ botInChannel: false, expectSlackRefusals: true });
    await app.command("/issue", "add Something");
    await app.client.event({ type: "member_joined_channel", user: "UOTHER", channel: CHANNEL, channel_type: "C", team: "T0001" });
    await app.cadence.tick();
    expect(JSON.stringify(await app.commandAll("/cadence", "status"))).toContain("not_in_channel");
  });
});

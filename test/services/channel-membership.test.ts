import type { Logger } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { ChannelMembershipCheck } from "../../src/services/channel-membership";
import type { SlackMessage } from "../../src/services/ports/slack-api";

function harness(inChannel: boolean, admins: string[]) {
  const warnings: string[] = [];
  const posts: { channel: string; text: string }[] = [];
  const logger = { warn: (...args: unknown[]) => warnings.push(args.join(" ")) } as unknown as Logger;
  const slack = {
    isBotInChannel: async () => inChannel,
    postMessage: async (channel: string, message: SlackMessage) => {
      posts.push({ channel, text: message.text });
      return { channel, ts: "1.0" };
    },
  };
  return { warnings, posts, check: new ChannelMembershipCheck({ slack, channel: "C0CADENCE", admins, logger }) };
}

describe("checking at start that Cadence is in its channel", () => {
  it("logs the invitation hint and DMs each admin when the bot is not a member", async () => {
    const { warnings, posts, check } = harness(false, ["UADMIN", "UOPS"]);
    expect(await check.check()).toBe(false);
    expect(warnings).toEqual([expect.stringContaining("invite @Cadence to <#C0CADENCE>")]);
    expect(posts.map((post) => post.channel)).toEqual(["UADMIN", "UOPS"]);
    expect(posts[0]!.text).toContain("invite @Cadence to <#C0CADENCE>");
  });

  it("says nothing when the bot is in the channel", async () => {
    const { warnings, posts, check } = harness(true, ["UADMIN"]);
    expect(await check.check()).toBe(true);
    expect([warnings, posts]).toEqual([[], []]);
  });
});

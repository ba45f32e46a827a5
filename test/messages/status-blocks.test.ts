import { describe, expect, it } from "vitest";
import { buildStatusReply } from "../../src/messages/status-blocks";

describe("buildStatusReply", () => {
  it("lists each section's items with their fix, keeping mentions and channel links live", () => {
    const reply = buildStatusReply({
      sections: [
        {
          title: "Messages Slack refused for good",
          whenEmpty: "None.",
          items: [{ text: "the post of issue #3: Slack answered `not_in_channel`", fix: "invite @Cadence to <#C1> (`/invite @Cadence` in that channel)" }],
        },
        { title: "Set-up checks", whenEmpty: "All <good>.", items: [] },
      ],
    });
    expect(reply.text).toBe("Cadence status");
    expect(reply.blocks).toEqual([
      { type: "header", text: { type: "plain_text", text: "Cadence status", emoji: true } },
      { type: "section", text: { type: "mrkdwn", text: "*Messages Slack refused for good* (1)" } },
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: "• the post of issue #3: Slack answered `not_in_channel`\n   _Fix:_ invite @Cadence to <#C1> (`/invite @Cadence` in that channel)",
        },
      },
      { type: "section", text: { type: "mrkdwn", text: "*Set-up checks*" } },
      { type: "context", elements: [{ type: "mrkdwn", text: "All &lt;good&gt;." }] },
    ]);
  });
});

// Sends a Reply through a slash command's response_url, split to fit Slack's limits.
import type { RespondFn } from "@slack/bolt";
import { splitReply, type Reply } from "../../messages/reply";

export async function respondEphemeral(respond: RespondFn, reply: Reply): Promise<void> {
  for (const part of splitReply(reply)) {
    await respond({ response_type: "ephemeral", text: part.text, blocks: part.blocks });
  }
}

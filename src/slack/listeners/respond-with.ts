// Sends a Reply through a slash command's response_url, split to fit Slack's limits.
import type { RespondArguments } from "@slack/bolt";
import { splitReply, type Reply } from "../../messages/reply";

export async function respondEphemeral(respond: (message: RespondArguments) => Promise<unknown>, reply: Reply): Promise<void> {
  for (const message of ephemeralMessages(reply)) await respond(message);
}

/** The messages that answer with `reply`, seen only by the user who asked, in order. */
export function ephemeralMessages(reply: Reply): RespondArguments[] {
  return splitReply(reply).map((part) => ({ response_type: "ephemeral", text: part.text, blocks: part.blocks }));
}

// Whether the bot is in the cadence channel. Slack refuses posts to a channel the bot is not in (not_in_channel),
// so at start Cadence says how to fix it before the first issue or digest is due, in the log and to the admins.
import type { Logger } from "@slack/bolt";
import type { SlackApi } from "./ports/slack-api";

/** The one line that tells people how to fix a missing invitation (also for a not_in_channel answer later). */
export function inviteHint(channel: string): string {
  return `invite @Cadence to <#${channel}> (\`/invite @Cadence\` in the channel): issues and the digest wait until then`;
}

export class ChannelMembershipCheck {
  constructor(private readonly deps: { slack: Pick<SlackApi, "isBotInChannel" | "postMessage">; channel: string; admins: string[]; logger: Logger }) {}

  /** Logs and DMs the configured admins when the bot is not in the channel; answers whether it is. */
  async check(): Promise<boolean> {
    const { slack, channel, admins, logger } = this.deps;
    if (await slack.isBotInChannel(channel)) return true;
    logger.warn(`Cadence is not in ${channel}: ${inviteHint(channel)}`);
    for (const admin of admins) {
      await slack
        .postMessage(admin, { text: `:warning: Cadence is not in <#${channel}> yet. Please ${inviteHint(channel)}.` })
        .catch((error: Error) => logger.warn(`telling ${admin} about the invitation failed: ${error.message}`));
    }
    return false;
  }
}

// Posts that waited for an invitation go out once Cadence is in the channel. Slack answers not_in_channel (or,
// for a private channel, channel_not_found) until someone types /invite @Cadence; the outbox gives those posts up
// and shows them in /cadence status. When the bot joins (the member_joined_channel event, or the start-up check
// finding it a member), they are armed again and posted: nothing waiting is lost.
import type { Logger } from "@slack/bolt";
import type { IsoWeek } from "../domain/week";

/** The refusals an invitation cures. */
export const CURED_BY_INVITATION = ["not_in_channel", "channel_not_found"];

export interface InvitationRecoveryDeps {
  deliveries: { rearmAbandoned(channel: string, codes: string[], now: Date): Promise<string[]> };
  issues: { postPending(now: Date): Promise<void> };
  digest: { retryWeek(week: IsoWeek, now: Date): Promise<unknown> };
  logger: Pick<Logger, "info" | "warn">;
}

export class InvitationRecovery {
  constructor(private readonly deps: InvitationRecoveryDeps) {}

  /** Re-posts what Slack refused in `channel` before the bot was in it; answers how many posts were waiting. */
  async botJoined(channel: string, now: Date): Promise<number> {
    const keys = await this.deps.deliveries.rearmAbandoned(channel, CURED_BY_INVITATION, now);
    if (keys.length === 0) return 0;
    this.deps.logger.info(`Cadence is in <#${channel}> now: posting the ${keys.length} message(s) that waited for the invitation`);
    await this.deps.issues.postPending(now);
    for (const week of digestWeeks(keys)) await this.deps.digest.retryWeek(week, now);
    return keys.length;
  }
}

/** The weeks of digest parts among delivery keys (`digest:2026-W47:main`, `digest:2026-W47:thread:0`). */
function digestWeeks(keys: string[]): IsoWeek[] {
  return [...new Set(keys.filter((key) => key.startsWith("digest:")).map((key) => key.split(":")[1] as IsoWeek))];
}

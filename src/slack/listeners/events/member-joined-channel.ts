// The bot was invited to a channel: whatever waited for that invitation is posted now.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { CadenceServices } from "../../../services/cadence-services";

export function memberJoinedChannel(services: CadenceServices) {
  return async ({ event, context, logger }: SlackEventMiddlewareArgs<"member_joined_channel"> & AllMiddlewareArgs): Promise<void> => {
    if (event.user !== context.botUserId) return;
    try {
      await services.invitations.botJoined(event.channel, services.clock());
    } catch (error) {
      logger.error("posting what waited for the invitation failed", error);
    }
  };
}

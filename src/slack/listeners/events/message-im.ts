// An owner's reply in the check-in DM: recorded once however often Slack retries the event.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { CadenceServices } from "../../../services/cadence-services";
import { buildDmReplyText } from "../../../messages/dm-reply-text";

export function directMessageReceived(services: CadenceServices) {
  return async ({ event, body, say, logger }: SlackEventMiddlewareArgs<"message"> & AllMiddlewareArgs): Promise<void> => {
    if (event.channel_type !== "im" || event.subtype !== undefined || "bot_id" in event) return;
    const eventId = (body as { event_id?: string }).event_id ?? `${event.channel}:${event.ts}`;
    try {
      await services.events.run(`event:${eventId}`, async () => {
        const outcome = await services.dmReplies.answer(event.user, event.text ?? "", services.clock(), event.thread_ts);
        await say({ text: buildDmReplyText(outcome), thread_ts: event.thread_ts });
      });
    } catch (error) {
      logger.error("recording a DM reply failed", error);
    }
  };
}

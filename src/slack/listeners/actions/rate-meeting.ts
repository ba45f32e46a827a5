// The digest's "rate this week's meeting" buttons: one vote per person per week, a second replaces the first.
import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { CadenceServices } from "../../../services/cadence-services";

export function rateMeetingButton(services: CadenceServices) {
  return async ({ ack, action, body, respond, logger }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    try {
      const [week = "", score = ""] = (action.value ?? "").split(":");
      const result = await services.digest.rate(week, body.user.id, Number(score), services.clock());
      const text = !result.ok
        ? `:warning: ${result.error}`
        : result.value.previous === null
          ? `Thanks — you rated ${result.value.week}'s meeting ${score}/10.`
          : `Updated your rating of ${result.value.week}'s meeting from ${result.value.previous} to ${score}/10.`;
      await respond({ response_type: "ephemeral", replace_original: false, text });
    } catch (error) {
      logger.error("rating failed", error);
    }
  };
}

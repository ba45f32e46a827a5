// The check-in DM's Confirm / Confirm all button: the owner vouches for the agent's values of that week.
// The DM then re-renders without the "reported by the agent" marks (through EntryService's listeners).
import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { CadenceServices } from "../../../services/cadence-services";
import { checkinButtonValue } from "./checkin-button-value";

export function confirmAgentValuesButton(services: CadenceServices) {
  return async ({ ack, action, body, respond, logger }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    try {
      const parsed = checkinButtonValue.safeParse(JSON.parse(action.value ?? "{}"));
      if (!parsed.success) return void logger.warn("confirm button with a malformed value", action.value);
      const result = await services.entries.confirmAgentValues({ actorId: body.user.id, ...parsed.data, now: services.clock() });
      if (!result.ok) await respond({ response_type: "ephemeral", replace_original: false, text: `:warning: ${result.error}` });
    } catch (error) {
      logger.error("confirming the agent's values failed", error);
    }
  };
}

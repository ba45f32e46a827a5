// The "Enter numbers" button (check-in DM, home tab): opens the form for that owner and week.
import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { CadenceServices } from "../../../services/cadence-services";
import { checkinButtonValue } from "./checkin-button-value";
import { buildCheckinForm, buildNoticeModal, countKpis } from "../../../messages/checkin-blocks";
import { openModalWhenAllowed } from "./open-modal";

export function openCheckinForm(services: CadenceServices) {
  return async ({ ack, body, action, logger }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    try {
      const parsed = checkinButtonValue.safeParse(JSON.parse(action.value ?? "{}"));
      if (!parsed.success) return void logger.warn("check-in button with a malformed value", action.value);
      const { week, ownerId } = parsed.data;
      const permission = {
        cached: await services.entries.mayEnterForFromCache(body.user.id, ownerId),
        ask: () => services.entries.mayEnterFor(body.user.id, ownerId, services.clock()),
      };
      await openModalWhenAllowed(services.slack, body.trigger_id, permission, {
        allowed: async () => {
          const model = await services.checkins.model(ownerId, week);
          return countKpis(model) > 0 ? buildCheckinForm(model) : buildNoticeModal("Nothing to enter", "These seats have no active KPIs any more.");
        },
        refused: () => buildNoticeModal("Not your numbers", `Only <@${ownerId}> (the seats' owner) or a Cadence admin can enter these numbers.`),
      });
    } catch (error) {
      logger.error("opening the check-in form failed", error);
    }
  };
}

// On track / Off track / Done on a priority in the check-in DM: change it, then re-render that DM.
import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { parsePrefixedId } from "../../../domain/priority";
import type { CadenceServices } from "../../../services/cadence-services";
import type { Outcome } from "../../../services/outcome";
import type { PriorityChange } from "../../../services/priority-service";
import { tell } from "./issue-buttons";

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;
type Change = "on" | "off" | "done";

export function priorityButton(services: CadenceServices, change: Change) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    try {
      const id = parsePrefixedId(args.action.value, "P");
      if (id === undefined) return;
      const actor = args.body.user.id;
      const now = services.clock();
      const result: Outcome<PriorityChange> =
        change === "done" ? await services.priorities.markDone(id, actor, now) : await services.priorities.setStatus(id, change === "on", actor, now);
      if (!result.ok) return await tell(args, `:warning: ${result.error}`);
      const messageTs = args.body.container?.message_ts as string | undefined;
      const week = messageTs ? await services.checkins.weekOfThread(actor, messageTs) : undefined;
      if (week) await services.checkins.refreshMessage(actor, week, now);
    } catch (error) {
      args.logger.error(`priority ${change} button failed`, error);
    }
  };
}

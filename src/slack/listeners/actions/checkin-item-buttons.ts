// The check-in DM's buttons on priorities (On track / Off track / Done) and to-dos (Done): change the item,
// then re-render that DM.
import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { parsePrefixedId } from "../../../domain/priority";
import type { CadenceServices } from "../../../services/cadence-services";
import type { Outcome } from "../../../services/outcome";
import { tell } from "./issue-buttons";

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;
type Change = "on" | "off" | "done" | "todo-done";

export function checkinItemButton(services: CadenceServices, change: Change) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    try {
      const id = parsePrefixedId(args.action.value, change === "todo-done" ? "T" : "P");
      if (id === undefined) return;
      const actor = args.body.user.id;
      const now = services.clock();
      const result: Outcome<unknown> =
        change === "todo-done"
          ? await services.todos.close(id, "done", actor, now)
          : change === "done"
            ? await services.priorities.markDone(id, actor, now)
            : await services.priorities.setStatus(id, change === "on", actor, now);
      if (!result.ok) return await tell(services, args, `:warning: ${result.error}`);
      const messageTs = args.body.container?.message_ts as string | undefined;
      const week = messageTs ? await services.checkins.weekOfThread(actor, messageTs) : undefined;
      if (week) await services.checkins.refreshMessage(actor, week, now);
    } catch (error) {
      args.logger.error(`check-in ${change} button failed`, error);
    }
  };
}

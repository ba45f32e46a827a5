// Buttons and selects, one file each, behind one Bolt listener (route-by-name.ts says why).
import type { AllMiddlewareArgs, App, BlockAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { CadenceServices } from "../../../services/cadence-services";
import { ACTIONS, RATING_ACTION_PATTERN } from "../../../messages/ids";
import { routeByName, type Route } from "../route-by-name";
import { confirmAgentValuesButton } from "./confirm-agent-values";
import { assignIssueSelect, dropIssueButton, resolveIssueButton } from "./issue-buttons";
import { openCheckinForm } from "./open-checkin-form";
import { rateMeetingButton } from "./rate-meeting";
import { keepGoingButton, notYetButton, pauseSeatButton, promoteSeatButton } from "./pilot-buttons";
import { checkinItemButton } from "./checkin-item-buttons";

type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

export function registerActions(app: App, services: CadenceServices): void {
  const routes: Route<ActionArgs>[] = [
    [ACTIONS.openCheckinForm, openCheckinForm(services)],
    [ACTIONS.confirmAgentValues, confirmAgentValuesButton(services)],
    [ACTIONS.resolveIssue, resolveIssueButton(services)],
    [ACTIONS.dropIssue, dropIssueButton(services)],
    [ACTIONS.assignIssue, assignIssueSelect(services)],
    [RATING_ACTION_PATTERN, rateMeetingButton(services)],
    [ACTIONS.pauseSeat, pauseSeatButton(services)],
    [ACTIONS.keepGoing, keepGoingButton(services)],
    [ACTIONS.promoteSeat, promoteSeatButton(services)],
    [ACTIONS.notYet, notYetButton(services)],
    [ACTIONS.priorityOnTrack, checkinItemButton(services, "on")],
    [ACTIONS.priorityOffTrack, checkinItemButton(services, "off")],
    [ACTIONS.priorityDone, checkinItemButton(services, "done")],
    [ACTIONS.todoDone, checkinItemButton(services, "todo-done")],
  ];
  app.action<BlockAction>(
    /.*/,
    routeByName<ActionArgs>((args) => args.action.action_id, routes, unknownAction),
  );
}

// A button Cadence no longer has (on a message an older release posted) is acked, so Slack shows no error, and
// logged, since the click did nothing.
async function unknownAction({ ack, action, logger }: ActionArgs): Promise<void> {
  await ack();
  logger.warn(`a click on ${action.action_id}, which Cadence has no handler for, did nothing`);
}

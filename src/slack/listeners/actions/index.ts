// Buttons and selects, one file each.
import type { App, BlockAction, BlockButtonAction, UsersSelectAction } from "@slack/bolt";
import type { CadenceServices } from "../../../services/cadence-services";
import { ACTIONS, RATING_ACTION_PATTERN } from "../../../messages/ids";
import { confirmAgentValuesButton } from "./confirm-agent-values";
import { assignIssueSelect, dropIssueButton, resolveIssueButton } from "./issue-buttons";
import { openCheckinForm } from "./open-checkin-form";
import { rateMeetingButton } from "./rate-meeting";
import { keepGoingButton, notYetButton, pauseSeatButton, promoteSeatButton } from "./pilot-buttons";
import { checkinItemButton } from "./checkin-item-buttons";

export function registerActions(app: App, services: CadenceServices): void {
  app.action<BlockButtonAction>(ACTIONS.openCheckinForm, openCheckinForm(services));
  app.action<BlockButtonAction>(ACTIONS.confirmAgentValues, confirmAgentValuesButton(services));
  app.action<BlockButtonAction>(ACTIONS.resolveIssue, resolveIssueButton(services));
  app.action<BlockButtonAction>(ACTIONS.dropIssue, dropIssueButton(services));
  app.action<BlockAction<UsersSelectAction>>(ACTIONS.assignIssue, assignIssueSelect(services));
  app.action<BlockButtonAction>({ action_id: RATING_ACTION_PATTERN }, rateMeetingButton(services));
  app.action<BlockButtonAction>(ACTIONS.pauseSeat, pauseSeatButton(services));
  app.action<BlockButtonAction>(ACTIONS.keepGoing, keepGoingButton(services));
  app.action<BlockButtonAction>(ACTIONS.promoteSeat, promoteSeatButton(services));
  app.action<BlockButtonAction>(ACTIONS.notYet, notYetButton(services));
  app.action<BlockButtonAction>(ACTIONS.priorityOnTrack, checkinItemButton(services, "on"));
  app.action<BlockButtonAction>(ACTIONS.priorityOffTrack, checkinItemButton(services, "off"));
  app.action<BlockButtonAction>(ACTIONS.priorityDone, checkinItemButton(services, "done"));
  app.action<BlockButtonAction>(ACTIONS.todoDone, checkinItemButton(services, "todo-done"));
}

// Modal submissions, one file each.
import type { App, ViewSubmitAction } from "@slack/bolt";
import type { CadenceServices } from "../../../services/cadence-services";
import { VIEWS } from "../../../messages/ids";
import { checkinFormSubmitted } from "./checkin-form";
import { resolveIssueSubmitted } from "./resolve-issue";

export function registerViews(app: App, services: CadenceServices): void {
  app.view<ViewSubmitAction>(VIEWS.checkinForm, checkinFormSubmitted(services));
  app.view<ViewSubmitAction>(VIEWS.resolveIssue, resolveIssueSubmitted(services));
}

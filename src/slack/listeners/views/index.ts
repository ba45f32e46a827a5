// Modal submissions, one file each, behind one Bolt listener (route-by-name.ts says why).
import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import type { CadenceServices } from "../../../services/cadence-services";
import { VIEWS } from "../../../messages/ids";
import { routeByName } from "../route-by-name";
import { checkinFormSubmitted } from "./checkin-form";
import { resolveIssueSubmitted } from "./resolve-issue";

type SubmitArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

export function registerViews(app: App, services: CadenceServices): void {
  const routes = [
    [VIEWS.checkinForm, checkinFormSubmitted(services)],
    [VIEWS.resolveIssue, resolveIssueSubmitted(services)],
  ] as const;
  app.view<ViewSubmitAction>(
    { type: "view_submission" },
    routeByName<SubmitArgs>((args) => args.view.callback_id, routes, unknownForm),
  );
}

// A form Cadence no longer has (opened before an upgrade) stays open with the reason, rather than closing as if saved.
async function unknownForm({ ack, view, logger }: SubmitArgs): Promise<void> {
  const field = view.blocks.find((block) => block.type === "input")?.block_id;
  await ack(field ? { response_action: "errors", errors: { [field]: "Cadence no longer has this form; close it and start again." } } : undefined);
  logger.warn(`a form ${view.callback_id}, which Cadence has no handler for, was submitted`);
}

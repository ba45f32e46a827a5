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
    routeByName<SubmitArgs>((args) => args.view.callback_id, routes, closeForm),
  );
}

// A notice modal has a Close button only; anything else submitted that Cadence does not know just closes.
async function closeForm({ ack }: SubmitArgs): Promise<void> {
  await ack();
}

// Pause / Keep going on a kill issue, Promote / Not yet on a gate issue: each calls the service that the
// matching command uses, so permissions and the audit log are the same from every surface.
import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { parseIssueId } from "../../../domain/commands/issue-command";
import type { CadenceServices } from "../../../services/cadence-services";
import type { Outcome } from "../../../services/outcome";

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;
type Decide = (services: CadenceServices, issueId: number, actorId: string, now: Date) => Promise<Outcome<string>>;

async function tell(args: ButtonArgs, text: string): Promise<void> {
  // Home-tab buttons have no response_url: a DM with the bot reaches the user.
  if (!args.body.response_url) return void (await args.client.chat.postMessage({ channel: args.body.user.id, text }));
  await args.respond({ response_type: "ephemeral", replace_original: false, text });
}

function pilotButton(what: string, decide: Decide) {
  return (services: CadenceServices) =>
    async (args: ButtonArgs): Promise<void> => {
      await args.ack();
      try {
        const id = parseIssueId(args.action.value);
        if (id === undefined) return;
        const result = await decide(services, id, args.body.user.id, services.clock());
        await tell(args, result.ok ? result.value : `:warning: ${result.error}`);
      } catch (error) {
        args.logger.error(`${what} button failed`, error);
      }
    };
}

export const pauseSeatButton = pilotButton("pause", (services, id, actor, now) => services.pilot.kill.pause(id, actor, now));
export const keepGoingButton = pilotButton("keep going", (services, id, actor, now) => services.pilot.kill.keepGoing(id, actor, now));
export const promoteSeatButton = pilotButton("promote", (services, id, actor, now) => services.pilot.gate.promote(id, actor, services.pilot.stages, now));
export const notYetButton = pilotButton("not yet", (services, id, actor, now) => services.pilot.gate.notYet(id, actor, now));

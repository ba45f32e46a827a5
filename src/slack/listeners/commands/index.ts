// Slash commands, one file each, behind one Bolt listener (route-by-name.ts says why).
import type { App } from "@slack/bolt";
import type { CadenceServices } from "../../../services/cadence-services";
import { routeByName } from "../route-by-name";
import { cadenceCommand } from "./cadence";
import type { CommandArgs } from "./command-listener";
import { issueCommand } from "./issue";
import { scorecardCommand } from "./scorecard";
import { priorityCommand } from "./priority";
import { todoCommand } from "./todo";

/**
 * `afterPendingAcks` resolves once the Slack requests that came with this one are acked (or after a bounded wait):
 * a command's ack resolves only then, so the work after it (reading, rendering, handing the table to the
 * off-loop thread) runs after a burst's acks, not between them (issue 17).
 */
export function registerCommands(app: App, services: CadenceServices, afterPendingAcks: () => Promise<void>): void {
  const routes = [
    ["/cadence", cadenceCommand(services)],
    ["/scorecard", scorecardCommand(services)],
    ["/issue", issueCommand(services)],
    ["/priority", priorityCommand(services)],
    ["/todo", todoCommand(services)],
  ] as const;
  const route = routeByName<CommandArgs>((args) => args.command.command, routes, unknownCommand);
  app.command(/.*/, (args) =>
    route({
      ...args,
      ack: async (response) => {
        await args.ack(response);
        await afterPendingAcks();
      },
    }),
  );
}

// Only a manifest that lists a command Cadence does not have sends one; say so rather than leave it unanswered.
async function unknownCommand({ ack, command }: CommandArgs): Promise<void> {
  await ack({ response_type: "ephemeral", text: `:warning: Cadence has no ${command.command} command; see \`/cadence help\`.` });
}

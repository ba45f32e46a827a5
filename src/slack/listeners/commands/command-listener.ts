// What every slash command does around its own work: ack at once (Slack's 3-second deadline), answer
// ephemerally through the response_url, and turn an unexpected failure into a one-line apology.
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { errorReply, type Reply } from "../../blocks/reply";
import { respondEphemeral } from "../respond-with";

export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

export function commandListener(name: string, answer: (args: CommandArgs) => Promise<Reply>) {
  return async (args: CommandArgs): Promise<void> => {
    await args.ack();
    try {
      await respondEphemeral(args.respond, await answer(args));
    } catch (error) {
      args.logger.error(`${name} failed`, error);
      await respondEphemeral(args.respond, errorReply("something went wrong on Cadence's side; nothing was changed. Try again in a minute."));
    }
  };
}

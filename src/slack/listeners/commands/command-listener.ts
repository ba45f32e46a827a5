// What every slash command does around its own work: ack at once (Slack's 3-second deadline), answer
// ephemerally through the response_url, and turn an unexpected failure into a one-line apology.
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import pLimit from "p-limit";
import { errorReply, type Reply } from "../../blocks/reply";
import { respondEphemeral } from "../respond-with";

export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

// Answers are built a few at a time. Rendering is CPU work on the one event loop: without a bound, a burst of
// commands would all render at once and the acks of the commands arriving meanwhile would wait behind them.
// Queued answers only wait; acks, which are cheap, keep getting their turn (response_urls stay valid 30 min).
const answers = pLimit(4);

// A failure can come after a write (an issue stored, then its post failed): say only what is known.
const UNFINISHED = "something went wrong on Cadence's side and the command may not have finished; part of it may be done, so check (`/issue list`, `/scorecard`) before trying again.";

export function commandListener(name: string, answer: (args: CommandArgs) => Promise<Reply>) {
  return async (args: CommandArgs): Promise<void> => {
    await args.ack();
    await answers(async () => {
      try {
        await respondEphemeral(args.respond, await answer(args));
      } catch (error) {
        args.logger.error(`${name} failed`, error);
        await respondEphemeral(args.respond, errorReply(UNFINISHED));
      }
    });
  };
}

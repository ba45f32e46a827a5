// What every slash command does around its own work: ack at once (Slack's 3-second deadline), answer
// ephemerally through the response_url, and turn an unexpected failure into a one-line apology.
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import pLimit from "p-limit";
import { ALREADY_POSTED, errorReply, type AlreadyPosted, type Reply } from "../../../messages/reply";
import { respondEphemeral } from "../respond-with";

export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

// Rendering a big read (the scorecard, the issue list) is CPU work on the one event loop: without a bound, a
// burst of them would all render at once and the acks of commands arriving meanwhile would wait behind them.
// Only that part is bounded: Slack I/O (posting, a job's fan-out, the answer itself) never holds a turn, so a
// slow `/cadence run checkins` cannot stall everyone else's answers.
//
// One turn at a time, and each turn starts from the macrotask queue: p-limit hands a freed turn to the next
// task in a microtask, so without the yield a queue of renders would run back to back and requests that
// arrived meanwhile (their bodies are I/O callbacks) could not even be read, let alone acked. Measured by
// `npm run bench -- lean` (the /scorecard ack at 20 concurrent requests).
const renderTurns = pLimit(1);

/** Runs a read-and-render step in the render turn, after letting pending requests be read and acked. */
export function inRenderTurn<T>(work: () => Promise<T>): Promise<T> {
  return renderTurns(async () => {
    await yieldToEventLoop();
    return work();
  });
}

// A failure can come after a write (an issue stored, then its post failed): say only what is known.
const UNFINISHED =
  "something went wrong on Cadence's side and the command may not have finished; part of it may be done, so check (`/issue list`, `/scorecard`) before trying again.";

/** `answer` gives the reply to post, or ALREADY_POSTED when its work posted it to the response_url. */
export function commandListener(name: string, answer: (args: CommandArgs) => Promise<Reply | AlreadyPosted>) {
  return async (args: CommandArgs): Promise<void> => {
    await args.ack();
    let reply: Reply | AlreadyPosted;
    try {
      reply = await answer(args);
    } catch (error) {
      args.logger.error(`${name} failed`, error);
      reply = errorReply(UNFINISHED);
    }
    if (reply === ALREADY_POSTED) return;
    await respondEphemeral(args.respond, reply).catch((error: unknown) => args.logger.error(`${name}: answering failed`, error));
  };
}

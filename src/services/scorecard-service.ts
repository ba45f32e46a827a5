// Reading the scorecard: every active KPI over recent weeks, or one KPI's history.
import type { Logger } from "@slack/bolt";
import { lastCompletedWeek, type IsoWeek } from "../domain/week";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { buildKpiHistoryReply, scorecardReplySteps } from "../messages/scorecard-blocks";
import { ALREADY_POSTED, errorReply, type AlreadyPosted, type Reply } from "../messages/reply";
import type { EntryService } from "./entry-service";
import { TREND_WEEKS } from "../domain/trend";
import type { ScorecardLoader } from "./scorecard-data";

/** Whether the table was posted; when it could not be built there (nothing was posted), why. */
export type TableAnswer = { posted: true } | { posted: false; reason: string };

/**
 * Builds the whole scorecard of a week as `/scorecard` answers it and posts it to the command's response_url.
 * A failure to post rejects (the answer may be partly posted); a failure to build resolves `posted: false`.
 */
export type TableAnswerer = (week: IsoWeek, responseUrl: string) => Promise<TableAnswer>;

export class ScorecardService {
  constructor(
    private readonly deps: {
      loader: ScorecardLoader;
      entries: EntryService;
      tz: string;
      /**
       * Who builds and posts the whole table: in the app the off-loop thread (src/off-loop/), away from the event
       * loop that acks Slack. Without one, or when it could not build the table (which is logged), it is built
       * here, in turns, for the listener to post.
       */
      answerer?: TableAnswerer;
      logger?: Pick<Logger, "warn">;
    },
  ) {}

  /** The whole scorecard of the last completed week: posted to `responseUrl` by the answerer, or the reply to post. */
  async answerTable(now: Date, responseUrl: string): Promise<Reply | AlreadyPosted> {
    const week = lastCompletedWeek(now, this.deps.tz);
    const { answerer, logger } = this.deps;
    if (answerer) {
      const answer = await answerer(week, responseUrl);
      if (answer.posted) return ALREADY_POSTED;
      logger?.warn(`/scorecard: building the table off the loop failed (${answer.reason}); built here instead`);
    }
    return this.tableHere(week);
  }

  /** One KPI's values over recent weeks. */
  async history(kpiName: string, now: Date): Promise<Reply> {
    const week = lastCompletedWeek(now, this.deps.tz);
    const found = await this.deps.entries.findKpi(kpiName);
    if (!found.ok) return errorReply(found.error);
    return buildKpiHistoryReply(found.value.kpi, found.value.seat, await this.deps.loader.load(week, TREND_WEEKS));
  }

  private async tableHere(week: IsoWeek): Promise<Reply> {
    return inTurns(scorecardReplySteps(await this.deps.loader.load(week, TREND_WEEKS)));
  }
}

/** Runs a builder's steps, each in its own turn of the event loop: a request that arrives meanwhile is acked between. */
async function inTurns<T>(steps: Generator<void, T>): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await yieldToEventLoop();
  }
}

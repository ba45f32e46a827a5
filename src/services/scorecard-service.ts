// Reading the scorecard: every active KPI over recent weeks, or one KPI's history.
import type { Logger } from "@slack/bolt";
import type { ScorecardCommand } from "../domain/commands/scorecard-command";
import { lastCompletedWeek, type IsoWeek } from "../domain/week";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { buildKpiHistoryReply, scorecardReplySteps } from "../messages/scorecard-blocks";
import { errorReply, type Reply } from "../messages/reply";
import type { EntryService } from "./entry-service";
import { TREND_WEEKS } from "../domain/trend";
import type { ScorecardLoader } from "./scorecard-data";

/** Builds the whole scorecard of a week as `/scorecard` answers it. */
export type ScorecardTable = (week: IsoWeek) => Promise<Reply>;

export class ScorecardService {
  constructor(
    private readonly deps: {
      loader: ScorecardLoader;
      entries: EntryService;
      tz: string;
      /**
       * Where the whole table is built: the app builds it on the off-loop thread (src/off-loop/), away from the
       * event loop that acks Slack. Without one it is built here, in turns; when that fails too (and is logged).
       */
      table?: ScorecardTable;
      logger?: Pick<Logger, "warn">;
    },
  ) {}

  async reply(command: Extract<ScorecardCommand, { type: "scorecard" | "history" }>, now: Date): Promise<Reply> {
    const week = lastCompletedWeek(now, this.deps.tz);
    if (command.type === "scorecard") return this.table(week);
    const found = await this.deps.entries.findKpi(command.kpi);
    if (!found.ok) return errorReply(found.error);
    return buildKpiHistoryReply(found.value.kpi, found.value.seat, await this.deps.loader.load(week, TREND_WEEKS));
  }

  private async table(week: IsoWeek): Promise<Reply> {
    const { table, logger } = this.deps;
    if (!table) return this.tableHere(week);
    try {
      return await table(week);
    } catch (error) {
      logger?.warn(`/scorecard: building the table off the loop failed (${(error as Error).message}); built here instead`);
      return this.tableHere(week);
    }
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

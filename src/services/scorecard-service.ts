// Reading the scorecard: every active KPI over recent weeks, or one KPI's history.
import type { ScorecardCommand } from "../domain/commands/scorecard-command";
import { lastCompletedWeek } from "../domain/week";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { buildKpiHistoryReply, scorecardReplySteps } from "../messages/scorecard-blocks";
import { errorReply, type Reply } from "../messages/reply";
import type { EntryService } from "./entry-service";
import { TREND_WEEKS } from "../domain/trend";
import type { ScorecardLoader } from "./scorecard-data";

export class ScorecardService {
  constructor(private readonly deps: { loader: ScorecardLoader; entries: EntryService; tz: string }) {}

  async reply(command: Extract<ScorecardCommand, { type: "scorecard" | "history" }>, now: Date): Promise<Reply> {
    const week = lastCompletedWeek(now, this.deps.tz);
    if (command.type === "scorecard") return inTurns(scorecardReplySteps(await this.deps.loader.load(week, TREND_WEEKS)));
    const found = await this.deps.entries.findKpi(command.kpi);
    if (!found.ok) return errorReply(found.error);
    return buildKpiHistoryReply(found.value.kpi, found.value.seat, await this.deps.loader.load(week, TREND_WEEKS));
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

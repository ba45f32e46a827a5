// `/scorecard`: read the scorecard, one KPI's history, or record a value.
import { parseScorecardCommand } from "../../../domain/commands/scorecard-command";
import { evaluateGoal, formatGoal } from "../../../domain/goal";
import { formatValue } from "../../../domain/units";
import type { CadenceServices } from "../../../services/cadence-services";
import { errorReply, textReply } from "../../../messages/reply";
import { escapeText } from "../../../messages/limits";
import { trackMark } from "../../../messages/checkin-blocks";
import { commandListener, inRenderTurn } from "./command-listener";
import { runSelfAway } from "./time-off";

export function scorecardCommand(services: CadenceServices) {
  return commandListener("/scorecard", async ({ command }) => {
    const parsed = parseScorecardCommand(command.text);
    if (!parsed.ok) return errorReply(parsed.error);
    const now = services.clock();
    const read = parsed.command;
    if (read.type === "away") return runSelfAway(services, read, command.user_id, now);
    // The whole table is built and posted by the off-loop thread: waiting for it must not hold the render turn that
    // other commands' renders on this thread queue for. One KPI's history is still built here.
    if (read.type === "scorecard") return services.scorecard.answerTable(now, command.response_url);
    if (read.type === "history") return inRenderTurn(() => services.scorecard.history(read.kpi, now));
    const result = await services.entries.recordByName({ actorId: command.user_id, kpiName: read.kpi, valueText: read.value, weekText: read.week, now });
    if (!result.ok) return errorReply(result.error);
    const [{ kpi, entry }] = result.value.entries;
    const state = evaluateGoal(kpi.goal, entry.value);
    return textReply(
      `${trackMark(state)} Recorded *${escapeText(kpi.name)}* = ${formatValue(entry.value, kpi.unit)} for ${result.value.week} (${state === "on" ? "on track" : "off track"}, goal ${formatGoal(kpi.goal, kpi.unit)}).`,
    );
  });
}

// `/scorecard`: read the scorecard, one KPI's history, or record a value.
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { parseScorecardCommand } from "../../../domain/commands/scorecard-command";
import { evaluateGoal, formatGoal } from "../../../domain/goal";
import { formatValue } from "../../../domain/units";
import type { CadenceServices } from "../../../services/cadence-services";
import { errorReply, textReply, type Reply } from "../../blocks/reply";
import { trackMark } from "../../blocks/checkin-blocks";
import { respondEphemeral } from "../respond-with";

export function scorecardCommand(services: CadenceServices) {
  return async ({ command, ack, respond, logger }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    try {
      const parsed = parseScorecardCommand(command.text);
      if (!parsed.ok) return await respondEphemeral(respond, errorReply(parsed.error));
      const now = services.clock();
      const reply = await (async (): Promise<Reply> => {
        switch (parsed.command.type) {
          case "set": {
            const result = await services.entries.recordByName({ actorId: command.user_id, kpiName: parsed.command.kpi, valueText: parsed.command.value, weekText: parsed.command.week, now });
            if (!result.ok) return errorReply(result.error);
            const [{ kpi, entry }] = result.value.entries;
            const state = evaluateGoal(kpi.goal, entry.value);
            return textReply(`${trackMark(state)} Recorded *${kpi.name}* = ${formatValue(entry.value, kpi.unit)} for ${result.value.week} (${state === "on" ? "on track" : "off track"}, goal ${formatGoal(kpi.goal, kpi.unit)}).`);
          }
          default:
            return services.scorecard.reply(parsed.command, now);
        }
      })();
      await respondEphemeral(respond, reply);
    } catch (error) {
      logger.error("/scorecard failed", error);
      await respondEphemeral(respond, errorReply("something went wrong on Cadence's side; nothing was changed. Try again in a minute."));
    }
  };
}

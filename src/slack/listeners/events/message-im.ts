// An owner's reply in the check-in DM: values one per line, recorded once however often Slack retries.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import { decodeSlackEntities } from "../../../domain/command-tokens";
import { parseCheckinReply, replySizeProblem } from "../../../domain/reply-parse";
import { formatValue } from "../../../domain/units";
import type { CadenceServices } from "../../../services/cadence-services";
import { escapeText } from "../../blocks/limits";
import { once } from "../once";

export function directMessageReceived(services: CadenceServices) {
  return async ({ event, body, say, logger }: SlackEventMiddlewareArgs<"message"> & AllMiddlewareArgs): Promise<void> => {
    if (event.channel_type !== "im" || event.subtype !== undefined || "bot_id" in event) return;
    const userId = event.user;
    const text = event.text ?? "";
    const eventId = (body as { event_id?: string }).event_id ?? `${event.channel}:${event.ts}`;
    try {
      await once(services.processedEvents, `event:${eventId}`, async () => {
        const answer = await recordReply(services, userId, text);
        await say({ text: answer, thread_ts: event.thread_ts });
      });
    } catch (error) {
      logger.error("recording a DM reply failed", error);
    }
  };
}

async function recordReply(services: CadenceServices, userId: string, text: string): Promise<string> {
  const week = await services.checkins.latestWeekFor(userId);
  if (!week) return "I have no check-in open for you. Numbers can also be set with `/scorecard set \"<kpi>\" <value>`.";
  const model = await services.checkins.model(userId, week);
  const kpis = model.seats.flatMap((seat) => seat.kpis);
  if (kpis.length === 0) return "Your seats have no active KPIs, so there is nothing to record.";
  const tooBig = replySizeProblem(text);
  if (tooBig) return `:warning: ${escapeText(tooBig)}; nothing was recorded.`;
  // Slack escapes &, < and > in message text; KPI names are stored as typed ("R&D hours").
  const parsed = parseCheckinReply(decodeSlackEntities(text), kpis);
  const lines: string[] = [];
  if (parsed.values.length > 0) {
    const now = services.clock();
    const result = await services.entries.recordForOwner({ actorId: userId, ownerId: userId, week, values: parsed.values, note: parsed.note, source: "dm", now });
    if (!result.ok) return `:warning: ${result.error}`;
    lines.push(`:white_check_mark: Recorded for ${week}:`);
    for (const { kpi, entry } of result.value.entries) lines.push(`• ${escapeText(kpi.name)}: ${formatValue(entry.value, kpi.unit)}`);
  }
  if (parsed.problems.length > 0) {
    lines.push(parsed.values.length > 0 ? ":warning: I could not read:" : ":warning: I could not read your reply, so nothing was recorded:");
    for (const problem of parsed.problems) lines.push(`• ${escapeText(problem)}`);
    lines.push(`Your KPIs, in order: ${kpis.map((kpi) => escapeText(kpi.name)).join(", ")}.`);
  }
  return lines.length > 0 ? lines.join("\n") : `Send one value per line, in this order: ${kpis.map((kpi) => escapeText(kpi.name)).join(", ")}.`;
}

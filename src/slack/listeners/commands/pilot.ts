// `/cadence seat stage|history|gate|webhook`, `/cadence kpi kill`, `/cadence review`: AI seats from pilot to
// production. The /cadence listener has checked that the caller is an admin.
import type { PilotCommand } from "../../../domain/commands/pilot-command";
import { describeGateProgress } from "../../../domain/gate";
import { NEXT_STAGE } from "../../../domain/stage";
import type { CadenceServices } from "../../../services/cadence-services";
import { escapeText } from "../../../messages/limits";
import { errorReply, textReply, type Reply } from "../../../messages/reply";
import { seatLabel } from "../../../messages/setup-blocks";
import { buildStageHistoryReply, stageBadge } from "../../../messages/stage-blocks";

const PILOT_TYPES = new Set<string>(["seat.stage", "seat.history", "seat.gate", "seat.webhook", "kpi.kill", "review"]);

export const isPilotCommand = (command: { type: string }): command is PilotCommand => PILOT_TYPES.has(command.type);

export async function runPilotCommand(services: CadenceServices, command: PilotCommand, actor: string, now: Date): Promise<Reply> {
  const { stages, gate, kill, reviews, stageRows } = services.pilot;
  switch (command.type) {
    case "seat.stage": {
      const result = await stages.changeByName({ seat: command.seat, to: command.stage, reason: command.reason, actorId: actor, via: "command", now });
      if (!result.ok) return errorReply(result.error);
      const { seat, change } = result.value;
      return textReply(
        `:white_check_mark: ${seatLabel(seat)}: ${change.from ?? "none"} → ${stageBadge(change.to)}${change.reason ? ` — “${escapeText(change.reason)}”` : ""}.`,
      );
    }
    case "seat.history": {
      const result = await stages.history(command.seat);
      return result.ok ? buildStageHistoryReply(result.value.seat, result.value.changes) : errorReply(result.error);
    }
    case "seat.gate": {
      const seat = await stages.aiSeat(command.seat);
      if (!seat.ok) return errorReply(seat.error);
      if (command.gate) await stageRows.setGate(seat.value.id, command.gate, actor, now);
      const settings = command.gate ?? (await stageRows.gateSettings(seat.value.id));
      const target = seat.value.stage ? NEXT_STAGE[seat.value.stage] : undefined;
      const progress = describeGateProgress(await gate.evaluate(seat.value, target ?? "production", now));
      const verb = command.gate ? "Gate set" : "Gate";
      return textReply(
        `:checkered_flag: ${verb} for ${seatLabel(seat.value)}: ${settings.percent}% of KPI-weeks on track over the last ${settings.weeks} weeks${target ? ` (to ${target})` : ""}. Now: ${progress}.`,
      );
    }
    case "kpi.kill": {
      const result = await kill.setThreshold(command, actor, now);
      if (!result.ok) return errorReply(result.error);
      return textReply(
        `:octagonal_sign: Kill threshold for *${escapeText(result.value.kpi.name)}* (${seatLabel(result.value.seat)}): ${escapeText(result.value.text)}. A value past it opens a kill issue at once.`,
      );
    }
    case "review": {
      const result = await reviews.set(command, actor, now);
      if (!result.ok) return errorReply(result.error);
      const { seat, review, required } = result.value;
      const needed = required ? " (production requires it)" : "";
      return textReply(
        `:memo: ${review.kind} review of ${seatLabel(seat)}: *${review.state}*${needed}${review.note ? ` — “${escapeText(review.note)}”` : ""}.`,
      );
    }
    case "seat.webhook": {
      const result = await services.pilot.webhooks.setWebhook(command.seat, command.url, actor, now);
      if (!result.ok) return errorReply(result.error);
      return textReply(
        `:link: Stop webhook for ${seatLabel(result.value.seat)}: ${escapeText(command.url)}. Its signing secret, shown this once: \`${result.value.secret}\`\nCadence POSTs each pause, retirement and resumption, signed in \`X-Cadence-Signature\` (see the README).`,
      );
    }
  }
}

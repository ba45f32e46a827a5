// `/priority …`: the team's quarterly priorities.
import { parsePriorityCommand, type PriorityCommand } from "../../../domain/commands/priority-command";
import type { CadenceServices } from "../../../services/cadence-services";
import { priorityLabel } from "../../../services/priority-service";
import { buildPriorityListReply } from "../../../messages/priority-blocks";
import { formatTypedText } from "../../../messages/limits";
import { errorReply, textReply, type Reply } from "../../../messages/reply";
import { commandListener, inRenderTurn } from "./command-listener";

export function priorityCommand(services: CadenceServices) {
  return commandListener("/priority", async ({ command }) => {
    const parsed = parsePriorityCommand(command.text);
    if (!parsed.ok) return errorReply(parsed.error);
    return runPriorityCommand(services, parsed.command, command.user_id, services.clock());
  });
}

async function runPriorityCommand(services: CadenceServices, command: PriorityCommand, actor: string, now: Date): Promise<Reply> {
  const { priorities } = services;
  switch (command.type) {
    case "list":
      return inRenderTurn(async () => buildPriorityListReply(await priorities.listOpen()));
    case "add": {
      const result = await priorities.add(command, actor, now);
      if (!result.ok) return errorReply(result.error);
      const { id, title, ownerId, due } = result.value;
      return textReply(`:dart: Added *${priorityLabel(id)}* ${formatTypedText(title)} for <@${ownerId}>, due ${due}.`);
    }
    case "done": {
      const result = await priorities.markDone(command.id, actor, now);
      return result.ok ? textReply(`:white_check_mark: *${priorityLabel(command.id)}* is done.`) : errorReply(result.error);
    }
    case "drop": {
      const result = await priorities.drop(command.id, command.note, actor, now);
      return result.ok ? textReply(`:wastebasket: Dropped *${priorityLabel(command.id)}*.`) : errorReply(result.error);
    }
    case "status": {
      const result = await priorities.setStatus(command.id, command.onTrack, actor, now);
      if (!result.ok) return errorReply(result.error);
      const issue = result.value.issue ? ` Opened issue *#${result.value.issue.id}* for it.` : "";
      return textReply(
        `${command.onTrack ? ":large_green_circle:" : ":red_circle:"} *${priorityLabel(command.id)}* is ${command.onTrack ? "on" : "off"} track.${issue}`,
      );
    }
  }
}

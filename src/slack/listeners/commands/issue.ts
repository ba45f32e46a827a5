// `/issue …`: list, add, resolve, drop, assign.
import { parseIssueCommand, type IssueCommand } from "../../../domain/commands/issue-command";
import type { CadenceServices } from "../../../services/cadence-services";
import { buildIssueListReply } from "../../../messages/issue-list-blocks";
import { errorReply, textReply, type Reply } from "../../../messages/reply";
import { formatTypedText } from "../../../messages/limits";
import { commandListener, inRenderTurn } from "./command-listener";
import { resolveWithTodo } from "../../../services/resolve-with-todo";
import { todoLabel } from "../../../services/todo-service";

export function issueCommand(services: CadenceServices) {
  return commandListener("/issue", async ({ command }) => {
    const parsed = parseIssueCommand(command.text);
    if (!parsed.ok) return errorReply(parsed.error);
    return runIssueCommand(services, parsed.command, command.user_id, services.clock());
  });
}

async function runIssueCommand(services: CadenceServices, command: IssueCommand, actorId: string, now: Date): Promise<Reply> {
  const { issues } = services;
  switch (command.type) {
    case "list":
      return inRenderTurn(async () => buildIssueListReply(await issues.listOpen(), now));
    case "add": {
      const result = await issues.add(command.title, actorId, now);
      if (!result.ok) return errorReply(result.error);
      const where = result.value.messageTs
        ? " and posted it in the cadence channel"
        : "; its channel post has not gone out yet, and Cadence posts it within a minute (no need to add it again)";
      return textReply(`:pushpin: Opened *#${result.value.id}* ${formatTypedText(result.value.title)}${where}.`);
    }
    case "resolve": {
      const result = await resolveWithTodo(services, { issueId: command.id, note: command.note, todo: command.todo }, actorId, now);
      if (!result.ok) return errorReply(result.error);
      const todo = result.value.todo
        ? ` Added to-do *${todoLabel(result.value.todo.id)}* for <@${result.value.todo.ownerId}>, due ${result.value.todo.due}.`
        : "";
      return textReply(`:white_check_mark: Resolved *#${command.id}*.${todo}`);
    }
    case "drop": {
      const result = await issues.drop(command.id, actorId, command.note, now);
      return result.ok ? textReply(`:wastebasket: Dropped *#${command.id}*.`) : errorReply(result.error);
    }
    case "assign": {
      const result = await issues.assign(command.id, actorId, command.assigneeId, now);
      return result.ok ? textReply(`:bust_in_silhouette: Assigned *#${command.id}* to <@${command.assigneeId}>.`) : errorReply(result.error);
    }
  }
}

// `/todo …`: seven-day to-dos.
import { parseTodoCommand, type TodoCommand } from "../../../domain/commands/todo-command";
import type { CadenceServices } from "../../../services/cadence-services";
import { todoLabel } from "../../../services/todo-service";
import { buildTodoListReply } from "../../../messages/todo-blocks";
import { formatTypedText } from "../../../messages/limits";
import { errorReply, textReply, type Reply } from "../../../messages/reply";
import { commandListener, inRenderTurn } from "./command-listener";

export function todoCommand(services: CadenceServices) {
  return commandListener("/todo", async ({ command }) => {
    const parsed = parseTodoCommand(command.text);
    if (!parsed.ok) return errorReply(parsed.error);
    return runTodoCommand(services, parsed.command, command.user_id, services.clock());
  });
}

async function runTodoCommand(services: CadenceServices, command: TodoCommand, actor: string, now: Date): Promise<Reply> {
  const { todos } = services;
  if (command.type === "list") return inRenderTurn(async () => buildTodoListReply(await todos.listOpen()));
  if (command.type === "add") {
    const result = await todos.add(command, actor, now);
    return result.ok
      ? textReply(
          `:ballot_box_with_check: Added *${todoLabel(result.value.id)}* ${formatTypedText(result.value.title)} for <@${result.value.ownerId}>, due ${result.value.due}.`,
        )
      : errorReply(result.error);
  }
  const result = await todos.close(command.id, command.type === "done" ? "done" : "dropped", actor, now);
  if (!result.ok) return errorReply(result.error);
  return textReply(command.type === "done" ? `:white_check_mark: *${todoLabel(command.id)}* is done.` : `:wastebasket: Dropped *${todoLabel(command.id)}*.`);
}

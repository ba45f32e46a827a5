// The resolution note form behind an issue's Resolve button.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { z } from "zod";
import { MAX_NOTE_LENGTH } from "../../../domain/commands/issue-command";
import type { CadenceServices } from "../../../services/cadence-services";
import { resolveWithTodo } from "../../../services/resolve-with-todo";
import { RESOLVE_TODO_FIELDS } from "../../blocks/todo-blocks";

const metadata = z.object({ issueId: z.number().int().positive() });

export function resolveIssueSubmitted(services: CadenceServices) {
  return async ({ ack, body, view, logger }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const meta = metadata.safeParse(JSON.parse(view.private_metadata || "{}"));
    const note = view.state.values.note?.note?.value?.trim() ?? "";
    if (!meta.success) return void (await ack({ response_action: "errors", errors: { note: "This form is out of date; close it and try again." } }));
    if (note === "") return void (await ack({ response_action: "errors", errors: { note: "Say how it was resolved." } }));
    if (note.length > MAX_NOTE_LENGTH) return void (await ack({ response_action: "errors", errors: { note: `Keep it under ${MAX_NOTE_LENGTH} characters.` } }));
    const todoTitle = view.state.values[RESOLVE_TODO_FIELDS.title]?.[RESOLVE_TODO_FIELDS.title]?.value?.trim();
    const todoOwner = view.state.values[RESOLVE_TODO_FIELDS.owner]?.[RESOLVE_TODO_FIELDS.owner]?.selected_user ?? null;
    const todo = todoTitle ? { title: todoTitle, ownerId: todoOwner } : undefined;
    const result = await resolveWithTodo(services, { issueId: meta.data.issueId, note, todo }, body.user.id, services.clock());
    if (!result.ok) {
      logger.info(`resolve #${meta.data.issueId} refused: ${result.error}`);
      const field = result.field === "todo" ? (todoOwner ? RESOLVE_TODO_FIELDS.owner : RESOLVE_TODO_FIELDS.title) : "note";
      return void (await ack({ response_action: "errors", errors: { [field]: result.error } }));
    }
    await ack();
  };
}

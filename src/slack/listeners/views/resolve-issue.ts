// The resolution note form behind an issue's Resolve button.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { z } from "zod";
import { MAX_NOTE_LENGTH } from "../../../domain/commands/issue-command";
import type { CadenceServices } from "../../../services/cadence-services";
import { RESOLVE_FORM } from "../../../messages/ids";
import { readPrivateMetadata } from "./private-metadata";
import { resolveWithTodo } from "../../../services/resolve-with-todo";
import { RESOLVE_TODO_FIELDS } from "../../../messages/todo-blocks";

const metadata = z.object({ issueId: z.number().int().positive() });

export function resolveIssueSubmitted(services: CadenceServices) {
  return async ({ ack, body, view, logger }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const meta = readPrivateMetadata(metadata, view.private_metadata);
    const note = view.state.values[RESOLVE_FORM.noteBlock]?.[RESOLVE_FORM.noteAction]?.value?.trim() ?? "";
    const refuseIn = (field: string, error: string) => ack({ response_action: "errors", errors: { [field]: error } });
    const refuse = (error: string) => refuseIn(RESOLVE_FORM.noteBlock, error);
    if (!meta) return void (await refuse("This form is out of date; close it and try again."));
    if (note === "") return void (await refuse("Say how it was resolved."));
    if (note.length > MAX_NOTE_LENGTH) return void (await refuse(`Keep it under ${MAX_NOTE_LENGTH} characters.`));
    const todoTitle = view.state.values[RESOLVE_TODO_FIELDS.title]?.[RESOLVE_TODO_FIELDS.title]?.value?.trim();
    const todoOwner = view.state.values[RESOLVE_TODO_FIELDS.owner]?.[RESOLVE_TODO_FIELDS.owner]?.selected_user ?? null;
    const todo = todoTitle ? { title: todoTitle, ownerId: todoOwner } : undefined;
    const result = await resolveWithTodo(services, { issueId: meta.issueId, note, todo }, body.user.id, services.clock());
    if (!result.ok) {
      logger.info(`resolve #${meta.issueId} refused: ${result.error}`);
      const field = result.field === "todo" ? (todoOwner ? RESOLVE_TODO_FIELDS.owner : RESOLVE_TODO_FIELDS.title) : RESOLVE_FORM.noteBlock;
      return void (await refuseIn(field, result.error));
    }
    await ack();
  };
}

// The resolution note form behind an issue's Resolve button.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { z } from "zod";
import { MAX_NOTE_LENGTH } from "../../../domain/commands/issue-command";
import type { CadenceServices } from "../../../services/cadence-services";
import { RESOLVE_FORM } from "../../../messages/ids";
import { readPrivateMetadata } from "./private-metadata";

const metadata = z.object({ issueId: z.number().int().positive() });

export function resolveIssueSubmitted(services: CadenceServices) {
  return async ({ ack, body, view, logger }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const meta = readPrivateMetadata(metadata, view.private_metadata);
    const note = view.state.values[RESOLVE_FORM.noteBlock]?.[RESOLVE_FORM.noteAction]?.value?.trim() ?? "";
    const refuse = (error: string) => ack({ response_action: "errors", errors: { [RESOLVE_FORM.noteBlock]: error } });
    if (!meta) return void (await refuse("This form is out of date; close it and try again."));
    if (note === "") return void (await refuse("Say how it was resolved."));
    if (note.length > MAX_NOTE_LENGTH) return void (await refuse(`Keep it under ${MAX_NOTE_LENGTH} characters.`));
    const result = await services.issues.resolve(meta.issueId, body.user.id, note, services.clock());
    if (!result.ok) {
      logger.info(`resolve #${meta.issueId} refused: ${result.error}`);
      return void (await refuse(result.error));
    }
    await ack();
  };
}

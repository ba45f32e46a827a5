// Opens a modal from a button before anything that may call Slack: its trigger_id lasts 3 s, and Slack itself
// may take that long to answer. The permission check reads only Cadence's cache; when the cache cannot tell,
// a "Checking…" modal opens first and is replaced once Slack has answered.
import type { ModalView } from "@slack/types";
import { buildNoticeModal } from "../../../messages/checkin-blocks";
import type { SlackApi } from "../../../services/ports/slack-api";

export interface ModalPermission {
  /** From the cache alone: true, false, or undefined when the cache does not know. */
  cached: boolean | undefined;
  /** The full check, which may ask Slack. */
  ask: () => Promise<boolean>;
}

export async function openModalWhenAllowed(
  slack: Pick<SlackApi, "openView" | "updateView">,
  triggerId: string,
  permission: ModalPermission,
  views: { allowed: () => Promise<ModalView>; refused: () => ModalView },
): Promise<void> {
  if (permission.cached !== undefined) {
    const view = permission.cached ? await views.allowed() : views.refused();
    return void (await slack.openView(triggerId, view));
  }
  const viewId = await slack.openView(triggerId, buildNoticeModal("One moment", "Checking…"));
  const view = (await permission.ask()) ? await views.allowed() : views.refused();
  await slack.updateView(viewId, view);
}

// Opens a modal from a button before anything that may call Slack: its trigger_id lasts 3 s, and Slack itself
// may take that long to answer. The permission check reads only Cadence's cache; when the cache cannot tell,
// a "Checking…" modal opens first and is replaced once Slack has answered.
import type { WebClient } from "@slack/web-api";
import { buildNoticeModal } from "../../blocks/checkin-blocks";

export interface ModalPermission {
  /** From the cache alone: true, false, or undefined when the cache does not know. */
  cached: boolean | undefined;
  /** The full check, which may ask Slack. */
  ask: () => Promise<boolean>;
}

export async function openModalWhenAllowed(
  client: WebClient,
  triggerId: string,
  permission: ModalPermission,
  views: { allowed: () => Promise<unknown>; refused: () => unknown },
): Promise<void> {
  if (permission.cached !== undefined) {
    const view = permission.cached ? await views.allowed() : views.refused();
    return void (await client.views.open({ trigger_id: triggerId, view: view as never }));
  }
  const opened = await client.views.open({ trigger_id: triggerId, view: buildNoticeModal("One moment", "Checking…") as never });
  const view = (await permission.ask()) ? await views.allowed() : views.refused();
  await client.views.update({ view_id: String(opened.view?.id), view: view as never });
}

// Builds interaction payloads the way Slack sends them (block_actions, view_submission) and DM events.
import type { BootedApp } from "./boot-app";

export async function clickButton(app: BootedApp, input: { userId: string; actionId: string; value?: string; channelId?: string; messageTs?: string }) {
  const triggerId = app.slack.newTriggerId(input.userId);
  const answer = await app.client.interaction({
    type: "block_actions",
    team: { id: app.slack.teamId },
    user: { id: input.userId, team_id: app.slack.teamId },
    api_app_id: "A_CADENCE",
    trigger_id: triggerId,
    container: { type: "message", channel_id: input.channelId ?? "D0", message_ts: input.messageTs ?? "1" },
    channel: { id: input.channelId ?? "D0" },
    message: { ts: input.messageTs ?? "1" },
    actions: [{ type: "button", action_id: input.actionId, block_id: "b", value: input.value, action_ts: String(Date.now() / 1000) }],
  });
  return { answer, triggerId };
}

/** The state Slack submits for fields the user did not touch: whatever the view pre-filled. */
export function fieldValues(view: any): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    (view.blocks as any[])
      .filter((block) => block.type === "input")
      .map((block) => {
        const element = block.element;
        const state = element.type === "static_select"
          ? { type: element.type, selected_option: element.initial_option ?? null }
          : { type: element.type, value: element.initial_value ?? null };
        return [block.block_id, { [element.action_id]: state }];
      }),
  );
}

/** Submits a modal with text values by block id (`kpi_3`) or a selected option value for selects. */
export async function submitView(app: BootedApp, input: { userId: string; view: any; values: Record<string, string> }) {
  const state = fieldValues(input.view);
  for (const [blockId, value] of Object.entries(input.values)) {
    const block = (input.view.blocks as any[]).find((candidate) => candidate.block_id === blockId);
    if (!block) throw new Error(`no input block ${blockId} in the view`);
    const actionId = block.element.action_id;
    state[blockId] = block.element.type === "static_select"
      ? { [actionId]: { type: "static_select", selected_option: { value, text: { type: "plain_text", text: value } } } }
      : { [actionId]: { type: "plain_text_input", value } };
  }
  return app.client.interaction({
    type: "view_submission",
    team: { id: app.slack.teamId },
    user: { id: input.userId, team_id: app.slack.teamId },
    api_app_id: "A_CADENCE",
    view: { ...input.view, state: { values: state } },
  });
}

export async function sendDm(app: BootedApp, input: { userId: string; text: string; eventId?: string; retryNum?: number }) {
  return app.client.event(
    { type: "message", channel_type: "im", channel: app.slack.dmChannelOf(input.userId), user: input.userId, text: input.text, ts: `${Date.now() / 1000}` },
    { eventId: input.eventId, retryNum: input.retryNum },
  );
}

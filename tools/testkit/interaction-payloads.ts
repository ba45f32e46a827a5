// Interaction payloads the way Slack sends them to the app (https://docs.slack.dev/reference/interaction-payloads/block_actions-payload,
// https://docs.slack.dev/reference/interaction-payloads/view-interactions-payload): tests and the demo both click and submit through these.
export const API_APP_ID = "A_CADENCE";

export interface ActionSource {
  teamId: string;
  userId: string;
  triggerId: string;
  responseUrl?: string;
  /** The message the clicked element is in; absent for a click in a view. */
  message?: { channelId: string; ts: string; isEphemeral?: boolean; body?: unknown };
}

/** A click on a button or a choice in a select. */
export function blockActionsPayload(source: ActionSource, action: Record<string, unknown>): Record<string, unknown> {
  const payload: Record<string, unknown> = {
    type: "block_actions",
    team: { id: source.teamId },
    user: { id: source.userId, team_id: source.teamId },
    api_app_id: API_APP_ID,
    trigger_id: source.triggerId,
    actions: [{ action_ts: String(Date.now() / 1000), ...action }],
  };
  if (source.responseUrl) payload.response_url = source.responseUrl;
  if (source.message) {
    payload.container = {
      type: "message",
      channel_id: source.message.channelId,
      message_ts: source.message.ts,
      is_ephemeral: source.message.isEphemeral ?? false,
    };
    payload.channel = { id: source.message.channelId };
    payload.message = source.message.body ?? { ts: source.message.ts };
  }
  return payload;
}

/** The state Slack submits for fields the user did not touch: whatever the view pre-filled. */
export function prefilledValues(view: any): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    (view.blocks as any[])
      .filter((block) => block.type === "input")
      .map((block) => {
        const element = block.element;
        const state =
          element.type === "static_select"
            ? { type: element.type, selected_option: element.initial_option ?? null }
            : { type: element.type, value: element.initial_value ?? null };
        return [block.block_id, { [element.action_id]: state }];
      }),
  );
}

/** The view state after typing `typed` (text, or a select's option value, by block id) over the pre-filled fields. */
export function typedValues(view: any, typed: Record<string, string>): Record<string, Record<string, unknown>> {
  const state = prefilledValues(view);
  for (const [blockId, value] of Object.entries(typed)) {
    const block = (view.blocks as any[]).find((candidate) => candidate.block_id === blockId);
    if (!block) throw new Error(`no input block ${blockId} in the view`);
    const actionId = block.element.action_id;
    state[blockId] =
      block.element.type === "static_select"
        ? { [actionId]: { type: "static_select", selected_option: { value, text: { type: "plain_text", text: value } } } }
        : { [actionId]: { type: "plain_text_input", value } };
  }
  return state;
}

/** Submitting a modal with the given state values. */
export function viewSubmissionPayload(
  source: { teamId: string; userId: string; triggerId?: string },
  view: any,
  values: Record<string, unknown>,
): Record<string, unknown> {
  return {
    type: "view_submission",
    team: { id: source.teamId },
    user: { id: source.userId, team_id: source.teamId },
    api_app_id: API_APP_ID,
    ...(source.triggerId ? { trigger_id: source.triggerId } : {}),
    view: { ...view, state: { values } },
  };
}

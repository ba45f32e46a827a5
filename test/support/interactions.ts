// Clicks, form submissions and DM events against a booted app, with payloads built as Slack sends them.
import type { BootedApp } from "./boot-app";
import { blockActionsPayload, prefilledValues, typedValues, viewSubmissionPayload } from "../../tools/testkit/interaction-payloads";

/** The state Slack submits for fields the user did not touch: whatever the view pre-filled. */
export const fieldValues = prefilledValues;

export async function clickButton(app: BootedApp, input: { userId: string; actionId: string; value?: string; channelId?: string; messageTs?: string }) {
  const triggerId = app.slack.newTriggerId(input.userId);
  const message = { channelId: input.channelId ?? "D0", ts: input.messageTs ?? "1" };
  const answer = await app.client.interaction(
    blockActionsPayload(
      { teamId: app.slack.teamId, userId: input.userId, triggerId, message },
      { type: "button", action_id: input.actionId, block_id: "b", value: input.value },
    ),
  );
  return { answer, triggerId };
}

/** Submits a modal with text values by block id (`kpi_3`) or a selected option value for selects. */
export async function submitView(app: BootedApp, input: { userId: string; view: any; values: Record<string, string> }) {
  return app.client.interaction(viewSubmissionPayload({ teamId: app.slack.teamId, userId: input.userId }, input.view, typedValues(input.view, input.values)));
}

export async function sendDm(app: BootedApp, input: { userId: string; text: string; eventId?: string; retryNum?: number }) {
  return app.client.event(
    { type: "message", channel_type: "im", channel: app.slack.dmChannelOf(input.userId), user: input.userId, text: input.text, ts: `${Date.now() / 1000}` },
    { eventId: input.eventId, retryNum: input.retryNum },
  );
}

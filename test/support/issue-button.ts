// A click on a button of an issue's post in the cadence channel, as Slack sends it (with a response_url).
import { ISSUE_ACTIONS_BLOCK } from "../../src/messages/ids";
import { CHANNEL, type BootedApp } from "./boot-app";

export function clickIssueButton(app: BootedApp, input: { userId: string; actionId: string; issueId: number; messageTs: string }) {
  const { userId, actionId, issueId, messageTs } = input;
  return app.client.interaction({
    type: "block_actions",
    team: { id: app.slack.teamId },
    user: { id: userId },
    api_app_id: "A_CADENCE",
    trigger_id: app.slack.newTriggerId(userId),
    response_url: app.slack.newResponseUrl(),
    container: { type: "message", channel_id: CHANNEL, message_ts: messageTs },
    channel: { id: CHANNEL },
    message: { ts: messageTs },
    actions: [{ type: "button", block_id: ISSUE_ACTIONS_BLOCK.of(issueId), action_id: actionId, value: String(issueId), action_ts: String(Date.now() / 1000) }],
  });
}

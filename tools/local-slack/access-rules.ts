/**
 * Who may call what, and for how long: the local Slack's scope, channel, trigger and response_url rules, each
 * as Slack documents it (page cited beside the rule). server.ts asks these functions and answers with Slack's codes.
 */
import { readFileSync } from "node:fs";

/** The bot scopes the app asks for in manifest.json: the local Slack grants exactly these by default. */
export function manifestBotScopes(): string[] {
  const manifest = JSON.parse(readFileSync(new URL("../../manifest.json", import.meta.url), "utf8")) as {
    oauth_config?: { scopes?: { bot?: string[] } };
  };
  return manifest.oauth_config?.scopes?.bot ?? [];
}

/**
 * The scopes a call needs, any one of which will do (the method pages' "Scopes" table); undefined when none.
 * History, replies and info depend on the conversation's kind: C… public, G… private, D… a DM.
 *   https://docs.slack.dev/reference/methods/chat.postMessage (chat:write)
 *   https://docs.slack.dev/reference/methods/conversations.history (channels:/groups:/im:/mpim:history)
 *   https://docs.slack.dev/reference/methods/conversations.info (channels:/groups:/im:/mpim:read)
 *   https://docs.slack.dev/reference/methods/conversations.open (channels:manage, groups:write, im:write, mpim:write)
 *   https://docs.slack.dev/reference/methods/users.info and users.list (users:read)
 *   https://docs.slack.dev/reference/methods/views.open (no scope required; also views.push/update/publish)
 */
export function scopesNeeded(method: string, params: Record<string, unknown>): string[] | undefined {
  const kind = conversationKind(String(params.channel ?? ""));
  switch (method) {
    case "chat.postMessage":
    case "chat.postEphemeral":
    case "chat.update":
    case "chat.delete":
      return ["chat:write"];
    case "conversations.history":
    case "conversations.replies":
      return [`${kind}:history`];
    case "conversations.info":
      return [`${kind}:read`];
    case "conversations.open":
      return ["channels:manage", "groups:write", "im:write", "mpim:write"];
    case "users.info":
    case "users.list":
      return ["users:read"];
    default:
      return undefined;
  }
}

function conversationKind(channel: string): "channels" | "groups" | "im" {
  if (channel.startsWith("G")) return "groups";
  if (channel.startsWith("D")) return "im";
  return "channels";
}

/**
 * chat.update, conversations.history and conversations.replies take a conversation id; a user id (U…, W…) is
 * not one of them (only chat.postMessage delivers a user id to the app's DM). Slack answers channel_not_found.
 *   https://docs.slack.dev/reference/methods/chat.update ("channel: Channel containing the message to be updated")
 */
export function isUserId(channel: string): boolean {
  return /^[UW]/.test(channel);
}

/**
 * A trigger_id is exchanged within 3 seconds of the interaction that carried it, once.
 *   https://docs.slack.dev/tools/bolt-js/concepts/creating-modals ("Pass a valid trigger_id within 3 seconds of receiving it")
 *   https://docs.slack.dev/reference/methods/views.open (error expired_trigger_id)
 */
export const TRIGGER_TTL_MS = 3000;

/**
 * A response_url takes up to 5 posts within 30 minutes of the interaction.
 *   https://docs.slack.dev/interactivity/handling-user-interaction ("You can use response_url to publish up to 5
 *   times within 30 minutes"). Slack documents no error code for a spent URL; the local Slack answers 404 with
 *   `used_url` or `expired_url`, which is what apps see in practice.
 */
export const RESPONSE_URL_USES = 5;
export const RESPONSE_URL_TTL_MS = 30 * 60 * 1000;

export class ResponseUrlBudget {
  private readonly issued = new Map<string, { at: number; uses: number }>();

  issue(url: string, at: number): void {
    this.issued.set(url, { at, uses: 0 });
  }

  /** Spends one use; answers why not when the URL is spent. URLs this fake did not issue are taken on trust. */
  spend(url: string, at: number): "used_url" | "expired_url" | undefined {
    const budget = this.issued.get(url);
    if (!budget) return undefined;
    if (at - budget.at > RESPONSE_URL_TTL_MS) return "expired_url";
    if (budget.uses >= RESPONSE_URL_USES) return "used_url";
    budget.uses += 1;
    return undefined;
  }

  clear(): void {
    this.issued.clear();
  }
}

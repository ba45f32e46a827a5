// The Slack Web API calls Cadence makes, behind one small interface so services never see the WebClient.
import type { WebClient } from "@slack/web-api";
import { withFreshBlockIds } from "./fresh-block-ids";

export interface SlackMessage {
  text: string;
  blocks?: unknown[];
  /** Marks the message so a restarted Cadence can find it again (see DeliveryService). */
  metadata?: { event_type: string; event_payload: Record<string, string | number | boolean> };
  threadTs?: string;
}

export interface PostedMessage {
  channel: string;
  ts: string;
}

export interface FoundMessage {
  ts: string;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
}

export interface SlackUserInfo {
  id: string;
  tz: string | null;
  isAdmin: boolean;
  isOwner: boolean;
  isBot: boolean;
  deleted: boolean;
  teamId: string | null;
}

export interface SlackApi {
  postMessage(channel: string, message: SlackMessage): Promise<PostedMessage>;
  updateMessage(channel: string, ts: string, message: SlackMessage): Promise<void>;
  postEphemeral(channel: string, user: string, message: SlackMessage): Promise<void>;
  openDm(userId: string): Promise<string>;
  /** Top-level messages since `oldest` (epoch seconds), newest first, with metadata. */
  history(channel: string, oldest: number): Promise<FoundMessage[]>;
  replies(channel: string, threadTs: string): Promise<FoundMessage[]>;
  userInfo(userId: string): Promise<SlackUserInfo | undefined>;
  publishHome(userId: string, view: unknown): Promise<void>;
  /** Whether the bot is a member of a channel (conversations.info `is_member`; needs channels:read / groups:read). */
  isBotInChannel(channel: string): Promise<boolean>;
  openView(triggerId: string, view: unknown): Promise<void>;
}

export class WebClientSlackApi implements SlackApi {
  constructor(private readonly client: WebClient) {}

  async postMessage(channel: string, message: SlackMessage): Promise<PostedMessage> {
    const result = await this.client.chat.postMessage({
      channel,
      text: message.text,
      blocks: withFreshBlockIds(message.blocks) as never,
      metadata: message.metadata as never,
      thread_ts: message.threadTs,
      unfurl_links: false,
    });
    return { channel: String(result.channel), ts: String(result.ts) };
  }

  async updateMessage(channel: string, ts: string, message: SlackMessage): Promise<void> {
    await this.client.chat.update({ channel, ts, text: message.text, blocks: withFreshBlockIds(message.blocks) as never, metadata: message.metadata as never });
  }

  async postEphemeral(channel: string, user: string, message: SlackMessage): Promise<void> {
    await this.client.chat.postEphemeral({ channel, user, text: message.text, blocks: message.blocks as never });
  }

  async openDm(userId: string): Promise<string> {
    const result = await this.client.conversations.open({ users: userId });
    return String(result.channel?.id);
  }

  async history(channel: string, oldest: number): Promise<FoundMessage[]> {
    const result = await this.client.conversations.history({ channel, oldest: String(oldest), include_all_metadata: true, limit: 200 });
    return (result.messages ?? []).map((message) => ({ ts: String(message.ts), metadata: message.metadata as FoundMessage["metadata"] }));
  }

  async replies(channel: string, threadTs: string): Promise<FoundMessage[]> {
    const result = await this.client.conversations.replies({ channel, ts: threadTs, include_all_metadata: true, limit: 200 });
    return (result.messages ?? []).map((message) => ({ ts: String(message.ts), metadata: message.metadata as FoundMessage["metadata"] }));
  }

  async userInfo(userId: string): Promise<SlackUserInfo | undefined> {
    try {
      const result = await this.client.users.info({ user: userId });
      const user = result.user;
      if (!user) return undefined;
      return {
        id: String(user.id),
        tz: user.tz ?? null,
        isAdmin: Boolean(user.is_admin),
        isOwner: Boolean(user.is_owner || user.is_primary_owner),
        isBot: Boolean(user.is_bot) || user.id === "USLACKBOT",
        deleted: Boolean(user.deleted),
        teamId: user.team_id ?? null,
      };
    } catch (error) {
      if (slackErrorCode(error) === "user_not_found") return undefined;
      throw error;
    }
  }

  async publishHome(userId: string, view: unknown): Promise<void> {
    await this.client.views.publish({ user_id: userId, view: view as never });
  }

  async isBotInChannel(channel: string): Promise<boolean> {
    const result = await this.client.conversations.info({ channel });
    return Boolean(result.channel?.is_member);
  }

  async openView(triggerId: string, view: unknown): Promise<void> {
    await this.client.views.open({ trigger_id: triggerId, view: view as never });
  }
}

/** The `error` string of a Slack platform error (`user_not_found`), if that is what `error` is. */
export function slackErrorCode(error: unknown): string | undefined {
  const data = (error as { data?: { error?: string } } | undefined)?.data;
  return typeof data?.error === "string" ? data.error : undefined;
}

// The adapter behind the SlackApi port (services/ports/slack-api.ts): Cadence's Web API calls over the WebClient.
import type { HomeView, ModalView } from "@slack/types";
import { ErrorCode, WebClient } from "@slack/web-api";
import {
  slackErrorCode,
  SlackRateLimited,
  type FoundMessage,
  type MessagePage,
  type PostedMessage,
  type SlackApi,
  type SlackMessage,
  type SlackUserInfo,
  type UserPage,
} from "../services/ports/slack-api";
import { withFreshBlockIds } from "./fresh-block-ids";

// Slack's page size for history reads (at most 999; Slack may return fewer and still have more).
const PAGE_SIZE = 200;
export const USERS_PAGE_SIZE = 200;

export class WebClientSlackApi implements SlackApi {
  // users.list is Tier 2 (20 a minute). On a 429 the shared client pauses its whole queue until Retry-After,
  // which would hold back every DM meanwhile; paging on a client of its own, which hands the 429 back,
  // lets the caller wait for the next page while the DMs for the last one go out.
  private readonly listingClient: WebClient;

  /**
   * `postClient` posts new messages: it must not retry an unknown outcome (a 5xx or a reset after Slack may
   * have taken the post), or one message becomes two (see postRetryPolicy in app.ts).
   */
  constructor(
    private readonly client: WebClient,
    private readonly postClient: WebClient = client,
  ) {
    this.listingClient = new WebClient(client.token, { slackApiUrl: client.slackApiUrl, rejectRateLimitedCalls: true });
  }

  async postMessage(channel: string, message: SlackMessage): Promise<PostedMessage> {
    const result = await this.postClient.chat.postMessage({
      channel,
      text: message.text,
      blocks: withFreshBlockIds(message.blocks),
      metadata: message.metadata,
      thread_ts: message.threadTs,
      unfurl_links: false,
    });
    return { channel: String(result.channel), ts: String(result.ts) };
  }

  async updateMessage(channel: string, ts: string, message: SlackMessage): Promise<void> {
    await this.client.chat.update({ channel, ts, text: message.text, blocks: withFreshBlockIds(message.blocks), metadata: message.metadata });
  }

  async openDm(userId: string): Promise<string> {
    const result = await this.client.conversations.open({ users: userId });
    return String(result.channel?.id);
  }

  async historyPage(channel: string, oldest: number, cursor?: string): Promise<MessagePage> {
    const result = await this.client.conversations.history({ channel, oldest: String(oldest), include_all_metadata: true, limit: PAGE_SIZE, cursor });
    return toPage(result);
  }

  async repliesPage(channel: string, threadTs: string, cursor?: string): Promise<MessagePage> {
    const result = await this.client.conversations.replies({ channel, ts: threadTs, include_all_metadata: true, limit: PAGE_SIZE, cursor });
    return toPage(result);
  }

  async userInfo(userId: string): Promise<SlackUserInfo | undefined> {
    try {
      const result = await this.client.users.info({ user: userId });
      return result.user ? toUserInfo(result.user) : undefined;
    } catch (error) {
      if (slackErrorCode(error) === "user_not_found") return undefined;
      throw error;
    }
  }

  async listUsers(cursor: string | undefined): Promise<UserPage> {
    try {
      const result = await this.listingClient.users.list({ limit: USERS_PAGE_SIZE, ...(cursor ? { cursor } : {}) });
      return { users: (result.members ?? []).map(toUserInfo), nextCursor: result.response_metadata?.next_cursor || undefined };
    } catch (error) {
      const rateLimited = error as { code?: string; retryAfter?: number };
      if (rateLimited.code === ErrorCode.RateLimitedError) throw new SlackRateLimited(rateLimited.retryAfter ?? 1);
      throw error;
    }
  }

  async publishHome(userId: string, view: HomeView): Promise<void> {
    await this.client.views.publish({ user_id: userId, view });
  }

  async isBotInChannel(channel: string): Promise<boolean> {
    const result = await this.client.conversations.info({ channel });
    return Boolean(result.channel?.is_member);
  }

  async openView(triggerId: string, view: ModalView): Promise<string> {
    const opened = await this.client.views.open({ trigger_id: triggerId, view });
    return String(opened.view?.id);
  }

  async updateView(viewId: string, view: ModalView): Promise<void> {
    await this.client.views.update({ view_id: viewId, view });
  }
}

function toPage(result: { messages?: { ts?: string; metadata?: unknown }[]; has_more?: boolean; response_metadata?: { next_cursor?: string } }): MessagePage {
  const messages = (result.messages ?? []).map((message) => ({ ts: String(message.ts), metadata: message.metadata as FoundMessage["metadata"] }));
  // Slack signals the last page with an empty next_cursor (has_more is absent on some methods' last page).
  const nextCursor = result.response_metadata?.next_cursor || undefined;
  return nextCursor ? { messages, nextCursor } : { messages };
}

interface SlackUserFields {
  id?: string;
  tz?: string;
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
  is_bot?: boolean;
  deleted?: boolean;
  team_id?: string;
}

function toUserInfo(user: SlackUserFields): SlackUserInfo {
  return {
    id: String(user.id),
    tz: user.tz ?? null,
    isAdmin: Boolean(user.is_admin),
    isOwner: Boolean(user.is_owner || user.is_primary_owner),
    isBot: Boolean(user.is_bot) || user.id === "USLACKBOT",
    deleted: Boolean(user.deleted),
    teamId: user.team_id ?? null,
  };
}

// The Slack Web API as services and listeners see it: a port, so neither needs the WebClient and services are
// unit-tested with in-memory fakes. The adapter over the WebClient is src/slack/slack-api.ts.
import type { HomeView, KnownBlock, ModalView } from "@slack/types";

export interface SlackMessage {
  text: string;
  blocks?: KnownBlock[];
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

/** One page of conversations.history or conversations.replies; `nextCursor` when Slack has more. */
export interface MessagePage {
  messages: FoundMessage[];
  nextCursor?: string;
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

export interface UserPage {
  users: SlackUserInfo[];
  /** The cursor of the next page; undefined on the last one. */
  nextCursor: string | undefined;
}

/** Slack answered 429: the call was not taken; try again after `retryAfterSeconds`. */
export class SlackRateLimited extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`rate limited; retry after ${retryAfterSeconds} s`);
  }
}

export interface SlackApi {
  postMessage(channel: string, message: SlackMessage): Promise<PostedMessage>;
  updateMessage(channel: string, ts: string, message: SlackMessage): Promise<void>;
  openDm(userId: string): Promise<string>;
  /** One page of top-level messages since `oldest` (epoch seconds), with metadata; pass `nextCursor` for the next. */
  historyPage(channel: string, oldest: number, cursor?: string): Promise<MessagePage>;
  /** One page of a thread (its parent and replies), with metadata; pass `nextCursor` for the next. */
  repliesPage(channel: string, threadTs: string, cursor?: string): Promise<MessagePage>;
  userInfo(userId: string): Promise<SlackUserInfo | undefined>;
  /** One page of the workspace's members (users.list, up to 200); throws SlackRateLimited on a 429. */
  listUsers(cursor: string | undefined): Promise<UserPage>;
  publishHome(userId: string, view: HomeView): Promise<void>;
  /** Whether the bot is a member of a channel (conversations.info `is_member`; needs channels:read / groups:read). */
  isBotInChannel(channel: string): Promise<boolean>;
  /** views.open: the trigger id works once, within 3 s of the interaction. Answers the view's id. */
  openView(triggerId: string, view: ModalView): Promise<string>;
  /** views.update of a modal opened before. */
  updateView(viewId: string, view: ModalView): Promise<void>;
}

/** The `error` string of a Slack platform error (`user_not_found`), if that is what `error` is. */
export function slackErrorCode(error: unknown): string | undefined {
  const data = (error as { data?: { error?: string } } | undefined)?.data;
  return typeof data?.error === "string" ? data.error : undefined;
}

// What a command answers: one or more ephemeral messages (more than one only when Slack's limits demand it).
import type { Block } from "./limits";
import { escapeExceptMentions, paginateBlocks, section } from "./limits";

export interface Reply {
  text: string;
  blocks?: Block[];
}

/** What a command's work gives when it posted its answer to the response_url itself (elsewhere than the listener). */
export const ALREADY_POSTED = "already posted";
export type AlreadyPosted = typeof ALREADY_POSTED;

/** A one-line refusal; the message may quote the user's input and usage hints, so it is escaped. */
export function errorReply(message: string): Reply {
  return { text: `:warning: ${escapeExceptMentions(message)}` };
}

export function textReply(text: string): Reply {
  return { text, blocks: [section(text)] };
}

/** Splits a long reply into several messages within the block limit, each with the same fallback text. */
export function splitReply(reply: Reply): Reply[] {
  if (!reply.blocks) return [reply];
  return paginateBlocks(reply.blocks).map((blocks, page, pages) => ({
    text: pages.length > 1 ? `${reply.text} (${page + 1}/${pages.length})` : reply.text,
    blocks,
  }));
}

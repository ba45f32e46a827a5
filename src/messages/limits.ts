// Slack's Block Kit limits, and packing long content to fit them instead of failing or cutting silently.
// Defined once here: Cadence's builders and the local Slack (tools/local-slack/block-kit-rules.ts) both import them.
import type { ContextBlock, DividerBlock, HeaderBlock, KnownBlock, SectionBlock } from "@slack/types";

/** Slack's documented Block Kit limits (each with the page that states it). */
export const BLOCK_KIT_LIMITS = {
  // https://docs.slack.dev/reference/block-kit/blocks ("up to 50 blocks in each message, and 100 blocks in modals or Home tabs")
  messageBlocks: 50,
  viewBlocks: 100,
  // https://docs.slack.dev/reference/block-kit/blocks/section-block (text 3,000; fields 10 items of 2,000)
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  // https://docs.slack.dev/reference/block-kit/blocks/header-block
  headerText: 150,
  // https://docs.slack.dev/reference/block-kit/blocks/context-block (10 elements; a text object holds 3,000)
  contextElements: 10,
  contextText: 3000,
  // https://docs.slack.dev/reference/block-kit/blocks/actions-block
  actionsElements: 25,
  // https://docs.slack.dev/reference/block-kit/block-elements/button-element
  buttonText: 75,
  buttonValue: 2000,
  // https://docs.slack.dev/tools/node-slack-sdk/reference/types/interfaces/Block ("block_id should be unique for each
  // message and each iteration of a message. If a message is updated, use a new block_id"; 255 characters)
  blockId: 255,
  actionId: 255,
  // https://docs.slack.dev/reference/views/modal-views (title, submit, close 24; private_metadata 3,000)
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  // https://docs.slack.dev/reference/block-kit/blocks/input-block (label and hint 2,000)
  inputLabel: 2000,
  inputHint: 2000,
  // https://docs.slack.dev/reference/block-kit/block-elements/plain-text-input-element (max_length at most 3,000)
  plainTextInputMaxLength: 3000,
} as const;

export const MAX_BLOCKS_PER_MESSAGE = BLOCK_KIT_LIMITS.messageBlocks;
export const MAX_VIEW_BLOCKS = BLOCK_KIT_LIMITS.viewBlocks;
export const MAX_SECTION_TEXT = BLOCK_KIT_LIMITS.sectionText;
// Leaves room for a continuation marker and Slack's own counting of escaped characters.
const SAFE_SECTION_TEXT = 2900;

/** One Block Kit block, as `@slack/types` defines it: the WebClient type-checks what the builders produce. */
export type Block = KnownBlock;

export function section(text: string, extra: Partial<Omit<SectionBlock, "type" | "text">> = {}): SectionBlock {
  return { type: "section", text: { type: "mrkdwn", text }, ...extra };
}

export function context(text: string): ContextBlock {
  return { type: "context", elements: [{ type: "mrkdwn", text }] };
}

export function header(text: string): HeaderBlock {
  return { type: "header", text: { type: "plain_text", text: text.slice(0, BLOCK_KIT_LIMITS.headerText), emoji: true } };
}

export const divider: DividerBlock = { type: "divider" };

/** Joins lines into as few texts as possible, each within Slack's section limit; an over-long line is split. */
export function packLines(lines: string[], maxChars = SAFE_SECTION_TEXT): string[] {
  const chunks: string[] = [];
  let current = "";
  for (const line of lines.flatMap((line) => splitLongLine(line, maxChars))) {
    if (current !== "" && current.length + 1 + line.length > maxChars) {
      chunks.push(current);
      current = "";
    }
    current = current === "" ? line : `${current}\n${line}`;
  }
  if (current !== "") chunks.push(current);
  return chunks;
}

function splitLongLine(line: string, maxChars: number): string[] {
  if (line.length <= maxChars) return [line];
  const parts: string[] = [];
  for (let start = 0; start < line.length; start += maxChars) parts.push(line.slice(start, start + maxChars));
  return parts;
}

/** Splits blocks into messages of at most `max` blocks each. */
export function paginateBlocks(blocks: Block[], max: number = MAX_BLOCKS_PER_MESSAGE): Block[][] {
  const pages: Block[][] = [];
  for (let start = 0; start < blocks.length; start += max) pages.push(blocks.slice(start, start + max));
  return pages.length > 0 ? pages : [[]];
}

const SLACK_MARKUP = /<[@#!][^<>]*>/g;

/**
 * Escapes `&`, `<` and `>` in text that mixes our own mentions (`<@U1>`) with plain words such as usage hints
 * (`/issue resolve <id>`), which Slack would otherwise read as links.
 */
export function escapeExceptMentions(text: string): string {
  let escaped = "";
  let last = 0;
  for (const match of text.matchAll(SLACK_MARKUP)) {
    escaped += escapeText(text.slice(last, match.index)) + match[0];
    last = match.index! + match[0].length;
  }
  return escaped + escapeText(text.slice(last));
}

/** Escapes user text for mrkdwn so names cannot inject mentions or formatting. */
export function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

// What people type reaches Cadence with Slack's own markup (`should_escape`): `<@U123|bob>`, `<#C123|general>`,
// `<https://x.io|the doc>`. Those are shown as mentions and links again; `<!channel>`, `<!here>`, `<!everyone>` and
// any other `<!…>` stay escaped so nothing a person typed pings a channel through Cadence.
// https://docs.slack.dev/messaging/formatting-message-text ("Escaping text", "Linking to channels and users")
const TYPED_MARKUP = /<(?:@[UW][A-Z0-9]+|#C[A-Z0-9]+|(?:https?:\/\/|mailto:)[^<>|\s]+)(?:\|[^<>]*)?>/g;

/** Escapes text a person typed for mrkdwn, keeping their user and channel mentions and links working. */
export function formatTypedText(text: string): string {
  let formatted = "";
  let last = 0;
  for (const match of text.matchAll(TYPED_MARKUP)) {
    formatted += escapeText(text.slice(last, match.index)) + match[0].replace(/&(?!amp;|lt;|gt;)/g, "&amp;");
    last = match.index! + match[0].length;
  }
  return formatted + escapeText(text.slice(last));
}

/**
 * Escapes typed text and shortens it (with "…") so the escaped form fits `max` characters, cutting neither an
 * entity nor a mention or link: escaping can make text five times longer (`&` → `&amp;`), past Slack's limits.
 */
export function formatTypedTextWithin(text: string, max: number): string {
  const formatted = formatTypedText(text);
  if (formatted.length <= max) return formatted;
  const pieces = formatted.match(/&(?:amp|lt|gt);|<[^<>]*>|[\s\S]/g) ?? [];
  let shortened = "";
  for (const piece of pieces) {
    if (shortened.length + piece.length > max - 1) break;
    shortened += piece;
  }
  return `${shortened}…`;
}

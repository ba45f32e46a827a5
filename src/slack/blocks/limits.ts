// Slack's message limits, and packing long content to fit them instead of failing or cutting silently.
export const MAX_BLOCKS_PER_MESSAGE = 50;
export const MAX_SECTION_TEXT = 3000;
// Leaves room for a continuation marker and Slack's own counting of escaped characters.
const SAFE_SECTION_TEXT = 2900;

export type Block = Record<string, unknown>;

export function section(text: string, extra: Record<string, unknown> = {}): Block {
  return { type: "section", text: { type: "mrkdwn", text }, ...extra };
}

export function context(text: string): Block {
  return { type: "context", elements: [{ type: "mrkdwn", text }] };
}

export function header(text: string): Block {
  return { type: "header", text: { type: "plain_text", text: text.slice(0, 150), emoji: true } };
}

export const divider: Block = { type: "divider" };

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
export function paginateBlocks(blocks: Block[], max = MAX_BLOCKS_PER_MESSAGE): Block[][] {
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
